#!/usr/bin/python3
"""The browser test against the real service: starts `tdkt serve --demo` on a fresh SQLite
database, then runs dashboard_test.py as the secretariat, putting a dossier in appraisal on hold
(the timeline must grow by that event), then as the admin on the Quản trị page (units, users,
tokens, the commune's settings), and keeps the screenshots in --artifacts.

Usage: run_with_demo.py --binary PATH --artifacts DIR
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
from api_e2e import Server  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="tdkt-browser-")
    server = Server(args.binary, "sqlite:" + os.path.join(workdir, "demo.db"), workdir)
    try:
        token = server.tokens["secretariat"]
        request = urllib.request.Request(server.url + "/api/v1/dossiers?state=appraisal",
                                         headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=30) as response:
            dossiers = json.load(response)["items"]
        if not dossiers:
            print("the demo has no dossier in appraisal")
            return 1
        result = subprocess.run(
            ["/usr/bin/python3", os.path.join(HERE, "dashboard_test.py"), "--url",
             server.url + "/", "--token", token, "--dossier", dossiers[0]["id"], "--event",
             "hold", "--payload",
             json.dumps({"reason": "Đang xác minh đơn phản ánh",
                         "legal_ground": "Nghị định 152/2025/NĐ-CP, Điều 4"}, ensure_ascii=False),
             "--screenshot", os.path.join(args.artifacts, "dashboard.png"),
             "--admin-token", server.tokens["admin"]],
            timeout=300)
        return result.returncode
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
