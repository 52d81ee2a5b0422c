-- The hub's first schema: tenants (retailers > stores > machines and tills), people and their sessions, device
-- credentials and one-time enrolment codes, every uploaded record by (machine, seq), items partitioned by month,
-- vouchers and their single redemption, versioned configuration and an event log. Money is bigint minor units
-- beside its ISO 4217 currency, never a float.

CREATE TABLE retailers(
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now());

CREATE TABLE stores(
  id bigserial PRIMARY KEY,
  retailer_id bigint NOT NULL REFERENCES retailers(id),
  number integer NOT NULL UNIQUE CHECK (number BETWEEN 0 AND 9999),  -- as printed in voucher codes
  name text NOT NULL DEFAULT '',
  voucher_key bytea NOT NULL CHECK (length(voucher_key) = 32),       -- signs vouchers and uploads; issued at enrolment
  voucher_expiry_days integer NOT NULL DEFAULT 90 CHECK (voucher_expiry_days BETWEEN 1 AND 3650),
  created_at timestamptz NOT NULL DEFAULT now());

CREATE TABLE machines(
  id bigserial PRIMARY KEY,
  store_id bigint NOT NULL REFERENCES stores(id),
  number integer NOT NULL CHECK (number BETWEEN 0 AND 9),
  acked_seq bigint NOT NULL DEFAULT 0,           -- highest contiguous record stored
  last_mac text NOT NULL DEFAULT '',             -- that record's mac: the next one must chain from it
  config_version bigint NOT NULL DEFAULT 0,      -- the configuration version the machine says it applied
  last_seen timestamptz,
  UNIQUE(store_id, number));

CREATE TABLE tills(
  id bigserial PRIMARY KEY,
  store_id bigint NOT NULL REFERENCES stores(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  UNIQUE(store_id, name));

CREATE TABLE users(
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  role text NOT NULL CHECK (role IN ('operator', 'retailer', 'store')),
  retailer_id bigint REFERENCES retailers(id),
  store_id bigint REFERENCES stores(id),
  CHECK ((role = 'operator') OR (role = 'retailer' AND retailer_id IS NOT NULL) OR (role = 'store' AND store_id IS NOT NULL)));

CREATE TABLE sessions(
  token_hash text PRIMARY KEY,                   -- sha256 of the bearer token; the token itself is never stored
  user_id bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL);

CREATE TABLE credentials(
  token_hash text PRIMARY KEY,
  machine_id bigint REFERENCES machines(id),
  till_id bigint REFERENCES tills(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK ((machine_id IS NULL) <> (till_id IS NULL)));

CREATE TABLE enrolment_codes(
  code_hash text PRIMARY KEY,
  machine_id bigint REFERENCES machines(id),
  till_id bigint REFERENCES tills(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CHECK ((machine_id IS NULL) <> (till_id IS NULL)));

CREATE TABLE records(
  machine_id bigint NOT NULL REFERENCES machines(id),
  seq bigint NOT NULL CHECK (seq > 0),
  kind text NOT NULL CHECK (kind IN ('item', 'payout', 'redemption', 'event')),
  payload text NOT NULL,                         -- exactly the signed bytes
  mac text NOT NULL CHECK (length(mac) = 64),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY(machine_id, seq));

CREATE TABLE items(
  machine_id bigint NOT NULL,
  seq bigint NOT NULL,
  ledger_id bigint NOT NULL,
  session_id bigint NOT NULL,
  gtin text NOT NULL,
  refund_minor bigint NOT NULL,
  deposit_minor bigint NOT NULL,
  handling_fee_micros bigint NOT NULL,
  currency char(3) NOT NULL,
  scheme text NOT NULL,
  scanned_ms bigint NOT NULL,
  scanned_date date NOT NULL,
  PRIMARY KEY(machine_id, seq, scanned_date)) PARTITION BY RANGE (scanned_date);
CREATE TABLE items_default PARTITION OF items DEFAULT;
DO $$
DECLARE month date;
BEGIN
  FOR month IN SELECT generate_series(date '2024-01-01', date '2031-12-01', interval '1 month')::date LOOP
    EXECUTE format('CREATE TABLE items_%s PARTITION OF items FOR VALUES FROM (%L) TO (%L)',
                   to_char(month, 'YYYY_MM'), month, (month + interval '1 month')::date);
  END LOOP;
END $$;

CREATE TABLE vouchers(
  id bigserial PRIMARY KEY,
  machine_id bigint NOT NULL REFERENCES machines(id),
  issued_date date NOT NULL,
  seq_short integer NOT NULL,                    -- the voucher sequence as printed (modulo 100000)
  voucher_seq bigint,                            -- the full sequence, once the kiosk's payout record arrived
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency char(3) NOT NULL,
  expires_date date,
  status text NOT NULL CHECK (status IN ('issued', 'redeemed')),
  redeemed_at timestamptz,
  redeemed_till_id bigint REFERENCES tills(id),
  redeemed_via text,                             -- a kiosk-side redemption's "via", when the kiosk redeemed it
  uploaded boolean NOT NULL DEFAULT false,       -- false: known only from its tag, redeemed before its upload
  UNIQUE(machine_id, issued_date, seq_short));

CREATE TABLE redemptions(
  id bigserial PRIMARY KEY,
  voucher_id bigint NOT NULL UNIQUE REFERENCES vouchers(id),
  till_id bigint REFERENCES tills(id),
  at timestamptz NOT NULL DEFAULT now(),
  verified_by text NOT NULL CHECK (verified_by IN ('record', 'tag', 'kiosk')));

CREATE TABLE config_versions(
  id bigserial PRIMARY KEY,
  retailer_id bigint NOT NULL REFERENCES retailers(id),
  version bigint NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE(retailer_id, version));

CREATE TABLE events(
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  retailer_id bigint REFERENCES retailers(id),
  machine_id bigint REFERENCES machines(id),
  till_id bigint REFERENCES tills(id),
  detail jsonb NOT NULL DEFAULT '{}');
CREATE INDEX events_by_kind ON events(kind, at);
