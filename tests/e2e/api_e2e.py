#!/usr/bin/python3
"""End-to-end over HTTP against the real tdkt binary, on one backend.

Starts `tdkt serve --demo` (the Bình Lương 2024 reference campaign) on a fresh database, reads the
URL and a token per role from its output, and then, as the people of DOMAIN.md would:

  * walks the reference paths on new dossiers of the commune's units: approve within the
    commune's authority; escalate and record the district's answer; supplement once; a council
    vote below the threshold; hold and resume; withdraw; revoke (in a campaign the test creates
    without public notice, since the reference campaign posts its list for 3 working days, which
    the demo clock reaches in 3 real days); and, in the reference campaign, the vote that opens
    the public notice and an objection that reopens appraisal;
  * adds a user and issues tokens with the CLI while the server runs;
  * sends every refusal the API promises, checking its status and stable `code`;
  * runs the role x unit matrix: every role, every event, on its own unit's and a foreign unit's
    dossier: 403 exactly where DOMAIN.md says the role may not send the event, and for a
    unit-scoped role a foreign unit's dossier is the 404 of one that does not exist;
  * checks every response against docs/openapi.yaml (tests/tools/openapi_check.py), and /metrics
    with Prometheus's own `promtool check metrics`;
  * issues a token with `tdkt token issue` while the server runs, and ends with `tdkt audit verify`.

Usage: api_e2e.py --binary PATH --backend sqlite|postgresql [--source DIR]
PostgreSQL: a fresh database is created on the server named by TDKT_TEST_PG_DSN.
Exit 0 when every check passed; otherwise the failures are printed and the exit code is 1.
"""

import argparse
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import openapi_check  # noqa: E402

# DOMAIN.md, the events table: who sends each event. Timer events are sent by no person.
SENDER = {
    "submit": "unit_officer", "unit_return": "unit_head", "unit_approve": "unit_head",
    "unit_reject": "unit_head", "request_supplement": "secretariat", "supplement": "unit_officer",
    "accept": "secretariat", "appraise_pass": "secretariat", "appraise_fail": "secretariat",
    "council_vote": "secretariat", "objection": "secretariat", "notice_ended": "timer",
    "approve": "chairman", "escalate": "chairman", "reject": "chairman",
    "higher_decision": "secretariat", "withdraw": "unit_officer", "hold": "secretariat",
    "resume": "secretariat", "revoke": "chairman", "cutoff": "timer", "remind": "timer",
}
UNIT_SCOPED = {"unit_officer", "unit_head"}
ALL_DOCS = ["submission_letter", "achievement_report", "review_minutes"]

# A payload each event's parser accepts (the lifecycle, not the parser, judges it).
PAYLOAD = {
    "submit": {"achievement_summary": "Thành tích", "documents": ALL_DOCS},
    "unit_return": {"reason": "Bổ sung số liệu"},
    "unit_approve": {"votes_for": 5, "votes_against": 0, "members": 5},
    "unit_reject": {"reason": "Chưa đủ tiêu chuẩn"},
    "request_supplement": {"missing": ["review_minutes"], "note": "Thiếu biên bản"},
    "supplement": {"documents": ["review_minutes"]},
    "accept": {}, "appraise_pass": {"note": "Đạt"}, "appraise_fail": {"reason": "Không đạt"},
    "council_vote": {"session": "hd-2024-01", "yes": 5, "no": 0},
    "objection": {"objector": "Ông A", "reason": "Phản ánh"}, "notice_ended": {},
    "approve": {}, "escalate": {"reason": "Vượt thẩm quyền"}, "reject": {"reason": "Không đạt"},
    "higher_decision": {"decision_number": "1/QĐ-UBND", "decided_on": "2024-08-21",
                        "approved": True, "reason": ""},
    "withdraw": {"reason": "Đơn vị rút"}, "hold": {"reason": "Xem xét", "legal_ground": "Điều 4"},
    "resume": {"reason": "Đã xong"}, "revoke": {"reason": "Sai sự thật", "legal_ground": "Điều 93"},
    "cutoff": {}, "remind": {"deadline_kind": "appraisal", "working_days_left": 1},
}


class Failures:
    def __init__(self):
        self.items = []

    def check(self, condition, message):
        if not condition:
            self.items.append(message)
            print("FAIL:", message, flush=True)
        return condition


class Server:
    """`tdkt serve` on `db_url`, on a free loopback port, with the checkout's rule packs, calendar
    (or the directory `calendar`) and dashboard; with `demo`, the reference campaign loaded first. Its URL, and with the demo the
    token of each role, are read from its stdout; its stderr goes to WORKDIR/NAME.err."""

    def __init__(self, binary, db_url, workdir, demo=True, name="serve", calendar=None, extra=(),
                 scenario=None):
        config = os.path.join(workdir, "tdkt.yaml")
        calendar = calendar or os.path.join(SOURCE, "config", "calendar")
        with open(config, "w", encoding="utf-8") as f:
            f.write("paths:\n  rules: \"%s/config/rules\"\n  calendar: \"%s\"\n"
                    "  web: \"%s/web\"\n" % (SOURCE, calendar, SOURCE))
        command = [binary, "--log-level", "warn", "serve", "--db", db_url, "--config", config,
                   "--listen", "127.0.0.1:0"]
        if demo and scenario:
            command += ["--demo", "--scenario", scenario, "--demo-dir",
                        os.path.join(SOURCE, "config", "demo", scenario)]
        elif demo:
            command += ["--demo", "--demo-dir", os.path.join(SOURCE, "config", "demo")]
        command += list(extra)
        self.stderr = open(os.path.join(workdir, name + ".err"), "w+b")
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.stderr,
                                        cwd=workdir)
        self.url = None
        self.tokens = {}
        wanted_tokens = 7 if demo else 0
        deadline = time.time() + 180
        buffer = b""
        while time.time() < deadline and (self.url is None or len(self.tokens) < wanted_tokens):
            ready, _, _ = select.select([self.process.stdout], [], [], 1.0)
            if not ready:
                if self.process.poll() is not None:
                    break
                continue
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            text = buffer.decode("utf-8", "replace")
            match = re.search(r"on (http://127\.0\.0\.1:\d+)/", text)
            if match:
                self.url = match.group(1)
            for role, token in re.findall(r"^  (\w+) (tdkt_[A-Za-z0-9_-]+)", text, re.M):
                self.tokens[role] = token
        if self.url is None or len(self.tokens) < wanted_tokens:
            self.stop()
            self.stderr.seek(0)
            raise SystemExit("tdkt serve%s did not start: stdout=%r stderr=%r"
                             % (" --demo" if demo else "", buffer.decode("utf-8", "replace"),
                                self.stderr.read().decode()))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                return None
        return self.process.returncode


class Client:
    def __init__(self, base, validator, failures):
        self.base = base
        self.validator = validator
        self.failures = failures

    def call(self, method, path, token=None, body=None, raw=None, headers=None, contract=True):
        """One request; unless `contract` is false (the dashboard's static files), the response
        is checked against docs/openapi.yaml."""
        data = raw if raw is not None else (
            json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if token:
            request.add_header("Authorization", "Bearer " + token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, content_type, payload = (response.status,
                                                 response.headers.get("Content-Type", ""),
                                                 response.read())
                response_headers = dict(response.headers)
        except urllib.error.HTTPError as error:
            status, content_type, payload = (error.code, error.headers.get("Content-Type", ""),
                                             error.read())
            response_headers = dict(error.headers)
        try:
            if contract:
                self.validator.check(method, path.split("?")[0], status, content_type, payload,
                                     headers=response_headers)
        except openapi_check.ContractViolation as violation:
            self.failures.check(False, "%s %s -> %d does not match docs/openapi.yaml: %s"
                                % (method, path, status, violation))
        self.check_security_headers(method, path, status, response_headers)
        if content_type.startswith("application/") and payload:
            return status, json.loads(payload)
        return status, payload.decode("utf-8")

    def download(self, path, token):
        """A GET of a file (a report): (status, headers, bytes), checked against the contract."""
        request = urllib.request.Request(self.base + path, method="GET")
        request.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, headers, payload = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, headers, payload = error.code, dict(error.headers), error.read()
        try:
            self.validator.check("GET", path.split("?")[0], status, headers.get("Content-Type", ""),
                                 payload, headers=headers)
        except openapi_check.ContractViolation as violation:
            self.failures.check(False, "GET %s -> %d does not match docs/openapi.yaml: %s"
                                % (path, status, violation))
        return status, headers, payload

    def check_security_headers(self, method, path, status, headers):
        """Every response: no MIME sniffing; API answers never cached; the dashboard (anything
        outside /api/) only its own scripts and styles, in no frame, sending no Referer."""
        lower = {k.lower(): v for k, v in headers.items()}
        what = "%s %s -> %d" % (method, path, status)
        self.failures.check(lower.get("x-content-type-options") == "nosniff",
                            "%s: X-Content-Type-Options is %r" % (what,
                                                                 lower.get("x-content-type-options")))
        if path.startswith("/api/"):
            self.failures.check(lower.get("cache-control") == "no-store",
                                "%s: Cache-Control is %r" % (what, lower.get("cache-control")))
        else:
            csp = lower.get("content-security-policy")
            self.failures.check(csp == "default-src 'self'; frame-ancestors 'none'",
                                "%s: Content-Security-Policy is %r" % (what, csp))
            self.failures.check(lower.get("referrer-policy") == "no-referrer",
                                "%s: Referrer-Policy is %r" % (what, lower.get("referrer-policy")))

    def raw(self, request):
        """Sends `request` (bytes: request line, headers, body) on a connection of its own, as no
        HTTP library would (bytes that are not UTF-8, a header twice); returns (status, {lower
        case name: value}, body). The request should say "Connection: close"."""
        import socket
        host, port = self.base[len("http://"):].split(":")
        data = b""
        with socket.create_connection((host, int(port)), timeout=60) as connection:
            connection.sendall(request)
            try:
                while True:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    data += chunk
            except ConnectionResetError:
                pass  # a refused request's unread bytes reset the connection after the answer
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(lines[0].split()[1]) if lines[0] else 0, headers, body

    def raw_checked(self, method, target, token=None, extra=b"", what="", contract=True,
                    body=None):
        """raw() with the usual headers; the answer is checked for the security headers and,
        unless `contract` is false (the dashboard, paths no route has), against
        docs/openapi.yaml. `target` is bytes."""
        if body is None:
            body = b"{}" if method in ("POST", "PUT", "PATCH") else b""
        request = (method.encode() + b" " + target + b" HTTP/1.1\r\nHost: tdkt\r\n"
                   + (b"Authorization: Bearer " + token.encode() + b"\r\n" if token else b"")
                   + b"Content-Type: application/json\r\nContent-Length: "
                   + str(len(body)).encode() + b"\r\nConnection: close\r\n" + extra + b"\r\n"
                   + body)
        status, headers, payload = self.raw(request)
        path = target.decode("latin-1").split("?")[0]
        try:
            if contract and method != "HEAD":
                self.validator.check(method, path, status, headers.get("content-type", ""),
                                     payload, headers=headers)
        except (openapi_check.ContractViolation, UnicodeDecodeError) as violation:
            self.failures.check(False, "%s: %s %r -> %d does not match docs/openapi.yaml: %s"
                                % (what, method, target, status, violation))
        self.check_security_headers(method, path, status, headers)
        return status, headers, payload


    def oversized(self, method, path, token, length):
        """Announces a body of `length` bytes and reads the answer before sending it all: the
        server refuses on the Content-Length alone (and may close before the body arrives)."""
        import http.client
        host, port = self.base[len("http://"):].split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        connection.putrequest(method, path)
        connection.putheader("Authorization", "Bearer " + token)
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(length))
        connection.endheaders()
        try:
            connection.send(b"{" + b" " * 1024)
        except OSError:
            pass
        response = connection.getresponse()
        payload = response.read()
        content_type = response.getheader("Content-Type", "")
        connection.close()
        try:
            self.validator.check(method, path, response.status, content_type, payload)
        except openapi_check.ContractViolation as violation:
            self.failures.check(False, "%s %s -> %d does not match docs/openapi.yaml: %s"
                                % (method, path, response.status, violation))
        return response.status, json.loads(payload)


class Walk:
    """Dossiers and events through the API, each step checked."""

    def __init__(self, client, tokens, failures, campaign, unit):
        self.c = client
        self.t = tokens
        self.f = failures
        self.campaign = campaign
        self.unit = unit
        self.versions = {}

    def create(self, name, award, kind="individual", token_role="unit_officer", unit=None):
        dossier_id = "e2e-" + uuid.uuid4().hex[:10]
        # What the structure report counts is never assumed (docs/openapi.yaml NomineeInput).
        nominee = {"kind": kind, "name": name}
        if kind != "collective":
            nominee["direct_worker"] = True
        if kind == "individual":
            nominee["female"] = False
        status, body = self.c.call("POST", "/api/v1/dossiers", self.t[token_role], {
            "id": dossier_id, "campaign_id": self.campaign, "unit_id": unit or self.unit,
            "nominee": nominee, "award": award,
            "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ"})
        self.f.check(status == 201, "create %s: expected 201, got %d %s" % (name, status, body))
        if status == 201:
            self.f.check(body["state"] == "draft" and body["version"] == 1,
                         "a new dossier is a draft at version 1: %s" % body)
        return dossier_id

    def send(self, dossier, role, event_type, payload, expect=200, code=None, token=None):
        status, body = self.c.call("POST", "/api/v1/dossiers/%s/events" % dossier,
                                   token or self.t[role],
                                   {"type": event_type, "payload": payload,
                                    "request_id": str(uuid.uuid4())})
        ok = self.f.check(status == expect, "%s %s by %s: expected %d, got %d %s"
                          % (dossier, event_type, role, expect, status, body))
        if ok and code is not None:
            self.f.check(body.get("code") == code, "%s %s by %s: expected code %s, got %s"
                         % (dossier, event_type, role, code, body))
        return body

    def state(self, dossier, token_role="secretariat"):
        status, body = self.c.call("GET", "/api/v1/dossiers/" + dossier, self.t[token_role])
        self.f.check(status == 200, "GET %s: %d %s" % (dossier, status, body))
        return body

    def expect_state(self, dossier, state, what):
        body = self.state(dossier)
        self.f.check(body.get("state") == state,
                     "%s: %s should be %s, is %s" % (what, dossier, state, body.get("state")))
        return body

    def to_council(self, dossier, documents=ALL_DOCS):
        self.send(dossier, "unit_officer", "submit",
                  {"achievement_summary": "Thành tích nổi bật", "documents": documents})
        self.send(dossier, "unit_head", "unit_approve",
                  {"votes_for": 6, "votes_against": 0, "members": 7})
        self.send(dossier, "secretariat", "accept", {})
        self.send(dossier, "secretariat", "appraise_pass", {"note": "Đủ điều kiện"})
        return self.expect_state(dossier, "council_review", "after appraisal")


# The commune's council by name (Hội đồng TĐKT xã, 9 members) for the sessions recorded here.
COUNCIL = [("Hà Văn Thắng", "chu_tich"), ("Lê Văn Hùng", "pho_chu_tich"),
           ("Lương Thị Thu Hà", "uy_vien_thuong_truc"), ("Vi Văn Sơn", "uy_vien"),
           ("Ngân Thị Hoa", "uy_vien"), ("Lò Văn Dũng", "uy_vien"), ("Trịnh Văn Tài", "uy_vien"),
           ("Quách Văn Bình", "uy_vien"), ("Phạm Thị Lan", "uy_vien")]


def council_session(campaign, date, absent=(), agenda=None):
    """A session body: the whole council by name, `absent` not present, the Chairman chairing."""
    body = {"campaign_id": campaign, "date": date, "place": "Hội trường UBND xã Bình Lương",
            "chair": "Hà Văn Thắng",
            "members": [{"name": n, "role": r, "present": n not in absent} for n, r in COUNCIL]}
    if agenda is not None:
        body["agenda"] = agenda
    return body


def vote_record(client, tokens, dossier):
    """The command of the dossier's last council_vote record, as its audit trail keeps it."""
    status, trail = client.call("GET", "/api/v1/dossiers/%s/audit" % dossier, tokens["auditor"])
    votes = [r for r in trail.get("records", []) if r["event_type"] == "council_vote"]
    return votes[-1]["payload"]["command"] if votes else {}


def reference_paths(walk, session, failures):
    number = re.compile(r"^\d+/QĐ-UBND$")
    # Approve within the commune's authority (Giấy khen of the commune's Chairman).
    d = walk.create("Lò Văn Minh", "giay_khen_xa")
    walk.to_council(d)
    walk.send(d, "secretariat", "council_vote", {"session": session, "yes": 7, "no": 1})
    walk.expect_state(d, "chairman_decision", "after a passing vote")
    command = vote_record(walk.c, walk.t, d)
    failures.check(command.get("ballot") == "show_of_hands" and command.get("members") == 9
                   and "written_votes" not in command,
                   "a Giấy khen vote is recorded as a show of hands: %s" % command)
    body = walk.send(d, "chairman", "approve", {})
    approved = body.get("dossier", {})
    failures.check(approved.get("state") == "approved", "approve: %s" % body)
    failures.check(bool(number.match(approved.get("decision_number") or "")),
                   "an approved award carries a decision number like 15/QĐ-UBND: %s"
                   % approved.get("decision_number"))
    failures.check(body.get("event", {}).get("numbers") == [approved.get("decision_number")],
                   "the approve event reports the number it assigned: %s" % body.get("event"))
    revoked_candidate = d

    # Escalate (Chiến sĩ thi đua cơ sở is the district's under the 2024 pack) and the answer.
    d = walk.create("Hà Thị Lan", "chien_si_thi_dua_co_so")
    walk.to_council(d, ALL_DOCS + ["initiative_certificate"])
    walk.send(d, "secretariat", "council_vote", {"session": session, "yes": 8, "no": 1})
    command = vote_record(walk.c, walk.t, d)
    failures.check(command.get("ballot") == "secret" and command.get("written_votes") == 0,
                   "a Chiến sĩ thi đua cơ sở vote is recorded as a secret ballot: %s" % command)
    walk.send(d, "chairman", "approve", {}, expect=409, code="rejected_transition")
    body = walk.send(d, "chairman", "escalate", {"reason": "Thuộc thẩm quyền huyện"})
    escalated = body.get("dossier", {})
    failures.check(escalated.get("state") == "escalated", "escalate: %s" % body)
    failures.check(bool(re.match(r"^\d+/TTr-UBND$", escalated.get("submission_number") or "")),
                   "the tờ trình carries a number like 3/TTr-UBND: %s" % escalated)
    walk.send(d, "secretariat", "higher_decision",
              {"decision_number": "2150/QĐ-UBND", "decided_on": "2024-08-21", "approved": True,
               "reason": ""})
    body = walk.expect_state(d, "approved", "after the district approved")
    failures.check(body.get("higher_decision_number") == "2150/QĐ-UBND",
                   "the district's decision number is kept: %s" % body)

    # Supplement once: the second request is refused.
    d = walk.create("Vi Văn Tâm", "giay_khen_xa")
    walk.send(d, "unit_officer", "submit",
              {"achievement_summary": "Thành tích", "documents": ALL_DOCS[:2]})
    walk.send(d, "unit_head", "unit_approve", {"votes_for": 6, "votes_against": 0, "members": 7})
    walk.send(d, "secretariat", "accept", {}, expect=409, code="rejected_transition")
    walk.send(d, "secretariat", "request_supplement",
              {"missing": ["review_minutes"], "note": "Thiếu biên bản bình xét"})
    walk.expect_state(d, "awaiting_supplement", "after the request")
    walk.send(d, "unit_officer", "supplement", {"documents": ["review_minutes"]})
    walk.send(d, "secretariat", "request_supplement",
              {"missing": ["review_minutes"], "note": "Lần hai"}, expect=409,
              code="rejected_transition")
    walk.send(d, "secretariat", "accept", {})
    body = walk.expect_state(d, "appraisal", "after the supplement")
    failures.check("appraisal" in body.get("deadlines", {}),
                   "accept starts the appraisal clock: %s" % body.get("deadlines"))

    # Hold and resume, back where it was.
    walk.send(d, "secretariat", "hold", {"reason": "Đang xem xét đơn thư",
                                         "legal_ground": "Nghị định 152/2025 Điều 4"})
    body = walk.expect_state(d, "on_hold", "after hold")
    failures.check(body.get("held_from") == "appraisal", "held from appraisal: %s" % body)
    walk.send(d, "secretariat", "resume", {"reason": "Đã kết luận"})
    walk.expect_state(d, "appraisal", "after resume")

    # A council vote below the threshold rejects.
    d = walk.create("Lương Văn Hải", "giay_khen_xa")
    walk.to_council(d)
    walk.send(d, "secretariat", "council_vote", {"session": session, "yes": 4, "no": 5})
    body = walk.expect_state(d, "rejected", "after a vote below the threshold")
    failures.check(body.get("rejected_at") == "council_review", "rejected at council: %s" % body)

    # Withdraw.
    d = walk.create("Phạm Thị Mai", "giay_khen_xa")
    walk.send(d, "unit_officer", "withdraw", {"reason": "Đơn vị rút đề nghị"})
    walk.expect_state(d, "withdrawn", "after withdraw")

    # Revoke an approved award.
    walk.send(revoked_candidate, "chairman", "revoke",
              {"reason": "Hồ sơ khai không trung thực", "legal_ground": "Luật TĐKT 2022 Điều 93"})
    walk.expect_state(revoked_candidate, "revoked", "after revoke")
    return revoked_candidate

def rounds(client, walk, tokens, failures, session, campaign, foreign_tokens):
    """The commune's round over HTTP (DOMAIN.md, "Rounds"): the council votes a list, the
    secretariat drafts one decision and one tờ trình, the Chairman signs each once, and the
    district's one decision answers some of the tờ trình's dossiers."""
    def expect(answer, status, code, what):
        got_status, body = answer
        ok = failures.check(got_status == status, "%s: expected %d, got %d %s"
                            % (what, status, got_status, body))
        if ok and code is not None:
            failures.check(body.get("code") == code, "%s: code %s expected: %s" % (what, code, body))
        return body

    voted = []
    for name in ("Lò Thị Hoa", "Cầm Văn Nam", "Hà Văn Bình"):
        d = walk.create(name, "giay_khen_xa")
        walk.to_council(d)
        walk.send(d, "secretariat", "council_vote", {"session": session, "yes": 7, "no": 1})
        voted.append(d)
    body = expect(client.call("GET", "/api/v1/campaigns/%s/eligible?kind=decision" % campaign,
                              tokens["secretariat"]), 200, None, "eligible dossiers")
    lines = {line["dossier_id"]: line for line in body.get("items", [])}
    failures.check(all(d in lines for d in voted), "the voted dossiers are eligible: %s" % lines)
    failures.check(all((lines.get(d, {}).get("prize") or {}).get("amount_vnd") for d in voted),
                   "each eligible line shows its prize: %s" % lines)
    expect(client.call("GET", "/api/v1/campaigns/%s/eligible?kind=decision" % campaign,
                       tokens["unit_officer"]), 403, "forbidden", "a unit officer lists candidates")

    title = "Về việc tặng Giấy khen cho các cá nhân có thành tích xuất sắc"
    expect(client.call("POST", "/api/v1/decisions", tokens["chairman"],
                       {"campaign_id": campaign, "title": title}), 403, "forbidden",
           "the Chairman drafts")
    expect(client.call("POST", "/api/v1/decisions", tokens["secretariat"],
                       {"campaign_id": campaign}), 422, "invalid_argument", "a draft without title")
    draft = expect(client.call("POST", "/api/v1/decisions", tokens["secretariat"],
                               {"campaign_id": campaign, "title": title}), 201, None, "draft")
    decision = draft.get("id", "")
    for d in voted:
        expect(client.call("POST", "/api/v1/decisions/%s/dossiers" % decision,
                           tokens["secretariat"], {"dossier_id": d}), 200, None, "add " + d)
    other = expect(client.call("POST", "/api/v1/decisions", tokens["secretariat"],
                               {"campaign_id": campaign, "title": "Dự thảo khác"}), 201, None,
                   "a second draft")
    body = expect(client.call("POST", "/api/v1/decisions/%s/dossiers" % other.get("id"),
                              tokens["secretariat"], {"dossier_id": voted[0]}), 409, "conflict",
                  "a dossier in two drafts")
    failures.check(decision in body.get("detail", ""), "the conflict names the first draft: %s"
                   % body)
    body = expect(client.call("DELETE", "/api/v1/decisions/%s/dossiers/%s" % (decision, voted[2]),
                              tokens["chairman"]), 200, None, "the Chairman takes one off")
    failures.check(len(body.get("lines", [])) == 2, "two lines are left: %s" % body)
    expect(client.call("POST", "/api/v1/decisions/%s/sign" % decision, tokens["secretariat"],
                       {"request_id": "sign-" + decision}), 403, "forbidden",
           "the secretariat signs")
    signed = expect(client.call("POST", "/api/v1/decisions/%s/sign" % decision, tokens["chairman"],
                                {"request_id": "sign-" + decision}), 200, None, "the Chairman signs")
    failures.check(bool(re.match(r"^\d+/QĐ-UBND$", signed.get("number") or ""))
                   and signed.get("status") == "signed", "one number for the decision: %s" % signed)
    entries = sorted(d.get("register_number") or 0 for d in signed.get("dossiers", []))
    failures.check(len(entries) == 2 and entries[1] == entries[0] + 1,
                   "consecutive sổ vàng numbers: %s" % entries)
    failures.check(all(d.get("state") == "approved" and d.get("decision_id") == decision
                       and d.get("decision_number") == signed.get("number")
                       for d in signed.get("dossiers", [])), "every listed dossier approved: %s"
                   % signed.get("dossiers"))
    failures.check(signed.get("total_prize_vnd") == sum((l.get("prize") or {}).get("amount_vnd") or 0
                                                        for l in signed.get("lines", [])),
                   "the total is the sum of the lines: %s" % signed)
    again = expect(client.call("POST", "/api/v1/decisions/%s/sign" % decision, tokens["chairman"],
                               {"request_id": "sign-" + decision}), 200, None, "signing retried")
    failures.check(again.get("replayed") is True and again.get("number") == signed.get("number"),
                   "a retried signing answers as the first: %s" % again)
    expect(client.call("POST", "/api/v1/decisions/%s/sign" % decision, tokens["chairman"],
                       {"request_id": "sign-again"}), 409, "conflict", "signing twice")
    walk.expect_state(voted[2], "chairman_decision", "taken off the list before signing")
    status, listing = client.call("GET", "/api/v1/decisions?campaign_id=" + campaign,
                                  tokens["auditor"])
    failures.check(status == 200 and decision in [r["id"] for r in listing.get("items", [])],
                   "the decision is listed: %s" % listing)
    status, foreign = client.call("GET", "/api/v1/decisions/" + decision,
                                  foreign_tokens["unit_officer"])
    failures.check(status == 200 and foreign.get("lines") == [] and
                   foreign.get("total_prize_vnd") == 0,
                   "another unit's officer sees none of its lines: %d %s" % (status, foreign))
    expect(client.call("GET", "/api/v1/submissions/" + decision, tokens["auditor"]), 404,
           "not_found", "a decision is no submission")

    # One tờ trình carries two Chiến sĩ thi đua cơ sở up; the district approves one, refuses one.
    up = []
    for name in ("Lương Thị Nga", "Vi Văn Đức"):
        d = walk.create(name, "chien_si_thi_dua_co_so")
        walk.to_council(d, ALL_DOCS + ["initiative_certificate"])
        walk.send(d, "secretariat", "council_vote", {"session": session, "yes": 8, "no": 1})
        up.append(d)
    expect(client.call("POST", "/api/v1/decisions/%s/dossiers" % other.get("id"),
                       tokens["secretariat"], {"dossier_id": up[0]}), 409, "rejected_transition",
           "a decision takes no award beyond the commune")
    draft = expect(client.call("POST", "/api/v1/submissions", tokens["secretariat"],
                               {"campaign_id": campaign,
                                "title": "Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở"}),
                   201, None, "draft a tờ trình")
    submission = draft.get("id", "")
    expect(client.call("POST", "/api/v1/submissions/%s/dossiers" % submission,
                       tokens["secretariat"], {"dossier_id": up[0], "dossier_ids": up}), 422,
           "invalid_argument", "one dossier and a list at once")
    listed = expect(client.call("POST", "/api/v1/submissions/%s/dossiers" % submission,
                                tokens["secretariat"], {"dossier_ids": up}), 200, None,
                    "list both at once")
    failures.check([l["dossier_id"] for l in listed.get("lines", [])] == up,
                   "both are listed in order: %s" % listed.get("lines"))
    signed = expect(client.call("POST", "/api/v1/submissions/%s/sign" % submission,
                                tokens["chairman"], {"request_id": "sign-" + submission}), 200,
                    None, "sign the tờ trình")
    failures.check(bool(re.match(r"^\d+/TTr-UBND$", signed.get("number") or "")) and
                   all(d.get("state") == "escalated" and d.get("submission_number") ==
                       signed.get("number") for d in signed.get("dossiers", [])),
                   "one TTr number, every dossier escalated: %s" % signed)
    answer = {"request_id": "answer-" + submission, "decision_number": "2415/QĐ-UBND",
              "decided_on": "2024-08-20",
              "dossiers": [{"dossier_id": up[0], "approved": True},
                           {"dossier_id": up[1], "approved": False}]}
    expect(client.call("POST", "/api/v1/submissions/%s/answers" % submission,
                       tokens["secretariat"], answer), 422, "invalid_argument",
           "a refusal without its reason")
    answer["dossiers"][1]["reason"] = "Sáng kiến chưa được công nhận"
    expect(client.call("POST", "/api/v1/submissions/%s/answers" % submission, tokens["chairman"],
                       answer), 403, "forbidden", "the Chairman records the district's answer")
    answered = expect(client.call("POST", "/api/v1/submissions/%s/answers" % submission,
                                  tokens["secretariat"], answer), 200, None, "the district answers")
    states = {d.get("id"): d.get("state") for d in answered.get("dossiers", [])}
    failures.check(states == {up[0]: "approved", up[1]: "rejected"},
                   "the district's one decision approves one and refuses one: %s" % states)
    failures.check(answered.get("answers", [{}])[0].get("decision_number") == "2415/QĐ-UBND",
                   "the answer is recorded on the tờ trình: %s" % answered.get("answers"))


def reports(client, tokens, failures, campaign, own_unit_name):
    """The campaign's reports as the office opens them: openpyxl reads the XLSX back and its
    counts and sums agree with the API; the CSV starts with a byte-order mark; a unit's officer
    gets the unit's rows only."""
    import io
    import openpyxl
    approved = []
    cursor = None
    while True:
        query = "/api/v1/dossiers?campaign_id=%s&state=approved&limit=200" % campaign
        status, page = client.call("GET", query + ("&cursor=" + cursor if cursor else ""),
                                   tokens["secretariat"])
        approved += page.get("items", [])
        cursor = page.get("next_cursor")
        if not cursor:
            break
    status, headers, body = client.download(
        "/api/v1/campaigns/%s/reports/results?format=xlsx" % campaign, tokens["secretariat"])
    failures.check(status == 200, "the results report: %d" % status)
    disposition = headers.get("Content-Disposition", "")
    failures.check("filename*=UTF-8''K%E1%BA%BFt%20qu%E1%BA%A3" in disposition,
                   "the file keeps its Vietnamese name: %s" % disposition)
    sheet = openpyxl.load_workbook(io.BytesIO(body))["Kết quả"]
    failures.check(sheet.freeze_panes == "A6", "the header row is frozen: %s" % sheet.freeze_panes)
    rows = [r for r in sheet.iter_rows(min_row=6, values_only=True)]
    lines, total = rows[:-1], rows[-1]
    failures.check(len(lines) == len(approved),
                   "one line per approved dossier: %d lines, %d approved" % (len(lines), len(approved)))
    failures.check(sorted(r[1] for r in lines) == sorted(d["nominee"]["name"] for d in approved),
                   "the awardees' names, with their diacritics: %s" % [r[1] for r in lines])
    money = sum(d.get("prize_vnd") or 0 for d in approved)
    failures.check(total[-1] == money, "the total prize is the API's sum: %s vs %d" % (total, money))
    failures.check(sheet.cell(row=6, column=10).number_format == "#,##0",
                   "money is formatted: %s" % sheet.cell(row=6, column=10).number_format)

    status, headers, body = client.download(
        "/api/v1/campaigns/%s/reports/structure?format=xlsx" % campaign, tokens["auditor"])
    book = openpyxl.load_workbook(io.BytesIO(body))
    by_award = [r for r in book["Hình thức"].iter_rows(min_row=6, values_only=True)]
    failures.check(by_award[-1][0] == "Tổng cộng" and by_award[-1][2] == len(approved),
                   "the structure report counts the approved: %s vs %d" % (by_award[-1], len(approved)))
    status, summary = client.call("GET", "/api/v1/summary?campaign_id=" + campaign, tokens["auditor"])
    failures.check(by_award[-1][1] <= summary.get("total", 0),
                   "no more proposed than dossiers: %s vs %s" % (by_award[-1], summary.get("total")))
    status, headers, body = client.download(
        "/api/v1/campaigns/%s/reports/structure?format=csv" % campaign, tokens["unit_officer"])
    failures.check(status == 200 and body.startswith(b"\xef\xbb\xbf")
                   and headers.get("Content-Type", "").startswith("text/csv"),
                   "the CSV is UTF-8 with a byte-order mark: %d %s" % (status, body[:20]))
    text = body.decode("utf-8-sig")
    by_unit = text.split("Theo đơn vị đề nghị")[-1].strip().splitlines()[1:-1]
    failures.check(len(by_unit) == 1 and by_unit[0].startswith(own_unit_name),
                   "a unit's officer gets the unit's row only: %s" % by_unit)
    # Tiến độ xử lý: every dossier in progress is in one stage, the overdue ones as the summary
    # counts them.
    status, progress = client.call("GET", "/api/v1/campaigns/%s/reports/progress?format=json"
                                   % campaign, tokens["auditor"])
    closed = ("approved", "rejected", "withdrawn", "expired", "revoked")
    open_count = sum(n for state, n in summary.get("by_state", {}).items() if state not in closed)
    total = (progress.get("tables") or [{}])[0].get("total") or [None, None, None, None, None]
    failures.check(status == 200 and total[1] == open_count and total[4] == summary.get("overdue"),
                   "the progress report counts %d in progress and %s overdue: %s"
                   % (open_count, summary.get("overdue"), total))
    status, headers, body = client.download(
        "/api/v1/campaigns/%s/reports/progress?format=xlsx" % campaign, tokens["secretariat"])
    failures.check(status == 200 and body[:2] == b"PK", "the progress report as XLSX: %d" % status)
    status, headers, body = client.download(
        "/api/v1/campaigns/%s/reports/structure?format=pdf" % campaign, tokens["auditor"])
    failures.check(status == 400, "a report in an unknown format: %d" % status)
    status, headers, body = client.download(
        "/api/v1/campaigns/%s/reports/structure?format=xlsx" % campaign, tokens["admin"])
    failures.check(status == 403, "the admin reads no dossiers: %d" % status)


def public_notice(client, tokens, failures, own_unit):
    """In the reference campaign itself, which posts the list for 3 working days after the vote:
    the vote leads to public notice with its deadline, and an objection sends the dossier back to
    appraisal."""
    walk = Walk(client, tokens, failures, "bl-2024-75nam", own_unit)
    status, session = client.call("POST", "/api/v1/council-sessions", tokens["secretariat"],
                                  council_session("bl-2024-75nam", "2024-08-21",
                                                  absent=["Trịnh Văn Tài"]))
    failures.check(status == 201, "a session of the reference campaign: %d %s" % (status, session))
    d = walk.create("Vi Thị Hoa", "gia_dinh_van_hoa", kind="household")
    walk.to_council(d)
    walk.send(d, "secretariat", "council_vote", {"session": session.get("id"), "yes": 7, "no": 1})
    body = walk.expect_state(d, "public_notice", "after a passing vote in the reference campaign")
    failures.check("public_notice" in body.get("deadlines", {}),
                   "public notice runs to a deadline: %s" % body.get("deadlines"))
    walk.send(d, "secretariat", "notice_ended", {}, expect=403, code="forbidden")
    walk.send(d, "secretariat", "objection",
              {"objector": "Ông Lò Văn Dũng", "reason": "Gia đình chưa hoàn thành nghĩa vụ"})
    walk.expect_state(d, "appraisal", "after an objection")


def cli_users(binary, db_url, client, failures):
    """`tdkt user add` and `tdkt token issue` for a new user, while the server runs."""
    added = subprocess.run([binary, "user", "add", "--db", db_url, "--id", "thanh-tra-2",
                            "--name", "Lê Thị Kiểm", "--role", "auditor"],
                           capture_output=True, text=True, timeout=60)
    failures.check(added.returncode == 0, "user add: %s %s" % (added.stdout, added.stderr))
    issued = subprocess.run([binary, "token", "issue", "--db", db_url, "--user", "thanh-tra-2"],
                            capture_output=True, text=True, timeout=60)
    status, me = client.call("GET", "/api/v1/me", issued.stdout.strip())
    failures.check(status == 200 and me.get("role") == "auditor" and me.get("id") == "thanh-tra-2",
                   "the added user's token: %d %s" % (status, me))
    new = subprocess.run([binary, "token", "issue", "--db", db_url, "--role", "chairman",
                          "--name", "Phó Chủ tịch"], capture_output=True, text=True, timeout=60)
    status, me = client.call("GET", "/api/v1/me", new.stdout.strip())
    failures.check(new.returncode == 0 and status == 200 and me.get("role") == "chairman"
                   and me.get("name") == "Phó Chủ tịch",
                   "token issue --role --name makes a user: %s %s" % (new.stderr, me))
    refused = subprocess.run([binary, "user", "add", "--db", db_url, "--id", "x", "--name", "X",
                              "--role", "unit_head"], capture_output=True, text=True, timeout=60)
    failures.check(refused.returncode == 2 and "give its unit" in refused.stderr,
                   "a unit head without a unit is refused: %d %s"
                   % (refused.returncode, refused.stderr))


def refusals(client, walk, tokens, failures, session):
    def expect(status_body, status, code, what):
        got_status, body = status_body
        if failures.check(got_status == status, "%s: expected %d, got %d %s"
                          % (what, status, got_status, body)):
            failures.check(isinstance(body, dict) and body.get("code") == code,
                           "%s: expected code %s, got %s" % (what, code, body))

    sec = tokens["secretariat"]
    d = walk.create("Nguyễn Văn Bình", "giay_khen_xa")
    events = "/api/v1/dossiers/%s/events" % d
    expect(client.call("GET", "/api/v1/dossiers"), 401, "unauthorized", "no token")
    expect(client.call("GET", "/api/v1/dossiers", "tdkt_not-a-real-token"), 401, "unauthorized",
           "unknown token")
    expect(client.call("POST", events, sec, raw=b"{not json"), 400, "malformed_request",
           "malformed JSON")
    expect(client.call("POST", events, sec, raw=b"[" * 100 + b"]" * 100), 400, "malformed_request",
           "JSON nested too deep")
    expect(client.call("GET", "/api/v1/dossiers?limit=0", sec), 400, "malformed_request",
           "limit out of range")
    expect(client.call("GET", "/api/v1/dossiers?state=flying", sec), 400, "malformed_request",
           "unknown state filter")
    expect(client.call("POST", events, sec, {"type": "accept", "payload": {},
                                             "request_id": "r-" + d}),
           409, "rejected_transition", "accept on a draft")
    expect(client.call("POST", events, sec, {"type": "submit", "payload": ALL_DOCS,
                                             "request_id": "x"}),
           422, "invalid_argument", "a payload that is not an object")
    expect(client.call("POST", events, tokens["unit_officer"],
                       {"type": "submit", "payload": {"documents": ["passport"]},
                        "request_id": "y-" + d}),
           422, "invalid_argument", "an unknown document kind")
    expect(client.call("POST", events, tokens["unit_officer"],
                       {"type": "submit", "payload": {"votes": 3}, "request_id": "z-" + d}),
           422, "invalid_argument", "an unknown payload field")
    expect(client.call("POST", events, tokens["unit_officer"],
                       {"type": "launch", "payload": {}, "request_id": "w-" + d}),
           422, "invalid_argument", "an unknown event type")
    expect(client.call("POST", events, tokens["unit_officer"], {"type": "submit", "payload": {}}),
           422, "invalid_argument", "a missing request id")
    expect(client.call("POST", events, tokens["chairman"],
                       {"type": "submit", "payload": PAYLOAD["submit"], "request_id": "c-" + d}),
           403, "forbidden", "the chairman submitting")
    expect(client.call("POST", events, tokens["auditor"],
                       {"type": "withdraw", "payload": PAYLOAD["withdraw"],
                        "request_id": "a-" + d}),
           403, "forbidden", "the auditor changing anything")
    expect(client.call("GET", "/api/v1/dossiers/" + d, tokens["admin"]), 403, "forbidden",
           "the admin reading dossiers")
    expect(client.call("POST", "/api/v1/council-sessions", tokens["unit_officer"],
                       council_session(walk.campaign, "2024-08-21")),
           403, "forbidden", "a unit officer recording a council session")
    expect(client.call("POST", "/api/v1/council-sessions", sec,
                       {"campaign_id": walk.campaign, "date": "2024-08-21", "members": 9,
                        "present": 9}),
           422, "invalid_argument", "a session given by its counts only")
    nameless = council_session(walk.campaign, "2024-08-21")
    nameless["members"][2]["name"] = " "
    status, body = client.call("POST", "/api/v1/council-sessions", sec, nameless)
    failures.check(status == 422
                   and body.get("detail") == "council_session.members[2].name: required",
                   "a member without a name: %d %s" % (status, body))
    absent_chair = council_session(walk.campaign, "2024-08-21", absent=["Hà Văn Thắng"])
    status, body = client.call("POST", "/api/v1/council-sessions", sec, absent_chair)
    failures.check(status == 422 and "council_session.chair" in body.get("detail", ""),
                   "a chair who was absent: %d %s" % (status, body))
    # An agenda names dossiers of the session's campaign.
    status, body = client.call("POST", "/api/v1/council-sessions", sec,
                               council_session(walk.campaign, "2024-08-21",
                                               agenda=["no-such-dossier"]))
    failures.check(status == 422 and body.get("detail")
                   == "council_session.agenda[0]: no dossier no-such-dossier",
                   "an agenda naming no dossier: %d %s" % (status, body))
    # A session with an agenda votes only the dossiers put to it.
    listed = walk.create("Lục Thị Mai", "giay_khen_xa")
    status, agenda_session = client.call("POST", "/api/v1/council-sessions", sec,
                                         council_session(walk.campaign, "2024-08-21",
                                                         agenda=[listed]))
    failures.check(status == 201 and agenda_session.get("agenda") == [listed]
                   and agenda_session.get("members") == 9 and agenda_session.get("present") == 9,
                   "a session with an agenda: %d %s" % (status, agenda_session))
    off_agenda = walk.create("Lục Văn Thái", "giay_khen_xa")
    walk.to_council(off_agenda)
    status, body = client.call("POST", "/api/v1/dossiers/%s/events" % off_agenda, sec,
                               {"type": "council_vote",
                                "payload": {"session": agenda_session.get("id"), "yes": 7,
                                            "no": 1},
                                "request_id": "agenda-" + off_agenda})
    failures.check(status == 409 and "not on the agenda" in body.get("detail", ""),
                   "a vote on a dossier not on the session's agenda: %d %s" % (status, body))
    expect(client.call("GET", "/api/v1/dossiers/no-such-dossier", sec), 404, "not_found",
           "an unknown dossier")
    expect(client.call("GET", "/api/v1/nothing-here", sec), 404, "not_found", "an unknown route")
    expect(client.call("DELETE", "/api/v1/dossiers/" + d, sec), 405, "method_not_allowed",
           "DELETE on a dossier")
    expect(client.oversized("POST", events, sec, 2 << 20), 413, "body_too_large",
           "a body over the limit")

    # Idempotency: a retry returns the original outcome; the same id with another body is 409.
    request = {"type": "submit", "payload": PAYLOAD["submit"], "request_id": "once-" + d}
    first = client.call("POST", events, tokens["unit_officer"], request)
    again = client.call("POST", events, tokens["unit_officer"], request)
    failures.check(first[0] == 200 and again[0] == 200, "submit and its retry: %s %s"
                   % (first, again))
    if first[0] == 200 and again[0] == 200:
        failures.check(again[1]["replayed"] and again[1]["event"] == first[1]["event"],
                       "the retry replays the first outcome: %s vs %s" % (again[1], first[1]))
    other = dict(request, payload={"achievement_summary": "khác", "documents": ALL_DOCS})
    expect(client.call("POST", events, tokens["unit_officer"], other), 409, "conflict",
           "a request id reused with another body")
    # A stale expected_version is a version conflict.
    expect(client.call("POST", events, tokens["unit_head"],
                       {"type": "unit_approve", "payload": PAYLOAD["unit_approve"],
                        "request_id": "v-" + d, "expected_version": 1}),
           409, "conflict", "a stale expected_version")
    # A vote naming a council session nobody recorded, with or without its counts.
    in_council = walk.create("Triệu Văn Ba", "giay_khen_xa")
    walk.to_council(in_council)
    council_events = "/api/v1/dossiers/%s/events" % in_council
    expect(client.call("POST", council_events, sec,
                       {"type": "council_vote", "payload": {"session": "hd-none", "yes": 1,
                                                            "no": 0},
                        "request_id": "s-" + d}),
           409, "rejected_transition", "a vote naming no recorded session")
    expect(client.call("POST", council_events, sec,
                       {"type": "council_vote",
                        "payload": {"session": "hd-none", "members": 9, "present": 9, "yes": 9,
                                    "no": 0},
                        "request_id": "s2-" + d}),
           409, "rejected_transition", "a vote with made-up counts for a session never held")
    # A retry of an applied request replays even though the version it expected has passed (the
    # dashboard always sends expected_version).
    status, current = client.call("GET", "/api/v1/dossiers/" + d, sec)
    request = {"type": "unit_approve", "payload": PAYLOAD["unit_approve"],
               "request_id": "ev-" + d, "expected_version": current["version"]}
    first = client.call("POST", events, tokens["unit_head"], request)
    again = client.call("POST", events, tokens["unit_head"], request)
    failures.check(first[0] == 200 and again[0] == 200 and again[1].get("replayed"),
                   "a retry with its expected_version replays: %s / %s" % (first, again))
    # Ids are path segments: a client-chosen one outside [A-Za-z0-9._-] is refused.
    expect(client.call("POST", "/api/v1/dossiers", tokens["unit_officer"],
                       {"id": "a/b", "campaign_id": walk.campaign, "unit_id": walk.unit,
                        "nominee": {"kind": "individual", "name": "X", "direct_worker": True,
                                    "female": False},
                        "award": "giay_khen_xa"}),
           422, "invalid_argument", "a dossier id with a slash")
    # Bytes that are no text are a client error, not a database failure.
    expect(client.call("GET", "/api/v1/dossiers/hs-%FF", sec), 400, "malformed_request",
           "a path that is not UTF-8")
    expect(client.call("GET", "/api/v1/dossiers/hs-1%00x", sec), 400, "malformed_request",
           "a path with a NUL byte")
    # The dashboard's files, and nothing outside them, without a token.
    status, page = client.call("GET", "/", contract=False)
    failures.check(status == 200 and "<html" in page, "the dashboard is served at /")
    for probe in ["//etc/passwd", "/%2Fetc%2Fpasswd", "/../README.md", "/%2e%2e/README.md",
                  "/.git/config", "//proc/self/environ"]:
        status, _ = client.call("GET", probe, contract=False)
        failures.check(status in (400, 404), "%s must not be served: got %d" % (probe, status))
    # The service is still serving.
    failures.check(client.call("GET", "/healthz")[0] == 200, "healthz after the refusals")


# Byte sequences that are not UTF-8 once %-decoded: an invalid lead byte with continuations, a
# lone lead byte, a stray continuation, an overlong "/", a surrogate, a code point past U+10FFFF,
# a sequence cut short, and a raw byte no client should send unescaped.
NOT_UTF8 = [b"%ff%80%80", b"%FF", b"%80", b"%c0%af", b"%ed%a0%80", b"%f4%90%80%80", b"%e1%80",
            b"\xff"]


def idempotent_creation(walk, client, tokens, failures):
    """The same POST /dossiers again answers with the first dossier, never 409: with a request id
    and no client-chosen id (the service chose a new id for the retry), and with an id alone."""
    officer = tokens["unit_officer"]
    body = {"campaign_id": walk.campaign, "unit_id": walk.unit, "award": "giay_khen_xa",
            "nominee": {"kind": "individual", "name": "Vi Thị Hằng", "direct_worker": True,
                        "female": True},
            "request_id": "create-" + uuid.uuid4().hex}
    first = client.call("POST", "/api/v1/dossiers", officer, body)
    again = client.call("POST", "/api/v1/dossiers", officer, body)
    failures.check(first[0] == 201 and again[0] == 201 and again[1]["id"] == first[1]["id"],
                   "the same creation twice (request id, no id) answers with the first dossier: "
                   "%s / %s" % (first, again))
    with_id = dict(body, id="e2e-" + uuid.uuid4().hex[:10], nominee=dict(body["nominee"],
                                                                            name="Vi Văn Hải"))
    del with_id["request_id"]
    first = client.call("POST", "/api/v1/dossiers", officer, with_id)
    again = client.call("POST", "/api/v1/dossiers", officer, with_id)
    failures.check(first[0] == 201 and again[0] == 201 and again[1]["id"] == with_id["id"],
                   "the same creation twice (id, no request id) answers with the first dossier: "
                   "%s / %s" % (first, again))


def strict_input(client, tokens, failures, dossier):
    """Issue 12, HTTP side: targets that are not UTF-8 on every route of docs/openapi.yaml, a
    header twice, headers too large, HEAD wherever GET is."""
    def expect_problem(answer, status, code, what):
        got, _, payload = answer
        if not failures.check(got == status, "%s: expected %d, got %d %r" % (what, status, got,
                                                                            payload[:200])):
            return
        try:
            body = json.loads(payload.decode("utf-8"))
        except ValueError as error:
            failures.check(False, "%s: the body is not UTF-8 JSON (%s): %r" % (what, error,
                                                                               payload[:200]))
            return
        failures.check(body.get("code") == code, "%s: expected code %s, got %s"
                       % (what, code, body))

    sec = tokens["secretariat"]
    for template, item in client.validator.doc["paths"].items():
        for method in ("get", "post", "put", "patch", "delete"):
            if method not in item:
                continue
            for bad in NOT_UTF8:
                concrete = template.replace("{id}", dossier).encode()
                targets = [concrete + b"?q=" + bad, concrete + b"?" + bad + b"=1"]
                if "{id}" in template:
                    targets.append(template.replace("{id}", "hs-{}").encode().replace(b"{}", bad))
                for target in targets:
                    what = "%s %r" % (method.upper(), target)
                    expect_problem(client.raw_checked(method.upper(), target, sec, what=what), 400,
                                   "malformed_request", what)
    # An event the handler would accept, for a dossier id that is not UTF-8 (was a 500: the
    # refusal's problem body carried the raw bytes and could not be read back).
    event = json.dumps({"type": "accept", "payload": {}, "request_id": "utf8-1"}).encode()
    for bad in NOT_UTF8:
        target = b"/api/v1/dossiers/" + bad + b"/events"
        what = "POST %r with an event" % target
        expect_problem(client.raw_checked("POST", target, sec, what=what, body=event), 400,
                       "malformed_request", what)
    # The static fallback and paths no route has.
    for target in [b"/" + b"%ff%80%80", b"/app.js?v=%c0%af", b"/api/v1/nothing/%ed%a0%80"]:
        what = "GET %r" % target
        expect_problem(client.raw_checked("GET", target, what=what, contract=False), 400,
                       "malformed_request", what)

    # A header that may appear once, twice: which token counts would be anybody's guess.
    twice = b"Authorization: Bearer " + tokens["auditor"].encode() + b"\r\n"
    expect_problem(client.raw_checked("GET", b"/api/v1/me", sec, extra=twice, what="two tokens"),
                   400, "malformed_request", "two Authorization headers")
    expect_problem(client.raw_checked("GET", b"/api/v1/me", sec,
                                      extra=b"X-Padding: " + b"x" * 20000 + b"\r\n",
                                      what="20 kB of headers"),
                   431, "headers_too_large", "headers over the limit")

    # HEAD: GET's status and headers, Content-Length included, without the body.
    for target, token in [(b"/api/v1/me", sec), (b"/api/v1/dossiers/" + dossier.encode(), sec),
                          (b"/healthz", None), (b"/", None), (b"/app.js", None),
                          (b"/api/v1/me", None)]:
        what = "HEAD %r" % target
        api = target.startswith(b"/api/")
        get_status, get_headers, get_body = client.raw_checked("GET", target, token, what=what,
                                                               contract=api)
        status, headers, body = client.raw_checked("HEAD", target, token, what=what)
        failures.check(status == get_status and body == b""
                       and headers.get("content-length") == str(len(get_body))
                       and headers.get("content-type") == get_headers.get("content-type"),
                       "%s: expected %d, Content-Length %d and no body; got %d %s %r"
                       % (what, get_status, len(get_body), status, headers, body[:100]))
    failures.check(client.raw_checked("HEAD", b"/api/v1/dossiers/%s/events" % dossier.encode(),
                                      sec, what="HEAD on events")[0] == 405,
                   "HEAD where only POST is: 405")


def matrix(client, walk, tokens, failures, own_unit, foreign_unit, foreign_tokens):
    """Every role x every event on a withdrawn dossier of its own and of a foreign unit."""
    own = walk.create("Đinh Văn Một", "giay_khen_xa")
    walk.send(own, "unit_officer", "withdraw", {"reason": "Rút"})
    foreign = walk.create("Đinh Văn Hai", "giay_khen_xa", token_role="secretariat",
                          unit=foreign_unit)
    walk.send(foreign, "unit_officer", "withdraw", {"reason": "Rút"},
              token=foreign_tokens["unit_officer"])
    cases = 0
    for role in ["unit_officer", "unit_head", "secretariat", "council_member", "chairman",
                 "auditor", "admin"]:
        for dossier, unit in [(own, own_unit), (foreign, foreign_unit)]:
            for event_type, payload in PAYLOAD.items():
                allowed = SENDER[event_type] == role and (
                    role not in UNIT_SCOPED or unit == own_unit)
                status, body = client.call(
                    "POST", "/api/v1/dossiers/%s/events" % dossier, tokens[role],
                    {"type": event_type, "payload": payload, "request_id": str(uuid.uuid4())})
                cases += 1
                if allowed:
                    failures.check(status == 409 and body.get("code") == "rejected_transition",
                                   "matrix: %s may send %s to %s's dossier; a withdrawn dossier "
                                   "refuses it with 409, got %d %s"
                                   % (role, event_type, unit, status, body))
                elif role in UNIT_SCOPED and unit != own_unit:
                    # Another unit's dossier is the same 404 as one that does not exist.
                    failures.check(status == 404 and body.get("code") == "not_found"
                                   and body.get("detail") == "no dossier " + dossier,
                                   "matrix: %s sending %s to %s's dossier: expected 404, "
                                   "got %d %s" % (role, event_type, unit, status, body))
                else:
                    failures.check(status == 403 and body.get("code") == "forbidden",
                                   "matrix: %s may not send %s to %s's dossier: expected 403, "
                                   "got %d %s" % (role, event_type, unit, status, body))
        # Reading: unit-scoped roles see their own unit only; the admin reads no dossier.
        for dossier, unit in [(own, own_unit), (foreign, foreign_unit)]:
            status, _ = client.call("GET", "/api/v1/dossiers/" + dossier, tokens[role])
            # Another unit's dossier is the same 404 as one that does not exist.
            expected = 403 if role == "admin" else (
                404 if role in UNIT_SCOPED and unit != own_unit else 200)
            failures.check(status == expected,
                           "matrix: %s reading %s's dossier: got %d" % (role, unit, status))
    print("matrix: %d role x event x unit cases" % cases, flush=True)


def listing(client, tokens, failures, campaign, own_unit):
    sec = tokens["secretariat"]
    seen, cursor, pages = [], None, 0
    while True:
        path = "/api/v1/dossiers?campaign_id=%s&limit=7" % campaign
        if cursor:
            path += "&cursor=" + cursor
        status, body = client.call("GET", path, sec)
        if not failures.check(status == 200, "list page: %d %s" % (status, body)):
            return
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    failures.check(len(seen) == len(set(seen)) and seen == sorted(seen) and pages > 2,
                   "cursor pagination returns every dossier once, in id order (%d in %d pages)"
                   % (len(seen), pages))
    status, body = client.call("GET", "/api/v1/summary?campaign_id=" + campaign, sec)
    failures.check(status == 200 and body["total"] == len(seen),
                   "the summary counts what the list shows: %s vs %d" % (body, len(seen)))
    status, body = client.call("GET", "/api/v1/dossiers?overdue=true&campaign_id=" + campaign,
                               sec)
    failures.check(status == 200 and len(body["items"]) > 0
                   and all(item["overdue"] for item in body["items"]),
                   "overdue=true lists overdue dossiers only (the demo has some): %s"
                   % [i["id"] for i in body.get("items", [])])
    status, body = client.call("GET", "/api/v1/dossiers?state=approved", sec)
    failures.check(status == 200 and body["items"]
                   and all(i["state"] == "approved" for i in body["items"]), "state filter")
    # Due before 23/8: the public notices that end on 22/8 and the overdue dossiers; not those due
    # on 23/8 itself (17:00 local, 10:00Z) nor the drafts at the cut-off (the end of 23/8).
    status, body = client.call("GET", "/api/v1/dossiers?due_before=2024-08-23&limit=200", sec)
    failures.check(status == 200 and body["items"]
                   and all(i["next_deadline_at"] and i["next_deadline_at"] < "2024-08-22T17:00:00Z"
                           for i in body["items"]),
                   "due_before lists the dossiers due before 23/8 (the demo has some): %s"
                   % [(i["id"], i["next_deadline_at"]) for i in body.get("items", [])])
    status, everything = client.call("GET", "/api/v1/dossiers?limit=200", sec)
    failures.check(any(i["next_deadline_at"] is None for i in everything["items"])
                   and any(i["next_deadline_at"] for i in everything["items"]),
                   "the unfiltered list has dossiers with and without deadlines")
    failures.check(all(i["provisional_deadlines"] == [] for i in everything["items"]),
                   "the demo's 2024 deadlines fall in years with an official notice: none is "
                   "provisional: %s" % [(i["id"], i["provisional_deadlines"])
                                         for i in everything["items"] if i["provisional_deadlines"]])
    status, body = client.call("GET", "/api/v1/dossiers", tokens["unit_officer"])
    failures.check(status == 200 and body["items"]
                   and all(i["unit_id"] == own_unit for i in body["items"]),
                   "a unit officer lists only their unit's dossiers")
    status, body = client.call("GET", "/api/v1/dossiers?unit_id=other", tokens["unit_officer"])
    failures.check(status == 403, "a unit officer asking for another unit: %d" % status)


def fresh_database(backend, workdir, prefix, sqlite_file="demo.db"):
    """An empty database for one run: a file in `workdir`, or a new database on the throwaway
    PostgreSQL that scripts/with-postgres names in TDKT_TEST_PG_DSN. Returns (url, cleanup)."""
    if backend == "sqlite":
        return "sqlite:" + os.path.join(workdir, sqlite_file), None
    dsn = os.environ.get("TDKT_TEST_PG_DSN")
    if not dsn:
        raise SystemExit("TDKT_TEST_PG_DSN is not set (scripts/with-postgres sets it)")
    name = "%s_%d_%s" % (prefix, os.getpid(), uuid.uuid4().hex[:6])
    subprocess.run(["psql", dsn, "-qc", "CREATE DATABASE " + name], check=True)
    return dsn.rsplit("/", 1)[0] + "/" + name, lambda: subprocess.run(
        ["psql", dsn, "-qc", "DROP DATABASE IF EXISTS " + name], check=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    args = parser.parse_args()
    failures = Failures()
    workdir = tempfile.mkdtemp(prefix="tdkt-e2e-")
    db_url, cleanup = fresh_database(args.backend, workdir, "tdkt_e2e")
    server = Server(args.binary, db_url, workdir)
    try:
        validator = openapi_check.ResponseValidator(os.path.join(SOURCE, "docs", "openapi.yaml"))
        client = Client(server.url, validator, failures)
        tokens = server.tokens
        status, me = client.call("GET", "/api/v1/me", tokens["unit_officer"])
        own_unit = me["unit_id"]
        # A second unit's officer and head, with tokens issued while the server runs.
        import yaml
        with open(os.path.join(SOURCE, "config", "demo", "commune.yaml"), encoding="utf-8") as f:
            people = yaml.safe_load(f)["users"]
        foreign_unit = next(u["unit"] for u in people
                            if u.get("unit") and u["unit"] != own_unit)
        foreign_tokens = {}
        for role in ["unit_officer", "unit_head"]:
            user = next(u for u in people if u["role"] == role and u.get("unit") == foreign_unit)
            issued = subprocess.run([args.binary, "token", "issue", "--db", db_url, "--user",
                                     user["id"]], capture_output=True, text=True, timeout=60)
            failures.check(issued.returncode == 0 and issued.stdout.startswith("tdkt_"),
                           "token issue while serving: %s %s" % (issued.stdout, issued.stderr))
            foreign_tokens[role] = issued.stdout.strip()
        status, body = client.call("GET", "/api/v1/me", foreign_tokens["unit_officer"])
        failures.check(status == 200 and body["unit_id"] == foreign_unit,
                       "the issued token works at once: %s" % body)

        status, campaigns = client.call("GET", "/api/v1/campaigns", tokens["secretariat"])
        failures.check(status == 200 and any(c["id"] == "bl-2024-75nam"
                                             for c in campaigns["items"]),
                       "the reference campaign is listed: %s" % campaigns)
        for path in ["/api/v1/units", "/api/v1/rule-packs", "/api/v1/clock",
                     "/api/v1/council-sessions", "/api/v1/version", "/healthz"]:
            status, _ = client.call("GET", path, tokens["auditor"])
            failures.check(status == 200, "GET %s: %d" % (path, status))
        status, clock = client.call("GET", "/api/v1/clock", tokens["auditor"])
        failures.check(clock["demo"] and clock["now"].startswith("2024-08-21T01:"),
                       "the demo clock starts at 21/8/2024 08:00 +07: %s" % clock)

        # A campaign of our own, without public notice, so that votes go to the Chairman at once.
        campaign = "e2e-" + uuid.uuid4().hex[:6]
        status, body = client.call("POST", "/api/v1/campaigns", tokens["secretariat"], {
            "id": campaign, "name": "Đợt kiểm thử đầu cuối", "plan_number": "99/KH-UBND",
            "procedure": "campaign",
            "allowed_awards": ["giay_khen_xa", "chien_si_thi_dua_co_so"],
            "nomination_cutoff": "2024-12-31", "ceremony": None, "quotas": {},
            "public_notice_working_days": None})
        failures.check(status == 201, "create a campaign: %d %s" % (status, body))
        status, body = client.call("POST", "/api/v1/campaigns", tokens["secretariat"],
                                   {"id": campaign, "name": "x", "plan_number": "",
                                    "allowed_awards": ["giay_khen_xa"],
                                    "nomination_cutoff": "2024-12-31"})
        failures.check(status == 409, "the same campaign id again: %d" % status)
        status, body = client.call("POST", "/api/v1/campaigns", tokens["secretariat"],
                                   {"id": campaign + "-0", "name": "x",
                                    "allowed_awards": [], "nomination_cutoff": "2024-12-31"})
        failures.check(status == 422 and "allowed_awards" in body.get("detail", ""),
                       "a campaign allowing no award: %d %s" % (status, body))
        status, session = client.call("POST", "/api/v1/council-sessions", tokens["secretariat"],
                                      council_session(campaign, "2024-08-21"))
        failures.check(status == 201, "record a council session: %d %s" % (status, session))

        walk = Walk(client, tokens, failures, campaign, own_unit)
        revoked = reference_paths(walk, session["id"], failures)
        public_notice(client, tokens, failures, own_unit)
        cli_users(args.binary, db_url, client, failures)
        refusals(client, walk, tokens, failures, session["id"])
        rounds(client, walk, tokens, failures, session["id"], campaign, foreign_tokens)
        strict_input(client, tokens, failures, walk.create("Lê Thị Thu", "giay_khen_xa"))
        idempotent_creation(walk, client, tokens, failures)
        matrix(client, walk, tokens, failures, own_unit, foreign_unit, foreign_tokens)
        listing(client, tokens, failures, "bl-2024-75nam", own_unit)
        # The public list of awardees (no token): signed decisions' awardees, not a revoked award.
        status, page = client.call("GET", "/public/awardees", contract=False)
        failures.check(status == 200 and "Lương Thị Én" in page and "02/QĐ-UBND" in page,
                       "the public list names the demo's awardees: %d" % status)
        failures.check("Vi Thị Dung" not in page and "Trịnh Văn Sang" not in page,
                       "the public list leaves out the awards revoked since")
        failures.check("Lò Văn Minh" not in page,
                       "the public list leaves out this run's revoked award")
        status, units = client.call("GET", "/api/v1/units", tokens["secretariat"])
        reports(client, tokens, failures, "bl-2024-75nam",
                next(u["name"] for u in units["items"] if u["id"] == own_unit))

        # Documents: an upload of kind K attaches K (the accept guard sees it) and is a record of
        # the dossier's chain naming the file's SHA-256; a closed dossier takes none.
        content = "Biên bản bình xét thi đua thôn".encode("utf-8")
        import base64
        import hashlib
        upload = {"kind": "review_minutes", "file_name": "bien-ban.pdf",
                  "media_type": "application/pdf",
                  "content_base64": base64.b64encode(content).decode()}
        open_dossier = walk.create("Lò Thị Mai", "giay_khen_xa")
        status, doc = client.call("POST", "/api/v1/dossiers/%s/documents" % open_dossier,
                                  tokens["unit_officer"], upload)
        failures.check(status == 201 and doc["sha256"] == hashlib.sha256(content).hexdigest()
                       and doc["size"] == len(content), "document upload: %s" % doc)
        status, docs = client.call("GET", "/api/v1/dossiers/%s/documents" % open_dossier,
                                   tokens["auditor"])
        failures.check(status == 200 and [d["id"] for d in docs["items"]] == [doc.get("id")],
                       "the document is listed: %s" % docs)
        status, body = client.call("GET", "/api/v1/dossiers/" + open_dossier, tokens["auditor"])
        failures.check(status == 200 and body["documents"] == ["review_minutes"]
                       and body["version"] == 2,
                       "the upload attached its kind to the dossier: %s" % body)
        status, trail = client.call("GET", "/api/v1/dossiers/%s/audit" % open_dossier,
                                    tokens["auditor"])
        last = trail["records"][-1]
        failures.check(trail["verified"] and last["event_type"] == "attach_document"
                       and last["actor_role"] == "unit_officer"
                       and last["payload"]["document"]["sha256"] == doc.get("sha256")
                       and last["payload"]["document"]["file_name"] == "bien-ban.pdf",
                       "the upload is a record of the dossier's chain: %s" % last)
        status, body = client.call("POST", "/api/v1/dossiers/%s/documents" % revoked,
                                   tokens["unit_officer"], upload)
        failures.check(status == 409 and body.get("code") == "rejected_transition",
                       "an upload to a revoked dossier: %d %s" % (status, body))
        for field, value in [("media_type", ""), ("content_base64", "")]:
            bad = dict(upload)
            bad[field] = value
            status, body = client.call("POST", "/api/v1/dossiers/%s/documents" % open_dossier,
                                       tokens["unit_officer"], bad)
            failures.check(status == 422 and ("document." + field) in body.get("detail", ""),
                           "an upload with an empty %s: %d %s" % (field, status, body))
        without = {k: v for k, v in upload.items() if k != "content_base64"}
        status, body = client.call("POST", "/api/v1/dossiers/%s/documents" % open_dossier,
                                   tokens["unit_officer"], without)
        failures.check(status == 422 and body.get("detail") == "document.content_base64: required",
                       "an upload without content: %d %s" % (status, body))

        # The audit trail of the revoked dossier: every step, chained and verified.
        status, trail = client.call("GET", "/api/v1/dossiers/%s/audit" % revoked,
                                    tokens["auditor"])
        types = [r["event_type"] for r in trail["records"]]
        failures.check(trail["verified"] and types[0] == "create" and types[-1] == "revoke"
                       and all(r["prev_hash"] == p["hash"]
                               for p, r in zip(trail["records"], trail["records"][1:])),
                       "the audit trail is a verified chain from create to revoke: %s" % types)

        # Live deadlines: the scheduler fires the demo's due reminders and overdue notices on the
        # demo clock, through Apply, into the audit trail of an overdue dossier.
        status, overdue = client.call("GET", "/api/v1/dossiers?overdue=true",
                                      tokens["secretariat"])
        reminded = False
        deadline = time.time() + 120
        while overdue.get("items") and not reminded and time.time() < deadline:
            status, trail = client.call("GET", "/api/v1/dossiers/%s/audit"
                                        % overdue["items"][0]["id"], tokens["auditor"])
            reminded = any(r["event_type"] == "remind" and r["actor_role"] == "timer"
                           for r in trail["records"])
            if not reminded:
                time.sleep(0.5)
        failures.check(reminded, "the scheduler records the reminders of an overdue demo dossier "
                                 "in its audit trail")

        # /metrics: Prometheus's own checker, and the counters moved.
        status, metrics = client.call("GET", "/metrics")
        failures.check(status == 200 and 'tdkt_events_applied_total{type="approve"}' in metrics
                       and 'tdkt_events_refused_total{type="accept",code="rejected_transition"}'
                       in metrics and "tdkt_outbox_messages" in metrics
                       and "tdkt_timers_due" in metrics, "metrics counters")
        def sample(name):
            match = re.search(r"^" + re.escape(name) + r" ([0-9.e+]+)$", metrics, re.M)
            return float(match.group(1)) if match else -1
        failures.check(sample("tdkt_timers_pending") > 0
                       and sample('tdkt_outbox_messages{status="pending"}')
                       + sample('tdkt_outbox_messages{status="sent"}') > 0,
                       "the gauges read the demo's pending timers and its outbox")
        promtool = shutil.which("promtool")
        if failures.check(promtool is not None, "promtool (Debian package prometheus) is needed"):
            checked = subprocess.run([promtool, "check", "metrics"], input=metrics, text=True,
                                     capture_output=True)
            failures.check(checked.returncode == 0, "promtool check metrics: %s %s"
                           % (checked.stdout, checked.stderr))
    finally:
        code = server.stop()
        failures.check(code == 0, "tdkt serve stopped on SIGTERM with %s" % code)
    # The demo loads only into an empty database.
    again = subprocess.run([args.binary, "serve", "--demo", "--db", db_url, "--demo-dir",
                            os.path.join(SOURCE, "config", "demo"), "--listen", "127.0.0.1:0"],
                           capture_output=True, text=True, timeout=120, cwd=SOURCE)
    failures.check(again.returncode == 2 and "already holds" in again.stderr,
                   "serve --demo refuses a database with data: %d %s"
                   % (again.returncode, again.stderr))
    verify = subprocess.run([args.binary, "audit", "verify", "--db", db_url], capture_output=True,
                            text=True, timeout=120)
    failures.check(verify.returncode == 0, "audit verify after the run: %s %s"
                   % (verify.stdout, verify.stderr))
    # The whole log of the run (the demo's, every path above, uploads and the scheduler's
    # reminders) rebuilds every dossier: the log's own reader reads every record it holds.
    replay = subprocess.run([args.binary, "replay", "--db", db_url, "--rules",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                          "config", "rules"), "--check"],
                            capture_output=True, text=True, timeout=300)
    failures.check(replay.returncode == 0, "replay --check after the run: %s %s"
                   % (replay.stdout[-800:], replay.stderr[-800:]))
    if cleanup:
        cleanup()
    if failures.items:
        print("%d failure(s); the server's log is in %s" % (len(failures.items), workdir))
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    print("ok: end-to-end on %s" % args.backend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
