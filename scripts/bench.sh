#!/usr/bin/env bash
# Load smoke benchmark of the vsoko web server with wrk (Debian package `wrk`).
#
#   ./scripts/bench.sh
#
# Builds the release binary, starts `vsoko demo` on a fresh SQLite file, logs in
# as teacher/demo with curl and runs three wrk runs (-t2 -c32 -d20s --latency):
#   1. GET /healthz
#   2. GET /  with the teacher's session cookie; the teacher's first journal page
#      (current quarter of the demo half-year); the parent's diary week (kept in memory
#      after the first view, see docs/BENCHMARKS.md); the same diary week from a second
#      server on the same database file started with --no-cache (every request read
#      from the database)
#   3. POST /login rotating through the nine demo logins (scripts/wrk/login.lua);
#      each is a full argon2id verification (the server throttles only failed
#      attempts, so correct logins answer 303); the status histogram is reported.
# Prints a Markdown report (also written to target/bench/report.md).
#
# wrk suffers from coordinated omission: use the numbers as a regression smoke,
# not as real tail latency. On 2 cores, server and wrk share the CPU.
#
# Environment: BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_DURATION (20s),
# BENCH_PORT (18090), VSOKO_BIN (use this binary instead of building), CARGO_TARGET_DIR.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
DURATION="${BENCH_DURATION:-20s}"
PORT="${BENCH_PORT:-18090}"
BASE="http://127.0.0.1:$PORT"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
OUT="$TARGET_DIR/bench"
WRK=(wrk "-t$THREADS" "-c$CONNECTIONS" "-d$DURATION" --latency)

fail() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

command -v wrk >/dev/null || fail "wrk not found (Debian: apt-get install wrk)"
command -v curl >/dev/null || fail "curl not found"

mkdir -p "$OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/vsoko-bench.XXXXXX")
SERVER_PID=""
cleanup() {
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT

# ---------------------------------------------------------------- build and start

if [[ -n ${VSOKO_BIN:-} ]]; then
    VSOKO=$VSOKO_BIN
else
    echo "== cargo build --release -p vsoko" >&2
    cargo build --release -p vsoko --locked
    VSOKO="$TARGET_DIR/release/vsoko"
fi
[[ -x $VSOKO ]] || fail "vsoko binary not found at $VSOKO"

if curl -fsS --max-time 2 "$BASE/healthz" >/dev/null 2>&1; then
    fail "something is already serving $BASE; stop it first"
fi

LOG="$OUT/server.log"
echo "== starting $VSOKO demo --db sqlite://$TMP/bench.db --listen 127.0.0.1:$PORT (log: $LOG)" >&2
RUST_LOG="${RUST_LOG:-warn}" "$VSOKO" demo --db "sqlite://$TMP/bench.db" --listen "127.0.0.1:$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!

for ((i = 0; i < 120; i++)); do
    curl -fsS --max-time 2 "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG" >&2; fail "server exited during startup (log above)"; }
    sleep 1
done
curl -fsS --max-time 2 "$BASE/healthz" >/dev/null 2>&1 || { cat "$LOG" >&2; fail "server did not answer /healthz within 120 s"; }

# ---------------------------------------------------------------- session cookie

headers=$(curl -sS -o /dev/null -D - --max-time 30 \
    -H "Origin: $BASE" \
    --data-urlencode login=teacher --data-urlencode password=demo \
    "$BASE/login")
# Set-Cookie: vsoko_session=VALUE; ...   (also accepts a __Host- / __Secure- prefix)
COOKIE=$(printf '%s\n' "$headers" | tr -d '\r' |
    sed -n -E 's/^[Ss]et-[Cc]ookie:[[:space:]]*((__Host-|__Secure-)?vsoko_session=[^;]*).*/\1/p' | head -n1)
if [[ -z $COOKIE ]]; then
    printf '%s\n' "$headers" >&2
    fail "POST /login as teacher/demo did not set a vsoko_session cookie (response headers above)"
fi
home_status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/")
[[ $home_status == 200 ]] || fail "GET / with the teacher's cookie returned $home_status, expected 200"

# The teacher's first journal (class and subject from the API) and the parent's diary.
JOURNAL=$(curl -sS -H "Cookie: $COOKIE" "$BASE/api/v1/assignments?mine=true" |
    python3 -c 'import json,sys; a=json.load(sys.stdin)[0]; print("/journal/" + a["class_id"] + "/" + a["subject_id"])')
parent_headers=$(curl -sS -o /dev/null -D - --max-time 30 -H "Origin: $BASE" \
    --data-urlencode login=parent --data-urlencode password=demo "$BASE/login")
PARENT_COOKIE=$(printf '%s\n' "$parent_headers" | tr -d '\r' |
    sed -n -E 's/^[Ss]et-[Cc]ookie:[[:space:]]*((__Host-|__Secure-)?vsoko_session=[^;]*).*/\1/p' | head -n1)
for page in "$JOURNAL" /diary; do
    c=$COOKIE
    [[ $page == /diary ]] && c=$PARENT_COOKIE
    st=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $c" "$BASE$page")
    [[ $st == 200 ]] || fail "GET $page returned $st, expected 200"
done

# ---------------------------------------------------------------- runs

# run NAME ARGS...: runs wrk, keeps its output in $OUT/wrk-NAME.txt
run() {
    local name=$1
    shift
    echo "== wrk ${WRK[*]:1} $*" >&2
    "${WRK[@]}" "$@" | tee "$OUT/wrk-$name.txt" >&2
}

run healthz "$BASE/healthz"
run home -H "Cookie: $COOKIE" "$BASE/"
run journal -H "Cookie: $COOKIE" "$BASE$JOURNAL"
run diary -H "Cookie: $PARENT_COOKIE" "$BASE/diary"
run login -s scripts/wrk/login.lua "$BASE"

# The same diary from a second server on the same file without the in-memory cache.
NC_PORT=$((PORT + 1))
NC_BASE="http://127.0.0.1:$NC_PORT"
RUST_LOG="${RUST_LOG:-warn}" "$VSOKO" serve --no-cache --db "sqlite://$TMP/bench.db" --listen "127.0.0.1:$NC_PORT" >"$OUT/server-nocache.log" 2>&1 &
NC_PID=$!
for ((i = 0; i < 60; i++)); do
    curl -fsS --max-time 2 "$NC_BASE/healthz" >/dev/null 2>&1 && break
    sleep 1
done
run diary-nocache -H "Cookie: $PARENT_COOKIE" "$NC_BASE/diary"
kill "$NC_PID" 2>/dev/null || true
wait "$NC_PID" 2>/dev/null || true

kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG" >&2; fail "the server died during the benchmark (log above)"; }
RSS_KB=$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status")

# ---------------------------------------------------------------- report

# summarize FILE: Requests/sec, p50, p99, non-2xx/3xx count, socket errors
summarize() {
    local f=$1 rps p50 p99 non2xx errors
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
    p50=$(awk '$1 == "50%" {print $2}' "$f")
    p99=$(awk '$1 == "99%" {print $2}' "$f")
    non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ {print $2}' "$f")
    errors=$(sed -n -E 's/^ *Socket errors: *(.*)/\1/p' "$f")
    printf '%s | %s | %s | %s | %s' "${rps:-?}" "${p50:-?}" "${p99:-?}" "${non2xx:-0}" "${errors:-none}"
}

rev=$(git rev-parse --short HEAD 2>/dev/null || echo "no-commit")
[[ -z $(git status --porcelain 2>/dev/null | head -n1) ]] || rev="$rev-dirty"
cpu=$(lscpu 2>/dev/null | sed -n -E 's/^Model name:[[:space:]]*//p' | head -n1)
mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
wrk_version=$( (wrk --version 2>&1 || true) | head -n1 | cut -d' ' -f1-2)
statuses=$(sed -n -E 's/^STATUS ([0-9]+) ([0-9]+)$/\1: \2/p' "$OUT/wrk-login.txt" | paste -sd ',' - | sed 's/,/, /g')

report=$(
    cat <<MD
### vsoko load smoke (wrk)

- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $mem RAM
- date: $(date -u '+%Y-%m-%d %H:%M UTC')
- git: $rev
- binary: release, \`vsoko demo\` on SQLite; $wrk_version, \`-t$THREADS -c$CONNECTIONS -d$DURATION --latency\`, server and wrk on the same machine

| Run | Requests/sec | p50 | p99 | non-2xx/3xx | socket errors |
|---|---|---|---|---|---|
| GET /healthz | $(summarize "$OUT/wrk-healthz.txt") |
| GET / (teacher session) | $(summarize "$OUT/wrk-home.txt") |
| GET journal page (teacher, current quarter) | $(summarize "$OUT/wrk-journal.txt") |
| GET /diary (parent, week view) | $(summarize "$OUT/wrk-diary.txt") |
| GET /diary, second server with \`--no-cache\` | $(summarize "$OUT/wrk-diary-nocache.txt") |
| POST /login (9 demo logins, rotating) | $(summarize "$OUT/wrk-login.txt") |

- POST /login status codes: ${statuses:-not recorded} (303 = logged in; 429 would mean throttling, which counts only failed attempts)
- server peak RSS (VmHWM): $((RSS_KB / 1024)) MiB ($RSS_KB kB)
MD
)
printf '%s\n' "$report" >"$OUT/report.md"
printf '\n%s\n' "$report"
echo >&2
echo "raw wrk output: $OUT/wrk-*.txt; report: $OUT/report.md" >&2
