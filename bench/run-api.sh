#!/usr/bin/env bash
# bench/run-api.sh: the daemon's HTTP answers under load, next to nginx
# serving the same response bytes from files, on plans of several sizes.
#
#   bench/run-api.sh [BUILD_DIR]     (default: build;
#                                     SIZES="51 10000 100000" DURATION=10s CONNECTIONS=16)
#
# Two settings make a quick check of one route cheaper on a shared machine:
#   ROUTES="task metrics"  only these rows (of: task dashboard feed gzip 304
#                          metrics answer console healthz; default all of them);
#   FROM=DIR               one size only: DIR/var (nhacviec.db, links.key,
#                          mail/) of an earlier import and catch-up at that
#                          moment is copied instead of importing the plan and
#                          delivering again (no catch-up times; the pass bench runs on the copy).
#
# For each size: the plan (the bundled one for 51, else bench/gen-plan.py) is
# imported into a fresh folder, `nhacviec deliver` writes everything due at
# the benchmark's moment (timed: the catch-up pass), then again (timed: a pass
# with nothing due, as a whole command), and the daemon starts at that moment.
# Each route is then loaded with wrk (2 threads, CONNECTIONS connections,
# DURATION, --latency), first on the daemon, then on nginx serving the bytes
# the daemon answered:
#   GET /api/tasks/I.3             one task as JSON
#   GET /                          the dashboard (its first page)
#   GET /calendar/so-tai-chinh.ics an agency's calendar feed; then the same
#                                  with Accept-Encoding: gzip (nginx serving
#                                  the daemon's gzip bytes by gzip_static), and
#                                  with If-None-Match: its ETag (304; nginx
#                                  with its own ETag of the file)
#   GET /metrics                   Prometheus metrics
#   GET /tra-loi/TOKEN             the agency's page of an answer link (the
#                                  link checked, the task's history read, the
#                                  page rendered), the link taken from a
#                                  message the catch-up wrote to the mail folder
#   GET /quan-ly/nhiem-vu          the console's task list, as a viewer logged in
#                                  (an account made with `nhacviec user add`
#                                  before the daemon starts, its session cookie
#                                  from POST /quan-ly/dang-nhap): the first page,
#                                  a page filtered by lead agency
#                                  (?chu-tri=Sở Tài chính) and a search
#                                  (?tim=quỹ tài chính); nginx serves each page's
#                                  bytes from its own file
# then /healthz is loaded with one connection while two other wrk runs load
# the dashboard and the (plain) feed with 8 connections each. The daemon's resident
# memory (VmRSS, VmHWM) is read from /proc at the end, and the last delivery
# pass's duration from /metrics (nhacviec_delivery_pass_seconds) when the
# daemon reports it. Before the daemon starts, nhacviec_pass_bench times a
# first pass with nothing due and 20 passes over the same snapshot.
#
# Between routes the script waits until /healthz answers within 50 ms, so the
# requests a slow route still had queued do not count against the next one.
# Needs: wrk, nginx-light, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=$PWD
BUILD=${1:-build}
BIN=$PWD/$BUILD/nhacviec
PASS_BENCH=$PWD/$BUILD/nhacviec_pass_bench
SIZES=${SIZES:-"51 10000 100000"}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
NOW=${NOW:-2026-11-25T09:00}
PORT=8472
NGINX_PORT=8473
TASK=I.3
ROUTES=${ROUTES:-"task dashboard feed gzip 304 metrics answer console healthz"}
FROM=${FROM:-}
wanted() { [[ " $ROUTES " == *" $1 "* ]]; }
AGENCY=so-tai-chinh

work=$(mktemp -d /tmp/nhacviec-api-XXXXXX)
chmod 755 "$work"  # nginx's worker (nobody) reads the files it serves from here
daemon_pid=""
cleanup() {
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# wrk's --latency output → "p50 p99 requests/s" (latencies in ms).
summarise() {
  python3 -c '
import re, sys
text = sys.stdin.read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m: return "n/a"
    v = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return f"{v:.2f}"
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
errors = re.search(r"Socket errors:.*timeout (\d+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
extra = []
if errors and errors.group(1) != "0": extra.append(f"timeouts {errors.group(1)}")
if non2xx: extra.append(f"non-2xx {non2xx.group(1)}")
print(ms("50%"), ms("99%"), f"{float(rps.group(1)):.0f}" if rps else "n/a", "; ".join(extra))
'
}

load() {  # load URL CONNECTIONS [WRK OPTION...] → wrk output
  wrk -t2 -c"$2" -d"$DURATION" --timeout 30s --latency "${@:3}" "$1" 2>&1
}

settle() {  # wait until the daemon answers /healthz within 50 ms again
  for _ in $(seq 1 600); do
    t=$(curl -s -o /dev/null -m 60 -w '%{time_total}' "http://127.0.0.1:$PORT/healthz" || echo 99)
    python3 -c "import sys; sys.exit(0 if float('$t') < 0.05 else 1)" && return 0
    sleep 0.2
  done
  echo "the daemon did not settle" >&2
  exit 1
}

cat > "$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    keepalive_requests 1000000;
    gzip_static on;
    root $work/static;
    default_type application/octet-stream;
  }
}
EOF

printf '%s\n' "machine: $(nproc) cores, $(uname -r); wrk -t2 -c$CONNECTIONS -d$DURATION --latency; moment $NOW"
for size in $SIZES; do
  dir=$work/$size
  mkdir -p "$dir" "$work/static"
  if [ -n "$FROM" ]; then
    cp -a "$FROM/var" "$dir/"
    first="(copied from $FROM)"
    again="-"
  else
    if [ "$size" = 51 ]; then
      plan=$SOURCE/config/plans/hai-phong-90-KH-UBND-2026.txt
    else
      plan=$dir/plan.txt
      python3 "$SOURCE/bench/gen-plan.py" --tasks "$size" > "$plan"
    fi
    (cd "$dir" && "$BIN" import "$plan" > /dev/null 2> "$dir/import.log")  # warnings about undetermined deadlines
    start=$(date +%s.%N)
    (cd "$dir" && "$BIN" deliver --now "$NOW" > /dev/null)
    first=$(python3 -c "print(f'{$(date +%s.%N) - $start:.2f}')")
    start=$(date +%s.%N)
    (cd "$dir" && "$BIN" deliver --now "$NOW" > /dev/null)
    again=$(python3 -c "print(f'{$(date +%s.%N) - $start:.2f}')")
  fi

  # wrk comes from one address: the agency page's limit per address would answer it 429.
  printf '[api]\nanswer_requests_per_address = 0\n' > "$dir/bench.toml"
  # A console account for the task list's rows.
  console_password=bench-password-$RANDOM$RANDOM
  wanted console && (cd "$dir" && printf '%s\n' "$console_password" |
    "$BIN" --config "$dir/bench.toml" user add bench --role viewer > /dev/null)
  (cd "$dir" && exec "$BIN" --config "$dir/bench.toml" run --now "$NOW" --listen "127.0.0.1:$PORT" \
     > "$dir/daemon.log" 2>&1) &
  daemon_pid=$!
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
    sleep 0.1
  done
  settle

  # The same bytes for nginx.
  mkdir -p "$work/static/api/tasks" "$work/static/calendar"
  curl -sf -o "$work/static/api/tasks/$TASK" "http://127.0.0.1:$PORT/api/tasks/$TASK"
  curl -sf -o "$work/static/index.html" "http://127.0.0.1:$PORT/"
  curl -sf -o "$work/static/calendar/$AGENCY.ics" "http://127.0.0.1:$PORT/calendar/$AGENCY.ics"
  curl -sf -o "$work/static/metrics" "http://127.0.0.1:$PORT/metrics"
  # An answer link, as a mail client finds it in a message (any agency's, the lead agency of $TASK's first).
  answer=$(python3 - "$dir/var/mail/new" "$TASK" <<'PY'
import email, glob, re, sys
from email import policy
found = []
for path in sorted(glob.glob(sys.argv[1] + "/*")):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=policy.default)
    body = message.get_body(preferencelist=("plain",)).get_content()
    for link in re.findall(r"https?://[^/\s]+(/tra-loi/[A-Za-z0-9_-]+)", body):
        found.append((0 if "Nhiệm vụ " + sys.argv[2] + " " in str(message["Subject"]) else 1, link))
print(min(found)[1] if found else "")
PY
)
  if [ -z "$answer" ]; then echo "no answer link in the messages of $dir/var/mail/new" >&2; exit 1; fi
  mkdir -p "$work/static/tra-loi"
  curl -sf -o "$work/static$answer" "http://127.0.0.1:$PORT$answer"

  # The console's task list: a session cookie, then each page's bytes for nginx.
  CONSOLE_FILTER='?chu-tri=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh'
  CONSOLE_SEARCH='?tim=qu%E1%BB%B9%20t%C3%A0i%20ch%C3%ADnh'
  cookie=""
  if wanted console; then
    cookie=$(curl -s -o /dev/null -D - --data-urlencode name=bench --data-urlencode "password=$console_password" \
      "http://127.0.0.1:$PORT/quan-ly/dang-nhap" | tr -d '\r' | awk -F': ' 'tolower($1)=="set-cookie"{split($2, c, ";"); print c[1]}')
    if [ -z "$cookie" ]; then echo "the console login gave no session cookie" >&2; exit 1; fi
    mkdir -p "$work/static/quan-ly"
    curl -sf -H "Cookie: $cookie" -o "$work/static/quan-ly/nhiem-vu" "http://127.0.0.1:$PORT/quan-ly/nhiem-vu"
    curl -sf -H "Cookie: $cookie" -o "$work/static/quan-ly/nhiem-vu-loc" "http://127.0.0.1:$PORT/quan-ly/nhiem-vu$CONSOLE_FILTER"
    curl -sf -H "Cookie: $cookie" -o "$work/static/quan-ly/nhiem-vu-tim" "http://127.0.0.1:$PORT/quan-ly/nhiem-vu$CONSOLE_SEARCH"
  fi

  # The feed as a calendar application fetches it: gzip (nginx serves the
  # daemon's gzip bytes with gzip_static), and again with the ETag it holds.
  curl -sf -H 'Accept-Encoding: gzip' -o "$work/static/calendar/$AGENCY.ics.gz" "http://127.0.0.1:$PORT/calendar/$AGENCY.ics"
  etag=$(curl -sf -D - -o /dev/null "http://127.0.0.1:$PORT/calendar/$AGENCY.ics" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  nginx -c "$work/nginx.conf"
  sleep 0.3
  nginx_etag=$(curl -sf -D - -o /dev/null "http://127.0.0.1:$NGINX_PORT/calendar/$AGENCY.ics" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')

  # nhacviec_pass_bench: the daemon's first pass with nothing due (after a
  # start), then passes over the same snapshot with nothing due.
  passes=""
  passes=$(cd "$dir" && "$PASS_BENCH" --db "$dir/var/nhacviec.db" --at "$NOW" --reps 20)

  echo
  echo "== $size tasks (catch-up deliver ${first} s, deliver with nothing due ${again} s as a command)"
  echo "$passes" | awk '/^(first_pass_ms|first_pass_enqueued|first_pass_sent|idle_pass_min_ms|idle_pass_median_ms|idle_pass_max_ms|idle_passes_that_planned) /{printf "pass bench: %s %s\n", $1, $2}'
  printf '%-28s %10s %10s %10s %10s   %10s %10s %10s\n' route bytes "p50 ms" "p99 ms" "req/s" "nginx p50" "p99" "req/s"
  row() {  # row SHOWN ROUTE FILE [HEADER FOR THE DAEMON] [HEADER FOR NGINX] [ROUTE FOR NGINX]
    local ours theirs p50 p99 rps extra np50 np99 nrps nextra
    ours=$(load "http://127.0.0.1:$PORT$2" "$CONNECTIONS" ${4:+-H "$4"} | summarise)
    settle
    theirs=$(load "http://127.0.0.1:$NGINX_PORT${6:-$2}" "$CONNECTIONS" ${5:+-H "$5"} | summarise)
    read -r p50 p99 rps extra <<< "$ours"
    read -r np50 np99 nrps nextra <<< "$theirs"
    printf '%-28s %10s %10s %10s %10s   %10s %10s %10s %s\n' "$1" "$([ -f "$3" ] && stat -c %s "$3" || echo 0)" \
      "$p50" "$p99" "$rps" "$np50" "$np99" "$nrps" "$extra${nextra:+ (nginx: $nextra)}"
  }
  wanted task && row "/api/tasks/$TASK" "/api/tasks/$TASK" "$work/static/api/tasks/$TASK"
  wanted dashboard && row "/" "/" "$work/static/index.html"
  wanted feed && row "/calendar/$AGENCY.ics" "/calendar/$AGENCY.ics" "$work/static/calendar/$AGENCY.ics"
  wanted gzip && row "  the same, gzip" "/calendar/$AGENCY.ics" "$work/static/calendar/$AGENCY.ics.gz" \
    "Accept-Encoding: gzip" "Accept-Encoding: gzip"
  wanted 304 && row "  the same, 304" "/calendar/$AGENCY.ics" /nonexistent "If-None-Match: $etag" \
    "If-None-Match: $nginx_etag"
  wanted metrics && row "/metrics" "/metrics" "$work/static/metrics"
  wanted answer && row "/tra-loi/TOKEN" "$answer" "$work/static$answer"
  if wanted console; then
    row "/quan-ly/nhiem-vu" "/quan-ly/nhiem-vu" "$work/static/quan-ly/nhiem-vu" "Cookie: $cookie" "" \
      "/quan-ly/nhiem-vu"
    row "  filtered (chu-tri)" "/quan-ly/nhiem-vu$CONSOLE_FILTER" "$work/static/quan-ly/nhiem-vu-loc" \
      "Cookie: $cookie" "" "/quan-ly/nhiem-vu-loc"
    row "  search (tim)" "/quan-ly/nhiem-vu$CONSOLE_SEARCH" "$work/static/quan-ly/nhiem-vu-tim" \
      "Cookie: $cookie" "" "/quan-ly/nhiem-vu-tim"
  fi

  # /healthz while the dashboard and the feed are loaded.
  if wanted healthz; then
    load "http://127.0.0.1:$PORT/" 8 > "$dir/load1.txt" &
    l1=$!
    load "http://127.0.0.1:$PORT/calendar/$AGENCY.ics" 8 > "$dir/load2.txt" &
    l2=$!
    sleep 0.5
    health=$(wrk -t1 -c1 -d"$DURATION" --timeout 30s --latency "http://127.0.0.1:$PORT/healthz" 2>&1 | summarise)
    wait "$l1" "$l2"
    read -r p50 p99 rps extra <<< "$health"
    printf '%-28s %10s %10s %10s %10s   %s\n' "/healthz under load" "-" "$p50" "$p99" "$rps" "$extra"
    settle
  fi

  pass=$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^nhacviec_delivery_pass_seconds /{print $2}')
  rss=$(awk '/^VmRSS:/{printf "%.1f", $2/1024}' "/proc/$daemon_pid/status")
  hwm=$(awk '/^VmHWM:/{printf "%.1f", $2/1024}' "/proc/$daemon_pid/status")
  echo "daemon resident memory: ${rss} MiB now, ${hwm} MiB peak; last delivery pass: ${pass:-not reported} s"

  kill "$daemon_pid"
  wait "$daemon_pid" 2>/dev/null || true
  daemon_pid=""
  kill "$(cat "$work/nginx.pid")"
  sleep 0.3
  rm -rf "$work/static" "$dir"
done
