/** Public API of the imports module (CSV/XLSX import with mapping, dry run and error report; masked export). */
export { importRoutes } from './import.routes.ts';
export { createImport, dryRunImport, commitImport, cancelImport, getImport, iterateImportErrors } from './import.service.ts';
export { exportList } from './export.service.ts';
export { EXPORT_KINDS, type ExportKind } from './export-sources.ts';
export { spreadsheetSafe } from './export-writer.ts';
