#!/usr/bin/python3
"""A unit's nomination list imported end to end over HTTP, against `tdkt serve --demo` (the Bình
Lương 2024 campaign) on one backend.

  * a unit officer downloads the template (XLSX and CSV); openpyxl reads the XLSX's header row,
    which is the template's columns, and its guide sheet;
  * the officer fills the downloaded template with openpyxl and uploads it with one bad row: 422
    `import_rejected` naming every problem by row and column, and no dossier created;
  * corrected, the list imports: 201, one draft per row, each with the `create` audit record of a
    draft made by hand (request id import:<file>:<row>), in the unit's list;
  * the same file again: 200, replayed, the same dossiers, nothing new;
  * the secretariat imports a CSV (semicolons, byte-order mark) for another unit;
  * bad files, each 422 `invalid_file` saying what and where, nothing created: not a zip, a
    formula, merged cells, an empty sheet; a wrong Content-Type 415; a body over the limit 413;
    a unit head, or an officer naming another unit, 403;
  * every response is checked against docs/openapi.yaml; `tdkt audit verify` and
    `tdkt replay --check` pass after the run.

Usage: import_e2e.py --binary PATH --backend sqlite|postgresql
Exit 0 when every check passed; otherwise the failures are printed and the exit code is 1.
"""

import argparse
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import openapi_check  # noqa: E402
from api_e2e import Failures, Server, fresh_database  # noqa: E402

import openpyxl  # noqa: E402  (Debian python3-openpyxl)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CAMPAIGN = "bl-2024-75nam"
HEADERS = ["STT", "Đối tượng", "Họ và tên / Tên tập thể / Chủ hộ", "Giới tính", "Ngày sinh",
           "Chức vụ", "Trực tiếp lao động, sản xuất", "Số định danh cá nhân", "Loại tập thể",
           "Thôn", "Hình thức khen thưởng", "Tóm tắt thành tích"]


class Api:
    def __init__(self, base, validator, failures):
        self.base, self.validator, self.failures = base, validator, failures

    def send(self, method, path, token, body=None, content_type=None):
        request = urllib.request.Request(self.base + path, data=body, method=method)
        request.add_header("Authorization", "Bearer " + token)
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, headers, payload = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, headers, payload = error.code, dict(error.headers), error.read()
        try:
            self.validator.check(method, path.split("?")[0], status,
                                 headers.get("Content-Type", ""), payload, headers=headers)
        except openapi_check.ContractViolation as violation:
            self.failures.check(False, "%s %s -> %d: %s" % (method, path, status, violation))
        return status, headers, payload

    def upload(self, token, body, content_type=XLSX, unit=None, campaign=CAMPAIGN):
        path = "/api/v1/campaigns/%s/imports" % campaign + ("?unit_id=" + unit if unit else "")
        status, _, payload = self.send("POST", path, token, body, content_type)
        try:
            return status, json.loads(payload) if payload else None
        except ValueError:
            return status, None

    def oversized(self, token, length):
        """Announces a file of `length` bytes and reads the answer before sending it all: the
        server refuses on the Content-Length alone (and may close before the body arrives)."""
        import http.client
        path = "/api/v1/campaigns/%s/imports" % CAMPAIGN
        host, port = self.base[len("http://"):].split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        connection.putrequest("POST", path)
        connection.putheader("Authorization", "Bearer " + token)
        connection.putheader("Content-Type", "text/csv")
        connection.putheader("Content-Length", str(length))
        connection.endheaders()
        try:
            connection.send(b"STT," * 256)
        except OSError:
            pass
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        try:
            self.validator.check("POST", path, response.status,
                                 response.getheader("Content-Type", ""), payload)
        except openapi_check.ContractViolation as violation:
            self.failures.check(False, "POST %s -> %d: %s" % (path, response.status, violation))
        return response.status, json.loads(payload)

    def json(self, path, token):
        status, _, payload = self.send("GET", path, token)
        return status, json.loads(payload)


def workbook_bytes(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filled(template, rows):
    """The downloaded template with `rows` appended to its «Danh sách» sheet."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book["Danh sách"]
    for row in rows:
        sheet.append(row)
    return workbook_bytes(book)


def person(n, name, award="Giấy khen của Chủ tịch UBND xã", gender="Nữ",
           born=datetime.date(1986, 5, 4)):
    return [n, "Cá nhân", name, gender, born, "Giáo viên", "Không", None, None, None, award,
            "Hoàn thành xuất sắc nhiệm vụ năm 2024."]


def household(n, head, village):
    return [n, "Hộ gia đình", head, None, None, None, "Không", None, None, village,
            "Gia đình văn hóa", "Gia đình văn hóa tiêu biểu 3 năm liền."]


def unit_dossiers(api, token, unit):
    status, page = api.json("/api/v1/dossiers?campaign_id=%s&unit_id=%s&limit=200"
                            % (CAMPAIGN, unit), token)
    return {d["id"] for d in page["items"]} if status == 200 else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    args = parser.parse_args()
    failures = Failures()
    workdir = tempfile.mkdtemp(prefix="tdkt-import-")
    db_url, cleanup = fresh_database(args.backend, workdir, "tdkt_import")
    server = Server(args.binary, db_url, workdir)
    check = failures.check
    try:
        validator = openapi_check.ResponseValidator(os.path.join(SOURCE, "docs", "openapi.yaml"))
        api = Api(server.url, validator, failures)
        tokens = server.tokens
        officer = tokens["unit_officer"]
        status, me = api.json("/api/v1/me", officer)
        unit = me["unit_id"]

        # The template.
        status, headers, template = api.send(
            "GET", "/api/v1/campaigns/%s/imports/template?format=xlsx" % CAMPAIGN, officer)
        check(status == 200 and headers.get("Content-Type") == XLSX, "template xlsx: %d" % status)
        check("filename*=UTF-8''" in headers.get("Content-Disposition", ""),
              "template xlsx names the file: %s" % headers.get("Content-Disposition"))
        book = openpyxl.load_workbook(io.BytesIO(template))
        check(book.sheetnames == ["Danh sách", "Hướng dẫn"], "template sheets: %s" % book.sheetnames)
        header = [c.value for c in next(book["Danh sách"].iter_rows(max_row=1))]
        check(header == HEADERS, "template header row: %s" % header)
        guide = " ".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row
                         if c.value)
        check("Lao động tiên tiến" in guide and "Bắt buộc" in guide,
              "the guide lists the campaign's awards and what each column takes")
        status, headers, csv_template = api.send(
            "GET", "/api/v1/campaigns/%s/imports/template?format=csv" % CAMPAIGN, officer)
        check(status == 200 and csv_template.decode("utf-8").lstrip("\ufeff").strip()
              == ",".join('"%s"' % h if "," in h else h for h in HEADERS),
              "template csv: %d %r" % (status, csv_template[:200]))
        status, _, _ = api.send("GET", "/api/v1/campaigns/no-such/imports/template?format=csv",
                                officer)
        check(status == 404, "template of an unknown campaign: %d" % status)

        before = unit_dossiers(api, officer, unit)
        # One bad row (a household for Lao động tiên tiến, a date that is no date): nothing.
        bad = filled(template, [
            person(1, "Lò Thị Hạnh"),
            [2, "Hộ gia đình", "Hà Văn Lực", None, None, None, "Có", None, None, "Thôn Minh Thanh",
             "Lao động tiên tiến", "x"],
            person(3, "Vi Văn Khải", gender="Nam", born="31/02/1980"),
        ])
        status, problem = api.upload(officer, bad)
        check(status == 422 and problem and problem.get("code") == "import_rejected",
              "a list with bad rows: %d %s" % (status, problem))
        errors = {(e["row"], e["column"]) for e in (problem or {}).get("errors", [])}
        check(errors == {(3, "K"), (4, "E")}, "each problem by row and column: %s" % errors)
        check(any("không xét cho hộ gia đình" in e["message"] for e in problem.get("errors", [])),
              "the award that does not fit the nominee is named in Vietnamese: %s" % problem)
        check(unit_dossiers(api, officer, unit) == before, "a rejected list creates nothing")

        # Corrected.
        good = filled(template, [
            person(1, "Lò Thị Hạnh"),
            household(2, "Hà Văn Lực", "Thôn Minh Thanh"),
            person(3, "Vi Văn Khải", award="Lao động tiên tiến", gender="Nam",
                   born=datetime.date(1980, 2, 29)),
        ])
        status, result = api.upload(officer, good)
        check(status == 201 and result and result["created"] == 3 and not result["replayed"],
              "the corrected list imports: %d %s" % (status, result))
        created = [d["dossier"] for d in (result or {}).get("dossiers", [])]
        check([d["nominee"]["name"] for d in created] == ["Lò Thị Hạnh", "Hà Văn Lực",
                                                          "Vi Văn Khải"],
              "one draft per row in order: %s" % created)
        check(all(d["state"] == "draft" and d["unit_id"] == unit for d in created),
              "drafts of the unit: %s" % created)
        after = unit_dossiers(api, officer, unit)
        check(after == before | {d["id"] for d in created}, "the unit's list has the drafts")
        for row, dossier in zip((2, 3, 4), created):
            status, audit = api.json("/api/v1/dossiers/%s/audit" % dossier["id"], officer)
            records = audit.get("records", [])
            check(status == 200 and audit.get("verified") and len(records) == 1
                  and records[0]["event_type"] == "create"
                  and records[0]["request_id"].startswith("import:")
                  and records[0]["request_id"].endswith(":%d" % row),
                  "the create record of row %d: %s" % (row, records))

        # The same file again.
        status, again = api.upload(officer, good)
        check(status == 200 and again and again["replayed"]
              and [d["dossier"]["id"] for d in again["dossiers"]] == [d["id"] for d in created],
              "the same list again replays: %d %s" % (status, again))
        check(unit_dossiers(api, officer, unit) == after, "re-importing creates nothing")
        # Another file naming a nominee of this list again: Điều 5 is judged on the register's
        # identity, so a nominee already in the campaign is found once the register names them;
        # within one file a repeated nominee is always refused.
        twice = filled(template, [person(1, "Đinh Văn Tư"), person(2, "Đinh  Văn Tư")])
        status, problem = api.upload(officer, twice)
        check(status == 422 and any(e["row"] == 3 and "trùng với dòng 2" in e["message"]
                                    for e in (problem or {}).get("errors", [])),
              "a nominee twice in one file: %d %s" % (status, problem))

        # Each row's nominee is registered: the drafts refer to the register, and a list naming a
        # nominee already nominated in the campaign is refused naming their dossier (Điều 5).
        for dossier in created:
            nominee_id = dossier["nominee"].get("id", "")
            status, history = api.json("/api/v1/nominees/%s/history" % nominee_id, officer)
            check(status == 200 and [i["dossier_id"] for i in history["items"]] == [dossier["id"]],
                  "the register's history of %s: %d %s" % (nominee_id, status, history))
        again_named = filled(template, [person(1, "Lò  thị Hạnh")])
        status, problem = api.upload(officer, again_named)
        check(status == 422 and any(e["row"] == 2 and created[0]["id"] in e["message"]
                                    and "Điều 5" in e["message"]
                                    for e in (problem or {}).get("errors", [])),
              "a nominee already nominated in the campaign: %d %s" % (status, problem))
        status, demo_dossier = api.json("/api/v1/dossiers/bl24-009", tokens["secretariat"])
        if demo_dossier.get("state") not in ("rejected", "withdrawn", "expired", "revoked"):
            demo_list = ("\ufeff" + ",".join('"%s"' % h for h in HEADERS) + "\r\n"
                         '1,Cá nhân,Lò Văn Chương,Nam,02/09/1979,,Không,,,,Giấy khen của Chủ tịch '
                         'UBND xã,x\r\n').encode("utf-8")
            status, problem = api.upload(tokens["secretariat"], demo_list, "text/csv",
                                         "ban-chqs-xa")
            check(status == 422 and any("bl24-009" in e["message"]
                                        for e in (problem or {}).get("errors", [])),
                  "the demo's Lò Văn Chương, already in the campaign: %d %s" % (status, problem))
        unknown_village = filled(template, [household(1, "Hà Văn Lực", "Thôn Không Có")])
        status, problem = api.upload(officer, unknown_village)
        check(status == 422 and any(e["row"] == 2 and e["column"] == "J"
                                    and "Thôn Minh Thanh" in e["message"]
                                    for e in (problem or {}).get("errors", [])),
              "a household of a village the commune does not have: %d %s" % (status, problem))
        # The same person in a second campaign: one nominee, one history of two campaigns.
        status, second = api.upload(officer, filled(template, [person(1, "Lò Thị Hạnh")]),
                                    campaign="bl-2024-pccr")
        check(status == 201 and second["dossiers"][0]["dossier"]["nominee"]["id"]
              == created[0]["nominee"]["id"],
              "the same person imported into another campaign: %d %s" % (status, second))
        status, history = api.json("/api/v1/nominees/%s/history" % created[0]["nominee"]["id"],
                                   officer)
        check(status == 200 and sorted(i["campaign_id"] for i in history["items"])
              == ["bl-2024-75nam", "bl-2024-pccr"],
              "one history across two campaigns: %s" % history)

        # The secretariat, for another unit, with a CSV.
        other = "thon-binh-hoa"
        csv = ("\ufeff" + ";".join(HEADERS) + "\r\n"
               "1;Cá nhân;Ngân Văn Sáu;Nam;12/12/1975;Trưởng thôn;Có;;;;Giấy khen của Chủ tịch "
               "UBND xã;\"Vận động nhân dân; hiến đất làm đường.\"\r\n").encode("utf-8")
        status, result = api.upload(tokens["secretariat"], csv, "text/csv; charset=utf-8", other)
        check(status == 201 and result and result["unit_id"] == other and result["created"] == 1
              and result["dossiers"][0]["dossier"]["achievement_summary"]
              == "Vận động nhân dân; hiến đất làm đường.",
              "the secretariat imports a CSV for a unit: %d %s" % (status, result))

        # Bad files.
        total_before = unit_dossiers(api, officer, unit)
        formula = openpyxl.load_workbook(io.BytesIO(template))
        formula["Danh sách"].append(person(1, "A"))
        formula["Danh sách"]["A2"] = "=1+0"
        merged = openpyxl.load_workbook(io.BytesIO(template))
        merged["Danh sách"].append(person(1, "B"))
        merged["Danh sách"].append(person(2, "C"))
        merged["Danh sách"].merge_cells("L2:L3")
        empty = openpyxl.Workbook()
        for label, body, needle in [
                ("not a zip", b"STT,Doi tuong\n1,x\n", "không phải XLSX"),
                ("a formula", workbook_bytes(formula), "ô A2 chứa công thức"),
                ("merged cells", workbook_bytes(merged), "ô gộp (L2:L3)"),
                ("an empty sheet", workbook_bytes(empty), "trống")]:
            status, problem = api.upload(officer, body)
            message = " ".join(e["message"] for e in (problem or {}).get("errors", []))
            check(status == 422 and problem.get("code") == "invalid_file" and needle in message,
                  "%s: %d %s" % (label, status, problem))
        status, problem = api.upload(officer, good, "application/json")
        check(status == 415, "a list sent as JSON: %d %s" % (status, problem))
        status, problem = api.oversized(officer, 2 << 20)
        check(status == 413 and problem.get("code") == "body_too_large",
              "a file over the limit: %d %s" % (status, problem))
        status, problem = api.upload(tokens["unit_head"], good)
        check(status == 403, "a unit head may not import: %d %s" % (status, problem))
        status, problem = api.upload(officer, good, XLSX, other)
        check(status == 403, "an officer may not import for another unit: %d %s" % (status, problem))
        status, problem = api.upload(tokens["secretariat"], good)
        check(status == 400, "the secretariat names the unit: %d %s" % (status, problem))
        check(unit_dossiers(api, officer, unit) == total_before, "bad files create nothing")
    finally:
        code = server.stop()
        check(code == 0, "tdkt serve stopped on SIGTERM with %s" % code)
    verify = subprocess.run([args.binary, "audit", "verify", "--db", db_url], capture_output=True,
                            text=True, timeout=120)
    check(verify.returncode == 0, "audit verify after the run: %s %s"
          % (verify.stdout, verify.stderr))
    replay = subprocess.run([args.binary, "replay", "--db", db_url, "--rules",
                             os.path.join(SOURCE, "config", "rules"), "--check"],
                            capture_output=True, text=True, timeout=300)
    check(replay.returncode == 0, "replay --check after the run: %s %s"
          % (replay.stdout[-800:], replay.stderr[-800:]))
    if cleanup:
        cleanup()
    if failures.items:
        print("%d failure(s); the server's log is in %s" % (len(failures.items), workdir))
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    print("ok: import end to end on %s" % args.backend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
