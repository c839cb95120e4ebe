-- Customer portal: one-time login codes and portal sessions. The customer identifies with a policy
-- number, the ID number of a party to that policy and a code sent to the mobile on file.
-- Customer-owned tables carry customer_id. Runs unchanged on PGlite and PostgreSQL 15.

CREATE TABLE portal_login_challenge (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  policy_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  -- HMAC of the code with the session secret; the code itself travels only in the (encrypted) outbox.
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, id)
);
CREATE UNIQUE INDEX portal_login_challenge_id_key ON portal_login_challenge (id);
CREATE INDEX portal_login_challenge_recent_idx ON portal_login_challenge (customer_id, created_at);

CREATE TABLE portal_session (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  token_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, id)
);
CREATE UNIQUE INDEX portal_session_token_key ON portal_session (token_hash);
