"""Key rotation known to the hub: a real kiosk rotates its voucher key (a new current key, the enrolment key
retired), its upload worker announces the new key over its machine credential (POST /v1/keys), and a till redeems a
voucher tagged with the new key through the hub before the kiosk uploads it; a voucher of the old key still
redeems; the payout record arriving later reconciles the same voucher. A key id announced for another key is refused."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kiosk"))
import kiosk_harness  # noqa: E402
from hub_harness import HubStack, args, call, check, enroll_kiosk, enroll_till, hub_kiosk, sample_key, wait_until  # noqa: E402

PET = "9520000000011"


def main():
    a = args()
    stack = HubStack(a.hub)
    pg, db, hub = stack.pg, stack.db, stack.hub
    kiosk = None
    work = kiosk_harness.make_workdir(a.repo, duplicate_window_ms=0)
    try:
        cred, _, out = enroll_kiosk(a, hub.url, db, work)
        check(out.returncode == 0, "the kiosk enrols with the store's key (id 1)")
        till = enroll_till(a.hub, hub.url, db, 421, "till-1", retailer="Sample retailer")
        wrapper = hub_kiosk(a, work, hub.url, cred, config_poll_ms=300)

        def print_voucher(exe):
            """Runs a kiosk, returns the Code 128 of one voucher for two PET bottles."""
            k = kiosk_harness.Kiosk(exe, work)
            k.wait_for(lambda e: e.get("event") == "ready")
            k.send([PET, PET, ":finish voucher"])
            voucher = k.wait_for(lambda e: e.get("event") == "voucher")
            check(k.close() == 0, "the kiosk prints a voucher and exits")
            return voucher["code"]

        old_voucher = print_voucher(a.kiosk)  # offline: a key-1 voucher the hub has not seen

        # Rotation: a new current key 2; the enrolment key stays as retired key 1.
        new_key = os.path.join(work["dir"], "voucher-2.key")
        subprocess.run([a.kiosk, "make-key", new_key], check=True, capture_output=True)
        config = json.load(open(work["config"]))
        config["voucher"] = {**config["voucher"], "keyFile": new_key, "keyId": 2, "retiredKeys": [{"id": 1, "keyFile": sample_key(a.repo)}]}
        with open(work["config"], "w") as f:
            json.dump(config, f, indent=2)
        kiosk = kiosk_harness.Kiosk(wrapper, work)
        kiosk.wait_for(lambda e: e.get("event") == "ready")
        check(True, "a kiosk whose enrolment key is now retired still starts with --hub")
        wait_until(lambda: pg.psql("SELECT count(*) FROM store_keys WHERE key_id = 2 AND voucher_key = decode('"
                                   + open(new_key).read().strip() + "', 'hex')") == "1", 30, "the new key's announcement")
        check(True, "the kiosk announced key 2 to the hub over its machine credential")
        check(kiosk.close() == 0, "the kiosk exits cleanly")
        kiosk = None

        new_voucher = print_voucher(a.kiosk)  # offline again: tagged with key 2, not uploaded
        check(pg.psql("SELECT count(*) FROM vouchers") == "1", "the hub holds only the first voucher's record")
        status, r = call(hub.url + "/v1/redeem", "POST", {"code": new_voucher, "till": "till-1"}, token=till["credential"])
        check(status == 200 and r["result"] == "redeemed", f"a till redeems the new key's voucher before its upload ({r.get('result')})")
        check(pg.psql("SELECT count(*) FROM vouchers WHERE NOT uploaded AND status = 'redeemed'") == "1", "known by its tag alone")
        status, r = call(hub.url + "/v1/redeem", "POST", {"code": old_voucher, "till": "till-1"}, token=till["credential"])
        check(status == 200 and r["result"] == "redeemed", "the old key's voucher still redeems")
        status, r = call(hub.url + "/v1/redeem", "POST", {"code": new_voucher, "till": "till-1"}, token=till["credential"])
        check(r["result"] == "already_redeemed", "and the new one only once")

        kiosk = kiosk_harness.Kiosk(wrapper, work)
        kiosk.wait_for(lambda e: e.get("event") == "ready")
        wait_until(lambda: pg.psql("SELECT count(*) || '/' || count(*) FILTER (WHERE uploaded) || '/' || count(*) FILTER (WHERE status = 'redeemed') "
                                   "FROM vouchers") == "2/2/2", 30, "the upload of the new voucher's record")
        check(True, "the payout record reconciles the tag-only voucher: 2 vouchers, both uploaded, both redeemed")
        check(kiosk.close() == 0, "the kiosk exits cleanly")
        kiosk = None

        token = json.load(open(cred))["credential"]
        status, r = call(hub.url + "/v1/keys", "POST", {"keyId": 2, "key": "ab" * 32}, token=token)
        check(status == 409 and r["field"] == "keyId", "a key id already known for another key is refused")
        status, r = call(hub.url + "/v1/keys", "POST", {"keyId": 3, "key": "xyz"}, token=token)
        check(status == 400 and r["field"] == "key", "a malformed key is refused naming key")
        status, r = call(hub.url + "/v1/keys", "POST", {"keyId": 3, "key": "ab" * 32}, token=till["credential"])
        check(status == 403, "a till cannot announce keys")
        check(pg.psql("SELECT count(*) FROM store_keys WHERE key_id = 3") == "0", "nothing was written by the refusals")
    finally:
        if kiosk:
            kiosk.kill()
        stack.close()
        kiosk_harness.remove_workdir(work)


if __name__ == "__main__":
    main()
