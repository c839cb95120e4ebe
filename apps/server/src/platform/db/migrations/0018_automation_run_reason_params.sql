-- Why a rule fired was kept only as English text («policy P… expires on … (reminder 30 days
-- before)»), shown as it was on the rules page in every language. A run now also keeps the reason's
-- params, for the console to word it per rule (`automation.reasons.<rule>`); older runs have none and
-- show their text.
ALTER TABLE automation_run ADD COLUMN reason_params jsonb;
