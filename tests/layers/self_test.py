#!/usr/bin/env python3
"""Runs scripts/check-layers on each fixture tree of tests/layers/.

Each folder here is one case: a daemon/ tree, an optional table.txt (passed
with --table; the built-in table otherwise) and expected.txt, the exact
output. A case passes when the output is exactly expected.txt and the exit
status is 0 for an empty expected.txt, 1 otherwise.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, "..", "..", "scripts", "check-layers")


def run_case(case):
    folder = os.path.join(HERE, case)
    command = [sys.executable, CHECK, "--root", folder]
    table = os.path.join(folder, "table.txt")
    if os.path.exists(table):
        command += ["--table", table]
    with open(os.path.join(folder, "expected.txt"), encoding="utf-8") as f:
        expected = f.read()
    run = subprocess.run(command, capture_output=True, text=True)
    failures = []
    if run.stdout != expected:
        failures.append(f"{case}: output\n{run.stdout}differs from expected.txt\n{expected}")
    want_status = 1 if expected else 0
    if run.returncode != want_status:
        failures.append(f"{case}: exit status {run.returncode}, expected {want_status}\n{run.stderr}")
    return failures


def main():
    cases = sorted(d for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d)) and not d.startswith("_"))
    failures = []
    for case in cases:
        failed = run_case(case)
        print(f"{case}: {'FAILED' if failed else 'ok'}")
        failures += failed
    for f in failures:
        print(f, file=sys.stderr)
    if not cases:
        print("no cases found", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
