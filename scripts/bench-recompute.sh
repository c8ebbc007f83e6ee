#!/usr/bin/env bash
# Full analytics recompute, vsoko against pandas (issue 5 "Measured", docs/BENCHMARKS.md):
#
#   ./scripts/bench-recompute.sh                 # builds release (cargo build --release -p vsoko)
#   VSOKO_BIN=/path/to/vsoko ./scripts/bench-recompute.sh   # builds nothing
#
# For two schools — the demo (`vsoko demo --build-only`) and the scaled demo
# (`--scale $BENCH_SCALE`, about 1,000 pupils) — on SQLite:
#   1. `vsoko analyze school --json`: the whole recompute (bulk load + every metric), one
#      warm-up run, then $BENCH_RUNS runs under `/usr/bin/time -v` (wall time, max RSS);
#   2. `vsoko export analytics-data` of the same school;
#   3. `scripts/bench/recompute_pandas.py compute` on that export, timed the same way
#      (whole process: interpreter start, imports, CSV reading, every metric, JSON out);
#   4. `recompute_pandas.py compare`: vsoko's JSON against pandas' (stops on a mismatch).
# Prints a Markdown table (also $OUT/report.md) with the medians of the runs; ratio =
# pandas median wall / vsoko median wall. vsoko reads the database, pandas reads CSV files
# already exported (the export is not timed), so pandas is spared the database read.
#
# Environment: VSOKO_BIN, BENCH_OUT (/tmp/vsoko-bench-recompute), BENCH_RUNS (5),
# BENCH_SCALE (1.4), PYTHON (python3 with pandas and scipy: pip install pandas scipy).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
if [ -z "${VSOKO_BIN:-}" ]; then
  cargo build --release -p vsoko
  BIN="$TARGET_DIR/release/vsoko"
else
  BIN="$VSOKO_BIN"
fi
OUT="${BENCH_OUT:-/tmp/vsoko-bench-recompute}"
RUNS="${BENCH_RUNS:-5}"
SCALE="${BENCH_SCALE:-1.4}"
PY="${PYTHON:-python3}"
PANDAS=scripts/bench/recompute_pandas.py

[ -x "$BIN" ] || { echo "no vsoko binary at $BIN" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed for -v" >&2; exit 1; }
"$PY" -c 'import pandas, scipy' || { echo "$PY needs pandas and scipy (pip install pandas scipy)" >&2; exit 1; }
export VSOKO_LOG="${VSOKO_LOG:-error}"
mkdir -p "$OUT"

# median of numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# timed LOG -- command…: runs under /usr/bin/time -v (max RSS), wall time from the clock
# around it (ms resolution); appends "wall_s rss_kib" to LOG.times
timed() {
  local log="$1"
  shift 2
  local start end wall rss
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$log.time" "$@"
  end=$(date +%s.%N)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log.time")
  echo "$wall $rss" >>"$log.times"
}

REPORT="$OUT/report.md"
{
  echo "| school | pupils | procedures | quality rows | vsoko s (median of $RUNS) | vsoko max RSS MB | pandas s (median of $RUNS) | pandas max RSS MB | ratio pandas/vsoko | outputs agree |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$REPORT"

for school in demo scaled; do
  db_file="$OUT/$school.db"
  DB="sqlite://$db_file"
  if [ ! -e "$db_file" ]; then
    args=(demo --build-only)
    [ "$school" = scaled ] && args+=(--scale "$SCALE")
    "$BIN" --db "$DB" "${args[@]}" >"$OUT/$school-build.out" 2>&1
  fi
  log="$OUT/$school-vsoko"
  rm -f "$log.times"
  "$BIN" --db "$DB" analyze school --json >"$OUT/$school-vsoko.json" 2>"$log.err"  # warm-up
  for _ in $(seq "$RUNS"); do
    timed "$log" -- "$BIN" --db "$DB" analyze school --json >"$OUT/$school-vsoko.json" 2>"$log.err"
  done
  counts=$(cat "$log.err")
  rm -rf "$OUT/$school-export"
  "$BIN" --db "$DB" export analytics-data --dir "$OUT/$school-export" >"$OUT/$school-export.out"
  plog="$OUT/$school-pandas"
  rm -f "$plog.times"
  for _ in $(seq "$RUNS"); do
    timed "$plog" -- "$PY" "$PANDAS" compute --dir "$OUT/$school-export" --out "$OUT/$school-pandas.json" 2>"$plog.err"
  done
  if "$PY" "$PANDAS" compare "$OUT/$school-vsoko.json" "$OUT/$school-pandas.json" >"$OUT/$school-compare.out" 2>&1; then
    agree="yes ($(sed 's/^vsoko and pandas agree: //' "$OUT/$school-compare.out"))"
  else
    cat "$OUT/$school-compare.out" >&2
    echo "vsoko and pandas disagree on $school: see $OUT/$school-compare.out" >&2
    exit 1
  fi
  pupils=$(echo "$counts" | sed -n 's/.*: \([0-9]*\) pupils,.*/\1/p')
  procedures=$(echo "$counts" | sed -n 's/.* \([0-9]*\) procedures (.*/\1/p')
  qrows=$(echo "$counts" | sed -n 's/.* \([0-9]*\) quality rows;.*/\1/p')
  vs=$(awk '{ print $1 }' "$log.times" | median)
  vm=$(awk '{ print $2 }' "$log.times" | sort -g | tail -1)
  ps=$(awk '{ print $1 }' "$plog.times" | median)
  pm=$(awk '{ print $2 }' "$plog.times" | sort -g | tail -1)
  ratio=$(awk -v a="$ps" -v b="$vs" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "n/a" }')
  printf '| %s | %s | %s | %s | %s | %.0f | %s | %.0f | %s | %s |\n' "$school" "$pupils" "$procedures" "$qrows" \
    "$vs" "$(( vm / 1024 ))" "$ps" "$(( pm / 1024 ))" "$ratio" "$agree" | tee -a "$REPORT"
  echo "  vsoko: $counts" | tee -a "$OUT/details.txt"
done

echo
echo "vsoko: $BIN ($("$BIN" --version)); $(uname -srm); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "Report: $REPORT"
