"""Real kiosks and the hub: `returnloop-kiosk enroll` (credential mode 0600, the store key from the hub), two
headless kiosks run with --hub and upload in the background; the hub's items equal their ledgers. PostgreSQL is
stopped mid-ingest: the kiosks keep accepting containers and catch up once it is back. TLS: a hub with a
self-signed certificate made by openssl; the kiosk enrols when given that certificate and refuses the hub without
it; plain HTTP is refused off loopback by both sides."""
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kiosk"))
import kiosk_harness  # noqa: E402
from hub_harness import Hub, HubStack, args, call, check, enroll_kiosk, hub_cmd, hub_kiosk, sample_key, wait_until  # noqa: E402

PAYING = ["9520000000011", "9520000000028", "9520000000042", "9520000000080", "9520000000097", "9520000000219"]


def ledger_totals(path):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as c:
        return c.execute("SELECT count(*), COALESCE(sum(refund_minor), 0) FROM items").fetchone()


def hub_totals(pg, machine):
    out = pg.psql(f"SELECT count(*) || '|' || COALESCE(sum(refund_minor), 0) FROM items i JOIN machines m ON m.id = i.machine_id "
                  f"WHERE m.number = {machine}")
    return tuple(int(x) for x in out.split("|"))


def shop(kiosk, rounds, items):
    for r in range(rounds):
        kiosk.send([PAYING[(r + i) % len(PAYING)] for i in range(items)] + [":finish voucher"])


def main():
    a = args()
    stack = HubStack(a.hub)
    pg, db, hub = stack.pg, stack.db, stack.hub
    kiosks = []
    works = []
    try:
        for machine in (1, 2):
            work = kiosk_harness.make_workdir(a.repo, duplicate_window_ms=0)
            works.append(work)
            cfg = open(work["config"]).read().replace('"machineId": 1', f'"machineId": {machine}')
            open(work["config"], "w").write(cfg)
            key = os.path.join(work["dir"], "voucher.key")
            cred, code, out = enroll_kiosk(a, hub.url, db, work, machine=machine, key_file=key)
            check(out.returncode == 0 and '"enrolled"' in out.stdout, f"kiosk {machine} enrols ({out.stderr.strip()})")
            check(stat.S_IMODE(os.stat(cred).st_mode) == 0o600, "the credential file is mode 0600")
            check(open(key).read().strip() == open(sample_key(a.repo)).read().strip(), "the hub handed out the store's adopted key")
            again = subprocess.run([a.kiosk, "enroll", "--hub", hub.url, "--code", code, "--credential", cred + ".2"],
                                   capture_output=True, text=True)
            check(again.returncode == 3, "the same code cannot enrol twice")
            work["credential"] = cred

        def start(work):
            return kiosk_harness.Kiosk(hub_kiosk(a, work, hub.url, work["credential"]), work)

        kiosks = [start(w) for w in works]
        for k in kiosks:
            k.wait_for(lambda e: e.get("event") == "ready")
            shop(k, 5, 6)
        for k in kiosks:
            k.wait_for(lambda e, k=k: len([x for x in k.events() if x.get("event") == "voucher"]) == 5, timeout=60)
        for i, w in enumerate(works):
            wait_until(lambda: hub_totals(pg, i + 1) == ledger_totals(w["ledger"]), 60, f"kiosk {i + 1}'s upload")
            check(True, f"the hub holds kiosk {i + 1}'s items exactly: {ledger_totals(w['ledger'])}")
        check(pg.psql("SELECT count(*) FROM vouchers") == "10", "and its 10 vouchers")

        # PostgreSQL goes away mid-ingest: the kiosks keep serving, then catch up.
        pg.stop("immediate")
        for k in kiosks:
            before = len([e for e in k.events() if e.get("event") == "accepted"])
            shop(k, 3, 5)
            k.wait_for(lambda e, k=k, before=before: len([x for x in k.events() if x.get("event") == "accepted"]) >= before + 15, timeout=60)
        check(True, "both kiosks accepted 15 containers each while PostgreSQL was down")
        status, health = call(hub.url + "/v1/health")
        check(status == 503 and health["database"] == "unreachable", "the hub's health says the database is unreachable")
        time.sleep(float(os.environ.get("RL_HUB_PG_OUTAGE_SECONDS", "2")))  # the outage's length (the script uses 60 s)
        pg.start(port=pg.port)
        for i, w in enumerate(works):
            wait_until(lambda: hub_totals(pg, i + 1) == ledger_totals(w["ledger"]), 90, f"kiosk {i + 1}'s catch-up")
            check(True, f"kiosk {i + 1} caught up after the outage: {ledger_totals(w['ledger'])}")
        for k in kiosks:
            check(k.close() == 0, "the kiosk exits cleanly with its uploader")
        kiosks = []
        check(pg.psql("SELECT count(*) FROM (SELECT machine_id, seq FROM records GROUP BY 1, 2 HAVING count(*) > 1) d") == "0",
              "no record stored twice")

        # TLS with a self-signed certificate.
        tmp = tempfile.mkdtemp(prefix="rl-tls-")
        cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        tls_hub = Hub(a.hub, db, tls=(cert, key))
        try:
            code = hub_cmd(a.hub, db, "enroll-machine", "--retailer", "Sample retailer", "--store", "421", "--machine", "3")
            cred = os.path.join(tmp, "cred.json")
            refused = subprocess.run([a.kiosk, "enroll", "--hub", tls_hub.url, "--code", code, "--credential", cred],
                                     capture_output=True, text=True)
            check(refused.returncode == 1 and not os.path.exists(cred), f"the kiosk refuses an unknown certificate ({refused.stderr.strip()})")
            ok = subprocess.run([a.kiosk, "enroll", "--hub", tls_hub.url, "--code", code, "--credential", cred, "--hub-ca", cert],
                                capture_output=True, text=True)
            check(ok.returncode == 0, "the kiosk enrols over HTTPS when it trusts the hub's certificate")
        finally:
            tls_hub.stop()
        plain = subprocess.run([a.hub, "serve", "--listen", "0.0.0.0:0", "--database", db], capture_output=True, text=True, timeout=30)
        check(plain.returncode == 2 and "loopback" in plain.stderr, "the hub refuses plain HTTP off loopback")
        plain = subprocess.run([a.kiosk, "enroll", "--hub", "http://192.0.2.1:8443", "--code", "x"], capture_output=True, text=True)
        check(plain.returncode == 2 and "loopback" in plain.stderr, "the kiosk refuses plain HTTP to a hub off loopback")
    finally:
        for k in kiosks:
            k.kill()
        stack.close()
        for w in works:
            kiosk_harness.remove_workdir(w)


if __name__ == "__main__":
    main()
