#!/usr/bin/env python3
"""Self-test of tests/tools/openapi_check.py: it must reject what is broken and accept what is not.

  python3 tests/tools/openapi_check_selftest.py      exit 0 "ok: N checks", or 1 listing failures

Documents: docs/openapi.yaml and a small good document pass; copies broken one way each (an
unresolved $ref, an undeclared path parameter, `openapi` as a number, ...) fail with a problem at
the expected JSON pointer. Responses and requests: good bodies for docs/openapi.yaml pass; bodies
that drift (an extra property, a wrong type, a missing required property, null where not
nullable, ...) fail naming the operation, the status and the pointer. The command line is run
too.
"""

import copy
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import openapi_check as oc  # noqa: E402

OPENAPI = oc.DEFAULT_OPENAPI
TOOL = os.path.join(HERE, "openapi_check.py")

failures = []
checks = 0


def expect(condition, what):
    global checks
    checks += 1
    if not condition:
        failures.append(what)


# ---- documents -------------------------------------------------------------------------------

GOOD_DOC = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "security": [{"bearer": []}],
    "paths": {
        "/things/{id}": {
            "parameters": [{"$ref": "#/components/parameters/Id"}],
            "get": {
                "operationId": "getThing",
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Thing"}}}},
                    "404": {"$ref": "#/components/responses/NotFound"},
                },
            },
        },
        "/things": {
            "get": {
                "operationId": "listThings",
                "parameters": [{"name": "limit", "in": "query",
                                "schema": {"type": "integer", "minimum": 1}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"type": "array",
                               "items": {"$ref": "#/components/schemas/Thing"}}}}}},
            },
        },
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "parameters": {"Id": {"name": "id", "in": "path", "required": True,
                              "schema": {"type": "string"}}},
        "responses": {"NotFound": {"description": "nf", "content": {"application/problem+json": {
            "schema": {"type": "object"}}}}},
        "schemas": {"Thing": {"type": "object", "additionalProperties": False,
                              "required": ["id"], "properties": {"id": {"type": "string"}}}},
    },
}


def write_doc(directory, name, doc, as_text=None):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        if as_text is not None:
            f.write(as_text)
        else:
            json.dump(doc, f, ensure_ascii=False, indent=1)
    return path


def broken(mutate):
    doc = copy.deepcopy(GOOD_DOC)
    mutate(doc)
    return doc


BROKEN_DOCS = [
    # (name, mutation, JSON pointer the problem must be reported at, words the message must hold)
    ("unresolved $ref",
     lambda d: d["paths"]["/things"]["get"]["responses"]["200"]["content"]["application/json"]
     ["schema"]["items"].update({"$ref": "#/components/schemas/Thingy"}),
     "/paths/~1things/get/responses/200/content/application~1json/schema/items/$ref",
     "does not resolve"),
    ("unresolved $ref to a response",
     lambda d: d["paths"]["/things/{id}"]["get"]["responses"].update(
         {"404": {"$ref": "#/components/responses/Missing"}}),
     "/paths/~1things~1{id}/get/responses/404/$ref", "does not resolve"),
    ("$ref to the wrong kind of component",
     lambda d: d["paths"]["/things/{id}"]["get"]["responses"].update(
         {"404": {"$ref": "#/components/schemas/Thing"}}),
     "/paths/~1things~1{id}/get/responses/404/$ref", "components/responses"),
    ("external $ref",
     lambda d: d["components"]["schemas"].update({"Other": {"$ref": "other.yaml#/X"}}),
     "/components/schemas/Other/$ref", "external"),
    ("undeclared path parameter",
     lambda d: d["paths"]["/things/{id}"].pop("parameters"),
     "/paths/~1things~1{id}/get", "{id}"),
    ("path parameter not in the template",
     lambda d: d["paths"]["/things"]["get"]["parameters"].append(
         {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}),
     "/paths/~1things/get", "not in the path template"),
    ("openapi is a number",
     lambda d: d.update({"openapi": 3.1}), "/openapi", "not of type 'string'"),
    ("openapi is 3.0",
     lambda d: d.update({"openapi": "3.0.3"}), "/openapi", "does not match"),
    ("info without version",
     lambda d: d["info"].pop("version"), "/info", "version"),
    ("misspelt operation field",
     lambda d: d["paths"]["/things"]["get"].update({"respones": {}}),
     "/paths/~1things/get", "respones"),
    ("response without description",
     lambda d: d["paths"]["/things"]["get"]["responses"]["200"].pop("description"),
     "/paths/~1things/get/responses/200", "description"),
    ("path parameter not required",
     lambda d: d["components"]["parameters"]["Id"].update({"required": False}),
     "/components/parameters/Id/required", "True was expected"),
    ("duplicate operationId",
     lambda d: d["paths"]["/things"]["get"].update({"operationId": "getThing"}),
     "/paths/~1things/get/operationId", "getThing"),
    ("invalid component schema",
     lambda d: d["components"]["schemas"]["Thing"].update({"required": "id"}),
     "/components/schemas/Thing/required", "2020-12"),
    ("invalid parameter schema",
     lambda d: d["paths"]["/things"]["get"]["parameters"][0]["schema"].update({"minimum": "1"}),
     "/paths/~1things/get/parameters/0/schema/minimum", "2020-12"),
    ("undeclared security scheme",
     lambda d: d.update({"security": [{"token": []}]}), "/security/0/token", "not declared"),
]


def test_documents(tmp):
    problems = oc.validate_doc(OPENAPI)
    expect(problems == [], "docs/openapi.yaml should be valid, got: %s" % problems)

    good = write_doc(tmp, "good.json", GOOD_DOC)
    problems = oc.validate_doc(good)
    expect(problems == [], "the small good document should be valid, got: %s" % problems)

    for name, mutate, where, words in BROKEN_DOCS:
        path = write_doc(tmp, "broken.json", broken(mutate))
        problems = oc.validate_doc(path)
        hit = [m for p, m in problems if p == where and words in m]
        expect(hit, "%s: expected a problem at %s mentioning %r, got: %s"
               % (name, where, words, problems))

    yaml_cases = [
        ("unquoted YAML date", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
         "components:\n  schemas:\n    D: {type: string, default: 2024-07-22}\n",
         "/components/schemas/D/default", "timestamp"),
        ("unquoted status code", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n"
         "  /a:\n    get:\n      responses:\n        200: {description: ok}\n",
         "/paths/~1a/get/responses/200", "not a string"),
        ("unquoted yes in an enum", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
         "components:\n  schemas:\n    A: {type: string, enum: [maybe, yes]}\n",
         "", "line 6: unquoted 'yes'"),
        ("openapi as a YAML number", "openapi: 3.1\ninfo: {title: t, version: '1'}\npaths: {}\n",
         "/openapi", "not of type 'string'"),
    ]
    for name, text, where, words in yaml_cases:
        path = write_doc(tmp, "case.yaml", None, as_text=text)
        problems = oc.validate_doc(path)
        hit = [m for p, m in problems if p == where and words in m]
        expect(hit, "%s: expected a problem at %s mentioning %r, got: %s"
               % (name, where, words, problems))

    for name, text, words in [
            ("duplicate YAML key", "openapi: 3.1.0\nopenapi: 3.1.1\n", "duplicate key"),
            ("unquoted yes", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
             "x-flag: yes\n", "line 4: unquoted 'yes'"),
            ("not YAML", "openapi: [3.1.0\n", "not valid YAML")]:
        path = write_doc(tmp, "bad.yaml", None, as_text=text)
        problems = oc.validate_doc(path)
        expect(len(problems) == 1 and words in problems[0][1],
               "%s should be refused mentioning %r, got: %s" % (name, words, problems))

    # The command line: exit 0 with one line, 1 with a line per problem.
    run = subprocess.run([sys.executable, TOOL, "validate-doc", OPENAPI],
                         capture_output=True, text=True)
    expect(run.returncode == 0 and run.stdout.startswith("ok: ") and
           run.stdout.count("\n") == 1,
           "validate-doc docs/openapi.yaml: rc=%d out=%r err=%r"
           % (run.returncode, run.stdout, run.stderr))
    path = write_doc(tmp, "broken.json", broken(BROKEN_DOCS[0][1]))
    run = subprocess.run([sys.executable, TOOL, "validate-doc", path],
                         capture_output=True, text=True)
    expect(run.returncode == 1 and BROKEN_DOCS[0][2] in run.stdout,
           "validate-doc of a broken document: rc=%d out=%r" % (run.returncode, run.stdout))
    run = subprocess.run([sys.executable, TOOL, "validate-doc", os.path.join(tmp, "none.yaml")],
                         capture_output=True, text=True)
    expect(run.returncode == 2, "validate-doc of a missing file: rc=%d" % run.returncode)


# ---- responses and requests ------------------------------------------------------------------

TS = "2024-07-22T01:00:00Z"
HASH = "ab" * 32


def dossier(**changes):
    d = {
        "id": "d-0001", "campaign_id": "bl-2024", "unit_id": "thon-1",
        "nominee": {"id": "n-1", "kind": "individual", "name": "Lò Thị Hoa",
                    "direct_worker": True, "female": True},
        "award": "giay_khen_xa", "state": "appraisal", "held_from": None, "version": 5,
        "rule_pack": "thanh_hoa_2024", "supplement_requests": 0,
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ",
        "documents": ["submission_letter", "achievement_report", "review_minutes"],
        "rejected_at": None, "outcome_reason": "", "higher_decision_number": "",
        "submission_number": None, "decision_number": None,
        "decision_id": None, "submission_id": None, "register_number": None, "prize_vnd": None,
        "authority_pack": "thanh_hoa_2024", "unit_successor": None, "needs_transfer": False,
        "deadlines": {"appraisal": "2024-08-20T10:00:00Z"}, "provisional_deadlines": [],
        "next_deadline_at": "2024-08-20T10:00:00Z", "overdue": False,
        "allowed_events": ["appraise_pass", "appraise_fail", "hold"],
    }
    d.update(changes)
    return {k: v for k, v in d.items() if v is not REMOVE}


REMOVE = object()


def problem(status, code):
    return {"type": "about:blank", "title": "t", "status": status, "code": code,
            "detail": "dossier is in appraisal; council_vote needs council_review"}


def enc(value):
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


JSON = "application/json"
PROBLEM = "application/problem+json"

GOOD_RESPONSES = [
    ("GET", "/healthz", 200, JSON, {"status": "ok", "database": "sqlite", "schema_version": 5,
                                     "version": "0.1.0"}),
    ("GET", "/metrics", 200, "text/plain; version=0.0.4; charset=utf-8",
     b"# HELP tdkt_up 1\ntdkt_up 1\n"),
    ("GET", "/api/v1/version", 200, JSON, {"name": "tdkt", "version": "0.1.0",
                                            "schema_version": 5}),
    ("GET", "/api/v1/me", 200, JSON,
     {"id": "u-1", "name": "Hà Văn Bình", "role": "unit_officer", "unit_id": "thon-1"}),
    ("GET", "/api/v1/me", 200, JSON,
     {"id": "u-2", "name": "Nguyễn Thị C", "role": "secretariat", "unit_id": None}),
    ("GET", "/api/v1/clock", 200, JSON, {"now": "2024-07-22T01:00:05Z", "demo": True}),
    ("GET", "/api/v1/dossiers/d-0001", 200, JSON, dossier()),
    ("GET", "/api/v1/dossiers/d-0001", 200, "application/json; charset=utf-8", dossier()),
    ("GET", "/api/v1/dossiers?state=appraisal&limit=2", 200, JSON,
     {"items": [dossier(allowed_events=REMOVE)], "next_cursor": "b3BhcXVl"}),
    ("GET", "/api/v1/dossiers", 200, JSON, {"items": [], "next_cursor": None}),
    ("POST", "/api/v1/dossiers/d-0001/events", 200, JSON,
     {"dossier": dossier(state="council_review", version=6, allowed_events=["hold"]),
      "event": {"type": "appraise_pass", "version": 6, "seq": 41, "hash": HASH, "numbers": []},
      "replayed": False}),
    ("POST", "/api/v1/dossiers/d-0001/events", 409, PROBLEM, problem(409, "rejected_transition")),
    ("GET", "/api/v1/dossiers/d-0001/audit", 200, JSON,
     {"dossier_id": "d-0001", "verified": True, "records": [
         {"seq": 1, "dossier_seq": 1, "event_type": "create", "payload": {"anything": 1},
          "actor_id": "u-1", "actor_role": "unit_officer", "actor_unit": "thon-1",
          "occurred_at": TS, "request_id": "r-1", "rule_pack": None, "prev_hash": "0" * 64,
          "hash": HASH},
         {"seq": 9, "dossier_seq": 2, "event_type": "council_vote",
          "payload": {"command": {"session": "s-1", "members": 9, "present": 7, "yes": 6,
                                  "no": 1}, "from": "council_review", "to": "public_notice"},
          "actor_id": "u-2", "actor_role": "secretariat", "actor_unit": None,
          "occurred_at": TS, "request_id": "r-2", "rule_pack": "thanh_hoa_2024",
          "prev_hash": HASH, "hash": HASH},
         {"seq": 12, "dossier_seq": 3, "event_type": "approve",
          "payload": {"command": {}, "from": "chairman_decision", "to": "approved",
                      "numbers": ["15/QĐ-UBND"]},
          "actor_id": "u-3", "actor_role": "chairman", "actor_unit": None,
          "occurred_at": TS, "request_id": "r-3", "rule_pack": "thanh_hoa_2024",
          "prev_hash": HASH, "hash": HASH}]}),
    ("GET", "/api/v1/summary?campaign_id=bl-2024", 200, JSON,
     {"campaign_id": "bl-2024", "total": 7, "overdue": 1, "by_state": {"draft": 3, "approved": 4},
      "by_award": {"giay_khen_xa": 5, "lao_dong_tien_tien": 2}, "by_unit": {"thon-1": 7}}),
    ("DELETE", "/api/v1/dossiers/d-0001", 405, PROBLEM, problem(405, "method_not_allowed")),
    ("GET", "/api/v1/nowhere", 404, PROBLEM, problem(404, "not_found")),
]

# (name, method, path, status, content type, body, pointer expected or None, words in the message)
BAD_RESPONSES = [
    ("extra property", "GET", "/api/v1/dossiers/d-0001", 200, JSON, dossier(colour="red"),
     "", "'colour' was unexpected"),
    ("wrong type", "GET", "/api/v1/dossiers/d-0001", 200, JSON, dossier(version="5"),
     "/version", "not of type 'integer'"),
    ("missing required property", "GET", "/api/v1/dossiers/d-0001", 200, JSON,
     dossier(decision_number=REMOVE), "", "'decision_number' is a required property"),
    ("null where not nullable", "GET", "/api/v1/dossiers/d-0001", 200, JSON,
     dossier(outcome_reason=None), "/outcome_reason", "not of type 'string'"),
    ("nested wrong enum", "GET", "/api/v1/dossiers/d-0001", 200, JSON,
     dossier(nominee={"id": "n", "kind": "robot", "name": "x", "direct_worker": False,
                      "female": False}), "/nominee/kind", "'robot'"),
    ("unknown deadline kind", "GET", "/api/v1/dossiers/d-0001", 200, JSON,
     dossier(deadlines={"ceremony": TS}), "/deadlines", "ceremony"),
    ("time not in UTC", "GET", "/api/v1/clock", 200, JSON,
     {"now": "2024-07-22T08:00:05+07:00", "demo": False}, "/now", "does not match"),
    ("missing allowed_events", "GET", "/api/v1/dossiers/d-0001", 200, JSON,
     dossier(allowed_events=REMOVE), "", "allowed_events"),
    ("allowed_events in a list", "GET", "/api/v1/dossiers", 200, JSON,
     {"items": [dossier()], "next_cursor": None}, "/items/0", "must not match"),
    ("next_cursor missing", "GET", "/api/v1/dossiers", 200, JSON, {"items": []}, "",
     "next_cursor"),
    ("bad hash", "POST", "/api/v1/dossiers/d-0001/events", 200, JSON,
     {"dossier": dossier(), "event": {"type": "accept", "version": 6, "seq": 1, "hash": "XYZ",
                                      "numbers": []}, "replayed": False},
     "/event/hash", "does not match"),
    ("audit command does not fit its event", "GET", "/api/v1/dossiers/d-0001/audit", 200, JSON,
     {"dossier_id": "d-0001", "verified": True, "records": [
         {"seq": 2, "dossier_seq": 2, "event_type": "hold",
          "payload": {"command": {"reason": "kỷ luật"}, "from": "appraisal", "to": "on_hold"},
          "actor_id": "u-2", "actor_role": "secretariat", "actor_unit": None,
          "occurred_at": TS, "request_id": "r", "rule_pack": None, "prev_hash": HASH,
          "hash": HASH}]},
     "/records/0/payload/command", "legal_ground"),
    ("problem code does not fit the status", "GET", "/api/v1/dossiers/d-0001", 404, PROBLEM,
     problem(404, "forbidden"), "/code", "not_found"),
    ("problem with an extra member", "GET", "/api/v1/dossiers/d-0001", 403, PROBLEM,
     dict(problem(403, "forbidden"), instance="/x"), "", "'instance' was unexpected"),
    ("problem as application/json", "GET", "/api/v1/dossiers/d-0001", 404, JSON,
     problem(404, "not_found"), None, "content type"),
    ("undeclared status", "GET", "/api/v1/me", 418, PROBLEM, problem(418, "internal"), None,
     "not declared"),
    ("undeclared route", "GET", "/api/v1/nowhere", 200, JSON, {}, None, "no path"),
    ("undeclared method", "PUT", "/api/v1/me", 200, JSON, {}, None, "declares no PUT"),
    ("metrics without the version parameter", "GET", "/metrics", 200, "text/plain", b"x 1\n",
     None, "content type"),
    ("not JSON", "GET", "/api/v1/me", 200, JSON, b"{not json", "", "not JSON"),
    ("duplicate JSON key", "GET", "/api/v1/version", 200, JSON,
     b'{"name": "tdkt", "name": "tdkt", "version": "0.1.0"}', "", "duplicate"),
    ("healthz with a field the contract does not have", "GET", "/healthz", 200, JSON,
     {"status": "ok", "database": "sqlite", "schema_version": 5, "version": "0.1.0",
      "backend": "sqlite"}, "", "unexpected"),
]

GOOD_REQUESTS = [
    ("POST", "/api/v1/dossiers", {"campaign_id": "bl-2024", "unit_id": "thon-1",
                                  "nominee": {"kind": "household", "name": "Hộ ông Lò Văn D",
                                              "direct_worker": True},
                                  "award": "gia_dinh_van_hoa"}),
    ("POST", "/api/v1/dossiers/d-0001/events",
     {"type": "council_vote", "payload": {"session": "s-1", "yes": 6, "no": 1},
      "request_id": "r-7", "expected_version": 5}),
    ("POST", "/api/v1/dossiers/d-0001/events",
     {"type": "higher_decision", "payload": {"decision_number": "88/QĐ-UBND",
                                              "decided_on": "2024-09-02", "approved": True,
                                              "reason": ""}, "request_id": "r-8"}),
    ("POST", "/api/v1/dossiers/d-0001/events",
     {"type": "accept", "payload": {}, "request_id": "r-9"}),
    ("POST", "/api/v1/dossiers/d-0001/documents",
     {"kind": "achievement_report", "file_name": "bao-cao.pdf", "content_base64": "JVBERi0="}),
    ("POST", "/api/v1/council-sessions",
     {"campaign_id": "bl-2024", "date": "2024-08-05", "place": "Hội trường UBND xã",
      "chair": "Hà Văn Thắng",
      "members": [{"name": "Hà Văn Thắng", "role": "chu_tich", "present": True},
                  {"name": "Phạm Thị Lan", "role": "uy_vien", "present": False}],
      "agenda": ["d-0001"]}),
    ("POST", "/api/v1/campaigns",
     {"id": "bl-2024", "name": "Thi đua 75 năm", "allowed_awards": ["giay_khen_xa"],
      "nomination_cutoff": "2024-07-31", "ceremony": None, "public_notice_working_days": 5}),
]

BAD_REQUESTS = [
    ("payload of another event", "POST", "/api/v1/dossiers/d-0001/events",
     {"type": "hold", "payload": {"reason": "x"}, "request_id": "r"}, "/payload",
     "legal_ground"),
    ("unknown payload field", "POST", "/api/v1/dossiers/d-0001/events",
     {"type": "accept", "payload": {"note": "x"}, "request_id": "r"}, "/payload", ""),
    ("missing request_id", "POST", "/api/v1/dossiers/d-0001/events",
     {"type": "accept", "payload": {}}, "", "request_id"),
    ("unknown event", "POST", "/api/v1/dossiers/d-0001/events",
     {"type": "promote", "payload": {}, "request_id": "r"}, "/type", "promote"),
    ("unknown nominee kind", "POST", "/api/v1/dossiers",
     {"campaign_id": "c", "unit_id": "u", "nominee": {"kind": "company", "name": "x"},
      "award": "a"}, "/nominee/kind", "company"),
    ("bad base64", "POST", "/api/v1/dossiers/d-0001/documents",
     {"kind": "review_minutes", "file_name": "a.pdf", "content_base64": "!!"},
     "/content_base64", "does not match"),
    ("no body", "POST", "/api/v1/council-sessions", b"", None, "required"),
    ("a person without direct_worker and female", "POST", "/api/v1/dossiers",
     {"campaign_id": "c", "unit_id": "u", "nominee": {"kind": "individual", "name": "x"},
      "award": "a"}, "/nominee", "direct_worker"),
    ("a campaign allowing no award", "POST", "/api/v1/campaigns",
     {"id": "c", "name": "n", "allowed_awards": [], "nomination_cutoff": "2024-07-31"},
     "/allowed_awards", "[]"),
    ("a body where none is taken", "GET", "/api/v1/me", b"{}", None, "no request body"),
]


def test_responses():
    v = oc.ResponseValidator(OPENAPI)
    for method, path, status, ctype, body in GOOD_RESPONSES:
        raw = body if isinstance(body, bytes) else enc(body)
        try:
            v.check(method, path, status, ctype, raw)
            expect(True, "")
        except oc.ContractViolation as e:
            expect(False, "good response %s %s %d was refused:\n%s" % (method, path, status, e))

    for name, method, path, status, ctype, body, where, words in BAD_RESPONSES:
        raw = body if isinstance(body, bytes) else enc(body)
        try:
            v.check(method, path, status, ctype, raw)
            expect(False, "%s: %s %s %d was accepted" % (name, method, path, status))
        except oc.ContractViolation as e:
            text = str(e)
            ok = words in text and (where is None or
                                    any(p == where for p, _, _ in e.errors))
            # The message names the operation and the status (when a route matched).
            if e.operation is not None:
                ok = ok and e.operation.split(" (")[0] in text and str(status) in text
            expect(ok, "%s: expected pointer %r and %r in the error, got pointers %s:\n%s"
                   % (name, where, words, [p for p, _, _ in e.errors], text))

    # The required WWW-Authenticate header of a 401, when headers are given.
    body = enc(problem(401, "unauthorized"))
    try:
        v.check("GET", "/api/v1/me", 401, PROBLEM, body,
                headers={"www-authenticate": 'Bearer realm="tdkt"'})
        expect(True, "")
    except oc.ContractViolation as e:
        expect(False, "401 with its header was refused: %s" % e)
    for headers in ({}, {"WWW-Authenticate": "Basic"}):
        try:
            v.check("GET", "/api/v1/me", 401, PROBLEM, body, headers=headers)
            expect(False, "401 with headers %r was accepted" % headers)
        except oc.ContractViolation as e:
            expect("WWW-Authenticate" in str(e), "401 header error: %s" % e)

    for method, path, body in GOOD_REQUESTS:
        try:
            v.check_request(method, path, body)
            v.check_request(method, path, enc(body))
            expect(True, "")
        except oc.ContractViolation as e:
            expect(False, "good request %s %s was refused:\n%s" % (method, path, e))
    for name, method, path, body, where, words in BAD_REQUESTS:
        try:
            v.check_request(method, path, body)
            expect(False, "%s: request %s %s was accepted" % (name, method, path))
        except oc.ContractViolation as e:
            ok = words in str(e) and (where is None or any(p == where for p, _, _ in e.errors))
            expect(ok, "%s: expected pointer %r and %r, got %s:\n%s"
                   % (name, where, words, [p for p, _, _ in e.errors], e))

    # The command line.
    run = subprocess.run([sys.executable, TOOL, "check-response", "GET", "/api/v1/me", "200", JSON],
                         input=enc(GOOD_RESPONSES[3][4]), capture_output=True)
    expect(run.returncode == 0 and run.stdout.startswith(b"ok: "),
           "check-response good: rc=%d out=%r err=%r" % (run.returncode, run.stdout, run.stderr))
    run = subprocess.run([sys.executable, TOOL, "check-response", "GET", "/api/v1/me", "200", JSON],
                         input=enc({"id": "u", "name": "n", "role": "mayor", "unit_id": None}),
                         capture_output=True)
    expect(run.returncode == 1 and b"/role" in run.stdout and b"getMe" in run.stdout,
           "check-response bad: rc=%d out=%r" % (run.returncode, run.stdout))
    run = subprocess.run([sys.executable, TOOL, "check-request", "POST",
                          "/api/v1/dossiers/x/events"],
                         input=enc({"type": "accept", "payload": {}}), capture_output=True)
    expect(run.returncode == 1 and b"request_id" in run.stdout,
           "check-request bad: rc=%d out=%r" % (run.returncode, run.stdout))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_documents(tmp)
    test_responses()
    if failures:
        for failure in failures:
            print("FAIL: " + failure)
        print("%d of %d checks failed" % (len(failures), checks))
        return 1
    print("ok: %d checks" % checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
