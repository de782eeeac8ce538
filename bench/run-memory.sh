#!/usr/bin/env bash
# bench/run-memory.sh: the daemon's resident memory on a plan of 100,000
# tasks (not a test).
#
#   bench/run-memory.sh [BUILD_DIR...]  (default: build; TASKS=100000, NOW=2026-11-25T09:00,
#                                        HEAPTRACK=1 runs the daemon under heaptrack and keeps its file,
#                                        FROM=DIR copies DIR/var, an earlier import and catch-up at NOW,
#                                        instead of importing and delivering)
#
# The plan (bench/gen-plan.py) is imported into a fresh folder and one
# `nhacviec deliver` writes what is due at NOW (the catch-up). Then, for each
# build in turn, on its own copy of that folder, the daemon starts at NOW
# and VmRSS / VmHWM are read from /proc/PID/status:
#   1. at rest once its first delivery pass is done;
#   2. after GET /, GET /api/tasks/I.3 and GET /calendar/so-tai-chinh.ics
#      (one each, with curl);
#   3. after `nhacviec status` from another process changed a status (the
#      daemon rebuilds its snapshot), once the change is visible; the peak
#      (VmHWM) is reset just before (`echo 5 > /proc/PID/clear_refs`), so
#      the peak shown is that of the rebuild and what followed it; read once
#      VmRSS has stayed within 1 MiB for 5 s;
#   4. after the same three requests again;
#   5. the same as 3 for a second status change, of another period (peak
#      reset again);
#   6. after one login to the console (POST /quan-ly/dang-nhap, as the
#      account `nhacviec user add` made before the daemon started), peak
#      reset just before: the peak is that of the password check (argon2id);
#   7. after the console's task list (GET /quan-ly/nhiem-vu, first page, with
#      that session), peak reset just before.
# A BUILD_DIR is relative to the checkout or absolute.
# Needs: curl, python3 (and heaptrack for HEAPTRACK=1).
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=$PWD
BUILDS=("${@:-build}")
TASKS=${TASKS:-100000}
NOW=${NOW:-2026-11-25T09:00}
PORT=${PORT:-8474}
URL=http://127.0.0.1:$PORT
FROM=${FROM:-}

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

binary() {  # binary BUILD_DIR → the nhacviec binary in it
  case "$1" in
    /*) echo "$1/nhacviec" ;;
    *) echo "$SOURCE/$1/nhacviec" ;;
  esac
}

rebuild() {  # rebuild TASK PERIOD NOTE LABEL: a status change by another process, and the peak of the rebuild it causes
  echo 5 > "/proc/$daemon_pid/clear_refs"  # VmHWM := VmRSS
  local start before
  # The task's answer does not show the note: the change is visible when the answer differs from this one.
  before=$(curl -s "$URL/api/tasks/$1")
  start=$(date +%s.%N)
  "$BIN" status "$1" in-progress --period "$2" --note "$3" > /dev/null
  for _ in $(seq 1 300); do
    [ "$(curl -s "$URL/api/tasks/$1")" != "$before" ] && break
    sleep 0.2
  done
  printf '  visible after %.1f s\n' "$(python3 -c "print($(date +%s.%N) - $start)")"
  settle
  memory "$4"
}

settle() {  # waits until VmRSS has stayed within 1 MiB for 5 s (at most 90 s). The old snapshot may
  # still be held then (its memory is given back later, when nothing holds it): the reading says which.
  local last=0 same=0 now waited
  for waited in $(seq 1 90); do
    sleep 1
    now=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$daemon_pid/status")
    if [ $((now - last)) -le 1 ] && [ $((last - now)) -le 1 ]; then same=$((same + 1)); else same=0; fi
    last=$now
    [ "$same" -ge 5 ] && break
  done
  echo "  settled after $waited s"
}

console() {  # console: one login, then the console's task list, each with the peak reset just before
  local cookie
  echo 5 > "/proc/$daemon_pid/clear_refs"
  cookie=$(curl -s -o /dev/null -D - --data-urlencode name=bench --data-urlencode "password=$CONSOLE_PASSWORD" \
    "$URL/quan-ly/dang-nhap" | tr -d '\r' | awk -F': ' 'tolower($1)=="set-cookie"{split($2, c, ";"); print c[1]}')
  if [ -z "$cookie" ]; then echo "the console login gave no session cookie" >&2; exit 1; fi
  sleep 1
  memory "after one console login (peak: of the login's password check)"
  echo 5 > "/proc/$daemon_pid/clear_refs"
  curl -sf -o /dev/null -H "Cookie: $cookie" -w "  GET /quan-ly/nhiem-vu: %{size_download} bytes in %{time_total} s\n" \
    "$URL/quan-ly/nhiem-vu"
  sleep 1
  memory "after the console's task list (peak: of that request)"
}

mkdir -p "$work/prepared"
cd "$work/prepared"
if [ -n "$FROM" ]; then
  cp -a "$FROM/var" .
else
  python3 "$SOURCE/bench/gen-plan.py" --tasks "$TASKS" > plan.txt
  "$(binary "${BUILDS[0]}")" import plan.txt > /dev/null 2> import.log  # warnings about undetermined deadlines
  "$(binary "${BUILDS[0]}")" deliver --now "$NOW" > /dev/null
fi
printf '[api]\nanswer_requests_per_address = 0\n' > bench.toml

for build in "${BUILDS[@]}"; do
BIN=$(binary "$build")
rm -rf "$work/run"
cp -a "$work/prepared" "$work/run"
cd "$work/run"
CONSOLE_PASSWORD=bench-password-$RANDOM$RANDOM
printf '%s\n' "$CONSOLE_PASSWORD" | "$BIN" --config bench.toml user add bench --role viewer > /dev/null
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
echo
printf '%s\n' "== $BIN: $TASKS tasks, moment $NOW, $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
memory "at rest after the first pass"
requests
sleep 1
memory "after the requests"
rebuild I.3 2026-Q4 "đo bộ nhớ" "after a status change by another process (snapshot rebuilt; peak: of the rebuild)"
requests
sleep 1
memory "after the requests again"
rebuild I.3 2026-Q3 "đo bộ nhớ lần hai" "after a second status change (peak: of that rebuild)"
console
kill -TERM "$daemon_pid"
wait "$daemon_pid" 2>/dev/null || true
daemon_pid=""
[ -n "${HEAPTRACK:-}" ] && echo "heaptrack file: $(ls "$work"/heaptrack*)"
done
exit 0
