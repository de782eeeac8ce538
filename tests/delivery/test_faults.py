"""Fault injection against the running daemon (`nhacviec run`).

A burst plan puts N reminders due at 2026-12-01 08:00. The daemon's clock
starts a minute before and runs 600 times as fast (--clock-rate), so that the
retry schedule (1 min, 5 min, 30 min, …; given up after one hour here) plays
out in seconds. The faults: a mail server that refuses with 4xx and then
recovers, closes the connection in the middle of DATA, or never answers; a
webhook receiver that returns 500, returns 429 with Retry-After, or hangs;
the database locked by another process, made read-only (immutable: that also
stops the writes of a process that has the file open, which a chmod does
not, and root ignores permissions), or on a full disk (a 4 MiB tmpfs).

Each case ends with every delivery sent exactly once or dead-lettered and
reported (the outbox, the log, /metrics), none left pending, retrying or
sending, and the daemon still running and healthy.
"""

import collections
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

from harness import BIN, HERE, Daemon, Server, Workspace, directory_with, mail_keys, read_jsonl

RATE = "600"  # clock seconds per real second
START = "2026-12-01T07:59"  # the burst is due at 08:00: a tenth of a second later
SECRET = "whsec_" + "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
FINANCE = 'name = "Sở Tài chính"\nemails = ["so-tai-chinh@haiphong.example"]\nwebhooks = []'
UNSETTLED = {"pending", "sending", "retrying"}


def write_burst_plan(path, tasks):
    with open(path, "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, os.path.join(HERE, "burst_plan.py"), str(tasks)], stdout=f, check=True)


class FaultCase(unittest.TestCase):
    """A workspace with a burst plan, a mail server and the daemon."""

    def setUp(self):
        self.started = time.monotonic()
        self.ws = Workspace()
        self.addCleanup(self.ws.close)
        self.out = tempfile.mkdtemp(prefix="nhacviec-faults-")
        self.addCleanup(shutil.rmtree, self.out, True)

    def start_smtp(self, *args):
        self.smtp = Server("smtp_server.py", "--out", self.out, *args)
        self.addCleanup(self.smtp.stop)
        return (f'[email]\nserver = "smtp://127.0.0.1:{self.smtp.port}"\nsecurity = "none"\n'
                f'timeout_seconds = 1\nconnections = 2\n')

    def start_webhook(self, *args):
        self.http = Server("http_server.py", "--out", self.out, "--secret", SECRET, *args)
        self.addCleanup(self.http.stop)
        url = f"http://127.0.0.1:{self.http.port}/hook"
        with open(self.ws.path("agencies.toml"), "w", encoding="utf-8") as f:
            f.write(directory_with([(FINANCE, FINANCE.replace("webhooks = []", f'webhooks = ["{url}"]'))]))
        return (f'[agencies]\ndirectory = "agencies.toml"\n[webhook]\ntimeout_seconds = 1\n'
                f'[[webhook.endpoint]]\nurl = "{url}"\nsecret = "{SECRET}"\n')

    def prepare(self, config, tasks):
        self.ws.write_config(config + "[delivery]\ngive_up_after_hours = 1\n")
        write_burst_plan(self.ws.path("burst.txt"), tasks)
        self.ws.import_plan(self.ws.path("burst.txt"))

    def start_daemon(self):
        self.daemon = Daemon(self.ws, START, "--clock-rate", RATE)
        if os.environ.get("NHACVIEC_FAULT_FIGURES"):
            self.addCleanup(self.write_figures, os.environ["NHACVIEC_FAULT_FIGURES"])
        self.addCleanup(self.stop_daemon)
        return self.daemon

    def write_figures(self, path):
        """One JSON line of what the case came to, for bench/RESULTS.md."""
        log = self.daemon.log()
        with sqlite3.connect(self.ws.db) as db:
            states = dict(db.execute("SELECT state, COUNT(*) FROM deliveries GROUP BY 1").fetchall())
            outcomes = dict(db.execute("SELECT outcome, COUNT(*) FROM delivery_attempts GROUP BY 1").fetchall())
        figures = {
            "case": self.id().rsplit(".", 1)[-1], "seconds": round(time.monotonic() - self.started, 1),
            "deliveries": states, "attempts": outcomes, "failed_passes": log.count("; trying again in "),
            "held_then_recorded": sum(int(n) for n in re.findall(r"(\d+) outcomes held since a failed pass", log)),
            "daemon_exit_status": self.daemon.process.returncode,
        }
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(figures) + "\n")

    def stop_daemon(self):
        if self.daemon.process.poll() is None:
            self.daemon.stop()

    # -- what arrived, what the outbox says -------------------------------------------------

    def mail_received(self):
        return mail_keys(self.out)

    def hooks_received(self):
        """The notification key of every webhook request the receiver got, answered or not."""
        return [json.loads(r["body"])["data"]["key"] for r in read_jsonl(os.path.join(self.out, "requests.jsonl"))]

    def attempts(self):
        """delivery id → [(outcome, started_at, finished_at)], read straight from the database."""
        with sqlite3.connect(self.ws.db) as db:
            rows = db.execute("SELECT delivery_id, outcome, started_at, finished_at FROM delivery_attempts "
                              "ORDER BY id").fetchall()
        out = collections.defaultdict(list)
        for delivery, outcome, started, finished in rows:
            out[delivery].append((outcome, started, finished))
        return out

    def deliveries(self, channel):
        with sqlite3.connect(self.ws.db) as db:
            return db.execute("SELECT d.id, n.key, d.address, d.state, d.attempts, d.last_error FROM deliveries d "
                              "JOIN notifications n ON n.id = d.notification_id WHERE d.channel = ? ORDER BY d.id",
                              (channel,)).fetchall()

    def settle(self, channel, timeout=40):
        """Waits until no delivery of `channel` is pending, sending or retrying; returns them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = self.deliveries(channel)
            if rows and not any(r[3] in UNSETTLED for r in rows):
                return rows
            self.assertIsNone(self.daemon.process.poll(), self.daemon.log())
            time.sleep(0.2)
        self.fail(f"still unsettled: {[r for r in self.deliveries(channel) if r[3] in UNSETTLED]}\n"
                  f"{self.daemon.log()}")

    def assert_running_and_healthy(self):
        self.assertIsNone(self.daemon.process.poll(), self.daemon.log())
        status, body = self.daemon.request("/healthz")
        self.assertEqual((status, json.loads(body)["status"]), (200, "ok"), body)

    def metric(self, name):
        status, body = self.daemon.request("/metrics")
        self.assertEqual(status, 200)
        for line in body.splitlines():
            if line.startswith(name + " "):
                return line.split(" ")[1]
        self.fail(f"no {name} in /metrics:\n{body}")

    def assert_each_sent_exactly_once(self, rows):
        """Every "sent" email delivery arrived once, and nothing else arrived."""
        sent = sorted((key, address) for _, key, address, state, _, _ in rows if state == "sent")
        self.assertEqual(sorted(self.mail_received()), sent)
        self.assertEqual(len(set(sent)), len(sent))


class MailServerFaults(FaultCase):
    TASKS = 12

    def test_refuses_with_4xx_then_recovers(self):
        self.prepare(self.start_smtp("--fail-data-times", "5", "451"), self.TASKS)
        self.start_daemon()
        rows = self.settle("email")
        self.assertEqual(collections.Counter(r[3] for r in rows), {"sent": len(rows)})
        self.assertEqual(len(rows), self.TASKS + 2)  # and the digest, to the city office and the monitoring agency
        self.assert_each_sent_exactly_once(rows)
        # The server refused exactly five messages; a retry can itself meet one
        # of those refusals while the burst is still going out.
        attempts = self.attempts()
        self.assertEqual(sum(1 for a in attempts.values() for t in a if t[0] == "retry"), 5)
        for tries in attempts.values():
            self.assertEqual([t[0] for t in tries], ["retry"] * (len(tries) - 1) + ["sent"])
            for before, after in zip(tries, tries[1:]):
                self.assertGreaterEqual(after[1] - before[2], 54)  # one minute, less 10 % jitter
        self.assertRegex(self.daemon.log(), r"[1-5] to retry")
        self.assert_running_and_healthy()

    def test_closes_in_the_middle_of_data(self):
        self.prepare(self.start_smtp("--cut-data", "4"), self.TASKS)
        self.start_daemon()
        rows = self.settle("email")
        self.assertEqual(collections.Counter(r[3] for r in rows), {"sent": self.TASKS + 2})
        self.assert_each_sent_exactly_once(rows)
        tries = [a for a in self.attempts().values()]
        self.assertEqual(sum(1 for a in tries for t in a if t[0] == "retry"), 4)
        self.assertEqual(sum(1 for a in tries for t in a if t[0] == "sent"), self.TASKS + 2)
        self.assert_running_and_healthy()

    def test_never_answers_until_given_up(self):
        self.prepare(self.start_smtp("--hang"), 3)
        self.start_daemon()
        status, _ = self.daemon.request("/healthz")  # the loop answers while every attempt hangs
        self.assertEqual(status, 200)
        rows = self.settle("email", timeout=60)
        self.assertEqual(collections.Counter(r[3] for r in rows), {"dead": 3 + 2})
        attempts = self.attempts()
        for delivery, _, _, _, count, error in rows:
            self.assertGreaterEqual(count, 2)
            self.assertEqual(len(attempts[delivery]), count)
            self.assertEqual({t[0] for t in attempts[delivery]}, {"retry"})
            self.assertTrue(error.endswith(f"(given up after {count} attempts)"), error)
            self.assertTrue(error.startswith("timed out after 1 s (smtp://127.0.0.1:"), error)
        self.assertEqual(self.mail_received(), [])
        self.daemon.wait_for_log(r"deliveries failed for good: nhacviec outbox --state dead")
        dead = [r for r in self.ws.outbox("dead")]
        self.assertEqual(len(dead), 5)
        status, body = self.daemon.request("/metrics")
        self.assertIn('nhacviec_deliveries{kind="reminder",state="dead"} 3\n', body)
        self.assert_running_and_healthy()


class WebhookFaults(FaultCase):
    TASKS = 24  # three led by the Department of Finance, which has the webhook

    def webhook_rows(self):
        rows = self.settle("webhook")
        self.assertEqual(len(rows), 3 + 1)  # three reminders and the digest's copy
        return rows

    def test_500_then_recovers(self):
        self.prepare(self.start_webhook("--status", "500", "--fail-times", "3"), self.TASKS)
        self.start_daemon()
        rows = self.webhook_rows()
        self.assertEqual({r[3] for r in rows}, {"sent"})
        received = self.hooks_received()
        self.assertEqual(len(received), 4 + 3)  # three refused, then each once
        self.assertEqual(sorted(set(received)), sorted(r[1] for r in rows))
        outcomes = [t[0] for a in self.attempts().values() for t in a]
        self.assertEqual(collections.Counter(outcomes)["retry"], 3)
        self.assert_running_and_healthy()

    def test_429_waits_for_retry_after(self):
        self.prepare(self.start_webhook("--status", "429", "--retry-after", "900", "--fail-times", "2"),
                     self.TASKS)
        self.start_daemon()
        rows = self.webhook_rows()
        self.assertEqual({r[3] for r in rows}, {"sent"})
        retried = [a for a in self.attempts().values() if a[0][0] == "retry"]
        self.assertEqual(len(retried), 2)
        for tries in retried:
            # 15 minutes as the receiver asked, not the schedule's first step of one minute.
            self.assertGreaterEqual(tries[1][1] - tries[0][2], 900)
        self.assert_running_and_healthy()

    def test_hangs_until_given_up(self):
        self.prepare(self.start_webhook("--hang"), self.TASKS)
        self.start_daemon()
        rows = self.settle("webhook", timeout=60)
        self.assertEqual({r[3] for r in rows}, {"dead"})
        for _, _, _, _, count, error in rows:
            self.assertTrue(error.endswith(f"(given up after {count} attempts)"), error)
        # The email deliveries (the mail folder) were not held up by the hanging receiver.
        self.assertEqual({r[3] for r in self.deliveries("email")}, {"sent"})
        self.daemon.wait_for_log(r"deliveries failed for good")
        self.assert_running_and_healthy()


class DatabaseFaults(FaultCase):
    """The database fails in the middle of a burst that takes about 2 s to send."""

    TASKS = 40

    def prepare_burst(self):
        self.prepare(self.start_smtp("--delay", "0.05"), self.TASKS)

    def wait_for_messages(self, count, timeout=20):
        deadline = time.monotonic() + timeout
        while len(self.mail_received()) < count:
            self.assertLess(time.monotonic(), deadline, self.daemon.log())
            time.sleep(0.02)

    def wait_until_failing(self, timeout=30):
        """Until /healthz says the passes fail; returns its body."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, body = self.daemon.request("/healthz")
            if status == 503:
                return json.loads(body)
            self.assertEqual(status, 200)
            time.sleep(0.1)
        self.fail(f"/healthz never said failing:\n{self.daemon.log()}")

    def assert_recovered(self, error_text):
        rows = self.settle("email")
        self.assertEqual(collections.Counter(r[3] for r in rows), {"sent": self.TASKS + 2})
        self.assert_each_sent_exactly_once(rows)
        for tries in self.attempts().values():
            self.assertEqual([t[0] for t in tries], ["sent"])  # nothing repeated, nothing interrupted
        log = self.daemon.log()
        self.assertIn(error_text, log)
        self.assertIn("delivery works again, after", log)
        # The burst was under way: outcomes the database could not take were held, then recorded.
        self.assertRegex(log, r"\d+ outcomes held since a failed pass are recorded")
        self.assertGreater(int(self.metric("nhacviec_delivery_pass_failures_total")), 0)
        self.assertEqual(self.metric("nhacviec_delivery_failing"), "0")
        self.assert_running_and_healthy()

    def test_locked_by_another_process(self):
        self.prepare_burst()
        self.start_daemon()
        self.wait_for_messages(5)
        holder = sqlite3.connect(self.ws.db, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            health = self.wait_until_failing()
            self.assertEqual(health["status"], "failing")
            self.assertIn("database is locked", health["error"])
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assert_recovered("database is locked")

    def require_immutable_attribute(self):
        probe = self.ws.path("probe")
        open(probe, "w").close()
        if subprocess.run(["chattr", "+i", probe], capture_output=True).returncode != 0:
            self.skipTest("this file system (or user) cannot set the immutable attribute")
        subprocess.run(["chattr", "-i", probe], check=True)

    def test_made_read_only(self):
        self.prepare_burst()
        files = [self.ws.db, self.ws.db + "-wal"]
        self.require_immutable_attribute()
        self.start_daemon()
        self.wait_for_messages(5)
        subprocess.run(["chattr", "+i", *files], check=True)
        try:
            health = self.wait_until_failing()
            self.assertIn("I/O error", health["error"])
        finally:
            subprocess.run(["chattr", "-i", *files], check=True)
        self.assert_recovered("disk I/O error")

    def test_read_only_at_start_is_refused_with_the_file_named(self):
        self.prepare_burst()
        self.require_immutable_attribute()
        subprocess.run(["chattr", "+i", self.ws.db], check=True)
        try:
            run = subprocess.run([BIN, "--config", self.ws.config, "--db", self.ws.db, "run", "--listen", "127.0.0.1:0"],
                                 cwd=self.ws.dir, capture_output=True, text=True, timeout=20)
            deliver = self.ws.run("deliver", check=False)
        finally:
            subprocess.run(["chattr", "-i", self.ws.db], check=True)
        message = (f"{self.ws.db}: the database is read-only (the file's permissions or attributes): "
                   "nhacviec must write to it")
        self.assertEqual(run.returncode, 1)
        self.assertIn(message + "\n", run.stderr)
        self.assertEqual((deliver.returncode, deliver.stderr), (1, f"nhacviec: {message}\n"))

    def test_on_a_full_disk(self):
        disk = self.ws.path("disk")
        os.mkdir(disk)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk],
                          capture_output=True).returncode != 0:
            self.skipTest("cannot mount a small tmpfs here (needs root)")
        self.addCleanup(subprocess.run, ["umount", "-l", disk])
        self.ws.db = os.path.join(disk, "nv.db")
        self.prepare_burst()
        self.start_daemon()
        self.wait_for_messages(5)
        filler = os.path.join(disk, "filler")
        with open(filler, "wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
            except OSError:  # ENOSPC: the disk is full
                pass
        try:
            health = self.wait_until_failing()
            self.assertIn("full", health["error"])
        finally:
            os.remove(filler)
        self.assert_recovered("database or disk is full")


if __name__ == "__main__":
    unittest.main()
