// Contracts of the imports module: zod schemas named Z…, types T… (see shared/CONVENTIONS.md).
import { z } from 'zod';
import { ZId, ZInstant } from './common.ts';
import { ZFieldParams, ZFieldRule } from './field-rules.ts';

/** What an import file holds: customers, relationships between customers, or policies. */
export const IMPORT_KINDS = ['customers', 'relationships', 'policies'] as const;
export const ZImportKind = z.enum(IMPORT_KINDS);
export type TImportKind = z.infer<typeof ZImportKind>;

/** How a commit treats invalid rows: `all` = all-or-nothing, `valid` = write the valid rows, report the rest. */
export const IMPORT_MODES = ['all', 'valid'] as const;
export const ZImportMode = z.enum(IMPORT_MODES);
export type TImportMode = z.infer<typeof ZImportMode>;

/** Lifecycle of an import job: uploaded → validating (dry run) → validated → committing → committed | failed; or cancelled. */
export const IMPORT_STATUSES = ['uploaded', 'validating', 'validated', 'committing', 'committed', 'failed', 'cancelled'] as const;
export const ZImportStatus = z.enum(IMPORT_STATUSES);
export type TImportStatus = z.infer<typeof ZImportStatus>;

/**
 * Target fields a source column can be mapped to, per kind. Money columns (`sumInsured`, `premium`)
 * are in yuan (元, up to 2 decimals) and stored as fen. Custom customer attributes are mapped as
 * `attributes.<key>` (not listed here: any `attributes.` prefix is accepted for customers).
 * Policy `beneficiaries`: `C-0002:60;C-0003:40` (external id or ID number, colon, share %).
 */
export const IMPORT_FIELDS = {
  customers: [
    'externalId',
    'kind',
    'name',
    'gender',
    'birthDate',
    'idNumber',
    'mobile',
    'email',
    'address',
    'wechatId',
    'landline',
    'occupation',
    'lifecycleStage',
    'tier',
    'orgUnitCode',
    'ownerAgentUsername',
  ],
  relationships: [
    'customerExternalId',
    'customerIdNumber',
    'relatedExternalId',
    'relatedIdNumber',
    'type',
  ],
  policies: [
    'policyNo',
    'productCode',
    'policyholderExternalId',
    'policyholderIdNumber',
    'insuredExternalId',
    'insuredIdNumber',
    'beneficiaries',
    'status',
    'sumInsured',
    'premium',
    'frequency',
    'paymentMethod',
    'effectiveOn',
    'expiresOn',
    'agentUsername',
    'orgUnitCode',
  ],
} as const satisfies Record<TImportKind, readonly string[]>;
export type TImportField<K extends TImportKind = TImportKind> = (typeof IMPORT_FIELDS)[K][number];

/** Fields that must be mapped (and filled on every row) for each kind. */
export const IMPORT_REQUIRED_FIELDS = {
  customers: ['name'],
  relationships: ['type'],
  policies: ['policyNo', 'productCode', 'sumInsured', 'premium', 'frequency', 'effectiveOn', 'expiresOn', 'agentUsername'],
} as const satisfies Record<TImportKind, readonly string[]>;

/** Column mapping: source column header (exactly as in the file) → target field; unmapped columns are ignored. */
export const ZImportMapping = z.record(z.string().min(1).max(200), z.string().min(1).max(100));
export type TImportMapping = z.infer<typeof ZImportMapping>;

const ZSourceName = z.string().trim().min(1).max(100);

/**
 * Upload a file to start an import job. The file travels as base64 in JSON (max 20 MB decoded);
 * CSV (UTF-8 with/without BOM, or GB18030/GBK) or XLSX (first sheet). The first row is the header.
 */
export const ZCreateImportRequest = z.object({
  kind: ZImportKind,
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64-encoded. */
  contentBase64: z.string().min(1),
  /** Name of the source system (e.g. `old-crm`); its saved mapping is reused and updated on commit. */
  source: ZSourceName.optional(),
  /** Explicit mapping; when absent the saved mapping of `source`, then the default by header name, is used. */
  mapping: ZImportMapping.optional(),
});
export type TCreateImportRequest = z.infer<typeof ZCreateImportRequest>;

/** An import job as the API shows it (no row data: files hold personal data). */
export const ZImportJob = z
  .object({
    id: ZId,
    kind: ZImportKind,
    fileName: z.string(),
    source: z.string().nullable(),
    status: ZImportStatus,
    /** The mode of the last commit attempt, null before any. */
    mode: ZImportMode.nullable(),
    /** Column headers found in the file, in file order. */
    headers: z.array(z.string()),
    /** The mapping in effect (column → field). */
    mapping: ZImportMapping,
    /** Data rows in the file (header and blank lines not counted). */
    rowsTotal: z.number().int(),
    /** Rows looked at by the running/last dry run or commit (progress). */
    rowsProcessed: z.number().int(),
    rowsValid: z.number().int(),
    rowsInvalid: z.number().int(),
    rowsCreated: z.number().int(),
    rowsUpdated: z.number().int(),
    /** Rows identical to what is stored (re-import of an unchanged row). */
    rowsSkipped: z.number().int(),
    createdById: z.string(),
    createdByName: z.string(),
    createdAt: ZInstant,
    updatedAt: ZInstant,
    validatedAt: ZInstant.nullable(),
    finishedAt: ZInstant.nullable(),
    /**
     * Why the last dry run or commit did not finish, null otherwise: a problem code
     * (`IMPORT_HAS_INVALID_ROWS` when an all-or-nothing commit was refused, `IMPORT_INTERRUPTED` when
     * its server stopped, `INTERNAL` …) and its message. Row values never appear here.
     */
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'ImportJob' });
export type TImportJob = z.infer<typeof ZImportJob>;

/** One rejected row: where, what and why. `value` is masked for personal data (ID numbers, mobiles…). */
export const ZImportRowError = z
  .object({
    /** Row number as in the file, the header being row 1. */
    rowNumber: z.number().int(),
    /** Source column header, null when the error concerns the whole row. */
    column: z.string().nullable(),
    /** Target field, null when the error concerns the whole row. */
    field: z.string().nullable(),
    value: z.string().nullable(),
    /** Error code (from the error catalogue, e.g. `CUSTOMER_INVALID_ID_NUMBER`, or `VALIDATION_FAILED`). */
    code: z.string(),
    message: z.string(),
    /** What is wrong as a stable rule (see field-rules.ts), with the params its text needs. */
    rule: ZFieldRule,
    params: ZFieldParams.optional(),
  })
  .meta({ id: 'ImportRowError' });
export type TImportRowError = z.infer<typeof ZImportRowError>;

/** Result of a dry run or commit: the job with its counts and the first rejected rows (all via errors routes). */
export const ZImportRunResult = z.object({
  job: ZImportJob,
  /** The first 100 row errors; the full list is at `/imports/{id}/errors` and `/imports/{id}/errors.csv`. */
  errors: z.array(ZImportRowError),
});
export type TImportRunResult = z.infer<typeof ZImportRunResult>;

/** Upload response: the job plus what the server suggests (mapping by header names or the source's saved mapping). */
export const ZCreatedImport = z.object({
  job: ZImportJob,
  /** Headers no field was found for (ignored unless mapped). */
  unmappedHeaders: z.array(z.string()),
  /** Required fields not mapped by any column. */
  missingRequiredFields: z.array(z.string()),
});
export type TCreatedImport = z.infer<typeof ZCreatedImport>;

/** Dry run: validate every row without writing; optionally change the mapping first. */
export const ZImportDryRunRequest = z.object({ mapping: ZImportMapping.optional() });
export type TImportDryRunRequest = z.infer<typeof ZImportDryRunRequest>;

/** Commit: write the rows (mode `all` refuses with IMPORT_HAS_INVALID_ROWS if any row is invalid). */
export const ZImportCommitRequest = z.object({ mode: ZImportMode, mapping: ZImportMapping.optional() });
export type TImportCommitRequest = z.infer<typeof ZImportCommitRequest>;

/** Keyset-paginated list query (newest first). */
export const ZImportJobListQuery = z.object({
  kind: ZImportKind.optional(),
  status: ZImportStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type TImportJobListQuery = z.infer<typeof ZImportJobListQuery>;

export const ZImportJobList = z.object({ items: z.array(ZImportJob), nextCursor: z.string().nullable() });
export type TImportJobList = z.infer<typeof ZImportJobList>;

/** Keyset-paginated row errors of a job, in row order. */
export const ZImportRowErrorListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TImportRowErrorListQuery = z.infer<typeof ZImportRowErrorListQuery>;

export const ZImportRowErrorList = z.object({ items: z.array(ZImportRowError), nextCursor: z.string().nullable() });
export type TImportRowErrorList = z.infer<typeof ZImportRowErrorList>;

/** A column mapping saved for a named source system and kind, reused by later imports from that source. */
export const ZSavedImportMapping = z
  .object({
    kind: ZImportKind,
    source: z.string(),
    mapping: ZImportMapping,
    updatedAt: ZInstant,
    updatedByName: z.string(),
  })
  .meta({ id: 'SavedImportMapping' });
export type TSavedImportMapping = z.infer<typeof ZSavedImportMapping>;

export const ZSavedImportMappingList = z.object({ items: z.array(ZSavedImportMapping) });
export type TSavedImportMappingList = z.infer<typeof ZSavedImportMappingList>;

export const ZImportMappingListQuery = z.object({ kind: ZImportKind.optional() });
export type TImportMappingListQuery = z.infer<typeof ZImportMappingListQuery>;

/** Save (create or replace) the mapping of a source. */
export const ZSaveImportMappingRequest = z.object({ kind: ZImportKind, source: ZSourceName, mapping: ZImportMapping });
export type TSaveImportMappingRequest = z.infer<typeof ZSaveImportMappingRequest>;

/** Export file formats. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ZExportFormat = z.enum(EXPORT_FORMATS);
export type TExportFormat = z.infer<typeof ZExportFormat>;

/** Maximum size of an import file, in bytes (decoded). */
export const IMPORT_MAX_FILE_BYTES = 20 * 1024 * 1024;
