"""Shared pieces of the end-to-end delivery tests: a workspace folder with a
database, the nhacviec binary run as a separate process, and the real test
servers of tests/servers/ started and stopped around a test.

The binary is $NHACVIEC_BIN; CTest sets it (see CMakeLists.txt).
"""

import email
import email.policy
import json
import os
import re
import signal
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
SEED = os.path.join(SOURCE, "config", "plans", "hai-phong-90-KH-UBND-2026.txt")
SERVERS = os.path.join(SOURCE, "tests", "servers")
BIN = os.environ.get("NHACVIEC_BIN", os.path.join(SOURCE, "build", "nhacviec"))


class Server:
    """A test server process (tests/servers/NAME) that prints "ready PORT"."""

    def __init__(self, name, *args):
        self.process = subprocess.Popen([sys.executable, os.path.join(SERVERS, name), *args],
                                        stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("ready "):
            self.stop()
            raise RuntimeError(f"{name} did not start: {line!r}")
        self.port = int(line.split()[1])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Workspace:
    """A temporary folder with a configuration file and a database."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="nhacviec-delivery-")
        self.config = os.path.join(self.dir, "nhacviec.toml")
        self.db = os.path.join(self.dir, "nv.db")
        self.write_config("")

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write_config(self, text):
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(f'[email]\nmaildir = "{self.path("mail")}"\n' if "[email]" not in text else "")
            f.write(text)

    def run(self, *args, check=True):
        """Runs nhacviec with this workspace's configuration and database."""
        result = subprocess.run([BIN, "--config", self.config, "--db", self.db, *args],
                                cwd=self.dir, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise AssertionError(f"nhacviec {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
        return result

    def import_plan(self, path=SEED):
        self.run("import", path)

    def outbox(self, state=None):
        args = ["outbox", "--json"] + (["--state", state] if state else [])
        return json.loads(self.run(*args).stdout)

    def deliver(self, now, counts):
        """Runs `deliver --now NOW` and checks its line "deliveries: COUNTS"
        ("23 sent, 0 to retry, 0 dead"). When the counts differ, the error
        lists every delivery not sent, with its detail, so that an unexpected
        retry says why."""
        result = self.run("deliver", "--now", now)
        if f"deliveries: {counts}\n" not in result.stdout:
            unsent = [f'  {r["channel"]} {r["address"]} {r["state"]}: {r["detail"]}'
                      for r in self.outbox() if r["state"] != "sent"]
            raise AssertionError(f'deliver --now {now}: expected "deliveries: {counts}", it printed:\n'
                                 + result.stdout + "deliveries not sent:\n" + ("\n".join(unsent) or "  (none)"))
        return result


class Daemon:
    """`nhacviec run` in a workspace, with its clock started at `now`; `args`
    are more options of `run` (--clock-rate N); `preexec_fn` runs in the
    child before it starts (to set resource limits)."""

    def __init__(self, ws, now, *args, env=None, preexec_fn=None):
        self.err_path = ws.path(f"daemon-{now.replace(':', '')}.log")
        self.err = open(self.err_path, "w", encoding="utf-8")
        self.process = subprocess.Popen([BIN, "--config", ws.config, "--db", ws.db, "run", "--now", now,
                                         "--listen", "127.0.0.1:0", *args], cwd=ws.dir,
                                        stdout=subprocess.DEVNULL, stderr=self.err, env=env,
                                        preexec_fn=preexec_fn)
        match = self.wait_for_log(r"dashboard and API on http://127\.0\.0\.1:(\d+)/")
        self.url = f"http://127.0.0.1:{match.group(1)}"

    def log(self):
        with open(self.err_path, encoding="utf-8") as f:
            return f.read()

    def wait_for_log(self, pattern, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(pattern, self.log())
            if match:
                return match
            if self.process.poll() is not None:
                raise AssertionError(f"the daemon exited {self.process.returncode}:\n{self.log()}")
            time.sleep(0.05)
        raise AssertionError(f"no {pattern!r} in the log:\n{self.log()}")

    def request(self, path, body=None, token=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, headers=headers,
                                         method="POST" if data is not None else "GET")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=20)
        self.err.close()
        return code


def mail_keys(out):
    """(X-Nhacviec-Key, recipient) of every message smtp_server.py --out OUT accepted, in order."""
    keys = []
    for r in read_jsonl(os.path.join(out, "messages.jsonl")):
        m = email.message_from_string(r["data"], policy=email.policy.default)
        keys.append((m["X-Nhacviec-Key"], r["rcpt_tos"][0]))
    return keys


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def directory_with(replacements):
    """The built-in agency directory's text with each (old, new) replaced once."""
    with open(os.path.join(SOURCE, "config", "agencies.toml"), encoding="utf-8") as f:
        text = f.read()
    for old, new in replacements:
        if old not in text:
            raise AssertionError(f"not in agencies.toml: {old!r}")
        text = text.replace(old, new, 1)
    return text
