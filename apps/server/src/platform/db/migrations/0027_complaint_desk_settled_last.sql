-- The complaint desk lists open complaints, the nearest deadline first. With "show closed too" it
-- listed every complaint by that deadline, so two-year-old closed complaints came before today's
-- open ones. `desk_settled` (closed or withdrawn, kept by the database) splits the desk: open
-- complaints first as before, then the settled ones, the most recent deadline first. One index
-- serves both parts, walked forwards for the first and backwards for the second.
ALTER TABLE complaint ADD COLUMN desk_settled boolean GENERATED ALWAYS AS (status IN ('closed', 'withdrawn')) STORED;
CREATE INDEX complaint_desk_order_idx ON complaint (desk_settled, desk_due_at, id);
DROP INDEX complaint_desk_due_idx;
