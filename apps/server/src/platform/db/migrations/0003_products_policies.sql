-- Products and policies: the product catalogue (a company-wide reference table, no customer_id),
-- policies, their parties and endorsements (保全). Runs unchanged on PGlite (PostgreSQL 18) and
-- PostgreSQL 15: no extensions; prefix search uses btree text_pattern_ops indexes.
-- Customer-owned tables carry customer_id: policy.customer_id is the policyholder (投保人),
-- policy_party.customer_id the party, endorsement.customer_id the policyholder.

CREATE TABLE product (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  line text NOT NULL CHECK (line IN ('life', 'critical_illness', 'medical', 'accident', 'annuity', 'motor_compulsory', 'motor_commercial', 'property', 'liability')),
  risk_level text NOT NULL CHECK (risk_level IN ('R1', 'R2', 'R3', 'R4', 'R5')),
  -- [{code, name, sumInsuredLimitFen, deductibleFen, reimbursementPct}]
  coverages jsonb NOT NULL DEFAULT '[]'::jsonb,
  waiting_days integer NOT NULL DEFAULT 0 CHECK (waiting_days >= 0),
  cooling_off_days integer NOT NULL DEFAULT 0 CHECK (cooling_off_days >= 0),
  -- [{code, name, required}]
  claim_documents jsonb NOT NULL DEFAULT '[]'::jsonb,
  description text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX product_line_idx ON product (line, code);

-- Generated policy numbers: 'P' || year || 10 digits from this sequence.
CREATE SEQUENCE policy_no_seq START 1;

CREATE TABLE policy (
  id uuid PRIMARY KEY,
  -- The policyholder (投保人); every party, the policyholder included, is also in policy_party.
  customer_id uuid NOT NULL REFERENCES customer(id),
  policy_no text NOT NULL UNIQUE,
  product_id uuid NOT NULL REFERENCES product(id),
  status text NOT NULL CHECK (status IN ('pending', 'in_force', 'lapsed', 'surrendered', 'expired', 'cancelled')),
  status_reason text,
  -- When the current status took effect (lapse, surrender, cancellation, expiry, reinstatement).
  status_changed_on date,
  sum_insured_fen bigint NOT NULL CHECK (sum_insured_fen >= 0),
  premium_fen bigint NOT NULL CHECK (premium_fen >= 0),
  payment_frequency text NOT NULL CHECK (payment_frequency IN ('single', 'annual', 'semi_annual', 'quarterly', 'monthly')),
  payment_method text CHECK (payment_method IN ('bank_transfer', 'auto_debit', 'cash', 'wechat_pay', 'alipay', 'card')),
  -- Auto-debit account: AES-256-GCM ciphertext and the masked form shown in responses.
  bank_account_enc text,
  bank_account_masked text,
  effective_on date NOT NULL,
  expires_on date NOT NULL,
  cooling_off_ends_on date NOT NULL,
  renewal_of_id uuid REFERENCES policy(id),
  surrender_value_fen bigint CHECK (surrender_value_fen >= 0),
  agent_id uuid NOT NULL REFERENCES staff(id),
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (expires_on > effective_on),
  CHECK (cooling_off_ends_on >= effective_on),
  CHECK ((bank_account_enc IS NULL) = (bank_account_masked IS NULL))
);
-- A policy is renewed at most once.
CREATE UNIQUE INDEX policy_renewal_of_key ON policy (renewal_of_id) WHERE renewal_of_id IS NOT NULL;
CREATE INDEX policy_customer_idx ON policy (customer_id, effective_on);
CREATE INDEX policy_no_prefix_idx ON policy (policy_no text_pattern_ops);
-- Keyset orders of the list (sort value, id), overall and within an agent's book.
CREATE INDEX policy_created_idx ON policy (created_at, id);
CREATE INDEX policy_effective_idx ON policy (effective_on, id);
CREATE INDEX policy_expiry_idx ON policy (expires_on, id);
CREATE INDEX policy_unit_created_idx ON policy (org_unit_id, created_at, id);
CREATE INDEX policy_agent_created_idx ON policy (agent_id, created_at, id);
CREATE INDEX policy_product_idx ON policy (product_id);

-- Customers on a policy: applicant (the policyholder), insured (one or more), beneficiaries with shares.
CREATE TABLE policy_party (
  customer_id uuid NOT NULL REFERENCES customer(id),
  policy_id uuid NOT NULL REFERENCES policy(id),
  role text NOT NULL CHECK (role IN ('applicant', 'insured', 'beneficiary')),
  -- Beneficiary share in whole percent; the shares on a policy total exactly 100.
  share_pct integer CHECK (share_pct BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, policy_id, role),
  CHECK ((role = 'beneficiary') = (share_pct IS NOT NULL))
);
CREATE INDEX policy_party_policy_idx ON policy_party (policy_id, role);

-- Endorsements (保全): who changed what, when, why. `details` holds the change (personal values
-- are masked in responses); `summary` is the masked, human-readable description.
CREATE TABLE endorsement (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  policy_id uuid NOT NULL REFERENCES policy(id),
  type text NOT NULL CHECK (type IN ('address_change', 'beneficiary_change', 'payment_method_change', 'surrender', 'other')),
  effective_on date NOT NULL,
  reason text NOT NULL,
  summary text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  surrender_value_fen bigint CHECK (surrender_value_fen >= 0),
  created_by text NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX endorsement_policy_idx ON endorsement (policy_id, created_at, id);
