-- A corrective action the system opens (a low claims-service score on the service-improvement
-- list) keeps what it is about as a text key and its figures, so the console words it in the
-- reader's language (ADR 0011); title and root_cause keep the English for logs and API users.
-- NULL for actions written by people, whose words are shown as they are.
ALTER TABLE corrective_action ADD COLUMN text_key text;
ALTER TABLE corrective_action ADD COLUMN text_params jsonb;
