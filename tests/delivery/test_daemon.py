"""The daemon end to end: `nhacviec run` on the seed with a real SMTP server,
its clock started (--now) just before the quarter IV/2026 deadlines: the
reminder of the day before arrives at 08:00; stopped with SIGTERM and started
again past the deadline, the first escalation arrives; started once more at
the same moment, nothing is sent twice. Also the HTTP API, a status change
with a bearer token, and a reload refused."""

import json
import os
import re
import signal
import socket
import sys
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from harness import BIN, HERE, Daemon, Server, Workspace, mail_keys, read_jsonl

ADMIN = "admin-token-0123456789"
FINANCE = "finance-token-0123456789"
Q4_TASKS = [("I.7", "Sở Nội vụ"), ("I.8", "Thanh tra thành phố"), ("II.5.12", "Sở Nội vụ")]


class DaemonEndToEnd(unittest.TestCase):
    def setUp(self):
        self.out = tempfile.mkdtemp(prefix="nhacviec-daemon-")
        self.server = Server("smtp_server.py", "--out", self.out)
        self.addCleanup(self.server.stop)
        self.ws = Workspace()
        self.addCleanup(self.ws.close)
        self.config_text = (f'[email]\nserver = "smtp://127.0.0.1:{self.server.port}"\nsecurity = "none"\n'
                            f'[[api.token]]\ntoken = "{ADMIN}"\nrole = "admin"\n'
                            f'[[api.token]]\ntoken = "{FINANCE}"\nrole = "agency"\nagency = "Sở Tài chính"\n')
        self.ws.write_config(self.config_text)
        self.ws.import_plan()

    def keys(self):
        return mail_keys(self.out)

    def wait_for_keys(self, wanted, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = {key for key, _ in self.keys()}
            if wanted <= got:
                return
            time.sleep(0.1)
        self.fail(f"missing: {sorted(wanted - {key for key, _ in self.keys()})}")

    def test_reminders_then_escalations_across_restarts_and_nothing_twice(self):
        # 30 December 2026, five seconds before 08:00: the day-before reminders of the quarter IV deadlines.
        daemon = Daemon(self.ws, "2026-12-30T07:59:55")
        daemon.wait_for_log(r"came due \(\d+ skipped by catch-up\)")  # the start-up catch-up
        at_start = len(self.keys())
        reminders = {f"90/KH-UBND/2026|{code}|-|reminder-1|{lead}" for code, lead in Q4_TASKS}
        self.assertFalse(reminders & {key for key, _ in self.keys()})
        self.wait_for_keys(reminders)
        status, body = daemon.request("/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["next_wake"], "2026-12-31T08:00:00+07:00")
        self.assertEqual(daemon.stop(), 0)
        self.assertIn("SIGTERM: stopping", daemon.log())
        after_first = len(self.keys())
        self.assertGreater(after_first, at_start)

        # Past the deadline, on the first working day after it (1 January is a holiday, then a weekend).
        daemon = Daemon(self.ws, "2027-01-04T07:59:55")
        escalations = {f"90/KH-UBND/2026|{code}|-|escalation-1|{lead}" for code, lead in Q4_TASKS}
        self.wait_for_keys(escalations | {"*|*|2027-01-04|digest|Văn phòng UBND thành phố"})
        time.sleep(1)
        received = self.keys()
        i7 = sorted(rcpt for key, rcpt in received if key == "90/KH-UBND/2026|I.7|-|escalation-1|Sở Nội vụ")
        self.assertIn("so-noi-vu@haiphong.example", i7)
        self.assertIn("so-tai-chinh@haiphong.example", i7)  # level 1 copies the monitoring agency
        # The reminder of the day itself (31 December) was missed while stopped: its deadline has
        # passed, so it gives way to the escalation and is not sent late.
        self.assertFalse(any("reminder-0" in key for key, _ in received))
        self.assertEqual(daemon.stop(), 0)

        # The same moment again: everything is already recorded; nothing goes out twice.
        daemon = Daemon(self.ws, "2027-01-04T07:59:55")
        daemon.wait_for_log(r"clock started at 2027-01-04T07:59:5")
        time.sleep(7)
        self.assertEqual(daemon.stop(), 0)
        again = self.keys()
        self.assertEqual(len(again), len(received))
        self.assertEqual(len(set(again)), len(again))  # no (key, recipient) twice over the whole test

    def test_api_status_changes_need_the_right_token(self):
        daemon = Daemon(self.ws, "2026-10-15T10:00")
        self.addCleanup(lambda: daemon.process.poll() is None and daemon.stop())
        status, body = daemon.request("/api/tasks/I.3")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["status"]["state"], "not_started")
        self.assertEqual(daemon.request("/api/tasks/I.3/status", {"action": "done"})[0], 401)
        self.assertEqual(daemon.request("/api/tasks/I.3/status", {"action": "done"}, "wrong-token-0123456789")[0], 401)
        # Sở Tài chính leads I.3 but not II.1.1.
        status, body = daemon.request("/api/tasks/II.1.1/status", {"action": "done"}, FINANCE)
        self.assertEqual((status, json.loads(body)), (403, {"error": "Sở Tài chính does not lead task II.1.1"}))
        status, body = daemon.request("/api/tasks/I.3/status", {"action": "done", "date": "2026-04-02"}, FINANCE)
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), {"task": "I.3", "plan": "90/KH-UBND", "period": None, "state": "done",
                                            "done_on": "2026-04-02", "changed_by": "Sở Tài chính (API)"})
        self.assertEqual(json.loads(daemon.request("/api/tasks/I.3")[1])["status"]["done_on"], "2026-04-02")
        # The admin token may change any task; the checks of `nhacviec status` apply.
        status, body = daemon.request("/api/tasks/II.1.2/status", {"action": "done"}, ADMIN)
        self.assertEqual((status, json.loads(body)),
                         (422, {"error": "II.1.2 is recurring (yearly): give period, e.g. 2027"}))
        status, body = daemon.request("/api/tasks/X.9/status", {"action": "done"}, ADMIN)
        self.assertEqual((status, json.loads(body)), (404, {"error": "no task X.9"}))
        status, body = daemon.request("/api/tasks/I.3/status", {"action": "done", "when": "x"}, ADMIN)
        self.assertEqual((status, json.loads(body)),
                         (400, {"error": "when: unknown field (action, date, period, note)"}))
        # The metrics count the task done now (done late: the deadline was 31 March).
        metrics = daemon.request("/metrics")[1]
        self.assertIn('nhacviec_tasks{category="done_late"} 1\n', metrics)
        self.assertIn('nhacviec_tasks{category="overdue"} 3\n', metrics)

    def test_the_dashboard_served_loads_in_chromium_with_the_seed_counts(self):
        daemon = Daemon(self.ws, "2026-10-15T10:00")
        self.addCleanup(lambda: daemon.process.poll() is None and daemon.stop())
        expect = {"done_on_time": 0, "done_late": 0, "in_progress": 9, "due_soon": 0, "overdue": 4,
                  "undetermined": 1, "ongoing": 37, "total": 51, "tasks": 51}
        args = [arg for key, n in expect.items() for arg in ("--expect", f"{key}={n}")]
        browser = subprocess.run([sys.executable, os.path.join(HERE, "..", "web", "dashboard_browser_test.py"),
                                  daemon.url + "/", *args], capture_output=True, text=True, timeout=120)
        self.assertEqual(browser.returncode, 0, browser.stdout + browser.stderr)
        # The calendar feed of the monitoring agency is served too.
        status, feed = daemon.request("/calendar/so-tai-chinh.ics")
        self.assertEqual(status, 200)
        self.assertTrue(feed.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        self.assertEqual(feed.count("BEGIN:VEVENT"), 41)
        self.assertEqual(daemon.request("/calendar/khong-co.ics")[0], 404)

    def test_reads_can_require_a_token_and_requests_are_bounded(self):
        self.ws.write_config(self.config_text + "[api]\ntokens_for_reads = true\n")
        daemon = Daemon(self.ws, "2026-10-15T10:00")
        self.addCleanup(lambda: daemon.process.poll() is None and daemon.stop())
        self.assertEqual(daemon.request("/api/tasks")[0], 401)
        self.assertEqual(daemon.request("/")[0], 401)
        self.assertEqual(daemon.request("/healthz")[0], 200)  # liveness stays open
        status, body = daemon.request("/api/tasks", token=FINANCE)
        self.assertEqual(status, 200)
        self.assertEqual(len(json.loads(body)), 51)
        # A body over 64 KiB is refused without being read.
        status, _ = daemon.request("/api/tasks/I.3/status", {"action": "done", "note": "x" * 70000}, ADMIN)
        self.assertEqual(status, 413)
        # A client that sends half a request is cut off after 10 s; the server goes on.
        with socket.create_connection(("127.0.0.1", int(daemon.url.rsplit(":", 1)[1]))) as slow:
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            slow.settimeout(15)
            started = time.monotonic()
            self.assertEqual(slow.recv(100), b"")  # closed by the server
            self.assertGreater(time.monotonic() - started, 8)
        self.assertEqual(daemon.request("/healthz")[0], 200)
        self.assertEqual(daemon.request("/api/nothing", token=ADMIN)[0], 404)
        self.assertEqual(daemon.request("/metrics", {"x": 1}, ADMIN)[0], 405)
        # Calendar applications send no token: the agency's secret address serves its feed without one.
        self.assertEqual(daemon.request("/calendar/so-tai-chinh.ics")[0], 401)
        shown = self.ws.run("feed", "Sở Tài chính").stdout
        self.assertRegex(shown, r"^Sở Tài chính: http://127\.0\.0\.1:8470/calendar/private/[A-Za-z0-9_-]{32}\.ics\n$")
        secret = shown[shown.index("/calendar/private/"):].strip()
        status, feed = daemon.request(secret)
        self.assertEqual(status, 200)
        self.assertEqual(feed.count("BEGIN:VEVENT"), 41)
        # Replaced, then revoked, by another process: the daemon keeps the addresses in memory, and the very next
        # request after each command sees the change.
        reset = self.ws.run("feed", "Sở Tài chính", "--reset").stdout
        self.assertEqual(daemon.request(secret), (404, '{\n  "error": "no calendar at this address"\n}\n'))
        fresh = reset[reset.index("/calendar/private/"):reset.index(".ics\n") + 4]
        self.assertEqual(daemon.request(fresh)[0], 200)
        self.assertEqual(self.ws.run("feed", "Sở Tài chính", "--revoke").stdout,
                         "Sở Tài chính: secret calendar address revoked\n")
        self.assertEqual(daemon.request(fresh), (404, '{\n  "error": "no calendar at this address"\n}\n'))

    def test_an_agency_token_without_a_known_agency_stops_the_start(self):
        for agency, error in (('""', ":14:10: [[api.token]] agency: must name an agency of the directory, not be empty"),
                              ('"Sở Ngoại vụ"', ':14:10: [[api.token]] agency: not in the agency directory: "Sở Ngoại vụ"')):
            with self.subTest(agency=agency):
                self.ws.write_config(self.config_text + f'[[api.token]]\ntoken = "{"x" * 20}"\nrole = "agency"\n'
                                                        f'agency = {agency}\n')
                result = subprocess.run([BIN, "--config", self.ws.config, "--db", self.ws.db, "run", "--listen",
                                         "127.0.0.1:0"], capture_output=True, text=True, timeout=20)
                self.assertEqual(result.returncode, 1)
                self.assertIn(self.ws.config + error, result.stderr)
                self.assertEqual(self.ws.run("check", check=False).returncode, 1)

    def test_a_hanging_mail_server_holds_up_neither_the_api_nor_the_stop(self):
        with Server("smtp_server.py", "--hang") as hanging:
            self.ws.write_config(f'[email]\nserver = "smtp://127.0.0.1:{hanging.port}"\nsecurity = "none"\n'
                                 'timeout_seconds = 4\n')
            daemon = Daemon(self.ws, "2026-11-25T09:00")
            time.sleep(1)  # the start-up pass is now waiting on the server
            started = time.monotonic()
            self.assertEqual(daemon.request("/healthz")[0], 200)
            self.assertEqual(daemon.request("/api/tasks/I.3")[0], 200)
            self.assertLess(time.monotonic() - started, 1.0)
            # SIGTERM: the attempts in flight end (at their timeout) and are recorded; nothing more is tried.
            started = time.monotonic()
            self.assertEqual(daemon.stop(), 0)
            self.assertLess(time.monotonic() - started, 8)
        rows = self.ws.outbox()
        states = {}
        for row in rows:
            states[row["state"]] = states.get(row["state"], 0) + 1
        self.assertNotIn("sending", states)
        self.assertEqual(states.get("retrying", 0) + states.get("pending", 0), 23)
        self.assertGreaterEqual(states.get("retrying", 0), 2)  # the two sessions' first attempts
        for row in rows:
            if row["state"] == "retrying":
                self.assertRegex(row["detail"], r"^timed out after 4 s ")

    def test_a_bad_configuration_is_refused_on_reload(self):
        daemon = Daemon(self.ws, "2026-10-15T10:00")
        self.addCleanup(lambda: daemon.process.poll() is None and daemon.stop())
        with open(self.ws.config, "a", encoding="utf-8") as f:
            f.write("[schedule]\nsend_time = \"25:00\"\n")
        daemon.process.send_signal(signal.SIGHUP)
        daemon.wait_for_log(r"reload refused, the running configuration stays: .*nhacviec\.toml:\d+:\d+: "
                            r"\[schedule\] send_time: expected a time of day \"HH:MM\", not \"25:00\"")
        self.assertEqual(daemon.request("/healthz")[0], 200)
        # Fixed, it is taken.
        self.ws.write_config(self.config_text)
        daemon.process.send_signal(signal.SIGHUP)
        daemon.wait_for_log(r"configuration, directory and templates reloaded from ")
        self.assertEqual(daemon.stop(), 0)

    def test_systemd_notifications(self):
        # As systemd runs it: a notify socket, a watchdog of 0.4 s, and the journal's priority prefixes.
        notify_path = self.ws.path("notify.sock")
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.addCleanup(notify.close)
        notify.bind(notify_path)
        notify.settimeout(10)
        env = dict(os.environ, NOTIFY_SOCKET=notify_path, WATCHDOG_USEC="400000", JOURNAL_STREAM="8:1234")
        process = subprocess.Popen([BIN, "--config", self.ws.config, "--db", self.ws.db, "run", "--now",
                                    "2026-11-25T09:00", "--listen", "127.0.0.1:0"], cwd=self.ws.dir,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        messages = []
        while not any("READY=1" in m for m in messages):
            messages.append(notify.recv(4096).decode())
        self.assertEqual(messages[-1], "READY=1\nSTATUS=delivering what is due")
        # The start-up pass runs after READY, and says when the next one is due.
        while "STATUS=next delivery" not in messages[-1]:
            messages.append(notify.recv(4096).decode())
        self.assertEqual(messages[-1], "STATUS=next delivery 2026-11-26T08:00:00+07:00")
        pings = 0
        started = time.monotonic()
        while time.monotonic() - started < 1.0:
            pings += notify.recv(4096).decode().count("WATCHDOG=1")
        self.assertGreaterEqual(pings, 3)  # every 0.2 s
        process.send_signal(signal.SIGTERM)
        rest = []
        try:
            while True:
                rest.append(notify.recv(4096).decode())
                if "STOPPING=1" in rest[-1]:
                    break
        except socket.timeout:
            pass
        self.assertTrue(any("STOPPING=1" in m for m in rest))
        self.assertEqual(process.wait(timeout=20), 0)
        log = process.stderr.read()
        process.stderr.close()
        self.assertRegex(log, r"^<6>database ")
        self.assertIn("\n<6>SIGTERM: stopping\n", log)


if __name__ == "__main__":
    unittest.main()
