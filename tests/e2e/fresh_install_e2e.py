#!/usr/bin/python3
"""A fresh install end to end, against the real tdkt binary, on one backend, with no demo.

As a commune that has just installed tdkt would, without writing SQL:

  * `tdkt migrate` an empty database, then `tdkt init` creates the first admin and prints their
    token once (a second `tdkt init` is refused);
  * `tdkt serve` (no demo, the system clock); with the admin's token, over HTTP: the commune's
    settings, units, users (a unit officer, a unit head, the secretariat, the Chairman), their
    tokens, and a campaign;
  * with those tokens, one dossier from draft to approved: submit, unit_approve, accept,
    appraise_pass, a council session recorded and its council_vote, approve;
  * the admin's rules: every other role gets 403 on the admin's routes; a retired unit takes no
    new draft (422 naming dossier.unit_id); a revoked token is 401; the last admin stays;
  * the CLI's administration commands (`unit`, `user disable|enable|change|list`, `token`,
    `commune`);
  * the administrative log over HTTP (admin and auditor; 403 for the others), verified;
  * every response checked against docs/openapi.yaml; at the end `tdkt audit verify` (the
    dossier and the administrative stream "@admin") and `tdkt replay --check` exit 0.

Usage: fresh_install_e2e.py --binary PATH --backend sqlite|postgresql
PostgreSQL: a fresh database is created on the server named by TDKT_TEST_PG_DSN.
Exit 0 when every check passed; otherwise the failures are printed and the exit code is 1.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import openapi_check  # noqa: E402
from api_e2e import ALL_DOCS, Client, Failures, Server, fresh_database  # noqa: E402

ADMIN_ROUTES = [
    ("POST", "/api/v1/units", {"id": "thon-x", "name": "Thôn X", "kind": "village"}),
    ("PATCH", "/api/v1/units/thon-1", {"name": "Thôn Y"}),
    ("GET", "/api/v1/users", None),
    ("POST", "/api/v1/users", {"id": "u-x", "name": "X", "role": "auditor"}),
    ("PATCH", "/api/v1/users/cb-thon-1", {"active": False}),
    ("GET", "/api/v1/tokens", None),
    ("POST", "/api/v1/tokens", {"user_id": "cb-thon-1"}),
    ("DELETE", "/api/v1/tokens/cb-thon-1", None),
    ("PUT", "/api/v1/commune", {"name": "X", "province": "X", "issuer_symbol": "X",
                                "chairman_name": "X", "chairman_title": "X"}),
]


def run(binary, *args, timeout=120):
    return subprocess.run([binary] + list(args), capture_output=True, text=True, timeout=timeout)


def first_run(binary, db_url, failures):
    """migrate + init; returns the admin's token."""
    migrated = run(binary, "migrate", "--db", db_url)
    failures.check(migrated.returncode == 0, "tdkt migrate: %s %s"
                   % (migrated.stdout, migrated.stderr))
    init = run(binary, "init", "--db", db_url, "--admin-id", "quan-tri",
               "--admin-name", "Nguyễn Văn Quản")
    token = init.stdout.strip()
    failures.check(init.returncode == 0 and re.fullmatch(r"tdkt_[A-Za-z0-9_-]{43}", token),
                   "tdkt init prints the admin's token once: %r %r" % (init.stdout, init.stderr))
    again = run(binary, "init", "--db", db_url, "--admin-id", "quan-tri-2",
                "--admin-name", "Người khác")
    failures.check(again.returncode == 2 and again.stdout == ""
                   and "admin already" in again.stderr,
                   "a second tdkt init is refused: %d %r %r"
                   % (again.returncode, again.stdout, again.stderr))
    return token


def administer(client, admin, failures):
    """The admin sets the commune up over HTTP; returns a token per role."""
    def expect(answer, status, what):
        failures.check(answer[0] == status, "%s: expected %d, got %d %s"
                       % (what, status, answer[0], answer[1]))
        return answer[1]

    commune = {"name": "UBND xã Bình Lương", "province": "Thanh Hóa", "issuer_symbol": "UBND",
               "chairman_name": "Lê Văn Bình", "chairman_title": "Chủ tịch UBND xã"}
    expect(client.call("GET", "/api/v1/commune", admin), 404, "the commune before it is set")
    expect(client.call("PUT", "/api/v1/commune", admin, commune), 200, "set the commune")
    got = expect(client.call("GET", "/api/v1/commune", admin), 200, "read the commune")
    failures.check(got == commune, "the commune as set: %s" % got)
    bad = expect(client.call("PUT", "/api/v1/commune", admin,
                             dict(commune, issuer_symbol="UB/ND")), 422, "a bad symbol")
    failures.check("commune.issuer_symbol" in bad.get("detail", ""), "names the field: %s" % bad)

    expect(client.call("POST", "/api/v1/units", admin,
                       {"id": "ubnd-xa", "name": "UBND xã", "kind": "agency", "parent": None}),
           201, "create the commune's office")
    unit = expect(client.call("POST", "/api/v1/units", admin,
                              {"id": "thon-1", "name": "Thôn 1", "kind": "village",
                               "parent": "ubnd-xa"}), 201, "create a village")
    failures.check(unit == {"id": "thon-1", "name": "Thôn 1", "kind": "village",
                            "parent": "ubnd-xa", "retired": False,
                            "succession": None}, "the unit: %s" % unit)
    expect(client.call("POST", "/api/v1/units", admin,
                       {"id": "thon-1", "name": "Thôn 1", "kind": "village"}), 409,
           "the same unit twice")
    renamed = expect(client.call("PATCH", "/api/v1/units/thon-1", admin,
                                 {"name": "Thôn Lang Sung"}), 200, "rename a unit")
    failures.check(renamed.get("name") == "Thôn Lang Sung", "renamed: %s" % renamed)
    cycle = expect(client.call("PATCH", "/api/v1/units/ubnd-xa", admin, {"parent": "thon-1"}),
                   422, "a unit under its own child")
    failures.check("unit.parent" in cycle.get("detail", ""), "names the field: %s" % cycle)
    expect(client.call("POST", "/api/v1/units", admin,
                       {"id": "thon-2", "name": "Thôn 2", "kind": "village"}), 201,
           "create a second village")
    retired = expect(client.call("PATCH", "/api/v1/units/thon-2", admin, {"retired": True}), 200,
                     "retire it")
    failures.check(retired.get("retired") is True, "retired: %s" % retired)

    people = [("cb-thon-1", "Lò Văn Cán", "unit_officer", "thon-1"),
              ("tt-thon-1", "Hà Thị Trưởng", "unit_head", "thon-1"),
              ("vp-tdkt", "Lê Thị Thư", "secretariat", None),
              ("chu-tich", "Lê Văn Bình", "chairman", None),
              ("thanh-tra", "Phạm Văn Tra", "auditor", None)]
    tokens = {"admin": admin}
    for user_id, name, role, unit_id in people:
        body = {"id": user_id, "name": name, "role": role, "unit": unit_id,
                "email": user_id + "@binhluong.example"}
        created = expect(client.call("POST", "/api/v1/users", admin, body), 201,
                         "create user " + user_id)
        failures.check(created.get("active") is True and created.get("unit") == unit_id,
                       "the user as created: %s" % created)
        issued = expect(client.call("POST", "/api/v1/tokens", admin, {"user_id": user_id}), 201,
                        "issue a token to " + user_id)
        tokens[role] = issued.get("token")
    no_unit = expect(client.call("POST", "/api/v1/users", admin,
                                 {"id": "cb-x", "name": "X", "role": "unit_officer"}), 422,
                     "a unit officer without a unit")
    failures.check("user." in no_unit.get("detail", ""), "names the field: %s" % no_unit)
    expect(client.call("POST", "/api/v1/users", admin,
                       {"id": "cb-thon-2", "name": "X", "role": "unit_officer",
                        "unit": "thon-2"}), 422, "a user of a retired unit")
    expect(client.call("PATCH", "/api/v1/users/quan-tri", admin, {"active": False}), 409,
           "disabling the last admin")
    expect(client.call("POST", "/api/v1/tokens", admin, {"user_id": "nobody"}), 422,
           "a token for nobody")

    status, me = client.call("GET", "/api/v1/me", tokens["unit_officer"])
    failures.check(status == 200 and me.get("unit_id") == "thon-1", "the officer: %s" % me)
    listed = expect(client.call("GET", "/api/v1/tokens", admin), 200, "list the tokens")
    holders = {item["user_id"]: item for item in listed.get("items", [])}
    failures.check(set(holders) == {"quan-tri", "cb-thon-1", "tt-thon-1", "vp-tdkt", "chu-tich",
                                    "thanh-tra"}, "every holder listed: %s" % sorted(holders))
    failures.check(holders.get("cb-thon-1", {}).get("last_used_at") is not None
                   and holders.get("thanh-tra", {}).get("last_used_at") is None,
                   "last use noted for the officer only: %s" % holders)
    users = expect(client.call("GET", "/api/v1/users", admin), 200, "list the users")
    failures.check(len(users.get("items", [])) == 6, "six users: %s" % users)
    return tokens


def forbidden(client, tokens, failures):
    for role in ["unit_officer", "unit_head", "secretariat", "chairman", "auditor"]:
        for method, path, body in ADMIN_ROUTES:
            status, answer = client.call(method, path, tokens[role], body)
            failures.check(status == 403 and answer.get("code") == "forbidden",
                           "%s %s by %s: expected 403, got %d %s"
                           % (method, path, role, status, answer))
    status, _ = client.call("GET", "/api/v1/commune", tokens["chairman"])
    failures.check(status == 200, "everyone reads the commune's settings: %d" % status)
    for role in ["unit_officer", "unit_head", "secretariat", "chairman"]:
        status, _ = client.call("GET", "/api/v1/admin-log", tokens[role])
        failures.check(status == 403, "GET /api/v1/admin-log by %s: expected 403, got %d"
                       % (role, status))
    for role in ["admin", "auditor"]:
        status, log = client.call("GET", "/api/v1/admin-log", tokens[role])
        records = log.get("records", []) if status == 200 else []
        failures.check(status == 200 and log.get("verified") is True and len(records) > 10
                       and records[0]["event_type"] == "user_add"
                       and records[0]["actor_id"] == "cli",
                       "the administrative log read by %s: %d %s" % (role, status, log))
        renamed = [r for r in records if r["event_type"] == "unit_change"
                   and r["payload"]["target"] == "thon-1"]
        failures.check(bool(renamed) and renamed[0]["payload"]["before"]["name"] == "Thôn 1"
                       and renamed[0]["payload"]["after"]["name"] == "Thôn Lang Sung"
                       and renamed[0]["actor_id"] == "quan-tri",
                       "the rename is recorded with before and after: %s" % renamed)


def first_dossier(client, tokens, failures, campaign):
    def send(dossier, role, event_type, payload):
        status, body = client.call("POST", "/api/v1/dossiers/%s/events" % dossier, tokens[role],
                                   {"type": event_type, "payload": payload,
                                    "request_id": str(uuid.uuid4())})
        failures.check(status == 200, "%s by %s: %d %s" % (event_type, role, status, body))
        return body

    status, body = client.call("POST", "/api/v1/dossiers", tokens["unit_officer"], {
        "id": "hs-dau-tien", "campaign_id": campaign, "unit_id": "thon-1",
        "nominee": {"kind": "individual", "name": "Lò Thị Hoa", "direct_worker": True,
                    "female": True},
        "award": "giay_khen_xa", "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ"})
    failures.check(status == 201 and body.get("state") == "draft",
                   "the officer's first draft: %d %s" % (status, body))
    send("hs-dau-tien", "unit_officer", "submit",
         {"achievement_summary": "Thành tích nổi bật", "documents": ALL_DOCS})
    send("hs-dau-tien", "unit_head", "unit_approve",
         {"votes_for": 6, "votes_against": 0, "members": 7})
    send("hs-dau-tien", "secretariat", "accept", {})
    send("hs-dau-tien", "secretariat", "appraise_pass", {"note": "Đủ điều kiện"})
    # The commune's council by name: seven members, one absent, the Chairman chairing.
    council = [("Hà Văn Thắng", "chu_tich", True), ("Lê Văn Hùng", "pho_chu_tich", True),
               ("Lương Thị Thu Hà", "uy_vien_thuong_truc", True), ("Vi Văn Sơn", "uy_vien", True),
               ("Ngân Thị Hoa", "uy_vien", True), ("Lò Văn Dũng", "uy_vien", True),
               ("Phạm Thị Lan", "uy_vien", False)]
    status, session = client.call("POST", "/api/v1/council-sessions", tokens["secretariat"], {
        "id": "hd-dau-tien", "campaign_id": campaign, "date": time.strftime("%Y-%m-%d"),
        "place": "Hội trường UBND xã", "chair": "Hà Văn Thắng",
        "members": [{"name": n, "role": r, "present": p} for n, r, p in council],
        "agenda": ["hs-dau-tien"]})
    failures.check(status == 201, "record the council session: %d %s" % (status, session))
    send("hs-dau-tien", "secretariat", "council_vote", {"session": "hd-dau-tien", "yes": 6,
                                                         "no": 0})
    approved = send("hs-dau-tien", "chairman", "approve", {})
    dossier = approved.get("dossier", {})
    failures.check(dossier.get("state") == "approved",
                   "the first dossier is approved: %s" % dossier)

    status, body = client.call("POST", "/api/v1/dossiers", tokens["secretariat"], {
        "id": "hs-thon-2", "campaign_id": campaign, "unit_id": "thon-2",
        "nominee": {"kind": "individual", "name": "Hà Văn Nam", "direct_worker": True,
                    "female": False},
        "award": "giay_khen_xa"})
    failures.check(status == 422 and "dossier.unit_id" in body.get("detail", "")
                   and "retired" in body.get("detail", ""),
                   "a retired unit takes no new draft: %d %s" % (status, body))


def cli(binary, db_url, failures):
    def ok(result, what):
        failures.check(result.returncode == 0, "%s: %d %s %s"
                       % (what, result.returncode, result.stdout, result.stderr))
        return result.stdout
    ok(run(binary, "unit", "add", "--db", db_url, "--id", "truong-mn", "--name",
           "Trường Mầm non", "--kind", "school", "--parent", "ubnd-xa"), "tdkt unit add")
    ok(run(binary, "unit", "rename", "--db", db_url, "--id", "truong-mn", "--name",
           "Trường Mầm non Bình Lương"), "tdkt unit rename")
    ok(run(binary, "unit", "retire", "--db", db_url, "--id", "truong-mn"), "tdkt unit retire")
    units = ok(run(binary, "unit", "list", "--db", db_url), "tdkt unit list")
    failures.check("truong-mn\tschool\tubnd-xa\tretired\tTrường Mầm non Bình Lương" in units,
                   "tdkt unit list: %s" % units)
    # A unit of an old commune, carried on by one of the new commune (engine/unit_succession).
    ok(run(binary, "unit", "add", "--db", db_url, "--id", "hoi-nd-cu", "--name",
           "Hội Nông dân xã cũ", "--kind", "mass_organization"), "tdkt unit add (old unit)")
    ok(run(binary, "unit", "add", "--db", db_url, "--id", "hoi-nd", "--name",
           "Hội Nông dân xã", "--kind", "mass_organization"), "tdkt unit add (successor)")
    basis = "Nghị quyết số 1686/NQ-UBTVQH15 ngày 16/6/2025, Điều 1"
    bad = run(binary, "unit", "succeed", "--db", db_url, "--id", "hoi-nd-cu", "--successor",
              "truong-mn", "--last-day", "30/06/2025", "--basis", basis)
    failures.check(bad.returncode == 2 and "unit.succession.successor" in bad.stderr
                   and "retired" in bad.stderr,
                   "a retired successor is refused: %d %s" % (bad.returncode, bad.stderr))
    bad = run(binary, "unit", "succeed", "--db", db_url, "--id", "hoi-nd-cu", "--successor",
              "hoi-nd", "--last-day", "31/06/2025", "--basis", basis)
    failures.check(bad.returncode == 2 and "--last-day" in bad.stderr,
                   "a last day that is no date is refused: %d %s" % (bad.returncode, bad.stderr))
    said = ok(run(binary, "unit", "succeed", "--db", db_url, "--id", "hoi-nd-cu", "--successor",
                  "hoi-nd", "--last-day", "30/06/2025", "--basis", basis), "tdkt unit succeed")
    failures.check("hoi-nd carries it on" in said, "tdkt unit succeed says: %s" % said)
    again = run(binary, "unit", "succeed", "--db", db_url, "--id", "hoi-nd-cu", "--successor",
                "hoi-nd", "--last-day", "30/06/2025", "--basis", basis)
    failures.check(again.returncode != 0 and "recorded once" in again.stderr,
                   "a second succession: %d %s" % (again.returncode, again.stderr))
    units = ok(run(binary, "unit", "list", "--db", db_url), "tdkt unit list")
    failures.check("hoi-nd-cu\tmass_organization\t-\tsucceeded by hoi-nd\tHội Nông dân xã cũ"
                   in units, "tdkt unit list shows the succession: %s" % units)
    missing = run(binary, "unit", "rename", "--db", db_url, "--id", "khong-co", "--name", "X")
    failures.check(missing.returncode == 2, "renaming no unit: %d" % missing.returncode)
    shown = ok(run(binary, "commune", "show", "--db", db_url), "tdkt commune show")
    failures.check("issuer_symbol: UBND" in shown, "tdkt commune show: %s" % shown)
    tokens = ok(run(binary, "token", "list", "--db", db_url), "tdkt token list")
    failures.check("vp-tdkt\tsecretariat" in tokens and "cb-thon-1" not in tokens
                   and "tdkt_" not in tokens,
                   "tdkt token list (never the tokens): %s" % tokens)
    ok(run(binary, "user", "disable", "--db", db_url, "--id", "thanh-tra"), "tdkt user disable")
    ok(run(binary, "token", "revoke", "--db", db_url, "--user", "tt-thon-1"), "tdkt token revoke")
    ok(run(binary, "user", "change", "--db", db_url, "--id", "tt-thon-1", "--role",
           "secretariat"), "tdkt user change --role")
    ok(run(binary, "user", "change", "--db", db_url, "--id", "tt-thon-1", "--role", "unit_head",
           "--unit", "thon-1"), "tdkt user change --role --unit")
    bad = run(binary, "user", "change", "--db", db_url, "--id", "tt-thon-1", "--unit", "thon-2")
    failures.check(bad.returncode == 2 and "retired" in bad.stderr,
                   "a user moved to a retired unit: %d %s" % (bad.returncode, bad.stderr))
    ok(run(binary, "user", "enable", "--db", db_url, "--id", "chu-tich"), "tdkt user enable")
    users = ok(run(binary, "user", "list", "--db", db_url), "tdkt user list")
    failures.check("thanh-tra\tauditor\t-\tdisabled" in users
                   and "tt-thon-1\tunit_head\tthon-1\tactive" in users
                   and "chu-tich\tchairman\t-\tactive" in users, "tdkt user list: %s" % users)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    args = parser.parse_args()
    failures = Failures()
    workdir = tempfile.mkdtemp(prefix="tdkt-fresh-")
    db_url, cleanup = fresh_database(args.backend, workdir, "tdkt_fresh", "tdkt.db")
    server = None
    try:
        admin = first_run(args.binary, db_url, failures)
        server = Server(args.binary, db_url, workdir, demo=False)
        validator = openapi_check.ResponseValidator(os.path.join(SOURCE, "docs", "openapi.yaml"))
        client = Client(server.url, validator, failures)
        status, me = client.call("GET", "/api/v1/me", admin)
        failures.check(status == 200 and me.get("role") == "admin", "the admin: %s" % me)
        tokens = administer(client, admin, failures)
        campaign = "pt-" + uuid.uuid4().hex[:6]
        status, body = client.call("POST", "/api/v1/campaigns", admin, {
            "id": campaign, "name": "Phong trào thi đua đầu tiên", "plan_number": "1/KH-UBND",
            "procedure": "campaign", "allowed_awards": ["giay_khen_xa"],
            "nomination_cutoff": "%d-12-31" % (time.gmtime().tm_year + 1), "ceremony": None,
            "quotas": {}, "public_notice_working_days": None})
        failures.check(status == 201, "the admin creates a campaign: %d %s" % (status, body))
        forbidden(client, tokens, failures)
        first_dossier(client, tokens, failures, campaign)

        status, body = client.call("DELETE", "/api/v1/tokens/cb-thon-1", admin)
        failures.check(status == 200 and body.get("revoked") is True, "revoke: %s" % body)
        status, _ = client.call("GET", "/api/v1/me", tokens["unit_officer"])
        failures.check(status == 401, "a revoked token is refused: %d" % status)
        status, body = client.call("DELETE", "/api/v1/tokens/cb-thon-1", admin)
        failures.check(status == 404, "revoking it again: %d %s" % (status, body))
        status, body = client.call("PATCH", "/api/v1/users/chu-tich", admin, {"active": False})
        failures.check(status == 200 and body.get("active") is False, "disable: %s" % body)
        status, _ = client.call("GET", "/api/v1/me", tokens["chairman"])
        failures.check(status == 401, "a disabled user's token is refused: %d" % status)

        cli(args.binary, db_url, failures)
        failures.check(server.stop() == 0, "the server stops cleanly")
        server = None

        verify = run(args.binary, "audit", "verify", "--db", db_url)
        failures.check(verify.returncode == 0 and verify.stdout.startswith("audit chain intact"),
                       "audit verify: %s %s" % (verify.stdout, verify.stderr))
        stream = run(args.binary, "audit", "verify", "--db", db_url, "--dossier", "@admin")
        failures.check(stream.returncode == 0, "audit verify of the administrative stream: %s %s"
                       % (stream.stdout, stream.stderr))
        exported = run(args.binary, "audit", "export", "--db", db_url, "--dossier", "@admin")
        types = re.findall(r'"event_type":"(\w+)"', exported.stdout)
        for expected in ["user_add", "token_issue", "commune_set", "unit_add", "unit_change",
                         "campaign_add", "token_revoke", "user_change"]:
            failures.check(expected in types, "the stream records %s: %s" % (expected, types))
        failures.check("tdkt_" not in exported.stdout, "the stream holds no token")
        replay = run(args.binary, "replay", "--db", db_url, "--check", "--rules",
                     os.path.join(SOURCE, "config", "rules"))
        failures.check(replay.returncode == 0, "replay --check: %s %s"
                       % (replay.stdout, replay.stderr))
    finally:
        if server is not None:
            server.stop()
        if cleanup:
            cleanup()
        if not failures.items:
            shutil.rmtree(workdir, ignore_errors=True)
    if failures.items:
        print("%d check(s) failed (work directory %s)" % (len(failures.items), workdir))
        return 1
    print("ok: a fresh install, from tdkt init to an approved dossier (%s)" % args.backend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
