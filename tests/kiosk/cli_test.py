#!/usr/bin/env python3
"""returnloop-kiosk from the outside: exit codes and messages of --check-config, usage, a headless session,
`redeem` (once, twice, tampered, unknown), `export`, `apply-settings` (wrong PIN, bad file, good file),
`verify-ledger`, binary bytes on stdin, and a damaged or read-only ledger. zbarimg reads the voucher PNG."""
import argparse
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_harness  # noqa: E402

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL: " + what)


def run(args, stdin=b""):
    return subprocess.run(args, input=stdin, capture_output=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--zbarimg", default="zbarimg")
    args = parser.parse_args()
    exe = args.kiosk
    work = kiosk_harness.make_workdir(args.repo)

    # --check-config: the sample is valid; a broken copy exits 3 naming each field
    r = run([exe, "--check-config", os.path.join(args.repo, "assets", "kiosk", "sample-config.json"), "--demo"])
    check(r.returncode == 0 and b"scheme de (Germany)" in r.stdout, "sample config validates: %r" % r.stdout[-300:])
    with open(work["config"]) as f:
        config = json.load(f)
    bad = dict(config, storeId="12345", currency="USD")
    bad_path = os.path.join(work["dir"], "bad.json")
    with open(bad_path, "w") as f:
        json.dump(bad, f)
    r = run([exe, "--check-config", bad_path])
    check(r.returncode == 3, "a bad config exits 3, not %d" % r.returncode)
    check(b"storeId: must be 1 to 4 digits" in r.stderr and b"currency: the settings say USD" in r.stderr,
          "each error is named: %r" % r.stderr)

    # no command and no files: exit 2 (the window needs them); --headless without its files: exit 2
    r = run([exe])
    check(r.returncode == 2, "without a command or files the kiosk exits 2, not %d" % r.returncode)
    r = run([exe, "--headless"])
    check(r.returncode == 2, "--headless alone exits 2")

    # a headless session with junk and binary bytes on stdin
    kiosk = kiosk_harness.Kiosk(exe, work)
    kiosk.wait_for(lambda e: e.get("event") == "ready")
    kiosk.send_bytes(b"\x00\x01\xff\xfe binary\n" + b"7" * 10000 + b"\n")
    kiosk.send(["9520000000011", "9520000000042", "9520000000219", ":finish voucher"])
    voucher = kiosk.wait_for(lambda e: e.get("event") == "voucher")
    rc = kiosk.close()
    check(rc == 0, "headless exits 0 at end of input: %d %s" % (rc, kiosk.stderr()))
    rejected = [e for e in kiosk.events() if e.get("event") == "rejected"]
    check(len(rejected) == 2 and all(e["reason"] == "unreadable" for e in rejected), "junk lines are unreadable: %r" % rejected)
    check(voucher["amountMinor"] == 58 and voucher["currency"] == "EUR", "voucher of 58 cents: %r" % voucher)
    z = run([args.zbarimg, "-q", "--nodbus", "--raw", voucher["png"]])
    decoded = set(z.stdout.decode().split())
    check(decoded == {voucher["code"], voucher["ean13"]}, "zbarimg reads %r from the PNG, issued %r" % (decoded, voucher))

    # redeem: once (0), twice (3), tampered (3), unknown EAN (3)
    base = [exe, "redeem", "--demo", "--config", work["config"], "--ledger", work["ledger"], "--via", "till-1"]
    r = run(base + [voucher["code"]])
    out = json.loads(r.stdout)
    check(r.returncode == 0 and out["event"] == "redeemed" and out["amountMinor"] == 58, "first redemption: %r" % out)
    r = run(base + [voucher["code"]])
    check(r.returncode == 3 and json.loads(r.stdout)["reason"] == "already_redeemed", "second redemption refused: %r" % r.stdout)
    # the Code 128 number as printed under the barcode, in groups of five: the same voucher
    printed = " ".join(voucher["code"][i:i + 5] for i in range(0, 40, 5))
    r = run(base + [printed])
    check(r.returncode == 3 and json.loads(r.stdout)["reason"] == "already_redeemed",
          "the printed (spaced) number is the same voucher: %r" % r.stdout)
    r = run(base + [voucher["ean13"]])
    check(r.returncode == 3 and json.loads(r.stdout)["reason"] == "ean13_not_accepted",
          "a bare EAN-13 is not redeemed unless voucher.acceptEan13: %r" % r.stdout)
    tampered = voucher["code"][:-1] + ("0" if voucher["code"][-1] != "0" else "1")
    r = run(base + [tampered])
    check(r.returncode == 3 and json.loads(r.stdout)["reason"] == "bad_tag", "tampered code refused: %r" % r.stdout)
    r = run(base + ["2919999000998"])
    check(r.returncode == 3 and json.loads(r.stdout)["reason"] in ("ean13_not_accepted", "malformed"), "unknown EAN-13 refused: %r" % r.stdout)

    # export
    out_dir = os.path.join(work["dir"], "export")
    os.mkdir(out_dir)
    r = run([exe, "export", "--ledger", work["ledger"], "--from", "2000-01-01", "--to", "2099-12-31", "--out", out_dir])
    check(r.returncode == 0 and b"exported 1 sessions, 3 items, 1 vouchers, 1 refused scans" in r.stdout, "export: %r %r" % (r.stdout, r.stderr))
    with open(os.path.join(out_dir, "refusals.csv")) as f:
        check(",unreadable," in f.read(), "refusals.csv lists the refused binary line")
    with open(os.path.join(out_dir, "vouchers.csv")) as f:
        check(",redeemed," in f.read(), "vouchers.csv shows the redemption")
    r = run([exe, "export", "--ledger", work["ledger"], "--from", "2025-13-01", "--to", "2025-01-01", "--out", out_dir])
    check(r.returncode == 2, "export with a bad date exits 2")

    # apply-settings: wrong PIN (3, unchanged), bad file (3, unchanged), good file (0, replaced)
    with open(work["config"], "rb") as f:
        original = f.read()
    new = dict(config)
    new["limits"] = dict(config["limits"], sessionValueMinor=2500)
    new_path = os.path.join(work["dir"], "new.json")
    with open(new_path, "w") as f:
        json.dump(new, f)
    apply = [exe, "apply-settings", "--demo", new_path, "--config", work["config"], "--ledger", work["ledger"]]
    # never creates a missing ledger, and never runs beside a kiosk on the same ledger
    missing = os.path.join(work["dir"], "missing.sqlite")
    r = run(apply[:-1] + [missing], b"246810\n")
    check(r.returncode == 1 and b"there is no ledger" in r.stderr and not os.path.exists(missing),
          "apply-settings with a missing ledger: %d %r" % (r.returncode, r.stderr))
    running = kiosk_harness.Kiosk(exe, work)
    running.wait_for(lambda e: e.get("event") == "ready")
    r = run(apply, b"246810\n")
    check(r.returncode == 1 and b"another kiosk is running" in r.stderr, "apply-settings beside a kiosk: %r" % r.stderr)
    running.send(["9520000000011"])
    running.wait_for(lambda e: e.get("event") == "accepted")
    running.close()
    r = run(apply, b"246810\n")
    check(r.returncode == 3 and b"is open with 1 containers" in r.stderr, "apply-settings during an open session: %r" % r.stderr)
    running = kiosk_harness.Kiosk(exe, work)
    running.send([":finish donate"])
    running.wait_for(lambda e: e.get("event") == "donation")
    running.close()
    r = run(apply, b"0000\n")
    check(r.returncode == 3 and b"wrong PIN" in r.stderr, "wrong PIN refused: %r" % r.stderr)
    r = run([exe, "apply-settings", "--demo", bad_path, "--config", work["config"], "--ledger", work["ledger"]], b"246810\n")
    check(r.returncode == 3 and b"storeId" in r.stderr, "bad settings refused: %r" % r.stderr)
    with open(work["config"], "rb") as f:
        check(f.read() == original, "the old settings stay after refusals")
    r = run(apply, b"246810\n")
    check(r.returncode == 0 and b"changed: limits" in r.stdout, "good settings applied: %r %r" % (r.stdout, r.stderr))
    with open(work["config"]) as f:
        check(json.load(f)["limits"]["sessionValueMinor"] == 2500, "the file was replaced")
    check(os.stat(work["config"]).st_mode & 0o777 == 0o600, "the settings are written 0600")

    # hash-pin refuses a PIN that is not 6-12 digits
    check(run([exe, "hash-pin"], b"12\n").returncode == 3, "a 2-digit PIN is refused")
    check(run([exe, "hash-pin"], b"24681\n").returncode == 3, "a 5-digit PIN is refused")
    check(run([exe, "hash-pin"], b"246813\n").returncode == 0, "a 6-digit PIN is hashed")

    # the demo key and PIN are refused without --demo
    r = run([exe, "--headless", "--config", work["config"], "--catalog", work["catalog"], "--ledger", work["ledger"],
             "--voucher-dir", work["vouchers"]])
    check(r.returncode == 3 and b"is the public demo key" in r.stderr and b"adminPinHash: is the published demo PIN" in r.stderr,
          "demo secrets refused in a store: %d %r" % (r.returncode, r.stderr))

    # verify-ledger: intact (0), then edits behind the kiosk's back are named (3)
    verify = [exe, "verify-ledger", "--demo", "--config", work["config"], "--ledger", work["ledger"]]
    r = run(verify)
    check(r.returncode == 0 and b"4 items, 2 payouts, 1 redemptions and" in r.stdout, "verify-ledger: %r %r" % (r.stdout, r.stderr))
    import sqlite3
    db = sqlite3.connect(work["ledger"])
    db.execute("UPDATE items SET refund_minor = 100 WHERE id = 1")
    db.execute("UPDATE payouts SET status = 'issued' WHERE id = 1")
    db.execute("DELETE FROM items WHERE id = 4")
    db.commit()
    db.close()
    r = run(verify)
    check(r.returncode == 3 and b"item 1 does not match its signature" in r.stderr, "tampering found: %r" % r.stderr)
    check(b"payout 1 says issued but redemption 1 redeemed it" in r.stderr, "a flipped redemption found: %r" % r.stderr)
    check(b"the signed head counts 4 item records ending at item 4, but the ledger holds 3" in r.stderr,
          "a dropped last item found: %r" % r.stderr)

    # a damaged ledger: exit 1 with a clear message, file untouched
    damaged = os.path.join(work["dir"], "damaged.sqlite")
    junk = bytes((i * 131 + 7) & 0xFF for i in range(8192))
    with open(damaged, "wb") as f:
        f.write(junk)
    r = run([exe, "--headless", "--demo", "--config", work["config"], "--catalog", work["catalog"], "--ledger", damaged,
             "--voucher-dir", work["vouchers"]], b"9520000000011\n")
    check(r.returncode == 1 and b"damaged or not a ledger" in r.stderr, "damaged ledger: %d %r" % (r.returncode, r.stderr))
    with open(damaged, "rb") as f:
        check(f.read() == junk, "the damaged ledger is left as it was")

    # a read-only ledger: exit 1, "read-only"
    readonly = os.path.join(work["dir"], "readonly.sqlite")
    shutil.copy(work["ledger"], readonly)
    os.chmod(readonly, 0o444)
    immutable = False
    if os.access(readonly, os.W_OK):
        immutable = subprocess.run(["chattr", "+i", readonly], capture_output=True).returncode == 0
    if not os.access(readonly, os.W_OK):
        r = run([exe, "--headless", "--demo", "--config", work["config"], "--catalog", work["catalog"], "--ledger", readonly,
                 "--voucher-dir", work["vouchers"]], b"9520000000011\n")
        check(r.returncode == 1 and b"read-only" in r.stderr, "read-only ledger: %d %r" % (r.returncode, r.stderr))
    else:
        print("note: this system cannot make a file read-only for this user; read-only check skipped")
    if immutable:
        subprocess.run(["chattr", "-i", readonly])

    if failures:
        print("%d failures; workdir kept: %s" % (len(failures), work["dir"]))
        return 1
    kiosk_harness.remove_workdir(work)
    print("ok: command line behaves")
    return 0


if __name__ == "__main__":
    sys.exit(main())
