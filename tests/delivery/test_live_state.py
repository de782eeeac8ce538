"""The daemon's plan in memory, end to end against `nhacviec run`: a status
posted through the API is seen by the very next GET and by the next delivery
pass; a status recorded and a plan imported by another process are picked up
without a restart; and a reader asking for all tasks while plans are imported
again and again sees the plan before an import or after it, never a mix."""

import email
import email.policy
import json
import os
import subprocess
import sys
import threading
import time
import unittest

from harness import SOURCE, Daemon, Workspace

ADMIN = "admin-token-0123456789"
GEN_PLAN = os.path.join(SOURCE, "bench", "gen-plan.py")


def maildir_keys(folder):
    """The X-Nhacviec-Key of every message in a mail folder."""
    keys = set()
    new = os.path.join(folder, "new")
    for name in os.listdir(new) if os.path.isdir(new) else []:
        with open(os.path.join(new, name), "rb") as f:
            keys.add(email.message_from_binary_file(f, policy=email.policy.default)["X-Nhacviec-Key"])
    return keys


def wait_until(check, timeout=10, step=0.05):
    """Calls `check` until it returns something true; returns that, or the last answer after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        got = check()
        if got or time.monotonic() >= deadline:
            return got
        time.sleep(step)


class LiveState(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.addCleanup(self.ws.close)
        self.ws.write_config(f'[[api.token]]\ntoken = "{ADMIN}"\nrole = "admin"\n')
        self.ws.import_plan()

    def start(self, now):
        daemon = Daemon(self.ws, now)
        self.addCleanup(lambda: daemon.process.poll() is None and daemon.stop())
        return daemon

    def task(self, daemon, code, plan=None):
        status, body = daemon.request(f"/api/tasks/{code}" + (f"?plan={plan}" if plan else ""))
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def plan_file(self, name, tasks):
        """A synthetic plan 191/KH-UBND of `tasks` tasks (bench/gen-plan.py)."""
        path = self.ws.path(name)
        with open(path, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, GEN_PLAN, "--tasks", str(tasks), "--number", "191"], stdout=f, check=True)
        return path

    def test_a_status_posted_through_the_api_is_seen_by_the_next_get_and_the_next_pass(self):
        # 30 December 2026, ten seconds before 08:00: the day-before reminders of I.7 and I.8 come due.
        daemon = self.start("2026-12-30T07:59:50")
        daemon.wait_for_log(r"came due \(\d+ skipped by catch-up\)")  # the start-up catch-up
        self.assertEqual(self.task(daemon, "I.7")["status"]["state"], "not_started")
        status, body = daemon.request("/api/tasks/I.7/status", {"action": "done"}, ADMIN)
        self.assertEqual(status, 200, body)
        # At once, with no time for anything to be read again.
        self.assertEqual(self.task(daemon, "I.7")["status"]["state"], "done")
        i8 = "90/KH-UBND/2026|I.8|-|reminder-1|Thanh tra thành phố"
        self.assertTrue(wait_until(lambda: i8 in maildir_keys(self.ws.path("mail")), timeout=30))
        self.assertNotIn("90/KH-UBND/2026|I.7|-|reminder-1|Sở Nội vụ", maildir_keys(self.ws.path("mail")))

    def test_a_status_and_an_import_by_another_process_are_picked_up_without_a_restart(self):
        daemon = self.start("2026-10-15T10:00")
        self.assertEqual(self.task(daemon, "I.3")["status"]["state"], "not_started")
        self.ws.run("status", "I.3", "done", "--date", "2026-04-02", "--by", "test")
        self.assertEqual(wait_until(lambda: self.task(daemon, "I.3")["status"]["done_on"]), "2026-04-02")

        self.ws.import_plan(self.plan_file("plan-191.txt", 20))
        self.assertEqual(wait_until(lambda: len(json.loads(daemon.request("/api/tasks?plan=191/KH-UBND")[1]))), 20)
        self.assertIsNone(daemon.process.poll())

    def test_a_reader_during_imports_sees_one_plan_or_the_other_never_a_mix(self):
        daemon = self.start("2026-10-15T10:00")
        small, large = self.plan_file("plan-small.txt", 30), self.plan_file("plan-large.txt", 90)
        seen, problems, done = set(), [], threading.Event()

        def read():
            while not done.is_set():
                status, body = daemon.request("/api/tasks")
                if status != 200:
                    problems.append(f"GET /api/tasks: {status} {body[:200]}")
                    continue
                tasks = json.loads(body)
                by_plan = {}
                for task in tasks:
                    by_plan[task["plan"]] = by_plan.get(task["plan"], 0) + 1
                counts = (by_plan.get("90/KH-UBND", 0), by_plan.get("191/KH-UBND", 0))
                seen.add(counts)
                if counts not in {(51, 0), (51, 30), (51, 90)}:
                    problems.append(f"a mix: {counts}")

        reader = threading.Thread(target=read)
        reader.start()
        try:
            for _ in range(4):
                self.ws.import_plan(small)
                self.ws.import_plan(large)
                time.sleep(0.6)  # one look of the daemon at the database at least
        finally:
            done.set()
            reader.join()
        self.assertEqual(problems, [])
        self.assertTrue(seen & {(51, 30), (51, 90)})  # the imports were seen while reading
        # In the end, the last import.
        self.assertEqual(wait_until(lambda: len(json.loads(daemon.request("/api/tasks?plan=191/KH-UBND")[1])) == 90),
                         True)


if __name__ == "__main__":
    unittest.main()
