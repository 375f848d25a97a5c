#!/usr/bin/python3
"""The 2025 reorganisation end to end, against `tdkt serve --demo --scenario hoa-quy-2026` (xã Hóa
Quỳ, which took over Bình Lương on 1/7/2025; config/demo/hoa-quy-2026/) on one backend:

  * Bình Lương's dossiers still in flight are listed by GET /api/v1/dossiers?needs_transfer=true,
    each with needs_transfer true and its authority still the 2024 pack; the 2026 campaign's are
    not; `transfer` is among the secretariat's allowed events of a waiting dossier only;
  * a transfer without its legal ground is 422 naming payload.legal_ground, by the Chairman 403,
    and neither changes the dossier;
  * the secretariat transfers each waiting dossier: one sent up to the district whose award the
    commune now decides is back at chairman_decision with the 2025 pack as its authority, and the
    Chairman of xã Hóa Quỳ decides it; the district's Giấy khen ends `discontinued` with the
    pack's reason; a province award goes on to the province; afterwards none waits;
  * units of the old commune: Bình Lương's Hội Nông dân, which ended on 30/6/2025, is listed with
    its successor (the merged commune's Hội Nông dân) and retired; the admin's succession is
    refused naming the field for an unknown successor, an empty basis or a reinstatement, and 409
    a second time; the transfer of its dossier moves it to the successor, and the audit record
    keeps `to_unit`; a dossier of a unit still in use keeps its unit;
  * the dossier transferred in July 2025 by the demo is approved by a decision of xã Hóa Quỳ
    numbered in its own series, while Bình Lương's 2025 decision keeps its own 01/QĐ-UBND;
  * documents name the issuing body in force on their date: Bình Lương's decision and council
    minutes of June 2025 (its own council of 9), xã Hóa Quỳ's decision of July 2025;
  * `tdkt audit verify` and `tdkt replay --check` pass on the database afterwards;
  * every response is checked against docs/openapi.yaml.

Usage: transfer_e2e.py --binary PATH --backend sqlite|postgresql
Exit 0 when every check passed; otherwise the failures are printed and the exit code is 1.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import openapi_check  # noqa: E402
from api_e2e import Client, Failures, Server, fresh_database  # noqa: E402

IN_FLIGHT = {"unit_review", "intake", "awaiting_supplement", "appraisal", "council_review",
             "public_notice", "chairman_decision", "escalated", "on_hold"}


def all_dossiers(client, token, query=""):
    items, cursor = [], None
    while True:
        path = "/api/v1/dossiers?limit=200" + query + ("&cursor=" + cursor if cursor else "")
        status, body = client.call("GET", path, token)
        if status != 200:
            raise SystemExit("GET %s: %d %s" % (path, status, body))
        items += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return items


def send(client, failures, dossier, token, event_type, payload, expect):
    status, body = client.call("POST", "/api/v1/dossiers/%s/events" % dossier, token,
                               {"type": event_type, "payload": payload,
                                "request_id": str(uuid.uuid4())})
    failures.check(status == expect, "%s %s: expected %d, got %d %s"
                   % (dossier, event_type, expect, status, body))
    return status, body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    args = parser.parse_args()
    failures = Failures()
    workdir = tempfile.mkdtemp(prefix="tdkt-transfer-")
    db_url, cleanup = fresh_database(args.backend, workdir, "tdkt_transfer", "hoa-quy.db")
    validator = openapi_check.ResponseValidator(os.path.join(SOURCE, "docs", "openapi.yaml"))
    server = Server(args.binary, db_url, workdir, scenario="hoa-quy-2026")
    try:
        client = Client(server.url, validator, failures)
        sec, chairman = server.tokens["secretariat"], server.tokens["chairman"]
        everything = all_dossiers(client, sec)
        waiting = all_dossiers(client, sec, "&needs_transfer=true")
        waiting_ids = {d["id"] for d in waiting}
        # The filter judges the other parameters too: a bad limit is still 400.
        status, problem = client.call("GET", "/api/v1/dossiers?needs_transfer=true&limit=0", sec)
        failures.check(status == 400 and "limit" in str(problem.get("detail", "")),
                       "needs_transfer with limit=0 is refused naming limit: %d %s"
                       % (status, problem))
        failures.check(len(waiting) >= 3, "at least three of Bình Lương's dossiers wait for a "
                       "transfer: %s" % sorted(waiting_ids))
        for d in everything:
            expected = d["id"] in waiting_ids
            failures.check(d["needs_transfer"] == expected,
                           "%s: needs_transfer %s in the list, %s by the filter"
                           % (d["id"], d["needs_transfer"], expected))
        for d in waiting:
            failures.check(d["state"] in IN_FLIGHT and d["authority_pack"] == "thanh_hoa_2024",
                           "%s waits in flight under thanh_hoa_2024: %s %s"
                           % (d["id"], d["state"], d["authority_pack"]))
        # The events offered: transfer to a waiting dossier, not to the 2026 campaign's.
        for d in everything:
            if d["state"] not in IN_FLIGHT:
                continue
            status, one = client.call("GET", "/api/v1/dossiers/" + d["id"], sec)
            offered = "transfer" in one.get("allowed_events", [])
            failures.check(offered == (d["id"] in waiting_ids),
                           "%s: transfer offered %s, waiting %s"
                           % (d["id"], offered, d["id"] in waiting_ids))

        # Units of the old commune and who carries them on (engine/unit_succession).
        admin = server.tokens["admin"]
        status, units = client.call("GET", "/api/v1/units", admin)
        by_id = {u["id"]: u for u in units.get("items", [])}
        old = by_id.get("hoi-nong-dan-binh-luong", {})
        failures.check(old.get("retired") is True and (old.get("succession") or {}).get("successor")
                       == "hoi-nong-dan" and old["succession"].get("last_day") == "2025-06-30",
                       "Bình Lương's Hội Nông dân is carried on by hoi-nong-dan: %s" % old)
        failures.check(by_id.get("hoi-nong-dan", {}).get("succession", 1) is None,
                       "hoi-nong-dan is in use: %s" % by_id.get("hoi-nong-dan"))
        basis = "Nghị quyết số 1686/NQ-UBTVQH15, Điều 1"
        for body, field in (
                ({"succession": {"successor": "hoi-nong-dan-xa-moi", "last_day": "2025-06-30",
                                 "basis": basis}}, "unit.succession.successor"),
                ({"succession": {"successor": "hoi-nong-dan", "last_day": "2025-06-30"}},
                 "unit.succession.basis"),
                ({"succession": {"successor": "hoi-nong-dan", "last_day": "30-06-2025",
                                 "basis": basis}}, "unit.succession.last_day")):
            status, problem = client.call("PATCH", "/api/v1/units/thon-minh-thanh", admin, body)
            failures.check(status == 422 and field in str(problem.get("detail", "")),
                           "a bad succession is 422 naming %s: %d %s" % (field, status, problem))
        status, problem = client.call("PATCH", "/api/v1/units/hoi-nong-dan-binh-luong", admin,
                                      {"succession": {"successor": "hoi-phu-nu",
                                                      "last_day": "2025-06-30", "basis": basis}})
        failures.check(status == 409, "a second succession is 409: %d %s" % (status, problem))
        status, problem = client.call("PATCH", "/api/v1/units/hoi-nong-dan-binh-luong", admin,
                                      {"retired": False})
        failures.check(status == 422 and "unit.retired" in str(problem.get("detail", "")),
                       "a succeeded unit is not reinstated: %d %s" % (status, problem))
        status, units = client.call("GET", "/api/v1/units", admin)
        failures.check({u["id"]: u for u in units.get("items", [])}.get("thon-minh-thanh", {})
                       .get("succession", 1) is None, "refused successions changed nothing")
        waiting_units = {d["id"]: d["unit_id"] for d in waiting}

        by_award = {}
        for d in waiting:
            by_award.setdefault(d["award"], []).append(d)
        sent_up = [d for d in by_award.get("chien_si_thi_dua_co_so", [])
                   + by_award.get("tap_the_lao_dong_tien_tien", []) if d["state"] == "escalated"]
        failures.check(bool(sent_up), "a title the district decided waits, sent up: %s"
                       % sorted(by_award))
        ground = "Nghị quyết số 190/2025/QH15, Điều 5"
        if sent_up:
            target = sent_up[0]
            # Refusals change nothing.
            status, body = send(client, failures, target["id"], sec, "transfer",
                                {"reason": "Sắp xếp đơn vị hành chính"}, 422)
            failures.check("payload.legal_ground" in str(body.get("detail", "")),
                           "the 422 names payload.legal_ground: %s" % body)
            send(client, failures, target["id"], chairman, "transfer",
                 {"reason": "Sắp xếp", "legal_ground": ground}, 403)
            # (The scheduler's reminders may add records meanwhile; no transfer is among them.)
            status, same = client.call("GET", "/api/v1/dossiers/" + target["id"], sec)
            status, audit = client.call("GET", "/api/v1/dossiers/%s/audit" % target["id"], sec)
            transfers = [r for r in audit.get("records", []) if r.get("event_type") == "transfer"]
            failures.check(same["state"] == "escalated" and same["needs_transfer"]
                           and same["authority_pack"] == "thanh_hoa_2024" and not transfers,
                           "refused transfers changed nothing: %s %s" % (same, transfers))
            status, body = send(client, failures, target["id"], sec, "transfer",
                                {"reason": "Cấp huyện kết thúc hoạt động; xã Hóa Quỳ kế thừa",
                                 "legal_ground": ground}, 200)
            moved = body.get("dossier", {}) if isinstance(body, dict) else {}
            failures.check(moved.get("state") == "chairman_decision"
                           and moved.get("authority_pack") == "thanh_hoa_2025"
                           and moved.get("rule_pack") == "thanh_hoa_2024"
                           and moved.get("needs_transfer") is False
                           and moved.get("submission_number") == target["submission_number"],
                           "sent up to the district, now the Chairman's, its tờ trình kept: %s"
                           % moved)
            # The Chairman of xã Hóa Quỳ decides it: a decision of one.
            status, body = send(client, failures, target["id"], chairman, "approve", {}, 200)
            decided = body.get("dossier", {}) if isinstance(body, dict) else {}
            failures.check(decided.get("state") == "approved" and decided.get("decision_number"),
                           "approved by the successor: %s" % decided)

        failures.check(by_award.get("giay_khen_huyen") and by_award.get("bang_khen_tinh"),
                       "a district Giấy khen and a province Bằng khen wait: %s" % sorted(by_award))
        for d in by_award.get("giay_khen_huyen", []):
            status, body = send(client, failures, d["id"], sec, "transfer",
                                {"reason": "Cấp huyện kết thúc hoạt động", "legal_ground": ground},
                                200)
            ended = body.get("dossier", {}) if isinstance(body, dict) else {}
            failures.check(ended.get("state") == "discontinued"
                           and "Giấy khen của Chủ tịch UBND huyện" in ended.get("outcome_reason", ""),
                           "the district's Giấy khen ends with the pack's reason: %s" % ended)
        for d in by_award.get("bang_khen_tinh", []):
            status, body = send(client, failures, d["id"], sec, "transfer",
                                {"reason": "Chuyển lên tỉnh", "legal_ground": ground}, 200)
            onward = body.get("dossier", {}) if isinstance(body, dict) else {}
            failures.check(onward.get("state") == d["state"],
                           "a province award stays where it was: %s" % onward)
        # The dossier of Bình Lương's Hội Nông dân, whichever award it has, went to its successor.
        of_ended_unit = [i for i, unit in waiting_units.items() if unit == "hoi-nong-dan-binh-luong"]
        failures.check(len(of_ended_unit) == 1,
                       "one dossier of Bình Lương's Hội Nông dân waits: %s" % waiting_units)
        for dossier in of_ended_unit:
            status, moved = client.call("GET", "/api/v1/dossiers/" + dossier, sec)
            failures.check(moved.get("unit_id") == "hoi-nong-dan"
                           and moved.get("unit_successor") is None,
                           "the dossier of a unit that ended goes to its successor: %s" % moved)
            status, audit = client.call("GET", "/api/v1/dossiers/%s/audit" % dossier, sec)
            recorded = [r for r in audit.get("records", []) if r.get("event_type") == "transfer"]
            failures.check(len(recorded) == 1 and recorded[0].get("payload", {})
                           .get("command", {}).get("to_unit") == "hoi-nong-dan",
                           "the transfer record keeps to_unit: %s" % recorded)
        for d in all_dossiers(client, sec, "&needs_transfer=true"):
            send(client, failures, d["id"], sec, "transfer",
                 {"reason": "Sắp xếp đơn vị hành chính", "legal_ground": ground}, 200)
        failures.check(all_dossiers(client, sec, "&needs_transfer=true") == [],
                       "after the transfers none waits")

        # Numbers: Bình Lương's 2025 decision and xã Hóa Quỳ's first of 2025 are each 01.
        status, body = client.call("GET", "/api/v1/decisions", sec)
        signed_2025 = [r for r in body.get("items", [])
                       if r.get("status") == "signed" and str(r.get("signed_on", "")).startswith("2025")]
        before = [r for r in signed_2025 if r["signed_on"] < "2025-07-01"]
        after = [r for r in signed_2025 if r["signed_on"] >= "2025-07-01"]
        failures.check(any(r["number"] == "01/QĐ-UBND" for r in before),
                       "Bình Lương's first decision of 2025 is 01/QĐ-UBND: %s" % before)
        failures.check(any(r["number"] == "01/QĐ-UBND" for r in after),
                       "xã Hóa Quỳ's first decision of 2025 is 01/QĐ-UBND: %s" % after)

        # A document names the issuing body in force on its date, not the commune of today:
        # Bình Lương's decision of 20/6/2025 and its council's minutes of 12/6/2025 (its own 9
        # members), xã Hóa Quỳ's decision of 10/7/2025 (citing Bình Lương's council's minutes).
        from documents_e2e import docx_text
        texts = {}
        for name, path in [("qd-bl-2025-01", "/api/v1/decisions/qd-bl-2025-01/document"),
                           ("qd-hq-2025-01", "/api/v1/decisions/qd-hq-2025-01/document"),
                           ("hd-bl-2025-01", "/api/v1/council-sessions/hd-bl-2025-01/minutes")]:
            status, _, payload = client.download(path + "?format=docx", sec)
            failures.check(status == 200, "%s: %d" % (path, status))
            texts[name] = docx_text(payload) if status == 200 else ""
        text = texts["qd-bl-2025-01"]
        failures.check("XÃ BÌNH LƯƠNG" in text and "Bình Lương, ngày 20 tháng 6 năm 2025" in text
                       and "HÓA QUỲ" not in text.upper(),
                       "Bình Lương's decision of 20/6/2025 names xã Bình Lương only:\n%s" % text)
        text = texts["qd-hq-2025-01"]
        failures.check("XÃ HÓA QUỲ" in text and "Hóa Quỳ, ngày 10 tháng 7 năm 2025" in text
                       and "XÃ BÌNH LƯƠNG" not in text,
                       "xã Hóa Quỳ's decision of 10/7/2025 names xã Hóa Quỳ:\n%s" % text)
        # bl25-002 was voted on by Bình Lương's council: its minutes are cited as that council's.
        failures.check("Căn cứ Biên bản họp số 01/BB-HĐTĐKT của Hội đồng Thi đua - Khen thưởng "
                       "xã Bình Lương;" in text,
                       "xã Hóa Quỳ's decision cites Bình Lương's council's minutes:\n%s" % text)
        text = texts["hd-bl-2025-01"]
        failures.check("Hội đồng Thi đua - Khen thưởng xã Bình Lương" in text
                       and "9/9" in text and "Hà Văn Khởi" in text
                       and "Lang Văn Thuận" not in text and "HÓA QUỲ" not in text.upper(),
                       "the minutes of 12/6/2025 name Bình Lương's council of 9:\n%s" % text)
    finally:
        code = server.stop()
        failures.check(code == 0, "tdkt serve stopped on SIGTERM with %s" % code)
    verify = subprocess.run([args.binary, "audit", "verify", "--db", db_url],
                            capture_output=True, text=True, timeout=120)
    failures.check(verify.returncode == 0, "audit verify after the transfers: %s %s"
                   % (verify.stdout, verify.stderr))
    replay = subprocess.run([args.binary, "replay", "--db", db_url, "--rules",
                             os.path.join(SOURCE, "config", "rules"), "--check"],
                            capture_output=True, text=True, timeout=300)
    failures.check(replay.returncode == 0, "replay --check after the transfers: %s %s"
                   % (replay.stdout[-800:], replay.stderr[-800:]))
    if cleanup:
        cleanup()
    if failures.items:
        print("%d failure(s); the server's log is in %s" % (len(failures.items), workdir))
        return 1
    print("transfer e2e: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
