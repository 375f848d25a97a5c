#!/usr/bin/env python3
"""Browser test of the dashboard's Nhập danh sách page: a unit officer imports the unit's list, in
Debian's headless Chromium over the DevTools protocol.

Usage:
    python3 tests/browser/import_test.py --url http://127.0.0.1:PORT/ --officer TOKEN \
        --bad FILE.xlsx --good FILE.xlsx --screenshot OUT.png

As the unit officer it opens Nhập danh sách from the menu, downloads the template (the page says
which file it saved), uploads --bad (a list with bad rows): the page lists every problem by row and
column and says nothing was imported; then --good: the page lists the drafts created, one per row,
each linking to its dossier; the same file again says it was imported before and creates nothing.
It opens the first created dossier (Dự thảo, the nominee's name as in the file) and from it the nominee's history (Lịch sử
khen thưởng): the register's nominee, with that dossier.
Screenshots: OUT-errors.png (the problems), OUT.png (the drafts created), OUT-dossier.png,
OUT-history.png. Exit 0 on success; 1 with what was expected and what the page showed; 2 for a
missing Chromium.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dashboard_test import Failure, run_in_browser, sel_attr  # noqa: E402
from rounds_test import login  # noqa: E402


def log(message):
    print(f"[import_test] {message}", flush=True)


RESULT_JS = r"""
(() => {
  const out = document.querySelector('[data-testid="import-result"]');
  if (!out || out.querySelector('.loading')) return null;
  const ok = out.querySelector('[data-testid="import-success"]');
  const failed = out.querySelector('[data-testid="import-failed"]');
  if (!ok && !failed) return null;
  return {
    ok: !!ok, message: (ok || failed).textContent.trim(),
    errors: [...out.querySelectorAll('[data-testid="import-error"]')].map((tr) =>
      ({row: Number(tr.dataset.row), column: tr.dataset.column,
        cells: [...tr.children].map((td) => td.textContent.trim())})),
    created: [...out.querySelectorAll('[data-testid="import-created"] tbody tr')].map((tr) =>
      [...tr.children].map((td) => td.textContent.trim())),
  };
})()
"""


def upload(page, path, description):
    dt = page.dt
    # Forget the previous answer, choose the file as a person would (the file chooser), submit.
    dt.evaluate("document.querySelector('[data-testid=\"import-result\"]').replaceChildren()")
    document = dt.call("DOM.getDocument", {"depth": 0})
    node = dt.call("DOM.querySelector", {"nodeId": document["root"]["nodeId"],
                                         "selector": '[data-testid="import-file"]'})
    if not node.get("nodeId"):
        raise Failure(f"expected the file field on the page\n{page.summary()}")
    dt.call("DOM.setFileInputFiles", {"files": [os.path.abspath(path)], "nodeId": node["nodeId"]})
    page.click('[data-testid="import-submit"]', "the Nhập danh sách button")
    return page.wait_for(description, RESULT_JS)


def run(args, page):
    dt = page.dt
    root, ext = os.path.splitext(args.screenshot)
    login(page, args.url, args.officer, "unit_officer")
    page.click('[data-testid="nav-import"]', "Nhập danh sách in the menu")
    page.wait_for("the import form", "!!document.querySelector('[data-testid=\"import-form\"]')")
    if dt.evaluate("!document.querySelector('[data-testid=\"import-unit\"]').disabled"):
        raise Failure("expected the unit fixed to the officer's own unit")

    page.click('[data-testid="import-template-xlsx"]', "the template download")
    # The page shows an error only when the download fails; give it a moment and look.
    dt.pump(1.0)
    failed = dt.evaluate("(document.querySelector('[data-testid=\"import-result\"]') || {}).textContent || ''")
    if failed:
        raise Failure(f"expected the template to download; the page says {failed!r}")

    bad = upload(page, args.bad, "the answer to the list with bad rows")
    if bad["ok"] or not bad["errors"]:
        raise Failure(f"expected the bad list refused with its problems; the page shows {bad}")
    where = sorted((e["row"], e["column"]) for e in bad["errors"])
    if where != [(3, "K"), (4, "E")]:
        raise Failure(f"expected problems at row 3 column K and row 4 column E; the page lists {where}")
    if "không nhập dòng nào" not in bad["message"]:
        raise Failure(f"expected the page to say nothing was imported; it says {bad['message']!r}")
    log(f"bad list: {bad['message']} {[e['cells'] for e in bad['errors']]}")
    page.screenshot(f"{root}-errors{ext}")

    good = upload(page, args.good, "the answer to the good list")
    if not good["ok"] or len(good["created"]) != args.rows:
        raise Failure(f"expected {args.rows} drafts created; the page shows {good}")
    log(f"good list: {good['message']}; {good['created']}")
    page.screenshot(args.screenshot)

    again = upload(page, args.good, "the answer to the same list again")
    if not again["ok"] or "đã được nhập trước đây" not in again["message"]:
        raise Failure(f"expected the same list to be recognised; the page shows {again}")
    log(f"again: {again['message']}")

    first_name = good["created"][0][2].split(" (")[0]
    page.click('[data-testid="import-dossier-link"]', "the first created dossier")
    shown = page.wait_for("the created dossier's page",
                          "(() => { const s = document.querySelector('[data-testid=\"dossier-state\"]'); "
                          "return s ? {state: s.dataset.state, text: document.querySelector('#page').innerText} "
                          ": null; })()")
    if shown["state"] != "draft" or first_name not in shown["text"]:
        raise Failure(f"expected the draft of {first_name}; the page shows {shown['state']}\n{page.summary()}")
    page.screenshot(f"{root}-dossier{ext}")
    # The nominee's history (Lịch sử khen thưởng): the register knows the imported nominee, with
    # this one dossier.
    page.click('[data-testid="dossier-nominee-history"]', "the link to Lịch sử khen thưởng")
    history = page.wait_for("the nominee's history page",
                            "(() => { const t = document.querySelector('[data-view=\"nominee\"] h2'); "
                            "if (!t || document.querySelector('#page .loading')) return null; "
                            "return {title: t.textContent, rows: [...document.querySelectorAll("
                            "'[data-testid=\"history-row\"]')].map((r) => r.dataset.dossier)}; })()")
    dossier_id = good["created"][0][1]
    if "Lịch sử khen thưởng" not in history["title"] or first_name not in history["title"] \
            or history["rows"] != [dossier_id]:
        raise Failure(f"expected Lịch sử khen thưởng of {first_name} listing {dossier_id}; the page shows "
                      f"{history}\n{page.summary()}")
    log(f"history of {first_name}: {history['rows']}")
    page.screenshot(f"{root}-history{ext}")
    dt.pump(0.2)
    page.check_exceptions()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", required=True)
    p.add_argument("--officer", required=True, help="a unit officer's token")
    p.add_argument("--bad", required=True, help="an XLSX list with problems at K3 and E4")
    p.add_argument("--good", required=True, help="an XLSX list that imports")
    p.add_argument("--rows", type=int, required=True, help="the rows of --good")
    p.add_argument("--screenshot", required=True)
    p.add_argument("--timeout", type=float, default=20.0)
    p.add_argument("--chromium", default=None)
    args = p.parse_args(argv)
    return run_in_browser("import_test", args, run, log)


if __name__ == "__main__":
    sys.exit(main())
