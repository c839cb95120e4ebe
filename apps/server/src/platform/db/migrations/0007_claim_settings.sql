-- Claim settings become editable in the console: each setting carries a version for optimistic
-- concurrency, like the clock rules. Runs unchanged on PGlite and PostgreSQL 15.
ALTER TABLE claim_setting ADD COLUMN version integer NOT NULL DEFAULT 1;
