#!/usr/bin/env python3
"""The example Patroni configurations of docs/patroni/ pass `patroni --validate-config`.

Patroni's validator checks the machine it runs on, not only the file: the etcd members must
answer on their ports and the listen ports must be free. So each file is validated as a copy in
which the etcd members (10.0.0.x:2379) become loopback listeners this test opens, and the listen
ports (0.0.0.0:8008, 0.0.0.0:5432) free loopback ports; every other line is the example's own.
Exit 77 (skipped) when patroni is not installed.

usage: patroni_config_test.py SOURCE_DIR
"""
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    source = sys.argv[1]
    patroni = shutil.which("patroni")
    if not patroni:
        print("patroni is not installed (Debian: apt-get install patroni)")
        return 77
    files = sorted(glob.glob(os.path.join(source, "docs", "patroni", "*.yml")))
    if not files:
        print("no example configuration in docs/patroni/")
        return 1
    failed = 0
    listeners = []
    with tempfile.TemporaryDirectory() as work:
        for path in files:
            text = open(path, encoding="utf-8").read()
            members = {}

            def member(match):
                if match.group(0) not in members:
                    listener = socket.socket()
                    listener.bind(("127.0.0.1", 0))
                    listener.listen()
                    listeners.append(listener)
                    members[match.group(0)] = "127.0.0.1:%d" % listener.getsockname()[1]
                return members[match.group(0)]

            copy = re.sub(r"10\.0\.0\.\d+:2379", member, text)
            copy = re.sub(r"listen: 0\.0\.0\.0:\d+",
                          lambda m: "listen: 127.0.0.1:%d" % free_port(), copy)
            if not members:
                print("%s: names no etcd member 10.0.0.x:2379" % path)
                failed += 1
                continue
            checked = os.path.join(work, os.path.basename(path))
            with open(checked, "w", encoding="utf-8") as f:
                f.write(copy)
            result = subprocess.run([patroni, "--validate-config", checked],
                                    capture_output=True, text=True, timeout=60)
            if result.returncode != 0:
                print("%s: patroni --validate-config failed:\n%s%s"
                      % (path, result.stdout, result.stderr))
                failed += 1
            else:
                print("%s: valid" % path)
    for listener in listeners:
        listener.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
