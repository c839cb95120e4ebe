-- Two measurements of the 1M-customer benchmark (issue 6, docs/performance.md).
--
-- 1. Name search by two characters (most Chinese full names: 王芳, 李娜). A trigram index cannot
--    serve LIKE '%王芳%' — the pattern holds no whole trigram — so the search read the whole table
--    (≈ 500 ms at 1M customers). Every two-character piece of a name, in a GIN-indexed array, finds
--    them directly; the column is generated, so every writer keeps it right.
CREATE FUNCTION anxin_bigrams(value text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}') FROM generate_series(1, length(value) - 1) AS i $$;
ALTER TABLE customer ADD COLUMN name_bigrams text[] GENERATED ALWAYS AS (anxin_bigrams(name)) STORED;
CREATE INDEX customer_name_bigram_idx ON customer USING gin (name_bigrams);

-- 2. The complaint clock sweep (run on every opening of the desk and by the background job) looked
--    for work with an OR of three conditions, which no index served: a scan of every complaint
--    (≈ 40 ms at 42k complaints). Each kind of clock work now has a partial index of its own.
CREATE INDEX complaint_decision_clock_idx ON complaint (due_at) WHERE breached_at IS NULL AND status IN ('received', 'verified', 'registered', 'handling');
CREATE INDEX complaint_review_clock_idx ON complaint (review_due_at) WHERE review_breached_at IS NULL AND status = 'reviewing';
