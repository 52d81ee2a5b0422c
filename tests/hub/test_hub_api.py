"""The hub's API against a fresh PostgreSQL: migrations, health, one-time enrolment, upload batches (in order,
duplicate, reordered, truncated, tampered, replayed, wrong machine), bad input (malformed, oversize, wrong types,
unknown fields, huge numbers, SQL metacharacters, a slow client), tenant scoping of every endpoint, and config
versions published to machines and acknowledged."""
import json
import random
import socket
import time
from pathlib import Path

from hub_harness import HubStack, args, call, check, enroll_machine, enroll_till, generate, hub_cmd, migrate, upload

METACHARS = ["'; DROP TABLE records; --", "\" OR 1=1 --", "\\x00\\'", "%_%", "$1", "ü😀", "\\"]


def table_counts(pg):
    return pg.psql("SELECT (SELECT count(*) FROM records) || '/' || (SELECT count(*) FROM items) || '/' || "
                   "(SELECT count(*) FROM vouchers) || '/' || (SELECT count(*) FROM redemptions) || '/' || "
                   "(SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM config_versions) || '/' || "
                   "(SELECT count(*) FROM credentials)")


def main():
    a = args()
    stack = HubStack(a.hub)
    pg, db, hub = stack.pg, stack.db, stack.hub
    try:
        check("applied 001_schema.sql" in stack.migrated, "migrate applies the schema")
        check("applied" not in migrate(a.hub, db), "migrate again applies nothing")
        shipped = sorted(int(f.name.split("_")[0]) for f in (Path(a.repo) / "hub" / "sql").glob("*.sql"))
        check(pg.psql("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations") == ",".join(map(str, shipped)),
              "every shipped migration's version is recorded")
        check(pg.psql("SELECT count(*) FROM pg_inherits WHERE inhparent = 'items'::regclass") > "90",
              "items are partitioned by month")
        status, health = call(hub.url + "/v1/health")
        check(status == 200 and health["database"] == "ok", "health answers with the database up")

        # Enrolment: one-time codes.
        code = hub_cmd(a.hub, db, "enroll-machine", "--retailer", "Retailer A", "--store", "100", "--machine", "1")
        status, m1 = call(hub.url + "/v1/enroll", "POST", {"code": code})
        check(status == 200 and m1["kind"] == "machine" and len(m1["voucherKey"]) == 64, "a machine enrols with its code")
        status, again = call(hub.url + "/v1/enroll", "POST", {"code": code})
        check(status == 403 and again["field"] == "code", "a used enrolment code is refused")
        m2 = enroll_machine(a.hub, hub.url, db, 100, 2)
        other = enroll_machine(a.hub, hub.url, db, 200, 1, retailer="Retailer B")

        # Upload: in order, in batches.
        records, vouchers = generate(a.loadgen, 100, 1, m1["voucherKey"], 300, 7)
        n = len(records)
        status, r = upload(hub.url, m1, records[:100])
        check(status == 200 and r["acked"] == 100 and r["stored"] == 100, "a first batch is stored and acknowledged")
        status, r = upload(hub.url, m1, records[:100])
        check(status == 200 and r["acked"] == 100 and r["stored"] == 0 and r["duplicates"] == 100, "a duplicate batch is counted once")
        batch = records[100:200]
        random.Random(7).shuffle(batch)
        status, r = upload(hub.url, m1, batch)
        check(status == 200 and r["acked"] == 200 and r["stored"] == 100, "a reordered batch is put back in order")
        truncated = records[200:210] + records[215:230]
        status, r = upload(hub.url, m1, truncated)
        check(status == 200 and r["acked"] == 210 and r["heldBack"] == 15, "a batch with a gap is stored up to the gap")
        tampered = [dict(x) for x in records[210:240]]
        tampered[5]["payload"] = tampered[5]["payload"].replace('"session":', '"session":9')
        before = table_counts(pg)
        status, r = upload(hub.url, m1, tampered)
        check(status == 422 and r["error"] == "bad_mac" and r["field"] == f"records[seq={tampered[5]['seq']}].mac" and r["acked"] == 215,
              "a tampered record is refused by name; the verified prefix before it is kept")
        check(pg.psql("SELECT count(*) FROM events WHERE kind = 'upload_refused'") == "1", "the refusal is recorded as an event")
        replay = dict(records[3])
        replay["payload"] = records[4]["payload"]
        status, r = upload(hub.url, m1, [replay])
        check(status == 409 and r["error"] == "conflict", "a different record replayed under a stored seq is refused")
        status, r = upload(hub.url, m1, [dict(records[215], mac=records[216]["mac"])])
        check(status == 422 and r["error"] == "bad_mac", "a record with another record's signature is refused")
        status, r = upload(hub.url, {**m2, "machine": 1}, records[215:230])
        check(status == 403 and r["error"] == "wrong_machine", "another machine's credential cannot upload this machine's records")
        status, r = upload(hub.url, m2, records[:5])
        check(status == 422 and r["error"] == "bad_mac", "records signed for machine 1 do not verify as machine 2's")
        check(pg.psql("SELECT count(*) FROM events WHERE kind = 'upload_wrong_machine'") == "1", "the wrong machine is recorded")
        status, r = upload(hub.url, m1, records[215:])
        check(status == 200 and r["acked"] == n, "the rest is stored after the refusals")
        items = [json.loads(x["payload"]) for x in records if x["kind"] == "item"]
        check(pg.psql("SELECT count(*) || '/' || sum(refund_minor) FROM items i JOIN machines m ON m.id = i.machine_id "
                      "JOIN stores s ON s.id = m.store_id WHERE s.number = 100 AND m.number = 1")
              == f"{len(items)}/{sum(i['refundMinor'] for i in items)}", "the hub's items equal the machine's: count and sum")
        macs = pg.psql("SELECT string_agg(mac, ',' ORDER BY seq) FROM records").split(",")
        check(macs == [x["mac"] for x in records], "every stored record carries its machine's signature, in seq order, once")
        check(pg.psql("SELECT count(*) FROM vouchers WHERE uploaded") == str(len(vouchers)), "each voucher payout made one voucher")

        # Bad input: a 4xx naming the field, nothing written, the hub stays up.
        before = table_counts(pg)
        t = m1["credential"]
        bad = [
            ("/v1/upload", b"{not json", "body"),
            ("/v1/upload", b"[1,2]", "body"),
            ("/v1/upload", json.dumps({"store": 100, "machine": 1, "records": [], "extra": 1}).encode(), "extra"),
            ("/v1/upload", json.dumps({"store": "100", "machine": 1, "records": [records[0]]}).encode(), "store"),
            ("/v1/upload", json.dumps({"store": 100, "machine": 1, "records": "x"}).encode(), "records"),
            ("/v1/upload", b'{"store": 1e400, "machine": 1, "records": []}', "body"),
            ("/v1/upload", json.dumps({"store": 18446744073709551616, "machine": 1, "records": [records[0]]}).encode(), "store"),
            ("/v1/upload", json.dumps({"store": 100, "machine": 1, "records": [dict(records[0], seq=2**63)]}).encode(), "records[0].seq"),
            ("/v1/upload", json.dumps({"store": 100, "machine": 1, "records": [dict(records[0], seq=1.5)]}).encode(), "records[0].seq"),
            ("/v1/upload", json.dumps({"store": 100, "machine": 1, "records": [dict(records[0], kind="drop")]}).encode(), "records[0].kind"),
            ("/v1/upload", json.dumps({"store": 100, "machine": 1, "records": [dict(records[0], mac="zz" * 32)]}).encode(), "records[0].mac"),
            ("/v1/upload", json.dumps({"store": 100, "machine": 1, "records": [dict(records[0], payload="[")]}).encode(), "records[0].payload"),
            ("/v1/upload", json.dumps({"store": 100, "machine": 1, "records": [dict(records[0], sneaky=1)]}).encode(), "records[0].sneaky"),
        ]
        for path, raw, field in bad:
            status, r = call(hub.url + path, "POST", raw=raw, token=t)
            check(400 <= status < 500 and r.get("field") == field, f"{raw[:50]!r} -> {status} naming {field}")
        status, r = call(hub.url + "/v1/upload", "POST", raw=b"[" * 5_000_000, token=t)
        check(status == 413 and r.get("field") == "body", "an oversize body is refused with 413")
        till = enroll_till(a.hub, hub.url, db, 100, "till-1")
        before = table_counts(pg)
        for s in METACHARS:
            status, r = call(hub.url + "/v1/redeem", "POST", {"code": s, "till": "till-1"}, token=till["credential"])
            check(status == 400 and r["field"] == "code", f"redeem code {s!r} -> 400 naming code")
            status, r = call(hub.url + "/v1/redeem", "POST", {"code": vouchers[0]["voucher"], "till": s}, token=till["credential"])
            check(status == 403 and r["field"] == "till", f"redeem till {s!r} -> 403 naming till")
            status, r = call(hub.url + "/v1/login", "POST", {"email": s, "password": s})
            check(status == 401, f"login as {s!r} is refused")
            status, r = call(hub.url + "/v1/enroll", "POST", {"code": s})
            check(status == 403 and r["field"] == "code", f"enrol with {s!r} is refused")
        status, r = call(hub.url + "/v1/redeem", "POST", {"code": 5, "till": "till-1"}, token=till["credential"])
        check(status == 400 and r["field"] == "code", "a number where a string belongs names the field")
        check(table_counts(pg) == before, "no bad request wrote anything")
        # A slow client trickles half a request and stalls; others are still served and it is dropped.
        slow = socket.create_connection(("127.0.0.1", hub.port))
        slow.sendall(b"POST /v1/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"store\":")
        status, _ = call(hub.url + "/v1/health", timeout=5)
        check(status == 200, "the hub answers others while a slow client stalls")
        slow.settimeout(30)
        start = time.monotonic()
        answer = slow.recv(4096)
        check(time.monotonic() - start < 30, f"the stalled client is answered or dropped ({answer[:12]!r})")
        slow.close()

        # Identities and scoping: people of two retailers and their stores; devices only for their own endpoints.
        hub_cmd(a.hub, db, "add-user", "--email", "op@scheme", "--role", "operator", stdin="operator-password\n")
        hub_cmd(a.hub, db, "add-user", "--email", "a@retail", "--role", "retailer", "--retailer", "Retailer A", stdin="retailer-a-pass\n")
        hub_cmd(a.hub, db, "add-user", "--email", "b@retail", "--role", "retailer", "--retailer", "Retailer B", stdin="retailer-b-pass\n")
        hub_cmd(a.hub, db, "add-user", "--email", "s200@retail", "--role", "store", "--store", "200", stdin="store-200-pass\n")
        check(pg.psql("SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%'") == "4", "passwords are stored as argon2id")
        status, _ = call(hub.url + "/v1/login", "POST", {"email": "a@retail", "password": "wrong-password"})
        check(status == 401, "a wrong password is refused")
        tokens = {}
        for email, pw in [("op@scheme", "operator-password"), ("a@retail", "retailer-a-pass"), ("b@retail", "retailer-b-pass"),
                          ("s200@retail", "store-200-pass")]:
            status, r = call(hub.url + "/v1/login", "POST", {"email": email, "password": pw})
            check(status == 200 and r["token"].startswith("rls_"), f"{email} logs in")
            tokens[email] = r["token"]
        _, ms = call(hub.url + "/v1/machines", token=tokens["op@scheme"])
        check(len(ms["machines"]) == 3, "the operator sees every machine")
        _, ms = call(hub.url + "/v1/machines", token=tokens["a@retail"])
        check(sorted(m["store"] for m in ms["machines"]) == [100, 100], "retailer A sees only its machines")
        _, ms = call(hub.url + "/v1/machines", token=tokens["b@retail"])
        check([m["store"] for m in ms["machines"]] == [200], "retailer B sees only its machine")
        _, ms = call(hub.url + "/v1/machines", token=tokens["s200@retail"])
        check([m["store"] for m in ms["machines"]] == [200], "a store user sees only its store")
        span = "from=2026-01-01&to=2027-12-31"
        status, tot = call(hub.url + f"/v1/totals?store=100&{span}", token=tokens["a@retail"])
        check(status == 200 and tot["totals"][0]["items"] == len(items), "retailer A reads its store's totals")
        for who in ["b@retail", "s200@retail"]:
            for path in [f"/v1/totals?store=100&{span}", "/v1/vouchers?store=100"]:
                status, r = call(hub.url + path, token=tokens[who])
                check(status == 404 or (status == 200 and r.get("vouchers") == []), f"{who} cannot read {path.split('?')[0]} of store 100")
        _, ev = call(hub.url + "/v1/events", token=tokens["b@retail"])
        check(all(e["kind"] not in ("upload_refused", "upload_wrong_machine") for e in ev["events"]),
              "retailer B sees none of retailer A's events")
        status, _ = call(hub.url + "/v1/events", token=tokens["s200@retail"])
        check(status == 403, "a store user may not read the event log")
        device_only = [("POST", "/v1/upload", m1, other), ("POST", "/v1/redeem", till, None), ("GET", "/v1/config", m1, None),
                       ("POST", "/v1/config/ack", m1, None), ("POST", "/v1/keys", m1, None)]
        for method, path, _, _ in device_only:
            for who in tokens:
                status, _ = call(hub.url + path, method, {} if method == "POST" else None, token=tokens[who])
                check(status == 403, f"{who} may not call {method} {path}")
        for method, path in [("GET", "/v1/machines"), ("GET", f"/v1/totals?store=100&{span}"), ("GET", "/v1/vouchers?store=100"),
                             ("GET", "/v1/events"), ("POST", "/v1/config"), ("POST", "/v1/register"), ("POST", "/v1/redeem"),
                             ("POST", "/v1/upload")]:
            devices = {"/v1/upload": [till], "/v1/redeem": [m1, other]}.get(path, [m1, other, till])
            for device in devices:
                status, _ = call(hub.url + path, method, {} if method == "POST" else None, token=device["credential"])
                check(status == 403, f"a {device['kind']} may not call {method} {path}")
            status, _ = call(hub.url + path, method, {} if method == "POST" else None)
            check(status == 401, f"no credential: {method} {path} -> 401")
        for who in ["a@retail", "b@retail", "s200@retail"]:
            status, _ = call(hub.url + "/v1/register", "POST", {"remove": ["9520000000011"]}, token=tokens[who])
            check(status == 403, f"{who} may not publish product register updates (the scheme operator's)")
        check(pg.psql("SELECT count(*) FROM config_versions") == "0", "and no version was written")
        status, r = upload(hub.url, {**other, "store": 100, "machine": 1}, records[:5])
        check(status == 403 and r["error"] == "wrong_machine", "retailer B's machine cannot upload as retailer A's")
        till_b = enroll_till(a.hub, hub.url, db, 200, "till-b", retailer="Retailer B")
        status, r = call(hub.url + "/v1/redeem", "POST", {"code": vouchers[0]["voucher"], "till": "till-b"}, token=till_b["credential"])
        check(status == 200 and r["result"] == "wrong_retailer", "a till of another retailer gets wrong_retailer")
        check(pg.psql("SELECT count(*) FROM redemptions") == "0", "and nothing was redeemed")
        status, _ = call(hub.url + "/v1/logout", "POST", {}, token=tokens["b@retail"])
        status, _ = call(hub.url + "/v1/machines", token=tokens["b@retail"])
        check(status == 401, "a logged-out session is refused")

        # Config hub -> kiosk: versions per retailer, fetched and acknowledged by machines.
        status, r = call(hub.url + "/v1/config", "POST", {"settings": {"overrides": [{"gtin": "04006381333931", "refundMinor": 30}]}},
                         token=tokens["a@retail"])
        check(status == 201 and r["version"] == 1, "retailer A publishes settings version 1")
        status, r = call(hub.url + "/v1/config", "POST", {"retailer": "Retailer A", "settings": {"idleTimeoutSeconds": 45}},
                         token=tokens["op@scheme"])
        check(status == 201 and r["version"] == 2, "the operator publishes version 2 for retailer A")
        status, r = call(hub.url + "/v1/config", "POST", {"retailer": "Retailer B", "settings": {}}, token=tokens["a@retail"])
        check(status == 400 and r["field"] == "retailer", "retailer A cannot publish for retailer B")
        _, cfg = call(hub.url + "/v1/config", token=m1["credential"])
        check(cfg["version"] == 2 and cfg["settings"] == {"overrides": [{"gtin": "04006381333931", "refundMinor": 30}], "idleTimeoutSeconds": 45},
              "a machine fetches its retailer's newest version, carrying version 1's part it has not applied")
        _, cfg_b = call(hub.url + "/v1/config", token=other["credential"])
        check(cfg_b["version"] == 0, "retailer B's machine sees none of retailer A's settings")
        status, r = call(hub.url + "/v1/config/ack", "POST", {"version": 7}, token=m1["credential"])
        check(status == 400 and r["field"] == "version", "acknowledging an unpublished version is refused")
        status, _ = call(hub.url + "/v1/config/ack", "POST", {"version": 2}, token=m1["credential"])
        _, ms = call(hub.url + "/v1/machines", token=tokens["a@retail"])
        check({(m["machine"], m["configVersion"]) for m in ms["machines"]} == {(1, 2), (2, 0)}, "the hub knows each machine's version")
        _, cfg = call(hub.url + "/v1/config", token=m1["credential"])
        check(cfg["version"] == 2 and cfg["settings"] == {"idleTimeoutSeconds": 45} and cfg["applied"] == 2,
              "once it acknowledged version 2, its fetch carries version 2 alone")
        status, r = call(hub.url + "/v1/config/ack", "POST", {"version": 2, "status": "failed", "error": "invalid_settings"},
                         token=m1["credential"])
        check(status == 400 and r["field"] == "message", "a failed acknowledgement without its message is refused naming message")
        status, r = call(hub.url + "/v1/config/ack", "POST", {"version": 2, "error": "invalid_settings"}, token=m1["credential"])
        check(status == 400 and r["field"] == "error", "an applied acknowledgement carries no error")
        status, r = call(hub.url + "/v1/keys", "POST", {"keyId": 2, "key": "ab" * 32, "extra": 1}, token=m1["credential"])
        check(status == 400 and r["field"] == "extra", "an unknown field of a key announcement is named")
        status, health = call(hub.url + "/v1/health")
        check(status == 200 and hub.proc.poll() is None, "the hub is still up")
    finally:
        stack.close()


if __name__ == "__main__":
    main()
