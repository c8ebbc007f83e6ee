#!/usr/bin/env bash
# Full analytics recompute, vsoko against pandas (issue 5 "Measured", docs/BENCHMARKS.md):
#
#   ./scripts/bench-recompute.sh                 # builds release (cargo build --release -p vsoko)
#   VSOKO_BIN=/path/to/vsoko ./scripts/bench-recompute.sh   # builds nothing
#
# For two schools — the demo (`vsoko demo --build-only`) and the scaled demo
# (`--scale $BENCH_SCALE`, about 1,000 pupils) — on each backend of $BENCH_BACKENDS
# (SQLite files kept in $OUT between runs; PostgreSQL scratch databases vsoko_bench_demo,
# vsoko_bench_scaled made with createdb and dropped at the end):
#   1. `vsoko analyze school --json`: the whole recompute (bulk load + every metric), one
#      warm-up run, then $BENCH_RUNS runs under `/usr/bin/time -v` (wall time, max RSS);
#   2. `vsoko export analytics-data` of the same school;
#   3. `scripts/bench/recompute_pandas.py compute` on that export, timed the same way
#      (whole process: interpreter start, imports, CSV reading, every metric, JSON out);
#   4. `recompute_pandas.py compare`: vsoko's JSON against pandas' (stops on a mismatch).
# Prints a Markdown table (also $OUT/report.md) with the medians of the runs; ratio =
# pandas median wall / vsoko median wall, both whole processes. vsoko reads the database,
# pandas reads CSV files already exported (the export is not timed), so pandas is spared
# the database read. The "inside" columns are each program's own clock around its work
# (vsoko: load + compute; pandas: read CSVs + compute), without process start and imports.
#
# Environment: VSOKO_BIN, BENCH_OUT (/tmp/vsoko-bench-recompute), BENCH_RUNS (5),
# BENCH_SCALE (1.4), BENCH_BACKENDS ("sqlite"; add postgres), BENCH_PG_HOST (127.0.0.1),
# BENCH_PG_USER (postgres), PYTHON (python3 with pandas and scipy: pip install pandas scipy).
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
BACKENDS="${BENCH_BACKENDS:-sqlite}"
PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
PG_USER="${BENCH_PG_USER:-postgres}"

[ -x "$BIN" ] || { echo "no vsoko binary at $BIN" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed for -v" >&2; exit 1; }
"$PY" -c 'import pandas, scipy' || { echo "$PY needs pandas and scipy (pip install pandas scipy)" >&2; exit 1; }
export VSOKO_LOG="${VSOKO_LOG:-error}"
mkdir -p "$OUT"
: >"$OUT/details.txt"

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
  echo "| backend | school | pupils | procedures | quality rows | vsoko s (median of $RUNS) | vsoko inside s | vsoko max RSS MB | pandas s (median of $RUNS) | pandas inside s | pandas max RSS MB | ratio pandas/vsoko | outputs agree |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$REPORT"

for backend in $BACKENDS; do
for school in demo scaled; do
  case "$backend" in
    sqlite)
      # kept between runs (delete to rebuild); the scaled one per scale
      db_file="$OUT/$school.db"
      [ "$school" = scaled ] && db_file="$OUT/scaled-$SCALE.db"
      DB="sqlite://$db_file"
      fresh=$([ -e "$db_file" ] && echo no || echo yes)
      ;;
    postgres)
      dropdb -h "$PG_HOST" -U "$PG_USER" --if-exists "vsoko_bench_$school"
      createdb -h "$PG_HOST" -U "$PG_USER" "vsoko_bench_$school"
      DB="postgres://$PG_USER@$PG_HOST:5432/vsoko_bench_$school"
      fresh=yes
      ;;
    *) echo "unknown backend $backend" >&2; exit 1 ;;
  esac
  tag="$backend-$school"
  if [ "$fresh" = yes ]; then
    args=(demo --build-only)
    [ "$school" = scaled ] && args+=(--scale "$SCALE")
    "$BIN" --db "$DB" "${args[@]}" >"$OUT/$tag-build.out" 2>&1
    # A freshly bulk-loaded PostgreSQL database has no statistics and its visibility map is
    # unset until autovacuum gets to it, which it may do in the middle of the timed runs:
    # settle it first, as a DBA would after a bulk load.
    if [ "$backend" = postgres ]; then
      psql -X -q -h "$PG_HOST" -U "$PG_USER" -d "vsoko_bench_$school" -c 'VACUUM ANALYZE'
    fi
  fi
  log="$OUT/$tag-vsoko"
  rm -f "$log.times" "$log.inside"
  "$BIN" --db "$DB" analyze school --json >"$OUT/$tag-vsoko.json" 2>"$log.err"  # warm-up
  for _ in $(seq "$RUNS"); do
    timed "$log" -- "$BIN" --db "$DB" analyze school --json >"$OUT/$tag-vsoko.json" 2>"$log.err"
    sed -n 's/.*total \([0-9.]*\) s.*/\1/p' "$log.err" >>"$log.inside"
  done
  counts=$(cat "$log.err")
  rm -rf "$OUT/$tag-export"
  "$BIN" --db "$DB" export analytics-data --dir "$OUT/$tag-export" >"$OUT/$tag-export.out"
  plog="$OUT/$tag-pandas"
  rm -f "$plog.times" "$plog.inside"
  for _ in $(seq "$RUNS"); do
    timed "$plog" -- "$PY" "$PANDAS" compute --dir "$OUT/$tag-export" --out "$OUT/$tag-pandas.json" 2>"$plog.err"
    sed -n 's/.*read + compute \([0-9.]*\) s.*/\1/p' "$plog.err" >>"$plog.inside"
  done
  if "$PY" "$PANDAS" compare "$OUT/$tag-vsoko.json" "$OUT/$tag-pandas.json" >"$OUT/$tag-compare.out" 2>&1; then
    agree=yes
    echo "  $tag: $(cat "$OUT/$tag-compare.out")" >>"$OUT/details.txt"
  else
    cat "$OUT/$tag-compare.out" >&2
    echo "vsoko and pandas disagree on $tag: see $OUT/$tag-compare.out" >&2
    exit 1
  fi
  pupils=$(echo "$counts" | sed -n 's/.*: \([0-9]*\) pupils,.*/\1/p')
  procedures=$(echo "$counts" | sed -n 's/.* \([0-9]*\) procedures (.*/\1/p')
  qrows=$(echo "$counts" | sed -n 's/.* \([0-9]*\) quality rows;.*/\1/p')
  vs=$(awk '{ print $1 }' "$log.times" | median)
  vi=$(median <"$log.inside")
  vm=$(awk '{ print $2 }' "$log.times" | sort -g | tail -1)
  ps=$(awk '{ print $1 }' "$plog.times" | median)
  pi=$(median <"$plog.inside")
  pm=$(awk '{ print $2 }' "$plog.times" | sort -g | tail -1)
  ratio=$(awk -v a="$ps" -v b="$vs" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "n/a" }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %.0f | %s | %s | %.0f | %s | %s |\n' "$backend" "$school" "$pupils" \
    "$procedures" "$qrows" "$vs" "$vi" "$(( vm / 1024 ))" "$ps" "$pi" "$(( pm / 1024 ))" "$ratio" "$agree" | tee -a "$REPORT"
  echo "  $tag vsoko: $counts" | tee -a "$OUT/details.txt"
  if [ "$backend" = postgres ]; then
    dropdb -h "$PG_HOST" -U "$PG_USER" --if-exists "vsoko_bench_$school"
  fi
done
done

echo
echo "vsoko: $BIN ($("$BIN" --version)); $(uname -srm); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "Report: $REPORT; counts and comparisons: $OUT/details.txt"
