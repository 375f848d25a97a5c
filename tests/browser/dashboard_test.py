#!/usr/bin/env python3
"""Browser test of the tdkt dashboard (web/) in Debian's headless Chromium, over the DevTools protocol.

Needs only the Python standard library and websocket-client (Debian: python3-websocket):
    apt-get install -y python3-websocket chromium

Usage:
    python3 tests/browser/dashboard_test.py --url http://127.0.0.1:PORT/ --token TOKEN \
        --dossier ID --event EVENT [--payload JSON] --screenshot OUT.png

It logs in with TOKEN, waits for the dossier list (at least one row), opens dossier ID, clicks the
button of EVENT, fills the event's form from --payload (field name -> value; lists tick the
document check-boxes, booleans pick the radio/check-box; otherwise the form's defaults stay),
submits, and waits until the timeline has one more entry and the dossier's state changed. It saves
OUT.png (the dossier list, after the event) and OUT-dossier.png (the dossier page). A JavaScript
exception in the page (Runtime.exceptionThrown) fails the test. Exit 0 on success; 1 with what was
expected and what the page showed; 2 for bad arguments or a missing Chromium/websocket-client.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

try:
    import websocket  # websocket-client
except ImportError:  # a non-Debian python3 (pyenv, venv) does not see Debian's dist-packages
    for _path in ("/usr/lib/python3/dist-packages",):
        if os.path.isdir(_path) and _path not in sys.path:
            sys.path.append(_path)
    try:
        import websocket
    except ImportError:
        sys.stderr.write("dashboard_test: needs websocket-client (apt-get install -y python3-websocket)\n")
        sys.exit(2)


class Failure(Exception):
    """The dashboard did not do what was expected; the message says what and what the page showed."""


def log(message):
    print(f"[dashboard_test] {message}", flush=True)


# --------------------------------------------------------------------------------------------
# Chromium


def find_chromium(explicit):
    candidates = [explicit] if explicit else []
    candidates += ["/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium") or "",
                   shutil.which("chromium-browser") or "", shutil.which("google-chrome") or ""]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


class Browser:
    def __init__(self, binary, timeout):
        self.profile = tempfile.mkdtemp(prefix="tdkt-chromium-")
        self.stderr_path = os.path.join(self.profile, "chromium.stderr")
        self.proc = None
        self.port = None
        self.binary = binary
        self.timeout = timeout

    def start(self):
        args = [
            self.binary,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-port=0",
            f"--user-data-dir={self.profile}",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-sync",
            "--disable-component-update",
            "--mute-audio",
            "--lang=vi-VN",
            "--window-size=1366,900",
            "about:blank",
        ]
        self.stderr = open(self.stderr_path, "wb")
        # A session of its own, so that stop() ends Chromium's helper processes with it.
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.stderr, start_new_session=True)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + max(self.timeout, 30)
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Failure(f"expected Chromium to start; it exited with {self.proc.returncode}:\n"
                              f"{self.stderr_tail()}")
            try:
                with open(port_file, encoding="utf-8") as f:
                    first = f.readline().strip()
                if first.isdigit():
                    self.port = int(first)
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise Failure(f"expected {port_file} within {max(self.timeout, 30)} s; Chromium said:\n"
                      f"{self.stderr_tail()}")

    def page_websocket_url(self):
        deadline = time.monotonic() + self.timeout
        last_error = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=5) as r:
                    targets = json.load(r)
                for target in targets:
                    if target.get("type") == "page" and target.get("webSocketDebuggerUrl"):
                        return target["webSocketDebuggerUrl"]
                request = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank",
                                                 method="PUT")
                with urllib.request.urlopen(request, timeout=5) as r:
                    target = json.load(r)
                if target.get("webSocketDebuggerUrl"):
                    return target["webSocketDebuggerUrl"]
            except (OSError, ValueError, urllib.error.URLError) as e:
                last_error = e
            time.sleep(0.1)
        raise Failure(f"expected a page target from DevTools on port {self.port}; last error: {last_error}")

    def stderr_tail(self, lines=20):
        try:
            with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return "(no output)"

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=5)
        try:
            self.stderr.close()
        except Exception:
            pass
        shutil.rmtree(self.profile, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# DevTools protocol


class DevTools:
    def __init__(self, ws_url, timeout):
        self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        self.timeout = timeout
        self.next_id = 0
        self.exceptions = []  # Runtime.exceptionThrown
        self.console = []     # console errors/warnings and failed loads (reported, not fatal)

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass

    def _handle(self, message):
        method = message.get("method")
        params = message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            exc = details.get("exception", {})
            text = exc.get("description") or details.get("text") or json.dumps(details)[:500]
            where = f"{details.get('url', '')}:{details.get('lineNumber', '?')}:{details.get('columnNumber', '?')}"
            self.exceptions.append(f"{text} (at {where})")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            parts = [a.get("value") if "value" in a else a.get("description", "") for a in params.get("args", [])]
            self.console.append("console.error: " + " ".join(str(p) for p in parts))
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") == "error":
                self.console.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())

    def call(self, method, params=None, timeout=None):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params or {}}))
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Failure(f"expected an answer to {method} within {timeout or self.timeout} s")
            self.ws.settimeout(remaining)
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                continue
            if message.get("id") == my_id:
                if "error" in message:
                    raise Failure(f"DevTools {method} failed: {message['error']}")
                return message.get("result", {})
            self._handle(message)

    def pump(self, seconds):
        """Reads events for up to `seconds` (also the pause between polls)."""
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            self.ws.settimeout(remaining)
            try:
                self._handle(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                return

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise Failure(f"test script failed in the page: {text}\nscript: {expression[:300]}")
        return result.get("result", {}).get("value")


# --------------------------------------------------------------------------------------------
# The page


PAGE_SUMMARY_JS = r"""
(() => {
  const visible = (el) => !!(el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length));
  const texts = (sel) => [...document.querySelectorAll(sel)].filter(visible)
      .map((e) => e.textContent.trim().replace(/\s+/g, ' ')).filter(Boolean);
  const main = document.querySelector('main');
  return {
    url: location.href,
    title: document.title,
    messages: [...new Set(texts('.message'))],
    state: (document.querySelector('[data-testid="dossier-state"]') || {}).textContent || null,
    main: main ? main.innerText.replace(/\s+\n/g, '\n').slice(0, 1200) : '(no <main>)',
  };
})()
"""


class Page:
    def __init__(self, devtools, timeout):
        self.dt = devtools
        self.timeout = timeout

    def summary(self):
        try:
            s = self.dt.evaluate(PAGE_SUMMARY_JS) or {}
        except Failure as e:
            return f"(could not read the page: {e})"
        lines = [f"  url: {s.get('url')}", f"  title: {s.get('title')}"]
        if s.get("messages"):
            lines.append("  messages: " + " | ".join(s["messages"]))
        if s.get("state"):
            lines.append(f"  dossier state shown: {s['state']}")
        lines.append("  page text:\n    " + (s.get("main") or "").replace("\n", "\n    "))
        if self.dt.console:
            lines.append("  console errors:\n    " + "\n    ".join(self.dt.console[-10:]))
        return "\n".join(lines)

    def check_exceptions(self):
        if self.dt.exceptions:
            raise Failure("expected no JavaScript exception; the page threw:\n  " +
                          "\n  ".join(self.dt.exceptions))

    def wait_for(self, description, expression, accept=bool, timeout=None):
        """Polls `expression` until accept(value) is true; returns the value."""
        limit = timeout or self.timeout
        deadline = time.monotonic() + limit
        value = None
        script_error = None
        while True:
            self.check_exceptions()
            try:
                # The document may be between two pages (navigation): then try again.
                value = self.dt.evaluate(expression)
                script_error = None
                if accept(value):
                    return value
            except Failure as e:
                script_error = str(e)
            if time.monotonic() >= deadline:
                last = script_error or f"last value: {json.dumps(value, ensure_ascii=False)}"
                raise Failure(f"expected {description} within {limit} s ({last})\n"
                              f"the page showed:\n{self.summary()}")
            self.dt.pump(0.1)

    def exists(self, selector):
        return self.dt.evaluate(f"!!document.querySelector({json.dumps(selector)})")

    def click(self, selector, description):
        """A real mouse click at the element's centre (falls back to el.click() if covered)."""
        box = self.dt.evaluate(f"""
          (() => {{
            const el = document.querySelector({json.dumps(selector)});
            if (!el) return null;
            el.scrollIntoView({{block: 'center', inline: 'center'}});
            const r = el.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            return {{x, y, hit: !!hit && (hit === el || el.contains(hit)), disabled: !!el.disabled}};
          }})()""")
        if not box:
            raise Failure(f"expected {description} ({selector}) on the page; the page showed:\n{self.summary()}")
        if box.get("disabled"):
            raise Failure(f"expected {description} ({selector}) to be enabled; it is disabled\n{self.summary()}")
        if not box.get("hit"):
            log(f"{description} is covered at its centre; clicking it through the DOM")
            self.dt.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
            return
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params = {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1}
            if kind == "mouseMoved":
                params = {"type": kind, "x": box["x"], "y": box["y"]}
            self.dt.call("Input.dispatchMouseEvent", params)

    def type_into(self, selector, text, description):
        found = self.dt.evaluate(f"""
          (() => {{
            const el = document.querySelector({json.dumps(selector)});
            if (!el) return false;
            el.focus();
            if (el.select) el.select();
            return document.activeElement === el;
          }})()""")
        if not found:
            raise Failure(f"expected {description} ({selector}) to take the keyboard focus\n{self.summary()}")
        self.dt.call("Input.insertText", {"text": text})

    def screenshot(self, path):
        metrics = self.dt.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics.get("contentSize") or {}
        width = max(1366, int(size.get("width", 1366)))
        height = min(max(900, int(size.get("height", 900))), 8000)
        shot = self.dt.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, timeout=60)
        import base64
        directory = os.path.dirname(os.path.abspath(path))
        os.makedirs(directory, exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        log(f"screenshot {path} ({width}x{height})")


FILL_JS = r"""
((payload) => {
  const form = document.querySelector('[data-testid="event-form"]');
  if (!form) return ['no event form on the page'];
  const problems = [];
  for (const [name, value] of Object.entries(payload)) {
    const els = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
    if (els.length === 0) {
      problems.push(`the form has no field "${name}" (fields: ${[...new Set([...form.elements].map((e) => e.name).filter(Boolean))].join(', ')})`);
      continue;
    }
    const first = els[0];
    const fire = (el) => {
      el.dispatchEvent(new Event('input', {bubbles: true}));
      el.dispatchEvent(new Event('change', {bubbles: true}));
    };
    if (first.type === 'checkbox') {
      const wanted = Array.isArray(value) ? new Set(value.map(String)) : null;
      for (const v of wanted || []) {
        if (!els.some((el) => el.value === v)) problems.push(`"${name}" has no choice "${v}"`);
      }
      for (const el of els) { el.checked = wanted ? wanted.has(el.value) : Boolean(value); fire(el); }
    } else if (first.type === 'radio') {
      const el = els.find((e) => e.value === String(value));
      if (!el) problems.push(`"${name}" has no choice "${value}"`);
      else { el.checked = true; fire(el); }
    } else {
      first.value = String(value);
      fire(first);
      if (first.value !== String(value)) {
        const options = first.options ? [...first.options].map((o) => o.value).join(', ') : '';
        problems.push(`"${name}" did not take "${value}"${options ? ` (offered: ${options})` : ''}`);
      }
    }
  }
  return problems;
})
"""

RESULT_JS = r"""
((event) => {
  const err = document.querySelector('[data-testid="event-error"] .message-error');
  const st = document.querySelector('[data-testid="dossier-state"]');
  const entries = [...document.querySelectorAll('[data-testid="timeline-entry"]')];
  return {
    error: err ? err.textContent.trim() : null,
    state: st ? st.dataset.state : null,
    label: st ? st.textContent.trim() : null,
    count: entries.length,
    sameEvent: entries.filter((e) => e.dataset.event === event).length,
    last: entries.length ? entries[entries.length - 1].dataset.event : null,
    result: (document.querySelector('[data-testid="event-result"]') || {}).textContent || null,
  };
})
"""


def sel_attr(value):
    return json.dumps(str(value))  # a CSS attribute value in double quotes, escaped like JSON


def run(args, page):
    dt = page.dt
    dt.call("Page.enable")
    dt.call("Runtime.enable")
    dt.call("Log.enable")
    dt.call("Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 900, "deviceScaleFactor": 1,
                                                   "mobile": False})
    log(f"opening {args.url}")
    nav = dt.call("Page.navigate", {"url": args.url})
    if nav.get("errorText"):
        raise Failure(f"expected {args.url} to load; Chromium said {nav['errorText']}")

    # 1. Log in.
    page.wait_for("the dashboard script to start (<html data-app=\"ready\">) and show the log-in form",
                  "document.documentElement.dataset.app === 'ready' "
                  "&& !!document.querySelector('[data-testid=\"token-input\"]') "
                  "&& document.querySelector('[data-testid=\"token-input\"]').offsetParent !== null")
    page.type_into('[data-testid="token-input"]', args.token, "the token field")
    page.click('[data-testid="login-button"]', "the log-in button")
    outcome = page.wait_for(
        "the dossier list with at least one data-testid=dossier-row after logging in",
        r"""(() => {
          const msg = document.querySelector('[data-testid="login-message"] .message-error');
          if (msg && !document.querySelector('#login-view').hidden) return 'login refused: ' + msg.textContent.trim();
          const err = document.querySelector('[data-testid="page-error"]');
          if (err) return 'page error: ' + err.textContent.trim();
          if (document.querySelector('[data-testid="list-empty"]')) return 'empty: ' + document.querySelector('[data-testid="list-empty"]').textContent.trim();
          return document.querySelectorAll('[data-testid="dossier-row"]').length ? 'rows' : '';
        })()""")
    if outcome != "rows":
        raise Failure(f"expected at least one dossier-row after logging in; got {outcome}\n{page.summary()}")
    who = dt.evaluate("""({name: (document.querySelector('[data-testid="current-user-name"]') || {}).textContent,
                          role: (document.querySelector('[data-testid="current-user-role"]') || {}).textContent,
                          rows: document.querySelectorAll('[data-testid="dossier-row"]').length,
                          clock: (document.querySelector('[data-testid="service-clock"]') || {}).textContent})""")
    log(f"logged in as {who.get('name')}{who.get('role')}; {who.get('rows')} dossier rows; {who.get('clock')}")
    if not (who.get("name") or "").strip():
        raise Failure(f"expected the logged-in user's name in the header\n{page.summary()}")
    if dt.evaluate("!document.getElementById('nav-admin-item').hidden"):
        raise Failure(f"expected the Quản trị page to be hidden from {who.get('role')}\n{page.summary()}")

    if args.expect_provisional:
        badge = page.wait_for(
            "a 'Hạn tạm tính' badge (data-testid=dossier-deadline-provisional) in the list: the "
            "calendar has no notice for the demo's year",
            "(document.querySelector('[data-testid=\"dossier-deadline-provisional\"]') || {}).textContent")
        if badge.strip() != "Hạn tạm tính":
            raise Failure(f"expected the badge to read 'Hạn tạm tính'; it read {badge!r}")
        log("the list marks provisional deadlines")

    # 2. Open the dossier.
    row_link = f'[data-testid="dossier-row"][data-id={sel_attr(args.dossier)}] [data-testid="dossier-link"]'
    if page.exists(row_link):
        page.click(row_link, f"the link of dossier {args.dossier} in the list")
    else:
        log(f"dossier {args.dossier} is not in the list of the selected campaign; opening #/dossiers/{args.dossier}")
        dt.evaluate(f"location.hash = '#/dossiers/' + encodeURIComponent({json.dumps(args.dossier)})")
    before = page.wait_for(
        f"the page of dossier {args.dossier} with its state and timeline",
        f"""(() => {{
          const id = document.querySelector('[data-testid="dossier-id"]');
          const st = document.querySelector('[data-testid="dossier-state"]');
          const tl = document.querySelector('[data-testid="timeline"], [data-testid="timeline-error"]');
          const err = document.querySelector('[data-testid="page-error"]');
          if (err) return {{error: err.textContent.trim()}};
          if (!id || id.textContent !== {json.dumps(args.dossier)} || !st || !tl) return null;
          return {{state: st.dataset.state, label: st.textContent.trim(), version: st.dataset.version,
                   count: document.querySelectorAll('[data-testid="timeline-entry"]').length,
                   sameEvent: document.querySelectorAll('[data-testid="timeline-entry"][data-event={sel_attr(args.event)}]').length,
                   timelineError: tl.dataset.testid === 'timeline-error' ? tl.textContent.trim() : null,
                   verified: (document.querySelector('[data-testid="audit-verified"]') || {{dataset: {{}}}}).dataset.verified,
                   events: [...document.querySelectorAll('[data-testid="event-button"]')].map((b) => b.dataset.event)}};
        }})()""")
    if before.get("error"):
        raise Failure(f"expected the page of dossier {args.dossier}; it showed an error: {before['error']}")
    if args.expect_provisional:
        warning = page.wait_for(
            "the dossier's warning (data-testid=provisional-warning) and a provisional deadline row",
            "document.querySelector('[data-testid=\"deadline-provisional\"]') && "
            "(document.querySelector('[data-testid=\"provisional-warning\"]') || {}).textContent")
        if "chưa có thông báo chính thức về lịch nghỉ lễ, Tết" not in warning:
            raise Failure(f"expected the warning to say the year has no official notice; it read {warning!r}")
        log("the dossier warns of its provisional deadlines")
    if args.expect_transfer:
        badge = page.wait_for(
            "the dossier's 'Cần chuyển giao' badge (data-testid=dossier-needs-transfer) and warning",
            "document.querySelector('[data-testid=\"transfer-warning\"]') && "
            "(document.querySelector('[data-testid=\"dossier-needs-transfer\"]') || {}).textContent")
        if badge.strip() != "Cần chuyển giao":
            raise Failure(f"expected the badge to read 'Cần chuyển giao'; it read {badge!r}")
        root, ext = os.path.splitext(args.screenshot)
        page.screenshot(f"{root}-waiting{ext or '.png'}")
        log("the dossier is marked as waiting for a transfer")
    if before.get("timelineError"):
        raise Failure(f"expected the timeline of dossier {args.dossier}; it showed: {before['timelineError']}")
    log(f"dossier {args.dossier}: state {before['state']} ({before['label']}), version {before['version']}, "
        f"{before['count']} timeline entries, chain verified={before['verified']}, buttons {before['events']}")

    # 3. Send the event through its form.
    if args.event not in before["events"]:
        raise Failure(f"expected an event button for '{args.event}' (data-testid=event-button data-event={args.event}); "
                      f"the page offers {before['events'] or 'no buttons'} in state {before['state']}\n{page.summary()}")
    page.click(f'[data-testid="event-button"][data-event={sel_attr(args.event)}]', f"the '{args.event}' button")
    page.wait_for(f"the form of '{args.event}' (data-testid=event-form)",
                  f"""(() => {{
                    const f = document.querySelector('[data-testid="event-form"][data-event={sel_attr(args.event)}]');
                    const e = document.querySelector('[data-testid="event-error"] .message-error');
                    if (e) return 'error: ' + e.textContent.trim();
                    return f ? 'form' : '';
                  }})()""")
    if args.payload:
        problems = dt.evaluate(f"{FILL_JS}({json.dumps(args.payload, ensure_ascii=False)})")
        if problems:
            raise Failure(f"expected the '{args.event}' form to take the payload {json.dumps(args.payload, ensure_ascii=False)}; "
                          f"{'; '.join(problems)}\n{page.summary()}")
        log(f"filled the form with {json.dumps(args.payload, ensure_ascii=False)}")
    page.click('[data-testid="event-submit"]', "the submit button of the event form")
    # One more entry, and it is this event's (a timer's reminder may land at the same moment; it
    # would be an extra entry, not this one).
    after = page.wait_for(
        f"the timeline to grow from {before['count']} to {before['count'] + 1} entries with one more "
        f"'{args.event}' entry, and the state to leave '{before['state']}'",
        f"{RESULT_JS}({json.dumps(args.event)})",
        accept=lambda v: bool(v) and (bool(v.get("error")) or
                                      (v.get("count", 0) >= before["count"] + 1
                                       and v.get("sameEvent") == before["sameEvent"] + 1
                                       and v.get("state") and v.get("state") != before["state"])))
    if after.get("error"):
        raise Failure(f"expected '{args.event}' to be accepted; the page answered: {after['error']}\n{page.summary()}")
    if after["count"] != before["count"] + 1:
        log(f"note: the timeline grew by {after['count'] - before['count']} entries (others were recorded meanwhile)")
    log(f"'{args.event}' done: {before['state']} -> {after['state']} ({after['label']}); timeline "
        f"{before['count']} -> {after['count']}; message: {(after.get('result') or '').strip()}")
    page.wait_for("the audit chain to be reported as verified after the event",
                  "(document.querySelector('[data-testid=\"audit-verified\"]') || {dataset: {}}).dataset.verified || ''",
                  accept=lambda v: v in ("true", "false"))
    verified = dt.evaluate("document.querySelector('[data-testid=\"audit-verified\"]').dataset.verified")
    if verified != "true":
        raise Failure(f"expected the audit chain to verify after the event; the page says it does not\n{page.summary()}")

    if args.expect_transfer and page.exists('[data-testid="dossier-needs-transfer"]'):
        raise Failure(f"expected no 'Cần chuyển giao' badge once transferred\n{page.summary()}")
    root, ext = os.path.splitext(args.screenshot)
    page.screenshot(f"{root}-dossier{ext or '.png'}")

    # 4. Back to the list, which shows the new state.
    page.click('[data-testid="back-to-list"]', "the link back to the list")
    row = f'[data-testid="dossier-row"][data-id={sel_attr(args.dossier)}]'
    page.wait_for("the dossier list again",
                  "document.querySelectorAll('[data-testid=\"dossier-row\"]').length > 0")
    shown = dt.evaluate(f"(document.querySelector({json.dumps(row)}) || {{dataset: {{}}}}).dataset.state || null")
    if shown is not None and shown != after["state"]:
        raise Failure(f"expected dossier {args.dossier} in the list with state {after['state']}; the list shows {shown}")
    page.screenshot(args.screenshot)

    # 5. The campaign summary counts the dossier in its new state; the council page lists the
    #    campaign's recorded sessions.
    dt.evaluate("location.hash = '#/summary'")
    total = page.wait_for("the campaign summary's total",
                          "Number((document.querySelector('[data-testid=\"summary-total\"]') || {}).textContent || 0)",
                          accept=lambda v: isinstance(v, (int, float)) and v > 0)
    state_row = f'[data-testid="summary-row"][data-key={sel_attr(after["state"])}]'
    count = page.wait_for(f"a summary row for state {after['state']}",
                          f"Number((document.querySelector({json.dumps(state_row)}) || {{dataset: {{}}}}).dataset.count || 0)",
                          accept=lambda v: isinstance(v, (int, float)) and v >= 1)
    log(f"summary: {total:.0f} dossiers, {count:.0f} in {after['state']}")
    # The structure report (số lượng, cơ cấu): its tables with their "Tổng cộng" rows, and the
    # report downloads; the Excel one is fetched and saved under its Vietnamese name.
    tables = page.wait_for("the structure report's tables",
                           "document.querySelectorAll('[data-testid=\"structure-table\"] .total-row').length",
                           accept=lambda v: isinstance(v, (int, float)) and v >= 2)
    page.click('[data-testid="report-structure-xlsx"]', "the structure report's Excel download")
    saved = page.wait_for("the download's status",
                          "(document.querySelector('[data-testid=\"report-status\"]') || {}).textContent || ''",
                          accept=lambda v: isinstance(v, str) and v.startswith(("Đã tải", "Không")))
    if not saved.startswith("Đã tải Cơ cấu khen thưởng"):
        raise Failure(f"expected the structure report saved under its Vietnamese name; the page says {saved!r}")
    log(f"summary: {tables:.0f} structure tables; {saved}")
    page.screenshot(f"{root}-summary{ext or '.png'}")
    dt.evaluate("location.hash = '#/council'")
    sessions = page.wait_for("the council sessions of the campaign",
                             "document.querySelectorAll('[data-testid=\"session-row\"]').length",
                             accept=lambda v: isinstance(v, (int, float)) and v > 0)
    log(f"council page: {sessions} sessions")
    # Record a session: the roster comes from the last session, member by member; the secretariat
    # only confirms who chaired and sends it.
    if page.exists('details.record-session'):
        dt.evaluate("document.querySelector('details.record-session').open = true")
        roster = page.wait_for("the roster of the last session",
                               "document.querySelectorAll('[data-testid=\"roster-row\"]').length",
                               accept=lambda v: isinstance(v, (int, float)) and v >= 2)
        page.screenshot(f"{root}-council-form{ext or '.png'}")
        page.click('[data-testid="session-submit"]', "the button that records the session")
        recorded = page.wait_for("the recorded session's message",
                                 "(document.querySelector('[data-testid=\"session-result\"], [data-testid=\"session-error\"] .message') || {}).textContent || ''",
                                 accept=lambda v: isinstance(v, str) and v.strip() != "")
        if not recorded.strip().startswith("Đã ghi phiên họp"):
            raise Failure(f"expected the session recorded; the page says {recorded!r}")
        after_sessions = page.wait_for("one more session",
                                       "document.querySelectorAll('[data-testid=\"session-row\"]').length",
                                       accept=lambda v: isinstance(v, (int, float)) and v == sessions + 1)
        log(f"council page: a session of {roster:.0f} members recorded ({after_sessions:.0f} sessions)")
    page.screenshot(f"{root}-council{ext or '.png'}")
    if args.admin_token:
        admin(args, page)
    dt.pump(0.2)
    page.check_exceptions()
    if dt.console:
        log("console errors (not fatal):\n  " + "\n  ".join(dt.console))
    return before, after


ADMIN_NOTICE_JS = r"""
(() => {
  const m = document.querySelector('[data-testid="admin-message"]');
  return m ? (m.classList.contains('message-error') ? 'error: ' : 'ok: ') + m.textContent.trim() : '';
})()
"""


def admin(args, page):
    """The admin's part: log out, log in as the admin, and on the Quản trị page create a unit,
    rename and retire it, add two more units and record that one ended and the other carries it
    on, create a user, issue their token (shown once) and revoke it, disable
    the user and save the commune's settings; a screenshot of the page as -admin.png."""
    dt = page.dt
    page.click('[data-testid="logout-button"]', "the log-out button")
    page.wait_for("the log-in form after logging out",
                  "document.querySelector('[data-testid=\"token-input\"]').offsetParent !== null")
    page.type_into('[data-testid="token-input"]', args.admin_token, "the token field")
    page.click('[data-testid="login-button"]', "the log-in button")
    page.wait_for("the Quản trị link in the menu for the admin",
                  "!!document.getElementById('nav-admin-item') && !document.getElementById('nav-admin-item').hidden")
    page.click('[data-testid="nav-admin"]', "the Quản trị link")
    page.wait_for("the admin page's unit table", "!!document.querySelector('[data-testid=\"units-table\"]')")
    tag = "%06x" % (int(time.time() * 1000) % 0xFFFFFF)
    unit, user = f"thon-thu-{tag}", f"cb-thu-{tag}"

    def act(selector, description, expect):
        page.click(selector, description)
        # The previous action's message stays until the page reloads with this one's.
        message = page.wait_for(f"the page's answer to {description}: “{expect}”", ADMIN_NOTICE_JS,
                                accept=lambda v: v.startswith("error: ") or expect in v)
        if not message.startswith("ok: ") or expect not in message:
            raise Failure(f"expected “{expect}” after {description}; the page said {message}\n{page.summary()}")
        log(f"admin: {description}: {message[4:]}")

    page.type_into('[data-testid="unit-new-id"]', unit, "the new unit's id")
    page.type_into('[data-testid="unit-new-name"]', "Thôn Thử Nghiệm", "the new unit's name")
    act('[data-testid="unit-add"]', "adding a unit", "Đã thêm đơn vị Thôn Thử Nghiệm")
    page.type_into(f'[data-testid="user-new-id"]', user, "the new user's id")
    page.type_into('[data-testid="user-new-name"]', "Lò Văn Thử", "the new user's name")
    dt.evaluate(f"""(() => {{
      const role = document.querySelector('[data-testid="user-new-role"]');
      role.value = 'unit_officer'; role.dispatchEvent(new Event('change', {{bubbles: true}}));
      const unit = document.querySelector('[data-testid="user-new-unit"]');
      unit.value = {json.dumps(unit)}; unit.dispatchEvent(new Event('change', {{bubbles: true}}));
    }})()""")
    act('[data-testid="user-add"]', "adding a user", "Đã thêm Lò Văn Thử (Cán bộ đơn vị)")
    act(f'[data-testid="token-issue-{user}"]', "issuing a token", "Đã cấp mã truy cập mới cho Lò Văn Thử")
    token = dt.evaluate("(document.querySelector('[data-testid=\"issued-token\"]') || {}).textContent || ''")
    if not re.fullmatch(r"tdkt_[A-Za-z0-9_-]{43}", token or ""):
        raise Failure(f"expected the issued token to be shown once; got {token!r}\n{page.summary()}")
    page.screenshot(os.path.splitext(args.screenshot)[0] + "-admin-token.png")
    page.type_into(f'[data-testid="unit-name-{unit}"]', "Thôn Thử Nghiệm Mới", "the unit's name field")
    act(f'[data-testid="unit-rename-{unit}"]', "renaming the unit", "thành “Thôn Thử Nghiệm Mới”")
    if dt.evaluate("!!document.querySelector('[data-testid=\"issued-token\"]')"):
        raise Failure("expected the token to be shown only once, not after the next action")
    act(f'[data-testid="token-revoke-{user}"]', "revoking the token", "Đã thu hồi mã truy cập của Lò Văn Thử")
    act(f'[data-testid="user-toggle-{user}"]', "disabling the user", "Đã vô hiệu hóa Lò Văn Thử")
    act(f'[data-testid="unit-retire-{unit}"]', "retiring the unit", "đã ngừng hoạt động")
    # A unit of an old commune, carried on by the new one: the Sáp nhập… form records it once.
    old_unit = f"thon-cu-{tag}"
    page.type_into('[data-testid="unit-new-id"]', old_unit, "the old unit's id")
    page.type_into('[data-testid="unit-new-name"]', "Thôn Cũ Thử Nghiệm", "the old unit's name")
    act('[data-testid="unit-add"]', "adding the old unit", "Đã thêm đơn vị Thôn Cũ Thử Nghiệm")
    new_unit = f"thon-moi-{tag}"
    page.type_into('[data-testid="unit-new-id"]', new_unit, "the new commune's unit's id")
    page.type_into('[data-testid="unit-new-name"]', "Thôn Mới Thử Nghiệm", "the new unit's name")
    act('[data-testid="unit-add"]', "adding the new unit", "Đã thêm đơn vị Thôn Mới Thử Nghiệm")
    page.click(f'[data-testid="unit-succession-{old_unit}"] summary', "the unit's Sáp nhập… summary")
    dt.evaluate(f"""(() => {{
      const successor = document.querySelector('[data-testid="unit-successor-{old_unit}"]');
      successor.value = {json.dumps(new_unit)}; successor.dispatchEvent(new Event('change', {{bubbles: true}}));
      const day = document.querySelector('[data-testid="unit-last-day-{old_unit}"]');
      day.value = '2025-06-30'; day.dispatchEvent(new Event('change', {{bubbles: true}}));
    }})()""")
    page.type_into(f'[data-testid="unit-basis-{old_unit}"]', "Nghị quyết số 1686/NQ-UBTVQH15, Điều 1",
                   "the succession's legal basis")
    act(f'[data-testid="unit-succeed-{old_unit}"]', "recording the succession",
        "tiếp nhận Thôn Cũ Thử Nghiệm từ ngày 01/07/2025")
    merged = dt.evaluate(f"(document.querySelector('[data-testid=\"unit-status-{old_unit}\"]') || {{}}).textContent")
    if not (merged or "").startswith("Đã sáp nhập: Thôn Mới Thử Nghiệm tiếp nhận từ ngày 01/07/2025"):
        raise Failure(f"expected the old unit to show its successor; it shows {merged!r}\n{page.summary()}")
    if page.exists(f'[data-testid="unit-retire-{old_unit}"]') or page.exists(f'[data-testid="unit-succession-{old_unit}"]'):
        raise Failure(f"expected neither reinstating nor a second succession for a unit that was succeeded\n{page.summary()}")
    if page.exists(f'[data-testid="unit-retire-{new_unit}"]'):
        raise Failure(f"expected no plain retirement of the unit that carries another on\n{page.summary()}")
    for key, value in [("name", "UBND xã Bình Lương"), ("province", "Thanh Hóa"),
                       ("issuer_symbol", "UBND"), ("chairman_name", "Lê Văn Bình"),
                       ("chairman_title", "Chủ tịch UBND xã")]:
        page.type_into(f'[data-testid="commune-{key}"]', value, f"the commune's {key}")
    act('[data-testid="commune-save"]', "saving the commune's settings", "Đã lưu thông tin xã")
    status = dt.evaluate(f"(document.querySelector('[data-testid=\"unit-status-{unit}\"]') || {{}}).textContent")
    if status != "Ngừng hoạt động":
        raise Failure(f"expected the unit to show as retired; it shows {status!r}\n{page.summary()}")
    entries = dt.evaluate("[...document.querySelectorAll('[data-testid=\"admin-log-entry\"]')].map((e) => e.dataset.event)")
    verified = dt.evaluate("(document.querySelector('[data-testid=\"admin-log-verified\"]') || {dataset: {}}).dataset.verified")
    if verified != "true" or entries[:2] != ["commune_set", "unit_change"]:
        raise Failure(f"expected the administrative log, verified, newest first (commune_set, unit_change, …); "
                      f"it shows verified={verified} {entries[:4]}\n{page.summary()}")
    page.screenshot(os.path.splitext(args.screenshot)[0] + "-admin.png")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", required=True, help="the dashboard, e.g. http://127.0.0.1:8080/")
    p.add_argument("--token", required=True, help="bearer token of a user who may send the event")
    p.add_argument("--dossier", required=True, help="id of the dossier to act on")
    p.add_argument("--event", required=True, help="event type, e.g. accept, submit, council_vote")
    p.add_argument("--payload", default=None,
                   help='JSON object of form fields, e.g. \'{"reason": "Thiếu minh chứng"}\'')
    p.add_argument("--screenshot", required=True, help="PNG of the list page; the dossier page goes beside it as -dossier.png")
    p.add_argument("--admin-token", default=None,
                   help="the admin's token: then also do the admin's part on the Quản trị page")
    p.add_argument("--expect-provisional", action="store_true",
                   help="the calendar has no notice for the demo's year: expect the 'Hạn tạm tính' "
                        "badge in the list and the warning on the dossier")
    p.add_argument("--expect-transfer", action="store_true",
                   help="the dossier waits for a transfer (the hoa-quy-2026 demo): expect the "
                        "'Cần chuyển giao' badge and warning on its page before the event, none after")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds for each wait (default 20)")
    p.add_argument("--chromium", default=None, help="Chromium binary (default /usr/bin/chromium)")
    args = p.parse_args(argv)
    if args.payload:
        try:
            args.payload = json.loads(args.payload)
        except ValueError as e:
            p.error(f"--payload is not JSON: {e}")
        if not isinstance(args.payload, dict):
            p.error("--payload must be a JSON object of field names")
    return args


def run_in_browser(name, args, run, log=log):
    """Starts Chromium, runs `run(args, page)` on its page, and answers the exit code: 0 when it
    passed; 1 on a failure (with a screenshot beside args.screenshot) or a lost connection; 2
    without Chromium. Shared by the browser tests of tests/browser/."""
    binary = find_chromium(args.chromium)
    if not binary:
        sys.stderr.write(f"{name}: Chromium not found (apt-get install -y chromium)\n")
        return 2
    browser = Browser(binary, args.timeout)
    devtools = None
    page = None
    try:
        browser.start()
        devtools = DevTools(browser.page_websocket_url(), args.timeout)
        page = Page(devtools, args.timeout)
        run(args, page)
        log("PASS")
        return 0
    except Failure as e:
        print(f"[{name}] FAIL: {e}", file=sys.stderr, flush=True)
        if page is not None:
            root, ext = os.path.splitext(args.screenshot)
            try:
                page.screenshot(f"{root}-failure{ext or '.png'}")
            except Exception as shot_error:  # the browser may be gone
                print(f"[{name}] (no failure screenshot: {shot_error})", file=sys.stderr)
        return 1
    except (websocket.WebSocketException, OSError) as e:
        print(f"[{name}] FAIL: lost the DevTools connection: {e}\n{browser.stderr_tail()}",
              file=sys.stderr, flush=True)
        return 1
    finally:
        if devtools is not None:
            devtools.close()
        browser.stop()


def main(argv=None):
    return run_in_browser("dashboard_test", parse_args(argv if argv is not None else sys.argv[1:]),
                          run)


if __name__ == "__main__":
    sys.exit(main())
