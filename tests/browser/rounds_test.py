#!/usr/bin/env python3
"""Browser test of the dashboard's Quyết định page (issue #14): a round drafted by the
secretariat and signed by the Chairman, in Debian's headless Chromium over the DevTools protocol.

Usage:
    python3 tests/browser/rounds_test.py --url http://127.0.0.1:PORT/ \
        --secretariat TOKEN --chairman TOKEN --screenshot OUT.png

The dossiers come from the eligible API (GET /api/v1/campaigns/{id}/eligible?kind=decision), not
from the demo's ids: the test takes the first campaign with an eligible dossier and up to three of
them. As the secretariat it drafts a decision on the Quyết định page, ticks the dossiers (the
running total must be the sum of their prizes) and adds them; when there are two or more, a
colleague (the API) takes the last one into a draft of its own meanwhile, so adding it must be
refused with the server's problem detail shown in the page; the colleague lets it go, the
secretariat takes one line off the draft and adds both back. Then, as the Chairman, it signs the
decision after the confirmation (a first try is refused, naming a listed dossier put on hold
meanwhile; resumed, it goes through) and checks the number (NN/QĐ-UBND), the consecutive sổ vàng
numbers, the prizes against the API and that "Tổng cộng" is the sum of the lines; the dossier page
links back to the decision and shows its sổ vàng number and prize. Screenshots: OUT-eligible.png (the
dossiers ticked, with the running total), OUT-draft.png,
OUT-confirm.png, OUT.png (the signed decision), OUT-dossier.png, OUT-submissions.png. On the way, on
a signed submission that still waits for the higher level (if the data has one), it records one
higher decision approving one line and refusing another (OUT-submission.png).
Exit 0 on success; 1 with what was expected and what the page showed; 2 for a missing Chromium.
"""

import argparse
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dashboard_test import Failure, run_in_browser, sel_attr  # noqa: E402


def log(message):
    print(f"[rounds_test] {message}", flush=True)


VND = re.compile(r"^\d{1,3}(?:\.\d{3})* đ$")


class Api:
    def __init__(self, base, token):
        self.base = base.rstrip("/")
        self.token = token

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            raise Failure(f"expected {method} {path} to succeed; it answered {e.code}: "
                          f"{e.read().decode('utf-8', 'replace')[:500]}")


def q(value):
    return urllib.parse.quote(str(value), safe="")


def vnd(amount):
    digits = str(int(amount))
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return ".".join(groups) + " đ"


def event(api, dossier_id, type_, payload):
    d = api.call("GET", f"/api/v1/dossiers/{q(dossier_id)}")
    api.call("POST", f"/api/v1/dossiers/{q(dossier_id)}/events",
             {"type": type_, "payload": payload, "request_id": f"rounds-test-{type_}-{time.time()}",
              "expected_version": d["version"]})
    log(f"(API) {type_} on {dossier_id}")


def login(page, url, token, who):
    dt = page.dt
    if dt.evaluate("!!document.querySelector('[data-testid=\"logout-button\"]') && "
                   "document.getElementById('header-side') && !document.getElementById('header-side').hidden"):
        page.click('[data-testid="logout-button"]', "the log-out button")
    else:
        nav = dt.call("Page.navigate", {"url": url})
        if nav.get("errorText"):
            raise Failure(f"expected {url} to load; Chromium said {nav['errorText']}")
    page.wait_for("the log-in form",
                  "document.documentElement.dataset.app === 'ready' && "
                  "!!document.querySelector('[data-testid=\"token-input\"]') && "
                  "document.querySelector('[data-testid=\"token-input\"]').offsetParent !== null")
    page.type_into('[data-testid="token-input"]', token, "the token field")
    page.click('[data-testid="login-button"]', "the log-in button")
    # The header keeps the last user's name while the log-in form shows: wait for the form to go.
    page.wait_for(f"the {who} to be logged in (current-user-role data-role={who})",
                  "document.getElementById('login-view').hidden && "
                  "(document.querySelector('[data-testid=\"current-user-role\"]') || {dataset: {}}).dataset.role || ''",
                  accept=lambda v: v == who)
    page.wait_for("the first page after logging in",
                  "!!document.querySelector('#page .view') && !document.querySelector('#page .loading')")
    log(f"logged in as {who}")


def choose_campaign(page, campaign_id):
    page.dt.evaluate(f"""(() => {{
      const s = document.querySelector('[data-testid="campaign-select"]');
      if (s.value === {json.dumps(campaign_id)}) return;
      s.value = {json.dumps(campaign_id)};
      s.dispatchEvent(new Event('change', {{bubbles: true}}));
    }})()""")


def go(page, hash_, description, ready_js):
    page.dt.evaluate(f"location.hash = {json.dumps(hash_)}")
    return page.wait_for(description, ready_js)


ROUND_JS = r"""
(() => {
  const err = document.querySelector('[data-testid="page-error"]');
  if (err) return {error: err.textContent.trim()};
  const head = document.querySelector('[data-testid="round-heading"]');
  if (!head || document.querySelector('#page .loading')) return null;
  const status = document.querySelector('[data-testid="round-status"]');
  const lines = [...document.querySelectorAll('[data-testid="round-line"]')].map((tr) => {
    const prize = tr.querySelector('[data-testid="line-prize"]');
    const reg = tr.querySelector('[data-testid="line-register"]');
    const basis = tr.querySelector('[data-testid="line-prize-basis"]');
    return {id: tr.dataset.id, cells: [...tr.children].map((td) => td.innerText.trim()),
            amount: prize && prize.dataset.amount !== '' ? Number(prize.dataset.amount) : null,
            prizeText: prize ? prize.firstChild.textContent.trim() : null,
            title: prize ? prize.getAttribute('title') : null,
            basis: basis ? basis.textContent.trim() : null,
            register: reg ? reg.textContent.trim() : null};
  });
  const total = document.querySelector('[data-testid="round-total"]');
  const result = document.querySelector('[data-testid="round-result"]');
  const headers = [...document.querySelectorAll('[data-testid="round-lines"] thead th')].map((th) => th.innerText.trim());
  const foot = document.querySelector('[data-testid="round-lines"] tfoot');
  return {id: head.dataset.id, heading: head.textContent.trim(), status: status && status.dataset.status,
          statusText: status && status.textContent.trim(), lines, headers,
          total: total ? Number(total.dataset.amount) : null, totalText: total ? total.textContent.trim() : null,
          footText: foot ? foot.innerText.replace(/\s+/g, ' ').trim() : null,
          number: (document.querySelector('[data-testid="round-number"]') || {}).textContent || null,
          result: result ? {kind: result.className, text: result.textContent.trim()} : null,
          eligible: [...document.querySelectorAll('[data-testid="eligible-row"]')].map((r) => r.dataset.id),
          mismatch: !!document.querySelector('[data-testid="round-total-mismatch"]')};
})()
"""


def read_round(page, description, accept):
    value = page.wait_for(description, ROUND_JS, accept=lambda v: bool(v) and ("error" in v or accept(v)))
    if "error" in value:
        raise Failure(f"expected {description}; the page showed an error: {value['error']}\n{page.summary()}")
    return value


def check_lines_against(page, shown, api_round, signed):
    api_lines = {l["dossier_id"]: l for l in api_round["lines"]}
    if [l["id"] for l in shown["lines"]] != [l["dossier_id"] for l in api_round["lines"]]:
        raise Failure(f"expected the lines {list(api_lines)} in the page; it shows {[l['id'] for l in shown['lines']]}")
    total = 0
    for i, line in enumerate(shown["lines"]):
        want = api_lines[line["id"]]
        if line["cells"][0] != str(i + 1):
            raise Failure(f"expected STT {i + 1} on line {line['id']}; it shows {line['cells'][0]!r}")
        name = want["nominee"]["name"]
        if name not in line["cells"][1] or want["award_name"] not in line["cells"][3]:
            raise Failure(f"expected {name} and {want['award_name']} on line {line['id']}; it shows {line['cells']}")
        prize = want["prize"] or {}
        amount = prize.get("amount_vnd")
        if line["amount"] != amount:
            raise Failure(f"expected the prize {amount} on line {line['id']}; the page has {line['amount']}")
        if amount is not None:
            total += amount
            if line["prizeText"] != vnd(amount) or not VND.match(line["prizeText"]):
                raise Failure(f"expected the prize written {vnd(amount)!r}; it reads {line['prizeText']!r}")
        if prize.get("basis") and prize["basis"] not in (line["basis"] or ""):
            raise Failure(f"expected the prize's basis ({prize['basis']}) in small print on line {line['id']}; "
                          f"it reads {line['basis']!r}")
        if prize.get("basis") and prize["basis"] not in (line["title"] or ""):
            raise Failure(f"expected the prize's basis on hover (title) on line {line['id']}; it is {line['title']!r}")
        if signed:
            if line["register"] != str(want["register_number"]):
                raise Failure(f"expected sổ vàng {want['register_number']} on line {line['id']}; "
                              f"it shows {line['register']!r}")
    if shown["total"] != total or shown["total"] != api_round["total_prize_vnd"]:
        raise Failure(f"expected Tổng cộng = the sum of the lines = {total} (API: {api_round['total_prize_vnd']}); "
                      f"the page says {shown['total']} ({shown['totalText']!r})")
    if shown["totalText"] != vnd(total) or not (shown["footText"] or "").startswith("Tổng cộng"):
        raise Failure(f"expected the foot of the list to read 'Tổng cộng … {vnd(total)}'; it reads {shown['footText']!r}")
    if shown["mismatch"]:
        raise Failure("expected no warning that the lines do not add up")
    return total


def answer_submission(page, api, campaign, root, ext):
    """The secretariat records one decision of the higher level on a signed submission that still
    waits for answers (whichever the data has; skipped when none does): the first pending line
    approved, the second refused with a reason, the others left waiting."""
    waiting = None
    for r in api.call("GET", f"/api/v1/submissions?campaign_id={q(campaign['id'])}")["items"]:
        pending = [l for l in r["lines"] if l["answer"] is None]
        if r["status"] == "signed" and pending and all(
                api.call("GET", f"/api/v1/dossiers/{q(l['dossier_id'])}")["state"] == "escalated" for l in pending):
            waiting = (r, pending)
            break
    if waiting is None:
        log("no signed submission waits for the higher level: the answer form is not exercised")
        return
    sub, pending = waiting
    page.dt.evaluate(f"location.hash = '#/submissions/' + encodeURIComponent({json.dumps(sub['id'])})")
    page.wait_for(f"the answer form of submission {sub['number']}",
                  "!!document.querySelector('[data-testid=\"answer-form\"]')")
    yes = pending[0]["dossier_id"]
    no = pending[1]["dossier_id"] if len(pending) > 1 else None
    page.type_into('[data-testid="answer-number"]', "2468/QĐ-UBND", "the higher decision's number")
    page.click(f'[data-testid="answer-choice-yes"][data-id={sel_attr(yes)}]', f"Đồng ý for {yes}")
    if no:
        page.click(f'[data-testid="answer-choice-no"][data-id={sel_attr(no)}]', f"Không đồng ý for {no}")
        # No reason yet: the page asks for one before sending anything.
        page.click('[data-testid="answer-submit"]', "Ghi nhận quyết định cấp trên")
        asked = page.wait_for("the page to ask for the reason of the refusal",
                              "(document.querySelector('[data-testid=\"answer-error\"] .message-error') || {}).textContent || ''")
        if "lý do" not in asked:
            raise Failure(f"expected the page to ask for the reason; it said {asked!r}")
        page.type_into(f'[data-testid="answer-reason"][data-id={sel_attr(no)}]',
                       "Chưa đủ tiêu chuẩn khen thưởng cấp huyện", "the reason of the refusal")
    page.click('[data-testid="answer-submit"]', "Ghi nhận quyết định cấp trên")
    shown = page.wait_for("the answers in the list",
                          f"""(() => {{
                            const a = (id) => (document.querySelector(`[data-testid="round-line"][data-id="${{id}}"] [data-testid="line-answer"]`) || {{dataset: {{}}}}).dataset.answer;
                            const err = document.querySelector('[data-testid="answer-error"] .message-error');
                            if (err) return {{error: err.textContent.trim()}};
                            return {{yes: a({json.dumps(yes)}), no: {json.dumps(no)} ? a({json.dumps(no)}) : null,
                                    answers: (document.querySelector('[data-testid="round-answers"]') || {{}}).textContent || ''}};
                          }})()""",
                          accept=lambda v: bool(v) and ("error" in v or v["yes"] == "approved"))
    if "error" in shown:
        raise Failure(f"expected the higher decision recorded; the page said {shown['error']}")
    if (no and shown["no"] != "refused") or "2468/QĐ-UBND" not in shown["answers"]:
        raise Failure(f"expected {yes} approved, {no} refused under 2468/QĐ-UBND; the page shows {shown}")
    log(f"recorded 2468/QĐ-UBND on {sub['number']}: {yes} approved" + (f", {no} refused" if no else ""))
    page.screenshot(f"{root}-submission{ext}")


def run(args, page):
    dt = page.dt
    dt.call("Page.enable")
    dt.call("Runtime.enable")
    dt.call("Log.enable")
    dt.call("Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 900, "deviceScaleFactor": 1,
                                                   "mobile": False})
    base = args.url.rstrip("/")
    secretariat = Api(base, args.secretariat)
    root, ext = os.path.splitext(args.screenshot)
    ext = ext or ".png"

    # The dossiers: whatever the eligible API offers now, in the first campaign that has some.
    campaign, eligible = None, []
    for c in secretariat.call("GET", "/api/v1/campaigns")["items"]:
        items = secretariat.call("GET", f"/api/v1/campaigns/{q(c['id'])}/eligible?kind=decision")["items"]
        if items:
            campaign, eligible = c, items[:3]
            break
    if not campaign:
        raise Failure("expected a campaign with a dossier eligible for a decision (chairman_decision, within "
                      "the commune's authority, in no open draft); the demo has none")
    picked = [l["dossier_id"] for l in eligible]
    log(f"campaign {campaign['id']}: eligible dossiers {picked}")

    # 1. The secretariat drafts a decision.
    login(page, args.url, args.secretariat, "secretariat")
    choose_campaign(page, campaign["id"])
    page.click('[data-testid="nav-decisions"]', "the Quyết định link in the menu")
    page.wait_for("the Quyết định page with its list and the new draft form",
                  "!!document.querySelector('[data-testid=\"round-new-form\"]') && "
                  "!!document.querySelector('[data-testid=\"rounds-table\"], [data-testid=\"rounds-empty\"]')")
    name = campaign["name"][:1].lower() + campaign["name"][1:]
    title = f"Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích trong {name} (kiểm thử {int(time.time()) % 100000})"
    page.type_into('[data-testid="round-new-title"]', title, "the trích yếu field")
    page.click('[data-testid="round-new-submit"]', "Tạo dự thảo quyết định")
    draft = read_round(page, "the new draft with the eligible dossiers",
                       lambda v: v["status"] == "draft" and len(v["eligible"]) > 0)
    decision_id = draft["id"]
    if draft["statusText"] != "Dự thảo":
        raise Failure(f"expected the status 'Dự thảo'; it reads {draft['statusText']!r}")
    missing = [d for d in picked if d not in draft["eligible"]]
    if missing:
        raise Failure(f"expected the eligible dossiers {missing} as check boxes; the page offers {draft['eligible']}")
    log(f"drafted {decision_id}: {len(draft['eligible'])} eligible dossiers offered")

    # Tick them; the running total is the sum of their prizes.
    for d in picked:
        page.click(f'[data-testid="eligible-check"][data-id={sel_attr(d)}]', f"the check box of {d}")
    want_sum = sum((l["prize"] or {}).get("amount_vnd") or 0 for l in eligible)
    running = page.wait_for("the running total of the ticked dossiers",
                            "(() => { const s = document.querySelector('[data-testid=\"eligible-sum\"]'); "
                            "return s ? {amount: Number(s.dataset.amount), text: s.textContent.trim(), "
                            "line: document.querySelector('[data-testid=\"eligible-running\"]').textContent} : null; })()",
                            accept=lambda v: bool(v) and v["amount"] == want_sum)
    if running["text"] != vnd(want_sum):
        raise Failure(f"expected the running total written {vnd(want_sum)!r}; it reads {running['text']!r}")
    log(f"ticked {len(picked)}: {running['line'].strip()}")
    page.screenshot(f"{root}-eligible{ext}")

    # A colleague takes the last ticked dossier into a draft of their own meanwhile: adding it is
    # refused and the page says why.
    other = None
    if len(picked) >= 2:
        other = secretariat.call("POST", "/api/v1/decisions",
                                 {"campaign_id": campaign["id"], "title": "Dự thảo của đồng nghiệp (kiểm thử)"})
        secretariat.call("POST", f"/api/v1/decisions/{q(other['id'])}/dossiers", {"dossier_id": picked[-1]})
    page.click('[data-testid="eligible-add"]', "Thêm vào dự thảo")
    expect = len(picked) - 1 if other else len(picked)
    added = read_round(page, f"{expect} lines in the draft after adding",
                       lambda v: len(v["lines"]) == expect and v["result"] is not None)
    if other:
        if "message-error" not in added["result"]["kind"] or picked[-1] not in added["result"]["text"] \
                or other["id"] not in added["result"]["text"] or "đã có trong dự thảo" not in added["result"]["text"]:
            raise Failure(f"expected the refusal to add {picked[-1]} (in another draft) shown in the page; "
                          f"it shows {added['result']}")
        log(f"refusal shown: {added['result']['text']}")
        page.screenshot(f"{root}-refused{ext}")
        secretariat.call("DELETE", f"/api/v1/decisions/{q(other['id'])}/dossiers/{q(picked[-1])}")
        # Take one line off, then add both back (the page reloads the eligible list).
        page.click(f'[data-testid="line-remove"][data-id={sel_attr(picked[0])}]', f"Bỏ khỏi dự thảo on {picked[0]}")
        removed = read_round(page, f"{picked[0]} off the draft and eligible again",
                             lambda v: picked[0] not in [l["id"] for l in v["lines"]]
                             and picked[0] in v["eligible"] and picked[-1] in v["eligible"])
        log(f"removed {picked[0]}: {removed['result']['text'] if removed['result'] else ''}")
        for d in (picked[0], picked[-1]):
            page.click(f'[data-testid="eligible-check"][data-id={sel_attr(d)}]', f"the check box of {d}")
        page.click('[data-testid="eligible-add"]', "Thêm vào dự thảo")
        added = read_round(page, f"{len(picked)} lines in the draft",
                           lambda v: len(v["lines"]) == len(picked) and v["result"] is not None)
        if "message-success" not in added["result"]["kind"]:
            raise Failure(f"expected the dossiers added; the page says {added['result']}")
    api_draft = secretariat.call("GET", f"/api/v1/decisions/{q(decision_id)}")
    check_lines_against(page, added, api_draft, signed=False)
    log(f"draft {decision_id}: {len(added['lines'])} lines, Tổng cộng {added['totalText']}")
    page.screenshot(f"{root}-draft{ext}")

    answer_submission(page, secretariat, campaign, root, ext)

    # Meanwhile a listed dossier is put on hold (a complaint came in): the Chairman's first try
    # must be refused, naming it; resumed, the signing goes through.
    held = picked[1] if len(picked) >= 2 else None
    if held:
        event(secretariat, held, "hold", {"reason": "Đang xác minh đơn phản ánh",
                                          "legal_ground": "Nghị định 152/2025/NĐ-CP, Điều 4"})

    # 2. The Chairman signs, after the confirmation.
    login(page, args.url, args.chairman, "chairman")
    choose_campaign(page, campaign["id"])
    page.click('[data-testid="nav-decisions"]', "the Quyết định link in the menu")
    page.wait_for(f"the draft {decision_id} in the list",
                  f"!!document.querySelector('[data-testid=\"round-row\"][data-id={sel_attr(decision_id)}]')")
    page.click(f'[data-testid="round-row"][data-id={sel_attr(decision_id)}] [data-testid="round-link"]',
               f"the link of {decision_id}")
    read_round(page, "the draft for the Chairman", lambda v: v["id"] == decision_id and v["status"] == "draft")
    page.wait_for("the Ký quyết định button", "!!document.querySelector('[data-testid=\"sign-button\"]')")
    if page.exists('[data-testid="eligible-section"]'):
        raise Failure("expected the Chairman not to be offered the eligible dossiers to add")
    if held:
        # The held dossier is flagged on its line, and signing is refused naming it.
        flagged = page.dt.evaluate(
            "[...document.querySelectorAll('[data-testid=\"line-not-ready\"]')].map((e) => e.closest('tr').dataset.id)")
        if flagged != [held]:
            raise Failure(f"expected the line of {held} (on hold) flagged before signing; flagged: {flagged}")
        page.click('[data-testid="sign-button"]', "Ký quyết định")
        page.click('[data-testid="sign-confirm"]', "Xác nhận: Ký quyết định")
        refused = page.wait_for("the signing refused, naming the dossier on hold",
                                "(document.querySelector('[data-testid=\"sign-error\"] .message-error') || {}).textContent || ''")
        if held not in refused or "Tạm hoãn" not in refused:
            raise Failure(f"expected the refusal to name {held} and its state Tạm hoãn; the page said {refused!r}")
        log(f"signing refused: {refused}")
        page.screenshot(f"{root}-sign-refused{ext}")
        event(secretariat, held, "resume", {"reason": "Đã xác minh xong, tiếp tục xét"})
        page.click('[data-testid="sign-cancel"]', "Hủy")
        page.click('[data-testid="back-to-rounds"]', "back to the decisions")
        page.wait_for(f"the draft {decision_id} in the list",
                      f"!!document.querySelector('[data-testid=\"round-row\"][data-id={sel_attr(decision_id)}]')")
        page.click(f'[data-testid="round-row"][data-id={sel_attr(decision_id)}] [data-testid="round-link"]',
                   f"the link of {decision_id}")
        read_round(page, "the draft again, nothing flagged",
                   lambda v: v["id"] == decision_id and v["status"] == "draft" and not page.exists('[data-testid="line-not-ready"]')
                   and page.exists('[data-testid="sign-button"]'))
    page.click('[data-testid="sign-button"]', "Ký quyết định")
    page.wait_for("the confirmation before signing", "!!document.querySelector('[data-testid=\"sign-confirm\"]')")
    page.screenshot(f"{root}-confirm{ext}")
    page.click('[data-testid="sign-confirm"]', "Xác nhận: Ký quyết định")
    signed = read_round(page, "the signed decision",
                        lambda v: v["status"] == "signed" or bool(
                            page.dt.evaluate("!!document.querySelector('[data-testid=\"sign-error\"] .message-error')")))
    if signed["status"] != "signed":
        error = page.dt.evaluate("document.querySelector('[data-testid=\"sign-error\"]').textContent")
        raise Failure(f"expected the decision signed; the page said {error}\n{page.summary()}")
    signer = page.dt.evaluate("(document.querySelector('[data-testid=\"round-signed-by\"]') || {}).textContent || ''")
    if "(" not in signer:
        raise Failure(f"expected the Chairman's name as the signer; the page shows {signer!r}")
    number = (signed["number"] or "").strip()
    if not re.fullmatch(r"\d+/QĐ-UBND", number) or signed["statusText"] != "Đã ký":
        raise Failure(f"expected a number NN/QĐ-UBND and 'Đã ký'; the page shows {number!r}, {signed['statusText']!r}")
    for column in ("STT", "Họ tên / tên tập thể", "Đơn vị", "Hình thức khen thưởng", "Số sổ vàng", "Tiền thưởng"):
        if column not in signed["headers"]:
            raise Failure(f"expected the column {column!r} in the signed list; it has {signed['headers']}")
    api_signed = Api(base, args.chairman).call("GET", f"/api/v1/decisions/{q(decision_id)}")
    if api_signed["number"] != number:
        raise Failure(f"expected the page's number {number} to be the API's {api_signed['number']}")
    registers = [int(l["register"]) for l in signed["lines"] if (l["register"] or "").isdigit()]
    if len(registers) != len(signed["lines"]) or sorted(registers) != list(range(min(registers), min(registers) + len(registers))):
        raise Failure(f"expected consecutive sổ vàng numbers on every line; the page shows {[l['register'] for l in signed['lines']]}")
    total = check_lines_against(page, signed, api_signed, signed=True)
    log(f"signed {number} on {api_signed['signed_on']}: sổ vàng {registers}, Tổng cộng {vnd(total)}; "
        f"message: {signed['result']['text'] if signed['result'] else ''}")
    page.screenshot(args.screenshot)
    # The signed decision's document, to edit in Word, is fetched and saved under its name.
    page.click('[data-testid="document-docx"]', "the decision's Word download")
    saved = page.wait_for("the document's download",
                          "(document.querySelector('[data-testid=\"document-status\"]') || {}).textContent || ''",
                          accept=lambda v: isinstance(v, str) and v.startswith(("Đã tải", "Không")))
    if not saved.startswith("Đã tải") or not saved.rstrip(".").endswith(".docx"):
        raise Failure(f"expected the decision's DOCX downloaded; the page says {saved!r}")
    log(f"document: {saved}")

    # 3. The dossier page links to its decision and shows its sổ vàng number and prize.
    first = signed["lines"][0]
    page.click(f'[data-testid="round-line"][data-id={sel_attr(first["id"])}] [data-testid="line-dossier-link"]',
               f"the link of dossier {first['id']}")
    shown = page.wait_for(f"the page of dossier {first['id']} with its decision",
                          "(() => { const a = document.querySelector('[data-testid=\"dossier-decisions-link\"]'); "
                          "const r = document.querySelector('[data-testid=\"dossier-register-number\"]'); "
                          "const p = document.querySelector('[data-testid=\"dossier-prize\"]'); "
                          "const s = document.querySelector('[data-testid=\"dossier-state\"]'); "
                          "return a && r ? {link: a.textContent, href: a.getAttribute('href'), register: r.textContent, "
                          "prize: p ? p.textContent : null, state: s && s.dataset.state} : null; })()")
    if number not in shown["link"] or decision_id not in shown["href"] or shown["register"] != first["register"] \
            or shown["state"] != "approved":
        raise Failure(f"expected dossier {first['id']} approved, linking to {number} with sổ vàng {first['register']}; "
                      f"it shows {shown}")
    if first["amount"] is not None and shown["prize"] != vnd(first["amount"]):
        raise Failure(f"expected the dossier's prize {vnd(first['amount'])}; it shows {shown['prize']!r}")
    log(f"dossier {first['id']}: {shown['link']}, sổ vàng {shown['register']}, tiền thưởng {shown['prize']}")
    page.screenshot(f"{root}-dossier{ext}")
    page.click('[data-testid="dossier-decisions-link"]', "the link to the decision")
    read_round(page, "the decision again from the dossier", lambda v: v["id"] == decision_id)

    # 4. The Tờ trình page renders for the Chairman.
    page.click('[data-testid="nav-submissions"]', "the Tờ trình link in the menu")
    page.wait_for("the Tờ trình page",
                  "!!document.querySelector('[data-testid=\"rounds-table\"], [data-testid=\"rounds-empty\"]')")
    page.screenshot(f"{root}-submissions{ext}")
    dt.pump(0.2)
    page.check_exceptions()
    if dt.console:
        log("console errors (not fatal):\n  " + "\n  ".join(dt.console))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", required=True)
    p.add_argument("--secretariat", required=True, help="the secretariat's token")
    p.add_argument("--chairman", required=True, help="the Chairman's token")
    p.add_argument("--screenshot", required=True, help="PNG of the signed decision; the others go beside it")
    p.add_argument("--timeout", type=float, default=20.0)
    p.add_argument("--chromium", default=None)
    args = p.parse_args(argv)
    return run_in_browser("rounds_test", args, run, log)


if __name__ == "__main__":
    sys.exit(main())
