#!/usr/bin/env python3
"""The kiosk against the controller simulator, end to end through the headless interface: a typed code is not
paid, a container is paid once binned, a pulled-back one never, a full bottle and the wrong material are refused,
bad controller lines are reported and survived, faults put the machine out of service without losing the credit,
a lost link is re-established, a container the controller forgot after a crash is not paid and is listed for
staff, and the TCP transport works like the Unix socket."""
import argparse
import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_harness  # noqa: E402

problems = []


def check(condition, what):
    if not condition:
        problems.append(what)
        print("FAIL: " + what)


class Rig:
    """A simulator and a kiosk connected to it; waits are on events, never on time."""

    def __init__(self, args, work, bin_delay_ms=1000):
        self.args, self.work = args, work
        self.sim = kiosk_harness.Simulator(args.sim, work, bin_delay_ms=bin_delay_ms)
        self.kiosk = None
        self.start_kiosk()

    def start_kiosk(self):
        self.kiosk = kiosk_harness.Kiosk(self.args.kiosk, self.work, ["--controller", self.sim.address])
        self.kiosk.wait_for(lambda e: e.get("event") == "reconciled")

    def sim_do(self, lines, until, timeout=30):
        mark = len(self.kiosk.events())
        self.sim.send(lines)
        return self.kiosk.wait_for(until, timeout, start=mark)

    def kiosk_do(self, lines, until, timeout=30):
        mark = len(self.kiosk.events())
        self.kiosk.send(lines)
        return self.kiosk.wait_for(until, timeout, start=mark)

    def close(self):
        self.kiosk.close()
        self.sim.close()


def event(name, **fields):
    return lambda e: e.get("event") == name and all(e.get(k) == v for k, v in fields.items())


def bins_and_modes(args):
    """Bins from the settings (a two-can bin), staff emptying it with its receipt; rvm refuses to run without a
    controller unless --demo; a staffed counter takes a quantity per scan."""
    work = kiosk_harness.make_workdir(args.repo, settings={"bins": [
        {"id": "cans", "materials": ["aluminium"], "capacity": 2, "warnPercent": 50},
        {"id": "bottles", "materials": ["pet"], "capacity": 100}]})
    sim = kiosk_harness.Simulator(args.sim, work, bin_delay_ms=10)
    kiosk = kiosk_harness.Kiosk(args.kiosk, work, ["--controller", sim.address])
    kiosk.wait_for(event("reconciled"))
    for n in (1, 2):
        mark = len(kiosk.events())
        sim.send(["insert 9520000000042"])
        kiosk.wait_for(event("binned"), start=mark)
    e = kiosk.wait_for(lambda x: x.get("event") == "bin" and x.get("bin") == "cans" and x.get("source") == "kiosk" and x.get("full"))
    check(e["count"] == 2 and e["capacity"] == 2, "the kiosk reports the cans bin full from its own count: %r" % e)
    mark = len(kiosk.events())
    sim.send(["insert 9520000000042"])
    e = kiosk.wait_for(event("presented"), start=mark)
    check(e["reason"] == "bin_full", "a third can is refused: %r" % e)
    mark = len(kiosk.events())
    kiosk.send([":empty cans 000000", ":empty cans 246810"])
    e = kiosk.wait_for(event("error"), start=mark)
    check(e["reason"] == "empty_refused", "emptying needs the staff PIN: %r" % e)
    e = kiosk.wait_for(event("bin_emptied"), start=mark)
    check(e["count"] == 2 and e["png"] and os.path.exists(e["png"]), "the emptying is recorded with its receipt: %r" % e)
    mark = len(kiosk.events())
    sim.send(["insert 9520000000042"])
    e = kiosk.wait_for(event("binned"), start=mark)
    check(e["bin"] == "cans", "an emptied bin takes cans again: %r" % e)
    kiosk.close()
    sim.close()
    db = sqlite3.connect(work["ledger"])
    check(db.execute("SELECT COUNT(*) FROM events WHERE kind = 'bin_emptied'").fetchone()[0] == 1, "one bin_emptied event")
    db.close()
    kiosk_harness.remove_workdir(work)

    # rvm mode needs its controller: without one (and without --demo) the kiosk does not start.
    work = kiosk_harness.make_workdir(args.repo)
    with open(work["config"], encoding="utf-8") as f:
        config = json.load(f)
    # The store's own PIN and key: the sample's demo ones are refused without --demo.
    config["adminPinHash"] = subprocess.run([args.kiosk, "hash-pin"], input="864213\n", capture_output=True, text=True).stdout.strip()
    key = os.path.join(work["dir"], "store.key")
    subprocess.run([args.kiosk, "make-key", key], check=True, capture_output=True)
    config["voucher"]["keyFile"] = key
    with open(work["config"], "w", encoding="utf-8") as f:
        json.dump(config, f)
    r = subprocess.run([args.kiosk, "--headless", "--config", work["config"], "--catalog", work["catalog"], "--ledger", work["ledger"],
                        "--voucher-dir", work["vouchers"]], input="", capture_output=True, text=True)
    check(r.returncode == 2 and "--controller" in r.stderr, "rvm without a controller exits 2 naming --controller: %d %r" % (r.returncode, r.stderr))

    # A staffed counter: staff type a quantity, then scan (a six-pack is one scan x6).
    config["mode"] = "counter"
    with open(work["config"], "w", encoding="utf-8") as f:
        json.dump(config, f)
    r = subprocess.run([args.kiosk, "--headless", "--config", work["config"], "--catalog", work["catalog"], "--ledger", work["ledger"],
                        "--voucher-dir", work["vouchers"]], input="6*9520000000042\n9520000000042\n:finish voucher\n",
                       capture_output=True, text=True)
    events = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    accepted = [x for x in events if x["event"] == "accepted"]
    rejected = [x for x in events if x["event"] == "rejected"]
    check(r.returncode == 0 and events[0]["event"] == "ready" and events[0]["mode"] == "counter", "counter mode starts: %r" % events[:1])
    check(len(accepted) == 1 and accepted[0]["quantity"] == 6 and accepted[0]["totalMinor"] == 150, "6 x a can in one scan: %r" % accepted)
    check(len(rejected) == 1 and rejected[0]["reason"] == "duplicate_scan", "the same can again at once is a double read: %r" % rejected)
    check(any(x["event"] == "voucher" and x["items"] == 6 for x in events), "the six are paid: %r" % events[-1:])
    kiosk_harness.remove_workdir(work)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--sim", required=True)
    parser.add_argument("--repo", required=True)
    args = parser.parse_args()
    work = kiosk_harness.make_workdir(args.repo, duplicate_window_ms=2000)
    rig = Rig(args, work)

    # A code typed on the keyboard is not a container.
    e = rig.kiosk_do(["9520000000011"], event("rejected"))
    check(e["reason"] == "no_container", "a typed code is refused as no_container, got %r" % e)

    # Accepted, "checking", then binned and paid.
    e = rig.sim_do(["insert 9520000000011 10.2 pet"], event("presented"))
    check(e["decision"] == "accept" and e["bin"] == "pet" and e["pending"] == 1, "an empty bottle is accepted: %r" % e)
    e = rig.kiosk.wait_for(event("binned", item=e["item"]))
    check(e["amountMinor"] == 25 and e["totalMinor"] == 25 and e["pending"] == 0, "binned pays 25: %r" % e)
    # The same can again a moment later is a second container: no duplicate window at a reverse-vending machine.
    e = rig.sim_do(["insert 9520000000011"], event("binned"))
    check(e["totalMinor"] == 50, "a second identical container is paid: %r" % e)

    # Pulled back before the bin: never paid; payout refused while one is still checking.
    # (A jam holds the accepted container on the conveyor, so the pull happens before the bin, whatever the load.)
    # (The jam follows the insert at once: the kiosk accepts the can it read first, the jam holds it short of the bin.)
    e = rig.sim_do(["insert 9520000000042", "jam"], event("presented"))
    rig.kiosk.wait_for(event("fault", fault="jam"))
    e2 = rig.kiosk_do([":finish voucher"], event("error"))
    check(e2["reason"] == "items_pending", "no payout while a container is checking: %r" % e2)
    e = rig.sim_do(["pull"], event("returned", item=e["item"]))
    check(e["paid"] is False and e["totalMinor"] == 50 and e["reason"] == "pulled", "pulled back, not paid: %r" % e)
    rig.sim_do(["unjam"], event("fault", fault="jam", active=False))

    # The core's plausibility rule: a full bottle, another material, a label on something light.
    e = rig.sim_do(["insert 9520000000011 512 pet"], event("presented"))
    check(e["decision"] == "reject" and e["reason"] == "container_not_empty", "a full bottle is refused: %r" % e)
    e = rig.sim_do(["insert 9520000000011 10 glass"], event("presented"))
    check(e["reason"] == "not_as_registered", "the wrong material is refused: %r" % e)
    e = rig.sim_do(["insert 9520000000219 30 glass"], event("presented"))
    check(e["reason"] == "not_as_registered", "a 30 g 'glass bottle' is refused: %r" % e)

    # Bad controller lines: reported, survived, nothing paid.
    for line, reason in [("{not json", "malformed"), ('{"v":2,"type":"heartbeat"}', "version"),
                         ('{"v":1,"type":"teleport"}', "unknown_type"), ('{"v":1,"type":"presented","item":""}', "bad_field"),
                         ('{"v":1,"type":"binned","item":"ghost-1","bin":"pet"}', "unknown_item"),
                         ("x" * 3000, "oversize")]:
        e = rig.sim_do(["send " + line], event("controller_error"))
        check(e["reason"] == reason, "%s... is reported as %s: %r" % (line[:30], reason, e))
    e = rig.sim_do(["insert 9520000000080"], event("binned"))
    check(e["totalMinor"] == 75, "the kiosk goes on after bad lines: %r" % e)

    # A jam: out of service, the credit kept; cleared: in service again.
    e = rig.sim_do(["jam"], event("out_of_service"))
    check(e["active"] is True and "jam" in e["reasons"] and e["creditMinor"] == 75, "a jam puts it out of service: %r" % e)
    e = rig.sim_do(["unjam"], event("out_of_service"))
    check(e["active"] is False, "clearing the jam returns it to service: %r" % e)

    # A full bin (the controller's sensor): its materials are refused, the others still taken.
    e = rig.sim_do(["bin-full aluminium"], event("bin", bin="aluminium", source="controller"))
    check(e["count"] == e["capacity"], "the bin level is reported: %r" % e)
    e = rig.sim_do(["insert 9520000000080"], event("presented"))
    check(e["reason"] == "bin_full", "a can is refused while its bin is full: %r" % e)
    e = rig.sim_do(["insert 9520000000011"], event("binned"))
    check(e["totalMinor"] == 100, "a bottle still goes into its own bin: %r" % e)
    # Every bin full: out of service, the credit kept and paid out.
    rig.sim.send(["bin-full pet"])
    e = rig.sim_do(["bin-full glass"], event("out_of_service", active=True))
    check("bins_full" in e["reasons"] and e["creditMinor"] == 100, "every bin full: out of service, the credit kept: %r" % e)
    e = rig.sim_do(["insert 9520000000011"], event("presented"))
    check(e["reason"] == "out_of_service", "no container is taken while out of service: %r" % e)
    e = rig.kiosk_do([":finish voucher"], event("voucher"))
    check(e["amountMinor"] == 100 and e["items"] == 4, "the credit is paid out while out of service: %r" % e)
    for bin_name in ("aluminium", "pet"):
        rig.sim.send(["empty " + bin_name])
    rig.sim_do(["empty glass"], event("out_of_service", active=False))

    # The printer out of paper: no printed voucher; the credit kept and paid as digital credit (printer.whenOut).
    e = rig.sim_do(["paper-out"], event("fault", fault="paper_out"))
    check(e["active"] is True and e["payoutOptions"] == ["digital", "donation"], "paper out offers digital or donation: %r" % e)
    e = rig.sim_do(["insert 9520000000011"], event("binned"))
    e = rig.kiosk_do([":finish voucher"], event("error"))
    check(e["reason"] == "printer_out" and e["creditMinor"] == 25, "no voucher only on screen, the credit kept: %r" % e)
    e = rig.kiosk_do([":finish digital"], event("voucher"))
    check(e["kind"] == "digital" and e["amountMinor"] == 25, "paid as digital credit: %r" % e)
    rig.sim_do(["paper-ok"], event("fault", active=False))

    # The link is lost and found again.
    e = rig.sim_do(["disconnect"], event("controller", connected=False))
    e = rig.kiosk.wait_for(event("reconciled"), start=rig.kiosk.events().index(e))
    e = rig.sim_do(["insert 9520000000097"], event("binned"))
    check(e["amountMinor"] > 0, "after reconnecting containers are paid again: %r" % e)
    rig.kiosk_do([":finish voucher"], event("voucher"))

    # A crash between accept and binned, and a controller that restarted and forgot the container: not paid, listed.
    e = rig.sim_do(["insert 9520000000028"], event("presented", decision="accept"))
    forgotten = e["item"]
    rig.sim_do(["jam"], event("fault", fault="jam"))
    rig.kiosk.kill()
    rig.sim.close()
    rig.sim = kiosk_harness.Simulator(args.sim, work, bin_delay_ms=300)
    rig.start_kiosk()
    events = rig.kiosk.events()
    unresolved = [x for x in events if x.get("event") == "unresolved"]
    check(len(unresolved) == 1 and unresolved[0]["item"] == forgotten and unresolved[0]["paid"] is False,
          "a container the controller forgot is listed, not paid: %r" % unresolved)
    rig.close()
    db = sqlite3.connect(work["ledger"])
    check(db.execute("SELECT state FROM intake WHERE controller_item = ?", (forgotten,)).fetchone() == ("unknown",),
          "the ledger records the forgotten container as unknown")
    check(db.execute("SELECT COUNT(*) FROM events WHERE kind = 'intake_unresolved'").fetchone()[0] == 1, "one staff event")
    paid = db.execute("SELECT COALESCE(SUM(amount_minor), 0) FROM payouts").fetchone()[0]
    binned = db.execute("SELECT COALESCE(SUM(refund_minor), 0) FROM intake WHERE state = 'binned'").fetchone()[0]
    check(paid == binned, "payouts (%d) equal the binned containers (%d)" % (paid, binned))
    db.close()

    bins_and_modes(args)

    # TCP: the simulator on a free port, the kiosk connects by address.
    tcp_work = kiosk_harness.make_workdir(args.repo)
    tcp_sim = kiosk_harness.Simulator(args.sim, tcp_work, bin_delay_ms=10, listen="tcp://127.0.0.1:0")
    address = tcp_sim.address
    check(address.startswith("tcp://127.0.0.1:") and not address.endswith(":0"), "the TCP port is printed: %r" % address)
    kiosk = kiosk_harness.Kiosk(args.kiosk, tcp_work, ["--controller", address])
    kiosk.wait_for(event("reconciled"))
    tcp_sim.send(["insert 9520000000011"])
    e = kiosk.wait_for(event("binned"))
    check(e["amountMinor"] == 25, "a container over TCP is paid: %r" % e)
    kiosk.close()
    tcp_sim.close()

    if problems:
        print("workdir kept: " + work["dir"])
        return 1
    kiosk_harness.remove_workdir(work)
    kiosk_harness.remove_workdir(tcp_work)
    print("ok: %s" % __doc__.split("\n")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
