#!/usr/bin/env bash
# Import benchmark of the assessment importers (issue 4, docs/BENCHMARKS.md):
#
#   cargo build --release -p vsoko
#   VSOKO_BIN=target/release/vsoko ./scripts/bench-assessment.sh
#
# Builds nothing. Generates (scripts/bench/gen_assessment_files.py, Python 3 + openpyxl)
#   - a ФИС ОКО "Индивидуальные результаты" XLSX, ВПР 2026 Русский язык 4 класс, 10,000 rows;
#   - a РЦОИ ГИА protocol, ОГЭ 2024 математика, 50,000 rows, as CSV and as XLSX;
# then for each backend (SQLite file, PostgreSQL scratch database `vsoko_bench`) creates a
# fresh demo database (`vsoko demo --build-only`) and runs for each file
#   1. import --dry-run   (everything checked and written in a transaction that is rolled back)
#   2. import             (applied)
#   3. import again       (the same file: nothing changes)
# each under `/usr/bin/time -v`, and prints a Markdown table of wall time, CPU time of the
# vsoko process (user + system; without the PostgreSQL server's) and max RSS (also written
# to $OUT/report.md). On a shared machine compare CPU times: wall time includes waiting.
#
# Environment: VSOKO_BIN (default $CARGO_TARGET_DIR/release/vsoko), BENCH_OUT (/tmp/vsoko-bench-assessment),
# BENCH_VPR_ROWS (10000), BENCH_GIA_ROWS (50000), BENCH_BACKENDS ("sqlite postgres"),
# BENCH_PG_HOST (127.0.0.1), BENCH_PG_USER (postgres).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
BIN="${VSOKO_BIN:-$TARGET_DIR/release/vsoko}"
OUT="${BENCH_OUT:-/tmp/vsoko-bench-assessment}"
VPR_ROWS="${BENCH_VPR_ROWS:-10000}"
GIA_ROWS="${BENCH_GIA_ROWS:-50000}"
BACKENDS="${BENCH_BACKENDS:-sqlite postgres}"
PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
PG_USER="${BENCH_PG_USER:-postgres}"
PG_DB=vsoko_bench

[ -x "$BIN" ] || { echo "no vsoko binary at $BIN (cargo build --release -p vsoko, or set VSOKO_BIN)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed for -v" >&2; exit 1; }
export VSOKO_LOG="${VSOKO_LOG:-error}"

mkdir -p "$OUT"
# The files are deterministic: generated once per size (delete $OUT/files to regenerate).
STAMP="$OUT/files/rows-$VPR_ROWS-$GIA_ROWS"
if [ ! -e "$STAMP" ]; then
  rm -rf "$OUT/files"
  python3 scripts/bench/gen_assessment_files.py "$OUT/files" --vpr-rows "$VPR_ROWS" --gia-rows "$GIA_ROWS"
  touch "$STAMP"
fi

REPORT="$OUT/report.md"
{
  echo "| backend | file | rows | run | wall | CPU (user+sys) | max RSS | result |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$REPORT"

# run LABEL BACKEND FILE_LABEL ROWS -- vsoko args…
run() {
  local label="$1" backend="$2" file="$3" rows="$4"
  shift 5
  local log="$OUT/$backend-$file-$label"
  local rc=0
  /usr/bin/time -v -o "$log.time" "$BIN" "$@" >"$log.out" 2>"$log.err" || rc=$?
  local wall cpu rss result
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log.time")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f s", s }' "$log.time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log.time")
  if [ "$rc" -eq 0 ]; then
    result=$(grep -E '^(applied|dry run)' "$log.out" | sed 's/, linked to pupils.*//' | tail -1)
  else
    result="exit $rc: $(head -c 300 "$log.err" | tr '\n' ' ')"
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s MiB | %s |\n' "$backend" "$file" "$rows" "$label" "$wall" \
    "$cpu" "$(( ${rss:-0} / 1024 ))" "$result" | tee -a "$REPORT"
}

for backend in $BACKENDS; do
  case "$backend" in
    sqlite)
      rm -f "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm"
      DB="sqlite://$OUT/bench.db"
      ;;
    postgres)
      dropdb -h "$PG_HOST" -U "$PG_USER" --if-exists "$PG_DB"
      createdb -h "$PG_HOST" -U "$PG_USER" "$PG_DB"
      DB="postgres://$PG_USER@$PG_HOST:5432/$PG_DB"
      ;;
    *) echo "unknown backend $backend" >&2; exit 1 ;;
  esac
  "$BIN" --db "$DB" demo --build-only >"$OUT/$backend-demo.out" 2>&1
  SCHOOL=$(grep -oE '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' "$OUT/$backend-demo.out" | head -1)
  [ -n "$SCHOOL" ] || { echo "no demo school id in $OUT/$backend-demo.out" >&2; exit 1; }

  VPR=(--db "$DB" import assessment "$OUT/files/vpr_rus_4.xlsx" --kind vpr --school "$SCHOOL")
  run "dry run" "$backend" "ФИС ОКО xlsx" "$VPR_ROWS" -- "${VPR[@]}" --dry-run
  run "apply" "$backend" "ФИС ОКО xlsx" "$VPR_ROWS" -- "${VPR[@]}"
  run "re-import" "$backend" "ФИС ОКО xlsx" "$VPR_ROWS" -- "${VPR[@]}"

  # The same protocol saved as XLSX imports into the same procedure (same kind, year,
  # subject, grade) and, with the same rows, changes nothing: the XLSX reader's cost.
  GIA=(--db "$DB" import assessment "$OUT/files/oge_math_9.csv" --kind gia --school "$SCHOOL" --subject Математика --year 2024)
  run "dry run" "$backend" "РЦОИ csv" "$GIA_ROWS" -- "${GIA[@]}" --dry-run
  run "apply" "$backend" "РЦОИ csv" "$GIA_ROWS" -- "${GIA[@]}"
  run "re-import" "$backend" "РЦОИ csv" "$GIA_ROWS" -- "${GIA[@]}"
  GIAX=(--db "$DB" import assessment "$OUT/files/oge_math_9.xlsx" --kind gia --school "$SCHOOL" --subject Математика --year 2024)
  run "re-import" "$backend" "РЦОИ xlsx" "$GIA_ROWS" -- "${GIAX[@]}"

  if [ "$backend" = postgres ]; then
    dropdb -h "$PG_HOST" -U "$PG_USER" --if-exists "$PG_DB"
  fi
done

echo
echo "Report: $REPORT"
