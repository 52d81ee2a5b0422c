-- A store's further voucher keys, announced by its machines when they rotate (POST /v1/keys), so the hub verifies
-- the tags of vouchers a new key made before their payout records arrive. The enrolment key stays in
-- stores.voucher_key (it also derives the upload key); a key id, once known, always stands for the same key.
CREATE TABLE store_keys(
  store_id bigint NOT NULL REFERENCES stores(id),
  key_id integer NOT NULL CHECK (key_id BETWEEN 1 AND 999),
  voucher_key bytea NOT NULL CHECK (length(voucher_key) = 32),
  announced_by bigint REFERENCES machines(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, key_id));
