/** Public API of the imports module (CSV/XLSX import with mapping, dry run and error report; masked export). */
export { importRoutes } from './import.routes.ts';
