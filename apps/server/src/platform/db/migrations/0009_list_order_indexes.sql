-- Keyset pages of the claim queue and the complaint desk in their list order (issue 6).
-- A unit's scope (org_path LIKE 'prefix%') is a range on the leading column of the older scope
-- indexes, so a page sorted by date had to collect and sort every claim in scope first: 29 ms at
-- 10k claims, growing with the book. With the list order as an index, PostgreSQL walks it from the
-- cursor and filters by scope, and a deep page costs what the first one does.
CREATE INDEX claim_reported_idx ON claim (reported_at, id);
CREATE INDEX complaint_due_idx ON complaint (due_at, id);
