"""Configuration from the hub to a real headless kiosk: a retailer publishes a rate override; the kiosk's worker
fetches it, the kiosk keeps its old rate while a session is open and applies the version between sessions through
its validated settings path (a signed settings_changed event in its ledger, uploaded to the hub), then acknowledges
it and the hub's machine row shows the version. A version that fails validation, and one that sets a field the hub
may not set, are acknowledged as failed with the typed error code and field; the kiosk keeps its previous good
settings, and the hub shows the machine as failed. The scheme operator's product register deltas (a malformed one is
refused naming the field, nothing written) reach the kiosk the same way: a GTIN added is accepted and one removed
refused from the next session on, the overlay file survives a restart, and a register the kiosk's core refuses is
acknowledged as failed with invalid_register while the previous good register stays in use."""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kiosk"))
import kiosk_harness  # noqa: E402
from hub_harness import HubStack, args, call, check, enroll_kiosk, hub_kiosk, person_token, wait_until  # noqa: E402

PET = "9520000000011"  # sample still water 500 mL: a single-use PET bottle, 25 cents in the German scheme


def gtin13(body12):
    """A GTIN-13 with its GS1 check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def main():
    a = args()
    stack = HubStack(a.hub)
    pg, db, hub = stack.pg, stack.db, stack.hub
    kiosk = None
    work = kiosk_harness.make_workdir(a.repo, duplicate_window_ms=0)
    try:
        cred, _, out = enroll_kiosk(a, hub.url, db, work)
        check(out.returncode == 0, "the kiosk enrols")
        staff = person_token(a.hub, hub.url, db, "a@retail", "retailer", retailer="Sample retailer")

        wrapper = hub_kiosk(a, work, hub.url, cred, config_poll_ms=300)
        kiosk = kiosk_harness.Kiosk(wrapper, work)
        kiosk.wait_for(lambda e: e.get("event") == "ready")

        def status():
            start = len(kiosk.events())
            kiosk.send([":status"])
            return kiosk.wait_for(lambda e: e.get("event") == "status", start=start)

        def scan(code):
            start = len(kiosk.events())
            kiosk.send([code])
            return kiosk.wait_for(lambda e: e.get("event") in ("accepted", "rejected"), start=start)

        def finish():
            start = len(kiosk.events())
            kiosk.send([":finish voucher"])
            return kiosk.wait_for(lambda e: e.get("event") == "voucher", start=start)

        def machine_row():
            _, ms = call(hub.url + "/v1/machines", token=staff)
            return ms["machines"][0]

        first = scan(PET)
        check(first["event"] == "accepted" and first["amountMinor"] == 25, "before any version the PET bottle pays 25 cents")

        # A rate override for every single-use rule, published while the shopper's session is open.
        with open(os.path.join(a.repo, "assets", "schemes", "de.json")) as f:
            rules = [r["id"] for r in json.load(f)["rules"] if r["id"].startswith("einweg")]
        good = {"scheme": "de", "overrides": [{"rule": r, "refundMinor": 20} for r in rules], "limits": {"sessionItems": 250}}
        status_code, published = call(hub.url + "/v1/config", "POST", {"settings": good}, token=staff)
        check(status_code == 201 and published["version"] == 1, "the retailer publishes version 1")
        wait_until(lambda: status().get("hubConfigWaiting") == 1, 30, "the kiosk to fetch version 1")
        check(True, "the kiosk fetched version 1 and holds it while the session is open")
        second = scan(PET)
        check(second["amountMinor"] == 25 and second["session"] == first["session"], "the open session keeps its old rate")
        check(machine_row()["configStatus"] == "pending", "the hub shows the machine as pending")
        start = len(kiosk.events())
        voucher = finish()
        check(voucher["amountMinor"] == 50, "the session is paid at the rate it started with (2 x 25)")
        applied = kiosk.wait_for(lambda e: e.get("event") == "hub_config", start=start)
        check(applied["version"] == 1 and applied["applied"], "between sessions the kiosk applies version 1")
        check(scan(PET)["amountMinor"] == 20, "the next session pays the published rate (20 cents)")
        finish()
        on_disk = json.load(open(work["config"]))
        check(on_disk["overrides"] == good["overrides"] and on_disk["limits"]["sessionItems"] == 250
              and on_disk["storeId"] == "0421" and on_disk["voucher"]["keyFile"].endswith("sample-voucher.key"),
              "the settings file holds the version laid over the machine's own fields")
        row = wait_until(lambda: (lambda m: m if m["configVersion"] == 1 and m["configStatus"] == "applied" else None)(machine_row()),
                         30, "the acknowledgement of version 1")
        check(row["configLatest"] == 1, "the hub's machine row shows version 1 applied")
        with sqlite3.connect(f"file:{work['ledger']}?mode=ro", uri=True) as c:
            changes = [json.loads(d) for (d,) in c.execute("SELECT detail FROM events WHERE kind = 'settings_changed'")]
        check(len(changes) == 1 and changes[0]["hubConfigVersion"] == 1 and "overrides" in changes[0]["changed"],
              "the kiosk's ledger records the change as a signed settings_changed event naming version 1")
        wait_until(lambda: pg.psql("SELECT count(*) FROM records WHERE kind = 'event' AND payload::jsonb->>'kind' = 'settings_changed' "
                                   "AND payload::jsonb->>'detail' LIKE '%hubConfigVersion%'") == "1", 30, "the settings record's upload")
        check(True, "the settings record reached the hub with the machine's other records")

        # A version the core refuses: an override of a rule the scheme does not have.
        before = open(work["config"]).read()
        bad = {"scheme": "de", "overrides": [{"rule": "no-such-rule", "refundMinor": 5}]}
        _, published = call(hub.url + "/v1/config", "POST", {"settings": bad}, token=staff)
        start = len(kiosk.events())
        failed = kiosk.wait_for(lambda e: e.get("event") == "hub_config", start=start, timeout=30)
        check(failed["version"] == 2 and not failed["applied"] and failed["error"] == "invalid_settings"
              and failed["field"].startswith("settings.overrides[0]"), f"version 2 fails validation at its field ({failed['field']})")
        check(open(work["config"]).read() == before and scan(PET)["amountMinor"] == 20, "the kiosk keeps its previous good settings")
        finish()
        row = wait_until(lambda: (lambda m: m if m["configStatus"] == "failed" else None)(machine_row()), 30, "the failed acknowledgement")
        check(row["configVersion"] == 1 and row["configFailed"]["version"] == 2 and row["configFailed"]["error"] == "invalid_settings"
              and row["configFailed"]["field"].startswith("settings.overrides[0]"),
              "the hub's row shows version 1 applied and version 2 failed with the typed error and field")
        _, rates = call(hub.url + "/v1/console/rates", token=staff)
        if "rollout" in rates:
            check(rates["rollout"][0]["status"] == "failed", "the console's rollout shows the machine as failed")

        # A version that sets what only the machine may set.
        _, published = call(hub.url + "/v1/config", "POST", {"settings": {"storeId": "0999"}}, token=staff)
        start = len(kiosk.events())
        refused = kiosk.wait_for(lambda e: e.get("event") == "hub_config", start=start, timeout=30)
        check(refused["version"] == 3 and refused["error"] == "not_settable" and refused["field"] == "settings.storeId",
              "a version setting storeId is refused as not_settable")
        row = wait_until(lambda: (lambda m: m if m["configFailed"]["version"] == 3 else None)(machine_row()), 30, "the third acknowledgement")
        check(row["configVersion"] == 1 and json.load(open(work["config"]))["storeId"] == "0421", "the machine keeps store 0421 and version 1")

        # Product register updates from the scheme operator.
        operator = person_token(a.hub, hub.url, db, "ops@scheme", "operator")
        fresh = gtin13("952000009990")
        row = {"gtin": fresh, "name": "Sample hub-published water 500 mL", "brand": "ReturnLoop sample", "material": "pet",
               "volume_ml": 500, "category": "water", "refillable": False}

        def versions():
            return pg.psql("SELECT count(*) FROM config_versions")

        count = versions()
        for bad, field in [({"add": [dict(row, volume_ml=0)]}, "add[0].volume_ml"),
                           ({"add": [dict(row, gtin=fresh[:-1] + str((int(fresh[-1]) + 1) % 10))]}, "add[0].gtin"),
                           ({"add": [row, dict(row, colour="blue")]}, "add[1].colour"),
                           ({"add": [row, row]}, "add[1].gtin"),
                           ({"add": [dict(row, refillable="no")]}, "add[0].refillable"),
                           ({"remove": ["9520000000012"]}, "remove[0]"),
                           ({"add": [row], "remove": [fresh]}, "remove"),
                           ({}, "add")]:
            code_, r = call(hub.url + "/v1/register", "POST", bad, token=operator)
            check(code_ == 400 and r.get("field") == field, f"a malformed delta is refused naming {field} ({r.get('message')})")
        code_, r = call(hub.url + "/v1/register", "POST", {"add": [row]}, token=staff)
        check(code_ == 403, "retailer staff may not publish register updates")
        code_, r = call(hub.url + "/v1/config", "POST", {"settings": {"register": {"rows": [row]}}}, token=staff)
        check(code_ == 400 and r["field"] == "settings.register", "nor slip one into a settings version")
        check(versions() == count, "nothing was written for any refused delta")

        check(scan(PET)["event"] == "accepted", "a shopper's session is open")
        check(scan(fresh).get("reason") == "not_registered", "the new GTIN is not registered yet")
        code_, r = call(hub.url + "/v1/register", "POST", {"add": [row]}, token=operator)
        check(code_ == 201 and r["versions"] == [{"retailer": "Sample retailer", "version": 4, "rows": 1, "removed": 0}],
              "the operator publishes a delta adding the GTIN as version 4")
        wait_until(lambda: status().get("hubConfigWaiting") == 4, 30, "the kiosk to fetch version 4")
        check(scan(fresh).get("reason") == "not_registered", "the open session keeps its register")
        start = len(kiosk.events())
        finish()
        applied = kiosk.wait_for(lambda e: e.get("event") == "hub_config", start=start)
        check(applied["version"] == 4 and applied["applied"], "between sessions the kiosk applies version 4")
        taken = scan(fresh)
        check(taken["event"] == "accepted" and taken["amountMinor"] == 20, "the next session accepts the new GTIN at the PET rate")
        finish()
        overlay_file = work["ledger"] + ".hub-register.json"
        check(os.stat(overlay_file).st_mode & 0o777 == 0o600, "the kiosk keeps the register overlay beside its ledger, mode 0600")
        wait_until(lambda: machine_row()["configVersion"] == 4, 30, "the acknowledgement of version 4")
        check(True, "the hub's machine row shows version 4 applied")

        code_, r = call(hub.url + "/v1/register", "POST", {"remove": [PET]}, token=operator)
        check(code_ == 201 and r["versions"][0]["version"] == 5 and r["versions"][0]["rows"] == 1 and r["versions"][0]["removed"] == 1,
              "the operator removes the PET bottle as version 5 (the overlay keeps the earlier addition)")
        wait_until(lambda: machine_row()["configVersion"] == 5, 30, "the acknowledgement of version 5")
        check(scan(PET).get("reason") == "not_registered" and scan(fresh)["event"] == "accepted",
              "the removed GTIN is refused and the added one still accepted")
        finish()
        with sqlite3.connect(f"file:{work['ledger']}?mode=ro", uri=True) as c:
            changes = [json.loads(d) for (d,) in c.execute("SELECT detail FROM events WHERE kind = 'register_changed'")]
        check([(d["hubConfigVersion"], d["rows"], d["removed"]) for d in changes] == [(4, 1, 0), (5, 1, 1)],
              "the ledger records each register change as a signed register_changed event")

        # A version the kiosk cannot apply: a register row the core refuses, put in the hub's table behind its API.
        good_overlay = open(overlay_file).read()
        bad_register = {"register": {"rows": [dict(row, volume_ml=0)], "removed": []}}
        pg.psql("INSERT INTO config_versions(retailer_id, version, body) SELECT id, 6, '" + json.dumps(bad_register) + "'::jsonb "
                "FROM retailers WHERE name = 'Sample retailer'")
        failed = wait_until(lambda: (lambda m: m if m["configFailed"]["version"] == 6 else None)(machine_row()), 30, "the failure of version 6")
        check(failed["configFailed"]["error"] == "invalid_register" and failed["configFailed"]["field"] == "settings.register.rows[0].volume_ml"
              and failed["configVersion"] == 5, "the kiosk acks version 6 failed with invalid_register and the field, and runs version 5")
        check(open(overlay_file).read() == good_overlay and scan(fresh)["event"] == "accepted" and scan(PET).get("reason") == "not_registered",
              "the previous good register is kept, on disk and in use")
        finish()

        # A restarted kiosk loads the base register with its overlay.
        check(kiosk.close() == 0, "the kiosk exits cleanly")
        kiosk = kiosk_harness.Kiosk(wrapper, work)
        kiosk.wait_for(lambda e: e.get("event") == "ready")
        check(scan(fresh)["event"] == "accepted" and scan(PET).get("reason") == "not_registered", "after a restart the kiosk serves base + overlay")
        finish()

        # The hub's checks of an acknowledgement.
        token = json.load(open(cred))["credential"]
        code_, r = call(hub.url + "/v1/config/ack", "POST", {"version": 3, "status": "failed", "error": "Bad Code!", "message": "x"}, token=token)
        check(code_ == 400 and r["field"] == "error", "an acknowledgement without a typed error code is refused naming error")
        code_, r = call(hub.url + "/v1/config/ack", "POST", {"version": 1, "status": "maybe"}, token=token)
        check(code_ == 400 and r["field"] == "status", "an unknown status is refused naming status")
        check(kiosk.close() == 0, "the kiosk exits cleanly")
        kiosk = None
    finally:
        if kiosk:
            kiosk.kill()
        stack.close()
        kiosk_harness.remove_workdir(work)


if __name__ == "__main__":
    main()
