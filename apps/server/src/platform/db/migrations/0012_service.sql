-- Service operations and automation: tasks, follow-up visits (回访), surveys with tokenised links,
-- automation rules with durable jobs and exactly-once runs, customer messages with delivery status,
-- loyalty points and referrals. Customer-owned tables carry customer_id and lead their primary key
-- with it; rules, survey templates and jobs are reference/local tables.

-- Tasks: one inbox per staff member (assignee) and per unit (org_path subtree).
CREATE TABLE task (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('manual', 'coverage_review', 'renewal_reminder', 'retention', 'service_recovery', 'visit_problem', 'health_intervention')),
  title text NOT NULL,
  detail text,
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status text NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  assignee_id uuid REFERENCES staff(id),
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  org_path text NOT NULL,
  due_at timestamptz NOT NULL,
  -- What created it and why (a rule run, a survey answer, a visit, a person).
  source_type text NOT NULL CHECK (source_type IN ('manual', 'rule', 'survey', 'visit')),
  source_id text,
  reason text,
  escalated_at timestamptz,
  escalated_to_id uuid REFERENCES staff(id),
  outcome text,
  completed_at timestamptz,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX task_id_idx ON task (id);
CREATE INDEX task_assignee_idx ON task (assignee_id, status, due_at, id);
CREATE INDEX task_unit_idx ON task (org_path text_pattern_ops, status, due_at, id);
CREATE INDEX task_overdue_idx ON task (due_at) WHERE status IN ('open', 'in_progress') AND escalated_at IS NULL;

-- Follow-up visits (回访): type, method by rule, attempts, script answers, outcome.
CREATE TABLE follow_up_visit (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  visit_type text NOT NULL CHECK (visit_type IN ('new_policy', 'survey', 'case_closure', 'complaint_closure', 'holiday_care')),
  method text NOT NULL CHECK (method IN ('phone', 'on_site', 'letter')),
  -- Why this method (the rule and the figures it used).
  method_reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('scheduled', 'completed', 'refused')),
  due_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  attempt_log jsonb NOT NULL DEFAULT '[]'::jsonb,
  policy_id uuid,
  claim_id uuid,
  complaint_id uuid,
  source text NOT NULL,
  assignee_id uuid REFERENCES staff(id),
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  org_path text NOT NULL,
  answers jsonb,
  outcome_note text,
  problem_task_id uuid,
  completed_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX follow_up_visit_id_idx ON follow_up_visit (id);
CREATE INDEX follow_up_visit_worklist_idx ON follow_up_visit (org_path text_pattern_ops, status, due_at, id);
CREATE INDEX follow_up_visit_customer_idx ON follow_up_visit (customer_id, created_at);

-- Survey templates: questions (CSAT 1–5, NPS 0–10, free text, single choice) with labels in both languages.
CREATE TABLE survey_template (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  context text NOT NULL CHECK (context IN ('claim_closure', 'complaint_closure', 'visit', 'general')),
  questions jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
INSERT INTO survey_template (id, code, name, context, questions) VALUES
  ('019ab000-0000-7000-8000-000000000001', 'claim_closure', '理赔结案满意度 / Claim closure satisfaction', 'claim_closure',
   '[{"key":"csat","kind":"csat","required":true,"label":{"zh-CN":"您对本次理赔服务的满意程度？","en-US":"How satisfied are you with how we handled your claim?"}},
     {"key":"nps","kind":"nps","required":true,"label":{"zh-CN":"您有多大可能向亲友推荐我们？","en-US":"How likely are you to recommend us to a friend or relative?"}},
     {"key":"comment","kind":"text","required":false,"label":{"zh-CN":"您还有什么建议？","en-US":"Anything we could do better?"}}]'),
  ('019ab000-0000-7000-8000-000000000002', 'complaint_closure', '投诉处理满意度 / Complaint handling satisfaction', 'complaint_closure',
   '[{"key":"csat","kind":"csat","required":true,"label":{"zh-CN":"您对投诉处理结果的满意程度？","en-US":"How satisfied are you with how your complaint was resolved?"}},
     {"key":"nps","kind":"nps","required":true,"label":{"zh-CN":"您有多大可能向亲友推荐我们？","en-US":"How likely are you to recommend us to a friend or relative?"}},
     {"key":"comment","kind":"text","required":false,"label":{"zh-CN":"您还有什么建议？","en-US":"Anything we could do better?"}}]'),
  ('019ab000-0000-7000-8000-000000000003', 'visit', '回访满意度 / Visit satisfaction', 'visit',
   '[{"key":"csat","kind":"csat","required":true,"label":{"zh-CN":"您对我们的服务满意吗？","en-US":"How satisfied are you with our service?"}},
     {"key":"nps","kind":"nps","required":true,"label":{"zh-CN":"您有多大可能向亲友推荐我们？","en-US":"How likely are you to recommend us to a friend or relative?"}}]');

-- A survey sent to a customer: the link's token is stored only as a hash; one answer per token.
CREATE TABLE survey (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  template_id uuid NOT NULL REFERENCES survey_template(id),
  context text NOT NULL,
  -- The questions as sent: later edits of the template do not change a survey already out.
  questions jsonb NOT NULL,
  claim_id uuid,
  complaint_id uuid,
  visit_id uuid,
  -- What the answers are reported by: the responsible unit, product line and agent.
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  org_path text NOT NULL,
  product_id uuid,
  agent_id uuid,
  token_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('sent', 'answered')),
  sent_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  answered_at timestamptz,
  csat smallint CHECK (csat BETWEEN 1 AND 5),
  nps smallint CHECK (nps BETWEEN 0 AND 10),
  answers jsonb,
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX survey_id_idx ON survey (id);
CREATE INDEX survey_token_idx ON survey (token_hash);
CREATE INDEX survey_answered_idx ON survey (answered_at, org_path) WHERE status = 'answered';
CREATE INDEX survey_customer_idx ON survey (customer_id, sent_at);

-- A low claims score opens a service-improvement item for the responsible department: the
-- corrective-action list, with its source.
ALTER TABLE corrective_action ADD COLUMN source text NOT NULL DEFAULT 'complaint' CHECK (source IN ('complaint', 'analysis', 'survey'));
ALTER TABLE corrective_action ADD COLUMN survey_id uuid;

-- Automation rules: built in, switchable, with parameters.
CREATE TABLE automation_rule (
  code text PRIMARY KEY,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'event')),
  enabled boolean NOT NULL,
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_by_name text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
INSERT INTO automation_rule (code, trigger, enabled, params) VALUES
  ('birthday_review', 'schedule', true, '{"daysBefore":7}'),
  ('renewal_reminder', 'schedule', true, '{"daysBefore":[30,7]}'),
  ('lapse_retention', 'schedule', true, '{"daysAfterExpiry":7}'),
  ('claim_closure_visit', 'event', true, '{"visitWithinDays":3,"surveyValidDays":14}'),
  ('complaint_closure_visit', 'event', true, '{"visitWithinDays":3,"surveyValidDays":14}'),
  ('new_policy_visit', 'event', true, '{}'),
  ('survey_visit', 'event', true, '{"visitWithinDays":2}'),
  ('claim_then_no_renewal', 'schedule', true, '{}'),
  ('claim_free_year', 'schedule', true, '{"points":100}'),
  ('low_score_recovery', 'event', true, '{"csatAtMost":2,"npsAtMost":6}'),
  ('overdue_task_escalation', 'schedule', true, '{}'),
  ('churn_watch', 'schedule', true, '{"recentDays":90,"baselineDays":365,"dropPct":50,"minBaseline":4}'),
  ('health_intervention', 'schedule', true, '{"months":3,"systolicAtLeast":140,"diastolicAtLeast":90}'),
  ('holiday_care_visit', 'schedule', true, '{"daysBefore":3,"onSiteTenureYears":5,"onSiteAnnualPremiumFen":1000000}');

-- Health readings from a health-management feed (partner API), kept only with the customer's
-- separate consent to process health data; the values are encrypted (AES-256-GCM).
CREATE TABLE health_reading (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('blood_pressure')),
  measured_on date NOT NULL,
  value_enc text NOT NULL,
  source text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX health_reading_recent_idx ON health_reading (measured_on, customer_id);

-- Tags on a customer (risk, value, need), each with the reason it applies and what set it. Rules
-- set them (churn watch); tag definitions by administrators come with segmentation.
CREATE TABLE customer_tag (
  customer_id uuid NOT NULL REFERENCES customer(id),
  tag text NOT NULL,
  dimension text NOT NULL CHECK (dimension IN ('risk', 'value', 'need')),
  reason text NOT NULL,
  source text NOT NULL,
  applied_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, tag)
);
CREATE INDEX customer_tag_tag_idx ON customer_tag (tag);

-- One row per rule × customer × period: the unique key is what makes a rule fire once even with
-- several workers; the row says what the run did and why.
CREATE TABLE automation_run (
  customer_id uuid NOT NULL REFERENCES customer(id),
  rule_code text NOT NULL REFERENCES automation_rule(code),
  period_key text NOT NULL,
  fired_at timestamptz NOT NULL,
  reason text NOT NULL,
  actions jsonb NOT NULL,
  PRIMARY KEY (customer_id, rule_code, period_key)
);
CREATE INDEX automation_run_rule_idx ON automation_run (rule_code, fired_at DESC);
CREATE INDEX automation_run_recent_idx ON automation_run (fired_at DESC);

-- Durable jobs: a scheduled rule's daily sweep and other due work. Claimed with
-- FOR UPDATE SKIP LOCKED and a lease, so several workers share them and a crashed worker's job runs again.
CREATE TABLE job (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  dedupe_key text NOT NULL UNIQUE,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  run_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- Outbox events whose handler fails are retried a few times, then set aside (published with the error).
ALTER TABLE outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error text;

CREATE INDEX job_due_idx ON job (run_at) WHERE status IN ('pending', 'running');

-- Customer messages: one row per message, whatever the channel; params carry ids and figures, never
-- personal data in clear (secrets encrypted).
CREATE TABLE message (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'email', 'wechat', 'push')),
  template text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('zh-CN', 'en-US')),
  purpose text NOT NULL CHECK (purpose IN ('service', 'marketing')),
  params jsonb NOT NULL,
  recipient_masked text,
  status text NOT NULL CHECK (status IN ('queued', 'deferred', 'sent', 'failed', 'suppressed')),
  status_reason text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  adapter text,
  provider_ref text,
  last_error text,
  sent_at timestamptz,
  source text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX message_due_idx ON message (next_attempt_at) WHERE status IN ('queued', 'deferred');
CREATE INDEX message_log_idx ON message (created_at DESC, id);
CREATE INDEX message_customer_idx ON message (customer_id, created_at);

-- Loyalty points (a ledger) and referrals (who referred whom, which policy resulted).
CREATE TABLE loyalty_entry (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  points integer NOT NULL CHECK (points <> 0),
  reason text NOT NULL CHECK (reason IN ('claim_free_year', 'referral', 'adjustment')),
  source_id text,
  note text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, id)
);
CREATE TABLE referral (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  referred_customer_id uuid NOT NULL,
  policy_id uuid,
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  org_path text NOT NULL,
  referred_on date NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, id)
);
CREATE UNIQUE INDEX referral_referred_key ON referral (customer_id, referred_customer_id);
CREATE INDEX referral_period_idx ON referral (referred_on, org_path);
