-- A visit's method reason was kept only as English text ("phone: new policy visits are made by
-- phone (tenure 3 years, annual premium ¥6800.00)"), shown as it was in every language. A visit now
-- also keeps the reason as a key and its figures, for the console to word it; older visits have none
-- and show their text.
ALTER TABLE follow_up_visit ADD COLUMN method_why jsonb;
