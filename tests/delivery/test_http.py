"""The daemon's HTTP server under attack, end to end against `nhacviec run`:
the request that once killed it (a chunked request with a 65,534-byte
trailer field) is refused with 413 and the daemon goes on; and at a low
open-file limit, with far more clients connected than it may serve, it
neither spins on accept nor starves delivery, and serves again once they
leave. A console login's password check (argon2id, a tenth of a second)
does not hold up /healthz."""

import email
import email.policy
import os
import re
import resource
import socket
import threading
import time
import unittest
import urllib.parse
import urllib.request

from harness import Daemon, Workspace

TRAILER_CRASH = (b"GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                 b"0\r\nX-T: " + b"t" * 65534 + b"\r\n\r\n")
REFUSED_TOO_LARGE = (b"HTTP/1.1 413 Payload Too Large\r\nServer: nhacviec\r\n"
                     b"Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: 18\r\n\r\n"
                     b"request too large\n")
Q4_REMINDERS = {"90/KH-UBND/2026|I.7|-|reminder-1|Sở Nội vụ", "90/KH-UBND/2026|I.8|-|reminder-1|Thanh tra thành phố",
                "90/KH-UBND/2026|II.5.12|-|reminder-1|Sở Nội vụ"}


def port_of(daemon):
    return int(daemon.url.rsplit(":", 1)[1])


def send_and_read(port, data, timeout=10):
    """Sends `data` (as much as the server takes) and returns all it answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        got = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return got
            got += chunk


def cpu_seconds(pid):
    """User plus system CPU time of a process, in seconds."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def maildir_keys(folder):
    """The X-Nhacviec-Key of every message in a mail folder."""
    keys = set()
    new = os.path.join(folder, "new")
    for name in os.listdir(new) if os.path.isdir(new) else []:
        with open(os.path.join(new, name), "rb") as f:
            keys.add(email.message_from_binary_file(f, policy=email.policy.default)["X-Nhacviec-Key"])
    return keys


class HttpAttacks(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.addCleanup(self.ws.close)
        self.ws.import_plan()

    def start(self, now, **kwargs):
        daemon = Daemon(self.ws, now, **kwargs)
        self.addCleanup(lambda: daemon.process.poll() is None and daemon.stop())
        return daemon

    def test_the_trailer_that_killed_it_is_refused_and_the_daemon_goes_on(self):
        daemon = self.start("2026-10-15T10:00")
        for _ in range(3):
            self.assertEqual(send_and_read(port_of(daemon), TRAILER_CRASH), REFUSED_TOO_LARGE)
        self.assertIsNone(daemon.process.poll())
        self.assertEqual(daemon.request("/healthz")[0], 200)
        self.assertEqual(len(re.findall(
            r"HTTP request from 127\.0\.0\.1:\d+ refused \(413\): the request line, headers, chunk sizes, "
            r"extensions and trailers take more than 16384 bytes\n", daemon.log())), 3)
        self.assertEqual(daemon.stop(), 0)

    def test_logins_being_checked_do_not_hold_up_healthz(self):
        daemon = self.start("2026-10-15T10:00")
        logins = 8  # each password check takes about 0.1 s: 0.8 s one after the other
        answers = []

        def log_in(n):
            body = urllib.parse.urlencode({"name": f"khach-{n}", "password": "mat-khau-sai-0123"}).encode()
            request = urllib.request.Request(daemon.url + "/quan-ly/dang-nhap", data=body,
                                             headers={"Content-Type": "application/x-www-form-urlencoded"})
            with urllib.request.urlopen(request, timeout=30) as response:
                answers.append((response.status, "Tên đăng nhập hoặc mật khẩu không đúng." in
                                response.read().decode()))

        threads = [threading.Thread(target=log_in, args=(n,)) for n in range(logins)]
        for t in threads:
            t.start()
        slowest, asked = 0.0, 0
        while any(t.is_alive() for t in threads):
            started = time.monotonic()
            self.assertEqual(daemon.request("/healthz")[0], 200)
            slowest = max(slowest, time.monotonic() - started)
            asked += 1
            time.sleep(0.01)
        for t in threads:
            t.join()
        self.assertEqual(answers, [(200, True)] * logins)
        self.assertGreaterEqual(asked, 3)
        self.assertLess(slowest, 0.2, f"/healthz took {slowest:.3f} s while logins were checked")
        self.assertEqual(daemon.log().count("console: failed login for account"), logins)

    def test_at_the_open_file_limit_it_neither_spins_nor_starves_delivery(self):
        # 128 descriptors: 56 kept for the database, the mail folder and delivery, 72 for HTTP connections.
        def low_limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128))

        # Ten seconds before 08:00 on 30 December 2026: the day-before reminders of the quarter IV deadlines.
        daemon = self.start("2026-12-30T07:59:50", preexec_fn=low_limit)
        daemon.wait_for_log(r"came due \(\d+ skipped by catch-up\)")  # the start-up pass
        self.assertFalse(Q4_REMINDERS & maildir_keys(self.ws.path("mail")))
        clients = []
        try:
            for _ in range(300):
                clients.append(socket.create_connection(("127.0.0.1", port_of(daemon)), timeout=5))
            time.sleep(0.5)
            started = cpu_seconds(daemon.process.pid)
            time.sleep(3)
            self.assertLess(cpu_seconds(daemon.process.pid) - started, 0.1)
            # 08:00 comes while they hold on: the reminders go out to the mail folder.
            deadline = time.monotonic() + 20
            while not Q4_REMINDERS <= maildir_keys(self.ws.path("mail")) and time.monotonic() < deadline:
                time.sleep(0.2)
            self.assertEqual(Q4_REMINDERS - maildir_keys(self.ws.path("mail")), set())
            self.assertNotIn("Too many open files", daemon.log())
            self.assertEqual(self.ws.outbox("retrying"), [])
        finally:
            for client in clients:
                client.close()
        self.assertEqual(daemon.request("/healthz")[0], 200)
        self.assertIn("open files: limit 128; 56 kept for the database, the mail folder and delivery, up to 72 "
                      "HTTP connections at once (not 256: the limit is low)\n", daemon.log())
        self.assertIn("connections open, the most allowed; the next clients wait until one closes", daemon.log())
        self.assertEqual(daemon.stop(), 0)


if __name__ == "__main__":
    unittest.main()
