"""The crash test: `nhacviec deliver` is killed with SIGKILL in the middle of
a burst of 2,000 reminders to a real SMTP server, then run again. Every
delivery must arrive, and no more may arrive twice than were in flight (in
state "sending") when the process died."""

import collections
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

from harness import BIN, HERE, Server, Workspace, read_jsonl

TASKS = 2000
EXPECTED_DELIVERIES = TASKS + 2  # one reminder each, and the digest to the city office and the monitoring agency


def count_lines(path):
    if not os.path.exists(path):
        return 0
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def identities(records):
    """(Message-ID, recipient) of each message received, in order."""
    out = []
    for r in records:
        match = re.search(r"^Message-ID: (<[^>]+>)\r?$", r["data"], re.MULTILINE)
        out.append((match.group(1), r["rcpt_tos"][0]))
    return out


class CrashDuringBurst(unittest.TestCase):
    def test_kill_during_a_burst_loses_nothing(self):
        out = tempfile.mkdtemp(prefix="nhacviec-crash-")
        with Server("smtp_server.py", "--out", out) as server:
            ws = Workspace()
            self.addCleanup(ws.close)
            ws.write_config(f'[email]\nserver = "smtp://127.0.0.1:{server.port}"\nsecurity = "none"\nconnections = 4\n')
            plan = ws.path("burst.txt")
            with open(plan, "w", encoding="utf-8") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "burst_plan.py"), str(TASKS)], stdout=f, check=True)
            ws.import_plan(plan)
            messages = os.path.join(out, "messages.jsonl")

            victim = subprocess.Popen([BIN, "--config", ws.config, "--db", ws.db, "deliver", "--now",
                                       "2026-12-01T08:00"], cwd=ws.dir, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and victim.poll() is None:
                if count_lines(messages) >= 600:
                    break
                time.sleep(0.005)
            self.assertIsNone(victim.poll(), "the burst ended before the kill")
            victim.send_signal(signal.SIGKILL)
            victim.wait()

            with sqlite3.connect(ws.db) as db:
                states = dict(db.execute("SELECT state, COUNT(*) FROM deliveries GROUP BY state").fetchall())
            in_flight = states.get("sending", 0)
            received_at_kill = len(read_jsonl(messages))
            self.assertEqual(sum(states.values()), EXPECTED_DELIVERIES)
            self.assertGreater(states.get("pending", 0), 0)
            self.assertLessEqual(in_flight, 32)  # the dispatcher's window: 4 × (4 SMTP + 4 webhook workers)

            again = ws.run("deliver", "--now", "2026-12-01T08:00")
            self.assertIn(f"{in_flight} deliveries interrupted by an earlier stop were tried again\n", again.stdout)
            with sqlite3.connect(ws.db) as db:
                states = dict(db.execute("SELECT state, COUNT(*) FROM deliveries GROUP BY state").fetchall())
            self.assertEqual(states, {"sent": EXPECTED_DELIVERIES})

        received = identities(read_jsonl(messages))
        counts = collections.Counter(received)
        duplicates = len(received) - len(counts)
        self.assertEqual(len(counts), EXPECTED_DELIVERIES)  # every delivery arrived
        self.assertLessEqual(duplicates, in_flight)           # repeats only among those in flight
        self.assertTrue(all(n <= 2 for n in counts.values()))
        print(f"\ncrash test: killed after {received_at_kill} of {EXPECTED_DELIVERIES} messages, "
              f"{in_flight} in flight, {duplicates} delivered twice, none lost", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
