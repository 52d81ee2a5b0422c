-- What the fleet and a store's day read from the kiosks' uploaded ledger events: faults raised and cleared, bin
-- levels and emptyings (controller_fault, controller_bins), receipts that did not print, refusals by reason
-- (scan_refused, intake_refused). A record's payload is the kiosk's signed JSON text and an event's detail a JSON
-- text inside it; console_json() reads either, giving NULL for text PostgreSQL's jsonb will not take (a NUL escape),
-- so one odd record can neither stop an upload through the index below nor break a console query.
CREATE FUNCTION console_json(text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN $1::jsonb;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

-- A machine's newest event of a kind without reading its history: DISTINCT ON (machine, kind) walks this backwards.
CREATE INDEX IF NOT EXISTS records_event_kinds ON records(machine_id, (console_json(payload)->>'kind'), seq) WHERE kind = 'event';
