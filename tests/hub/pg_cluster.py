"""Throwaway PostgreSQL 15 clusters for the hub's tests: initdb in a fresh folder under /tmp on a free loopback port,
run as the unprivileged `postgres` user when we are root (PostgreSQL refuses root), trust auth on loopback only.
Also a primary with a synchronous streaming standby for the failover test. Never a mock: the real server."""
import os
import shutil
import socket
import subprocess
import tempfile
import time

PG_BIN = "/usr/lib/postgresql/15/bin"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args, **kw):
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)


class Cluster:
    """One PostgreSQL server. url() is a libpq URL for database `returnloop`."""

    def __init__(self, root=None, name="p", extra=()):
        self.root = root or tempfile.mkdtemp(prefix="rl-pg-")
        os.chmod(self.root, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.data = os.path.join(self.root, name)
        self.log = os.path.join(self.root, name + ".log")
        self.port = None
        self.extra = list(extra)

    def init(self):
        _as_postgres([PG_BIN + "/initdb", "-D", self.data, "-A", "trust", "-U", "rl", "--no-sync"])
        return self

    def start(self, port=None):
        for attempt in range(5):
            self.port = port or free_port()
            opts = " ".join(["-p", str(self.port), "-k", self.root, "-c", "listen_addresses=127.0.0.1",
                             "-c", "fsync=on", "-c", "max_connections=300"] + self.extra)
            try:
                _as_postgres([PG_BIN + "/pg_ctl", "-D", self.data, "-o", opts, "-l", self.log, "-w", "-t", "60", "start"])
                return self
            except subprocess.CalledProcessError:
                if port:
                    raise
        raise RuntimeError("PostgreSQL did not start: " + open(self.log).read()[-2000:])

    def create_db(self, name="returnloop"):
        _as_postgres([PG_BIN + "/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "rl", name])
        return self

    def url(self, db="returnloop"):
        return f"postgresql://rl@127.0.0.1:{self.port}/{db}"

    def psql(self, sql, db="returnloop"):
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", str(self.port), "-U", "rl", "-d", db,
                              "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, stdout=subprocess.PIPE, text=True)
        return out.stdout.strip()

    def pid(self):
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            return int(f.readline())

    def stop(self, mode="fast"):
        try:
            _as_postgres([PG_BIN + "/pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"])
        except subprocess.CalledProcessError:
            pass

    def kill9(self):
        os.kill(self.pid(), 9)

    def destroy(self):
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def fresh():
    """A started single cluster with an empty `returnloop` database."""
    c = Cluster().init().start()
    c.create_db()
    return c


def primary_and_sync_standby():
    """A primary and a synchronous standby (application_name s1) streaming on loopback, both started."""
    # Synchronous commit is switched on only once the standby streams: before that every commit would wait forever.
    primary = Cluster(name="primary", extra=["-c", "wal_level=replica"]).init().start()
    primary.create_db()
    standby = Cluster(root=primary.root, name="standby")
    _as_postgres([PG_BIN + "/pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "rl", "-D", standby.data,
                  "-R", "-X", "stream"])
    with open(os.path.join(standby.data, "postgresql.auto.conf"), "a") as f:
        f.write(f"primary_conninfo = 'host=127.0.0.1 port={primary.port} user=rl application_name=s1'\n")
    standby.start()
    primary.psql("ALTER SYSTEM SET synchronous_standby_names = 's1'", db="postgres")
    primary.psql("SELECT pg_reload_conf()", db="postgres")
    for _ in range(600):
        if primary.psql("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'") == "1":
            return primary, standby
        time.sleep(0.05)
    raise RuntimeError("the standby never became synchronous")


def promote(standby):
    _as_postgres([PG_BIN + "/pg_ctl", "-D", standby.data, "-w", "promote"])
