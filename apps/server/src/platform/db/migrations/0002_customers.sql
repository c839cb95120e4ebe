-- Customers: party, contacts, relationships, custom attribute definitions, consent, interactions.
-- Runs unchanged on PGlite (PostgreSQL 18) and PostgreSQL 15: no extensions (no pg_trgm), so name
-- search uses btree prefix indexes (text_pattern_ops) on the stored pinyin and initials.
-- Every customer-owned table carries customer_id and leads its primary key with it (Citus-ready).

CREATE TABLE customer (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('person', 'organisation')),
  name text NOT NULL,
  -- Full pinyin without tones or spaces ('zhangsan') and initials ('zs'), lower case, for search.
  name_pinyin text NOT NULL,
  name_initials text NOT NULL,
  gender text CHECK (gender IN ('male', 'female')),
  birth_date date,
  -- Sensitive fields: AES-256-GCM ciphertext '<keyId>:<iv>:<tag>:<data>', an HMAC blind index for
  -- exact lookup and duplicate detection, and the masked form shown in lists (no decryption needed).
  id_number_enc text,
  id_number_bidx text,
  id_number_masked text,
  health_notes_enc text,
  bank_account_enc text,
  bank_account_masked text,
  occupation text,
  income_band text CHECK (income_band IN ('under_50k', '50k_100k', '100k_300k', '300k_1m', 'over_1m')),
  unified_social_credit_code text,
  industry text,
  lifecycle_stage text NOT NULL DEFAULT 'prospect' CHECK (lifecycle_stage IN ('prospect', 'active', 'lapsed', 'former')),
  tier text NOT NULL DEFAULT 'standard' CHECK (tier IN ('platinum', 'gold', 'silver', 'standard')),
  owner_agent_id uuid REFERENCES staff(id),
  org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  external_id text,
  attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((id_number_enc IS NULL) = (id_number_bidx IS NULL))
);
CREATE UNIQUE INDEX customer_id_number_bidx_key ON customer (id_number_bidx) WHERE id_number_bidx IS NOT NULL;
CREATE UNIQUE INDEX customer_external_id_key ON customer (external_id) WHERE external_id IS NOT NULL;
-- Keyset orders of the list (sort value, id), overall and within a unit or an agent's book.
CREATE INDEX customer_created_idx ON customer (created_at, id);
CREATE INDEX customer_updated_idx ON customer (updated_at, id);
CREATE INDEX customer_name_idx ON customer (name, id);
CREATE INDEX customer_unit_created_idx ON customer (org_unit_id, created_at, id);
CREATE INDEX customer_owner_created_idx ON customer (owner_agent_id, created_at, id);
-- Prefix search: 'zhangs%' on pinyin, 'zs%' on initials, '张%' on the name.
CREATE INDEX customer_pinyin_prefix_idx ON customer (name_pinyin text_pattern_ops);
CREATE INDEX customer_initials_prefix_idx ON customer (name_initials text_pattern_ops);
CREATE INDEX customer_name_prefix_idx ON customer (name text_pattern_ops);
-- Custom attribute filters use containment (attributes @> '{"key": value}').
CREATE INDEX customer_attributes_idx ON customer USING gin (attributes jsonb_path_ops);

CREATE TABLE contact_point (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('mobile', 'landline', 'email', 'address', 'wechat')),
  value text NOT NULL,
  -- Canonical form for exact search: mobile as 11 digits, e-mail lower case.
  value_normalised text NOT NULL,
  verified boolean NOT NULL DEFAULT false,
  preferred boolean NOT NULL DEFAULT false,
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX contact_point_lookup_idx ON contact_point (channel, value_normalised);
-- One preferred contact per customer.
CREATE UNIQUE INDEX contact_point_preferred_key ON contact_point (customer_id) WHERE preferred;

-- Each relationship is stored in both directions: (A, B, child) and (B, A, parent).
CREATE TABLE relationship (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  related_customer_id uuid NOT NULL REFERENCES customer(id),
  type text NOT NULL CHECK (type IN ('spouse', 'child', 'parent', 'employer', 'employee', 'other')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, id),
  UNIQUE (customer_id, related_customer_id),
  CHECK (customer_id <> related_customer_id)
);

-- Typed custom attributes defined by administrators (a reference table: no customer_id).
CREATE TABLE customer_attribute_definition (
  id uuid PRIMARY KEY,
  key text NOT NULL UNIQUE,
  label_zh text NOT NULL,
  label_en text NOT NULL,
  type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'enum')),
  options jsonb NOT NULL DEFAULT '[]'::jsonb,
  required boolean NOT NULL DEFAULT false,
  filterable boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

-- Current consent per purpose × channel (PIPL); the history is in consent_event.
CREATE TABLE consent (
  customer_id uuid NOT NULL REFERENCES customer(id),
  purpose text NOT NULL CHECK (purpose IN ('service', 'marketing', 'partner_sharing', 'health_data', 'financial_data', 'profiling')),
  channel text NOT NULL CHECK (channel IN ('sms', 'phone', 'email', 'wechat', 'mail', 'any')),
  separate boolean NOT NULL,
  granted boolean NOT NULL,
  granted_at timestamptz,
  withdrawn_at timestamptz,
  evidence_kind text NOT NULL CHECK (evidence_kind IN ('signed_form', 'recorded_call', 'electronic_click', 'other')),
  evidence_reference text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, purpose, channel)
);

CREATE TABLE consent_event (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  purpose text NOT NULL,
  channel text NOT NULL,
  action text NOT NULL CHECK (action IN ('granted', 'withdrawn')),
  separate boolean NOT NULL,
  evidence_kind text NOT NULL,
  evidence_reference text NOT NULL,
  staff_id uuid REFERENCES staff(id),
  staff_name text,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX consent_event_timeline_idx ON consent_event (customer_id, at, id);

CREATE TABLE interaction (
  customer_id uuid NOT NULL REFERENCES customer(id),
  id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('phone', 'counter', 'on_site_visit', 'app', 'web', 'wechat', 'sms', 'email', 'bot')),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  staff_id uuid REFERENCES staff(id),
  staff_name text,
  occurred_at timestamptz NOT NULL,
  summary text NOT NULL,
  -- Links to records of other modules, as plain ids (those modules own their tables).
  policy_id uuid,
  claim_id uuid,
  complaint_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, id)
);
CREATE INDEX interaction_timeline_idx ON interaction (customer_id, occurred_at, id);
