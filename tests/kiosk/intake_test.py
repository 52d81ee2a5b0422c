#!/usr/bin/env python3
"""The kiosk against the controller simulator, end to end through the headless interface: a typed code is not
paid, a container is paid once binned, a pulled-back one never, a full bottle and the wrong material are refused,
bad controller lines are reported and survived, faults put the machine out of service without losing the credit,
a lost link is re-established, a container the controller forgot after a crash is not paid and is listed for
staff, and the TCP transport works like the Unix socket."""
import argparse
import os
import sqlite3
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
    e = rig.sim_do(["insert 9520000000042"], event("presented"))
    rig.sim_do(["jam"], event("fault", fault="jam"))
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

    # A full bin: the kiosk refuses while the fault lasts, and pays out what it holds.
    e = rig.sim_do(["bin-full aluminium"], event("out_of_service"))
    check(e["active"] is True and "bin_full" in e["reasons"], "a full bin is a fault: %r" % e)
    check(any(x.get("event") == "bin" and x["bin"] == "aluminium" and x["count"] == x["capacity"] for x in rig.kiosk.events()),
          "the bin level is reported")
    e = rig.sim_do(["insert 9520000000011"], event("presented"))
    check(e["reason"] == "out_of_service", "no container is taken while out of service: %r" % e)
    e = rig.kiosk_do([":finish voucher"], event("voucher"))
    check(e["amountMinor"] == 75 and e["items"] == 3, "the credit is paid out during the fault: %r" % e)
    rig.sim_do(["empty aluminium"], event("out_of_service", active=False))

    # The printer out of paper is reported as a fault too.
    e = rig.sim_do(["paper-out"], event("fault"))
    check(e["fault"] == "paper_out" and e["active"] is True, "paper out is a fault: %r" % e)
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
