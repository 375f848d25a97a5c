#!/usr/bin/python3
"""Bad input over every route of docs/openapi.yaml, against the real tdkt binary, on one backend.

Starts `tdkt serve --demo` like api_e2e.py and generates a corpus of bad requests from the
contract itself:

  * for every operation with a request body, a valid base body built from the demo's real data
    (its campaign, units, council sessions, and dossiers in the state each event needs, found
    through the API, or walked there when the demo has none to spare), and from it, following the
    schema ($refs, and for an event request the payload schema `PayloadByType` gives its type):
    each required field removed, each field `null` (where the schema does not allow null), each
    field of a wrong JSON type, values outside the schema (enum, minimum, length, pattern),
    an unknown field at every object, invalid UTF-8 and a lone surrogate in every string field,
    an oversized (100 kB) string field; and for the raw body: invalid UTF-8, not JSON, empty,
    not an object, duplicate keys, a wrong Content-Type, a body over the size limit;
  * for every path with a parameter: invalid UTF-8, bad percent escapes, control characters and
    over-long ids; for every GET with query parameters: wrong values, invalid UTF-8, empty and
    unknown parameters; a method each path does not declare; oversized headers.

Every answer must be a 4xx (the status fitting the case, never 5xx), `application/problem+json`
whose body is UTF-8 JSON with type/title/status/code/detail, match docs/openapi.yaml, and for a
field that is missing, null, wrongly typed, out of range or unknown, name the field in `detail`
("payload.yes: required"). The request must change nothing (an event request: the dossier's
version stays; a creation: nothing is created). Afterwards /healthz answers 200, the server stops
cleanly, and `tdkt audit verify` and `tdkt replay --check` pass. Each request is sent over a raw
socket, so that bytes no HTTP library would send reach the server as they are.

Usage: bad_input.py --binary PATH --backend sqlite|postgresql
PostgreSQL: a fresh database is created on the server named by TDKT_TEST_PG_DSN.
Prints one line per failing case and a summary by category; exit 0 when every check passed.
"""

import argparse
import collections
import copy
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from urllib.parse import unquote_to_bytes

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import openapi_check  # noqa: E402
import api_e2e  # noqa: E402
from api_e2e import ALL_DOCS, SENDER, Server  # noqa: E402

REFERENCE = "bl-2024-75nam"
MAX_BODY = 1 << 20  # tdkt's default http.max_body_bytes
BIG = 100 * 1024    # an oversized string field
PROBLEM_KEYS = ("type", "title", "status", "code", "detail")
UNKNOWN = "unexpected_field"
MARK = "@@BAD-BYTES@@"

# The state an event needs, and whether its sender is unit-scoped (so the dossier must be of the
# demo unit officer's own unit). Timer events (notice_ended, cutoff, remind) are left out: no
# token may send them, so their answer would be about authorization, not input.
NEEDS = {
    "submit": "draft", "withdraw": "draft", "hold": "draft",
    "unit_return": "unit_review", "unit_approve": "unit_review", "unit_reject": "unit_review",
    "request_supplement": "intake", "accept": "intake", "supplement": "awaiting_supplement",
    "appraise_pass": "appraisal", "appraise_fail": "appraisal", "council_vote": "council_review",
    "objection": "public_notice", "approve": "chairman_decision",
    "escalate": "chairman_decision", "reject": "chairman_decision",
    "higher_decision": "escalated", "resume": "on_hold", "revoke": "approved",
}
SCOPED = {"unit_officer", "unit_head"}
# The event whose request carries the top-level and raw-body variants (any state, secretariat).
REPRESENTATIVE = "hold"


# ---- HTTP over a raw socket --------------------------------------------------------------------


class Answer:
    def __init__(self, status=None, headers=None, body=b"", error=None):
        self.status, self.headers, self.body, self.error = status, headers or {}, body, error

    def content_type(self):
        return next((v for k, v in self.headers.items() if k.lower() == "content-type"), "")

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


class Raw:
    def __init__(self, base):
        host, port = base[len("http://"):].split(":")
        self.host, self.port = host, int(port)

    def send(self, method, target, token=None, body=None, content_type="application/json",
             announce=None, headers=(), timeout=30):
        """One request, bytes as given: `target` is the raw request target; `announce` a
        Content-Length other than the body's (the body is then sent only in part)."""
        if isinstance(target, str):
            target = target.encode("utf-8")
        lines = [method.encode() + b" " + target + b" HTTP/1.1",
                 b"Host: %s:%d" % (self.host.encode(), self.port), b"Connection: close",
                 b"Accept: application/json, application/problem+json"]
        if token:
            lines.append(b"Authorization: Bearer " + token.encode())
        if body is not None:
            if content_type:
                lines.append(b"Content-Type: " + content_type.encode())
            lines.append(b"Content-Length: %d" % (len(body) if announce is None else announce))
        lines += list(headers)
        data = b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")
        try:
            sock = socket.create_connection((self.host, self.port), timeout=timeout)
        except OSError as error:
            return Answer(error="cannot connect: %s" % error)
        try:
            try:
                sock.sendall(data)
            except OSError:
                pass  # the server may answer and close before reading everything
            response = http.client.HTTPResponse(sock, method=method)
            response.begin()
            payload = response.read()
            return Answer(response.status, dict(response.getheaders()), payload)
        except (OSError, http.client.HTTPException) as error:
            return Answer(error="no HTTP answer: %s: %s" % (type(error).__name__, error))
        finally:
            sock.close()

    def call(self, method, path, token=None, body=None):
        """A well-formed JSON request of the test's own (setup and fingerprints)."""
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        answer = self.send(method, path, token, data)
        return answer.status, answer.json()


# ---- the contract's schemas --------------------------------------------------------------------


def json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class Schemas:
    def __init__(self, doc):
        self.doc = doc

    def resolve(self, schema):
        while isinstance(schema, dict) and "$ref" in schema:
            schema = openapi_check.resolve_pointer(self.doc, schema["$ref"][1:])
        return schema

    def types(self, schema):
        s = self.resolve(schema)
        out = set()
        if "type" in s:
            out |= set(s["type"] if isinstance(s["type"], list) else [s["type"]])
        if "const" in s:
            out.add(json_type(s["const"]))
        if "enum" in s:
            out |= {json_type(v) for v in s["enum"]}
        for key in ("anyOf", "oneOf"):
            for sub in s.get(key, []):
                out |= self.types(sub)
        if "integer" in out or "number" in out:
            out |= {"integer"}
        return out

    def non_null(self, schema):
        """The branch of a schema that is not `null` (for `anyOf: [X, {type: null}]`)."""
        s = self.resolve(schema)
        for sub in s.get("anyOf", []):
            if self.types(sub) != {"null"}:
                return self.resolve(sub)
        return s

    def request_schema(self, path, method):
        op = self.doc["paths"][path][method]
        return self.resolve(op["requestBody"]["content"]["application/json"]["schema"])

    def payload_schema(self, event_type):
        for rule in self.resolve({"$ref": "#/components/schemas/PayloadByType"})["allOf"]:
            if rule["if"]["properties"]["type"].get("const") == event_type:
                return self.resolve(rule["then"]["properties"]["payload"])
        raise KeyError(event_type)


# ---- cases -------------------------------------------------------------------------------------


class Case:
    """One bad request. `mutate(base)` turns the operation's fresh valid base body (a dict) into
    the bytes to send; `statuses` are the fitting answers, `codes` the problem codes allowed
    (None: the contract's for the status), `name` what `detail` must name (None: nothing)."""

    def __init__(self, op, category, what, mutate=None, statuses=(422,), codes=None, name=None,
                 content_type="application/json", announce=None, target=None, method=None,
                 headers=(), token_role=None):
        self.op, self.category, self.what, self.mutate = op, category, what, mutate
        self.statuses, self.codes, self.name = set(statuses), codes, name
        self.content_type, self.announce, self.target = content_type, announce, target
        self.method, self.headers, self.token_role = method, headers, token_role


# The commune's council by name (9 members), for the sessions this script records.
COUNCIL = ["Hà Văn Thắng", "Lê Văn Hùng", "Lương Thị Thu Hà", "Vi Văn Sơn", "Ngân Thị Hoa",
           "Lò Văn Dũng", "Trịnh Văn Tài", "Quách Văn Bình", "Phạm Thị Lan"]
COUNCIL_ROLES = ["chu_tich", "pho_chu_tich", "uy_vien_thuong_truc"] + ["uy_vien"] * 6


def council_session(campaign, date, absent=(), agenda=None):
    """A council session body: the whole council by name, `absent` not present."""
    body = {"campaign_id": campaign, "date": date, "place": "Hội trường UBND xã Bình Lương",
            "chair": COUNCIL[0],
            "members": [{"name": n, "role": r, "present": n not in absent}
                        for n, r in zip(COUNCIL, COUNCIL_ROLES)]}
    if agenda is not None:
        body["agenda"] = agenda
    return body


def named(token):
    """The name `detail` must contain (names() finds it as a whole name)."""
    return token


def names(detail, token):
    return re.search(r"(?<![A-Za-z0-9_])" + re.escape(token) + r"(?![A-Za-z0-9_])", detail)


def field_name(path):
    """How `detail` must name the field at `path` (a tuple of keys): with its parent object's
    name for a nested field ("payload.yes", "nominee.kind"), else the bare name."""
    keys = [p for p in path if isinstance(p, str)]
    return ".".join(keys[-2:]) if len(keys) > 1 else keys[-1]


def get_in(body, path):
    for key in path:
        body = body[key]
    return body


def set_in(body, path, value):
    body = copy.deepcopy(body)
    get_in(body, path[:-1])[path[-1]] = value
    return body


def drop_in(body, path):
    body = copy.deepcopy(body)
    del get_in(body, path[:-1])[path[-1]]
    return body


def dump(body):
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def with_bytes(path, raw_value):
    """A body whose string at `path` is replaced by raw bytes inside its quotes."""
    def mutate(base):
        return dump(set_in(base, path, MARK)).replace(MARK.encode(), raw_value, 1)
    return mutate


INVALID_UTF8 = [
    (b"Th\xe0nh t\xedch", "Latin-1 bytes"),
    (b"ok\xffok", "byte 0xFF"),
    (b"\xc0\xaf", "overlong encoding"),
    (b"\xed\xa0\x80", "UTF-8 encoded surrogate"),
    (b"tr\xe1\xba", "truncated sequence"),
    (b"\x80\x80", "lone continuation bytes"),
]
WRONG_VALUES = {
    "string": [12345],
    "integer": ["7", 7.5],
    "boolean": ["true", 1],
    "array": ["submission_letter"],
    "object": ["text"],
}
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def field_cases(schemas, op, schema, base, path=(), skip_big=()):
    """The generated variants of the object at `path` of `base`, whose schema is `schema`."""
    cases = []
    s = schemas.resolve(schema)
    properties = s.get("properties", {})
    required = set(s.get("required", []))
    obj = get_in(base, path)
    for key, sub_schema in properties.items():
        if key not in obj:
            continue
        p = path + (key,)
        label = ".".join(str(x) for x in p)
        name = named(field_name(p))
        types = schemas.types(sub_schema)
        sub = schemas.non_null(sub_schema)
        if key in required:
            cases.append(Case(op, "required field missing", "%s removed" % label,
                              lambda b, p=p: dump(drop_in(b, p)), name=name))
        if "null" not in types:
            cases.append(Case(op, "null for a field that is not nullable", "%s: null" % label,
                              lambda b, p=p: dump(set_in(b, p, None)), name=name))
        main = next(t for t in ("string", "integer", "boolean", "array", "object") if t in types)
        for wrong in WRONG_VALUES[main]:
            if json_type(wrong) in types:
                continue
            cases.append(Case(op, "wrong JSON type", "%s: %s" % (label, json.dumps(wrong)),
                              lambda b, p=p, w=wrong: dump(set_in(b, p, w)), name=name))
        for value, why in schema_violations(sub, p):
            cases.append(Case(op, "value outside the schema", "%s: %s (%s)"
                              % (label, json.dumps(value, ensure_ascii=False)[:40], why),
                              lambda b, p=p, v=value: dump(set_in(b, p, v)), name=name))
        if main == "string":
            raw, why = INVALID_UTF8[len(cases) % len(INVALID_UTF8)]
            cases.append(Case(op, "invalid UTF-8 in a string field", "%s: %s" % (label, why),
                              with_bytes(p, raw), statuses=(400, 422),
                              codes={"malformed_request", "invalid_argument"}))
            cases.append(Case(op, "lone surrogate escape in a string field",
                              "%s: \"\\ud800\"" % label, with_bytes(p, b"x\\ud800x"),
                              statuses=(400, 422), codes={"malformed_request", "invalid_argument"}))
            if key not in skip_big:
                cases.append(Case(op, "oversized string field", "%s: %d kB" % (label, BIG // 1024),
                                  lambda b, p=p: dump(set_in(b, p, ("Thành tích " * BIG)[:BIG])),
                                  statuses=(413, 422), name=name))
        if main == "array" and isinstance(get_in(base, p), list):
            cases.append(Case(op, "wrong JSON type", "%s[0]: 12345" % label,
                              lambda b, p=p: dump(set_in(b, p, [12345])), name=name))
            items = schemas.resolve(sub.get("items", {}))
            if "enum" in items:
                cases.append(Case(op, "value outside the schema", "%s[0]: not in the enum" % label,
                                  lambda b, p=p: dump(set_in(b, p, ["no_such_kind"])), name=name))
        if main == "object" and isinstance(get_in(base, p), dict):
            if sub.get("properties"):
                cases += field_cases(schemas, op, sub, base, p, skip_big)
            elif isinstance(sub.get("additionalProperties"), dict) and get_in(base, p):
                first = next(iter(get_in(base, p)))
                cases.append(Case(op, "wrong JSON type", "%s.%s: \"5\"" % (label, first),
                                  lambda b, p=p, f=first: dump(set_in(b, p + (f,), "5")),
                                  name=named(key)))
                cases.append(Case(op, "value outside the schema", "%s.%s: -1" % (label, first),
                                  lambda b, p=p, f=first: dump(set_in(b, p + (f,), -1)),
                                  name=named(key)))
    if s.get("additionalProperties") is False:
        p = path + (UNKNOWN,)
        cases.append(Case(op, "unknown field", "%s added" % ".".join(str(x) for x in p),
                          lambda b, p=p: dump(set_in(b, p, 1)), name=named(field_name(p))))
    return cases


def schema_violations(s, path):
    """Values the schema refuses that are of the right JSON type."""
    out = []
    if "enum" in s:
        out.append(("no_such_value", "not in the enum"))
    if "minimum" in s:
        out.append((s["minimum"] - 1, "below the minimum"))
    if "maximum" in s:
        out.append((s["maximum"] + 1, "above the maximum"))
    if s.get("minLength", 0) >= 1:
        out.append(("", "empty"))
    if "maxLength" in s:
        out.append(("x" * (s["maxLength"] + 1), "longer than maxLength"))
    pattern = s.get("pattern")
    if pattern == DATE_PATTERN:
        out.append(("22/07/2024", "not YYYY-MM-DD"))
        out.append(("2024-02-30", "no such date"))
    elif pattern and "A-Za-z0-9+/" in pattern:
        out.append(("not base64!", "not base64"))
    if path == ("id",):  # the id of what the request creates
        out.append(("id with spaces/and/slashes", "not an id"))
    return out


def raw_body_cases(op):
    """Variants of the body as a whole."""
    def prefix_garbage(base):
        return b"\xff\xfe" + dump(base)
    cases = [
        Case(op, "invalid UTF-8 in the raw body", "0xFF 0xFE before the JSON", prefix_garbage,
             statuses=(400,), codes={"malformed_request"}),
        Case(op, "invalid UTF-8 in the raw body", "the JSON in UTF-16",
             lambda b: json.dumps(b, ensure_ascii=False).encode("utf-16"), statuses=(400, 415)),
        Case(op, "invalid UTF-8 in the raw body", "byte 0xC3 alone between tokens",
             lambda b: b"{\xc3" + dump(b)[1:], statuses=(400,), codes={"malformed_request"}),
        Case(op, "body not JSON", "truncated JSON", lambda b: dump(b)[:-1], statuses=(400,),
             codes={"malformed_request"}),
        Case(op, "body not JSON", "trailing garbage", lambda b: dump(b) + b" x", statuses=(400,),
             codes={"malformed_request"}),
        Case(op, "body not JSON", "NaN", lambda b: dump(b)[:-1] + b", \"n\": NaN}",
             statuses=(400,), codes={"malformed_request"}),
        Case(op, "body not JSON", "a comment", lambda b: b"/* x */" + dump(b), statuses=(400,),
             codes={"malformed_request"}),
        Case(op, "empty or non-object body", "empty body", lambda b: b"", statuses=(400, 422)),
        Case(op, "empty or non-object body", "null", lambda b: b"null", statuses=(400, 422)),
        Case(op, "empty or non-object body", "an array", lambda b: b"[" + dump(b) + b"]",
             statuses=(400, 422)),
        Case(op, "empty or non-object body", "a string", lambda b: b"\"text\"",
             statuses=(400, 422)),
        Case(op, "duplicate key", "first field twice", lambda b: duplicate_first(b),
             statuses=(400, 422)),
        Case(op, "wrong Content-Type", "text/plain", dump, statuses=(400, 415),
             content_type="text/plain"),
        Case(op, "wrong Content-Type", "application/x-www-form-urlencoded",
             lambda b: b"type=submit&payload=x", statuses=(400, 415),
             content_type="application/x-www-form-urlencoded"),
        Case(op, "body over the size limit", "%d bytes announced" % (2 * MAX_BODY), dump,
             statuses=(413,), codes={"body_too_large"}, announce=2 * MAX_BODY),
        Case(op, "body over the size limit", "%d bytes sent" % (MAX_BODY + 4096),
             lambda b: dump(set_in(b, (next(iter(b)),), "x" * (MAX_BODY + 4096))),
             statuses=(413,), codes={"body_too_large"}),
    ]
    return cases


def duplicate_first(base):
    key = next(iter(base))
    text = dump(base)
    return b"{" + json.dumps(key).encode() + b": " + dump(base[key]) + b", " + text[1:]


# ---- the run -------------------------------------------------------------------------------------


class Run:
    def __init__(self, raw, tokens, validator, schemas):
        self.raw, self.tokens, self.validator, self.schemas = raw, tokens, validator, schemas
        self.failures = []   # (case, reason, answer, target)
        self.notes = collections.Counter()
        self.doc_allows = {}
        self.count = 0
        sec = tokens["secretariat"]
        _, me = raw.call("GET", "/api/v1/me", tokens["unit_officer"])
        self.own_unit = me["unit_id"]
        _, packs = raw.call("GET", "/api/v1/rule-packs", sec)
        self.awards = {(p["id"], a["id"]): a for p in packs["items"] for a in p["awards"]}
        _, sessions = raw.call("GET", "/api/v1/council-sessions", sec)
        self.sessions = sessions["items"]
        _, clock = raw.call("GET", "/api/v1/clock", sec)
        self.today = clock["now"][:10]
        _, campaigns = raw.call("GET", "/api/v1/campaigns", sec)
        self.cutoff = {c["id"]: c["nomination_cutoff"] for c in campaigns["items"]}
        self.taken = set()
        self.quick_campaign = None
        self.versions = {}
        self.targets = {}

    # -- setup: dossiers in the state each event needs --------------------------------------------

    def event(self, dossier, event_type, payload):
        role = SENDER[event_type]
        status, body = self.raw.call("POST", "/api/v1/dossiers/%s/events" % dossier,
                                     self.tokens[role], {"type": event_type, "payload": payload,
                                                         "request_id": str(uuid.uuid4())})
        if status != 200:
            raise RuntimeError("setup: %s on %s: %s %s" % (event_type, dossier, status, body))

    def session_for(self, campaign):
        sessions = [s for s in self.sessions if s["campaign_id"] == campaign and not s["agenda"]
                    and 3 * s["present"] >= 2 * s["members"]]
        if sessions:
            return max(sessions, key=lambda s: s["present"])
        status, session = self.raw.call("POST", "/api/v1/council-sessions",
                                        self.tokens["secretariat"],
                                        council_session(campaign, self.today))
        if status != 201:
            raise RuntimeError("setup: a council session: %s %s" % (status, session))
        self.sessions.append(session)
        return session

    def vote(self, dossier, campaign):
        session = self.session_for(campaign)
        self.event(dossier, "council_vote", {"session": session["id"], "yes": session["present"],
                                             "no": 0})

    def walk(self, state):
        """A new dossier of the demo officer's unit, walked to `state`."""
        campaign = REFERENCE
        if state in ("chairman_decision", "escalated", "approved"):
            campaign = self.quick()
        dossier = "bad-" + uuid.uuid4().hex[:10]
        status, body = self.raw.call("POST", "/api/v1/dossiers", self.tokens["unit_officer"], {
            "id": dossier, "campaign_id": campaign, "unit_id": self.own_unit,
            "nominee": {"kind": "individual", "name": "Người thử " + dossier,
                        "direct_worker": True, "female": True},
            "award": "giay_khen_xa", "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ"})
        if status != 201:
            raise RuntimeError("setup: create: %s %s" % (status, body))
        if state == "on_hold":
            self.event(dossier, "hold", {"reason": "Xem xét", "legal_ground": "Điều 4"})
            return dossier
        order = ["draft", "unit_review", "intake", "appraisal", "council_review"]
        steps = [("submit", {"achievement_summary": "Thành tích", "documents": ALL_DOCS}),
                 ("unit_approve", {"votes_for": 6, "votes_against": 0, "members": 7}),
                 ("accept", {}), ("appraise_pass", {"note": "Đạt"})]
        last = order.index(state) if state in order else (
            2 if state == "awaiting_supplement" else 4)
        for event_type, payload in steps[:last]:
            self.event(dossier, event_type, payload)
        if state == "awaiting_supplement":
            self.event(dossier, "request_supplement", {"missing": ["review_minutes"], "note": "x"})
        if state in ("public_notice", "chairman_decision", "escalated", "approved"):
            self.vote(dossier, campaign)
        if state == "escalated":
            self.event(dossier, "escalate", {"reason": "Trình cấp trên"})
        if state == "approved":
            self.event(dossier, "approve", {})
        return dossier

    def quick(self):
        """A campaign without public notice, so that a vote leads to the Chairman at once."""
        if self.quick_campaign is None:
            campaign = "bad-input-" + uuid.uuid4().hex[:6]
            status, body = self.raw.call("POST", "/api/v1/campaigns", self.tokens["secretariat"], {
                "id": campaign, "name": "Đợt kiểm thử dữ liệu sai", "plan_number": "98/KH-UBND",
                "procedure": "campaign", "allowed_awards": ["giay_khen_xa"],
                "nomination_cutoff": "2024-12-31", "ceremony": None, "quotas": {},
                "public_notice_working_days": None})
            if status != 201:
                raise RuntimeError("setup: a campaign: %s %s" % (status, body))
            self.quick_campaign = campaign
        return self.quick_campaign

    def suits(self, event_type, d):
        if d["overdue"] or d["id"] in self.taken:
            return False  # a timer may move an overdue dossier while the cases run
        if SENDER[event_type] in SCOPED and d["unit_id"] != self.own_unit:
            return False
        award = self.awards.get((d["rule_pack"], d["award"]))
        if event_type == "submit":
            return d["campaign_id"] == REFERENCE and self.today <= self.cutoff[REFERENCE]
        if event_type == "accept":
            return award is not None and set(award["required_documents"]) <= set(d["documents"])
        if event_type == "request_supplement":
            return d["supplement_requests"] == 0
        if event_type == "approve":
            return award is not None and award["deciding_level"] == "commune"
        if event_type == "council_vote":
            return any(s["campaign_id"] == d["campaign_id"] for s in self.sessions)
        return True

    def target(self, event_type, fresh=False):
        """A dossier in the state the event needs: the demo's own when it has one to spare."""
        if event_type in self.targets and not fresh:
            return self.targets[event_type]
        state = NEEDS[event_type]
        _, page = self.raw.call("GET", "/api/v1/dossiers?state=%s&limit=200" % state,
                                self.tokens["secretariat"])
        found = next((d for d in (page or {}).get("items", []) if self.suits(event_type, d)), None)
        dossier = found["id"] if found else self.walk(state)
        if not fresh:
            print("%s: dossier %s in %s (%s)" % (event_type, dossier, state,
                                                 "the demo's" if found else "walked there"))
        self.taken.add(dossier)
        self.targets[event_type] = dossier
        self.versions[dossier] = self.dossier(dossier)["version"]
        return dossier

    def dossier(self, dossier):
        status, body = self.raw.call("GET", "/api/v1/dossiers/" + dossier,
                                     self.tokens["secretariat"])
        if status != 200:
            raise RuntimeError("GET %s: %s %s" % (dossier, status, body))
        return body

    # -- base bodies ----------------------------------------------------------------------------

    def payload(self, event_type, dossier):
        reason = {"reason": "Lý do đầy đủ"}
        if event_type == "council_vote":
            campaign = self.dossier(dossier)["campaign_id"]
            s = self.session_for(campaign)
            return {"session": s["id"], "members": s["members"], "present": s["present"],
                    "yes": s["present"], "no": 0}
        return {
            "submit": {"achievement_summary": "Thành tích nổi bật", "documents": ALL_DOCS},
            "unit_approve": {"votes_for": 6, "votes_against": 0, "members": 7},
            "request_supplement": {"missing": ["review_minutes"], "note": "Thiếu biên bản"},
            "supplement": {"documents": ["review_minutes"]},
            "accept": {}, "approve": {}, "appraise_pass": {"note": "Đủ điều kiện"},
            "objection": {"objector": "Ông Lò Văn Dũng", "reason": "Phản ánh"},
            "higher_decision": {"decision_number": "2150/QĐ-UBND", "decided_on": "2024-08-21",
                                "approved": True, "reason": "Đạt"},
            "hold": {"reason": "Xem xét đơn thư", "legal_ground": "Nghị định 152/2025 Điều 4"},
            "revoke": {"reason": "Khai không trung thực", "legal_ground": "Luật TĐKT Điều 93"},
        }.get(event_type, reason)

    def operations(self):
        """name -> (method, path, role, base(), fingerprint(), schema)."""
        sec = "secretariat"
        ops = {}

        def campaign_base():
            return {"id": "bi-" + uuid.uuid4().hex[:8], "name": "Đợt thi đua thử",
                    "plan_number": "77/KH-UBND", "procedure": "ad_hoc",
                    "allowed_awards": ["giay_khen_xa"], "nomination_cutoff": "2024-12-31",
                    "ceremony": "2025-01-15", "quotas": {"giay_khen_xa": 5},
                    "public_notice_working_days": 3}

        def count(path, role=sec):
            return lambda: len(self.raw.call("GET", path, self.tokens[role])[1]["items"])

        ops["createCampaign"] = ("POST", lambda: "/api/v1/campaigns", sec, campaign_base,
                                 count("/api/v1/campaigns"),
                                 self.schemas.request_schema("/api/v1/campaigns", "post"))

        def dossier_base():
            tag = uuid.uuid4().hex[:8]
            return {"id": "bi-" + tag, "campaign_id": REFERENCE, "unit_id": self.own_unit,
                    "nominee": {"id": "nominee-" + tag, "kind": "individual",
                                "name": "Hà Văn Thử " + tag, "direct_worker": True,
                                "female": False},
                    "award": "giay_khen_xa", "achievement_summary": "Hoàn thành xuất sắc",
                    "request_id": "create-" + tag}

        def dossier_count():
            _, body = self.raw.call("GET", "/api/v1/summary?campaign_id=" + REFERENCE,
                                    self.tokens[sec])
            return body["total"]
        # The secretariat may nominate for any unit: a changed unit_id is then about input only.
        ops["createDossier"] = ("POST", lambda: "/api/v1/dossiers", sec, dossier_base,
                                dossier_count,
                                self.schemas.request_schema("/api/v1/dossiers", "post"))

        def session_base():
            body = council_session(REFERENCE, "2024-08-22", absent=COUNCIL[7:],
                                   agenda=["bl24-001"])
            body["id"] = "hd-bi-" + uuid.uuid4().hex[:8]
            return body
        ops["createCouncilSession"] = (
            "POST", lambda: "/api/v1/council-sessions", sec, session_base,
            count("/api/v1/council-sessions"),
            self.schemas.request_schema("/api/v1/council-sessions", "post"))

        # Uploads go to a draft of their own: an accepted upload is a record of the dossier's
        # chain (its version grows), which would make the events' expected versions stale.
        upload_target = {}

        def documents():
            if "id" not in upload_target:
                upload_target["id"] = self.walk("draft")
            return "/api/v1/dossiers/%s/documents" % upload_target["id"]

        def document_base():
            return {"kind": "submission_letter", "file_name": "to-trinh.pdf",
                    "media_type": "application/pdf",
                    "content_base64": "VOG7nSB0csOsbmggc+G7kSAxMi9UVHItVUJORA=="}
        ops["uploadDossierDocument"] = (
            "POST", documents, "unit_officer", document_base,
            lambda: len(self.raw.call("GET", documents(), self.tokens[sec])[1]["items"]),
            self.schemas.request_schema("/api/v1/dossiers/{id}/documents", "post"))

        # The admin's routes (docs/openapi.yaml, tag administration), with the demo's admin token.
        adm = "admin"

        def listing(path, drop=()):
            def fingerprint():
                items = self.raw.call("GET", path, self.tokens[adm])[1]["items"]
                return json.dumps([{k: v for k, v in i.items() if k not in drop} for i in items],
                                  sort_keys=True)
            return fingerprint
        ops["createUnit"] = (
            "POST", lambda: "/api/v1/units", adm,
            lambda: {"id": "bi-" + uuid.uuid4().hex[:8], "name": "Thôn thử", "kind": "village",
                     "parent": None},
            listing("/api/v1/units"), self.schemas.request_schema("/api/v1/units", "post"))
        ops["changeUnit"] = (
            "PATCH", lambda: "/api/v1/units/" + self.own_unit, adm,
            lambda: {"name": "Thôn thử đổi tên", "kind": "village", "parent": None,
                     "retired": False},
            listing("/api/v1/units"), self.schemas.request_schema("/api/v1/units/{id}", "patch"))
        ops["createUser"] = (
            "POST", lambda: "/api/v1/users", adm,
            lambda: {"id": "bi-" + uuid.uuid4().hex[:8], "name": "Người thử", "role": "auditor",
                     "unit": None, "email": None},
            listing("/api/v1/users"), self.schemas.request_schema("/api/v1/users", "post"))
        ops["changeUser"] = (
            "PATCH", lambda: "/api/v1/users/" + self.admin_target(), adm,
            lambda: {"name": "Người thử đổi tên", "role": "auditor", "unit": None,
                     "email": None, "active": True},
            listing("/api/v1/users"), self.schemas.request_schema("/api/v1/users/{id}", "patch"))
        ops["issueToken"] = (
            "POST", lambda: "/api/v1/tokens", adm, lambda: {"user_id": self.admin_target()},
            listing("/api/v1/tokens", drop=("last_used_at",)),
            self.schemas.request_schema("/api/v1/tokens", "post"))
        commune = {"name": "UBND xã Bình Lương", "province": "Thanh Hóa",
                   "issuer_symbol": "UBND", "chairman_name": "Lê Văn Bình",
                   "chairman_title": "Chủ tịch UBND xã"}
        self.raw.call("PUT", "/api/v1/commune", self.tokens[adm], commune)
        ops["setCommune"] = (
            "PUT", lambda: "/api/v1/commune", adm, lambda: dict(commune),
            lambda: json.dumps(self.raw.call("GET", "/api/v1/commune", self.tokens[adm])[1],
                               sort_keys=True),
            self.schemas.request_schema("/api/v1/commune", "put"))

        event_schema = self.schemas.request_schema("/api/v1/dossiers/{id}/events", "post")
        for event_type in NEEDS:
            def base(t=event_type):
                dossier = self.target(t)
                return {"type": t, "payload": self.payload(t, dossier),
                        "request_id": "bi-" + uuid.uuid4().hex,
                        "expected_version": self.versions[dossier]}
            schema = copy.deepcopy(event_schema)
            schema["properties"]["payload"] = self.schemas.payload_schema(event_type)
            schema.pop("allOf", None)
            ops["event:" + event_type] = (
                "POST", lambda t=event_type: "/api/v1/dossiers/%s/events" % self.target(t),
                SENDER[event_type], base, None, schema)
        return ops

    def admin_target(self):
        """A user of the bad-input run's own, for the admin's user and token cases."""
        if not getattr(self, "_admin_target", None):
            self._admin_target = "bi-target-" + uuid.uuid4().hex[:6]
            status, body = self.raw.call("POST", "/api/v1/users", self.tokens["admin"], {
                "id": self._admin_target, "name": "Người thử", "role": "auditor"})
            if status != 201:
                raise SystemExit("cannot create the admin cases' user: %d %s" % (status, body))
        return self._admin_target

    # -- the corpus -------------------------------------------------------------------------------

    def corpus(self, ops):
        cases = []
        for name, (_, _, _, base, _, schema) in ops.items():
            sample = base()
            if name.startswith("event:"):
                if name == "event:" + REPRESENTATIVE:
                    top = copy.deepcopy(schema)
                    top["properties"]["payload"] = {"type": "object"}
                    cases += field_cases(self.schemas, name, top, sample)
                    cases += raw_body_cases(name)
                else:
                    p = ("payload",)
                    cases.append(Case(name, "required field missing", "payload removed",
                                      lambda b: dump(drop_in(b, ("payload",))),
                                      name=named("payload")))
                    cases.append(Case(name, "null for a field that is not nullable",
                                      "payload: null", lambda b: dump(set_in(b, p, None)),
                                      name=named("payload")))
                    cases.append(Case(name, "wrong JSON type", "payload: [...]",
                                      lambda b: dump(set_in(b, p, list(b["payload"].values()))),
                                      name=named("payload")))
                cases += field_cases(self.schemas, name, schema["properties"]["payload"], sample,
                                     ("payload",))
            else:
                cases += field_cases(self.schemas, name, schema, sample,
                                     skip_big=("content_base64",))
                cases += raw_body_cases(name)
        cases += self.path_cases(ops)
        cases += self.query_cases()
        cases += self.method_cases()
        cases.append(Case("getMe", "oversized header", "a 64 kB header", None,
                          statuses=(400, 431), method="GET", target=b"/api/v1/me",
                          headers=(b"X-Pad: " + b"a" * 65536,), token_role="secretariat"))
        cases.append(Case("getMe", "oversized header", "2000 headers", None,
                          statuses=(400, 431), method="GET", target=b"/api/v1/me",
                          headers=tuple(b"X-Pad-%d: a" % i for i in range(2000)),
                          token_role="secretariat"))
        cases.append(Case("getMe", "control characters in a header", "a NUL in Authorization",
                          None, statuses=(400,), method="GET", target=b"/api/v1/me",
                          headers=(b"X-Note: a\x00b",), token_role="secretariat"))
        return cases

    BAD_IDS = [
        (b"%FF%FE", "percent-encoded invalid UTF-8", (400, 404)),
        (b"\xff\xfe", "raw invalid UTF-8 bytes", (400, 404)),
        (b"%C0%AF", "percent-encoded overlong UTF-8", (400, 404)),
        (b"%ED%A0%80", "percent-encoded UTF-8 surrogate", (400, 404)),
        (b"a%00b", "percent-encoded NUL", (400, 404)),
        (b"a%0D%0AX-Injected:%201", "percent-encoded CR LF", (400, 404)),
        (b"a\x01b", "raw control character", (400,)),
        (b"a\x7fb", "raw DEL", (400,)),
        (b"%G1%", "malformed percent escapes", (400, 404)),
        (b"..%2F..%2Fetc%2Fpasswd", "encoded slashes and dot segments", (400, 404)),
        (b"x" * 300, "a 300-character id", (400, 404)),
        (b"x" * 20000, "a 20 000-character id", (400, 404, 414, 431)),
    ]

    def path_cases(self, ops):
        cases = []
        routes = [("GET", "getDossier", "", None), ("GET", "getDossierAudit", "/audit", None),
                  ("GET", "listDossierDocuments", "/documents", None),
                  ("POST", "event:" + REPRESENTATIVE, "/events", "event:" + REPRESENTATIVE),
                  ("POST", "uploadDossierDocument", "/documents", "uploadDossierDocument")]
        for method, name, suffix, body_op in routes:
            for raw_id, why, statuses in self.BAD_IDS:
                target = b"/api/v1/dossiers/" + raw_id + suffix.encode()
                mutate = (lambda b: dump(b)) if body_op else None
                cases.append(Case(body_op or name, "bad dossier id in the path", why, mutate,
                                  statuses=statuses, target=target, method=method,
                                  token_role=None if body_op else "secretariat"))
        return cases

    def query_cases(self):
        cases = []
        q = [
            ("/api/v1/dossiers", "state", [b"flying", b"%FF", b"", b"draft%00"]),
            ("/api/v1/dossiers", "unit_id", [b"%FF%FE", b"", b"a%0Ab", b"u" * 20000]),
            ("/api/v1/dossiers", "campaign_id", [b"%C0%AF", b"", b"%G1", b"c" * 300]),
            ("/api/v1/dossiers", "award", [b"%ED%A0%80", b""]),
            ("/api/v1/dossiers", "overdue", [b"yes", b"1", b"", b"TRUE"]),
            ("/api/v1/dossiers", "due_before", [b"tomorrow", b"2024-13-45", b"2024-07-25T25:00:00Z",
                                                b"%FF", b""]),
            ("/api/v1/dossiers", "limit", [b"0", b"201", b"-1", b"abc", b"1.5",
                                           b"99999999999999999999", b"", b"%FF"]),
            ("/api/v1/dossiers", "cursor", [b"%FF", b"", b"\x01"]),
            ("/api/v1/summary", "campaign_id", [b"", b"%FF", b"a%00b", b"s" * 20000]),
            ("/api/v1/council-sessions", "campaign_id", [b"", b"%FF%FE", b"a%0D%0Ab"]),
        ]
        for path, param, values in q:
            for value in values:
                target = path.encode() + b"?" + param.encode() + b"=" + value
                statuses = (400, 414, 431) if len(value) > 1000 else (400,)
                try:  # a value that decodes to text must be named; bad bytes need not be
                    text = unquote_to_bytes(value).decode("utf-8")
                    plain = (len(value) <= 1000 and not re.search(r"[\x00-\x1f\x7f]", text)
                             and not re.search(rb"%(?![0-9A-Fa-f]{2})", value))
                except UnicodeDecodeError:
                    plain = False
                shown = value if len(value) < 40 else value[:10] + b"...(%d)" % len(value)
                cases.append(Case(path, "bad query parameter", "%s=%s" % (param, shown.decode(
                    "latin-1")), None, statuses=statuses, target=target, method="GET",
                    name=named(param) if plain else None,
                    token_role="secretariat"))
        for path in ("/api/v1/dossiers", "/api/v1/summary?campaign_id=" + REFERENCE,
                     "/api/v1/council-sessions"):
            sep = "&" if "?" in path else "?"
            cases.append(Case(path.split("?")[0], "unknown query parameter", "bogus_param=1",
                              None, statuses=(400,), target=(path + sep + "bogus_param=1").encode(),
                              method="GET", name=named("bogus_param"), token_role="secretariat"))
        for path in ("/api/v1/me", "/api/v1/campaigns", "/api/v1/units", "/api/v1/rule-packs",
                     "/api/v1/clock", "/api/v1/council-sessions", "/api/v1/summary", "/healthz"):
            for raw_tail, why in ((b"%FF", "percent-encoded invalid UTF-8"),
                                  (b"\xc3\x28", "raw invalid UTF-8"), (b"%00", "NUL")):
                cases.append(Case(path, "bad bytes in a path", why, None, statuses=(400, 404),
                                  target=path.encode() + raw_tail, method="GET",
                                  token_role="secretariat"))
        cases.append(Case("/api/v1/summary", "bad query parameter", "campaign_id missing", None,
                          statuses=(400,), target=b"/api/v1/summary", method="GET",
                          name=named("campaign_id"), token_role="secretariat"))
        cases.append(Case("/api/v1/summary", "bad query parameter", "campaign_id=no-such-campaign",
                          None, statuses=(404,), target=b"/api/v1/summary?campaign_id=no-such",
                          method="GET", token_role="secretariat"))
        return cases

    def method_cases(self):
        cases = []
        for template, item in self.schemas.doc["paths"].items():
            path = template.replace("{id}", self.target("hold"))
            for method in ("DELETE", "PATCH", "PUT"):
                if method.lower() in item:
                    continue
                body = None if method == "DELETE" else (lambda b: b"{}")
                cases.append(Case(template, "method the path does not declare", method, body,
                                  statuses=(405,), codes={"method_not_allowed"},
                                  target=path.encode(), method=method, token_role="secretariat"))
        return cases

    # -- running one case ---------------------------------------------------------------------------

    def run(self, case, ops):
        self.count += 1
        op = ops.get(case.op)
        method = case.method or op[0]
        token = self.tokens[case.token_role or op[2]]
        event = case.op[len("event:"):] if case.op.startswith("event:") and case.target is None \
            else None
        for attempt in (0, 1):
            body, before, changed = None, None, None
            if event:  # the version as it is now (the scheduler records reminders meanwhile)
                dossier = self.target(event)
                self.versions[dossier] = self.dossier(dossier)["version"]
            if case.mutate is not None:
                body = case.mutate(op[3]() if op else {})
                if op is not None and case.target is None:
                    self.schema_says_valid(case, body, op)
            target = case.target or op[1]().encode()
            if not event and op is not None and op[4] is not None and case.target is None:
                before = op[4]()
            answer = self.raw.send(method, target, token, body, case.content_type,
                                   case.announce, case.headers)
            if event:
                expected = self.versions[dossier]
                changed = self.dossier_changed(dossier)
                if not changed and self.versions[dossier] != expected and attempt == 0:
                    continue  # a timer's record came between: send the case again
            break
        reasons = self.judge(case, answer, method, target)
        if changed:
            reasons.append(changed)
            self.target(event, fresh=True)
        elif before is not None:
            after = op[4]()
            if after != before:
                reasons.append("the request changed something (count %s -> %s)"
                               % (before, after))
        if reasons:
            self.failures.append((case, reasons, answer, target, body))
            print("FAIL %s" % self.describe(case, reasons, answer, target, body), flush=True)

    def schema_says_valid(self, case, body, op):
        """Notes a variant docs/openapi.yaml itself would accept: the document is silent on it."""
        try:
            text = body.decode("utf-8")
            json.loads(text)
        except (UnicodeDecodeError, ValueError):
            return
        method, template = {
            "createCampaign": ("POST", "/api/v1/campaigns"),
            "createDossier": ("POST", "/api/v1/dossiers"),
            "createCouncilSession": ("POST", "/api/v1/council-sessions"),
            "uploadDossierDocument": ("POST", "/api/v1/dossiers/x/documents"),
            "createUnit": ("POST", "/api/v1/units"), "changeUnit": ("PATCH", "/api/v1/units/x"),
            "createUser": ("POST", "/api/v1/users"), "changeUser": ("PATCH", "/api/v1/users/x"),
            "issueToken": ("POST", "/api/v1/tokens"), "setCommune": ("PUT", "/api/v1/commune"),
        }.get(case.op, ("POST", "/api/v1/dossiers/x/events"))
        try:
            self.validator.check_request(method, template, body, case.content_type)
        except openapi_check.ContractViolation:
            return
        if case.category in ("value outside the schema", "oversized string field"):
            self.doc_allows.setdefault(case.category, []).append("%s %s" % (case.op, case.what))

    def judge(self, case, answer, method, target):
        reasons = []
        if answer.status is None:
            return [answer.error]
        if answer.status >= 500:
            reasons.append("5xx")
        elif answer.status < 400:
            return ["not refused (%d)" % answer.status]
        elif answer.status not in case.statuses:
            reasons.append("status %d, expected %s" % (answer.status,
                                                       "/".join(map(str, sorted(case.statuses)))))
        if not answer.content_type().startswith("application/problem+json"):
            reasons.append("Content-Type %r" % answer.content_type())
        try:
            problem = json.loads(answer.body.decode("utf-8"))
        except UnicodeDecodeError:
            return reasons + ["the body is not UTF-8"]
        except ValueError:
            return reasons + ["the body is not JSON"]
        if not isinstance(problem, dict) or any(k not in problem for k in PROBLEM_KEYS):
            return reasons + ["not a problem object with %s" % "/".join(PROBLEM_KEYS)]
        if problem["status"] != answer.status:
            reasons.append("problem status %r" % problem["status"])
        if case.codes and problem["code"] not in case.codes and answer.status in case.statuses:
            reasons.append("code %s, expected %s" % (problem["code"], "/".join(sorted(case.codes))))
        detail = problem["detail"] if isinstance(problem["detail"], str) else ""
        if case.name and answer.status in (400, 422) and not names(detail, case.name):
            reasons.append("detail does not name %s" % case.name)
        try:
            self.validator.check(method, target.decode("latin-1").split("?")[0], answer.status,
                                 answer.content_type(), answer.body, headers=answer.headers)
        except openapi_check.ContractViolation as violation:
            if "is not declared" in str(violation) and 400 <= answer.status < 500:
                self.notes["%s: status %d not declared in docs/openapi.yaml"
                           % (violation.operation or case.op, answer.status)] += 1
            elif "no path of" in str(violation) and answer.status == 400:
                # A target that is no path at all (bad bytes): the document only promises 404
                # for a path that no route matches.
                self.notes["a malformed request target answers 400; docs/openapi.yaml only "
                           "describes 404 for a path no route matches"] += 1
            else:
                reasons.append("contract: %s" % str(violation)[:200])
        return reasons

    def dossier_changed(self, dossier):
        before = self.versions[dossier]
        now = self.dossier(dossier)
        if now["version"] == before:
            return None
        self.versions[dossier] = now["version"]
        _, trail = self.raw.call("GET", "/api/v1/dossiers/%s/audit" % dossier,
                                 self.tokens["auditor"])
        ours = [r for r in (trail or {}).get("records", [])
                if r["dossier_seq"] > before and r["actor_role"] != "timer"]
        if not ours:
            return None  # only the scheduler's reminders
        return "the dossier changed: version %d -> %d by %s, now %s" % (
            before, now["version"], ",".join(r["event_type"] for r in ours), now["state"])

    def controls(self, ops):
        """Each operation's base body as it is must be accepted: the refusals of the corpus were
        about what the cases varied. (A guard of the lifecycle saying no is only noted.)"""
        problems = []
        for name, (method, path, role, base, _, _) in ops.items():
            body = base()
            target = path()
            answer = self.raw.send(method, target, self.tokens[role], dump(body))
            if answer.status in (200, 201):
                continue
            line = "control: the valid base body of %s %s (%s) -> %s %s" % (
                method, target, name, answer.status, answer.body[:300].decode("utf-8", "replace"))
            if answer.status == 409 and (answer.json() or {}).get("code") == "rejected_transition":
                self.notes[line] += 1
            else:
                problems.append(line)
        return problems

    @staticmethod
    def describe(case, reasons, answer, target, body=None):
        """METHOD 'target' [operation] category: what varied | body | status -> detail | why."""
        shown = target.decode("latin-1")
        shown = shown if len(shown) < 90 else shown[:60] + "...(%d)" % len(shown)
        problem = answer.json() if answer.status else None
        detail = problem.get("detail") if isinstance(problem, dict) else (
            answer.body[:80] if answer.status else "")
        sent = ""
        if body is not None:
            sent = body[:160].decode("utf-8", "backslashreplace")
            sent = " | body %s%s" % (sent, "...(%d bytes)" % len(body) if len(body) > 160 else "")
        return "%s %r [%s] %s%s | %s -> %s | %s" % (
            case.method or ("GET" if case.op.startswith("/") else "POST"), shown, case.op,
            case.category + ": " + case.what, sent, answer.status, str(detail)[:160],
            "; ".join(reasons))


# ---- main ----------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    args = parser.parse_args()
    started = time.time()
    workdir = tempfile.mkdtemp(prefix="tdkt-bad-input-")
    db_url, cleanup = api_e2e.fresh_database(args.backend, workdir, "tdkt_bad")
    openapi = os.path.join(SOURCE, "docs", "openapi.yaml")
    validator = openapi_check.ResponseValidator(openapi)
    schemas = Schemas(openapi_check.load_document(openapi))
    server = Server(args.binary, db_url, workdir)
    final, cases = [], []
    try:
        raw = Raw(server.url)
        run = Run(raw, server.tokens, validator, schemas)
        ops = run.operations()
        cases = run.corpus(ops)
        print("bad input: %d cases generated from docs/openapi.yaml" % len(cases), flush=True)
        for case in cases:
            run.run(case, ops)
            if server.process.poll() is not None:
                final.append("the server exited with %s during %s %s"
                             % (server.process.returncode, case.op, case.what))
                break
        final += run.controls(ops)
        answer = raw.send("GET", "/healthz")
        health = answer.json() or {}
        if answer.status != 200 or health.get("status") != "ok":
            final.append("GET /healthz after the corpus: %s %s" % (answer.status, answer.body[:200]))
    finally:
        code = server.stop()
    if code != 0:
        final.append("tdkt serve stopped on SIGTERM with %s" % code)
    for command in (["audit", "verify", "--db", db_url],
                    ["replay", "--db", db_url, "--rules", os.path.join(SOURCE, "config", "rules"),
                     "--check"]):
        done = subprocess.run([args.binary] + command, capture_output=True, text=True,
                              timeout=300, cwd=SOURCE)
        if done.returncode != 0:
            final.append("tdkt %s: exit %d %s %s" % (" ".join(command[:2]), done.returncode,
                                                     done.stdout[-500:], done.stderr[-500:]))
    if cleanup:
        cleanup()

    by_category = collections.OrderedDict()
    for case, reasons, answer, target, body in run.failures:
        reason = reasons[0]
        kind = re.split(r"[:(]", reason)[0].strip() if reason.startswith(
            ("the dossier changed", "the request changed", "contract")) else reason[:80]
        key = (case.category, kind)
        by_category.setdefault(key, []).append((case.op, Run.describe(case, reasons, answer,
                                                                      target, body)))
    if by_category:
        print("\nfailing categories (category | reason: count [operations]; first example):")
        for (category, kind), examples in by_category.items():
            operations = sorted({op for op, _ in examples})
            print("  %s | %s: %d [%s]\n      e.g. %s" % (
                category, kind, len(examples), ", ".join(operations)[:300], examples[0][1]))
    if run.doc_allows:
        print("\nvariants that docs/openapi.yaml itself accepts (it is silent on them): %d"
              % len(run.doc_allows))
        for category, whats in run.doc_allows.items():
            print("  %s (%d): %s" % (category, len(whats), "; ".join(whats)[:400]))
    for note, n in sorted(run.notes.items()):
        print("note: %s (%d)" % (note, n))
    for line in final:
        print("FAIL:", line)
    print("\ncases by category: %s" % ", ".join(
        "%s %d" % item for item in collections.Counter(c.category for c in cases).items()))
    failed = len(run.failures)
    enough = run.count >= 300
    print("\nbad input on %s: %d cases, %d failed%s; %.0f s"
          % (args.backend, run.count, failed, "" if enough else " (fewer than 300 cases)",
             time.time() - started))
    if failed or final or not enough:
        print("the server's log is in %s" % workdir)
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
