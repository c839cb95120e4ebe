// Table types of the imports slice (import_job, import_row_error, import_mapping); DDL in migrations/.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ImportTables {}
