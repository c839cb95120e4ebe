-- Issue 3, imports slice: import jobs with their row errors, and column mappings saved per source.

-- Column mapping (source header → target field) saved per kind and named source system, reused by
-- later imports from the same source. Shared configuration, no customer data.
CREATE TABLE import_mapping (
  kind text NOT NULL CHECK (kind IN ('customers', 'relationships', 'policies')),
  source text NOT NULL,
  mapping jsonb NOT NULL,
  updated_by_name text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, source)
);

-- One uploaded file and its runs. The file itself holds personal data: it is kept encrypted with the
-- field cipher (`file_enc`) only until the job is committed or cancelled, then erased.
CREATE TABLE import_job (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('customers', 'relationships', 'policies')),
  file_name text NOT NULL,
  source text,
  status text NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'validated', 'committing', 'committed', 'failed', 'cancelled')),
  mode text CHECK (mode IN ('all', 'valid')),
  headers jsonb NOT NULL,
  mapping jsonb NOT NULL,
  file_enc text,
  rows_total integer NOT NULL DEFAULT 0,
  rows_processed integer NOT NULL DEFAULT 0,
  rows_valid integer NOT NULL DEFAULT 0,
  rows_invalid integer NOT NULL DEFAULT 0,
  rows_created integer NOT NULL DEFAULT 0,
  rows_updated integer NOT NULL DEFAULT 0,
  rows_skipped integer NOT NULL DEFAULT 0,
  -- Who uploaded it (staff, API key or system) and the materialised path of their org unit: a job
  -- is visible to actors whose subtree contains it.
  created_by_id text NOT NULL,
  created_by_name text NOT NULL,
  org_path text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  validated_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX import_job_org_path_idx ON import_job (org_path text_pattern_ops);
CREATE INDEX import_job_created_idx ON import_job (created_at DESC, id DESC);

-- A rejected row of the last dry run or commit of a job. `value` is masked for personal data: a full
-- ID number or mobile number is never stored here.
CREATE TABLE import_row_error (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id uuid NOT NULL REFERENCES import_job(id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  column_name text,
  field text,
  value text,
  code text NOT NULL,
  message text NOT NULL
);
CREATE INDEX import_row_error_job_idx ON import_row_error (job_id, row_number, id);
