#!/usr/bin/python3
"""bench/http-attacks.py: `nhacviec run` under the HTTP attacks of issue 14.

    bench/http-attacks.py BINARY [BINARY...]

Runs each attack against each binary (e.g. one built before the fix and one
after), each time on a fresh daemon in a temporary folder (an empty
database, mail into a folder there), listening on 127.0.0.1 only. Every
attack is bounded in bytes and in time:

- trailer-crash: the issue's reproducer, a chunked request whose trailer
  field is 65,534 bytes, sent once;
- trailer-flood: one chunked request whose trailers (lines of 1,000 bytes)
  go on until the daemon closes the connection, FLOOD_BYTES are sent or
  FLOOD_SECONDS pass;
- extension-flood: one chunk-size line whose chunk extension goes on, bounded
  the same way;
- header-flood: header fields, bounded the same way;
- slow-loris: LORIS connections that each send one byte of a request every
  second for LORIS_SECONDS; /healthz is asked meanwhile;
- fd-exhaustion: the daemon under an open-file limit of 128 (soft and hard),
  HOLD connections opened and held for 3 s, while accept(2) calls are counted
  with `strace -c`; then whether /healthz answers once they are closed.

For each it prints: whether the daemon survived (and answers /healthz), its
peak resident memory (VmHWM, polled), its CPU seconds during the attack, the
bytes it took before closing the connection, and what it answered.
"""

import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

FLOOD_BYTES = 100 * 1024 * 1024
FLOOD_SECONDS = 60
LORIS = 200
LORIS_SECONDS = 15
HOLD = 300
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)) / 1024
    except (OSError, AttributeError):
        return None


class Daemon:
    def __init__(self, binary, low_fd_limit=False):
        self.dir = tempfile.mkdtemp(prefix="nhacviec-attack-")
        config = os.path.join(self.dir, "nhacviec.toml")
        with open(config, "w") as f:
            f.write(f'[email]\nmaildir = "{self.dir}/mail"\n')
        self.log_path = os.path.join(self.dir, "daemon.log")
        self.log = open(self.log_path, "w")

        def limit():
            if low_fd_limit:
                resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128))

        self.process = subprocess.Popen([binary, "--config", config, "--db", os.path.join(self.dir, "nv.db"), "run",
                                         "--listen", "127.0.0.1:0"], cwd=self.dir, stdout=subprocess.DEVNULL,
                                        stderr=self.log, preexec_fn=limit)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with open(self.log_path) as f:
                match = re.search(r"on http://127\.0\.0\.1:(\d+)/", f.read())
            if match:
                self.port = int(match.group(1))
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("the daemon did not start")
        self.peak = 0.0
        self.polling = True
        self.poller = threading.Thread(target=self.poll, daemon=True)
        self.poller.start()

    def poll(self):
        while self.polling and self.process.poll() is None:
            rss = peak_rss_mb(self.process.pid)
            if rss:
                self.peak = max(self.peak, rss)
            time.sleep(0.05)

    def alive(self):
        return self.process.poll() is None

    def healthz(self):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5) as r:
                return r.status
        except Exception as e:  # noqa: BLE001 - any failure is the answer
            return getattr(e, "code", None) or type(e).__name__

    def stop(self):
        self.polling = False
        self.poller.join()
        if self.alive():
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()
        with open(self.log_path) as f:
            log = f.read()
        shutil.rmtree(self.dir, ignore_errors=True)
        return log


def flood(port, head, unit, tail=b""):
    """Sends `head`, then `unit` again and again until the daemon closes or
    the bounds are reached, then `tail`; returns (bytes sent, first line of
    the answer, seconds)."""
    sent = 0
    started = time.monotonic()
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        try:
            s.sendall(head)
            sent += len(head)
            while unit and sent < FLOOD_BYTES and time.monotonic() - started < FLOOD_SECONDS:
                s.sendall(unit)
                sent += len(unit)
            s.sendall(tail)
            sent += len(tail)
        except OSError:
            pass
        try:
            s.settimeout(10)
            answer = s.recv(200)
        except OSError as e:
            answer = type(e).__name__.encode()
    return sent, answer.split(b"\r\n", 1)[0].decode(errors="replace"), time.monotonic() - started


def attack_trailer_crash(d):
    request = (b"GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
               b"0\r\nX-T: " + b"t" * 65534 + b"\r\n\r\n")
    return flood(d.port, request, b"", b"")


def attack_trailer_flood(d):
    return flood(d.port, b"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n",
                 b"X-T: " + b"t" * 993 + b"\r\n", b"\r\n")


def attack_extension_flood(d):
    return flood(d.port, b"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;e=",
                 b"e" * 1000, b"\r\nx\r\n0\r\n\r\n")


def attack_header_flood(d):
    return flood(d.port, b"GET /healthz HTTP/1.1\r\n", b"X-H: " + b"h" * 993 + b"\r\n", b"\r\n")


def attack_slow_loris(d):
    clients = []
    for _ in range(LORIS):
        clients.append(socket.create_connection(("127.0.0.1", d.port), timeout=5))
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: " + b"s" * 100
    started = time.monotonic()
    answers = []
    closed = 0
    for i in range(LORIS_SECONDS):
        for c in clients:
            try:
                c.send(request[i:i + 1])
            except OSError:
                pass
        if i % 5 == 2:
            answers.append(d.healthz())
        time.sleep(max(0, started + i + 1 - time.monotonic()))
    for c in clients:
        c.setblocking(False)
        try:
            if c.recv(1) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        c.close()
    return (LORIS * LORIS_SECONDS, f"/healthz during: {answers}; closed by the daemon: {closed} of {LORIS}",
            time.monotonic() - started)


def attack_fd_exhaustion(d):
    clients = []
    started = time.monotonic()
    for _ in range(HOLD):
        clients.append(socket.create_connection(("127.0.0.1", d.port), timeout=5))
    trace = os.path.join(d.dir, "strace.txt")
    strace = subprocess.Popen(["strace", "-f", "-c", "-e", "trace=accept,accept4", "-o", trace,
                               "-p", str(d.process.pid)], stderr=subprocess.DEVNULL)
    time.sleep(3)
    strace.send_signal(2)
    strace.wait(timeout=10)
    with open(trace) as f:
        text = f.read()
    match = re.search(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(\d+)?\s*accept4?$", text, re.MULTILINE)
    calls = match.group(1) if match else "0"
    errors = (match.group(2) or "0") if match else "0"
    for c in clients:
        c.close()
    time.sleep(0.5)
    return 0, f"accept calls in 3 s: {calls} ({errors} failed); /healthz after: {d.healthz()}", \
        time.monotonic() - started


ATTACKS = [("trailer-crash", attack_trailer_crash, False), ("trailer-flood", attack_trailer_flood, False),
           ("extension-flood", attack_extension_flood, False), ("header-flood", attack_header_flood, False),
           ("slow-loris", attack_slow_loris, False), ("fd-exhaustion", attack_fd_exhaustion, True)]


def main():
    binaries = sys.argv[1:]
    if not binaries:
        sys.exit(__doc__)
    results = []
    for name, attack, low in ATTACKS:
        for binary in binaries:
            d = Daemon(binary, low_fd_limit=low)
            time.sleep(0.5)
            before = cpu_seconds(d.process.pid)
            sent, answer, seconds = attack(d)
            time.sleep(1)
            alive = d.alive()
            cpu = cpu_seconds(d.process.pid) - before if alive else None
            health = d.healthz() if alive else None
            log = d.stop()
            row = {"attack": name, "binary": binary, "survived": alive, "healthz": health,
                   "peak_rss_mb": round(d.peak, 1), "cpu_s": None if cpu is None else round(cpu, 2),
                   "sent_bytes": sent, "answer": answer, "seconds": round(seconds, 1),
                   "log": [line for line in log.splitlines() if "terminate" in line or "what()" in line][:2]}
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    print()
    print("| attack | binary | survived | /healthz after | peak RSS (MB) | CPU (s) | bytes sent | answer |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['attack']} | `{r['binary']}` | {'yes' if r['survived'] else 'no'} | {r['healthz']} | "
              f"{r['peak_rss_mb']} | {r['cpu_s']} | {r['sent_bytes']:,} | {r['answer']} |")


if __name__ == "__main__":
    main()
