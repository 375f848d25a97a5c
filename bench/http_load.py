#!/usr/bin/env python3
"""http_load: events through `POST /api/v1/dossiers/{id}/events` under load, with wrk.

    http_load.py --binary build/release/adapters/cli/tdkt [--seconds 10] [--connections 16 64]

Starts `tdkt serve --demo` on a new database of the throwaway PostgreSQL that scripts/with-postgres
names in TDKT_TEST_PG_DSN. For each connection count C it brings C dossiers of the reference
campaign to appraisal (create, submit, unit_approve, accept), then runs Debian's `wrk` with C
connections (one per wrk thread, so that each connection owns one dossier and sends its events in
order) for the given seconds, against a server with as many HTTP threads as connections: each connection alternates hold and resume on its dossier (a real
lifecycle transition each, with its audit record, its deadlines cancelled or planned again, its
outbox rows and projection), every request with a request id of its own. Prints one line per C:
events/s (2xx answers per second), p50 and p99 latency from wrk's histogram, and the non-2xx count.
"""

import argparse
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "e2e"))
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import api_e2e  # noqa: E402

CAMPAIGN = "bl-2024-75nam"

LUA = r"""
-- One connection per wrk thread: this thread's dossier is args[tid]; hold and resume alternate,
-- the next event chosen only after the previous one was answered 200.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  token = args[1]
  tag = args[2]
  dossier = args[2 + tid]
  n = 0
  held = false
  pending = nil
end

function request()
  n = n + 1
  local body
  if held then
    pending = "resume"
    body = '{"type":"resume","payload":{"reason":"Đã xong"},"request_id":"' ..
        tag .. '-' .. tid .. '-' .. n .. '"}'
  else
    pending = "hold"
    body = '{"type":"hold","payload":{"reason":"Xem xét","legal_ground":"Điều 4"},' ..
        '"request_id":"' .. tag .. '-' .. tid .. '-' .. n .. '"}'
  end
  return wrk.format("POST", "/api/v1/dossiers/" .. dossier .. "/events",
                    {["Authorization"] = "Bearer " .. token,
                     ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status == 200 then held = (pending == "hold") end
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d p50_us=%d p99_us=%d\n",
                         summary.requests, summary.duration / 1e6, non2xx,
                         latency:percentile(50), latency:percentile(99)))
end
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64])
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("http_load: wrk is not installed (scripts/install-deps installs it)")
    failures = api_e2e.Failures()
    workdir = tempfile.mkdtemp(prefix="tdkt-http-load-")
    db_url, cleanup = api_e2e.fresh_database("postgresql", workdir, "tdkt_http_load")
    server = start_server(os.path.abspath(args.binary), db_url, workdir, max(args.connections))
    try:
        if server.url is None:
            raise SystemExit("http_load: the server did not start; see " + workdir)
        validator = api_e2e.openapi_check.ResponseValidator(
            os.path.join(SOURCE, "docs", "openapi.yaml"))
        client = api_e2e.Client(server.url, validator, failures)
        tokens = server.tokens
        _, me = call(client, "GET", "/api/v1/me", tokens["unit_officer"])
        unit = me["unit_id"]
        walk = api_e2e.Walk(client, tokens, failures, CAMPAIGN, unit)
        print("%-12s %10s %8s %8s %8s" % ("connections", "events/s", "p50 ms", "p99 ms", "non-2xx"))
        for connections in args.connections:
            dossiers = []
            for i in range(connections):
                d = walk.create("Người thử %d" % i, "giay_khen_xa")
                walk.send(d, "unit_officer", "submit", api_e2e.PAYLOAD["submit"])
                walk.send(d, "unit_head", "unit_approve", api_e2e.PAYLOAD["unit_approve"])
                walk.send(d, "secretariat", "accept", {})
                dossiers.append(d)
            if failures.items:
                raise SystemExit("http_load: setting up the dossiers failed: %s" % failures.items)
            script = os.path.join(workdir, "events.lua")
            with open(script, "w", encoding="utf-8") as f:
                f.write(LUA)
            tag = "load-" + uuid.uuid4().hex[:8]
            out = subprocess.run(
                ["wrk", "-t", str(connections), "-c", str(connections), "-d",
                 "%ds" % args.seconds, "-s", script, server.url, "--",
                 tokens["secretariat"], tag] + dossiers,
                capture_output=True, text=True, check=False)
            match = re.search(r"RESULT requests=(\d+) seconds=([\d.]+) non2xx=(\d+) "
                              r"p50_us=(\d+) p99_us=(\d+)", out.stdout)
            if not match:
                raise SystemExit("http_load: wrk failed:\n" + out.stdout + out.stderr)
            requests, seconds, non2xx, p50, p99 = match.groups()
            ok = int(requests) - int(non2xx)
            print("%-12d %10.0f %8.2f %8.2f %8d" % (connections, ok / float(seconds),
                                                    int(p50) / 1000.0, int(p99) / 1000.0,
                                                    int(non2xx)), flush=True)
            print("SUMMARY http_eps_%d %.1f\nSUMMARY http_p50_%d %.2f\nSUMMARY http_p99_%d %.2f"
                  % (connections, ok / float(seconds), connections, int(p50) / 1000.0,
                     connections, int(p99) / 1000.0), flush=True)
    finally:
        server.stop()
        if cleanup:
            cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


class Started:
    """A running `tdkt serve --demo`: its URL, the token of each role, stop()."""

    def __init__(self, process, url, tokens):
        self.process, self.url, self.tokens = process, url, tokens

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_server(binary, db_url, workdir, threads):
    """`tdkt serve --demo` with `threads` HTTP threads (a handler waits for its event's commit on
    its thread: the threads bound the events in flight, which the group commit batches) and a
    database pool of 16."""
    config = os.path.join(workdir, "tdkt.yaml")
    with open(config, "w", encoding="utf-8") as f:
        f.write("paths:\n  rules: \"%s/config/rules\"\n  calendar: \"%s/config/calendar\"\n"
                "  web: \"%s/web\"\nhttp:\n  threads: %d\ndatabase:\n  url: \"%s\"\n"
                "  pool_size: 16\n" % (SOURCE, SOURCE, SOURCE, threads, db_url))
    stderr = open(os.path.join(workdir, "serve.err"), "w+b")
    process = subprocess.Popen(
        [binary, "--log-level", "warn", "serve", "--db", db_url, "--config", config, "--listen",
         "127.0.0.1:0", "--demo", "--demo-dir", os.path.join(SOURCE, "config", "demo")],
        stdout=subprocess.PIPE, stderr=stderr, cwd=workdir)
    url, tokens, buffer = None, {}, b""
    deadline = time.time() + 180
    while time.time() < deadline and (url is None or len(tokens) < 7):
        ready, _, _ = select.select([process.stdout], [], [], 1.0)
        if not ready:
            if process.poll() is not None:
                break
            continue
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            break
        buffer += chunk
        text = buffer.decode("utf-8", "replace")
        match = re.search(r"on (http://127\.0\.0\.1:\d+)/", text)
        if match:
            url = match.group(1)
        for role, token in re.findall(r"^  (\w+) (tdkt_[A-Za-z0-9_-]+)", text, re.M):
            tokens[role] = token
    started = Started(process, url, tokens)
    if url is None or len(tokens) < 7:
        started.stop()
        stderr.seek(0)
        raise SystemExit("http_load: tdkt serve did not start: " + stderr.read().decode())
    return started


def call(client, method, path, token):
    status, body = client.call(method, path, token, contract=False)
    if status != 200:
        raise SystemExit("http_load: %s %s: %d %s" % (method, path, status, body))
    return status, body


if __name__ == "__main__":
    main()
