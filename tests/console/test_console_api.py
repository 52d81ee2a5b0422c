"""The console's endpoints against a real hub and PostgreSQL: every role sees only what it may (and tills only the
till endpoint); the clearing statement for a month equals, to the cent, the sums computed independently from the
machines' own signed records and a real kiosk's SQLite ledger, in JSON and in CSV; the fleet, a store's day,
voucher lookup and the till's redemption (twice: already redeemed, when, where); bad input names its field."""
import csv
import datetime
import io
import os
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console_fixture import KIOSK_STORE, Seeded, expected_materials, expected_statement  # noqa: E402
from hub_harness import args, call, check  # noqa: E402

MONTH = ("2026-12-01", "2026-12-31")


def get(s, path, token, **params):
    return call(s.url + path + ("?" + urllib.parse.urlencode(params) if params else ""), token=token)


def get_text(s, path, token, **params):
    req = urllib.request.Request(s.url + path + "?" + urllib.parse.urlencode(params), headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.headers.get("Content-Type"), r.read().decode()


def main():
    a = args()
    s = Seeded(a)
    try:
        op, ra, rb, st1 = (s.login(w) for w in ("operator", "retailerA", "retailerB", "store1"))
        till_a, till_b = s.tills["A1"]["credential"], s.tills["B3"]["credential"]
        A, B = s.ids["Retailer A"], s.ids["Retailer B"]

        # [SECTION] Who sees what.
        stores = lambda tok: sorted({m["store"] for m in get(s, "/v1/console/fleet", tok)[1]["machines"]})  # noqa: E731
        check(stores(op) == [1, 2, 3, KIOSK_STORE], "the operator's fleet has every store")
        check(stores(ra) == [1, 2, KIOSK_STORE], "retailer A's fleet has only its stores")
        check(stores(rb) == [3], "retailer B's fleet has only store 3")
        check(stores(st1) == [1], "store 1's manager sees only store 1")
        check(get(s, "/v1/console/day", rb, store=1, date="2026-12-02")[0] == 404, "retailer B cannot open store 1's day")
        check(get(s, "/v1/console/day", st1, store=2, date="2026-12-02")[0] == 404, "store 1's manager cannot open store 2's day")
        status, body = call(s.url + "/v1/console/clearing?" + urllib.parse.urlencode({"retailer": A, "from": MONTH[0], "to": MONTH[1]}), token=rb)
        check(status == 404 and body["field"] == "retailer", "retailer B cannot read retailer A's statement (refused at retailer)")
        check(get(s, "/v1/console/clearing", st1, **{"from": MONTH[0], "to": MONTH[1]})[0] == 403, "a store manager gets no clearing statement")
        check(get(s, "/v1/console/operator", ra, **{"from": MONTH[0], "to": MONTH[1]})[0] == 403, "a retailer gets no operator view")
        check(get(s, "/v1/console/fleet", till_a)[0] == 403, "a till credential cannot read the fleet")
        check(get(s, "/v1/console/fleet", "rlu_" + "0" * 64)[0] == 401, "an unknown token is refused")
        check(call(s.url + "/v1/console/till/redeem", "POST", {"code": "1"}, token=ra)[0] == 403, "a person cannot redeem as a till")
        code_a, amount_a = s.vouchers[(1, 1)][0]
        check(get(s, "/v1/console/vouchers", rb, code=code_a)[0] == 404, "retailer B cannot look up retailer A's voucher")
        check(get(s, "/v1/console/vouchers", st1, code=s.vouchers[(2, 1)][0][0])[0] == 404, "store 1 cannot look up store 2's voucher")

        # [SECTION] The statement reconciles with the machines' and the kiosk's own records.
        for rid, name in ((A, "Retailer A"), (B, "Retailer B")):
            want = expected_statement(s, name, *MONTH)
            status, st = call(s.url + "/v1/console/clearing?" + urllib.parse.urlencode({"retailer": rid, "from": MONTH[0], "to": MONTH[1]}), token=op)
            check(status == 200 and len(st["totals"]) == 1, f"{name}: one currency in the statement ({status})")
            t = st["totals"][0]
            got = {"containers": t["containers"], "deposits": t["deposits"]["minor"], "refunds": t["refunds"]["minor"],
                   "feeMicros": t["handlingFeeMicros"], "donations": t["donations"]["minor"], "fees": t["handlingFees"]["minor"],
                   "paid": t["refundsPaid"]["minor"], "due": t["due"]["minor"]}
            check(got == want, f"{name}: the statement equals the independent sums to the cent: {got}")
            check(sum(line["containers"] for line in st["lines"]) == want["containers"], f"{name}: its lines add up to its totals")
            got_materials = {m["material"]: m["containers"] for m in st["byMaterial"]}
            want_materials = expected_materials(s, name, *MONTH)
            check(got_materials == want_materials, f"{name}: containers by material equal each GTIN looked up in the register CSV: {got_materials}")
            if name == "Retailer A":
                check(want["donations"] > 0, "retailer A's month includes the real kiosk's donations")
                boundary = sum(1 for r in s.records[(1, 2)] if r["kind"] == "item" and r["payload"].find('"scannedDate":"2026-11') >= 0)
                check(boundary > 0, f"{boundary} of machine 1/2's containers fall in November and are left out")
                check(all(line["materials"] for line in st["lines"] if line["scheme"] == "de"),
                      "the core names the materials of every German line")
                kind, text = get_text(s, "/v1/console/clearing", ra, **{"from": MONTH[0], "to": MONTH[1], "format": "csv"})
                rows = list(csv.reader(io.StringIO(text.split("\n\n")[-1])))
                check(kind.startswith("text/csv") and rows[1][0] == "EUR" and int(rows[1][1]) == want["containers"]
                      and int(rows[1][7]) == want["due"], "the CSV says the same totals")
                st_again = get(s, "/v1/console/clearing", ra, **{"from": MONTH[0], "to": MONTH[1]})[1]
                check(st_again["number"] == st["number"] and st["number"].startswith("CS-"), f"the statement keeps its number {st['number']}")
        status, zh = get(s, "/v1/console/clearing", ra, **{"from": MONTH[0], "to": MONTH[1], "lang": "zh-CN"})
        check(status == 200 and zh["totals"][0]["due"]["text"].startswith("€"), f"Chinese formatting by the core: {zh['totals'][0]['due']['text']}")
        status, de = get(s, "/v1/console/clearing", ra, **{"from": MONTH[0], "to": MONTH[1], "lang": "de"})
        check(de["totals"][0]["due"]["text"].endswith("€"), f"German formatting by the core: {de['totals'][0]['due']['text']}")

        # [SECTION] Bad input names its field.
        for params, field in (({"from": "2026-13-01", "to": MONTH[1]}, "from"), ({"from": MONTH[0], "to": "x"}, "to"),
                              ({"from": MONTH[1], "to": MONTH[0]}, "to"), ({"from": MONTH[0], "to": MONTH[1], "lang": "xx"}, "lang"),
                              ({"from": MONTH[0], "to": MONTH[1], "format": "pdf"}, "format"),
                              ({"from": "'; DROP TABLE items; --", "to": MONTH[1]}, "from")):
            status, body = get(s, "/v1/console/clearing", ra, **params)
            check(status == 400 and body.get("field") == field, f"clearing refuses bad {field} ({body.get('message')})")
        status, body = get(s, "/v1/console/day", ra, store="abc", date="2026-12-02")
        check(status == 400 and body["field"] == "store", "a store's day refuses a store that is not a number")
        status, body = get(s, "/v1/console/vouchers", ra, code="not a voucher")
        check(status == 400 and body["field"] == "code", "voucher lookup refuses a string that is not a code")

        # [SECTION] Fleet, a store's day.
        fleet = get(s, "/v1/console/fleet", ra)[1]["machines"]
        check(all("position" in m for m in fleet if m["store"] in (1, 2)), "stores with coordinates come with a position for the map")
        check(any(m["online"] for m in fleet), "machines that uploaded are online")
        day = get(s, "/v1/console/day", st1, store=1, date="2026-12-01")[1]
        items_day = sum(1 for k in ((1, 1), (1, 2)) for r in s.records[k] if r["kind"] == "item" and '"scannedDate":"2026-12-01"' in r["payload"])
        check(day["containers"] == items_day and sum(h["containers"] for h in day["byHour"]) == items_day,
              f"store 1's day has its {items_day} containers, and so do its hours")
        today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        kiosk_day = get(s, "/v1/console/day", ra, store=KIOSK_STORE, date=today)[1]
        want_materials = expected_materials(s, "Retailer A", today, today, stores={KIOSK_STORE})
        check({m["material"]: m["containers"] for m in kiosk_day["byMaterial"]} == want_materials and len(want_materials) >= 2,
              f"the kiosk's day by material is its ledger's GTINs looked up in the register: {kiosk_day['byMaterial']}")
        check(day["vouchers"][0]["issued"] > 0 and day["vouchers"][0]["outstanding"] >= day["vouchers"][0]["issued"], "vouchers issued and outstanding")

        # [SECTION] The till: redeemed, then already redeemed with when and where; another retailer's voucher; a forged tag.
        r1 = call(s.url + "/v1/console/till/redeem?lang=de", "POST", {"code": code_a}, token=till_a)[1]
        check(r1["result"] == "redeemed" and r1["amount"]["minor"] == amount_a and r1["amount"]["text"].endswith("€"),
              f"till-1 redeems a voucher: {r1['amount']['text']}")
        r2 = call(s.url + "/v1/console/till/redeem", "POST", {"code": code_a}, token=till_a)[1]
        check(r2["result"] == "already_redeemed" and r2["redeemedBy"] == "till-1" and r2["redeemedAt"], "again: already redeemed, when and at which till")
        r3 = call(s.url + "/v1/console/till/redeem", "POST", {"code": s.vouchers[(1, 1)][1][0]}, token=till_b)[1]
        check(r3["result"] == "wrong_retailer", "retailer B's till refuses retailer A's voucher")
        forged = s.vouchers[(1, 1)][2][0][:-1] + str((int(s.vouchers[(1, 1)][2][0][-1]) + 1) % 10)
        r4 = call(s.url + "/v1/console/till/redeem", "POST", {"code": forged}, token=till_a)[1]
        check(r4["result"] in ("bad_tag", "unknown"), f"a changed digit is not paid ({r4['result']})")
        looked = get(s, "/v1/console/vouchers", ra, code=code_a)[1]
        check(looked["status"] == "redeemed" and looked["redeemedTill"] == "till-1" and looked["genuine"], "lookup: redeemed at till-1, genuine")
        out = get(s, "/v1/console/vouchers", st1, code=s.vouchers[(1, 1)][3][0])[1]
        check(out["status"] == "issued" and out["store"] == 1, "lookup: an outstanding voucher of store 1")
        signals = get(s, "/v1/console/operator", op, **{"from": "2026-01-01", "to": "2099-12-31"})[1]
        check(any(x["kind"] == "redeem_wrong_retailer" for x in signals["signals"]), "the operator sees the refused voucher as a signal")
        check({r["name"] for r in signals["retailers"]} == {"Retailer A", "Retailer B"}, "and every retailer's totals")

        # [SECTION] Rates: validated as a kiosk validates them, refused at the field, published once, rolled out.
        status, body = call(s.url + "/v1/console/rates", "POST", {"scheme": "de", "overrides": [
            {"rule": "einweg-cans-2022", "depositMinor": 30}, {"rule": "einweg-glass-2022", "refundMinor": -5}]}, token=ra)
        check(status == 422 and body["field"].startswith("overrides[1].refundMinor"), f"a negative refund is refused at its field ({body['message']})")
        check(body["errors"] == [{"path": "overrides[1].refundMinor", "code": "below_min", "args": {"min": "0", "value": "-5"},
                                  "rule": "einweg-glass-2022", "number": 8, "field": "refundMinor", "message": body["errors"][0]["message"]}],
              f"as one typed error placed at rule 8's refund, for the page to word: {body['errors']}")
        status, body = call(s.url + "/v1/console/rates", "POST", {"scheme": "de", "overrides": [{"rule": "einweg-cans-2022", "refundMinor": 30}]}, token=ra)
        e = body["errors"][0] if status == 422 else {}
        check(len(body.get("errors", [])) == 1 and e["code"] == "refund_above_deposit" and e["args"] == {"refund": "30", "deposit": "25"}
              and (e["rule"], e["number"], e["field"]) == ("einweg-cans-2022", 5, "refundMinor"),
              f"the core's refund_above_deposit in the scheme the override makes is placed at rule 5's refund: {body}")
        status, body = call(s.url + "/v1/console/rates", "POST", {"scheme": "de", "overrides": [{"rule": "no-such-rule", "depositMinor": 30}]}, token=ra)
        check(status == 422 and body["field"].startswith("overrides[0].rule"), f"an unknown rule is refused at its field ({body['message']})")
        check(body["errors"][0]["code"] == "unknown_id" and body["errors"][0]["args"] == {"id": "no-such-rule"} and "number" not in body["errors"][0],
              "as unknown_id naming the rule, which has no number in the scheme")
        check(get(s, "/v1/console/rates", ra)[1]["latest"] == 0, "nothing was published")
        status, body = call(s.url + "/v1/console/rates", "POST", {"scheme": "de", "overrides": [
            {"rule": "einweg-cans-2022", "depositMinor": 30, "refundMinor": 30}]}, token=ra)
        check(status == 201 and body["version"] == 1, "a valid change is published as version 1")
        check(call(s.url + "/v1/console/rates", "POST", {"scheme": "de", "overrides": []}, token=st1)[0] == 403, "a store manager cannot change rates")
        rates = get(s, "/v1/console/rates", ra)[1]
        check(rates["overrides"][0]["depositMinor"] == 30 and rates["history"][0]["version"] == 1, "the history shows version 1 and its override")
        check({m["status"] for m in rates["rollout"]} == {"pending"} and len(rates["rollout"]) == 4, "every machine of retailer A is pending")
        check(get(s, "/v1/console/rates", rb)[1]["latest"] == 0, "retailer B's rates are untouched")
        status, _ = call(s.url + "/v1/config/ack", "POST", {"version": 1}, token=s.enrolments[(1, 1)]["credential"])
        rates = get(s, "/v1/console/rates", ra)[1]
        applied = [(m["store"], m["machine"]) for m in rates["rollout"] if m["status"] == "applied"]
        check(status == 200 and applied == [(1, 1)], "after machine 1/1 acknowledges version 1 it shows applied, the others pending")
        fleet = {(m["store"], m["machine"]): m["rollout"] for m in get(s, "/v1/console/fleet", ra)[1]["machines"]}
        check(fleet[(1, 1)] == "applied" and fleet[(1, 2)] == "pending", "and so does the fleet")
    finally:
        s.close()


if __name__ == "__main__":
    main()
