-- Complaints (投诉): three-tier handling (city branch → province branch → head office) with the
-- regulatory clocks of CBIRC order 2020 No. 3, the four records, the customer's response and
-- review, the dispute playbook, and corrective actions. Customer-owned tables carry customer_id.
-- Runs unchanged on PGlite and PostgreSQL 15.

CREATE SEQUENCE complaint_no_seq START 1;

CREATE TABLE complaint (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  complaint_no text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('hotline', 'counter', 'portal', 'email', 'letter', 'regulator', 'media')),
  category text NOT NULL CHECK (category IN ('sales', 'underwriting', 'claims', 'service_attitude', 'surrender_loss', 'other')),
  sub_reason text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('normal', 'serious', 'critical')),
  collective boolean NOT NULL DEFAULT false,
  -- A collective complaint chooses at most 5 representatives.
  representatives integer CHECK (representatives BETWEEN 1 AND 5),
  regulator_ref text,
  policy_id uuid,
  claim_id uuid,
  staff_concerned_id uuid REFERENCES staff(id),
  subject text NOT NULL,
  -- What the customer says, in their words (personal data): encrypted.
  description_enc text NOT NULL,
  demand_enc text,
  status text NOT NULL CHECK (status IN ('received', 'verified', 'registered', 'handling', 'decided', 'reviewing', 'closed', 'withdrawn')),
  -- The city branch that serves the customer (where the complaint belongs by default) and the unit
  -- handling it now; both paths decide who sees it.
  home_unit_id uuid NOT NULL REFERENCES org_unit(id),
  home_path text NOT NULL,
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  org_path text NOT NULL,
  tier text NOT NULL CHECK (tier IN ('city', 'province', 'hq')),
  assignee_id uuid REFERENCES staff(id),
  assignee_name text,
  received_at timestamptz NOT NULL,
  -- The decision clock: 15 days from receipt, extendable to 30 and then 60.
  due_at timestamptz NOT NULL,
  extension_level integer NOT NULL DEFAULT 0 CHECK (extension_level BETWEEN 0 AND 2),
  warned_at timestamptz,
  breached_at timestamptz,
  decided_at timestamptz,
  customer_response text CHECK (customer_response IN ('accepts', 'disputes')),
  responded_at timestamptz,
  review_due_at timestamptz,
  review_breached_at timestamptz,
  closed_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (customer_id, id),
  CHECK (collective OR representatives IS NULL)
);
CREATE UNIQUE INDEX complaint_id_key ON complaint (id);
CREATE UNIQUE INDEX complaint_no_key ON complaint (complaint_no);
CREATE INDEX complaint_desk_idx ON complaint (org_path, status, due_at);
CREATE INDEX complaint_home_idx ON complaint (home_path, received_at);
CREATE INDEX complaint_received_idx ON complaint (received_at, id);
CREATE INDEX complaint_open_due_idx ON complaint (due_at) WHERE status IN ('received', 'verified', 'registered', 'handling');

-- The four records (registration, verification, transfer, handling) and the others the procedure
-- keeps (extension, response, review, reopening): structured forms, encrypted (they hold findings
-- about a person), each with who and when.
CREATE TABLE complaint_record (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  complaint_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('registration', 'verification', 'transfer', 'coordination', 'handling', 'extension', 'response', 'review', 'closure', 'reopen', 'withdrawal', 'warning', 'breach')),
  data_enc text NOT NULL,
  from_unit_id uuid,
  to_unit_id uuid,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX complaint_record_complaint_idx ON complaint_record (complaint_id, at);

-- The seven-step dispute playbook as a checklist with a note per step.
CREATE TABLE complaint_playbook_step (
  customer_id uuid NOT NULL REFERENCES customer(id),
  complaint_id uuid NOT NULL,
  step text NOT NULL CHECK (step IN ('isolate', 'calm', 'apologise', 'understand', 'propose', 'ask_opinion', 'follow_up')),
  done_at timestamptz NOT NULL,
  note text,
  actor_name text NOT NULL,
  PRIMARY KEY (customer_id, complaint_id, step)
);

-- Corrective actions (纠改措施): from a complaint or the monthly analysis; owned by a unit.
CREATE TABLE corrective_action (
  id uuid PRIMARY KEY,
  complaint_id uuid,
  analysis_month text CHECK (analysis_month ~ '^[0-9]{4}-[0-9]{2}$'),
  owner_unit_id uuid NOT NULL REFERENCES org_unit(id),
  owner_path text NOT NULL,
  title text NOT NULL,
  root_cause text NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'done', 'verified', 'overdue_escalated')),
  evidence text,
  effect text,
  escalated_at timestamptz,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX corrective_action_owner_idx ON corrective_action (owner_path, status, due_on);
