"""Shared helpers for the kiosk's script tests: a working folder with a settings file derived from the sample one,
and a headless kiosk process driven like a USB scanner (stdin lines) whose JSON events are collected."""
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time


def make_workdir(repo, duplicate_window_ms=2000, printer=None, settings=None):
    """A temporary folder with kiosk.json (the sample settings, paths made absolute), a voucher folder and a ledger path."""
    repo = os.path.abspath(repo)
    work = tempfile.mkdtemp(prefix="rl-kiosk-script-")
    sample = os.path.join(repo, "assets", "kiosk", "sample-config.json")
    with open(sample, encoding="utf-8") as f:
        config = json.load(f)
    config["scheme"] = os.path.join(repo, "assets", "schemes", "de.json")
    config["voucher"]["keyFile"] = os.path.join(repo, "assets", "kiosk", "sample-voucher.key")
    config["limits"]["duplicateWindowMs"] = duplicate_window_ms
    if printer:
        config["printer"] = {"target": printer, "widthDots": 576}
    config.update(settings or {})  # top-level members to replace (bins, mode, ...)
    with open(os.path.join(work, "kiosk.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
    os.mkdir(os.path.join(work, "vouchers"))
    return {
        "dir": work,
        "config": os.path.join(work, "kiosk.json"),
        "ledger": os.path.join(work, "ledger.sqlite"),
        "vouchers": os.path.join(work, "vouchers"),
        "catalog": os.path.join(repo, "assets", "catalog", "sample.csv"),
    }


def remove_workdir(work):
    shutil.rmtree(work["dir"], ignore_errors=True)


def verify_ledger_problems(kiosk_exe, work):
    """What `returnloop-kiosk verify-ledger` finds wrong with the work folder's ledger (an empty list when nothing)."""
    verify = subprocess.run([kiosk_exe, "verify-ledger", "--demo", "--config", work["config"], "--ledger", work["ledger"]],
                            capture_output=True, text=True)
    return [] if verify.returncode == 0 else ["verify-ledger: %s %s" % (verify.stdout, verify.stderr)]


def finish(problems, work, ok_message):
    """A kill test's verdict: the first problems and the kept folder, or the folder removed and the ok line."""
    if problems:
        for p in problems[:20]:
            print("FAIL: " + p)
        print("workdir kept: " + work["dir"])
        return 1
    remove_workdir(work)
    print("ok: " + ok_message)
    return 0


class Kiosk:
    """A running `returnloop-kiosk --headless`; events() holds every complete JSON line it printed."""

    def __init__(self, exe, work, extra_args=()):
        self.proc = subprocess.Popen(
            [exe, "--headless", "--demo", "--config", work["config"], "--catalog", work["catalog"], "--ledger", work["ledger"],
             "--voucher-dir", work["vouchers"], *extra_args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._events = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._stderr = b""
        self._err_reader = threading.Thread(target=self._read_err, daemon=True)
        self._err_reader.start()

    def _read(self):
        for raw in self.proc.stdout:
            if not raw.endswith(b"\n"):
                break  # a line cut by SIGKILL was never printed whole: it does not count
            event = json.loads(raw)
            with self._lock:
                self._events.append(event)

    def _read_err(self):
        self._stderr = self.proc.stderr.read()

    def events(self):
        with self._lock:
            return list(self._events)

    def wait_for(self, predicate, timeout=30.0, start=0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events()[start:]:
                if predicate(event):
                    return event
            if self.proc.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.002)
        raise AssertionError("kiosk did not print the expected event; events: %r stderr: %r" % (self.events()[-5:], self._stderr[-2000:]))

    def send(self, lines):
        try:
            self.proc.stdin.write("".join(line + "\n" for line in lines).encode("utf-8", "surrogateescape"))
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass

    def send_bytes(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def kill(self):
        self.proc.kill()  # SIGKILL: no handler, no flush, as a power cut
        self.proc.wait()
        self._reader.join(timeout=5)

    def close(self, timeout=60):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        rc = self.proc.wait(timeout=timeout)
        self._reader.join(timeout=5)
        self._err_reader.join(timeout=5)
        return rc

    def stderr(self):
        return self._stderr.decode("utf-8", "replace")


class Simulator:
    """A running `returnloop-rvm-sim` listening on a Unix socket in the work folder (or `listen`); commands go to its
    stdin, events() holds every JSON line it printed and `address` is what it listens on."""

    def __init__(self, exe, work, bin_delay_ms=15, extra_args=(), listen=None):
        listen = listen or "unix:" + os.path.join(work["dir"], "controller.sock")
        self.proc = subprocess.Popen([exe, "--listen", listen, "--bin-delay-ms", str(bin_delay_ms), *extra_args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._events = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.address = self.wait_for(lambda e: e.get("event") == "listening")["address"]

    def _read(self):
        for raw in self.proc.stdout:
            with self._lock:
                self._events.append(json.loads(raw))

    def events(self):
        with self._lock:
            return list(self._events)

    def wait_for(self, predicate, timeout=30.0, start=0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events()[start:]:
                if predicate(event):
                    return event
            if self.proc.poll() is not None:
                break
            time.sleep(0.002)
        raise AssertionError("simulator did not print the expected event; last events: %r stderr: %r"
                             % (self.events()[-5:], self.proc.stderr.read() if self.proc.poll() is not None else b""))

    def send(self, lines):
        self.proc.stdin.write("".join(line + "\n" for line in lines).encode())
        self.proc.stdin.flush()

    def wait_idle(self, timeout=30.0):
        start = len(self.events())
        self.send(["wait"])
        self.wait_for(lambda e: e.get("event") == "idle", timeout, start)

    def close(self):
        try:
            self.send(["quit"])
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()
