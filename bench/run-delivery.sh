#!/usr/bin/env bash
# bench/run-delivery.sh: delivery throughput through the outbox, against local
# sinks, next to the tools that speak the same protocol as fast as they can.
#
#   bench/run-delivery.sh [BUILD_DIR]        (default: build; N=10000 REPEAT=3)
#
# SMTP: 10,000 reminders (a plan of 10,000 tasks due the same day, one lead
# agency each: tests/delivery/burst_plan.py) through `nhacviec deliver` with
# 4 SMTP sessions to postfix's smtp-sink; baseline: smtp-source -d -s 4 sending
# as many copies of one of those reminders to the same sink.
# HTTP: the same plan with every agency reached by webhook only, 16
# connections to nginx answering 204; baseline: wrk -c 16 posting one of those
# webhook bodies with the same headers.
#
# Two figures per channel for nhacviec:
#   end to end    `deliver` from an empty outbox: plan, render and write the
#                 10,000 notifications, then deliver and record each one
#   delivery      the same deliveries already in the outbox (first offered to
#                 a closed port, so they wait to be retried): claim, send,
#                 record — what the outbox adds to the protocol
# Every delivery is recorded in SQLite with synchronous=FULL before the next
# claim commits. Needs: postfix (smtp-sink, smtp-source), nginx-light, wrk,
# python3, sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
N=${N:-10000}
REPEAT=${REPEAT:-3}
BIN=$PWD/$BUILD/nhacviec
SMTP_PORT=2525
HTTP_PORT=8471
work=$(mktemp -d /tmp/nhacviec-bench-XXXXXX)
cleanup() {
  [ -f "$work/sink.pid" ] && kill "$(cat "$work/sink.pid")" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1 / ($3 - $2):.0f}')"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# --- sinks
smtp-sink -u nobody 127.0.0.1:$SMTP_PORT 1024 & echo $! > "$work/sink.pid"
cat > "$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work;
  server {
    listen 127.0.0.1:$HTTP_PORT;
    keepalive_requests 1000000;
    client_max_body_size 64m;  # the digest of 10,000 tasks is a large body
    location / { return 204; }
  }
}
EOF
nginx -c "$work/nginx.conf"
sleep 0.5

# --- the plan and the configurations
python3 tests/delivery/burst_plan.py "$N" > "$work/plan.txt"
secret="whsec_$(head -c 32 /dev/urandom | base64)"
python3 - "$work/agencies.toml" "http://127.0.0.1:$HTTP_PORT/hook" <<'EOF'
import re, sys
text = open("config/agencies.toml", encoding="utf-8").read()
text = re.sub(r"^emails = \[.*\]$", "emails = []", text, flags=re.M)
text = re.sub(r"^webhooks = \[\]$", f'webhooks = ["{sys.argv[2]}"]', text, flags=re.M)
open(sys.argv[1], "w", encoding="utf-8").write(text)
EOF
cat > "$work/smtp.toml" <<EOF
[email]
server = "smtp://127.0.0.1:$SMTP_PORT"
security = "none"
connections = 4
EOF
cat > "$work/http.toml" <<EOF
[agencies]
directory = "agencies.toml"
[webhook]
connections = 16
[[webhook.endpoint]]
url = "http://127.0.0.1:$HTTP_PORT/hook"
secret = "$secret"
EOF
sed 's/agencies.toml/closed-agencies.toml/; s#127.0.0.1:'$HTTP_PORT'/hook#127.0.0.1:9/hook#' "$work/http.toml" > "$work/closed-http.toml"
cat > "$work/closed-smtp.toml" <<EOF
[email]
server = "smtp://127.0.0.1:9"
security = "none"
EOF
# For the HTTP "delivery" figure the first offer goes to a closed port: the
# same directory with the endpoint on port 9 (its address is put back after).
sed "s#http://127.0.0.1:$HTTP_PORT/hook#http://127.0.0.1:9/hook#" "$work/agencies.toml" > "$work/closed-agencies.toml"

fresh_db() {  # fresh_db NAME: a database with the plan imported
  rm -f "$work/$1".db*
  "$BIN" --db "$work/$1.db" import "$work/plan.txt" > /dev/null 2>&1
}
deliveries() { sqlite3 "$work/$1.db" "SELECT COUNT(*) FROM deliveries WHERE state = 'sent'"; }

# --- one message and one body, as nhacviec sends them, for the baselines
fresh_db sample
(cd "$work" && "$BIN" --config smtp.toml --db sample.db deliver --now 2026-12-01T08:00 > /dev/null)
# smtp-sink keeps nothing: render one reminder into a mail folder instead.
printf '[email]\nmaildir = "%s/mail"\n' "$work" > "$work/maildir.toml"
rm -f "$work/one.db"*
python3 tests/delivery/burst_plan.py 1 > "$work/one.txt"
"$BIN" --db "$work/one.db" import "$work/one.txt" > /dev/null 2>&1
"$BIN" --config "$work/maildir.toml" --db "$work/one.db" deliver --now 2026-12-01T08:00 > /dev/null
message=$(grep -l "^Delivered-To: so-noi-vu@" "$work"/mail/new/* | head -1)  # task I.1 (lead: Sở Nội vụ)
tail -n +2 "$message" > "$work/message.eml"   # without Delivered-To
body=$(sqlite3 "$work/sample.db" "SELECT payload FROM notifications WHERE kind = 'reminder' LIMIT 1")
printf '%s' "$body" > "$work/body.json"
cat > "$work/post.lua" <<EOF
wrk.method = "POST"
local file = io.open("$work/body.json", "rb")
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["webhook-id"] = "msg_0123456789abcdef0123456789abcdef"
wrk.headers["webhook-timestamp"] = "1796086800"
wrk.headers["webhook-signature"] = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="
EOF
echo "message: $(wc -c < "$work/message.eml") bytes; webhook body: ${#body} bytes; N=$N, $REPEAT runs each"

smtp_e2e=(); smtp_delivery=(); smtp_base=(); http_e2e=(); http_delivery=(); http_base=()
for run in $(seq "$REPEAT"); do
  # SMTP, end to end
  fresh_db e2e
  t0=$(now); (cd "$work" && "$BIN" --config smtp.toml --db e2e.db deliver --now 2026-12-01T08:00 > /dev/null); t1=$(now)
  sent=$(deliveries e2e); smtp_e2e+=("$(rate "$sent" "$t0" "$t1")")
  # SMTP, delivery only
  fresh_db queued
  (cd "$work" && "$BIN" --config closed-smtp.toml --db queued.db deliver --now 2026-12-01T08:00 > /dev/null)
  t0=$(now); (cd "$work" && "$BIN" --config smtp.toml --db queued.db deliver --now 2026-12-01T08:05 > /dev/null); t1=$(now)
  sent=$(deliveries queued); smtp_delivery+=("$(rate "$sent" "$t0" "$t1")")
  # SMTP baseline
  t0=$(now)
  smtp-source -d -s 4 -m "$N" -F "$work/message.eml" -f nhacviec@haiphong.example -t so-tai-chinh@haiphong.example \
    127.0.0.1:$SMTP_PORT
  t1=$(now); smtp_base+=("$(rate "$N" "$t0" "$t1")")

  # HTTP, end to end
  fresh_db e2e
  t0=$(now); (cd "$work" && "$BIN" --config http.toml --db e2e.db deliver --now 2026-12-01T08:00 > /dev/null); t1=$(now)
  sent=$(deliveries e2e); http_e2e+=("$(rate "$sent" "$t0" "$t1")")
  # HTTP, delivery only: first offered to a closed port, then to nginx.
  fresh_db queued
  (cd "$work" && "$BIN" --config closed-http.toml --db queued.db deliver --now 2026-12-01T08:00 > /dev/null)
  sqlite3 "$work/queued.db" "UPDATE deliveries SET address = 'http://127.0.0.1:$HTTP_PORT/hook' WHERE channel = 'webhook'"
  t0=$(now); (cd "$work" && "$BIN" --config http.toml --db queued.db deliver --now 2026-12-01T08:05 > /dev/null); t1=$(now)
  sent=$(deliveries queued); http_delivery+=("$(rate "$sent" "$t0" "$t1")")
  # HTTP baseline
  base=$(wrk -t 2 -c 16 -d 5s -s "$work/post.lua" "http://127.0.0.1:$HTTP_PORT/hook" | awk '/Requests\/sec/ {print $2}')
  http_base+=("${base%.*}")
done

echo "runs (deliveries per second):"
echo "  smtp end to end:  ${smtp_e2e[*]}"
echo "  smtp delivery:    ${smtp_delivery[*]}"
echo "  smtp-source -d -s 4: ${smtp_base[*]}"
echo "  http end to end:  ${http_e2e[*]}"
echo "  http delivery:    ${http_delivery[*]}"
echo "  wrk -c 16:        ${http_base[*]}"
m() { median "$@"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
se=$(m "${smtp_e2e[@]}"); sd=$(m "${smtp_delivery[@]}"); sb=$(m "${smtp_base[@]}")
he=$(m "${http_e2e[@]}"); hd=$(m "${http_delivery[@]}"); hb=$(m "${http_base[@]}")
echo "medians:"
echo "  SMTP: end to end $se/s ($(ratio "$se" "$sb") of baseline), delivery $sd/s ($(ratio "$sd" "$sb")), smtp-source $sb/s"
echo "  HTTP: end to end $he/s ($(ratio "$he" "$hb") of baseline), delivery $hd/s ($(ratio "$hd" "$hb")), wrk $hb/s"
