"""Configuration from the hub to the kiosk WINDOW (not --headless) under Xvfb, driven by xdotool as a USB scanner: a
real hub on a real PostgreSQL enrols the kiosk, which runs as the window with --hub. While a shopper's session is
open a retailer changes the single-use rate and the scheme operator publishes a register delta adding a product; the
window's upload worker fetches the newest version, the open session keeps its rate and register, the window applies
the version when the session is paid (on the voucher screen, where the next shopper may scan at once), the hub
records the machine's acknowledged version, and the next session in the window pays the new rate and takes the new
product: seen in the window's events, its ledger and the hub's database. Every wait is for a condition.

Run inside an X server of 1920x1080 (CTest wraps it in xvfb-run), with the hub suites' arguments."""
import json
import os
import shutil
import sqlite3
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "kiosk", "ui"))
import e2e  # noqa: E402  (the window harness: Window, scan, tap)
from hub_harness import HubStack, args, call, check, enroll_kiosk, person_token, wait_until  # noqa: E402

PET = "9520000000011"  # sample still water 500 mL, single-use PET: 25 cents in the German scheme
CAN = "9520000000042"  # sample still water 330 mL can: 25 cents
NEW = {"gtin": "9520000099909", "name": "Sample hub-published water 500 mL", "brand": "ReturnLoop sample",
       "material": "pet", "volume_ml": 500, "category": "water", "refillable": False}
WAIT = 120  # seconds: an ASan window and hub on a loaded two-core machine


def scanned(window, code):
    """Scans like a USB scanner and returns the window's accepted or rejected event for it."""
    e2e.scan(code)
    return window.wait(lambda e: e.get("event") in ("accepted", "rejected"), "the scan of " + code, timeout=WAIT)


def pay_voucher(window):
    e2e.tap(window, "finish", "returning")
    window.wait(lambda e: e.get("event") == "layout" and e["screen"] == "finish" and any(i["id"] == "voucher" for i in e["items"]),
                "the finish screen's buttons", timeout=WAIT)
    e2e.tap(window, "voucher", "finish")
    return window.wait(lambda e: e.get("event") == "voucher", "the voucher", timeout=WAIT)


def offered(window, version):
    """True once the window's upload worker has fetched `version` (its progress lines go to stderr, whole lines)."""
    with open(window.stderr_path, encoding="utf-8", errors="replace") as f:
        lines = [json.loads(line) for line in f if line.startswith('{"event":"hub_config"') and line.endswith("}\n")]
    return any(line.get("status") == "offered" and line.get("version") == version for line in lines)


def main():
    a = args()
    if not os.environ.get("DISPLAY"):
        raise SystemExit("no X display: run under xvfb-run -a -s '-screen 0 1920x1080x24'")
    stack = HubStack(a.hub)
    pg, db, hub = stack.pg, stack.db, stack.hub
    work = tempfile.mkdtemp(prefix="rl-hub-window-")
    window = None
    try:
        os.mkdir(os.path.join(work, "vouchers"))
        config = e2e.make_settings(a.kiosk, a.repo, work, idle_seconds=600, name="hub-window")
        with open(config) as f:
            key_file = json.load(f)["voucher"]["keyFile"]
        cred, _, out = enroll_kiosk(a, hub.url, db, {"dir": work}, key_file=key_file, adopt_sample_key=False)
        check(out.returncode == 0, f"the window's machine enrols and takes the store key the hub made ({out.stderr.strip()})")
        staff = person_token(a.hub, hub.url, db, "a@retail", "retailer", retailer="Sample retailer")
        operator = person_token(a.hub, hub.url, db, "ops@scheme", "operator")

        def machine_row():
            _, answer = call(hub.url + "/v1/machines", token=staff)
            return answer["machines"][0]

        window = e2e.Window(a.kiosk, a.repo, work, config, "en",
                            ["--hub", hub.url, "--hub-credential", cred, "--hub-config-poll-ms", "300"])
        window.wait(lambda e: e.get("event") == "ready", "ready", timeout=180)
        wid = e2e.xdotool("search", "--sync", "--name", "ReturnLoop kiosk").splitlines()[0]
        e2e.xdotool("windowfocus", "--sync", wid)

        first = scanned(window, PET)
        check(first["event"] == "accepted" and first["amountMinor"] == 25, "a shopper's session is open in the window: PET pays 25 cents")

        # Mid-session: the retailer lowers every single-use rate to 20 cents (version 1), then the operator adds a
        # product to the register (version 2, which carries only the register overlay).
        with open(os.path.join(a.repo, "assets", "schemes", "de.json")) as f:
            rules = [r["id"] for r in json.load(f)["rules"] if r["id"].startswith("einweg")]
        status, published = call(hub.url + "/v1/config", "POST",
                                 {"settings": {"scheme": "de", "overrides": [{"rule": r, "refundMinor": 20} for r in rules]}}, token=staff)
        check(status == 201 and published["version"] == 1, "the retailer publishes the 20-cent rate as version 1")
        status, published = call(hub.url + "/v1/register", "POST", {"add": [NEW]}, token=operator)
        check(status == 201 and published["versions"][0]["version"] == 2, "the operator publishes a register delta as version 2")
        wait_until(lambda: offered(window, 2), WAIT, "the window's worker to fetch version 2")
        check(True, "the window's upload worker fetched version 2 while the session is open")

        second = scanned(window, CAN)
        check(second["event"] == "accepted" and second["amountMinor"] == 25 and second["session"] == first["session"],
              "the open session keeps its rate: the can pays 25 cents")
        refused = scanned(window, NEW["gtin"])
        check(refused["event"] == "rejected" and refused["reason"] == "not_registered", "and its register: the new product is unknown")
        row = machine_row()
        check(row["configStatus"] == "pending" and row["configVersion"] == 0, "the hub shows the machine pending, on no version")

        paid = pay_voucher(window)
        check(paid["amountMinor"] == 50 and paid["items"] == 2, "the session is paid at the rate it started with (2 x 25)")
        check(not any(e.get("event") == "hub_config" for e in window.seen), "the window applied nothing before the session was paid")
        paid_at = len(window.seen)
        applied = window.wait(lambda e: e.get("event") == "hub_config", "the version applied after the session", timeout=WAIT)
        check(applied["version"] == 2 and applied["applied"], "once the session is paid the window applies version 2")
        check(not any(e.get("event") == "screen" and e["screen"] != "voucher" for e in window.seen[paid_at:]),
              "on the voucher screen, before any other screen")
        row = wait_until(lambda: (lambda m: m if m["configVersion"] == 2 and m["configStatus"] == "applied" else None)(machine_row()),
                         WAIT, "the machine's acknowledgement of version 2")
        check(pg.psql("SELECT config_version FROM machines") == "2", "the hub records version 2 as the machine's applied version")

        # The next shopper scans at once, on the voucher screen.
        third = scanned(window, PET)
        check(third["event"] == "accepted" and third["amountMinor"] == 20 and third["session"] != first["session"],
              "the next session in the window pays the new rate: PET 20 cents")
        fourth = scanned(window, NEW["gtin"])
        check(fourth["event"] == "accepted" and fourth["amountMinor"] == 20, "and takes the product the register delta added")
        paid = pay_voucher(window)
        check(paid["amountMinor"] == 40 and paid["items"] == 2, "its voucher pays 2 x 20 cents")

        ledger = os.path.join(work, "ledger-en.sqlite")
        with sqlite3.connect(f"file:{ledger}?mode=ro", uri=True) as c:
            sessions = c.execute("SELECT session_id, count(*), sum(refund_minor) FROM items GROUP BY session_id ORDER BY session_id").fetchall()
            events = {kind: json.loads(detail) for kind, detail in
                      c.execute("SELECT kind, detail FROM events WHERE kind IN ('settings_changed', 'register_changed')")}
        check([s[1:] for s in sessions] == [(2, 50), (2, 40)], f"the window's ledger pays 2 x 25 then 2 x 20 ({sessions})")
        check(events.get("settings_changed", {}).get("hubConfigVersion") == 2 and events.get("register_changed", {}).get("hubConfigVersion") == 2,
              "and records the settings and register changes as signed events naming version 2")
        wait_until(lambda: pg.psql("SELECT count(*) || '/' || sum(refund_minor) FROM items") == "4/90", WAIT, "the window's items upload")
        check(True, "the hub holds the window's four items, paid 90 cents in all")
        window.stop()
        window = None
        check(True, "the window exits cleanly")
    finally:
        if window:
            window.process.kill()
        stack.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
