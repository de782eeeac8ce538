#!/usr/bin/env bash
# run-schedule.sh: the schedule benchmark of bench/RESULTS.md, in one run.
#
#   bench/run-schedule.sh                 # everything, about 10 minutes on 2 cores
#   PERF=1 bench/run-schedule.sh          # also profile import and schedule with perf
#
# Installs remind and GNU time when missing (apt), builds Release into
# build-bench/, generates synthetic plans (bench/gen-plan.py), and measures:
#   - nhacviec import (wall time, peak RSS via /usr/bin/time -v),
#   - nhacviec_bench: plan-state load, the schedule for a 5-year window
#     (min and median of REPS), notifications per kind, peak RSS,
#   - the peer, remind(1), computing the same reminders from the same rules
#     (nhacviec_bench --write-remind) over the same windows with -s (every
#     day of the range, all reminders), its time, peak RSS and output count,
#     compared line by line with nhacviec's events (--dump-events).
# remind re-evaluates every REM line for every day, so 100,000 tasks over 5
# years would take about an hour: it runs on REMIND_TASKS tasks over 1 and 5
# years, and the summary extrapolates linearly in REM lines.
#
# Every step is bounded by timeout(1). Artefacts and logs go to $WORK
# (default /tmp/nhacviec-bench), commands to $WORK/commands.txt, numbers to
# $WORK/summary.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/nhacviec-bench}
BUILD=${BUILD:-$ROOT/build-bench}
TASKS=${TASKS:-100000}             # the main size
SMALL=${SMALL:-10000}              # the scale point
REMIND_TASKS=${REMIND_TASKS:-10000} # the size remind runs at, over 1 and 5 years
SEED=${SEED:-1}
REPS=${REPS:-5}
PERF=${PERF:-0}
FROM=2026-03-20
TO=2031-03-19    # 5 years
TO1=2027-03-19   # 1 year
SEED_PLAN=$ROOT/config/plans/hai-phong-90-KH-UBND-2026.txt

mkdir -p "$WORK"
exec 3>&2  # the commands are echoed here, past the steps' own redirections
: > "$WORK/commands.txt"
: > "$WORK/summary.txt"
START=$(date +%s)

log() { printf '%s\n' "$*" | tee -a "$WORK/summary.txt"; }
# run LIMIT CMD...: prints and records the command, runs it under timeout.
run() {
    local limit=$1
    shift
    printf '%q ' "$@" | sed 's/ $//' >> "$WORK/commands.txt"
    echo >> "$WORK/commands.txt"
    echo "+ $*" >&3
    timeout --kill-after=10 "$limit" "$@"
}
# value KEY FILE: the value of a "key value" line.
value() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print; exit }' "$2"; }
# gnu_time FIELD FILE: a field of /usr/bin/time -v output.
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
user_s() { awk -F': ' '/User time/ { print $2 }' "$1"; }
maxrss_kib() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", a / b; else print "-" }'; }

# ---------------------------------------------------------------- tools
if ! command -v remind > /dev/null || [ ! -x /usr/bin/time ]; then
    if ! apt-cache show remind > /dev/null 2>&1; then run 300 apt-get update; fi
    run 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y remind time
fi

# ---------------------------------------------------------------- build
run 1800 cmake -B "$BUILD" -S "$ROOT" -DCMAKE_BUILD_TYPE=Release > "$WORK/cmake.log"
run 1800 cmake --build "$BUILD" -j2 --target nhacviec nhacviec_bench >> "$WORK/cmake.log"
NV=$BUILD/nhacviec
BENCH=$BUILD/nhacviec_bench
BUILT=$(date +%s)

# ---------------------------------------------------------------- machine
log "date $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "nproc $(nproc)"
log "cpu $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
log "memory_total_kib $(awk '/MemTotal/ { print $2 }' /proc/meminfo)"
log "kernel $(uname -r)"
log "compiler $(c++ --version | head -1)"
log "remind $(dpkg-query -W -f '${Version}' remind)"
log "sqlite $(dpkg-query -W -f '${Version}' libsqlite3-0 2>/dev/null || echo '?')"

# remind's simple calendar for the days [FROM, to]: weeks from the Monday of FROM's week (-m).
weeks_to() {
    local monday days
    monday=$(date -d "$FROM -$(( $(date -d "$FROM" +%u) - 1 )) days" +%F)
    days=$(( ( $(date -d "$1" +%s) - $(date -d "$monday" +%s) ) / 86400 + 1 ))
    echo $(( (days + 6) / 7 ))
}
W5=$(weeks_to "$TO")
W1=$(weeks_to "$TO1")

# remind_run NAME FILE WEEKS TO: runs remind over [FROM, TO], keeps the events of the window.
remind_run() {
    local name=$1 file=$2 weeks=$3 to=$4
    run 1500 /usr/bin/time -v -o "$WORK/$name.time" remind -m -s+"$weeks" "$file" "$FROM" \
        > "$WORK/$name.out" 2> "$WORK/$name.err"
    awk -v f="${FROM//-//}" -v t="${to//-//}" '$1 >= f && $1 <= t { print $1, $6, $7 }' "$WORK/$name.out" \
        | LC_ALL=C sort > "$WORK/$name.events"
    log "${name}_wall_s $(wall_s "$WORK/$name.time")"
    log "${name}_user_s $(user_s "$WORK/$name.time")"
    log "${name}_peak_rss_kib $(maxrss_kib "$WORK/$name.time")"
    log "${name}_days $(( weeks * 7 ))"
    log "${name}_reminders_in_window $(wc -l < "$WORK/$name.events")"
    log "${name}_stderr_lines $(wc -l < "$WORK/$name.err")"
}
# same_events NAME A B: whether two event lists are identical.
same_events() {
    if cmp -s "$2" "$3"; then
        log "${1}_identical yes ($(wc -l < "$2") events)"
    else
        log "${1}_identical NO: $(LC_ALL=C comm -23 "$2" "$3" | wc -l) only nhacviec, $(LC_ALL=C comm -13 "$2" "$3" | wc -l) only remind"
    fi
}

# ---------------------------------------------------------------- the seed: equivalence by hand-checkable size
rm -f "$WORK"/seed.db*
run 120 "$NV" --db "$WORK/seed.db" import "$SEED_PLAN" > /dev/null 2> "$WORK/seed-import.err"
run 120 "$BENCH" --db "$WORK/seed.db" --from "$FROM" --to "$TO" --reps 3 --dump-events "$WORK/seed.nv.events" \
    > "$WORK/seed.bench"
run 120 "$BENCH" --db "$WORK/seed.db" --from "$FROM" --to "$TO" --write-remind "$WORK/seed.rem" > "$WORK/seed.remind-write"
run 120 "$NV" --db "$WORK/seed.db" schedule --from "$FROM" --to "$TO" > "$WORK/seed.schedule.txt"
log "seed_notifications $(value notifications "$WORK/seed.bench")"
log "seed_events $(value events "$WORK/seed.bench")"
log "seed_rem_lines $(value remind_rem_lines "$WORK/seed.remind-write")"
remind_run seed_remind_5y "$WORK/seed.rem" "$W5" "$TO"
same_events seed_5y "$WORK/seed.nv.events" "$WORK/seed_remind_5y.events"

# ---------------------------------------------------------------- nhacviec at SMALL and TASKS tasks
for n in "$SMALL" "$TASKS"; do
    plan=$WORK/plan-$n.txt
    db=$WORK/plan-$n.db
    run 300 python3 "$ROOT/bench/gen-plan.py" --tasks "$n" --seed "$SEED" > "$plan"
    rm -f "$db" "$db"-*
    run 900 /usr/bin/time -v -o "$WORK/import-$n.time" "$NV" --db "$db" import "$plan" \
        > "$WORK/import-$n.out" 2> "$WORK/import-$n.err"
    log "tasks_$n plan_bytes $(stat -c %s "$plan")"
    log "import_${n}_wall_s $(wall_s "$WORK/import-$n.time")"
    log "import_${n}_peak_rss_kib $(maxrss_kib "$WORK/import-$n.time")"
    log "import_${n}_warnings_other_than_undetermined $(grep -v -c -e 'names no date' -e 'unrecognised deadline phrase' "$WORK/import-$n.err" || true)"
    run 600 "$BENCH" --db "$db" --from "$FROM" --to "$TO" --reps "$REPS" --phases > "$WORK/bench-$n-5y.txt"
    run 600 "$BENCH" --db "$db" --from "$FROM" --to "$TO1" --reps "$REPS" > "$WORK/bench-$n-1y.txt"
    run 600 "$BENCH" --db "$db" --from "$FROM" --to "$TO" --write-remind "$WORK/plan-$n.rem" > "$WORK/remind-write-$n.txt"
    for key in load_plan_state_ms load_total_ms rss_after_load_kib schedule_min_ms schedule_median_ms notifications \
               notifications_reminder notifications_review notifications_escalation notifications_digest events \
               peak_rss_kib items_capacity_bytes \
               rss_loaded_kib rss_without_stored_tasks_kib; do
        log "bench_${n}_5y_$key $(value "$key" "$WORK/bench-$n-5y.txt")"
    done
    for key in schedule_min_ms schedule_median_ms notifications events peak_rss_kib; do
        log "bench_${n}_1y_$key $(value "$key" "$WORK/bench-$n-1y.txt")"
    done
    log "remind_${n}_rem_lines $(value remind_rem_lines "$WORK/remind-write-$n.txt")"
done

# ---------------------------------------------------------------- remind at REMIND_TASKS tasks, 1 and 5 years
n=$REMIND_TASKS
db=$WORK/plan-$n.db
if [ ! -f "$db" ]; then
    run 300 python3 "$ROOT/bench/gen-plan.py" --tasks "$n" --seed "$SEED" > "$WORK/plan-$n.txt"
    run 900 "$NV" --db "$db" import "$WORK/plan-$n.txt" > /dev/null 2>&1
    run 600 "$BENCH" --db "$db" --from "$FROM" --to "$TO" --write-remind "$WORK/plan-$n.rem" > "$WORK/remind-write-$n.txt"
fi
run 600 "$BENCH" --db "$db" --from "$FROM" --to "$TO1" --reps 1 --dump-events "$WORK/nv-$n-1y.events" > /dev/null
run 600 "$BENCH" --db "$db" --from "$FROM" --to "$TO" --reps 1 --dump-events "$WORK/nv-$n-5y.events" > /dev/null
remind_run "remind_${n}_1y" "$WORK/plan-$n.rem" "$W1" "$TO1"
same_events "remind_${n}_1y" "$WORK/nv-$n-1y.events" "$WORK/remind_${n}_1y.events"
remind_run "remind_${n}_5y" "$WORK/plan-$n.rem" "$W5" "$TO"
same_events "remind_${n}_5y" "$WORK/nv-$n-5y.events" "$WORK/remind_${n}_5y.events"

# Calibration: remind with TASKS plain one-off reminders ("REM <date> MSG"), one a day round the year, for 1 year.
run 60 python3 -c 'import datetime, sys
start, n = datetime.date.fromisoformat(sys.argv[1]), int(sys.argv[2])
for i in range(n): print(f"REM {start + datetime.timedelta(days=i % 365)} MSG plain-{i}")' "$FROM" "$TASKS" \
    > "$WORK/plain-$TASKS.rem"
remind_run "remind_plain_${TASKS}_1y" "$WORK/plain-$TASKS.rem" "$W1" "$TO1"

# ---------------------------------------------------------------- profiles (PERF=1)
if [ "$PERF" = 1 ] && command -v perf > /dev/null; then
    load_ms=$(value load_total_ms "$WORK/bench-$TASKS-5y.txt")
    delay=$(awk -v l="$load_ms" 'BEGIN { printf "%d", l * 1.5 + 300 }')
    run 600 perf record -q -D "$delay" -o "$WORK/perf-schedule.data" "$BENCH" --db "$WORK/plan-$TASKS.db" \
        --from "$FROM" --to "$TO" --reps 5 > /dev/null 2>&1 || true
    perf report -i "$WORK/perf-schedule.data" --no-children --percent-limit 1 --stdio 2> /dev/null \
        | grep -E '^ +[0-9]' | sed -E 's/ +/ /g' | cut -c1-140 > "$WORK/perf-schedule.txt" || true
    rm -f "$WORK/perf-import.db"*
    run 900 perf record -q -F 250 --call-graph dwarf,16384 -o "$WORK/perf-import.data" "$NV" \
        --db "$WORK/perf-import.db" import "$WORK/plan-$TASKS.txt" > /dev/null 2>&1 || true
    perf report -i "$WORK/perf-import.data" --children --percent-limit 3 --stdio -g none 2> /dev/null \
        | grep -E '^ +[0-9]' | grep -v -E '_start|libc_start|0x0000' | sed -E 's/ +/ /g' | cut -c1-140 \
        > "$WORK/perf-import.txt" || true
    log "perf: $WORK/perf-schedule.txt $WORK/perf-import.txt"
fi

# ---------------------------------------------------------------- summary
b=$WORK/bench-$TASKS-5y.txt
sched_ms=$(value schedule_min_ms "$b")
sched_median_ms=$(value schedule_median_ms "$b")
peak=$(value peak_rss_kib "$b")
r5=$(wall_s "$WORK/remind_${REMIND_TASKS}_5y.time")
r1=$(wall_s "$WORK/remind_${REMIND_TASKS}_1y.time")
lines_small=$(value remind_rem_lines "$WORK/remind-write-$REMIND_TASKS.txt")
lines_big=$(value remind_rem_lines "$WORK/remind-write-$TASKS.txt")
# remind re-reads every REM line for every day: time = lines x days x cost. Scale the 5-year run by the lines.
r5_big=$(awk -v t="$r5" -v a="$lines_small" -v b="$lines_big" 'BEGIN { printf "%.0f", t * b / a }')
nv_small_5y=$(value schedule_min_ms "$WORK/bench-$REMIND_TASKS-5y.txt")
nv_small_1y=$(value schedule_min_ms "$WORK/bench-$REMIND_TASKS-1y.txt")
log ""
log "== summary"
log "import $TASKS tasks: $(wall_s "$WORK/import-$TASKS.time") s, peak RSS $(mib "$(maxrss_kib "$WORK/import-$TASKS.time")") MiB"
log "load $TASKS tasks: $(value load_total_ms "$b") ms (plan state $(value load_plan_state_ms "$b") ms)"
log "schedule $TASKS tasks, $FROM..$TO: min $sched_ms ms, median $sched_median_ms ms, $(value notifications "$b") notifications ($(value events "$b") events), peak RSS $(mib "$peak") MiB"
log "load + schedule (what a schedule command costs before printing): $(awk -v a="$(value load_total_ms "$b")" -v b="$sched_ms" 'BEGIN { printf "%.0f", a + b }') ms"
log "target <1000 ms: $(awk -v t="$sched_median_ms" 'BEGIN { print (t < 1000 ? "met" : "MISSED") }') (median); target <300 MiB: $(awk -v k="$peak" 'BEGIN { print (k < 300 * 1024 ? "met" : "MISSED") }')"
log "remind $REMIND_TASKS tasks: 1 year $r1 s, 5 years $r5 s (nhacviec: $nv_small_1y ms, $nv_small_5y ms)"
log "ratio at $REMIND_TASKS tasks, 5 years: remind/nhacviec = $(ratio "$(awk -v s="$r5" 'BEGIN { print s * 1000 }')" "$nv_small_5y")"
log "remind $TASKS tasks, 5 years, extrapolated ($lines_big / $lines_small REM lines): ~$r5_big s; ratio to nhacviec ~$(ratio "$(awk -v s="$r5_big" 'BEGIN { print s * 1000 }')" "$sched_ms") (schedule), ~$(ratio "$(awk -v s="$r5_big" 'BEGIN { print s * 1000 }')" "$(awk -v a="$(value load_total_ms "$b")" -v b="$sched_ms" 'BEGIN { print a + b }')") (load + schedule)"
log "remind calibration, $TASKS plain reminders, 1 year: $(wall_s "$WORK/remind_plain_${TASKS}_1y.time") s"
log "elapsed: build $(( BUILT - START )) s, benchmark $(( $(date +%s) - BUILT )) s"
