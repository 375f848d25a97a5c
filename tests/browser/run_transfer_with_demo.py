#!/usr/bin/python3
"""The browser test of a transfer against the real service: starts `tdkt serve --demo --scenario
hoa-quy-2026` (xã Hóa Quỳ, which took over Bình Lương on 1/7/2025) on a fresh SQLite database and
runs dashboard_test.py as the secretariat on bl25-004, a Tập thể lao động tiên tiến Bình Lương
sent to the district in June 2025: its page shows "Cần chuyển giao", the transfer form takes a
reason and a legal ground, the dossier comes back to the Chairman (the commune decides the award
from 1/7/2025) and the badge is gone. Keeps the screenshots in --artifacts (transfer*.png).

Usage: run_transfer_with_demo.py --binary PATH --artifacts DIR
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
from api_e2e import Server  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="tdkt-browser-transfer-")
    server = Server(args.binary, "sqlite:" + os.path.join(workdir, "demo.db"), workdir,
                    name="serve-transfer", scenario="hoa-quy-2026")
    try:
        payload = {"reason": "Cấp huyện kết thúc hoạt động; xã Hóa Quỳ kế thừa hồ sơ",
                   "legal_ground": "Nghị quyết số 190/2025/QH15, Điều 5"}
        result = subprocess.run(
            ["/usr/bin/python3", os.path.join(HERE, "dashboard_test.py"), "--url", server.url + "/",
             "--token", server.tokens["secretariat"], "--dossier", "bl25-004",
             "--event", "transfer", "--payload", json.dumps(payload, ensure_ascii=False),
             "--expect-transfer", "--screenshot", os.path.join(args.artifacts, "transfer.png")],
            timeout=300)
        return result.returncode
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
