#!/usr/bin/python3
"""Back up a live tdkt database and restore it elsewhere, as docs/operations.md ("Back up and
restore") says, on one backend.

Starts `tdkt serve --demo` (the Bình Lương 2024 campaign) on a fresh database, and while it
serves and a client keeps creating dossiers over HTTP:

  * sqlite:     `sqlite3 LIVE ".backup COPY"` (SQLite's online backup API); the copy is restored
                into a new directory the way the guide restores it (the file alone, no -wal/-shm);
  * postgresql: `pg_dump --format=custom` of the live database, `pg_restore` into a new database
                (on the server named by TDKT_TEST_PG_DSN).

Then, on the restored copy: `tdkt audit verify` exits 0, `tdkt replay --check` exits 0, it holds
the demo's dossiers and the ones created before the backup began, and `tdkt serve` runs on it
and answers /healthz. PostgreSQL: the restored event log is still append-only (TRUNCATE refused).

Usage: backup_restore_test.py --binary PATH --backend sqlite|postgresql
Exit 0 when every check passed; otherwise the failures are printed and the exit code is 1.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SOURCE, "tests", "e2e"))
import api_e2e  # noqa: E402
DEMO_DOSSIERS = 45  # config/demo: the reference campaign's dossiers


class Failures:
    def __init__(self):
        self.messages = []

    def check(self, condition, message):
        print(("ok: " if condition else "FAILED: ") + message, flush=True)
        if not condition:
            self.messages.append(message)


class Server(api_e2e.Server):
    """`tdkt serve` as the end-to-end tests start it, with a GET helper."""

    def get(self, path, token=None):
        request = urllib.request.Request(self.url + path)
        if token:
            request.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())


class Writer(threading.Thread):
    """Creates dossiers over HTTP, one after another, until stopped: the database is live."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server = server
        self.token = server.tokens["unit_officer"]
        _, me = server.get("/api/v1/me", self.token)
        self.unit = me["unit_id"]
        self.created = []  # ids, in the order the server acknowledged them
        self.errors = []
        self.stopping = threading.Event()

    def create(self):
        dossier_id = "bk-" + uuid.uuid4().hex[:10]
        # A new person each time: the register finds a name already in the unit (and one
        # achievement, one award refuses a second dossier of one person in the campaign).
        body = json.dumps({
            "id": dossier_id, "campaign_id": "bl-2024-75nam", "unit_id": self.unit,
            "nominee": {"kind": "individual", "name": "Lò Văn Sao %d" % (len(self.created) + 1),
                        "direct_worker": True, "female": False},
            "award": "giay_khen_xa", "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ"},
            ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.server.url + "/api/v1/dossiers", data=body,
                                         method="POST")
        request.add_header("Authorization", "Bearer " + self.token)
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 201:
                raise RuntimeError("create: %d" % response.status)
        self.created.append(dossier_id)

    def run(self):
        while not self.stopping.is_set():
            try:
                self.create()
            except Exception as e:  # noqa: BLE001 - reported as a failure by the test
                self.errors.append(str(e))
                return
            time.sleep(0.01)

    def stop(self):
        self.stopping.set()
        self.join(timeout=60)


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)


def check_copy(binary, db_url, workdir, failures, count_sql, before_backup):
    """The restored copy: audit verify, replay --check, its dossiers, and a service on it."""
    verify = run([binary, "audit", "verify", "--db", db_url])
    failures.check(verify.returncode == 0, "audit verify on the copy exits 0: %s %s"
                   % (verify.stdout.strip(), verify.stderr.strip()))
    replay = run([binary, "replay", "--db", db_url, "--check",
                  "--rules", os.path.join(SOURCE, "config", "rules")])
    failures.check(replay.returncode == 0, "replay --check on the copy exits 0: %s %s"
                   % (replay.stdout.strip(), replay.stderr.strip()))
    ids = set(count_sql("SELECT id FROM dossiers").split())
    failures.check(len(ids) >= DEMO_DOSSIERS + len(before_backup),
                   "the copy holds the demo's %d dossiers and the %d created before the backup "
                   "(%d in all)" % (DEMO_DOSSIERS, len(before_backup), len(ids)))
    failures.check(set(before_backup) <= ids, "every dossier created before the backup is there")
    server = Server(binary, db_url, workdir, demo=False, name="restored")
    try:
        status, health = server.get("/healthz")
        failures.check(status == 200 and health["status"] == "ok",
                       "tdkt serve on the restored copy answers /healthz: %s" % health)
    finally:
        failures.check(server.stop() == 0, "the service on the copy stops cleanly")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    failures = Failures()
    workdir = tempfile.mkdtemp(prefix="tdkt-backup-")
    cleanups = []
    try:
        if args.backend == "sqlite":
            live_path = os.path.join(workdir, "live.db")
            live_url = "sqlite:" + live_path
        else:
            dsn = os.environ.get("TDKT_TEST_PG_DSN")
            if not dsn:
                raise SystemExit("TDKT_TEST_PG_DSN is not set (scripts/with-postgres sets it)")
            suffix = "%d_%s" % (os.getpid(), uuid.uuid4().hex[:6])
            names = {"live": "tdkt_live_" + suffix, "restored": "tdkt_restored_" + suffix}
            base = dsn.rsplit("/", 1)[0]
            for name in names.values():
                subprocess.run(["psql", dsn, "-qc", "CREATE DATABASE " + name], check=True)
                cleanups.append(lambda n=name: subprocess.run(
                    ["psql", dsn, "-qc", "DROP DATABASE IF EXISTS " + n + " WITH (FORCE)"],
                    check=False))
            live_url = base + "/" + names["live"]

        live = Server(binary, live_url, workdir, demo=True, name="live")
        cleanups.insert(0, live.stop)
        writer = Writer(live)
        writer.start()
        while len(writer.created) < 5 and writer.is_alive():
            time.sleep(0.05)
        before_backup = list(writer.created)

        if args.backend == "sqlite":
            copy_path = os.path.join(workdir, "backup", "tdkt.db")
            os.makedirs(os.path.dirname(copy_path))
            backup = run(["sqlite3", live_path, ".backup '%s'" % copy_path])
            failures.check(backup.returncode == 0 and backup.stderr == "",
                           "sqlite3 .backup of the live database: %s" % backup.stderr.strip())
        else:
            dump_path = os.path.join(workdir, "tdkt.dump")
            backup = run(["pg_dump", "--format=custom", "--file", dump_path, live_url])
            failures.check(backup.returncode == 0,
                           "pg_dump of the live database: %s" % backup.stderr.strip())
        time.sleep(0.2)
        writer.stop()
        failures.check(not writer.errors, "the service kept answering during the backup: %s"
                       % writer.errors)
        failures.check(len(writer.created) > len(before_backup),
                       "dossiers were being created during the backup (%d before, %d in all)"
                       % (len(before_backup), len(writer.created)))
        failures.check(live.stop() == 0, "the live service stops cleanly")

        if args.backend == "sqlite":
            # Restore: the backup file alone becomes the database of a new directory.
            restored_path = os.path.join(workdir, "restored", "tdkt.db")
            os.makedirs(os.path.dirname(restored_path))
            shutil.copyfile(copy_path, restored_path)
            integrity = run(["sqlite3", restored_path, "PRAGMA integrity_check"])
            failures.check(integrity.stdout.strip() == "ok",
                           "integrity_check of the copy: %s" % integrity.stdout.strip())
            restored_url = "sqlite:" + restored_path

            def query(sql):
                return run(["sqlite3", restored_path, sql]).stdout
        else:
            restored_url = base + "/" + names["restored"]
            restore = run(["pg_restore", "--exit-on-error", "--dbname", restored_url, dump_path])
            failures.check(restore.returncode == 0,
                           "pg_restore into a new database: %s" % restore.stderr.strip())

            def query(sql):
                return run(["psql", restored_url, "-Atc", sql]).stdout
            truncate = run(["psql", restored_url, "-qc", "TRUNCATE event_log"])
            failures.check(truncate.returncode != 0,
                           "the restored event log is still append-only (TRUNCATE refused: %s)"
                           % truncate.stderr.strip().splitlines()[:1])
        check_copy(binary, restored_url, workdir, failures, query, before_backup)
    finally:
        for cleanup in cleanups:
            cleanup()
        shutil.rmtree(workdir, ignore_errors=True)
    if failures.messages:
        print("%d check(s) failed" % len(failures.messages), file=sys.stderr)
        return 1
    print("backup and restore (%s): all checks passed" % args.backend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
