#!/usr/bin/python3
"""Loads nhacviec's dashboard in headless Chromium and checks what it shows.

usage: dashboard_browser_test.py URL [--expect KEY=N]... [--expect-json FILE]
                                 [--screenshot FILE.png] [--chromium PATH] [--timeout SECONDS]

URL is http://127.0.0.1:PORT/ (the daemon) or file:///…/dashboard.html.
Chromium (Debian package `chromium`) runs headless and is driven over the
DevTools protocol on a pipe (--remote-debugging-pipe: NUL-separated JSON on
file descriptors 3 and 4), with Python's standard library only. The check fails when

  - the page does not load (or, over HTTP, is not a 200 text/html; charset=utf-8 answer);
  - anything is written to the console at level error, or an exception is thrown;
  - the page requests anything besides itself (the dashboard has no external assets);
  - the page has a script, is not lang="vi", is not UTF-8, or has no visible timeline SVG;
  - a count differs from what is expected, or is not visible.

Expected counts, from --expect KEY=N (repeatable) and/or --expect-json FILE
(a JSON object {KEY: N}): KEY is a report category (done_on_time, done_late,
in_progress, due_soon, overdue, undetermined, ongoing) or "total", compared
with the count shown in the category table, or "tasks" (rows of the task
table), "timeline_rows" (agencies on the timeline), "timeline_markers"
(deadline markers on the timeline).

Prints a JSON report on stdout; exit status 0 when every check passes, 1 when
one fails, 2 when the browser cannot be run or the arguments are wrong.
"""

import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

CATEGORIES = ("done_on_time", "done_late", "in_progress", "due_soon", "overdue", "undetermined", "ongoing", "total")
NUMBERS = ("tasks", "timeline_rows", "timeline_markers")

# What the page shows, measured in the page itself.
PROBE = r"""
(() => {
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const categories = {};
  document.querySelectorAll("table.categories tr[data-category]").forEach((tr) => {
    const cell = tr.querySelector("td.count");
    categories[tr.dataset.category] = {text: cell ? cell.innerText.trim() : null, visible: visible(cell),
                                       label: tr.querySelector("th") ? tr.querySelector("th").innerText.trim() : null};
  });
  const svg = document.querySelector("svg.timeline");
  const box = svg ? svg.getBoundingClientRect() : null;
  const rows = [...document.querySelectorAll("table.tasks tbody tr")];
  return JSON.stringify({
    title: document.title,
    lang: document.documentElement.lang,
    charset: document.characterSet,
    scripts: document.scripts.length,
    categories,
    tasks: rows.length,
    first_tasks: rows.slice(0, 5).map((tr) => tr.dataset.task),
    timeline_rows: document.querySelectorAll("svg.timeline g.agency-row").length,
    timeline_markers: document.querySelectorAll("svg.timeline circle.mk[data-task]").length,
    timeline_box: box ? [Math.round(box.width), Math.round(box.height)] : null,
    timeline_visible: visible(svg),
  });
})()
"""


class BrowserError(Exception):
    """The browser could not be run or did not answer."""


class DevTools:
    """A Chromium child process and its DevTools pipe."""

    def __init__(self, chromium, timeout):
        self.deadline = time.monotonic() + timeout
        self.profile = tempfile.mkdtemp(prefix="nhacviec-chromium-")
        self.log = tempfile.TemporaryFile()
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire_fds():  # in the child: fd 3 is what it reads, fd 4 what it writes
            high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        args = [chromium, "--headless=new", "--remote-debugging-pipe", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio",
                f"--user-data-dir={self.profile}", "--window-size=1400,1000", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                            preexec_fn=wire_fds, pass_fds=(3, 4))
        except OSError as e:
            raise BrowserError(f"cannot run {chromium}: {e}")
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []  # (session, method, params) in the order they came

    def close(self):
        try:
            self.send("Browser.close", wait=False)
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)

    def browser_log(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-2000:]

    def _read_message(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("timed out waiting for the browser")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise BrowserError("the browser closed its DevTools pipe:\n" + self.browser_log())
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, wait=True):
        """Sends a command; returns its result, keeping the events that arrive meanwhile."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise BrowserError("the browser is gone:\n" + self.browser_log())
        if not wait:
            return None
        while True:
            reply = self._read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append((reply.get("sessionId"), reply["method"], reply.get("params", {})))

    def wait_for(self, method, session):
        """Waits for an event (it may have arrived already)."""
        for event in self.events:
            if event[0] == session and event[1] == method:
                return event[2]
        while True:
            reply = self._read_message()
            if "method" in reply:
                event = (reply.get("sessionId"), reply["method"], reply.get("params", {}))
                self.events.append(event)
                if event[0] == session and event[1] == method:
                    return event[2]


def remote_text(remote):
    """A console argument (a Runtime.RemoteObject) as text."""
    if "value" in remote:
        return str(remote["value"])
    return remote.get("description", remote.get("type", "?"))


def load_page(url, chromium, timeout, screenshot):
    """Loads `url`; returns (what the page shows, problems the browser reported)."""
    tools = DevTools(chromium, timeout)
    problems = []
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            tools.send(f"{domain}.enable", session=session)
        navigation = tools.send("Page.navigate", {"url": url}, session=session)
        if navigation.get("errorText"):
            problems.append(f"cannot load {url}: {navigation['errorText']}")
            return None, problems
        tools.wait_for("Page.loadEventFired", session)
        shown = json.loads(tools.send("Runtime.evaluate", {"expression": PROBE, "returnByValue": True},
                                      session=session)["result"]["value"])
        if screenshot:
            size = tools.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
            tools.send("Emulation.setDeviceMetricsOverride",
                       {"width": 1400, "height": int(size["height"]), "deviceScaleFactor": 1, "mobile": False},
                       session=session)
            shot = tools.send("Page.captureScreenshot", {"format": "png"}, session=session)
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        # Let late console messages arrive before judging.
        tools.send("Runtime.evaluate", {"expression": "1"}, session=session)
    finally:
        tools.close()

    for sid, method, params in tools.events:
        if sid != session:
            continue
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append("console error: " + " ".join(remote_text(a) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            problems.append("exception: " + details.get("exception", {}).get("description", details.get("text", "")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            where = entry.get("url", "")
            problems.append(f"console error ({entry.get('source')}): {entry.get('text')} {where}".strip())
        elif method == "Network.requestWillBeSent":
            requested = params.get("request", {}).get("url", "")
            if requested.split("#")[0] != url.split("#")[0] and not requested.startswith("data:"):
                problems.append(f"requests an asset: {requested}")
        elif method == "Network.responseReceived" and params.get("type") == "Document" and url.startswith("http"):
            response = params.get("response", {})
            content_type = response.get("headers", {}).get("Content-Type") or response.get("headers", {}).get(
                "content-type", "")
            if response.get("status") != 200:
                problems.append(f"HTTP status {response.get('status')}")
            if content_type.replace(" ", "").lower() != "text/html;charset=utf-8":
                problems.append(f"Content-Type {content_type!r}, not text/html; charset=utf-8")
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            problems.append(f"loading failed: {params.get('errorText')}")
    return shown, problems


def check(shown, expected):
    """The differences between what the page shows and what is expected, and the page's own rules."""
    problems = []
    if shown["lang"] != "vi":
        problems.append(f"lang is {shown['lang']!r}, not 'vi'")
    if shown["charset"].upper() != "UTF-8":
        problems.append(f"character set {shown['charset']}")
    if shown["scripts"]:
        problems.append(f"{shown['scripts']} script element(s); the dashboard needs none")
    if not shown["timeline_visible"] or not shown["timeline_box"] or min(shown["timeline_box"]) == 0:
        problems.append(f"the timeline SVG is not visible ({shown['timeline_box']})")
    for key, value in expected.items():
        if key in CATEGORIES:
            cell = shown["categories"].get(key)
            if cell is None:
                problems.append(f"no row {key} in the category table")
            elif cell["text"] != str(value):
                problems.append(f"{key} ({cell['label']}): shows {cell['text']!r}, expected {value}")
            elif not cell["visible"]:
                problems.append(f"{key}: the count is not visible")
        elif key in NUMBERS:
            if shown[key] != value:
                problems.append(f"{key}: {shown[key]}, expected {value}")
        else:
            problems.append(f"unknown expectation {key!r}")
    return problems


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("--expect", action="append", default=[], metavar="KEY=N")
    parser.add_argument("--expect-json", metavar="FILE")
    parser.add_argument("--screenshot", metavar="FILE.png")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium") or "chromium")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args(argv[1:])

    expected = {}
    if args.expect_json:
        with open(args.expect_json, encoding="utf-8") as f:
            expected.update(json.load(f))
    for item in args.expect:
        key, sep, value = item.partition("=")
        if not sep or not value.isdigit():
            parser.error(f"--expect {item}: expected KEY=N")
        expected[key] = int(value)

    try:
        shown, problems = load_page(args.url, args.chromium, args.timeout, args.screenshot)
    except BrowserError as e:
        print(json.dumps({"url": args.url, "ok": False, "problems": [str(e)]}, ensure_ascii=False))
        print(f"dashboard_browser_test: {e}", file=sys.stderr)
        return 2
    if shown is not None:
        problems += check(shown, expected)
    print(json.dumps({"url": args.url, "ok": not problems, "problems": problems, "shown": shown},
                     ensure_ascii=False, indent=1))
    for p in problems:
        print(f"dashboard_browser_test: {p}", file=sys.stderr)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
