"""Redemption at any till, exactly once: 1,000 concurrent attempts at 100 vouchers from 50 tills across two hub
processes give exactly 100 redemptions; half the vouchers were uploaded first, half are known only by their tag and
reconciled when their records arrive. Also bad_tag, unknown, expired and wrong_retailer."""
import collections
import concurrent.futures
import json
import random

from hub_harness import HubStack, args, call, check, enroll_machine, enroll_till, generate, upload


def main():
    a = args()
    stack = HubStack(a.hub, hubs=2, threads=16)
    pg, db, hubs = stack.pg, stack.db, stack.hubs
    try:
        m = enroll_machine(a.hub, hubs[0].url, db, 300, 1)
        records, vouchers = generate(a.loadgen, 300, 1, m["voucherKey"], 200, 2)
        check(len(vouchers) == 100, "100 vouchers from one machine")
        # Upload the first half of the machine's records: vouchers 1..50 are known, 51..100 only by their tags.
        half = next(i for i, r in enumerate(records) if r["kind"] == "payout" and json.loads(r["payload"])["voucherSeq"] == 50) + 1
        status, r = upload(hubs[0].url, m, records[:half])
        check(status == 200 and r["acked"] == half, "half of the records are uploaded")
        tills = [enroll_till(a.hub, hubs[i % 2].url, db, 300, f"till-{i:02d}") for i in range(50)]
        attempts = [(v["voucher"], tills[random.randrange(50)], hubs[k % 2]) for k in range(10) for v in vouchers]
        random.shuffle(attempts)

        def attempt(job):
            code, till, hub = job
            status, r = call(hub.url + "/v1/redeem", "POST", {"code": code, "till": till["till"]}, token=till["credential"], timeout=60)
            return status, r, code

        with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
            results = list(pool.map(attempt, attempts))
        outcome = collections.Counter(r["result"] for status, r, _ in results if status == 200)
        check(sum(1 for s, _, _ in results if s == 200) == 1000, "all 1,000 attempts were answered")
        check(outcome["redeemed"] == 100 and outcome["already_redeemed"] == 900, f"exactly 100 redeemed: {dict(outcome)}")
        winners = collections.Counter(code for _, r, code in results if r["result"] == "redeemed")
        check(len(winners) == 100 and set(winners.values()) == {1}, "each voucher was redeemed once")
        check(all(r.get("redeemedBy", "").startswith("till-") and r.get("redeemedAt") for _, r, _ in results),
              "already_redeemed says when and at which till")
        check(pg.psql("SELECT count(*) FROM redemptions") == "100", "100 redemption rows")
        check(pg.psql("SELECT verified_by || ':' || count(*) FROM redemptions GROUP BY verified_by ORDER BY 1") == "record:50\ntag:50",
              "50 verified against uploaded records, 50 by tag alone")
        # The rest of the records arrive: the tag-only vouchers are reconciled, not duplicated, and stay redeemed.
        status, r = upload(hubs[1].url, m, records[half:])
        check(status == 200 and r["acked"] == len(records), "the rest of the records arrive")
        check(pg.psql("SELECT count(*) || '/' || count(*) FILTER (WHERE uploaded) || '/' || count(*) FILTER (WHERE status = 'redeemed') "
                      "FROM vouchers") == "100/100/100", "100 vouchers, all reconciled with their records, all redeemed")

        till = tills[0]
        code = vouchers[0]["voucher"]
        forged = code[:-1] + str((int(code[-1]) + 1) % 10)
        _, r = call(hubs[0].url + "/v1/redeem", "POST", {"code": forged, "till": till["till"]}, token=till["credential"])
        check(r["result"] == "bad_tag", "a changed tag digit is bad_tag")
        _, other = generate(a.loadgen, 301, 1, m["voucherKey"], 2, 2)
        _, r = call(hubs[0].url + "/v1/redeem", "POST", {"code": other[0]["voucher"], "till": till["till"]}, token=till["credential"])
        check(r["result"] == "unknown", "a voucher of a store the hub does not know is unknown")
        _, old = generate(a.loadgen, 300, 1, m["voucherKey"], 2, 2, first_date="2001-01-01")
        _, r = call(hubs[1].url + "/v1/redeem", "POST", {"code": old[0]["voucher"], "till": till["till"]}, token=till["credential"])
        check(r["result"] == "expired", "a voucher past its expiry is expired")
        mb = enroll_machine(a.hub, hubs[0].url, db, 400, 1, retailer="Retailer B")
        _, b_vouchers = generate(a.loadgen, 400, 1, mb["voucherKey"], 2, 2)
        _, r = call(hubs[0].url + "/v1/redeem", "POST", {"code": b_vouchers[0]["voucher"], "till": till["till"]}, token=till["credential"])
        check(r["result"] == "wrong_retailer", "retailer B's voucher at retailer A's till is wrong_retailer")
        check(pg.psql("SELECT count(*) FROM redemptions") == "100", "no refused attempt redeemed anything")
        check(int(pg.psql("SELECT count(*) FROM events WHERE kind IN ('redeem_bad_tag', 'redeem_wrong_retailer')")) == 2,
              "bad_tag and wrong_retailer are recorded as events")
    finally:
        stack.close()


if __name__ == "__main__":
    main()
