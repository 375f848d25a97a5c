#!/usr/bin/python3
"""The browser test of the Quyết định page against the real service: starts `tdkt serve --demo`
on a fresh SQLite database and runs rounds_test.py (the secretariat drafts a decision from the
eligible dossiers, the Chairman signs it). Keeps the screenshots in --artifacts (rounds.png: the
signed decision; rounds-draft.png, rounds-confirm.png, rounds-refused.png, rounds-dossier.png,
rounds-submissions.png).

Usage: run_rounds_with_demo.py --binary PATH --artifacts DIR
"""

import argparse
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
    workdir = tempfile.mkdtemp(prefix="tdkt-browser-rounds-")
    server = Server(args.binary, "sqlite:" + os.path.join(workdir, "demo.db"), workdir,
                    name="serve-rounds")
    try:
        result = subprocess.run(
            ["/usr/bin/python3", os.path.join(HERE, "rounds_test.py"), "--url", server.url + "/",
             "--secretariat", server.tokens["secretariat"], "--chairman", server.tokens["chairman"],
             "--screenshot", os.path.join(args.artifacts, "rounds.png")],
            timeout=300)
        return result.returncode
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
