-- The complaint desk lists the nearest deadline first, and the deadline it shows is the review
-- clock's while a complaint is under review (reviewing), the decision clock's otherwise. It sorted
-- by the decision deadline only, so complaints under review sat among the others by a date the
-- page did not show. `desk_due_at` is the deadline the desk shows, kept by the database; the desk's
-- keyset pages walk its index as they walked (due_at, id), which no other query uses.
ALTER TABLE complaint ADD COLUMN desk_due_at timestamptz
  GENERATED ALWAYS AS (CASE WHEN status = 'reviewing' AND review_due_at IS NOT NULL THEN review_due_at ELSE due_at END) STORED;
CREATE INDEX complaint_desk_due_idx ON complaint (desk_due_at, id);
DROP INDEX complaint_due_idx;
