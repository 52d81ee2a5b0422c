"""Shared helpers for the hub's script tests: a fresh PostgreSQL cluster (pg_cluster.py), hub processes started on a
free port, JSON over HTTP(S), enrolment through the real commands (devices and real headless kiosks), and machines'
records from hub_loadgen (signed by the kiosk back end's own functions)."""
import argparse
import json
import os
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pg_cluster


def args():
    p = argparse.ArgumentParser()
    p.add_argument("--hub", required=True)
    p.add_argument("--loadgen", required=True)
    p.add_argument("--kiosk", required=True)
    p.add_argument("--repo", required=True)
    return p.parse_args()


class Hub:
    """A running `returnloop-hub serve` on 127.0.0.1 with a free port; url is its base URL."""

    def __init__(self, exe, database_url, tls=None, threads=8, host="127.0.0.1"):
        cmd = [exe, "serve", "--listen", host + ":0", "--database", database_url, "--threads", str(threads)]
        if tls:
            cmd += ["--tls-cert", tls[0], "--tls-key", tls[1]]
        self.log = tempfile.NamedTemporaryFile(prefix="rl-hub-", suffix=".log", delete=False).name
        with open(self.log, "w") as err:
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the hub did not start: " + open(self.log).read())
        event = json.loads(line)
        assert event["event"] == "listening", line
        self.port = event["port"]
        self.url = ("https" if tls else "http") + f"://127.0.0.1:{self.port}"

    def kill9(self):
        self.proc.kill()
        self.proc.wait()
        os.unlink(self.log)

    def stderr(self):
        with open(self.log, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is not None:
            print(f"hub exited with {self.proc.returncode}: {self.stderr()[-3000:]}")
        else:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        os.unlink(self.log)


class HubStack:
    """What nearly every hub test starts from: a PostgreSQL cluster (a fresh one unless `clusters` are given; the first
    is `pg`), migrated through `database_url` (default: pg's), and `hubs` hub processes serving it. close() stops every
    hub still in `hubs` (a test may replace or kill9 and drop some) and destroys the clusters; it runs on a failed
    start too, so a test calls it in its own `finally`."""

    def __init__(self, exe, hubs=1, threads=8, clusters=None, database_url=None):
        self.clusters = clusters or [pg_cluster.fresh()]
        self.pg = self.clusters[0]
        self.db = database_url or self.pg.url()
        self.hubs = []
        try:
            self.migrated = migrate(exe, self.db)  # the command's output: which migrations it applied
            self.hubs = [Hub(exe, self.db, threads=threads) for _ in range(hubs)]
        except BaseException:
            self.close()
            raise

    @property
    def hub(self):
        return self.hubs[0]

    def close(self):
        try:
            for h in self.hubs:
                h.stop()
        finally:
            for c in self.clusters:  # all stopped before any folder goes: a primary and its standby share one
                c.stop("immediate")
            for c in self.clusters:
                c.destroy()


def call(url, method="GET", body=None, token=None, raw=None, timeout=30, context=None):
    """(status, parsed JSON body) of one request; raw sends bytes as they are."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout, context=context) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        text = e.read()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, {"raw": text.decode(errors="replace")}


def hub_cmd(exe, database_url, *a, stdin=None):
    out = subprocess.run([exe, *a, "--database", database_url], input=stdin, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"returnloop-hub {' '.join(a)} failed: {out.stderr}")
    return out.stdout.strip()


def migrate(exe, database_url):
    return hub_cmd(exe, database_url, "migrate")


def person_token(exe, hub_url, database_url, email, role, retailer=None):
    """Adds a person with `returnloop-hub add-user` and logs them in; returns their session token."""
    password = "a long password for " + email
    hub_cmd(exe, database_url, "add-user", "--email", email, "--role", role, *(["--retailer", retailer] if retailer else []),
            stdin=password + "\n")
    # Logins wait long: argon2id under ASan on a loaded 2-core machine can take tens of seconds.
    status, login = call(hub_url + "/v1/login", "POST", {"email": email, "password": password}, timeout=120)
    assert status == 200, login
    return login["token"]


def enroll_machine(exe, hub_url, database_url, store, machine, retailer="Retailer A", key_file=None):
    """Enrols a machine through the real code exchange; returns the enrolment answer (credential, voucherKey...)."""
    extra = ["--voucher-key-file", key_file] if key_file else []
    code = hub_cmd(exe, database_url, "enroll-machine", "--retailer", retailer, "--store", str(store), "--machine", str(machine),
                   *extra)
    status, body = call(hub_url + "/v1/enroll", "POST", {"code": code})
    assert status == 200, body
    return body


def enroll_till(exe, hub_url, database_url, store, till, retailer="Retailer A"):
    code = hub_cmd(exe, database_url, "enroll-till", "--retailer", retailer, "--store", str(store), "--till", till)
    status, body = call(hub_url + "/v1/enroll", "POST", {"code": code})
    assert status == 200, body
    return body


def generate(loadgen, store, machine, key_hex, items, per_session, first_date="2026-11-01"):
    """(records, vouchers) for one machine, signed as its kiosk would sign them."""
    out = subprocess.run([loadgen, str(store), str(machine), key_hex, str(items), str(per_session), first_date],
                         check=True, capture_output=True, text=True).stdout
    records, vouchers = [], []
    for line in out.splitlines():
        j = json.loads(line)
        (vouchers if "voucher" in j else records).append(j)
    return records, vouchers


def upload(hub_url, enrolment, records, timeout=30):
    body = {"store": enrolment["store"], "machine": enrolment["machine"], "records": records}
    return call(hub_url + "/v1/upload", "POST", body, token=enrolment["credential"], timeout=timeout)


def wait_until(predicate, timeout, what):
    """The predicate's first truthy value, asked every 0.1 s; an AssertionError naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def sample_key(repo):
    """The sample kiosk's public demo voucher key: hubs in tests adopt it for the sample settings' store."""
    return os.path.abspath(os.path.join(repo, "assets", "kiosk", "sample-voucher.key"))


def enroll_kiosk(a, hub_url, database_url, work, store=421, machine=1, retailer="Sample retailer", key_file=None, adopt_sample_key=True):
    """Enrols a real kiosk (work from kiosk_harness.make_workdir) through `returnloop-hub enroll-machine` and
    `returnloop-kiosk enroll`, with the sample key adopted for its store (or, adopt_sample_key=False, a key the hub
    makes). Returns (credential path, code, the enroll run); key_file is passed to the kiosk's --key-file."""
    adopt = ["--voucher-key-file", sample_key(a.repo)] if adopt_sample_key else []
    code = hub_cmd(a.hub, database_url, "enroll-machine", "--retailer", retailer, "--store", str(store), "--machine", str(machine),
                   *adopt)
    cred = os.path.join(work["dir"], "hub-credential.json")
    extra = ["--key-file", key_file] if key_file else []
    out = subprocess.run([a.kiosk, "enroll", "--hub", hub_url, "--code", code, "--credential", cred, *extra],
                         capture_output=True, text=True)
    return cred, code, out


def hub_kiosk(a, work, hub_url, cred, config_poll_ms=None):
    """A script running the kiosk with --hub and its credential, for kiosk_harness.Kiosk (which builds the rest of the
    command line)."""
    flags = f"--hub {hub_url} --hub-credential {cred}" + (f" --hub-config-poll-ms {config_poll_ms}" if config_poll_ms else "")
    wrapper = os.path.join(work["dir"], "kiosk-with-hub")
    with open(wrapper, "w") as f:
        f.write(f"#!/bin/sh\nexec {a.kiosk} {flags} \"$@\"\n")
    os.chmod(wrapper, 0o755)
    return wrapper


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok -", message, flush=True)
