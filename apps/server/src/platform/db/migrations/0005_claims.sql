-- Claims (理赔): the claim, its workflow events, statutory clocks, documents and notices, adjustment
-- lines, payments; claim settings and clock rules (reference tables, no customer_id); the outbox for
-- messages and events that run after commit. Customer-owned tables carry customer_id = the insured.
-- Runs unchanged on PGlite (PostgreSQL 18) and PostgreSQL 15.

-- Clock rules from shared/domain/statutory-limits.md; `line` '*' is the default, a product line
-- overrides it. Each change bumps `version`, which the clock records.
CREATE TABLE claim_clock_rule (
  line text NOT NULL,
  clock text NOT NULL CHECK (clock IN ('determination', 'payment', 'denial_notice', 'advance_payment')),
  days integer NOT NULL CHECK (days > 0),
  warn_days integer NOT NULL CHECK (warn_days >= 0),
  source text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (line, clock)
);
INSERT INTO claim_clock_rule (line, clock, days, warn_days, source) VALUES
  ('*', 'determination', 30, 5, 'PRC Insurance Law Art. 23 (determination within 30 days of a complete claim)'),
  ('*', 'payment', 10, 3, 'PRC Insurance Law Art. 23 (payment within 10 days of agreement on the amount)'),
  ('*', 'denial_notice', 3, 1, 'PRC Insurance Law Art. 24 (written denial notice within 3 days)'),
  ('*', 'advance_payment', 60, 10, 'PRC Insurance Law Art. 25 (advance payment if the amount is not fixed within 60 days)');

-- Company-wide claim settings (fast track, approval authority, green channel), one JSON value per key.
CREATE TABLE claim_setting (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO claim_setting (key, value) VALUES
  ('fast_track', '{"enabled": true, "thresholdFen": 500000, "excludedDiagnosisPrefixes": ["F", "O", "Z"]}'::jsonb),
  ('approval_authority', '{"claims_adjuster": 1000000, "branch_manager": 10000000, "admin": null}'::jsonb),
  ('green_channel', '{"tiers": ["platinum"]}'::jsonb);

-- Claim numbers: 'CLM' || year || 8 digits from this sequence.
CREATE SEQUENCE claim_no_seq START 1;

CREATE TABLE claim (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid PRIMARY KEY,
  claim_no text NOT NULL UNIQUE,
  policy_id uuid NOT NULL REFERENCES policy(id),
  product_id uuid NOT NULL REFERENCES product(id),
  line text NOT NULL,
  status text NOT NULL CHECK (status IN ('reported', 'registered', 'assessing', 'documents_pending', 'adjusting', 'approving', 'paying', 'closed', 'denied', 'withdrawn', 'reopened')),
  channel text NOT NULL CHECK (channel IN ('phone', 'counter', 'portal', 'partner', 'wechat')),
  reported_at timestamptz NOT NULL,
  incident_at timestamptz NOT NULL,
  incident_kind text NOT NULL CHECK (incident_kind IN ('motor', 'medical', 'illness', 'property')),
  -- The incident (diagnosis, invoices, injuries: health data) encrypted as JSON.
  incident_enc text NOT NULL,
  reporter_name text,
  reporter_phone_enc text,
  reporter_phone_masked text,
  amount_claimed_fen bigint NOT NULL CHECK (amount_claimed_fen >= 0),
  amount_approved_fen bigint CHECK (amount_approved_fen >= 0),
  amount_paid_fen bigint NOT NULL DEFAULT 0 CHECK (amount_paid_fen >= 0),
  assignee_id uuid REFERENCES staff(id),
  assignee_name text,
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  org_path text NOT NULL,
  -- The policy's agent and the customer's owner agent, for an agent's own-records scope.
  agent_id uuid,
  owner_agent_id uuid,
  green_channel boolean NOT NULL DEFAULT false,
  multi_claim boolean NOT NULL DEFAULT false,
  fraud_suspected boolean NOT NULL DEFAULT false,
  fast_track boolean NOT NULL DEFAULT false,
  fast_track_decision jsonb,
  denial_reason text,
  denial_clause text,
  documents_complete_at timestamptz,
  adjusted_by uuid,
  approved_by uuid,
  approved_at timestamptz,
  closed_at timestamptz,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX claim_customer_idx ON claim (customer_id, reported_at DESC);
CREATE INDEX claim_policy_idx ON claim (policy_id);
CREATE INDEX claim_scope_idx ON claim (org_path text_pattern_ops, reported_at DESC, id);
CREATE INDEX claim_assignee_idx ON claim (assignee_id, status);
CREATE INDEX claim_no_prefix_idx ON claim (claim_no text_pattern_ops);

-- Every invoice claimed, so the same invoice is never paid twice.
CREATE TABLE claim_invoice (
  customer_id uuid NOT NULL,
  claim_id uuid NOT NULL REFERENCES claim(id),
  invoice_no text NOT NULL,
  amount_fen bigint NOT NULL,
  PRIMARY KEY (invoice_no, claim_id)
);
CREATE INDEX claim_invoice_claim_idx ON claim_invoice (claim_id);

-- The workflow history: every transition and handling step, who, when and why.
CREATE TABLE claim_event (
  customer_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  type text NOT NULL,
  from_status text,
  to_status text,
  reason text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX claim_event_claim_idx ON claim_event (claim_id, id);

-- Statutory clocks: due_at moves out by the time spent paused (waiting on the customer).
CREATE TABLE claim_clock (
  customer_id uuid NOT NULL,
  claim_id uuid NOT NULL REFERENCES claim(id),
  kind text NOT NULL CHECK (kind IN ('determination', 'payment', 'denial_notice', 'advance_payment')),
  started_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  paused_at timestamptz,
  stopped_at timestamptz,
  warned_at timestamptz,
  breached_at timestamptz,
  rule_days integer NOT NULL,
  rule_warn_days integer NOT NULL,
  rule_source text NOT NULL,
  rule_version integer NOT NULL,
  PRIMARY KEY (claim_id, kind)
);
CREATE INDEX claim_clock_running_idx ON claim_clock (due_at) WHERE stopped_at IS NULL;

CREATE TABLE claim_document (
  customer_id uuid NOT NULL,
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  code text NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  uploaded_by_name text NOT NULL
);
CREATE INDEX claim_document_claim_idx ON claim_document (claim_id, uploaded_at);

-- Notices of missing documents (Art. 22): the first lists everything; later ones say why.
CREATE TABLE claim_document_notice (
  customer_id uuid NOT NULL,
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  codes text[] NOT NULL,
  first boolean NOT NULL,
  late_reason text,
  sent_at timestamptz NOT NULL,
  sent_by_name text NOT NULL
);
CREATE INDEX claim_document_notice_claim_idx ON claim_document_notice (claim_id, sent_at);

CREATE TABLE claim_adjustment_line (
  customer_id uuid NOT NULL,
  claim_id uuid NOT NULL REFERENCES claim(id),
  line_no integer NOT NULL,
  coverage_code text NOT NULL,
  description text NOT NULL,
  claimed_fen bigint NOT NULL,
  excluded_fen bigint NOT NULL,
  deductible_fen bigint NOT NULL,
  ratio_pct integer NOT NULL,
  limit_fen bigint,
  payable_fen bigint NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (claim_id, line_no)
);

CREATE TABLE claim_payment (
  customer_id uuid NOT NULL,
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  kind text NOT NULL CHECK (kind IN ('advance', 'partial', 'final')),
  payee_name text NOT NULL,
  bank_account_enc text NOT NULL,
  bank_account_masked text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  paid_at timestamptz NOT NULL,
  recorded_by_name text NOT NULL
);
CREATE INDEX claim_payment_claim_idx ON claim_payment (claim_id, paid_at);

-- Events for after-commit side effects (customer messages, surveys, follow-up visits), written in
-- the same transaction as the change; a dispatcher marks them published.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic text NOT NULL,
  customer_id uuid,
  aggregate_id uuid,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;
