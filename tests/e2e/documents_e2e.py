#!/usr/bin/python3
"""The office's documents end to end: decisions and submissions as DOCX and PDF, through the API
and the CLI, against `tdkt serve --demo` (the Bình Lương 2024 campaign) on one backend.

  * the admin sets the commune up (PUT /api/v1/commune), as an office would once;
  * each signed decision and submission of the demo, and a draft decision, is downloaded as DOCX
    (Content-Type, Content-Disposition with the Vietnamese name in filename*=UTF-8'' and an
    ASCII fallback); python3-docx reads it back and finds the Quốc hiệu and Tiêu ngữ, the
    number, every awardee's name with its diacritics, each amount and the total as the API
    gives them; a draft says DỰ THẢO and carries no number;
  * a unit-scoped token gets its unit's lines only: the names of other units' lines are absent
    from its document;
  * as PDF: LibreOffice converts, pdftotext finds the names, pdftoppm renders each page to
    ARTIFACTS/documents-*.png (page 1 is the document, page 2 its list) for a person to look at;
  * the nomination list of a council session (Danh sách đề nghị khen thưởng) names every
    dossier the demo's votes put to it, grouped by award, with its achievement summary; a
    unit's token gets its unit's dossiers only;
  * the session's minutes (Biên bản) name its number, date, place, chair, every member of the
    roster and every dossier voted on, and the conclusion;
  * `tdkt document decision|submission|nomination-list|minutes` writes the same documents;
  * with no LibreOffice (TDKT_SOFFICE naming no program; the server on SQLite, and the CLI) a
    PDF is 503 / exit 1 naming the package to install, and DOCX still works;
  * every response is checked against docs/openapi.yaml.

Usage: documents_e2e.py --binary PATH --backend sqlite|postgresql --artifacts DIR
Exit 0 when every check passed; otherwise the failures are printed and the exit code is 1.
"""

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "tools"))
import openapi_check  # noqa: E402
from api_e2e import Failures, Server, fresh_database  # noqa: E402

import docx  # noqa: E402  (Debian python3-docx)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMMUNE = {"name": "Xã Bình Lương", "province": "Thanh Hóa", "issuer_symbol": "UBND",
           "chairman_name": "Hà Văn Thắng", "chairman_title": "Chủ tịch"}


def vnd(amount):
    """1053000 -> "1.053.000", as the documents print money."""
    return "{:,}".format(amount).replace(",", ".")


class Api:
    def __init__(self, base, validator, failures):
        self.base, self.validator, self.failures = base, validator, failures

    def get(self, path, token, method="GET", body=None):
        data = None if body is None else __import__("json").dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=180) as response:
                status, headers, payload = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, headers, payload = error.code, dict(error.headers), error.read()
        try:
            self.validator.check(method, path.split("?")[0], status,
                                 headers.get("Content-Type", ""), payload, headers=headers)
        except openapi_check.ContractViolation as violation:
            self.failures.check(False, "%s %s -> %d: %s" % (method, path, status, violation))
        return status, headers, payload

    def json(self, path, token, method="GET", body=None):
        status, _, payload = self.get(path, token, method, body)
        return status, (__import__("json").loads(payload) if payload else None)


def docx_text(data):
    """Every paragraph's text, those in tables included, joined by newlines."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def check_round_document(api, failures, kind, round_json, token, artifacts, label):
    """Downloads the round's DOCX with `token` and checks it says what `round_json` (the round
    as the same token reads it) says; returns the document's text."""
    path = "/api/v1/%s/%s/document?format=docx" % (kind, urllib.parse.quote(round_json["id"]))
    status, headers, payload = api.get(path, token)
    if not failures.check(status == 200, "%s: %d %r" % (path, status, payload[:300])):
        return ""
    failures.check(headers.get("Content-Type") == DOCX_TYPE,
                   "%s: Content-Type %r" % (path, headers.get("Content-Type")))
    disposition = headers.get("Content-Disposition", "")
    word = "Quyết định" if kind == "decisions" else "Tờ trình"
    encoded = urllib.parse.quote(word)
    failures.check(disposition.startswith('attachment; filename="')
                   and ("filename*=UTF-8''" in disposition) and encoded in disposition
                   and disposition.isascii(),
                   "%s: Content-Disposition %r" % (path, disposition))
    name = urllib.parse.unquote(disposition.split("filename*=UTF-8''", 1)[-1])
    failures.check(name.endswith(".docx") and word in name, "%s: file name %r" % (path, name))
    with open(os.path.join(artifacts, "documents-%s.docx" % label), "wb") as f:
        f.write(payload)
    text = docx_text(payload)
    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "ỦY BAN NHÂN DÂN", "XÃ BÌNH LƯƠNG", "TM. ỦY BAN NHÂN DÂN", "Hà Văn Thắng",
                     round_json["title"]]:
        failures.check(expected in text, "%s: %r not in the document" % (label, expected))
    draft = round_json["status"] == "draft"
    if draft:
        failures.check("DỰ THẢO" in text, "%s: a draft says DỰ THẢO" % label)
        failures.check("Số:      /" in text, "%s: a draft carries no number" % label)
    else:
        failures.check("DỰ THẢO" not in text, "%s: a signed document is no draft" % label)
        failures.check("Số: " + round_json["number"] in text,
                       "%s: number %r not in the document" % (label, round_json["number"]))
    for line in round_json["lines"]:
        failures.check(line["nominee"]["name"] in text,
                       "%s: awardee %r not in the document" % (label, line["nominee"]["name"]))
        failures.check(line["award_name"] in text,
                       "%s: award %r not in the document" % (label, line["award_name"]))
        prize = line.get("prize") or {}
        if kind == "decisions" and prize.get("amount_vnd"):
            failures.check(vnd(prize["amount_vnd"]) in text,
                           "%s: amount %s not in the document" % (label, prize["amount_vnd"]))
        if line.get("register_number"):
            failures.check(str(line["register_number"]) in text,
                           "%s: số sổ vàng %s not in the document" % (label,
                                                                       line["register_number"]))
    if kind == "decisions":
        total = round_json.get("total_prize_vnd")
        failures.check(total is not None and vnd(total) in text,
                       "%s: total %r not in the document" % (label, total))
        for expected in ["QUYẾT ĐỊNH:", "Điều 1.", "Điều 2.", "Điều 3.", "/BB-HĐTĐKT",
                         "Luật Thi đua, khen thưởng", "Nơi nhận:"]:
            failures.check(expected in text, "%s: %r not in the decision" % (label, expected))
    else:
        failures.check("TỜ TRÌNH" in text and "Kính gửi:" in text,
                       "%s: TỜ TRÌNH and its addressee" % label)
    return text


def check_pdf(api, failures, kind, round_json, token, artifacts, label):
    path = "/api/v1/%s/%s/document?format=pdf" % (kind, round_json["id"])
    status, headers, payload = api.get(path, token)
    if not failures.check(status == 200 and headers.get("Content-Type") == "application/pdf"
                          and payload.startswith(b"%PDF"),
                          "%s: %d %r %r" % (path, status, headers.get("Content-Type"),
                                            payload[:200])):
        return
    pdf = os.path.join(artifacts, "documents-%s.pdf" % label)
    with open(pdf, "wb") as f:
        f.write(payload)
    # In the order the text was written (cell by cell), whitespace collapsed: a name wrapped
    # inside its table cell still reads as one.
    text = " ".join(subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for line in round_json["lines"]:
        failures.check(line["nominee"]["name"] in text,
                       "%s PDF: %r not found by pdftotext" % (label, line["nominee"]["name"]))
    failures.check("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text, "%s PDF: Quốc hiệu" % label)
    # Page numbers (Phụ lục I, Mục I.7): none on page 1, "2" at the top of page 2.
    pages = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", pdf, "-"],
                            capture_output=True, text=True, check=True).stdout.split()
             for n in (1, 2)]
    failures.check(pages[0][:1] != ["1"], "%s PDF: page 1 shows no number: %s" % (label, pages[0][:3]))
    failures.check(pages[1][:1] == ["2"], "%s PDF: page 2 starts with its number: %s"
                   % (label, pages[1][:3]))
    # Every page as a PNG (page 1 the document, then its list) for a person to look at.
    subprocess.run(["pdftoppm", "-png", "-r", "70", pdf,
                    os.path.join(artifacts, "documents-%s" % label)], check=True)


def without_libreoffice(binary, workdir, validator, failures):
    """A server that finds no LibreOffice (TDKT_SOFFICE names no program): a PDF is 503 naming
    the package to install; DOCX still works."""
    os.environ["TDKT_SOFFICE"] = os.path.join(workdir, "no-soffice")
    os.makedirs(os.path.join(workdir, "bare"), exist_ok=True)
    try:
        server = Server(binary, "sqlite:" + os.path.join(workdir, "bare", "demo.db"),
                        os.path.join(workdir, "bare"))
    finally:
        del os.environ["TDKT_SOFFICE"]
    try:
        api = Api(server.url, validator, failures)
        status, headers, payload = api.get("/api/v1/decisions/qd-2024-gk-01/document?format=pdf",
                                           server.tokens["secretariat"])
        failures.check(status == 503 and b"libreoffice-writer-nogui" in payload,
                       "PDF without LibreOffice: %d %r" % (status, payload[:300]))
        status, headers, _ = api.get("/api/v1/decisions/qd-2024-gk-01/document?format=docx",
                                     server.tokens["secretariat"])
        failures.check(status == 200 and headers.get("Content-Type") == DOCX_TYPE,
                       "DOCX without LibreOffice: %d" % status)
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    failures = Failures()
    workdir = tempfile.mkdtemp(prefix="tdkt-documents-")
    db_url, cleanup = fresh_database(args.backend, workdir, "tdkt_documents")
    server = Server(args.binary, db_url, workdir)
    try:
        validator = openapi_check.ResponseValidator(os.path.join(SOURCE, "docs", "openapi.yaml"))
        api = Api(server.url, validator, failures)
        tokens = server.tokens
        status, _ = api.json("/api/v1/commune", tokens["admin"], "PUT", COMMUNE)
        failures.check(status == 200, "PUT /api/v1/commune: %d" % status)

        suffix = args.backend
        # Signed decisions and submissions of the demo, read whole by the secretariat.
        status, decision = api.json("/api/v1/decisions/qd-2024-gk-01", tokens["secretariat"])
        failures.check(status == 200 and decision["status"] == "signed"
                       and decision["total_prize_vnd"] > 0,
                       "the demo's signed decision with prize money: %s" % decision)
        check_round_document(api, failures, "decisions", decision, tokens["secretariat"],
                             args.artifacts, "decision-" + suffix)
        status, submission = api.json("/api/v1/submissions/ttr-2024-01", tokens["secretariat"])
        failures.check(status == 200 and submission["status"] == "signed",
                       "the demo's signed submission: %s" % submission)
        check_round_document(api, failures, "submissions", submission, tokens["secretariat"],
                             args.artifacts, "submission-" + suffix)

        # A draft: DỰ THẢO, no number; with the dossiers a decision may list now, if any.
        status, draft = api.json("/api/v1/decisions", tokens["secretariat"], "POST", {
            "campaign_id": "bl-2024-75nam",
            "title": "Về việc tặng Giấy khen cho cá nhân có thành tích (đợt 3)"})
        failures.check(status == 201, "drafting a decision: %d %s" % (status, draft))
        status, eligible = api.json("/api/v1/campaigns/bl-2024-75nam/eligible?kind=decision",
                                    tokens["secretariat"])
        for item in (eligible or {}).get("items", [])[:3]:
            dossier = item.get("line", item).get("dossier_id") or item.get("dossier_id")
            api.json("/api/v1/decisions/%s/dossiers" % draft["id"], tokens["secretariat"],
                     "POST", {"dossier_id": dossier})
        status, draft = api.json("/api/v1/decisions/" + draft["id"], tokens["secretariat"])
        check_round_document(api, failures, "decisions", draft, tokens["secretariat"],
                             args.artifacts, "draft-" + suffix)

        # A unit's roles get their unit's lines only.
        status, me = api.json("/api/v1/me", tokens["unit_officer"])
        unit = me["unit_id"]
        scoped = None
        for kind, rid in [("submissions", "ttr-2024-01"), ("decisions", "qd-2024-gk-01"),
                          ("decisions", "qd-2024-gdvh-01"), ("submissions", "ttr-2024-02")]:
            whole = api.json("/api/v1/%s/%s" % (kind, rid), tokens["secretariat"])[1]
            units = {line["unit_id"] for line in whole["lines"]}
            if unit in units and len(units) > 1:
                scoped = (kind, whole)
                break
        if failures.check(scoped is not None, "a demo round lists %s's and another unit's "
                          "dossiers" % unit):
            kind, whole = scoped
            status, own = api.json("/api/v1/%s/%s" % (kind, whole["id"]), tokens["unit_officer"])
            failures.check(status == 200 and own["lines"]
                           and all(line["unit_id"] == unit for line in own["lines"]),
                           "the unit officer reads its unit's lines only: %s" % own)
            text = check_round_document(api, failures, kind, own, tokens["unit_officer"],
                                        args.artifacts, "unit-scoped-" + suffix)
            for line in whole["lines"]:
                if line["unit_id"] != unit:
                    failures.check(line["nominee"]["name"] not in text,
                                   "another unit's %r is in %s's document"
                                   % (line["nominee"]["name"], unit))
        status, _, _ = api.get("/api/v1/decisions/qd-2024-gk-01/document", tokens["admin"])
        failures.check(status == 403, "the admin reads no decision: %d" % status)
        status, _, _ = api.get("/api/v1/submissions/qd-2024-gk-01/document",
                               tokens["secretariat"])
        failures.check(status == 404, "a decision is not a submission: %d" % status)
        status, _, _ = api.get("/api/v1/decisions/qd-2024-gk-01/document?format=odt",
                               tokens["secretariat"])
        failures.check(status == 400, "format=odt: %d" % status)

        # The nomination list of the demo's first council session (hd-2024-01).
        import yaml
        with open(os.path.join(SOURCE, "config", "demo", "dossiers.yaml"), encoding="utf-8") as f:
            demo = yaml.safe_load(f)
        # A dossier may name a nominee of the register by id (the file's `nominees:`).
        registered = {n["id"]: n for n in demo.get("nominees", [])}
        for d in demo["dossiers"]:
            if "nominee_id" in d:
                d["nominee"] = registered[d["nominee_id"]]
        voted = [d for d in demo["dossiers"]
                 if any(step.get("event") == "council_vote"
                        and (step.get("payload") or {}).get("session") == "hd-2024-01"
                        for step in d.get("steps", []))]
        failures.check(len({d["unit"] for d in voted}) > 1,
                       "the demo's session hd-2024-01 hears several units' dossiers")
        path = "/api/v1/council-sessions/hd-2024-01/nomination-list?format=docx"
        status, headers, payload = api.get(path, tokens["council_member"])
        if failures.check(status == 200 and headers.get("Content-Type") == DOCX_TYPE,
                          "%s: %d %r" % (path, status, payload[:300])):
            with open(os.path.join(args.artifacts, "documents-nomination-list-%s.docx"
                                   % suffix), "wb") as f:
                f.write(payload)
            text = docx_text(payload)
            for expected in ["THI ĐUA - KHEN THƯỞNG", "XÃ BÌNH LƯƠNG", "DANH SÁCH",
                             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ngày 08 tháng 8 năm 2024",
                             "Tổng cộng: %d hồ sơ" % len(voted)]:
                failures.check(expected in text, "nomination list: %r not in it" % expected)
            for d in voted:
                failures.check(d["nominee"]["name"] in text and d["achievement_summary"] in text,
                               "nomination list: %r and its summary" % d["nominee"]["name"])
        status, headers, payload = api.get(path, tokens["unit_officer"])
        if failures.check(status == 200, "%s as the unit officer: %d" % (path, status)):
            text = docx_text(payload)
            for d in voted:
                failures.check((d["nominee"]["name"] in text) == (d["unit"] == unit),
                               "the unit officer's nomination list and %r (%s)"
                               % (d["nominee"]["name"], d["unit"]))
        # Its minutes: the council by name, each dossier's vote and result, the conclusion.
        status, sessions = api.json("/api/v1/council-sessions", tokens["secretariat"])
        held = next(x for x in sessions["items"] if x["id"] == "hd-2024-01")
        path = "/api/v1/council-sessions/hd-2024-01/minutes?format=docx"
        status, headers, payload = api.get(path, tokens["council_member"])
        if failures.check(status == 200 and headers.get("Content-Type") == DOCX_TYPE,
                          "%s: %d %r" % (path, status, payload[:300])):
            with open(os.path.join(args.artifacts, "documents-minutes-%s.docx" % suffix),
                      "wb") as f:
                f.write(payload)
            text = docx_text(payload)
            for expected in ["BIÊN BẢN", "/BB-HĐTĐKT", "Chủ trì: " + held["chair"],
                             held["place"], "Vắng mặt:", "Kết luận:", "CHỦ TRÌ",
                             "ngày 08 tháng 8 năm 2024"]:
                failures.check(expected in text, "minutes: %r not in them" % expected)
            failures.check("DỰ THẢO" not in text, "minutes of a session that voted are no draft")
            for member in held["roster"]:
                failures.check(member["name"] in text, "minutes: member %r" % member["name"])
            for d in voted:
                failures.check(d["nominee"]["name"] in text, "minutes: %r" % d["nominee"]["name"])
        status, _, _ = api.get("/api/v1/council-sessions/hd-2024-01/minutes",
                               tokens["admin"])
        failures.check(status == 403, "the admin reads no minutes: %d" % status)

        status, _, _ = api.get("/api/v1/council-sessions/no-such/nomination-list",
                               tokens["secretariat"])
        failures.check(status == 404, "an unknown session's list: %d" % status)

        # PDF through LibreOffice, and its pages as PNG.
        if shutil.which("soffice"):
            check_pdf(api, failures, "decisions", decision, tokens["chairman"], args.artifacts,
                      "decision-" + suffix)
            check_pdf(api, failures, "submissions", submission, tokens["chairman"],
                      args.artifacts, "submission-" + suffix)
            check_pdf(api, failures, "decisions", draft, tokens["chairman"], args.artifacts,
                      "draft-" + suffix)
            status, headers, payload = api.get(
                "/api/v1/council-sessions/hd-2024-01/nomination-list?format=pdf",
                tokens["secretariat"])
            if failures.check(status == 200 and payload.startswith(b"%PDF"),
                              "the nomination list as PDF: %d" % status):
                pdf = os.path.join(args.artifacts, "documents-nomination-list-%s.pdf" % suffix)
                with open(pdf, "wb") as f:
                    f.write(payload)
                subprocess.run(["pdftoppm", "-png", "-r", "70", pdf, pdf[:-4]], check=True)
            status, headers, payload = api.get(
                "/api/v1/council-sessions/hd-2024-01/minutes?format=pdf", tokens["secretariat"])
            if failures.check(status == 200 and payload.startswith(b"%PDF"),
                              "the minutes as PDF: %d" % status):
                pdf = os.path.join(args.artifacts, "documents-minutes-%s.pdf" % suffix)
                with open(pdf, "wb") as f:
                    f.write(payload)
                subprocess.run(["pdftoppm", "-png", "-r", "70", pdf, pdf[:-4]], check=True)
        else:
            print("note: LibreOffice (soffice) is not installed: no PDF checked")

        # The CLI writes the same document; without LibreOffice a PDF is refused, DOCX works.
        out = os.path.join(workdir, "cli.docx")
        config = os.path.join(workdir, "tdkt.yaml")
        done = subprocess.run([args.binary, "document", "decision", "--db", db_url, "--config",
                               config, "--id", "qd-2024-gk-01", "--format", "docx", "--out", out],
                              capture_output=True, text=True, timeout=120)
        if failures.check(done.returncode == 0, "tdkt document decision: %s %s"
                          % (done.stdout, done.stderr)):
            text = docx_text(open(out, "rb").read())
            failures.check("Số: " + decision["number"] in text
                           and all(line["nominee"]["name"] in text for line in decision["lines"]),
                           "the CLI's decision names its number and awardees")
        out = os.path.join(workdir, "cli-list.docx")
        done = subprocess.run([args.binary, "document", "nomination-list", "--db", db_url,
                               "--config", config, "--id", "hd-2024-01", "--out", out],
                              capture_output=True, text=True, timeout=120)
        if failures.check(done.returncode == 0, "tdkt document nomination-list: %s %s"
                          % (done.stdout, done.stderr)):
            text = docx_text(open(out, "rb").read())
            failures.check(all(d["nominee"]["name"] in text for d in voted),
                           "the CLI's nomination list names every dossier put to the session")
        out = os.path.join(workdir, "cli-minutes.docx")
        done = subprocess.run([args.binary, "document", "minutes", "--db", db_url, "--config",
                               config, "--id", "hd-2024-01", "--out", out],
                              capture_output=True, text=True, timeout=120)
        failures.check(done.returncode == 0 and "Chủ trì:" in docx_text(open(out, "rb").read()),
                       "tdkt document minutes: %s %s" % (done.stdout, done.stderr))
        environment = dict(os.environ, TDKT_SOFFICE=os.path.join(workdir, "no-soffice"))
        done = subprocess.run([args.binary, "document", "submission", "--db", db_url, "--config",
                               config, "--id", "ttr-2024-01", "--format", "pdf", "--out",
                               os.path.join(workdir, "x.pdf")], capture_output=True, text=True,
                              timeout=120, env=environment)
        failures.check(done.returncode == 1 and "libreoffice-writer-nogui" in done.stderr,
                       "PDF without LibreOffice names the package: %d %s"
                       % (done.returncode, done.stderr))
        done = subprocess.run([args.binary, "document", "submission", "--db", db_url, "--config",
                               config, "--id", "ttr-2024-01", "--out",
                               os.path.join(workdir, "x.docx")], capture_output=True, text=True,
                              timeout=120, env=environment)
        failures.check(done.returncode == 0, "DOCX without LibreOffice: %s" % done.stderr)
        done = subprocess.run([args.binary, "document", "submission", "--db", db_url, "--config",
                               config, "--id", "qd-2024-gk-01", "--out",
                               os.path.join(workdir, "y.docx")], capture_output=True, text=True,
                              timeout=120)
        failures.check(done.returncode == 2, "a decision asked for as a submission: %d %s"
                       % (done.returncode, done.stderr))
        if args.backend == "sqlite":
            without_libreoffice(args.binary, workdir, validator, failures)
    finally:
        server.stop()
        if cleanup:
            cleanup()
        shutil.rmtree(workdir, ignore_errors=True)
    if failures.items:
        print("%d failure(s)" % len(failures.items))
        return 1
    print("ok: documents end to end on %s" % args.backend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
