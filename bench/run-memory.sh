#!/usr/bin/env bash
# bench/run-memory.sh: the daemon's resident memory on a plan of 100,000
# tasks (not a test).
#
#   bench/run-memory.sh [BUILD_DIR]   (default: build; TASKS=100000, NOW=2026-11-25T09:00,
#                                      HEAPTRACK=1 runs the daemon under heaptrack and keeps its file)
#
# The plan (bench/gen-plan.py) is imported into a fresh folder and one
# `nhacviec deliver` writes what is due at NOW (the catch-up). The daemon
# then starts at NOW and VmRSS / VmHWM are read from /proc/PID/status:
#   1. at rest once its first delivery pass is done;
#   2. after GET /, GET /api/tasks/I.3 and GET /calendar/so-tai-chinh.ics
#      (one each, with curl);
#   3. after `nhacviec status` from another process changed a status (the
#      daemon rebuilds its snapshot), once the change is visible;
#   4. after the same three requests again.
# Needs: curl, python3 (and heaptrack for HEAPTRACK=1).
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=$PWD
BUILD=${1:-build}
BIN=$PWD/$BUILD/nhacviec
TASKS=${TASKS:-100000}
NOW=${NOW:-2026-11-25T09:00}
PORT=${PORT:-8474}
URL=http://127.0.0.1:$PORT

work=$(mktemp -d /tmp/nhacviec-memory-XXXXXX)
daemon_pid=""
cleanup() {
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || true
  [ -n "${HEAPTRACK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

memory() {  # memory LABEL → "LABEL: VmRSS … MiB, VmHWM … MiB"
  awk -v label="$1" '/^VmRSS|^VmHWM/ { v[$1] = $2 / 1024 }
      END { printf "%s: VmRSS %.1f MiB, VmHWM %.1f MiB\n", label, v["VmRSS:"], v["VmHWM:"] }' \
      "/proc/$daemon_pid/status"
}

requests() {
  for path in / /api/tasks/I.3 /calendar/so-tai-chinh.ics; do
    curl -sf -o /dev/null -w "  GET $path: %{size_download} bytes in %{time_total} s\n" "$URL$path"
  done
}

cd "$work"
python3 "$SOURCE/bench/gen-plan.py" --tasks "$TASKS" > plan.txt
"$BIN" import plan.txt > /dev/null 2> import.log  # warnings about undetermined deadlines
"$BIN" deliver --now "$NOW" > /dev/null
printf '[api]\nanswer_requests_per_address = 0\n' > bench.toml
run=("$BIN" --config bench.toml run --now "$NOW" --listen "127.0.0.1:$PORT")
if [ -n "${HEAPTRACK:-}" ]; then
  heaptrack -o "$work/heaptrack" "${run[@]}" > daemon.log 2>&1 &
else
  "${run[@]}" > daemon.log 2>&1 &
fi
daemon_pid=$!
for _ in $(seq 1 1200); do
  curl -sf -o /dev/null "$URL/healthz" && break
  sleep 0.1
done
# heaptrack runs the daemon as its child.
[ -n "${HEAPTRACK:-}" ] && daemon_pid=$(pgrep -n -P "$daemon_pid" || echo "$daemon_pid")
# The first pass is done when its duration is reported.
for _ in $(seq 1 1200); do
  curl -s "$URL/metrics" | grep -q '^nhacviec_delivery_pass_seconds [1-9]\|^nhacviec_delivery_pass_seconds 0\.0*[1-9]' && break
  sleep 0.5
done
sleep 2
printf '%s\n' "$TASKS tasks, moment $NOW, $(nproc) cores, $(uname -r)"
memory "at rest after the first pass"
requests
sleep 1
memory "after the requests"
"$BIN" status I.3 in-progress --period 2026-Q4 --note "đo bộ nhớ" > /dev/null
for _ in $(seq 1 300); do
  curl -s "$URL/api/tasks/I.3" | grep -q 'đo bộ nhớ' && break
  sleep 0.2
done
sleep 3
memory "after a status change by another process (snapshot rebuilt)"
requests
sleep 1
memory "after the requests again"
kill -TERM "$daemon_pid"
wait "$daemon_pid" 2>/dev/null || true
daemon_pid=""
[ -n "${HEAPTRACK:-}" ] && echo "heaptrack file: $(ls "$work"/heaptrack*)"
exit 0
