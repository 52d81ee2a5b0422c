-- The console's additions (numbered apart from the hub's own migrations): where stores are, for the fleet's map;
-- numbered clearing statements; and the indexes the console's reads need. A retailer's month of items is read
-- from that month's partition only (items are partitioned by scanned_date) through the (scanned_date, machine_id)
-- index each partition inherits; a store's day the same way.
ALTER TABLE stores ADD COLUMN IF NOT EXISTS latitude double precision CHECK (latitude BETWEEN -90 AND 90);
ALTER TABLE stores ADD COLUMN IF NOT EXISTS longitude double precision CHECK (longitude BETWEEN -180 AND 180);

CREATE TABLE clearing_statements(
  id bigserial PRIMARY KEY,                      -- the statement number, with the retailer: CS-<retailer>-<id>
  retailer_id bigint NOT NULL REFERENCES retailers(id),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE(retailer_id, period_from, period_to));

CREATE INDEX IF NOT EXISTS items_by_date_machine ON items(scanned_date, machine_id) INCLUDE (currency, scheme, deposit_minor, refund_minor, handling_fee_micros);
CREATE INDEX IF NOT EXISTS machines_by_store ON machines(store_id);
CREATE INDEX IF NOT EXISTS stores_by_retailer ON stores(retailer_id);
CREATE INDEX IF NOT EXISTS vouchers_by_machine_date ON vouchers(machine_id, issued_date);
CREATE INDEX IF NOT EXISTS records_kiosk_events ON records(machine_id, received_at) WHERE kind IN ('event', 'payout');
