#!/usr/bin/env bash
# Benchmarks of the foundation, printed side by side with baselines measured in
# the same run (never asserted in the test suite):
#   1. `kyoso demo --scale japan` build time vs. the floor of writing the same
#      rows: sqlite3's .import of the generated activities and deals as CSV.
#   2. GET /api/governments (list, search, filter, sort, detail) under wrk vs.
#      GET /api/health, the server's ceiling on this machine (DESIGN.md: ~60k req/s).
# Usage: bench/governments_bench.sh [--skip-japan] [--duration SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=10
SKIP_JAPAN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-japan) SKIP_JAPAN=1 ;;
    --duration) DURATION=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

./kyoso.sh build >/dev/null
command -v wrk >/dev/null || { echo "installing wrk" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
KYOSO=build/release/kyoso
OUT=build/bench
mkdir -p "$OUT"
PORT=${BENCH_PORT:-18181}

printf '\n## Machine\n\n%s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); awk -v a="$s" -v b="$e" 'BEGIN {print b - a}'; }

DB=$OUT/small.db
SMALL_T=$(seconds "$KYOSO" demo --db "$DB" --seed 1 --force -q)
if [ "$SKIP_JAPAN" = 0 ]; then
  JDB=$OUT/japan.db
  /usr/bin/time -f '%M' -o "$OUT/japan.maxrss" "$KYOSO" demo --db "$JDB" --seed 1 --scale japan --force -q >/dev/null
  JAPAN_T=$( { /usr/bin/time -f '%e' "$KYOSO" demo --db "$OUT/japan2.db" --seed 1 --scale japan --force -q >/dev/null; } 2>&1 | tail -1)
  rm -f "$OUT/japan2.db"
  COUNTS=$(sqlite3 "$JDB" "SELECT (SELECT COUNT(*) FROM deals)||' deals, '||(SELECT COUNT(*) FROM activities)||' activities, '||(SELECT COUNT(*) FROM officials)||' officials'")
  # Floor: bulk-load the same rows with sqlite3's .import into bare tables.
  sqlite3 -csv "$JDB" "SELECT * FROM activities" > "$OUT/activities.csv"
  sqlite3 -csv "$JDB" "SELECT * FROM deals" > "$OUT/deals.csv"
  rm -f "$OUT/floor.db"
  IMPORT_T=$(seconds sqlite3 "$OUT/floor.db" -cmd ".mode csv" ".import $OUT/activities.csv activities" ".import $OUT/deals.csv deals")
  printf '\n## Demo build\n\n| what | seconds | notes |\n|---|---:|---|\n'
  printf '| kyoso demo --scale small | %.2f | |\n' "$SMALL_T"
  printf '| kyoso demo --scale japan | %.1f | %s; %s MB file; peak RSS %s MB |\n' "$JAPAN_T" "$COUNTS" \
    "$(( $(stat -c %s "$JDB") / 1048576 ))" "$(( $(cat "$OUT/japan.maxrss") / 1024 ))"
  printf '| baseline: sqlite3 .import of the same activities + deals | %.1f | bare tables, no indexes or keys |\n' "$IMPORT_T"
  rm -f "$OUT/activities.csv" "$OUT/deals.csv" "$OUT/floor.db"
  SERVE_DB=$JDB
else
  printf '\n## Demo build\n\n| what | seconds |\n|---|---:|\n| kyoso demo --scale small | %.2f |\n' "$SMALL_T"
  SERVE_DB=$DB
fi

"$KYOSO" serve --db "$SERVE_DB" --port "$PORT" --log-format json 2>"$OUT/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.1; done

run_wrk() {  # label path
  local r
  r=$(wrk -t2 -c64 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$2" 2>/dev/null)
  local rps p50 p99
  rps=$(echo "$r" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$r" | awk '$1=="50%" {print $2}')
  p99=$(echo "$r" | awk '$1=="99%" {print $2}')
  printf '| %s | `%s` | %s | %s | %s |\n' "$1" "$2" "$rps" "$p50" "$p99"
}
printf '\n## HTTP (wrk, 2 threads, 64 connections, %ss each, database: %s)\n\n' "$DURATION" "$(basename "$SERVE_DB")"
printf '| endpoint | path | req/s | p50 | p99 |\n|---|---|---:|---:|---:|\n'
run_wrk "baseline: health (ceiling)" "/api/health"
run_wrk "list, first page" "/api/governments?limit=50"
run_wrk "search ちよだ" "/api/governments?q=%E3%81%A1%E3%82%88%E3%81%A0"
run_wrk "filter + sort" "/api/governments?prefecture=13&sort=population&order=desc&limit=50"
run_wrk "towns and villages, page of 500" "/api/governments?kind=town,village&limit=500"
run_wrk "detail with fiscal calendar" "/api/governments/131016"
