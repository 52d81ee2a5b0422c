"""A hub with its console over a fresh PostgreSQL, seeded like a small scheme: two retailers, three stores (with
coordinates), machines enrolled through the real code exchange, tills, one person per role, a month of machine
records signed exactly as kiosks sign them (hub_loadgen), and a real headless kiosk enrolled to the hub that
shops, donates and uploads from its own SQLite ledger. Each machine's own records are kept, so tests can compute
what the statements must say without asking the hub."""
import csv
import json
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "hub"))
sys.path.insert(0, os.path.join(HERE, "..", "kiosk"))
import kiosk_harness  # noqa: E402
import pg_cluster  # noqa: E402
from hub_harness import (Hub, call, enroll_kiosk, enroll_machine, enroll_till, generate, hub_cmd, hub_kiosk, migrate, upload,  # noqa: E402
                         wait_until)

PASSWORD = "correct horse battery staple"
USERS = {"operator": ("operator@scheme.test", "operator", None, None),
         "retailerA": ("a@retailer.test", "retailer", "Retailer A", None),
         "retailerB": ("b@retailer.test", "retailer", "Retailer B", None),
         "store1": ("store1@retailer.test", "store", None, 1)}
# (retailer, store, machine, items, items per session, first date): December traffic, one machine from 29 November
# so the statement's period has a boundary to respect.
MACHINES = [("Retailer A", 1, 1, 1800, 3, "2026-12-01"), ("Retailer A", 1, 2, 1500, 1, "2026-11-29"),
            ("Retailer A", 2, 1, 1200, 2, "2026-12-10"), ("Retailer B", 3, 1, 900, 3, "2026-12-03")]
PLACES = {1: (53.55, 9.99), 2: (52.52, 13.40), 3: (48.14, 11.58)}
PAYING = ["9520000000011", "9520000000028", "9520000000042", "9520000000080", "9520000000097", "9520000000219"]
KIOSK_STORE, KIOSK_RETAILER = 421, "Retailer A"


class Seeded:
    def __init__(self, a, with_kiosk=True):
        self.a = a
        self.pg = pg_cluster.fresh()
        self.hub = None
        self.kiosk = None
        self.work = None
        try:
            self._seed(with_kiosk)
        except BaseException:
            self.close()
            raise

    def _seed(self, with_kiosk):
        a = self.a
        self.db = self.pg.url()
        migrate(a.hub, self.db)
        self.hub = Hub(a.hub, self.db)
        self.url = self.hub.url
        self.records = {}   # (store, machine) -> the records it uploaded
        self.vouchers = {}  # (store, machine) -> [(code, amount)]
        self.enrolments = {}  # (store, machine) -> the enrolment answer (the machine's credential)
        for retailer, store, machine, items, per_session, first in MACHINES:
            e = enroll_machine(a.hub, self.url, self.db, store, machine, retailer=retailer)
            self.enrolments[(store, machine)] = e
            records, vouchers = generate(a.loadgen, store, machine, e["voucherKey"], items, per_session, first)
            for i in range(0, len(records), 500):
                status, body = upload(self.url, e, records[i:i + 500])
                assert status == 200, body
            self.records[(store, machine)] = records
            self.vouchers[(store, machine)] = [(v["voucher"], v["amountMinor"]) for v in vouchers]
        self.tills = {"A1": enroll_till(a.hub, self.url, self.db, 1, "till-1", retailer="Retailer A"),
                      "A2": enroll_till(a.hub, self.url, self.db, 2, "till-2", retailer="Retailer A"),
                      "B3": enroll_till(a.hub, self.url, self.db, 3, "till-3", retailer="Retailer B")}
        for store, (lat, lon) in PLACES.items():
            self.pg.psql(f"UPDATE stores SET latitude = {lat}, longitude = {lon}, name = 'Store {store}' WHERE number = {store}")
        self.ids = {r: int(self.pg.psql(f"SELECT id FROM retailers WHERE name = '{r}'")) for r in ("Retailer A", "Retailer B")}
        for email, role, retailer, store in USERS.values():
            extra = (["--retailer", retailer] if retailer else []) + (["--store", str(store)] if store is not None else [])
            hub_cmd(a.hub, self.db, "add-user", "--email", email, "--role", role, *extra, stdin=PASSWORD + "\n")
        self.kiosk_ledger = None
        if with_kiosk:
            self._real_kiosk()

    def _real_kiosk(self):
        """A headless kiosk of Retailer A enrolled to this hub: 4 voucher sessions and 2 donations, uploaded."""
        a = self.a
        self.work = kiosk_harness.make_workdir(a.repo, duplicate_window_ms=0)
        cred, _, out = enroll_kiosk(a, self.url, self.db, self.work, store=KIOSK_STORE, retailer=KIOSK_RETAILER,
                                    key_file=os.path.join(self.work["dir"], "voucher.key"))
        assert out.returncode == 0, out.stderr
        wrapper = hub_kiosk(a, self.work, self.url, cred)
        self.kiosk = kiosk_harness.Kiosk(wrapper, self.work)
        self.kiosk.wait_for(lambda e: e.get("event") == "ready")
        for r, finish in enumerate(["voucher", "donate", "voucher", "voucher", "donate", "voucher"]):
            self.kiosk.send([PAYING[(r + i) % len(PAYING)] for i in range(r + 2)] + [f":finish {finish}"])
        self.kiosk_ledger = self.work["ledger"]
        wait_until(lambda: self._uploaded(), 90, "the kiosk's upload")

    def _uploaded(self):
        with sqlite3.connect(f"file:{self.kiosk_ledger}?mode=ro", uri=True) as c:
            items = c.execute("SELECT count(*) FROM items").fetchone()[0]
            payouts = c.execute("SELECT count(*) FROM payouts").fetchone()[0]
        if payouts < 6:
            return False
        hub_items = int(self.pg.psql(f"SELECT count(*) FROM items i JOIN machines m ON m.id = i.machine_id JOIN stores s ON "
                                     f"s.id = m.store_id WHERE s.number = {KIOSK_STORE}"))
        hub_payouts = int(self.pg.psql(f"SELECT count(*) FROM records r JOIN machines m ON m.id = r.machine_id JOIN stores s ON "
                                       f"s.id = m.store_id WHERE s.number = {KIOSK_STORE} AND r.kind = 'payout'"))
        return hub_items == items and hub_payouts == payouts

    def login(self, who):
        status, body = call(self.url + "/v1/login", "POST", {"email": USERS[who][0], "password": PASSWORD})
        assert status == 200, body
        return body["token"]

    def close(self):
        if self.kiosk:
            self.kiosk.kill()
        if self.work:
            kiosk_harness.remove_workdir(self.work)
        if self.hub:
            self.hub.stop()
        self.pg.destroy()


def register_materials(repo):
    """GTIN-14 -> material, read straight from the product register CSV the kiosks run (not through the core)."""
    with open(os.path.join(repo, "assets", "catalog", "sample.csv"), newline="", encoding="utf-8") as f:
        return {row["gtin"].zfill(14): row["material"] for row in csv.DictReader(f)}


def expected_materials(seeded, retailer, first, last, stores=None):
    """Containers per material of items scanned in [first, last]: each GTIN of the machines' own records and of the
    kiosk's own SQLite ledger looked up in the register CSV ("unregistered" when it is not there)."""
    materials = register_materials(seeded.a.repo)
    stores = stores or {store for r, store, *_ in MACHINES if r == retailer}
    counts = {}
    for (store, _), records in seeded.records.items():
        for rec in records:
            p = json.loads(rec["payload"])
            if store in stores and rec["kind"] == "item" and first <= p["scannedDate"] <= last:
                m = materials.get(p["gtin"].zfill(14), "unregistered")
                counts[m] = counts.get(m, 0) + 1
    if seeded.kiosk_ledger and (retailer == KIOSK_RETAILER or KIOSK_STORE in stores):
        with sqlite3.connect(f"file:{seeded.kiosk_ledger}?mode=ro", uri=True) as c:
            for (gtin,) in c.execute("SELECT gtin FROM items WHERE scanned_date BETWEEN ? AND ?", (first, last)):
                m = materials.get(gtin.zfill(14), "unregistered")
                counts[m] = counts.get(m, 0) + 1
    return counts


def expected_statement(seeded, retailer, first, last):
    """What the statement must say, from the machines' own records and the kiosk's own SQLite ledger: containers,
    deposits, refunds and handling-fee millionths of items scanned in [first, last], and donations created then."""
    stores = {store for r, store, *_ in MACHINES if r == retailer}
    t = {"containers": 0, "deposits": 0, "refunds": 0, "feeMicros": 0, "donations": 0}
    for (store, _), records in seeded.records.items():
        if store not in stores:
            continue
        for rec in records:
            p = json.loads(rec["payload"])
            if rec["kind"] == "item" and first <= p["scannedDate"] <= last:
                t["containers"] += 1
                t["deposits"] += p["depositMinor"]
                t["refunds"] += p["refundMinor"]
                t["feeMicros"] += p["handlingFeeMicros"]
            if rec["kind"] == "payout" and p["kind"] == "donation" and first <= p["createdDate"] <= last:
                t["donations"] += p["amountMinor"]
    if seeded.kiosk_ledger and retailer == KIOSK_RETAILER:
        with sqlite3.connect(f"file:{seeded.kiosk_ledger}?mode=ro", uri=True) as c:
            n, dep, ref, fee = c.execute("SELECT count(*), COALESCE(sum(deposit_minor), 0), COALESCE(sum(refund_minor), 0), "
                                         "COALESCE(sum(handling_fee_micros), 0) FROM items WHERE scanned_date BETWEEN ? AND ?",
                                         (first, last)).fetchone()
            don = c.execute("SELECT COALESCE(sum(amount_minor), 0) FROM payouts WHERE kind = 'donation' AND created_date BETWEEN ? AND ?",
                            (first, last)).fetchone()[0]
        t["containers"] += n
        t["deposits"] += dep
        t["refunds"] += ref
        t["feeMicros"] += fee
        t["donations"] += don
    # Fees are paid in whole cents, rounded once half up (EUR: 10,000 millionths a cent).
    t["fees"] = (t["feeMicros"] + 5000) // 10000
    t["paid"] = t["refunds"] - t["donations"]
    t["due"] = t["paid"] + t["fees"]
    return t
