"""Seeds a hub (console_fixture.py), writes what the page must show (asked from the API beforehand) to a fixture
file, and runs console.test.mjs in Debian's Chromium against it."""
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console_fixture import KIOSK_STORE, PASSWORD, USERS, Seeded  # noqa: E402
from hub_harness import args, call  # noqa: E402

MONTH = ["2026-12-01", "2026-12-31"]


def main():
    a = args()
    s = Seeded(a)
    try:
        ra = s.login("retailerA")
        q = lambda **p: "?" + urllib.parse.urlencode(p)  # noqa: E731
        _, st = call(s.url + "/v1/console/clearing" + q(**{"from": MONTH[0], "to": MONTH[1]}), token=ra)
        _, st_zh = call(s.url + "/v1/console/clearing" + q(**{"from": MONTH[0], "to": MONTH[1], "lang": "zh-CN"}), token=ra)
        _, day = call(s.url + "/v1/console/day" + q(store=1, date="2026-12-02"), token=ra)
        code, amount = s.vouchers[(1, 1)][0]
        _, zh = call(s.url + "/v1/console/vouchers" + q(code=code, lang="zh-CN"), token=ra)
        fixture = {
            "url": s.url, "month": MONTH,
            "users": {who: [u[0], PASSWORD] for who, u in USERS.items()},
            "stores": {"operator": [1, 2, 3, KIOSK_STORE], "retailerA": [1, 2, KIOSK_STORE], "retailerB": [3], "store1": [1]},
            "statementA": st, "statementAzh": st_zh, "day": {"date": "2026-12-02", "containers": day["containers"]},
            "voucherOutstanding": s.vouchers[(2, 1)][0][0], "till": s.tills["A1"]["credential"],
            "voucherToRedeem": {"code": code, "zhText": zh["amount"]["text"]},
        }
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(fixture, f)
        env = dict(os.environ, RL_CONSOLE_FIXTURE=f.name,
                   RETURNLOOP_ARTIFACTS=os.environ.get("RETURNLOOP_ARTIFACTS", os.path.join(a.repo, "artifacts", "console")))
        result = subprocess.run(["node", "--test", "--test-reporter=spec", os.path.join(a.repo, "tests", "console", "console.test.mjs")],
                                cwd=a.repo, env=env)
        os.unlink(f.name)
        sys.exit(result.returncode)
    finally:
        s.close()


if __name__ == "__main__":
    main()
