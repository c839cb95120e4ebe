-- Import runs in the background (ADR 0009): a dry run is now a state of its own (`validating`), so
-- two runs of one import never overlap and a page can follow the run; the last run's failure is kept
-- on the job (a problem code and its message: never row values), since nobody waits on the request
-- that started it. Each claim of a job for a run gets a new `run_id`: a run's writes name it, so a run
-- that lost its job (cancelled, or taken over as stopped) never writes over the next one. Runs
-- unchanged on PGlite and PostgreSQL 15.
ALTER TABLE import_job DROP CONSTRAINT import_job_status_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_status_check
  CHECK (status IN ('uploaded', 'validating', 'validated', 'committing', 'committed', 'failed', 'cancelled'));
ALTER TABLE import_job ADD COLUMN error_code text;
ALTER TABLE import_job ADD COLUMN error_message text;
ALTER TABLE import_job ADD COLUMN run_id uuid;
