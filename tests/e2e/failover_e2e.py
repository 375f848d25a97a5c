#!/usr/bin/python3
"""Losing the PostgreSQL primary under load, end to end, on loopback only.

  * a PostgreSQL 15 primary and a synchronous streaming standby (synchronous_standby_names,
    synchronous_commit=on) in a temporary directory, on free loopback ports;
  * `tdkt migrate` and `tdkt init`, then two `tdkt serve` processes on the libpq multi-host URL
    postgresql://…@PRIMARY,STANDBY/tdkt?target_session_attrs=read-write; the admin sets the
    commune up over HTTP (fresh_install_e2e.administer);
  * several clients, spread over both processes, each creating dossiers (a client-chosen id) and
    taking them through submit, unit_approve and accept (each a client-chosen request_id); a
    request answered 503 or not answered at all is sent again, the same request with the same
    ids, until it is answered;
  * meanwhile the primary is killed (SIGKILL) and the standby promoted (pg_ctl promote);
  * afterwards: every acknowledged dossier and event is in the log exactly once, no 5xx but 503,
    `tdkt audit verify` and `tdkt replay --check` pass on the promoted server; the time without
    service (from the kill to the first acknowledged write after it) is printed.

  * just before the kill, deadline timers of the submitted dossiers are made due: both
    processes' schedulers fire them across the switch, and each fires exactly once;

Usage: failover_e2e.py --binary PATH [--clients N] [--seconds S]
Exit 0 when every check passed; 1 with the failures printed; 77 when PostgreSQL's server
binaries are missing.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import openapi_check  # noqa: E402
from api_e2e import ALL_DOCS, Client, Failures, Server  # noqa: E402
from fresh_install_e2e import administer, first_run  # noqa: E402

BINDIR = "/usr/lib/postgresql/15/bin"
AS_DB_USER = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg(*args, **kwargs):
    return subprocess.run(AS_DB_USER + list(args), capture_output=True, text=True, **kwargs)


class Cluster:
    """A primary and a synchronous standby under `workdir`."""

    def __init__(self, workdir):
        self.workdir = workdir
        if AS_DB_USER:
            shutil.chown(workdir, "postgres")
        self.primary = os.path.join(workdir, "primary")
        self.standby = os.path.join(workdir, "standby")
        self.primary_port = free_port()
        self.standby_port = free_port()
        self.running = []
        init = pg(BINDIR + "/initdb", "-D", self.primary, "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        if init.returncode != 0:
            raise SystemExit("initdb: " + init.stderr)
        self.start(self.primary, self.primary_port,
                   ["-c", "synchronous_standby_names=standby1", "-c", "synchronous_commit=on",
                    "-c", "wal_level=replica", "-c", "max_wal_senders=5"])
        backup = pg(BINDIR + "/pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary_port),
                    "-U", "postgres", "-D", self.standby, "-X", "stream", "-R",
                    "-d", "application_name=standby1", timeout=120)
        if backup.returncode != 0:
            raise SystemExit("pg_basebackup: " + backup.stderr)
        self.start(self.standby, self.standby_port, [])
        self.wait_sync()

    def start(self, datadir, port, options):
        opts = " ".join(["-p", str(port), "-c", "listen_addresses=127.0.0.1",
                         "-c", "unix_socket_directories=" + self.workdir, "-c", "fsync=on",
                         "-c", "max_connections=100"] + options)
        started = pg(BINDIR + "/pg_ctl", "-D", datadir, "-l", datadir + ".log", "-w", "-t", "60",
                     "-o", opts, "start")
        if started.returncode != 0:
            raise SystemExit("pg_ctl start %s: %s %s" % (datadir, started.stderr,
                                                         open(datadir + ".log").read()))
        self.running.append(datadir)

    def sql(self, port, statement, db="postgres"):
        result = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                                 "-d", db, "-Atqc", statement],
                                capture_output=True, text=True, timeout=60)
        return result.stdout.strip() if result.returncode == 0 else None

    def wait_sync(self):
        for _ in range(300):
            if self.sql(self.primary_port, "SELECT sync_state FROM pg_stat_replication "
                        "WHERE application_name = 'standby1'") == "sync":
                return
            time.sleep(0.1)
        raise SystemExit("the standby never became synchronous")

    def kill_primary(self):
        """SIGKILL to the primary's postmaster and every backend it started, at once: the
        server is gone as if its machine had died (a postmaster killed alone leaves its backends
        running, and committing, until they notice)."""
        with open(os.path.join(self.primary, "postmaster.pid")) as f:
            lines = f.read().splitlines()
        pid = int(lines[0])
        os.kill(pid, signal.SIGSTOP)  # no new backend between listing and killing
        children = [int(c) for c in subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)],
                                                   capture_output=True, text=True).stdout.split()]
        for victim in children + [pid]:
            try:
                os.kill(victim, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.running.remove(self.primary)
        # A killed postmaster leaves its small System V segment behind (a clean stop removes
        # it): once its processes are gone, remove this cluster's own (postmaster.pid, line 7).
        for _ in range(100):
            if not any(os.path.exists("/proc/%d" % p) for p in children + [pid]):
                break
            time.sleep(0.05)
        if len(lines) >= 7 and len(lines[6].split()) == 2:
            subprocess.run(["ipcrm", "-m", lines[6].split()[1]], capture_output=True)

    def promote(self):
        promoted = pg(BINDIR + "/pg_ctl", "-D", self.standby, "-w", "-t", "60", "promote")
        if promoted.returncode != 0:
            raise SystemExit("pg_ctl promote: " + promoted.stderr)

    def stop(self):
        for datadir in self.running:
            pg(BINDIR + "/pg_ctl", "-D", datadir, "-m", "immediate", "-w", "stop")
        # The killed primary's children die with their postmaster's pipe; nothing else to stop.


def post(base, path, token, body):
    """(status, body, retry_after) — status 0 when the service did not answer."""
    request = urllib.request.Request(base + path, data=json.dumps(body).encode("utf-8"),
                                     method="POST")
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read()), None
    except urllib.error.HTTPError as error:
        payload = error.read()
        try:
            payload = json.loads(payload)
        except ValueError:
            pass
        return error.code, payload, error.headers.get("Retry-After")
    except (urllib.error.URLError, ConnectionError, socket.timeout) as error:
        return 0, str(error), None


class Load:
    """Clients creating and submitting dossiers until told to stop, retrying each request."""

    def __init__(self, bases, tokens, campaign, clients, failures):
        self.bases = bases
        self.tokens = tokens
        self.campaign = campaign
        self.failures = failures
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.created = []      # acknowledged dossier ids
        self.submitted = []    # acknowledged request ids of events
        self.acked_at = []     # (attempt sent, answered): monotonic times of acknowledged writes
        self.refused = []      # (status, body) other than 503 / no answer
        self.retries = 0
        self.retry_after_missing = 0
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(clients)]

    def send(self, client, path, body, role="unit_officer"):
        """Sends until answered with something else than 503 or silence (bounded); returns the
        answer and the time the answered attempt was sent."""
        deadline = time.monotonic() + 120
        attempt = 0
        while time.monotonic() < deadline:
            base = self.bases[(client + attempt) % len(self.bases)]
            sent = time.monotonic()
            status, answer, retry_after = post(base, path, self.tokens[role], body)
            if status not in (0, 503):
                return status, answer, sent
            with self.lock:
                self.retries += 1
                if status == 503 and retry_after is None:
                    self.retry_after_missing += 1
            attempt += 1
            time.sleep(0.2)
        return 0, "no answer for 120 s", None

    def run(self, client):
        n = 0
        while not self.stop.is_set():
            n += 1
            dossier = "fo-%d-%d-%s" % (client, n, uuid.uuid4().hex[:6])
            status, body, sent = self.send(client, "/api/v1/dossiers", {
                "id": dossier, "campaign_id": self.campaign, "unit_id": "thon-1",
                "nominee": {"kind": "individual", "name": "Người %d.%d" % (client, n),
                            "direct_worker": True, "female": False},
                "award": "giay_khen_xa", "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ"})
            if status != 201:
                with self.lock:
                    self.refused.append((status, body))
                continue
            with self.lock:
                self.created.append(dossier)
                self.acked_at.append((sent, time.monotonic()))
            # Up to the secretariat's acceptance, which plans the appraisal's deadline timers.
            for role, event_type, payload in (
                    ("unit_officer", "submit",
                     {"achievement_summary": "Thành tích", "documents": ALL_DOCS}),
                    ("unit_head", "unit_approve",
                     {"votes_for": 6, "votes_against": 0, "members": 7}),
                    ("secretariat", "accept", {})):
                request_id = str(uuid.uuid4())
                status, body, sent = self.send(
                    client, "/api/v1/dossiers/%s/events" % dossier,
                    {"type": event_type, "request_id": request_id, "payload": payload}, role)
                if status != 200:
                    with self.lock:
                        self.refused.append((status, body))
                    break
                with self.lock:
                    self.submitted.append(request_id)
                    self.acked_at.append((sent, time.monotonic()))

    def start(self):
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=180)


def run(binary, *args):
    return subprocess.run([binary] + list(args), capture_output=True, text=True, timeout=300)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=4.0,
                        help="load before the kill, and again after the switch")
    parser.add_argument("--timers", type=int, default=200,
                        help="deadline timers made due just before the kill")
    args = parser.parse_args()
    if not os.path.exists(BINDIR + "/initdb"):
        print("PostgreSQL 15 server binaries not found")
        return 77
    failures = Failures()
    workdir = tempfile.mkdtemp(prefix="tdkt-failover-")
    os.chmod(workdir, 0o755)
    cluster = None
    servers = []
    try:
        cluster = Cluster(workdir)
        if cluster.sql(cluster.primary_port, "CREATE DATABASE tdkt") is None:
            raise SystemExit("CREATE DATABASE failed")
        primary_url = "postgresql://postgres@127.0.0.1:%d/tdkt" % cluster.primary_port
        binary = args.binary
        admin = first_run(binary, primary_url, failures)
        url = ("postgresql://postgres@127.0.0.1:%d,127.0.0.1:%d/tdkt"
               "?target_session_attrs=read-write&connect_timeout=2"
               % (cluster.primary_port, cluster.standby_port))
        for name in ("serve-a", "serve-b"):
            own = os.path.join(workdir, name)
            os.mkdir(own)
            # A short lease: a timer claimed by a firing that the switch broke is taken over
            # soon (the default is 30 s).
            servers.append(Server(binary, url, own, demo=False, name=name,
                                  extra=["--scheduler-lease", "2"]))
        validator = openapi_check.ResponseValidator(os.path.join(SOURCE, "docs", "openapi.yaml"))
        client = Client(servers[0].url, validator, failures)
        tokens = administer(client, admin, failures)
        campaign = "fo-" + uuid.uuid4().hex[:6]
        status, body = client.call("POST", "/api/v1/campaigns", admin, {
            "id": campaign, "name": "Phong trào thi đua", "plan_number": "1/KH-UBND",
            "procedure": "campaign", "allowed_awards": ["giay_khen_xa"],
            "nomination_cutoff": "%d-12-31" % (time.gmtime().tm_year + 1), "ceremony": None,
            "quotas": {}, "public_notice_working_days": None})
        failures.check(status == 201, "create the campaign: %d %s" % (status, body))

        load = Load([s.url for s in servers], tokens, campaign, args.clients, failures)
        load.start()
        time.sleep(args.seconds)
        # Timers come due under the load: the earliest deadline timers of the submitted dossiers
        # are moved into the past, so that both processes' schedulers fire them during the
        # switch.
        due = cluster.sql(cluster.primary_port,
                          "UPDATE timers SET due_at = '2000-01-01T00:00:00Z' WHERE id IN "
                          "(SELECT id FROM timers WHERE status = 'pending' AND kind <> 'cutoff' "
                          "ORDER BY id LIMIT %d) "
                          "RETURNING timer_key" % args.timers, db="tdkt")
        due_keys = due.splitlines() if due else []
        failures.check(len(due_keys) > 0, "timers were made due before the kill")
        time.sleep(0.3)
        before = len(load.acked_at)
        failures.check(before > 0, "writes were acknowledged before the kill")
        killed_at = time.monotonic()
        cluster.kill_primary()
        time.sleep(1.0)  # the time a failover manager takes to decide (Patroni: ttl)
        cluster.promote()
        promoted_at = time.monotonic()
        # Load goes on until the service has answered writes sent after the kill for a while.
        # (A write answered just after the kill may have committed just before it: only writes
        # sent after the kill show the service back.)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with load.lock:
                after = sorted(done for sent, done in load.acked_at if sent > killed_at)
            if after and time.monotonic() - after[0] >= args.seconds:
                break
            time.sleep(0.2)
        load.finish()
        with load.lock:
            after = sorted(done for sent, done in load.acked_at if sent > killed_at)
            total = len(load.acked_at)
        failures.check(bool(after), "no write sent after the kill was acknowledged")
        outage = (after[0] - killed_at) if after else float("nan")
        print("time without service: %.1f s from the kill to the first write sent after it and "
              "acknowledged (%.1f s after the promotion, which came 1 s after the kill); "
              "%d writes acknowledged before the kill, %d in all; %d requests sent again"
              % (outage, (after[0] - promoted_at) if after else float("nan"), before, total,
                 load.retries))
        failures.check(not load.refused, "only 503 or no answer during the switch, got: %s"
                       % load.refused[:5])
        failures.check(load.retry_after_missing == 0,
                       "%d answers 503 without Retry-After" % load.retry_after_missing)

        new_url = "postgresql://postgres@127.0.0.1:%d/tdkt" % cluster.standby_port
        created = set(load.created)
        rows = cluster.sql(cluster.standby_port,
                           "SELECT dossier_id, COUNT(*) FROM event_log WHERE event_type = "
                           "'create' AND dossier_id LIKE 'fo-%' GROUP BY dossier_id", db="tdkt")
        counts = dict(line.split("|") for line in rows.splitlines()) if rows else {}
        missing = [d for d in created if d not in counts]
        twice = [d for d, c in counts.items() if c != "1"]
        failures.check(not missing, "%d acknowledged dossiers are not in the log: %s"
                       % (len(missing), missing[:5]))
        failures.check(not twice, "dossiers created more than once: %s" % twice[:5])
        ids = ",".join("'%s'" % r for r in load.submitted) or "''"
        rows = cluster.sql(cluster.standby_port,
                           "SELECT request_id, COUNT(*) FROM event_log WHERE request_id IN (%s) "
                           "GROUP BY request_id" % ids, db="tdkt")
        counts = dict(line.split("|") for line in rows.splitlines()) if rows else {}
        missing = [r for r in load.submitted if r not in counts]
        twice = [r for r, c in counts.items() if c != "1"]
        failures.check(not missing, "%d acknowledged events are not in the log" % len(missing))
        failures.check(not twice, "events in the log more than once: %s" % twice[:5])
        print("acknowledged: %d dossiers, %d events; all in the log exactly once: %s"
              % (len(created), len(load.submitted), not missing and not twice))

        # Every timer made due fired exactly once (or was skipped, with no event), the ones whose
        # firing the switch broke taken over when their lease ran out.
        keys = ",".join("'%s'" % k for k in due_keys) or "''"
        for _ in range(600):
            pending = cluster.sql(cluster.standby_port, "SELECT COUNT(*) FROM timers WHERE "
                                  "timer_key IN (%s) AND status = 'pending'" % keys, db="tdkt")
            if pending == "0":
                break
            time.sleep(0.1)
        failures.check(pending == "0", "%s due timers never fired" % pending)
        rows = cluster.sql(cluster.standby_port,
                           "SELECT t.timer_key, t.status, COUNT(e.seq) FROM timers t LEFT JOIN "
                           "event_log e ON e.request_id = 'timer:' || t.timer_key WHERE "
                           "t.timer_key IN (%s) GROUP BY t.timer_key, t.status" % keys, db="tdkt")
        fired = wrong = 0
        kinds = cluster.sql(cluster.standby_port, "SELECT kind, status, COUNT(*) FROM timers WHERE "
                            "timer_key IN (%s) GROUP BY kind, status" % keys, db="tdkt")
        print("timers by kind and status: %s" % (kinds or "").replace("\n", ", "))
        for line in (rows.splitlines() if rows else []):
            key, status, events = line.split("|")
            fired += status == "fired"
            if (status == "fired" and events != "1") or (status == "skipped" and events != "0"):
                wrong += 1
                failures.check(False, "timer %s: %s with %s events" % (key, status, events))
        print("timers made due: %d; fired %d, each exactly once: %s"
              % (len(due_keys), fired, wrong == 0))

        for server in servers:
            failures.check(server.stop() == 0, "tdkt serve stops cleanly after the switch")
        servers = []
        verified = run(binary, "audit", "verify", "--db", new_url)
        failures.check(verified.returncode == 0, "audit verify on the promoted server: %s %s"
                       % (verified.stdout, verified.stderr))
        replayed = run(binary, "replay", "--db", new_url, "--rules",
                       os.path.join(SOURCE, "config", "rules"), "--check")
        failures.check(replayed.returncode == 0, "replay --check on the promoted server: %s %s"
                       % (replayed.stdout, replayed.stderr))
    finally:
        for server in servers:
            server.stop()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    if failures.items:
        print("%d checks failed" % len(failures.items))
        return 1
    print("failover: nothing acknowledged was lost")
    return 0


if __name__ == "__main__":
    sys.exit(main())
