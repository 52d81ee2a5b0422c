#!/usr/bin/env python3
"""The intake SIGKILL test: the kiosk runs against returnloop-rvm-sim (the machine's controller), containers go in
through the simulator, and the kiosk is killed with SIGKILL at random points of the accept/binned exchange at least
--kills times and restarted each time. The simulator keeps the truth about every container (binned or handed back).

Checks, after a last clean run that reconciles and pays out:
  1. never paid for a container that was not binned: every binned intake record and every paid item in the ledger
     is a container the simulator put in a bin;
  2. never lost a binned one: every container the simulator binned is a paid item in the ledger;
  3. nothing is left "checking": no accept record is still waiting for its container;
  4. every "binned" event the kiosk printed is in the ledger with the same amount; every session is paid once, its
     payout equal to its items; `verify-ledger` finds every signature intact;
  5. the kills really hit the exchange: some restarts found accepted containers whose fate only the controller knew,
     and the controller's answers included both binned and handed-back containers.
"""
import argparse
import os
import random
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_harness  # noqa: E402

PAYING = ["9520000000011", "9520000000028", "9520000000042", "9520000000080", "9520000000097", "9520000000219",
          "9520000000226", "9520000000202", "95200019", "9520000000134"]
REFUSED = ["9520000000165", "4006381333931", "9520000000012"]


def pending_in_ledger(path):
    if not os.path.exists(path):
        return 0
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT COUNT(*) FROM intake WHERE state = 'accepted'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--sim", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--max-delay-ms", type=float, default=40.0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print("seed %d" % args.seed)
    work = kiosk_harness.make_workdir(args.repo, duplicate_window_ms=0)
    started = time.monotonic()
    sim = kiosk_harness.Simulator(args.sim, work, bin_delay_ms=10)
    kiosk_events = []
    problems = []
    restarts_with_pending = 0

    for i in range(args.kills):
        if pending_in_ledger(work["ledger"]):
            restarts_with_pending += 1
        kiosk = kiosk_harness.Kiosk(args.kiosk, work, ["--controller", sim.address])
        if rng.random() < 0.1:
            # killed while starting: restoring, asking the controller about pending containers
            time.sleep(rng.uniform(0, 3 * args.max_delay_ms) / 1000.0)
        else:
            kiosk.wait_for(lambda e: e.get("event") == "ready")
            commands = []
            for _ in range(rng.randint(1, 8)):
                commands.append("insert " + (rng.choice(PAYING) if rng.random() < 0.9 else rng.choice(REFUSED)))
                if rng.random() < 0.1:
                    commands.append("pull")
            sim.send(commands)
            if rng.random() < 0.3:
                time.sleep(rng.uniform(0, args.max_delay_ms) / 1000.0)
                kiosk.send([":finish voucher"])
            time.sleep(rng.uniform(0, args.max_delay_ms) / 1000.0)
        kiosk.kill()
        kiosk_events.extend(kiosk.events())

    # Let every container still moving reach its bin, then a clean run reconciles and pays what is left.
    sim.wait_idle()
    kiosk = kiosk_harness.Kiosk(args.kiosk, work, ["--controller", sim.address])
    kiosk.wait_for(lambda e: e.get("event") == "reconciled")
    kiosk.send([":finish voucher"])
    kiosk.wait_for(lambda e: e.get("event") in ("voucher", "error"))
    rc = kiosk.close()
    kiosk_events.extend(kiosk.events())
    if rc != 0:
        problems.append("the final run exited with %d: %s" % (rc, kiosk.stderr()))
    sim_events = sim.events()
    sim.close()

    sim_binned = {e["item"]: e["gtin"] for e in sim_events if e.get("event") == "binned"}
    sim_returned = {e["item"] for e in sim_events if e.get("event") == "returned"}
    if set(sim_binned) & sim_returned:
        problems.append("the simulator both binned and returned %r" % sorted(set(sim_binned) & sim_returned)[:5])

    db = sqlite3.connect(work["ledger"])
    intake = {item: (state, item_id, gtin, refund) for item, state, item_id, gtin, refund in
              db.execute("SELECT controller_item, state, item_id, gtin, refund_minor FROM intake")}
    items = {row[0]: row[1:] for row in db.execute("SELECT id, gtin, refund_minor FROM items")}
    ledger_binned = {item for item, (state, _, _, _) in intake.items() if state == "binned"}
    for item in ledger_binned - set(sim_binned):
        problems.append("paid for container %s, which the machine never binned" % item)
    for item in set(sim_binned) - ledger_binned:
        problems.append("container %s was binned but is not paid in the ledger (state %r)" % (item, intake.get(item)))
    linked = [item_id for state, item_id, _, _ in intake.values() if state == "binned"]
    if sorted(linked) != sorted(items):
        problems.append("paid items and binned containers differ: %d items, %d binned records" % (len(items), len(linked)))
    for item, (state, item_id, gtin, refund) in intake.items():
        if state == "binned" and items.get(item_id) != (gtin, refund):
            problems.append("container %s: intake says %r, the paid item %r" % (item, (gtin, refund), items.get(item_id)))
    still = [item for item, (state, _, _, _) in intake.items() if state == "accepted"]
    if still:
        problems.append("containers still 'checking' after reconciliation: %r" % still[:5])
    for e in kiosk_events:
        if e.get("event") == "binned":
            record = intake.get(e["item"])
            if record is None or record[0] != "binned" or record[3] != e["amountMinor"]:
                problems.append("the kiosk showed %s binned for %d but the ledger has %r" % (e["item"], e["amountMinor"], record))
    twice = db.execute("SELECT session_id FROM payouts GROUP BY session_id HAVING COUNT(*) > 1").fetchall()
    if twice:
        problems.append("sessions paid twice: %r" % twice)
    wrong = db.execute("SELECT session_id FROM payouts p WHERE amount_minor <> "
                       "(SELECT SUM(refund_minor) FROM items i WHERE i.session_id = p.session_id)").fetchall()
    if wrong:
        problems.append("payouts that differ from their items: %r" % wrong)
    unpaid = db.execute("SELECT DISTINCT session_id FROM items WHERE session_id IN (SELECT id FROM sessions WHERE open = 1)").fetchall()
    if unpaid:
        problems.append("sessions with paid containers left open: %r" % unpaid)
    paid_total = db.execute("SELECT COALESCE(SUM(amount_minor), 0) FROM payouts").fetchone()[0]
    items_total = db.execute("SELECT COALESCE(SUM(refund_minor), 0) FROM items").fetchone()[0]
    states = dict(db.execute("SELECT state, COUNT(*) FROM intake GROUP BY state").fetchall())
    db.close()
    if paid_total != items_total:
        problems.append("items are worth %d but %d was paid" % (items_total, paid_total))
    problems += kiosk_harness.verify_ledger_problems(args.kiosk, work)

    reconciled = [e for e in kiosk_events if e.get("event") == "reconciled"]
    answered_binned = sum(e.get("binned", 0) for e in reconciled)
    answered_returned = sum(e.get("returned", 0) for e in reconciled)
    elapsed = time.monotonic() - started
    print("%d SIGKILLs in %.1f s; the machine binned %d containers and handed back %d; ledger intake states %r"
          % (args.kills, elapsed, len(sim_binned), len(sim_returned), states))
    print("restarts that found containers still checking: %d; the controller answered binned %d, handed back %d"
          % (restarts_with_pending, answered_binned, answered_returned))
    if restarts_with_pending == 0 or answered_binned == 0 or answered_returned == 0:
        problems.append("the kills never hit the accept/binned exchange on both sides: the test proved nothing")
    return kiosk_harness.finish(problems, work, "never paid for a container that was not binned, never lost one that was")


if __name__ == "__main__":
    sys.exit(main())
