#!/usr/bin/python3
"""Browser test of the nominee pages against the real service: starts `tdkt serve --demo` on a
fresh SQLite database, and in Debian's headless Chromium

  * the secretariat opens dossier bl24-pccr-02 (Ngân Văn Sinh, approved in 2024), follows
    "Xem lịch sử khen thưởng" to the "Lịch sử khen thưởng" page, which lists the dossier with its
    decision number and số sổ vàng, and shows the CCCD (the secretariat may see it);
  * in "Đối tượng" it types "lo van chuong" (no diacritics) and the first row is "Lò Văn Chương";
  * the Chairman opens the same history page and sees no CCCD.

Screenshots in --artifacts: nominees-history.png, nominees-search.png.

Usage: nominees_test.py --binary PATH --artifacts DIR
"""

import argparse
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
from api_e2e import Server  # noqa: E402
from dashboard_test import Failure, run_in_browser  # noqa: E402
from rounds_test import go, log, login  # noqa: E402

HISTORY_JS = r"""
(() => {
  const err = document.querySelector('[data-testid="page-error"]');
  if (err) return {error: err.textContent.trim()};
  const rows = [...document.querySelectorAll('[data-testid="history-row"]')];
  if (!rows.length) return null;
  const cccd = document.querySelector('[data-testid="nominee-citizen-id"]');
  return {name: (document.querySelector('[data-testid="nominee-name"]') || {}).textContent,
          cccd: cccd ? cccd.textContent.trim() : null,
          rows: rows.map((r) => ({dossier: r.dataset.dossier,
            state: r.querySelector('[data-testid="history-state"]').textContent.trim(),
            decision: r.querySelector('[data-testid="history-decision"]').textContent.trim(),
            register: r.querySelector('[data-testid="history-register-number"]').textContent.trim()}))};
})()
"""


def run(args, page):
    url = args.url
    login(page, url, args.secretariat, "secretariat")
    go(page, "#/dossiers/bl24-pccr-02", "the dossier page of bl24-pccr-02",
       "!!document.querySelector('[data-testid=\"dossier-nominee-history\"]')")
    page.click('[data-testid="dossier-nominee-history"]', "the link to the nominee's history")
    history = page.wait_for("the history page with its rows", HISTORY_JS)
    if "error" in history:
        raise Failure(f"the history page showed an error: {history['error']}")
    row = next((r for r in history["rows"] if r["dossier"] == "bl24-pccr-02"), None)
    if history["name"] != "Ngân Văn Sinh" or row is None or row["state"] != "Đã khen thưởng" \
            or "/QĐ-" not in row["decision"] or not row["register"].isdigit():
        raise Failure(f"expected Ngân Văn Sinh's approved dossier with its decision and số sổ vàng; "
                      f"the page shows {json.dumps(history, ensure_ascii=False)}")
    if history["cccd"] != "038086004512":
        raise Failure(f"the secretariat should see the CCCD; the page shows {history['cccd']!r}")
    page.screenshot(os.path.join(args.artifacts, "nominees-history.png"))
    log("history: %s" % json.dumps(history["rows"], ensure_ascii=False))

    page.click('[data-testid="nav-nominees"]', "the Đối tượng link in the menu")
    page.wait_for("the search form", "!!document.querySelector('[data-testid=\"nominee-search-input\"]')")
    page.type_into('[data-testid="nominee-search-input"]', "lo van chuong", "the search field")
    page.dt.evaluate("document.querySelector('[data-testid=\"nominee-search-input\"]').form.requestSubmit()")
    first = page.wait_for("the first match of 'lo van chuong'",
                          "(document.querySelector('[data-testid=\"nominee-row\"] a') || {}).textContent",
                          accept=lambda v: v == "Lò Văn Chương")
    log(f"search 'lo van chuong' -> {first}")
    page.screenshot(os.path.join(args.artifacts, "nominees-search.png"))

    login(page, url, args.chairman, "chairman")
    go(page, "#/nominees/nm-ngan-van-sinh", "the history page as the Chairman", HISTORY_JS)
    history = page.wait_for("the history page as the Chairman", HISTORY_JS)
    if history.get("cccd") is not None:
        raise Failure(f"the Chairman must not see the CCCD; the page shows {history['cccd']!r}")
    page.check_exceptions()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--chromium", default=None)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="tdkt-browser-nominees-")
    server = Server(args.binary, "sqlite:" + os.path.join(workdir, "demo.db"), workdir,
                    name="serve-nominees")
    try:
        args.url = server.url + "/"
        args.secretariat = server.tokens["secretariat"]
        args.chairman = server.tokens["chairman"]
        args.screenshot = os.path.join(args.artifacts, "nominees.png")
        return run_in_browser("nominees_test", args, run, log)
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
