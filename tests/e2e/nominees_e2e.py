#!/usr/bin/python3
"""The nominee register end to end, against `tdkt serve --demo` on one backend:

  * the demo's nominees are registered: the dossiers named by nominee_id refer to them, and every
    other dossier's inline nominee was registered when its draft was created;
  * the citizen identity number (CCCD, Nghị định 13/2023/NĐ-CP) per role: the secretariat and the
    auditor see it on a nominee; the chairman, a council member and the unit's own roles do not;
    another unit's roles get 404, the admin 403; it is in no list, no dossier, no audit record,
    no log line;
  * registering: 201 for a new nominee, 200 with `existing` and `matched_on` for the same person
    again (by name and date of birth, or by CCCD), 422 naming a missing field, 403 for another
    unit's officer;
  * search without diacritics: "lo van chuong" finds "Lò Văn Chương" first, "dinh"/"DINH" find
    names with "Đinh"/"Đình", ranked; unit roles see their unit's nominees only; paging;
  * a dossier refers to a registered nominee (nominee_id), and "one achievement, one award" (Luật
    Thi đua, khen thưởng 2022, Điều 5) refuses a second one for the same nominee in a campaign;
  * the history of a nominee across two campaigns, with the decision number and số sổ vàng;
  * every response is checked against docs/openapi.yaml.

Usage: nominees_e2e.py --binary PATH --backend sqlite|postgresql
Exit 0 when every check passed; otherwise the failures are printed and the exit code is 1.
"""

import argparse
import os
import sys
import tempfile
import unicodedata
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import openapi_check  # noqa: E402
from api_e2e import Client, Failures, Server, fresh_database  # noqa: E402

CCCD_CHUONG = "038079001276"  # config/demo/dossiers.yaml, nm-lo-van-chuong
CCCD_SINH = "038086004512"


def fold(text):
    """What the service's ICU key does, for checking its answers: no diacritics, đ → d, lower."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    args = parser.parse_args()
    failures = Failures()
    workdir = tempfile.mkdtemp(prefix="tdkt-nominees-")
    db_url, cleanup = fresh_database(args.backend, workdir, "tdkt_nominees")
    server = Server(args.binary, db_url, workdir)
    try:
        validator = openapi_check.ResponseValidator(os.path.join(SOURCE, "docs", "openapi.yaml"))
        c = Client(server.url, validator, failures)
        t = server.tokens
        sec, officer = t["secretariat"], t["unit_officer"]
        own_unit = c.call("GET", "/api/v1/me", officer)[1]["unit_id"]

        # The demo's dossiers refer to registered nominees.
        status, dossier = c.call("GET", "/api/v1/dossiers/bl24-009", sec)
        failures.check(status == 200 and dossier["nominee"]["id"] == "nm-lo-van-chuong"
                       and dossier["nominee"]["name"] == "Lò Văn Chương",
                       "bl24-009 refers to nm-lo-van-chuong: %s" % dossier)
        status, dossier = c.call("GET", "/api/v1/dossiers/bl24-002", sec)
        inline_id = dossier["nominee"]["id"]
        status, inline = c.call("GET", "/api/v1/nominees/" + inline_id, sec)
        failures.check(status == 200 and inline["name"] == "Lương Thị Én"
                       and inline["gender"] == "female" and inline["date_of_birth"] is None,
                       "an inline demo nominee is registered (%s): %s" % (inline_id, inline))

        # The CCCD per role.
        path = "/api/v1/nominees/nm-lo-van-chuong"
        for role in ["secretariat", "auditor"]:
            status, n = c.call("GET", path, t[role])
            failures.check(status == 200 and n.get("citizen_id") == CCCD_CHUONG,
                           "%s sees the CCCD: %d %s" % (role, status, n))
        for role in ["chairman", "council_member"]:
            status, n = c.call("GET", path, t[role])
            failures.check(status == 200 and "citizen_id" not in n,
                           "%s does not see the CCCD: %d %s" % (role, status, n))
        for role in ["unit_officer", "unit_head"]:  # thon-minh-thanh: not the nominee's unit
            status, n = c.call("GET", path, t[role])
            failures.check(status == 404, "%s of another unit: 404, got %d %s" % (role, status, n))
        failures.check(c.call("GET", path, t["admin"])[0] == 403, "the admin reads no nominee")

        # Registering.
        person = {"kind": "individual", "name": "Đinh Thị Hạnh", "unit_id": own_unit,
                  "gender": "female", "date_of_birth": "1992-05-14", "direct_worker": True,
                  "position": "Tổ trưởng tổ sản xuất", "citizen_id": "038192007788"}
        status, first = c.call("POST", "/api/v1/nominees", officer, person)
        failures.check(status == 201 and not first["existing"]
                       and "citizen_id" not in first["nominee"],
                       "a unit officer registers (and does not see the CCCD back): %d %s"
                       % (status, first))
        again = dict(person, name="  ĐINH thị  hạnh ", citizen_id="038192007788")
        del again["citizen_id"]
        status, second = c.call("POST", "/api/v1/nominees", officer, again)
        failures.check(status == 200 and second["existing"]
                       and second["matched_on"] == "name_and_date_of_birth"
                       and second["nominee"]["id"] == first["nominee"]["id"],
                       "the same person again answers with the registered one: %d %s"
                       % (status, second))
        by_card = dict(person, name="Đinh Thị Hạnh (nhập sai)", date_of_birth="1992-05-15")
        status, third = c.call("POST", "/api/v1/nominees", sec, by_card)
        failures.check(status == 200 and third["matched_on"] == "citizen_id"
                       and third["nominee"]["citizen_id"] == "038192007788",
                       "the same CCCD is the same person (the secretariat sees it): %d %s"
                       % (status, third))
        no_birth = dict(person, name="Đinh Văn Mới")
        del no_birth["date_of_birth"]
        status, problem = c.call("POST", "/api/v1/nominees", officer, no_birth)
        failures.check(status == 422 and "nominee.date_of_birth" in problem.get("detail", ""),
                       "a missing date of birth is 422 naming it: %d %s" % (status, problem))
        status, problem = c.call("POST", "/api/v1/nominees", officer,
                                 dict(person, unit_id="ban-chqs-xa", name="Người khác"))
        failures.check(status == 403, "another unit's nominee is not registered by this unit's "
                       "officer: %d %s" % (status, problem))

        # Search without diacritics.
        status, found = c.call("GET", "/api/v1/nominees?q=lo%20van%20chuong", sec)
        failures.check(status == 200 and found["items"]
                       and found["items"][0]["id"] == "nm-lo-van-chuong"
                       and found["items"][0]["match_rank"] == 0,
                       "'lo van chuong' finds Lò Văn Chương first: %s" % found)
        failures.check(all("citizen_id" not in n for n in found.get("items", [])),
                       "no CCCD in a list, even for the secretariat")
        status, found = c.call("GET", "/api/v1/nominees?q=DINH&page_size=100", sec)
        names = [n["name"] for n in found.get("items", [])]
        failures.check(status == 200 and "Đinh Thị Hạnh" in names
                       and all("dinh" in fold(n) for n in names)
                       and [n["match_rank"] for n in found["items"]]
                       == sorted(n["match_rank"] for n in found["items"]),
                       "'DINH' finds the Đinh/Đình names, ranked: %s" % found)
        status, scoped = c.call("GET", "/api/v1/nominees?page_size=100", officer)
        failures.check(status == 200 and scoped["total"] >= 1
                       and all(n["unit_id"] == own_unit for n in scoped["items"]),
                       "a unit officer searches its own unit's nominees only: %s" % scoped)
        failures.check(c.call("GET", "/api/v1/nominees?unit_id=ban-chqs-xa", officer)[0] == 403,
                       "a unit officer asking for another unit's nominees: 403")
        status, page1 = c.call("GET", "/api/v1/nominees?page_size=2", sec)
        status, page2 = c.call("GET", "/api/v1/nominees?page_size=2&page=2", sec)
        failures.check(page1["total"] > 4 and len(page1["items"]) == 2 and len(page2["items"]) == 2
                       and not {n["id"] for n in page1["items"]} & {n["id"] for n in page2["items"]},
                       "paging: %s / %s" % (page1, page2))
        failures.check(c.call("GET", "/api/v1/nominees?page=0", sec)[0] == 400, "page=0 is 400")

        # A dossier by nominee_id, and Điều 5 on identity.
        hanh = first["nominee"]["id"]
        body = {"campaign_id": "bl-2024-75nam", "unit_id": own_unit, "nominee_id": hanh,
                "award": "giay_khen_xa", "achievement_summary": "Dẫn đầu tổ sản xuất"}
        status, created = c.call("POST", "/api/v1/dossiers", officer, body)
        failures.check(status == 201 and created["nominee"]["id"] == hanh
                       and created["nominee"]["name"] == "Đinh Thị Hạnh"
                       and created["nominee"]["female"] is True,
                       "a draft by nominee_id: %d %s" % (status, created))
        status, problem = c.call("POST", "/api/v1/dossiers", sec, dict(body))
        failures.check(status == 409 and created.get("id", "?") in problem.get("detail", ""),
                       "the same nominee again in the campaign is 409 naming the dossier: %d %s"
                       % (status, problem))
        status, problem = c.call("POST", "/api/v1/dossiers", officer, dict(
            body, nominee={"kind": "individual", "name": "X", "direct_worker": True,
                           "female": False}))
        failures.check(status == 422, "nominee_id and nominee together: %d %s" % (status, problem))
        inline_body = {k: v for k, v in body.items() if k != "nominee_id"}
        inline_body["nominee"] = {"kind": "individual", "name": "đinh thị hạnh",
                                  "direct_worker": True, "female": True}
        status, problem = c.call("POST", "/api/v1/dossiers", officer, inline_body)
        failures.check(status == 422 and "dossier.nominee_id" in problem.get("detail", ""),
                       "inline fields naming a registered individual ask for nominee_id: %d %s"
                       % (status, problem))

        # The history across two campaigns: Ngân Văn Sinh, approved in bl-2024-pccr, proposed
        # again in bl-2024-75nam by the demo (bl24-041, a draft).
        status, history = c.call("GET", "/api/v1/nominees/nm-ngan-van-sinh/history", sec)
        first = history.get("items", [{}])[0] if status == 200 else {}
        failures.check(status == 200 and first.get("state") == "approved"
                       and first.get("decision_number")
                       and first.get("register_number") is not None,
                       "Ngân Văn Sinh's award of 2024 with its decision and số sổ vàng: %s"
                       % history)
        # One achievement, one award (Điều 5), judged on the registered person: a second dossier
        # of his in the campaign where bl24-041 is open is refused, naming it.
        status, later = c.call("POST", "/api/v1/dossiers", sec, {
            "campaign_id": "bl-2024-75nam", "unit_id": "ban-chqs-xa",
            "nominee_id": "nm-ngan-van-sinh", "award": "giay_khen_xa",
            "achievement_summary": "Tham gia tuần tra bảo vệ rừng mùa khô"})
        failures.check(status == 409 and "bl24-041" in later.get("detail", ""),
                       "a second dossier of Ngân Văn Sinh in bl-2024-75nam is refused naming "
                       "bl24-041: %d %s" % (status, later))
        status, history = c.call("GET", "/api/v1/nominees/nm-ngan-van-sinh/history", sec)
        campaigns = [e["campaign_id"] for e in history.get("items", [])]
        failures.check(status == 200 and campaigns == ["bl-2024-pccr", "bl-2024-75nam"],
                       "one history across two campaigns: %s" % history)
        failures.check(history.get("nominee", {}).get("citizen_id") == CCCD_SINH,
                       "the secretariat sees the CCCD on the history page")
        status, history = c.call("GET", "/api/v1/nominees/nm-ngan-van-sinh/history",
                                 t["chairman"])
        failures.check(status == 200 and "citizen_id" not in history["nominee"],
                       "the chairman's history has no CCCD")

        # The CCCD is nowhere else: audit trails, dossiers, the log.
        for dossier_id in ["bl24-009", "bl24-pccr-02", "bl24-041"]:
            status, trail = c.call("GET", "/api/v1/dossiers/%s/audit" % dossier_id, t["auditor"])
            text = str(trail)
            failures.check(status == 200 and CCCD_CHUONG not in text and CCCD_SINH not in text,
                           "no CCCD in the audit trail of %s" % dossier_id)
        status, listed = c.call("GET", "/api/v1/dossiers?limit=200", sec)
        failures.check(CCCD_CHUONG not in str(listed) and CCCD_SINH not in str(listed),
                       "no CCCD in the dossier list")
    finally:
        code = server.stop()
        server.stderr.seek(0)
        log = server.stderr.read().decode("utf-8", "replace")
        failures.check(CCCD_CHUONG not in log and CCCD_SINH not in log and "038192007788" not in log,
                       "no CCCD in the service's log")
        failures.check(code == 0, "tdkt serve exits 0 on SIGTERM, got %r" % code)
        if cleanup:
            cleanup()
    if failures.items:
        print("%d failure(s)" % len(failures.items))
        return 1
    print("ok: the nominee register end to end on %s" % args.backend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
