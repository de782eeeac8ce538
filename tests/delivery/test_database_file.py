"""The database file and the processes that use it, end to end with the real
daemon (`nhacviec run`) and a real SMTP server.

The delivery lock belongs to the file, not to the text of its path: through a
symlink or a relative path a second `nhacviec deliver` is refused while the
daemon delivers, and a file with a second name (a hard link) is not opened
at all (SQLite keeps a write-ahead log per name: two names, two logs, a
corrupted file). Nothing is sent twice.

A database file deleted, or replaced by a backup, under the running daemon
stops it with an error and exit status 1, without writing into the new file.
`nhacviec backup FILE` copies the live database (SQLite's online backup)
while the daemon runs; a backup that fails leaves nothing behind.
"""

import collections
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

from harness import BIN, HERE, Daemon, Server, Workspace, mail_keys

ADMIN = "admin-token-0123456789"
TASKS = 120


def integrity(path):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("PRAGMA integrity_check").fetchall()


def table_rows(path):
    """Every row of every table, table by table, read through SQLite (the WAL included)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
        return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        db.close()


class DatabaseFileCase(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.addCleanup(self.ws.close)
        self.daemon = None

    def tearDown(self):
        if self.daemon and self.daemon.process.poll() is None:
            self.daemon.stop()
        if self.daemon:
            self.daemon.err.close()

    def nhacviec(self, *args, db=None):
        """nhacviec with the workspace's configuration, in its folder, --db as given (relative or not)."""
        return subprocess.run([BIN, "--config", self.ws.config, "--db", db or self.ws.db, *args],
                              cwd=self.ws.dir, capture_output=True, text=True, timeout=60)

    def wait_for_exit(self, timeout):
        """The daemon's exit status; it must exit within `timeout` seconds."""
        try:
            return self.daemon.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.fail(f"the daemon still runs after {timeout} s:\n{self.daemon.log()}")

    def start_idle_daemon(self):
        """The seed, mail into the folder; the daemon sends what catch-up leaves, then waits for the next day."""
        self.ws.write_config(f'[[api.token]]\ntoken = "{ADMIN}"\nrole = "admin"\n')
        self.ws.import_plan()
        self.daemon = Daemon(self.ws, "2026-11-25T09:00")
        self.daemon.wait_for_log(r"came due \(\d+ skipped by catch-up\)")

    def assert_no_log_left(self):
        """The stopped daemon left no write-ahead log for a file put at its path to take as its own."""
        wal = self.ws.db + "-wal"
        self.assertEqual(os.path.getsize(wal) if os.path.exists(wal) else 0, 0)

    def mark_done(self, task):
        status, body = self.daemon.request(f"/api/tasks/{task}/status", {"action": "done", "date": "2026-11-20"},
                                           token=ADMIN)
        self.assertEqual(status, 200, body)


class DeliveryLockFollowsTheFile(DatabaseFileCase):
    def test_a_second_deliver_is_refused_whatever_path_reaches_the_file(self):
        out = tempfile.mkdtemp(prefix="nhacviec-lock-")
        self.addCleanup(shutil.rmtree, out, True)
        with Server("smtp_server.py", "--out", out, "--delay", "0.05") as smtp:
            self.ws.write_config(f'[email]\nserver = "smtp://127.0.0.1:{smtp.port}"\nsecurity = "none"\n'
                                 f'connections = 1\n')
            with open(self.ws.path("burst.txt"), "w", encoding="utf-8") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "burst_plan.py"), str(TASKS)], stdout=f,
                               check=True)
            self.ws.import_plan(self.ws.path("burst.txt"))
            # Due at 08:00, a tenth of a second after the start; about 6 s of sending at 0.05 s a message.
            self.daemon = Daemon(self.ws, "2026-12-01T07:59", "--clock-rate", "600")
            deadline = time.monotonic() + 20
            while len(mail_keys(out)) < 5:
                self.assertLess(time.monotonic(), deadline, self.daemon.log())
                time.sleep(0.02)

            os.mkdir(self.ws.path("alt"))
            os.symlink("../nv.db", self.ws.path("alt", "nv.db"))
            os.mkdir(self.ws.path("sub"))
            held = f"nhacviec: {self.ws.db}: another nhacviec process (pid {self.daemon.process.pid}) " \
                   f"is delivering from it\n"
            for name in ["alt/nv.db", "sub/../nv.db", "nv.db", self.ws.db]:
                with self.subTest(db=name):
                    deliver = self.nhacviec("deliver", "--now", "2026-12-01T08:00", db=name)
                    self.assertEqual((deliver.returncode, deliver.stderr, deliver.stdout), (1, held, ""))

            # A second name: refused before anything is opened, by every command.
            hard = self.ws.path("hard.db")
            os.link(self.ws.db, hard)
            two_names = (f"nhacviec: {hard}: the database file has 2 names (hard links); SQLite keeps a "
                         f"write-ahead log per name and writing through two names corrupts it: remove the "
                         f"other names (find / -xdev -samefile {hard}) and use the one left\n")
            for args in [["deliver", "--now", "2026-12-01T08:00"], ["outbox"], ["status", "1"]]:
                with self.subTest(args=args):
                    refused = self.nhacviec(*args, db="hard.db")
                    self.assertEqual((refused.returncode, refused.stderr, refused.stdout), (1, two_names, ""))
            self.assertFalse(os.path.exists(hard + "-wal"))
            os.remove(hard)

            # The lock is flock(2) on the file; SQLite's own locks (fcntl) are not disturbed by it.
            other = sqlite3.connect(self.ws.db, timeout=10, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            other.execute("CREATE TABLE probe (x)")
            other.execute("ROLLBACK")
            other.close()

            deadline = time.monotonic() + 60
            while True:
                with sqlite3.connect(self.ws.db) as db:
                    states = dict(db.execute("SELECT state, COUNT(*) FROM deliveries GROUP BY state").fetchall())
                if states == {"sent": TASKS + 2}:
                    break
                self.assertLess(time.monotonic(), deadline, f"{states}\n{self.daemon.log()}")
                time.sleep(0.1)
            self.assertEqual(self.daemon.stop(), 0)
            received = collections.Counter(mail_keys(out))
        self.assertEqual(len(received), TASKS + 2)
        self.assertEqual(max(received.values()), 1)  # nothing sent twice
        self.assertNotIn("interrupted", self.daemon.log())
        self.assertEqual(integrity(self.ws.db), [("ok",)])


class DatabaseFileUnderTheDaemon(DatabaseFileCase):
    def test_deleted_stops_the_daemon_with_an_error(self):
        self.start_idle_daemon()
        self.assertEqual(self.daemon.request("/healthz")[0], 200)
        os.remove(self.ws.db)
        self.assertEqual(self.wait_for_exit(5), 1)
        self.assertIn(f"nhacviec: error: {self.ws.db}: the database file was deleted or moved away while open; "
                      f"stopping without writing to it\n", self.daemon.log())
        self.assert_no_log_left()

    def test_replaced_by_a_backup_stops_the_daemon_which_leaves_the_new_file_alone(self):
        self.start_idle_daemon()
        backup = self.ws.path("backup.db")
        made = self.nhacviec("backup", "backup.db")
        self.assertEqual((made.returncode, made.stderr, made.stdout),
                         (0, "", f"{self.ws.db} backed up to backup.db\n"))
        expected = table_rows(backup)
        self.mark_done("I.3")  # after the backup: in the running daemon's file (its WAL) only
        self.assertEqual(len(table_rows(self.ws.db)["status_changes"]), len(expected["status_changes"]) + 1)

        os.replace(backup, self.ws.db)
        self.assertEqual(self.wait_for_exit(5), 1)
        self.assertIn(f"nhacviec: error: {self.ws.db}: the database file was replaced by another file while "
                      f"open; stopping without writing to it\n", self.daemon.log())
        self.assert_no_log_left()
        self.assertEqual(integrity(self.ws.db), [("ok",)])
        self.assertEqual(table_rows(self.ws.db), expected)


class Backup(DatabaseFileCase):
    def test_while_the_daemon_runs_the_backup_has_the_same_rows(self):
        self.start_idle_daemon()
        self.mark_done("I.3")  # in the WAL, not yet in the main file: a copy of the file alone would miss it
        made = self.nhacviec("backup", self.ws.path("copies", "nv-backup.db"))
        self.assertEqual(made.returncode, 1)  # no folder "copies"
        os.mkdir(self.ws.path("copies"))
        made = self.nhacviec("backup", self.ws.path("copies", "nv-backup.db"))
        self.assertEqual((made.returncode, made.stderr), (0, ""))
        self.assertEqual(os.listdir(self.ws.path("copies")), ["nv-backup.db"])
        self.assertEqual(integrity(self.ws.path("copies", "nv-backup.db")), [("ok",)])
        live = table_rows(self.ws.db)
        self.assertEqual(table_rows(self.ws.path("copies", "nv-backup.db")), live)
        last = live["status_changes"][-1]
        self.assertEqual((last[3], last[5]), ("done", "2026-11-20"))
        self.assertIsNone(self.daemon.process.poll())
        self.assertEqual(self.daemon.stop(), 0)

    def test_a_bad_destination_is_named_and_nothing_is_left_behind(self):
        self.ws.import_plan()
        os.mkdir(self.ws.path("folder"))
        os.mkdir(self.ws.path("alt"))
        os.symlink("../nv.db", self.ws.path("alt", "nv.db"))
        before = sorted(os.listdir(self.ws.dir))
        rows = table_rows(self.ws.db)
        live = "is the live database or one of its files: back up to another file"
        cases = [
            ("missing/b.db", "missing/b.db: cannot write the backup: No such file or directory"),
            ("folder", "folder: cannot write the backup: Is a directory"),
            ("nv.db", f"nv.db {live}"),
            ("alt/nv.db", f"alt/nv.db {live}"),
            (self.ws.db + "-wal", f"{self.ws.db}-wal {live}"),
            ("./nv.db-shm", f"./nv.db-shm {live}"),
        ]
        for destination, message in cases:
            with self.subTest(destination=destination):
                made = self.nhacviec("backup", destination)
                self.assertEqual((made.returncode, made.stderr, made.stdout), (1, f"nhacviec: {message}\n", ""))
                self.assertEqual(sorted(os.listdir(self.ws.dir)), before)
                self.assertEqual(os.listdir(self.ws.path("folder")), [])
        self.assertEqual(table_rows(self.ws.db), rows)
        usage = self.nhacviec("backup")
        self.assertEqual((usage.returncode, usage.stderr), (2, "usage: nhacviec backup FILE\n"))


if __name__ == "__main__":
    unittest.main()
