-- The tasks the system creates (renewal reminders, win-backs, service recovery, …) had English titles,
-- details and reasons, shown as they were to zh-CN users. A system task now also names its texts
-- (`text_key`, one of TASK_TEXTS in the contracts) with their params, for the console to say in the
-- reader's language; the English columns stay for API users. Tasks made before carry no key.
ALTER TABLE task ADD COLUMN text_key text;
ALTER TABLE task ADD COLUMN text_params jsonb;
