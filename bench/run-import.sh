#!/usr/bin/env bash
# bench/run-import.sh: the import of the same plan as text, as a Word
# document and as an Excel workbook, timed, and the three imports compared.
#
#   bench/run-import.sh [BUILD_DIR]     (default: build;
#                                        SIZES="51 10000 100000" REPS=5
#                                        WORK=/tmp/nhacviec-import
#                                        REUSE=1: keep the plan files an
#                                        earlier run wrote in WORK)
#
# For each size, bench/gen-office-plan.py writes the plan of
# `bench/gen-plan.py --tasks N` as plan.txt, plan.docx and plan.xlsx. Each
# file is imported REPS times, each time into a fresh database, with
# `/usr/bin/time -v` (elapsed, peak resident memory); the table gives the
# median and the minimum of the elapsed times and the largest peak. After the
# last import of each file `nhacviec tasks --json --as-of 2026-06-30` is
# written, and the .docx and .xlsx lists are compared with the text's, task
# by task and field by field ("same": every task equal; otherwise the first
# difference). An import that is refused is reported with its message (the
# first line), and the other formats go on.
#
# Prints a Markdown table (format, file bytes, tasks, elapsed median and min,
# peak RSS, warnings, same tasks as the text) and keeps everything in WORK.
# Needs: /usr/bin/time, python3-docx and python3-openpyxl (Debian's python3).
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=$PWD
BUILD=${1:-build}
BIN=$PWD/$BUILD/nhacviec
SIZES=${SIZES:-"51 10000 100000"}
REPS=${REPS:-5}
WORK=${WORK:-/tmp/nhacviec-import}
PYTHON=${PYTHON:-/usr/bin/python3}
AS_OF=2026-06-30

[ -x "$BIN" ] || { echo "run-import.sh: no $BIN; build first" >&2; exit 1; }
mkdir -p "$WORK"

# time_field NAME FILE: a field of /usr/bin/time -v's output.
time_field() { sed -n "s/^\s*$1: //p" "$2"; }
# seconds "h:mm:ss" or "m:ss.cc" → seconds.
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'; }

echo "| tasks | format | file bytes | tasks imported | elapsed median s | elapsed min s | peak RSS MiB | warnings | same tasks as text |"
echo "|---|---|---|---|---|---|---|---|---|"
for size in $SIZES; do
  dir=$WORK/$size
  mkdir -p "$dir"
  if [ "${REUSE:-0}" = 1 ] && [ -s "$dir/plan.xlsx" ]; then
    echo "$size tasks: the plan files of an earlier run in $dir" >&2
  else
    start=$(date +%s)
    "$PYTHON" "$SOURCE/bench/gen-office-plan.py" --tasks "$size" --out "$dir"
    echo "$size tasks: plan.txt, plan.docx, plan.xlsx written in $(( $(date +%s) - start )) s" >&2
  fi
  for format in txt docx xlsx; do
    plan=$dir/plan.$format
    elapsed=()
    peak=0
    refused=""
    for rep in $(seq 1 "$REPS"); do
      db=$dir/$format.db
      rm -f "$db" "$db"-*
      if ! /usr/bin/time -v -o "$dir/$format-$rep.time" "$BIN" --db "$db" import "$plan" \
          > "$dir/$format.out" 2> "$dir/$format.err"; then
        refused=$(grep -m1 '^nhacviec:' "$dir/$format.err" || head -1 "$dir/$format.err")
        break
      fi
      elapsed+=("$(time_field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$dir/$format-$rep.time" | seconds)")
      rss=$(time_field 'Maximum resident set size (kbytes)' "$dir/$format-$rep.time")
      [ "$rss" -gt "$peak" ] && peak=$rss
    done
    bytes=$(stat -c %s "$plan")
    if [ -n "$refused" ]; then
      echo "| $size | $format | $bytes | refused: ${refused//|/\\|} | | | | | |"
      continue
    fi
    "$BIN" --db "$db" tasks --json --as-of "$AS_OF" > "$dir/tasks-$format.json"
    warnings=$(grep -c '^warning:' "$dir/$format.err" || true)
    same=$("$PYTHON" - "$dir/tasks-txt.json" "$dir/tasks-$format.json" <<'EOF'
import json, sys
def tasks(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return None
    return data["tasks"] if isinstance(data, dict) and "tasks" in data else data
text, other = tasks(sys.argv[1]), tasks(sys.argv[2])
if text is None:
    print("no text import to compare")
elif text == other:
    print("same (%d)" % len(text))
elif len(text) != len(other):
    print("DIFFERENT: %d tasks, text %d" % (len(other), len(text)))
else:
    k = next(k for k in range(len(text)) if text[k] != other[k])
    fields = sorted(f for f in set(text[k]) | set(other[k]) if text[k].get(f) != other[k].get(f))
    print("DIFFERENT: task %d (%s): %s" % (k + 1, text[k].get("code", text[k].get("id", "?")), ", ".join(fields)))
EOF
)
    tasks=$("$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["tasks"] if isinstance(d, dict) else d))' \
      "$dir/tasks-$format.json")
    stats=$(printf '%s\n' "${elapsed[@]}" | sort -n | awk '{ v[NR] = $1 } END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f", m, v[1] }')
    echo "| $size | $format | $bytes | $tasks | ${stats% *} | ${stats#* } | $(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }') | $warnings | $same |"
  done
done
