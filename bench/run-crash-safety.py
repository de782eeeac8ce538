#!/usr/bin/python3
"""bench/run-crash-safety.py: `kill -9` at random moments during a burst of
deliveries, and what each kill cost.

    bench/run-crash-safety.py [BUILD_DIR] [--kills N] [--tasks N] [--seed N]
                              (defaults: build, 12 kills per run, 3000 tasks, seed 14)

For each of 1, 4 and 8 SMTP connections ([email] connections) it imports a
burst plan (tests/delivery/burst_plan.py: TASKS reminders due at 2026-12-01
08:00, plus the weekly digest to two agencies) into a fresh database, starts a
real SMTP server on 127.0.0.1 (tests/servers/smtp_server.py), and then again
and again runs `nhacviec deliver --now 2026-12-01T08:00` and kills it with
SIGKILL at a random moment of its sending (uniformly 0 to 0.5 s after the
server receives its first message), up to --kills times; a last run is left
to finish. Each kill is then measured from
the outbox (the SQLite file, read once the process is dead) and from what the
server received:

- in flight: deliveries in state "sending" at the kill;
- lost: deliveries the outbox had recorded "sent" that the server does not
  have (at the kill), and, at the end of the run, deliveries never received;
- duplicated: deliveries in flight at that kill that the server received
  more than once by the end.

The invariant: nothing lost, ever; every duplicate was in flight at a kill.
The script exits 1 when it does not hold. Bounded: a run stops killing when
the burst ends first, and every process has a time limit.
"""

import argparse
import collections
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "delivery"))
sys.dont_write_bytecode = True

import harness  # noqa: E402  (tests/delivery: Workspace, Server, mail_keys)
from test_crash import count_lines  # noqa: E402

NOW = "2026-12-01T08:00"


def received(out):
    """(key, recipient) of every message the server has recorded; read again when its last line is half-written."""
    for _ in range(50):
        try:
            return harness.mail_keys(out)
        except ValueError:
            time.sleep(0.05)
    return harness.mail_keys(out)


def outbox(db_path):
    """(key, address) → state of every email delivery."""
    db = sqlite3.connect(db_path)
    try:
        rows = db.execute("SELECT n.key, d.address, d.state FROM deliveries d "
                          "JOIN notifications n ON n.id = d.notification_id WHERE d.channel = 'email'").fetchall()
    finally:
        db.close()
    return {(key, address): state for key, address, state in rows}


def run(connections, args, rng, bin_path):
    """One burst with `connections` SMTP connections: a list of kills and the end of the run."""
    out = tempfile.mkdtemp(prefix="nhacviec-crash-safety-")
    ws = harness.Workspace()
    kills = []
    try:
        with harness.Server("smtp_server.py", "--out", out) as smtp:
            ws.write_config(f'[email]\nserver = "smtp://127.0.0.1:{smtp.port}"\nsecurity = "none"\n'
                            f'connections = {connections}\n')
            plan = ws.path("burst.txt")
            with open(plan, "w", encoding="utf-8") as f:
                subprocess.run([sys.executable, os.path.join(SOURCE, "tests", "delivery", "burst_plan.py"),
                                str(args.tasks)], stdout=f, check=True)
            ws.import_plan(plan)
            command = [bin_path, "--config", ws.config, "--db", ws.db, "deliver", "--now", NOW]
            messages = os.path.join(out, "messages.jsonl")
            while len(kills) < args.kills:
                before = count_lines(messages)
                victim = subprocess.Popen(command, cwd=ws.dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                # Sending has started (planning and claiming come first), then a random moment.
                deadline = time.monotonic() + 60
                while victim.poll() is None and count_lines(messages) == before and time.monotonic() < deadline:
                    time.sleep(0.002)
                after = rng.uniform(0.0, 0.5)
                try:
                    victim.wait(timeout=after)
                    break  # the burst ended before the kill
                except subprocess.TimeoutExpired:
                    victim.send_signal(signal.SIGKILL)
                    victim.wait()
                time.sleep(0.2)  # a message whose last line was written before the kill lands now, if it does
                states = outbox(ws.db)
                arrived = set(received(out))
                in_flight = {k for k, s in states.items() if s == "sending"}
                sent = {k for k, s in states.items() if s == "sent"}
                kills.append({"after_ms": round(after * 1000), "received": len(arrived), "sent": len(sent),
                              "in_flight": in_flight, "lost": len(sent - arrived)})
            done = subprocess.run(command, cwd=ws.dir, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                raise RuntimeError(f"the last deliver failed:\n{done.stderr}")
            states = outbox(ws.db)
            counts = collections.Counter(received(out))
    finally:
        ws.close()
        shutil.rmtree(out, ignore_errors=True)
    for kill in kills:
        kill["duplicated"] = sum(1 for k in kill["in_flight"] if counts[k] > 1)
    in_flight_ever = set().union(*(kill["in_flight"] for kill in kills)) if kills else set()
    duplicated = {k for k, n in counts.items() if n > 1}
    end = {
        "deliveries": len(states), "sent": sum(1 for s in states.values() if s == "sent"),
        "distinct": len(counts), "messages": sum(counts.values()),
        "lost": len(set(states) - set(counts)), "duplicated": len(duplicated),
        "duplicated_not_in_flight": len(duplicated - in_flight_ever),
        "extra": sorted(set(counts) - set(states))[:3],
        "in_flight_sum": sum(len(kill["in_flight"]) for kill in kills),
    }
    return kills, end


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default="build")
    parser.add_argument("--kills", type=int, default=12, help="kills per run")
    parser.add_argument("--tasks", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    bin_path = os.path.join(SOURCE, args.build, "nhacviec")
    rng = random.Random(args.seed)
    started = time.monotonic()
    print(f"bench/run-crash-safety.py {args.build} --kills {args.kills} --tasks {args.tasks} --seed {args.seed}")
    print()
    print("| connections | kill | ms after its first message | received at the kill | outbox sent | in flight | lost | "
          "duplicated |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    ends, total_kills, held = [], 0, True
    for connections in (1, 4, 8):
        kills, end = run(connections, args, rng, bin_path)
        ends.append((connections, len(kills), end))
        total_kills += len(kills)
        for i, kill in enumerate(kills, 1):
            print(f"| {connections} | {i} | {kill['after_ms']} | {kill['received']} | {kill['sent']} | "
                  f"{len(kill['in_flight'])} | {kill['lost']} | {kill['duplicated']} |")
            held &= kill["lost"] == 0
        held &= end["lost"] == 0 and end["duplicated_not_in_flight"] == 0 and not end["extra"]
        held &= end["sent"] == end["deliveries"] == args.tasks + 2
    print()
    print("| connections | kills | deliveries | sent at the end | received (distinct) | messages | lost | "
          "duplicated | duplicated, not in flight at a kill | in flight, summed over the kills |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for connections, count, end in ends:
        print(f"| {connections} | {count} | {end['deliveries']} | {end['sent']} | {end['distinct']} | "
              f"{end['messages']} | {end['lost']} | {end['duplicated']} | {end['duplicated_not_in_flight']} | "
              f"{end['in_flight_sum']} |")
    print()
    print(f"{total_kills} kills in {time.monotonic() - started:.0f} s; invariant (nothing lost, duplicates only "
          f"among deliveries in flight at a kill): {'held' if held else 'BROKEN'}")
    return 0 if held and total_kills >= 30 else 1


if __name__ == "__main__":
    sys.exit(main())
