-- The built-in survey templates were named in both languages at once ("理赔结案满意度 / Claim closure
-- satisfaction"), which read as clutter on every page. Names are data in the insurer's language, like
-- product names; the built-in templates (still as seeded) keep their Chinese name. Their questions
-- stay bilingual: the customer answers in the language of the survey page.
UPDATE survey_template SET name = '理赔结案满意度' WHERE id = '019ab000-0000-7000-8000-000000000001' AND name = '理赔结案满意度 / Claim closure satisfaction';
UPDATE survey_template SET name = '投诉处理满意度' WHERE id = '019ab000-0000-7000-8000-000000000002' AND name = '投诉处理满意度 / Complaint handling satisfaction';
UPDATE survey_template SET name = '回访满意度' WHERE id = '019ab000-0000-7000-8000-000000000003' AND name = '回访满意度 / Visit satisfaction';
