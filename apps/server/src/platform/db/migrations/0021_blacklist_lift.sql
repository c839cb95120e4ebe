-- Lifting a blacklist entry wrote its note over the approval's note and kept no one as the lifter,
-- so the list credited the lift to the approver. The lift now has its own who and note; the lifted
-- entries so far carry the lift's note in decision_note (the approval's note was lost) and move it.
ALTER TABLE blacklist_entry ADD COLUMN lifted_by text, ADD COLUMN lifted_by_name text, ADD COLUMN lift_note text;
UPDATE blacklist_entry SET lift_note = decision_note, decision_note = NULL WHERE status = 'lifted';
