-- A complaint can be given to a named handler of its unit (action `assign`), which writes an
-- assignment record (who had it, who has it now, a note) beside the four statutory forms.
ALTER TABLE complaint_record DROP CONSTRAINT complaint_record_kind_check;
ALTER TABLE complaint_record ADD CONSTRAINT complaint_record_kind_check
  CHECK (kind IN ('registration', 'verification', 'transfer', 'coordination', 'assignment', 'handling', 'extension', 'response', 'review', 'closure', 'reopen', 'withdrawal', 'warning', 'breach'));
