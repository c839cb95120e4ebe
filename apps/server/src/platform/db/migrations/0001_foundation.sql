-- Foundation: organisation, staff, sessions, API keys, idempotency, audit trail.
-- Runs unchanged on PGlite (PostgreSQL 18) and PostgreSQL 15: use nothing newer than 15.

CREATE TABLE org_unit (
  id uuid PRIMARY KEY,
  parent_id uuid REFERENCES org_unit(id),
  level text NOT NULL CHECK (level IN ('hq', 'province', 'city', 'outlet')),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  -- Materialised path of ids, '/<hq id>/<province id>/…/<own id>/': a subtree is `path LIKE '<unit path>%'`.
  path text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((level = 'hq') = (parent_id IS NULL))
);
CREATE INDEX org_unit_parent_idx ON org_unit (parent_id);
CREATE INDEX org_unit_path_idx ON org_unit (path text_pattern_ops);

CREATE TABLE staff (
  id uuid PRIMARY KEY,
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  email text,
  mobile text,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en-US')),
  -- Practising licence (执业证) of an agent, checked before a sale.
  licence_no text,
  licence_valid_from date,
  licence_valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (licence_no IS NULL OR (licence_valid_from IS NOT NULL AND licence_valid_to IS NOT NULL AND licence_valid_from <= licence_valid_to))
);
CREATE INDEX staff_org_unit_idx ON staff (org_unit_id);

CREATE TABLE session (
  id uuid PRIMARY KEY,
  -- HMAC of the token: a stolen table does not yield usable tokens.
  token_hash text NOT NULL UNIQUE,
  staff_id uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX session_staff_idx ON session (staff_id);

CREATE TABLE api_key (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  prefix text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  created_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Stored results of POSTs carrying an Idempotency-Key, replayed on retry.
CREATE TABLE idempotency_record (
  principal text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response_body text,
  response_type text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);

-- Append-only, hash-chained audit trail. `seq` has no gaps: a deleted row breaks the chain.
CREATE TABLE audit_event (
  seq bigint PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  actor_id text,
  actor_name text,
  actor_org_unit_id uuid,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  customer_id uuid,
  purpose text,
  request_id text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id);
CREATE INDEX audit_event_customer_idx ON audit_event (customer_id, at) WHERE customer_id IS NOT NULL;

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_event_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
