-- Field errors carry a stable rule and its params (ADR 0010), so a client can say what is wrong in
-- its user's language. An import's row errors keep them too; rows reported before this migration
-- have no rule of their own ('invalid': the message says why).
ALTER TABLE import_row_error ADD COLUMN rule text NOT NULL DEFAULT 'invalid';
ALTER TABLE import_row_error ADD COLUMN params jsonb;
