#!/usr/bin/python3
"""The browser test against the real service: starts `tdkt serve --demo` on a fresh SQLite
database, then runs dashboard_test.py as the secretariat, putting a dossier in appraisal on hold
(the timeline must grow by that event), then as the admin on the Quản trị page (units, users,
tokens, the commune's settings); then again on a calendar without 2024's notices, where the
dashboard must mark the demo's deadlines provisional. Keeps the screenshots in --artifacts.

Usage: run_with_demo.py --binary PATH --artifacts DIR
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
from api_e2e import SOURCE, Server  # noqa: E402


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
        if result.returncode != 0:
            return result.returncode
    finally:
        server.stop()
    return provisional(args, workdir)


def provisional(args, workdir):
    """The same demo on a calendar without 2024's notices: 2024 is provisional, so the dashboard
    marks the demo's deadlines "Hạn tạm tính" and warns on the dossier."""
    calendar = os.path.join(workdir, "calendar-provisional")
    shutil.copytree(os.path.join(SOURCE, "config", "calendar"), calendar)
    path = os.path.join(calendar, "2024.yaml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    stripped = re.sub(r"^notices:\n(?:[ -].*\n)+", "", text, flags=re.M)
    if stripped == text:
        print("run_with_demo: 2024.yaml has no notices: block to remove")
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(stripped)
    server = Server(args.binary, "sqlite:" + os.path.join(workdir, "provisional.db"), workdir,
                    name="serve-provisional", calendar=calendar)
    try:
        token = server.tokens["secretariat"]
        request = urllib.request.Request(server.url + "/api/v1/dossiers?state=appraisal",
                                         headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=30) as response:
            dossiers = [d for d in json.load(response)["items"] if d["provisional_deadlines"]]
        if not dossiers:
            print("run_with_demo: no dossier in appraisal has a provisional deadline")
            return 1
        result = subprocess.run(
            ["/usr/bin/python3", os.path.join(HERE, "dashboard_test.py"), "--url",
             server.url + "/", "--token", token, "--dossier", dossiers[0]["id"], "--event",
             "hold", "--payload",
             json.dumps({"reason": "Đang xác minh đơn phản ánh",
                         "legal_ground": "Nghị định 152/2025/NĐ-CP, Điều 4"}, ensure_ascii=False),
             "--screenshot", os.path.join(args.artifacts, "dashboard-provisional.png"),
             "--expect-provisional"],
            timeout=300)
        return result.returncode
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
