#!/usr/bin/env python3
"""End-to-end test of the kiosk window under Xvfb, driven as a shopper and a USB scanner would drive it.

Run inside an X server of 1920x1080 (CTest wraps it in `xvfb-run -a -s "-screen 0 1920x1080x24"`):
    e2e.py KIOSK_BINARY REPO_ROOT [ARTIFACT_DIR]

For English and Simplified Chinese it starts the window, types GTINs with `xdotool type` + Return as a scanner does
(accepted ones, a refused carton, an unknown product), taps Finish and Print voucher, checks with zbarimg that the
voucher PNG decodes to the code the kiosk issued (and that the barcode on the screenshot does too), opens the admin
screen with the PIN typed at a person's pace, and lets an idle session time out into a voucher. Screenshots of every
screen go to ARTIFACT_DIR (default REPO_ROOT/artifacts/kiosk). Exits non-zero with a message at the first failure.
"""
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

PIN = "246810"
ACCEPTED = ["9520000000011", "9520000000042", "95200019"]  # PET water, aluminium can, a GTIN-8 can
REFUSED_CARTON = "9520000000158"                            # registered, but cartons carry no German deposit
UNKNOWN = "9520000999995"                                   # a valid GTIN the register does not list


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def kiosk_environment(kiosk):
    """The kiosk's environment: no sound card here (SDL's dummy driver), and for an AddressSanitizer build Mesa's GL
    modules preloaded, so they stay mapped until LeakSanitizer runs at exit and their one-off allocations can be
    suppressed by module name (lsan-third-party.supp) instead of showing up as leaks from unknown code."""
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    libraries = run(["ldd", kiosk]).stdout
    asan = [line.split("=>")[1].split("(")[0].strip() for line in libraries.splitlines() if "libasan.so" in line and "=>" in line]
    if asan:
        mesa = ["/usr/lib/x86_64-linux-gnu/libGLX_mesa.so.0", "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"]
        env["LD_PRELOAD"] = " ".join(asan + [path for path in mesa if os.path.exists(path)])
    return env


def make_settings(kiosk, repo, work, idle_seconds, name, mode="counter", extra=None):
    """The sample settings with absolute paths, a fresh key and the test PIN, as <work>/<name>.json. The scanner flows
    run as a staffed counter (scanning pays there); "rvm" needs the controller simulator (intake_e2e.py)."""
    with open(os.path.join(repo, "assets", "kiosk", "sample-config.json"), encoding="utf-8") as f:
        config = json.load(f)
    config["scheme"] = os.path.join(repo, "assets", "schemes", "de.json")
    key = os.path.join(work, name + ".key")
    run([kiosk, "make-key", key])
    config["voucher"]["keyFile"] = key
    config["adminPinHash"] = run([kiosk, "hash-pin"], input=PIN + "\n").stdout.strip()
    config["idleTimeoutSeconds"] = idle_seconds
    config["mode"] = mode
    config.update(extra or {})
    path = os.path.join(work, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
    return path


class Window:
    """The kiosk window process and its JSON event lines."""

    def __init__(self, kiosk, repo, work, config, lang, extra=()):
        self.events = queue.Queue()
        self.seen = []
        self.layout = None
        self.stderr_path = os.path.join(work, "stderr-" + lang + ".log")
        env = dict(kiosk_environment(kiosk), RETURNLOOP_KIOSK_LAYOUT="1")
        self.process = subprocess.Popen(
            [kiosk, "--config", config, "--catalog", os.path.join(repo, "assets", "catalog", "sample.csv"),
             "--ledger", os.path.join(work, "ledger-" + lang + ".sqlite"), "--voucher-dir", os.path.join(work, "vouchers"),
             "--lang", lang, *extra],
            stdout=subprocess.PIPE, stderr=open(self.stderr_path, "w"), text=True, env=env)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            line = line.strip()
            if line.startswith("{"):
                self.events.put(json.loads(line))

    def wait(self, predicate, what, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                event = self.events.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None:
                    fail("the kiosk exited (%s) while waiting for %s; stderr: %s" % (self.process.returncode, what, self.stderr_tail()))
                continue
            self.seen.append(event)
            if event.get("event") == "layout":
                self.layout = event
            if predicate(event):
                return event
        recent = [e.get("event") + ("/" + e.get("screen", "") if e.get("event") in ("layout", "screen") else "") for e in self.seen[-12:]]
        fail("timed out waiting for %s; the last events: %s" % (what, recent))

    def stderr_tail(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()[-3000:]

    def settle(self):
        """Lets the frames already due be drawn (the loop draws a couple after every event)."""
        time.sleep(0.4)
        while True:
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return
            self.seen.append(event)
            if event.get("event") == "layout":
                self.layout = event

    def stop(self):
        self.process.send_signal(signal.SIGTERM)  # SDL turns it into SDL_QUIT: a clean shutdown
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            fail("the kiosk did not exit after SIGTERM")
        if code != 0:
            fail("the kiosk exited with %d; stderr: %s" % (code, self.stderr_tail()))
        errors = self.stderr_tail()
        if "ERROR: AddressSanitizer" in errors or "runtime error:" in errors or "LeakSanitizer" in errors:
            fail("sanitizer report: " + errors)


def xdotool(*args):
    return run(["xdotool", *args]).stdout.strip()


def scan(code):
    """A USB scanner: the digits within milliseconds, then Return, as key presses of one xdotool process.

    Two processes (type, then key Return) could start further apart than the kiosk's burst gap on a loaded machine,
    and the kiosk would rightly take the code for a person's typing. Digit keysyms are named by the digit itself."""
    if not code.isdigit():
        fail("scan() sends digit keys only, not %r" % code)
    xdotool("key", "--delay", "5", *code, "Return")


def screenshot(path, wid=None):
    run(["import", "-window", "root", path])
    if wid:
        # import grabs the X server; without a window manager the keyboard focus does not come back by itself.
        xdotool("windowfocus", "--sync", wid)


def zbar(path):
    result = subprocess.run(["zbarimg", "-q", "--nodbus", "--raw", path], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line]


def tap(window, item_id, screen):
    """Taps the centre of the widget with this id, as listed by the window's last layout event."""
    layout = window.layout
    if not layout or layout["screen"] != screen:
        window.wait(lambda e: e.get("event") == "layout" and e["screen"] == screen, "the %s layout" % screen)
        layout = window.layout
    for item in layout["items"]:
        if item["id"] == item_id:
            x, y = int(item["x"] + item["w"] / 2), int(item["y"] + item["h"] / 2)
            here = dict(part.split("=") for part in xdotool("getmouselocation", "--shell").split())
            if (int(here["X"]), int(here["Y"])) == (x, y):
                x += 2  # "mousemove --sync" to where the pointer already is waits for a motion that never comes
            xdotool("mousemove", "--sync", str(x), str(y))
            time.sleep(0.1)
            xdotool("click", "1")
            time.sleep(0.3)  # one tap per batch of events: the window must draw the release before the next press
            if os.environ.get("E2E_DEBUG"):
                print("%.2f" % time.time(), "tap", item_id, x, y, xdotool("getmouselocation"), xdotool("getwindowfocus"), file=sys.stderr)
            return
    fail("no %s on the %s screen; items: %s" % (item_id, screen, [i["id"] for i in layout["items"]]))


def flow(kiosk, repo, work, artifacts, lang):
    config = make_settings(kiosk, repo, work, idle_seconds=10, name="kiosk-" + lang)
    started = time.time()
    window = Window(kiosk, repo, work, config, lang)
    ready = window.wait(lambda e: e.get("event") == "ready", "ready")
    print("%s: ready in %d ms (since exec %.0f ms; wall %.0f ms)" % (lang, ready["startupMs"], ready["sinceExecMs"], (time.time() - started) * 1000))
    if ready["screen"] != "attract":
        fail("started on " + ready["screen"])
    wid = xdotool("search", "--sync", "--name", "ReturnLoop kiosk").splitlines()[0]
    xdotool("windowfocus", "--sync", wid)
    window.settle()
    screenshot(os.path.join(artifacts, lang + "-attract.png"), wid)

    # The scanner: accepted containers, a refused carton and an unknown product, each handled as it arrives.
    for code in ACCEPTED:
        scan(code)
        event = window.wait(lambda e: e.get("event") in ("accepted", "rejected"), "the scan of " + code)
        if event["event"] != "accepted" or event.get("source") != "scanner":
            fail("%s was not accepted from the scanner: %s" % (code, event))
    scan(REFUSED_CARTON)
    event = window.wait(lambda e: e.get("event") in ("accepted", "rejected"), "the carton")
    if event["event"] != "rejected" or event["reason"] != "no_deposit":
        fail("the carton should be refused with no_deposit: %s" % event)
    scan(UNKNOWN)
    event = window.wait(lambda e: e.get("event") in ("accepted", "rejected"), "the unknown product")
    if event["event"] != "rejected" or event["reason"] != "not_registered":
        fail("the unknown product should be refused with not_registered: %s" % event)
    window.settle()
    screenshot(os.path.join(artifacts, lang + "-returning.png"), wid)
    # The display modes from the keyboard (F2 high contrast, F3 large text), mid-session.
    for key, name in (("F2", "high-contrast"), ("F3", "high-contrast-large-text")):
        xdotool("key", key)
        window.wait(lambda e: e.get("event") == "display", "the display change " + key)
        window.settle()
        screenshot(os.path.join(artifacts, lang + "-returning-" + name + ".png"), wid)
    for key in ("F2", "F3"):
        xdotool("key", key)
        window.wait(lambda e: e.get("event") == "display", "the display change back")

    # The on-screen keypad, typed by touch: each digit shows before the next is tapped.
    tap(window, "type_code", "returning")
    window.wait(lambda e: e.get("event") == "layout" and e.get("keypad") == "", "the keypad")
    typed = ""
    for digit in "9520000000028":
        tap(window, digit, "returning")
        typed += digit
        shown = window.wait(lambda e: e.get("event") == "layout" and "keypad" in e, "the digit " + digit)
        if shown["keypad"] != typed:
            fail("the keypad shows %r after tapping %r" % (shown["keypad"], typed))
    window.settle()
    screenshot(os.path.join(artifacts, lang + "-keypad.png"), wid)
    tap(window, "ok", "returning")
    event = window.wait(lambda e: e.get("event") in ("accepted", "rejected"), "the keypad code")
    if event["event"] != "accepted" or event.get("source") != "keypad":
        fail("the code typed on the keypad was not accepted: %s" % event)

    tap(window, "finish", "returning")
    window.wait(lambda e: e.get("event") == "screen" and e["screen"] == "finish", "the finish screen")
    window.settle()
    screenshot(os.path.join(artifacts, lang + "-finish.png"), wid)
    tap(window, "voucher", "finish")
    voucher = window.wait(lambda e: e.get("event") == "voucher", "the voucher")
    if voucher["items"] != 4 or voucher["amountMinor"] != 25 + 25 + 25 + 25:
        fail("the voucher should pay 4 containers at 0.25 EUR: %s" % voucher)
    decoded = zbar(voucher["png"])
    if voucher["code"] not in decoded or voucher["ean13"] not in decoded:
        fail("zbarimg read %s from %s, not the issued %s and %s" % (decoded, voucher["png"], voucher["code"], voucher["ean13"]))
    window.wait(lambda e: e.get("event") == "layout" and e["screen"] == "voucher", "the voucher layout")
    window.settle()
    shot = os.path.join(artifacts, lang + "-voucher.png")
    screenshot(shot, wid)
    on_screen = zbar(shot)
    if voucher["code"] not in on_screen:
        fail("the voucher on screen does not scan: zbarimg read %s from %s" % (on_screen, shot))
    shutil.copy(voucher["png"], os.path.join(artifacts, lang + "-voucher-receipt.png"))
    print("%s: voucher %s (EAN-13 %s) decodes from the PNG and from the screen" % (lang, voucher["code"], voucher["ean13"]))
    tap(window, "done", "voucher")
    window.wait(lambda e: e.get("event") == "screen" and e["screen"] == "attract", "back to attract")

    # Staff: F12, the PIN typed at a person's pace (not a scanner's burst), then two sections.
    xdotool("key", "F12")
    window.wait(lambda e: e.get("event") == "screen" and e["screen"] == "admin", "the admin screen")
    window.settle()
    screenshot(os.path.join(artifacts, lang + "-admin-pin.png"), wid)
    xdotool("type", "--delay", "120", PIN)
    xdotool("key", "Return")
    window.wait(lambda e: e.get("event") == "admin" and e["state"] == "unlocked", "the PIN to unlock")
    window.wait(lambda e: e.get("event") == "layout" and any(i["id"] == "apply_rates" for i in e["items"]), "the rate table")
    window.settle()
    screenshot(os.path.join(artifacts, lang + "-admin-rates.png"), wid)
    tap(window, "stats", "admin")
    window.wait(lambda e: e.get("event") == "layout" and any(i["id"] == "verify" for i in e["items"]), "the statistics")
    window.settle()
    screenshot(os.path.join(artifacts, lang + "-admin-stats.png"), wid)
    tap(window, "back_to_service", "admin")
    window.wait(lambda e: e.get("event") == "screen" and e["screen"] == "attract", "back to service")

    # A shopper who walks away: the idle timeout (10 s here) pays a voucher and returns to Attract by itself.
    scan(ACCEPTED[0])
    window.wait(lambda e: e.get("event") == "accepted", "the scan before walking away")
    walked_away = time.time()
    window.wait(lambda e: e.get("event") == "layout" and any(i["id"] == "still_here" for i in e["items"]), "the still-there warning", timeout=30)
    window.settle()
    screenshot(os.path.join(artifacts, lang + "-idle-warning.png"), wid)
    idle = window.wait(lambda e: e.get("event") == "voucher", "the idle voucher", timeout=30)
    waited = time.time() - walked_away
    if not 9.5 <= waited <= 16:
        fail("the idle voucher came after %.1f s, not after the 10 s timeout" % waited)
    if zbar(idle["png"]).count(idle["code"]) != 1:
        fail("the idle voucher PNG does not decode to its code")
    window.wait(lambda e: e.get("event") == "screen" and e["screen"] == "attract", "attract after the timeout")
    window.settle()
    screenshot(os.path.join(artifacts, lang + "-attract-after-timeout.png"), wid)
    window.stop()


def screenshot_runs(kiosk, repo, work, artifacts):
    """The --screenshot flag in each display mode (written by the kiosk itself via glReadPixels)."""
    config = make_settings(kiosk, repo, work, idle_seconds=60, name="kiosk-screenshots")
    runs = [("en-attract-high-contrast.png", ["--high-contrast"]), ("en-attract-large-text.png", ["--large-text"]),
            ("zh-CN-attract-high-contrast-large.png", ["--lang", "zh-CN", "--high-contrast", "--large-text"]),
            ("de-attract-demo.png", ["--lang", "de", "--demo"]), ("es-attract.png", ["--lang", "es"])]
    for name, flags in runs:
        path = os.path.join(artifacts, name)
        args = [kiosk, "--config", config, "--catalog", os.path.join(repo, "assets", "catalog", "sample.csv"),
                "--ledger", os.path.join(work, "ledger-shots.sqlite"), "--voucher-dir", os.path.join(work, "vouchers"),
                "--screenshot", path, *flags]
        result = subprocess.run(args, capture_output=True, text=True, env=kiosk_environment(kiosk), timeout=120)
        if result.returncode != 0 or not os.path.exists(path):
            fail("--screenshot %s failed (%d): %s" % (name, result.returncode, result.stderr[-2000:]))
        line = json.loads(result.stdout.strip().splitlines()[-1])
        print("%s: written %d ms after start" % (name, line["startupMs"]))
    # The window is ready after one frame (every window has a fixed place and size): the first frame must be the
    # same picture as the third, which ImGui has had two frames to settle.
    first, third = os.path.join(work, "first.png"), os.path.join(work, "third.png")
    base = [kiosk, "--config", config, "--catalog", os.path.join(repo, "assets", "catalog", "sample.csv"),
            "--ledger", os.path.join(work, "ledger-frames.sqlite"), "--voucher-dir", os.path.join(work, "vouchers"), "--demo", "--lang", "zh-CN"]
    subprocess.run(base + ["--screenshot", first], check=True, capture_output=True, env=kiosk_environment(kiosk), timeout=120)
    subprocess.run(base + ["--screenshot", third], check=True, capture_output=True, timeout=120,
                   env=dict(kiosk_environment(kiosk), RETURNLOOP_KIOSK_FIRST_FRAMES="3"))
    differing = subprocess.run(["compare", "-metric", "AE", first, third, os.path.join(work, "diff.png")], capture_output=True, text=True)
    if differing.stderr.strip() != "0":
        fail("the first frame differs from the third in %s pixels" % differing.stderr.strip())
    print("the first frame equals the third: Attract is complete when 'ready' is printed")


def main():
    if len(sys.argv) < 3:
        fail("usage: e2e.py KIOSK_BINARY REPO_ROOT [ARTIFACT_DIR]")
    kiosk, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    artifacts = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else os.path.join(repo, "artifacts", "kiosk")
    os.makedirs(artifacts, exist_ok=True)
    if not os.environ.get("DISPLAY"):
        fail("no X display: run under xvfb-run -a -s '-screen 0 1920x1080x24'")
    work = tempfile.mkdtemp(prefix="rl-kiosk-e2e-")
    try:
        os.mkdir(os.path.join(work, "vouchers"))
        for lang in ("en", "zh-CN"):
            flow(kiosk, repo, work, artifacts, lang)
        screenshot_runs(kiosk, repo, work, artifacts)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("ok: end-to-end in en and zh-CN, screenshots in " + artifacts)


if __name__ == "__main__":
    main()
