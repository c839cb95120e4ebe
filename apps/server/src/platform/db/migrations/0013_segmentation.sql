-- Segmentation, value and risk (requirements S1–S9, C5): per-customer metrics recomputed in batch
-- (`anxin segment run`) and refreshed on events, tag rules, tier rules with entitlements, saved
-- segments, clusters, churn and cross-sell models, risk alerts and the blacklist.
-- Runs unchanged on PGlite and PostgreSQL 15; set-based SQL, no extensions.

-- One row per customer: the figures every segment, tag, tier, alert and model reads. Money in fen;
-- the loss ratio in basis points (claims paid ÷ earned premium × 10,000), null without earned premium.
CREATE TABLE customer_metric (
  customer_id uuid PRIMARY KEY REFERENCES customer(id),
  computed_at timestamptz NOT NULL,
  age integer,
  first_policy_on date,
  tenure_years integer NOT NULL,
  policies_total integer NOT NULL,
  policies_in_force integer NOT NULL,
  -- {"life": 1, "medical": 2}: policies in force by product line.
  in_force_by_line jsonb NOT NULL,
  annual_premium_fen bigint NOT NULL,
  lifetime_premium_fen bigint NOT NULL,
  earned_premium_3y_fen bigint NOT NULL,
  claims_count integer NOT NULL,
  claims_12m integer NOT NULL,
  claims_paid_fen bigint NOT NULL,
  claims_paid_3y_fen bigint NOT NULL,
  loss_ratio_3y_bp integer,
  last_claim_at timestamptz,
  last_purchase_on date,
  last_contact_at timestamptz,
  contacts_12m integer NOT NULL,
  contacts_90d integer NOT NULL,
  contacts_prev_90d integer NOT NULL,
  contact_trend text NOT NULL CHECK (contact_trend IN ('none', 'rising', 'steady', 'falling')),
  renewals integer NOT NULL,
  lapses integer NOT NULL,
  lapses_12m integer NOT NULL,
  complaints_count integer NOT NULL,
  complaints_12m integer NOT NULL,
  latest_csat integer,
  latest_nps integer,
  referral_count integer NOT NULL,
  household_size integer NOT NULL,
  children integer NOT NULL,
  -- RFM quintile scores (5 = best) and the named segment; lifecycle segment; satisfaction × loyalty quadrant.
  rfm_r integer,
  rfm_f integer,
  rfm_m integer,
  rfm_segment text,
  lifecycle_segment text,
  quadrant text,
  -- The customer's cluster in the active cluster run (null until clustering has run).
  cluster_no integer
);
CREATE INDEX customer_metric_rfm_idx ON customer_metric (rfm_segment);
CREATE INDEX customer_metric_lifecycle_idx ON customer_metric (lifecycle_segment);
CREATE INDEX customer_metric_cluster_idx ON customer_metric (cluster_no);

-- Settings of the module (thresholds of alerts, lists, quadrants), edited by administrators.
CREATE TABLE segmentation_setting (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
INSERT INTO segmentation_setting (key, value) VALUES
  ('alerts', '{"multiClaimCount": 3, "multiClaimMonths": 12, "lossRatioPct": 100, "lossRatioYears": 3, "lossRatioMinPaidFen": 100000}'::jsonb),
  ('quadrants', '{"satisfiedCsat": 4, "satisfiedNps": 7, "loyalTenureYears": 3, "loyalRenewals": 1}'::jsonb),
  ('lists', '{"goodClaimFreeYears": 3, "goodTenureYears": 5, "goodCsat": 4, "badLossRatioPct": 150, "badComplaints12m": 3}'::jsonb);

-- Tag rules (C5): a tag applies to every customer whose metrics and attributes meet all its
-- conditions; the customer's tag says why (the facts). Built-in rules are seeded; administrators
-- add their own and switch any off.
CREATE TABLE tag_definition (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  dimension text NOT NULL CHECK (dimension IN ('risk', 'value', 'need')),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- [{"field": "claims_12m", "op": ">=", "value": 3}]
  conditions jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  builtin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
INSERT INTO tag_definition (code, dimension, name_zh, name_en, conditions, builtin) VALUES
  ('multi_claim', 'risk', '多次理赔', 'Multiple claims', '[{"field": "claims_12m", "op": ">=", "value": 3}]', true),
  ('high_loss_ratio', 'risk', '高赔付率', 'High loss ratio', '[{"field": "loss_ratio_3y_pct", "op": ">", "value": 100}]', true),
  ('recent_lapse', 'risk', '近期脱保', 'Recent lapse', '[{"field": "lapses_12m", "op": ">=", "value": 1}]', true),
  ('frequent_complainer', 'risk', '多次投诉', 'Frequent complaints', '[{"field": "complaints_12m", "op": ">=", "value": 2}]', true),
  ('high_premium', 'value', '高保费', 'High premium', '[{"field": "annual_premium_fen", "op": ">=", "value": 2000000}]', true),
  ('long_tenure', 'value', '长期客户', 'Long tenure', '[{"field": "tenure_years", "op": ">=", "value": 5}]', true),
  ('multi_policy', 'value', '多保单', 'Several policies', '[{"field": "policies_in_force", "op": ">=", "value": 3}]', true),
  ('referrer', 'value', '转介绍人', 'Referrer', '[{"field": "referral_count", "op": ">=", "value": 1}]', true),
  ('promoter', 'value', '推荐者', 'Promoter', '[{"field": "latest_nps", "op": ">=", "value": 9}]', true),
  ('medical_gap', 'need', '医疗保障缺口', 'Medical cover gap', '[{"field": "policies_in_force", "op": ">=", "value": 1}, {"field": "line.medical", "op": "=", "value": 0}]', true),
  ('critical_illness_gap', 'need', '重疾保障缺口', 'Critical-illness gap', '[{"field": "age", "op": "between", "value": [25, 55]}, {"field": "line.critical_illness", "op": "=", "value": 0}]', true),
  ('family_life_gap', 'need', '家庭寿险缺口', 'Family life-cover gap', '[{"field": "children", "op": ">=", "value": 1}, {"field": "line.life", "op": "=", "value": 0}]', true),
  ('silver_age_care', 'need', '银发医疗需求', 'Silver-age medical needs', '[{"field": "age", "op": ">=", "value": 55}]', true),
  ('retirement_planning', 'need', '养老规划需求', 'Retirement planning', '[{"field": "age", "op": "between", "value": [40, 59]}, {"field": "line.annuity", "op": "=", "value": 0}]', true);

ALTER TABLE customer_tag ADD COLUMN facts jsonb NOT NULL DEFAULT '[]'::jsonb;

-- Tier rules (S5): the first tier, in rank order, whose thresholds a customer meets; each carries the
-- entitlements other modules honour (they read entitlements, never the tier name).
CREATE TABLE tier_rule (
  tier text PRIMARY KEY CHECK (tier IN ('platinum', 'gold', 'silver', 'standard')),
  rank integer NOT NULL UNIQUE,
  min_annual_premium_fen bigint NOT NULL CHECK (min_annual_premium_fen >= 0),
  min_tenure_years integer NOT NULL CHECK (min_tenure_years >= 0),
  -- {"dedicatedAdvisor": bool, "greenChannel": bool, "onSiteVisits": bool, "priorityService": bool, "serviceHours": int}
  entitlements jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
INSERT INTO tier_rule (tier, rank, min_annual_premium_fen, min_tenure_years, entitlements) VALUES
  ('platinum', 1, 5000000, 3, '{"dedicatedAdvisor": true, "greenChannel": true, "onSiteVisits": true, "priorityService": true, "serviceHours": 2}'),
  ('gold', 2, 2000000, 2, '{"dedicatedAdvisor": false, "greenChannel": false, "onSiteVisits": true, "priorityService": true, "serviceHours": 8}'),
  ('silver', 3, 500000, 1, '{"dedicatedAdvisor": false, "greenChannel": false, "onSiteVisits": false, "priorityService": false, "serviceHours": 24}'),
  ('standard', 4, 0, 0, '{"dedicatedAdvisor": false, "greenChannel": false, "onSiteVisits": false, "priorityService": false, "serviceHours": 48}');
-- The green channel was a claim setting (tiers list); it is now the greenChannel entitlement of a tier.
UPDATE tier_rule SET entitlements = jsonb_set(entitlements, '{greenChannel}', to_jsonb(tier IN (SELECT jsonb_array_elements_text(value->'tiers') FROM claim_setting WHERE key = 'green_channel')));
DELETE FROM claim_setting WHERE key = 'green_channel';

-- Saved segments: filter conditions over metrics, tags and attributes (the explorer), or a cluster of
-- a cluster run saved under a name.
CREATE TABLE segment (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text,
  -- [{"field": ..., "op": ..., "value": ...}]
  conditions jsonb NOT NULL,
  created_by uuid REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

-- A scheduled automation rule may be limited to the members of a segment (its audience).
ALTER TABLE automation_rule ADD COLUMN audience_segment_id uuid REFERENCES segment(id);

-- Clustering runs: k chosen by silhouette, the standardisation, centroids and a profile per cluster.
CREATE TABLE cluster_run (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES staff(id),
  k integer NOT NULL,
  silhouette double precision NOT NULL,
  -- [{"k": 3, "silhouette": 0.41}, …]
  candidates jsonb NOT NULL,
  -- [{"name": "age", "mean": 41.2, "sd": 12.3}, …]
  features jsonb NOT NULL,
  -- [{"no": 0, "size": 1200, "centroid": [...], "profile": {...}, "suggestedName": {"zh": …, "en": …}, "name": null}]
  clusters jsonb NOT NULL,
  sample_size integer NOT NULL,
  customers integer NOT NULL,
  active boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX cluster_run_active_key ON cluster_run (active) WHERE active;

-- Churn and cross-sell models: trained from the company's own data, versioned; an analyst chooses
-- the active version of each name.
CREATE TABLE model (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_-]{1,39}$'),
  version integer NOT NULL,
  target_expr text NOT NULL,
  where_expr text,
  -- [{"name": "tenure_years", "kind": "metric", "mean": …, "sd": …, "weight": …}]
  features jsonb NOT NULL,
  intercept double precision NOT NULL,
  -- {"auc": …, "lift": {"5": …, "10": …, "20": …}, "trainRows": …, "testRows": …, "baseRate": …, "curve": [...]}
  metrics jsonb NOT NULL,
  active boolean NOT NULL DEFAULT false,
  trained_at timestamptz NOT NULL,
  trained_by text NOT NULL,
  scored_at timestamptz,
  UNIQUE (name, version)
);
CREATE UNIQUE INDEX model_active_key ON model (name) WHERE active;

CREATE TABLE model_score (
  customer_id uuid NOT NULL REFERENCES customer(id),
  model_id uuid NOT NULL REFERENCES model(id),
  score double precision NOT NULL,
  -- Top contributing features: [{"name": …, "value": …, "contribution": …}]
  contributions jsonb NOT NULL,
  scored_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, model_id)
);
CREATE INDEX model_score_rank_idx ON model_score (model_id, score DESC, customer_id);

-- Early-warning alerts (S7): multiple claims, high loss ratio; one per customer, kind and period,
-- assigned, reviewed and closed with a decision.
CREATE TABLE risk_alert (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('multi_claim', 'high_loss_ratio')),
  period_key text NOT NULL,
  figures jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'in_review', 'closed')),
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  org_path text NOT NULL,
  assignee_id uuid REFERENCES staff(id),
  assignee_name text,
  decision text CHECK (decision IN ('no_action', 'watch', 'underwriting_review', 'fraud_investigation', 'blacklist_proposed')),
  decision_note text,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz,
  closed_by_name text,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (customer_id, id),
  UNIQUE (customer_id, kind, period_key)
);
CREATE INDEX risk_alert_queue_idx ON risk_alert (org_path text_pattern_ops, status, opened_at DESC, id);

-- Blacklist (S6): reason, evidence, requester, approver (another person), start and expiry. Effects:
-- underwriting referral, claims fraud flag, no marketing. Every look-up and change is audited.
CREATE TABLE blacklist_entry (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('fraud', 'malicious_complaints', 'unpaid_debt', 'sanctions', 'abusive_conduct', 'other')),
  detail text NOT NULL,
  evidence text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'lifted')),
  starts_on date NOT NULL,
  expires_on date,
  requested_by uuid NOT NULL REFERENCES staff(id),
  requested_by_name text NOT NULL,
  requested_at timestamptz NOT NULL,
  decided_by uuid REFERENCES staff(id),
  decided_by_name text,
  decided_at timestamptz,
  decision_note text,
  lifted_at timestamptz,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (customer_id, id),
  CHECK (expires_on IS NULL OR expires_on > starts_on)
);
CREATE INDEX blacklist_entry_status_idx ON blacklist_entry (status, requested_at DESC, id);

-- A new policy with a blacklisted party is held for underwriting: a task of its own kind.
ALTER TABLE task DROP CONSTRAINT task_kind_check;
ALTER TABLE task ADD CONSTRAINT task_kind_check CHECK (kind IN ('manual', 'coverage_review', 'renewal_reminder', 'retention', 'service_recovery', 'visit_problem', 'health_intervention', 'underwriting_referral'));
