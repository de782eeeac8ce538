#!/usr/bin/python3
"""bench/run-idle.py: what `nhacviec run` costs while nothing is due.

    bench/run-idle.py [BUILD_DIR] [SECONDS]      (defaults: build, 600)

Imports the bundled plan into a fresh folder, starts the daemon with its clock
at 2026-11-25 09:00 (Vietnam), when the start-up catch-up has sent what was
due and the next notification is the next morning, and with NOTIFY_SOCKET
pointing at a socket of this script, as systemd would. It measures:

- time from start to READY=1 (storage open, API listening; the start-up
  delivery pass runs after it, on its own thread);
- resident memory (VmRSS) once ready and at the end;
- CPU time (utime + stime of all threads, /proc/PID/stat) over the idle period;
- wake-ups over the idle period: context switches of all threads
  (/proc/PID/task/*/status), voluntary and not.

No watchdog is set (WATCHDOG_USEC unset), so any wake-up is the daemon's own.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 600
BIN = os.path.join(SOURCE, BUILD, "nhacviec")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (all threads)


def switches(pid):
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/status") as f:
            for line in f:
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    total += int(line.split()[1])
    return total


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    work = tempfile.mkdtemp(prefix="nhacviec-idle-")
    try:
        subprocess.run([BIN, "import", os.path.join(SOURCE, "config/plans/hai-phong-90-KH-UBND-2026.txt")],
                       cwd=work, check=True, capture_output=True)
        notify_path = os.path.join(work, "notify.sock")
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(notify_path)
        env = dict(os.environ, NOTIFY_SOCKET=notify_path)
        env.pop("WATCHDOG_USEC", None)
        started = time.monotonic()
        daemon = subprocess.Popen([BIN, "run", "--now", "2026-11-25T09:00", "--listen", "127.0.0.1:0"], cwd=work,
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        notify.settimeout(30)
        while True:
            message = notify.recv(4096).decode()
            if "READY=1" in message:
                break
        ready = time.monotonic() - started
        time.sleep(1)  # let the start-up settle
        cpu0, switches0, rss0 = cpu_seconds(daemon.pid), switches(daemon.pid), rss_kib(daemon.pid)
        time.sleep(SECONDS)
        cpu1, switches1, rss1 = cpu_seconds(daemon.pid), switches(daemon.pid), rss_kib(daemon.pid)
        daemon.terminate()
        daemon.wait(timeout=20)
        threads = "n/a"
        print(f"start to READY=1:        {ready * 1000:.0f} ms (storage open, API listening)")
        print(f"idle period:             {SECONDS} s")
        print(f"CPU time while idle:     {(cpu1 - cpu0) * 1000:.0f} ms (clock ticks of {1000 / TICKS:.0f} ms)")
        print(f"context switches idle:   {switches1 - switches0} (all threads)")
        print(f"resident memory:         {rss0 / 1024:.1f} MiB when ready, {rss1 / 1024:.1f} MiB at the end")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
