"""A real headless kiosk driven by the controller simulator (returnloop-rvm-sim), enrolled to a real hub over a
fresh PostgreSQL: a full bin, paper out and a jam in the simulator reach the hub as the kiosk's own ledger events
through its upload worker, and the fleet (API, and the page in Chromium) shows the open faults, the bin's fill and
the printer with their alerts; cleared in the simulator, the alerts are gone. A jam cleared in the simulator while
the kiosk is killed is gone from the fleet once the kiosk is started again. The store's day counts the refused
container by its reason and the bin's emptying."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "hub"))
sys.path.insert(0, os.path.join(HERE, "..", "kiosk"))
import kiosk_harness  # noqa: E402
import pg_cluster  # noqa: E402
from hub_harness import Hub, call, check, hub_cmd, migrate  # noqa: E402

STORE, RETAILER, EMAIL, PASSWORD = 421, "Retailer M", "m@retailer.test", "correct horse battery staple"


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def page_check(a, url, mode):
    """The fleet page in Chromium (machines.test.mjs): the alerts and the row as they must be in `mode`."""
    env = dict(os.environ, RL_CONSOLE_URL=url, RL_CONSOLE_LOGIN=json.dumps([EMAIL, PASSWORD]), RL_MACHINES_MODE=mode,
               RETURNLOOP_ARTIFACTS=os.environ.get("RETURNLOOP_ARTIFACTS", os.path.join(a.repo, "artifacts", "console")))
    result = subprocess.run(["node", "--test", "--test-reporter=spec", os.path.join(HERE, "machines.test.mjs")], cwd=a.repo, env=env)
    check(result.returncode == 0, f"the fleet page shows the machine's state ({mode})")


def main():
    p = argparse.ArgumentParser()
    for name in ("--hub", "--kiosk", "--sim", "--repo"):
        p.add_argument(name, required=True)
    a = p.parse_args()
    pg = pg_cluster.fresh()
    hub = kiosk = sim = work = None
    try:
        db = pg.url()
        migrate(a.hub, db)
        hub = Hub(a.hub, db)
        work = kiosk_harness.make_workdir(a.repo, duplicate_window_ms=0)
        code = hub_cmd(a.hub, db, "enroll-machine", "--retailer", RETAILER, "--store", str(STORE), "--machine", "1",
                       "--voucher-key-file", os.path.join(a.repo, "assets", "kiosk", "sample-voucher.key"))
        hub_cmd(a.hub, db, "add-user", "--email", EMAIL, "--role", "retailer", "--retailer", RETAILER, stdin=PASSWORD + "\n")
        cred = os.path.join(work["dir"], "hub-credential.json")
        out = subprocess.run([a.kiosk, "enroll", "--hub", hub.url, "--code", code, "--credential", cred,
                              "--key-file", os.path.join(work["dir"], "voucher.key")], capture_output=True, text=True)
        check(out.returncode == 0, "the kiosk enrols: " + out.stderr)
        sim = kiosk_harness.Simulator(a.sim, work, bin_delay_ms=15, extra_args=["--capacity", "50"])
        kiosk_args = ["--controller", sim.address, "--hub", hub.url, "--hub-credential", cred]
        kiosk = kiosk_harness.Kiosk(a.kiosk, work, kiosk_args)
        kiosk.wait_for(lambda e: e.get("event") == "reconciled")
        status, body = call(hub.url + "/v1/login", "POST", {"email": EMAIL, "password": PASSWORD})
        token = body["token"]
        fleet = lambda: call(hub.url + "/v1/console/fleet", token=token)[1]["machines"][0]  # noqa: E731
        day = lambda: call(hub.url + "/v1/console/day?" + urllib.parse.urlencode(  # noqa: E731
            {"store": STORE, "date": time.strftime("%Y-%m-%d", time.gmtime())}), token=token)[1]

        # A container paid, one refused (still full: too heavy for its registered empty weight).
        mark = len(kiosk.events())
        sim.send(["insert 9520000000011 10.2 pet"])
        kiosk.wait_for(lambda e: e.get("event") == "binned", start=mark)
        mark = len(kiosk.events())
        sim.send(["insert 9520000000011 500 pet"])
        refused = kiosk.wait_for(lambda e: e.get("event") == "presented", start=mark)
        check(refused["decision"] == "reject", f"a full bottle is refused ({refused.get('reason')})")
        m = fleet()
        check(m["openFaults"] == [] and m["printer"] == "ok", f"before any fault: no open fault, printer ok ({m})")

        # The simulator's faults: the pet bin full, the printer out of paper, a jam.
        sim.send(["bin-full pet", "paper-out", "jam"])
        m = wait_until(lambda: (lambda m: m if len(m["openFaults"]) == 3 and m["bins"] else None)(fleet()), 60, "the faults at the hub")
        check(sorted(m["openFaults"]) == ["bin_full", "jam", "paper_out"], f"the fleet lists the open faults: {m['openFaults']}")
        check(m["faults"] == 3, "and counts them")
        pet = [b for b in m["bins"] if b["bin"] == "pet"]
        check(pet and pet[0]["percent"] == 100 and pet[0]["capacity"] == 50, f"the pet bin is 100 % of 50: {m['bins']}")
        check(m["printer"] == "paper_out", f"the printer is out of paper: {m['printer']}")
        page_check(a, hub.url, "raised")

        # Cleared in the simulator: the bin emptied, paper back, the jam cleared.
        sim.send(["empty pet", "paper-ok", "unjam"])
        m = wait_until(lambda: (lambda m: m if not m["openFaults"] and m["printer"] == "ok" else None)(fleet()), 60, "the faults cleared at the hub")
        pet = [b for b in m["bins"] if b["bin"] == "pet"]
        check(pet and pet[0]["percent"] == 0, f"the pet bin is empty again: {m['bins']}")
        page_check(a, hub.url, "cleared")

        # A jam that ends while the kiosk is stopped (SIGKILL): the restarted kiosk learns from the controller's hello
        # that nothing is open and records it, so the hub closes the jam without waiting for another fault to change.
        sim.send(["jam"])
        wait_until(lambda: fleet()["openFaults"] == ["jam"], 60, "the jam at the hub")
        mark = len(sim.events())
        kiosk.kill()
        sim.wait_for(lambda e: e.get("event") == "disconnected", start=mark)
        sim.send(["unjam", "status"])
        sim.wait_for(lambda e: e.get("event") == "status" and not e["connected"], start=mark)
        check(fleet()["openFaults"] == ["jam"], "while the kiosk is stopped the hub still has the jam it last heard of")
        kiosk = kiosk_harness.Kiosk(a.kiosk, work, kiosk_args)
        kiosk.wait_for(lambda e: e.get("event") == "reconciled")
        m = wait_until(lambda: (lambda m: m if not m["openFaults"] else None)(fleet()), 60, "the jam closed at the hub after the restart")
        check(m["printer"] == "ok", f"and the printer is still ok: {m}")
        page_check(a, hub.url, "cleared")

        d = day()
        reasons = {r["reason"]: r["count"] for r in d["refusals"]}
        check(reasons.get("container_not_empty") == 1, f"the store's day counts the refused container by reason: {d['refusals']}")
        check(d["binEmptyings"] == [{"bin": "pet", "count": 1}], f"and the pet bin's emptying: {d['binEmptyings']}")
    finally:
        if kiosk:
            kiosk.kill()
        if sim:
            sim.close()
        if work:
            kiosk_harness.remove_workdir(work)
        if hub:
            hub.stop()
        pg.destroy()


if __name__ == "__main__":
    main()
