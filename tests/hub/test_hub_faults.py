"""Faults with real processes. (1) 20 machines upload records signed exactly as kiosks sign them (hub_loadgen)
through three hub processes while hub processes are killed with SIGKILL at random at least 100 times and
restarted: afterwards the database equals the union of the machines' records exactly (every seq once, every
signature, item counts and sums). (2) A primary with a synchronous standby: the primary is killed with SIGKILL
mid-ingest, the standby promoted, the hub reconnects through its multi-host URL (target_session_attrs=read-write):
every acknowledged record is there, none twice."""
import http.client
import json
import os
import random
import threading
import time

import pg_cluster
from hub_harness import Hub, HubStack, args, call, check, enroll_machine, generate, upload

MACHINES = int(os.environ.get("RL_HUB_FAULT_MACHINES", "20"))
KILLS = int(os.environ.get("RL_HUB_FAULT_KILLS", "100"))


class Uploader(threading.Thread):
    """One machine's upload loop: sends from its ack in batches of random size to a random live hub, like the kiosk's
    worker; after everything is acknowledged it keeps replaying old batches until told to stop."""

    def __init__(self, machine, records, hubs, stop, share=lambda: 1.0):
        super().__init__(daemon=True)
        self.machine, self.records, self.hubs, self.stop_flag = machine, records, hubs, stop
        self.share = share  # the fraction of its records the machine may have sent by now
        self.acked = 0
        self.max_ack_seen = 0
        self.rng = random.Random(machine["machine"] * 1000 + machine["store"])
        self.errors = 0

    def run(self):
        while not self.stop_flag.is_set():
            hubs = list(self.hubs)
            if not hubs:
                time.sleep(0.01)
                continue
            hub = self.rng.choice(hubs)
            size = self.rng.randint(10, 60)
            limit = int(len(self.records) * self.share())
            if self.acked < limit:
                batch = self.records[self.acked:min(self.acked + size, limit)]
            else:
                start = self.rng.randrange(max(1, limit))  # caught up with its share: replay old records, never past it
                batch = self.records[start:max(start + 1, min(start + size, limit))]
            try:
                status, r = upload(hub.url, self.machine, batch, timeout=10)
            except (OSError, http.client.HTTPException, ValueError):  # the hub died mid-answer
                self.errors += 1
                continue
            if status == 200:
                self.acked = max(self.acked, r["acked"])
                self.max_ack_seen = max(self.max_ack_seen, r["acked"])
            elif status != 503:
                raise AssertionError(f"unexpected answer {status}: {r}")


def drain(uploaders, stop, timeout):
    """Waits up to `timeout` seconds for every uploader's records to be acknowledged, then stops and joins them all;
    True when every record was acknowledged."""
    deadline = time.monotonic() + timeout
    while any(u.acked < len(u.records) for u in uploaders) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    for u in uploaders:
        u.join(timeout=30)
    return all(u.acked == len(u.records) for u in uploaders)


def verify_union(pg, machines, all_records):
    for m, records in zip(machines, all_records):
        where = f"m.id = (SELECT m.id FROM machines m JOIN stores s ON s.id = m.store_id WHERE s.number = {m['store']} AND m.number = {m['machine']})"
        macs = pg.psql(f"SELECT string_agg(r.mac, ',' ORDER BY r.seq) FROM records r JOIN machines m ON m.id = r.machine_id WHERE {where}")
        if macs.split(",") != [r["mac"] for r in records]:
            return False
        items = [json.loads(r["payload"]) for r in records if r["kind"] == "item"]
        got = pg.psql(f"SELECT count(*) || '/' || sum(i.refund_minor) FROM items i JOIN machines m ON m.id = i.machine_id WHERE {where}")
        if got != f"{len(items)}/{sum(i['refundMinor'] for i in items)}":
            return False
    return True


def kill_test(a):
    stack = HubStack(a.hub, hubs=3)
    pg, db, hubs = stack.pg, stack.db, stack.hubs
    stop = threading.Event()
    try:
        machines = [enroll_machine(a.hub, hubs[0].url, db, 500 + i // 10, i % 10) for i in range(MACHINES)]
        all_records = [generate(a.loadgen, m["store"], m["machine"], m["voucherKey"], 400, 5)[0] for m in machines]
        kills = 0
        # Ingest is paced by the kills (a machine may have sent (kills + 1) / (KILLS + 1) of its records), so every kill
        # lands while records are still arriving, however fast or slow this machine is.
        uploaders = [Uploader(m, r, hubs, stop, share=lambda: min(1.0, (kills + 1) / (KILLS + 1))) for m, r in zip(machines, all_records)]
        for u in uploaders:
            u.start()
        rng = random.Random(13)
        acked_at_kill = []
        while kills < KILLS:
            time.sleep(rng.uniform(0.02, 0.15))
            victim = rng.randrange(len(hubs))
            old = hubs[victim]
            hubs[victim] = Hub(a.hub, db, threads=8)  # the replacement is up before the old one dies
            old.kill9()
            acked_at_kill.append(sum(u.acked for u in uploaders))
            kills += 1
        check(kills >= KILLS, f"{kills} hub processes killed with SIGKILL during ingest")
        check(acked_at_kill[-1] < sum(len(r) for r in all_records), "the kills happened while records were still arriving")
        check(drain(uploaders, stop, 300), f"all {MACHINES} machines' records were acknowledged")
        total = sum(len(r) for r in all_records)
        check(pg.psql("SELECT count(*) FROM records") == str(total), f"the database holds exactly {total} records")
        check(verify_union(pg, machines, all_records), "every machine's records, signatures, item counts and sums equal its own")
        status, _ = call(hubs[0].url + "/v1/health")
        check(status == 200, "the surviving hubs still answer")
    finally:
        stop.set()
        stack.close()


def failover_test(a):
    primary, standby = pg_cluster.primary_and_sync_standby()
    url = (f"postgresql://rl@127.0.0.1:{primary.port},127.0.0.1:{standby.port}/returnloop"
           f"?target_session_attrs=read-write&connect_timeout=2")
    stack = HubStack(a.hub, clusters=[primary, standby], database_url=url)
    hub, stop = stack.hub, threading.Event()
    try:
        check(True, "a primary with a synchronous standby on loopback")
        machines = [enroll_machine(a.hub, hub.url, url, 600, i) for i in range(3)]
        all_records = [generate(a.loadgen, 600, i, m["voucherKey"], 1500, 5)[0] for i, m in enumerate(machines)]
        uploaders = [Uploader(m, r, [hub], stop) for m, r in zip(machines, all_records)]
        for u in uploaders:
            u.start()
        while sum(u.acked for u in uploaders) < sum(len(r) for r in all_records) // 4:
            time.sleep(0.02)
        primary.kill9()
        stop.set()
        for u in uploaders:
            u.join(timeout=30)
        acknowledged = {m["machine"]: u.max_ack_seen for m, u in zip(machines, uploaders)}
        check(any(acknowledged.values()) and min(acknowledged.values()) < 1800, f"the primary died mid-ingest (acks {acknowledged})")
        pg_cluster.promote(standby)
        for m in machines:
            got = int(standby.psql(f"SELECT acked_seq FROM machines m JOIN stores s ON s.id = m.store_id "
                                   f"WHERE s.number = 600 AND m.number = {m['machine']}"))
            check(got >= acknowledged[m["machine"]], f"machine {m['machine']}: acked {acknowledged[m['machine']]}, the promoted standby holds {got}")
        stop.clear()
        uploaders = [Uploader(m, r, [hub], stop) for m, r in zip(machines, all_records)]
        for u in uploaders:
            u.start()
        check(drain(uploaders, stop, 120), "the same hub process reconnected to the new primary and finished")
        check(verify_union(standby, machines, all_records), "every record is there exactly once, signatures intact")
    finally:
        stop.set()
        stack.close()


if __name__ == "__main__":
    a = args()
    parts = os.environ.get("RL_HUB_FAULT_PARTS", "kill,failover").split(",")
    if "kill" in parts:
        kill_test(a)
    if "failover" in parts:
        failover_test(a)
