#!/usr/bin/env python3
"""End-to-end test of the kiosk window as a reverse-vending machine: the real window under Xvfb talking to
`returnloop-rvm-sim` over a Unix socket (rvm mode, bins from the settings).

Run inside an X server of 1920x1080 (CTest wraps it in `xvfb-run -a -s "-screen 0 1920x1080x24"`):
    intake_e2e.py KIOSK_BINARY SIM_BINARY REPO_ROOT [ARTIFACT_DIR]

In English: a code typed on the keyboard is not paid; a container inserted is "checking" on screen, then binned and
paid; one pulled back while the conveyor is jammed is shown as not paid; a full bottle is refused with its reason on
screen; the cans bin fills (capacity 2) and the next can is refused as bin full; both bins full puts the machine out
of service with the credit kept (in words); the printer runs out of paper, the shopper is told, and the credit is paid
as digital credit. In Chinese: a jam mid-session is told in Chinese and the credit is still paid. Every wait is for
an event or a layout (what is on screen), never a fixed time; the ledger is checked at the end.
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import e2e  # noqa: E402  (the window harness: Window, tap, scan, screenshots)
import kiosk_harness  # noqa: E402  (the simulator)

BOTTLE = "9520000000011"  # PET 500 mL, 0.25 EUR
CAN = "9520000000042"     # aluminium 330 mL, 0.25 EUR
BINS = [{"id": "cans", "materials": ["aluminium", "steel"], "capacity": 2, "warnPercent": 50},
        {"id": "bottles", "materials": ["pet", "glass", "hdpe"], "capacity": 100}]


def fail(message):
    e2e.fail(message)


def strings(repo, lang):
    with open(os.path.join(repo, "assets", "i18n", lang + ".json"), encoding="utf-8") as f:
        return json.load(f)


def event(name, **fields):
    return lambda e: e.get("event") == name and all(e.get(k) == v for k, v in fields.items())


def on_screen(window, predicate, what):
    """The layout now on screen (the last one printed, which may have come before the event just waited for) or the
    next one, whichever first satisfies the predicate."""
    if window.layout and predicate(window.layout):
        return window.layout
    return window.wait(lambda e: e.get("event") == "layout" and predicate(e), what)


def last_line_shows(window, state, detail, what):
    """Waits until the newest container line on screen is in `state` with `detail` in words."""
    return on_screen(window, lambda e: bool(e.get("lines")) and e["lines"][-1]["state"] == state and e["lines"][-1]["detail"] == detail, what)


def notice_shows(window, start, amount, what):
    """Waits until the notice on screen starts with `start` (and names `amount` when given)."""
    return on_screen(window, lambda e: e.get("notice", "").startswith(start) and amount in e["notice"], what)


def finish_screen(window):
    """Taps Finish and waits until the finish screen's buttons are drawn."""
    e2e.tap(window, "finish", "returning")
    on_screen(window, lambda e: e["screen"] == "finish" and any(i["id"] == "digital" for i in e["items"]), "the finish buttons")


class Machine:
    """The simulator and the window connected to it."""

    def __init__(self, kiosk, sim, repo, work, lang):
        self.sim = kiosk_harness.Simulator(sim, {"dir": work}, bin_delay_ms=800, listen="unix:" + os.path.join(work, lang + ".sock"))
        config = e2e.make_settings(kiosk, repo, work, idle_seconds=600, name="rvm-" + lang, mode="rvm",
                                   extra={"bins": BINS, "printer": {"target": "none", "widthDots": 576, "whenOut": "digital"}})
        self.window = e2e.Window(kiosk, repo, work, config, lang, ["--controller", self.sim.address])
        ready = self.window.wait(event("ready"), "ready", timeout=180)  # an ASan start-up on a loaded two-core VM
        if ready.get("mode") != "rvm":
            fail("the window should run as a reverse-vending machine: %s" % ready)
        self.window.wait(event("reconciled"), "the controller link")
        self.wid = e2e.xdotool("search", "--sync", "--name", "ReturnLoop kiosk").splitlines()[0]
        e2e.xdotool("windowfocus", "--sync", self.wid)
        self.ledger = os.path.join(work, "ledger-" + lang + ".sqlite")

    def sim_do(self, line, until, what):
        self.sim.send([line])
        return self.window.wait(until, what)

    def close(self):
        self.window.stop()
        self.sim.send(["quit"])
        self.sim.proc.wait(timeout=30)


def english(kiosk, sim, repo, work, artifacts):
    words = strings(repo, "en")
    m = Machine(kiosk, sim, repo, work, "en")
    w = m.window

    # A barcode typed on the keyboard is no container.
    e2e.scan(BOTTLE)
    e = w.wait(lambda e: e.get("event") in ("accepted", "rejected"), "the typed code")
    if e["event"] != "rejected" or e["reason"] != "no_container":
        fail("a typed code must be refused as no_container: %s" % e)
    last_line_shows(w, "refused", words["reason.no_container"], "the typed code refused on screen")

    # Inserted: accepted (the conveyor takes 0.8 s to the bin), then binned and paid.
    presented = m.sim_do("insert %s 10 pet" % BOTTLE, event("presented"), "the bottle presented")
    if presented["decision"] != "accept" or presented["bin"] != "bottles":
        fail("an empty bottle goes to the bottles bin: %s" % presented)
    binned = w.wait(event("binned", item=presented["item"]), "the bottle binned")
    if binned["totalMinor"] != 25:
        fail("binned pays 0.25: %s" % binned)
    last_line_shows(w, "accepted", words["returning.accepted"], "the bottle paid on screen")

    # Pulled back before the bin: shown as checking, then not paid.
    # The jam follows the insert at once: the kiosk reads "presented" first and accepts, and the jammed conveyor holds
    # the accepted can short of its bin, whatever the load.
    m.sim.send(["insert %s" % CAN, "jam"])
    can = w.wait(event("presented"), "the can presented")
    w.wait(event("fault", fault="jam", active=True), "the conveyor jammed with the can on it")
    last_line_shows(w, "checking", words["returning.checking"], "the can checking on screen")
    returned = m.sim_do("pull", event("returned", item=can["item"]), "the can pulled back")
    if returned["paid"] is not False or returned["totalMinor"] != 25:
        fail("a pulled-back can is not paid: %s" % returned)
    last_line_shows(w, "refused", words["reason.returned_pulled"], "the pulled can shown as not paid")
    m.sim_do("unjam", event("out_of_service", active=False), "the jam cleared")

    # The weight says it is not empty: refused with the reason in words.
    full = m.sim_do("insert %s 480 pet" % BOTTLE, event("presented"), "a full bottle")
    if full["decision"] != "reject" or full["reason"] != "container_not_empty":
        fail("a full bottle is refused as container_not_empty: %s" % full)
    last_line_shows(w, "refused", words["reason.container_not_empty"], "the full bottle's reason on screen")
    w.settle()
    e2e.screenshot(os.path.join(artifacts, "en-rvm-returning.png"), m.wid)

    # The cans bin holds two: the third can is handed back as bin full, the bottles still go in.
    for n in (1, 2):
        item = m.sim_do("insert %s" % CAN, event("presented"), "can %d" % n)["item"]
        w.wait(event("binned", item=item), "can %d binned" % n)
    w.wait(lambda e: e.get("event") == "bin" and e.get("bin") == "cans" and e.get("full") is True, "the cans bin full")
    third = m.sim_do("insert %s" % CAN, event("presented"), "a third can")
    if third["decision"] != "reject" or third["reason"] != "bin_full":
        fail("the third can is refused as bin_full: %s" % third)
    last_line_shows(w, "refused", words["reason.bin_full"], "bin full on screen")
    # The controller reports the bottles bin full too: nothing can be taken; the credit is kept and said so.
    m.sim.send(["bin-full bottles"])
    out = w.wait(event("out_of_service", active=True), "out of service with every bin full")
    if "bins_full" not in out["reasons"] or out["creditMinor"] != 75:
        fail("every bin full puts the machine out of service, the credit kept: %s" % out)
    notice_shows(w, words["service.bins_full"] + " " + words["service.credit_kept"].split("{amount}")[0], "0.75", "the out-of-service notice")
    w.settle()
    e2e.screenshot(os.path.join(artifacts, "en-rvm-out-of-service.png"), m.wid)
    m.sim_do("empty bottles", event("out_of_service", active=False), "the bottles bin emptied")

    # The printer runs out of paper: told at once; no printed voucher, the credit paid as digital credit.
    paper = m.sim_do("paper-out", event("fault", fault="paper_out", active=True), "paper out")
    if paper["payoutOptions"] != ["digital", "donation"]:
        fail("with the printer out only digital credit or a donation is offered: %s" % paper)
    notice_shows(w, words["notice.printer_out"], "", "the printer-out notice")
    finish_screen(w)
    e2e.screenshot(os.path.join(artifacts, "en-rvm-finish-printer-out.png"), m.wid)
    e2e.tap(w, "digital", "finish")
    paid = w.wait(event("voucher"), "the digital credit")
    if paid["kind"] != "digital" or paid["amountMinor"] != 75 or paid["items"] != 3:
        fail("the three binned containers are paid as digital credit: %s" % paid)
    m.close()

    with sqlite3.connect(m.ledger) as db:
        items = db.execute("SELECT count(*), sum(refund_minor) FROM items").fetchone()
        states = dict(db.execute("SELECT state, count(*) FROM intake GROUP BY state").fetchall())
    if items != (3, 75) or states != {"binned": 3, "returned": 1}:
        fail("the ledger pays exactly the binned containers: items %s, intake %s" % (items, states))
    print("en: typed code refused, checking -> binned, pulled not paid, full bottle refused, bin full, out of service, "
          "printer out -> digital credit; ledger %s, intake %s" % (items, states))


def chinese(kiosk, sim, repo, work, artifacts):
    words = strings(repo, "zh-CN")
    m = Machine(kiosk, sim, repo, work, "zh-CN")
    w = m.window
    item = m.sim_do("insert %s" % CAN, event("presented"), "a can")["item"]
    w.wait(event("binned", item=item), "the can binned")
    m.sim_do("jam", event("out_of_service", active=True), "a jam mid-session")
    notice_shows(w, words["service.jam"] + " " + words["service.credit_kept"].split("{amount}")[0], "0.25", "the jam told in Chinese")
    w.settle()
    e2e.screenshot(os.path.join(artifacts, "zh-CN-rvm-jam.png"), m.wid)
    # A jammed machine hands a container straight back (or the kiosk refuses it): nothing is taken.
    refused = m.sim_do("insert %s" % CAN, lambda e: e.get("event") in ("presented", "returned"), "a can while jammed")
    if refused.get("reason") not in ("out_of_service",) and refused.get("paid") is not False:
        fail("nothing is taken while jammed: %s" % refused)
    # The credit can still be paid out while the machine is out of service.
    finish_screen(w)
    e2e.tap(w, "voucher", "finish")
    paid = w.wait(event("voucher"), "the voucher")
    if paid["amountMinor"] != 25 or paid["kind"] != "voucher":
        fail("the kept credit is paid out mid-fault: %s" % paid)
    m.close()
    print("zh-CN: a jam mid-session told in Chinese, the credit paid as a voucher")


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    kiosk, sim, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    artifacts = sys.argv[4] if len(sys.argv) > 4 else os.path.join(repo, "artifacts", "kiosk")
    os.makedirs(artifacts, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rl-intake-e2e-") as work:
        os.makedirs(os.path.join(work, "vouchers"))
        english(kiosk, sim, repo, work, artifacts)
        chinese(kiosk, sim, repo, work, artifacts)
    print("intake e2e: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
