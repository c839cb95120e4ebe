-- Underwriting decisions (核保结论, docs/policies.md "Underwriting"): a pending policy — an
-- application — is issued on a standard, preferential or conditional decision, or declined; each
-- decision is kept with its reasons and the premium before and after it. The exclusions and the
-- reason are free text that often names an illness (甲状腺结节, 既往病史): health data under PIPL,
-- encrypted like a claim's incident. customer_id is the policyholder (the table is distributed with
-- the policy's customer).
CREATE TABLE underwriting_decision (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  policy_id uuid NOT NULL REFERENCES policy(id),
  decision text NOT NULL CHECK (decision IN ('standard', 'preferential', 'conditional', 'declined')),
  premium_adjustment_pct integer CHECK (premium_adjustment_pct BETWEEN -50 AND 300),
  exclusions_enc text,
  reason_enc text,
  premium_before_fen bigint NOT NULL CHECK (premium_before_fen >= 0),
  premium_after_fen bigint NOT NULL CHECK (premium_after_fen >= 0),
  decided_by text NOT NULL,
  decided_by_name text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX underwriting_decision_policy_idx ON underwriting_decision (policy_id, decided_at, id);

-- The underwriting queue walks the applications oldest first; they are few among the policies.
CREATE INDEX policy_pending_idx ON policy (created_at, id) WHERE status = 'pending';
