"""The daemon as the console's browser tests run it: `nhacviec run` on one
database with its clock started at a moment, listening on a port the system
chooses; where it listens is read from its log (daemon.log in the folder)."""

import os
import re
import subprocess
import time

from harness import BIN

ADDRESS = re.compile(r"(http://127\.0\.0\.1:\d+)/")


class ConsoleDaemon:
    """One running daemon; `base` is its address ("http://127.0.0.1:PORT")."""

    def __init__(self, directory, db, now, timeout=20):
        self.err_path = os.path.join(directory, "daemon.log")
        self.err = open(self.err_path, "w", encoding="utf-8")
        self.process = subprocess.Popen([BIN, "--db", db, "run", "--now", now, "--listen", "127.0.0.1:0"],
                                        cwd=directory, stdout=subprocess.DEVNULL, stderr=self.err)
        self.base = self.wait_for_address(timeout)

    def wait_for_address(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.err_path, encoding="utf-8") as f:
                match = ADDRESS.search(f.read())
            if match:
                return match.group(1)
            if self.process.poll() is not None:
                raise AssertionError(f"the daemon exited {self.process.returncode}")
            time.sleep(0.05)
        raise AssertionError("the daemon did not say where it listens")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)
        self.err.close()
