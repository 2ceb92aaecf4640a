#!/usr/bin/env bash
# Search benchmark: GET /api/search on the Japan-scale demo, each query beside a
# baseline measured in the same run: the naive implementation, a LIKE '%word%'
# scan (LIMIT 20 per table) over the same tables with the sqlite3 shell — which
# also cannot fold 全角/半角 or kana. Never asserted by the test suite.
# Usage: bench/search_bench.sh [--db PATH] [--runs N]
#   --db: an existing demo database (default: build/bench/japan.db, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=build/bench/japan.db
RUNS=20
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
KYOSO=${KYOSO:-build/release/kyoso}
[ -x "$KYOSO" ] || ./kyoso.sh build >/dev/null
mkdir -p "$(dirname "$DB")"
if [ ! -f "$DB" ]; then
  echo "building the Japan-scale demo into $DB (minutes)" >&2
  "$KYOSO" demo --db "$DB" --seed 1 --scale japan --force -q >/dev/null
fi
PORT=${BENCH_PORT:-18282}

printf '\n## Machine\n\n%s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
COUNTS=$(sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM governments)||' governments, '||(SELECT COUNT(*) FROM officials)||' officials, '||(SELECT COUNT(*) FROM deals)||' deals, '||(SELECT COUNT(*) FROM activities)||' activities'")
PENDING=$(sqlite3 "$DB" "SELECT COUNT(*) FROM search_dirty")
printf '\nData: %s; %s records queued for indexing.\n' "$COUNTS" "$PENDING"

# Indexing: the first search drains the queue (all records after a fresh build).
S=$(date +%s.%N)
"$KYOSO" search --db "$DB" 防災 --limit 1 -q >/dev/null
E=$(date +%s.%N)
printf '\n| step | seconds |\n|---|---:|\n| first search (indexes the %s queued records) | %.1f |\n' "$PENDING" "$(awk -v a="$S" -v b="$E" 'BEGIN {print b - a}')"
printf '| index size (search_docs + search_fts) | %s MB of a %s MB file |\n' \
  "$(sqlite3 "$DB" "SELECT SUM(pgsize)/1048576 FROM dbstat WHERE name LIKE 'search_%'" 2>/dev/null || echo '?')" \
  "$(( $(stat -c %s "$DB") / 1048576 ))"

KYOSO_TODAY=2026-11-27 "$KYOSO" serve --db "$DB" --port "$PORT" --log-format text 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 200); do curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.05; done

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
# Median and max of RUNS requests, in ms.
api_ms() {
  local url="http://127.0.0.1:$PORT/api/search?q=$(urlencode "$1")&limit=20"
  curl -s -o /dev/null "$url"  # warm
  for _ in $(seq "$RUNS"); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done |
    sort -n | awk '{a[NR]=$1} END {printf "%.1f | %.1f", a[int((NR+1)/2)]*1000, a[NR]*1000}'
}
hits() { curl -s "http://127.0.0.1:$PORT/api/search?q=$(urlencode "$1")&limit=20" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))'; }
# The LIKE baseline: 20 rows per table, timed in-process by python3's sqlite3
# module (median of 3 runs).
like_ms() {
  python3 - "$DB" "$1" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
w = '%' + sys.argv[2] + '%'
sql = """SELECT COUNT(*) FROM (
  SELECT 1 FROM (SELECT code FROM governments WHERE name LIKE ?1 OR kana LIKE ?1 LIMIT 20)
  UNION ALL SELECT 1 FROM (SELECT id FROM officials WHERE name LIKE ?1 OR kana LIKE ?1 OR department LIKE ?1 LIMIT 20)
  UNION ALL SELECT 1 FROM (SELECT id FROM deals WHERE title LIKE ?1 LIMIT 20)
  UNION ALL SELECT 1 FROM (SELECT id FROM activities WHERE notes LIKE ?1 OR outcome LIKE ?1 LIMIT 20))"""
times = []
for _ in range(3):
    t = time.perf_counter()
    db.execute(sql, (w,)).fetchone()
    times.append((time.perf_counter() - t) * 1000)
print(f"{sorted(times)[1]:.1f}")
PY
}
like_hits() {
  local w=${1//\'/\'\'}
  sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM governments WHERE name LIKE '%$w%' OR kana LIKE '%$w%' LIMIT 20))
    + (SELECT COUNT(*) FROM (SELECT 1 FROM officials WHERE name LIKE '%$w%' OR kana LIKE '%$w%' OR department LIKE '%$w%' LIMIT 20))
    + (SELECT COUNT(*) FROM (SELECT 1 FROM deals WHERE title LIKE '%$w%' LIMIT 20))
    + (SELECT COUNT(*) FROM (SELECT 1 FROM activities WHERE notes LIKE '%$w%' OR outcome LIKE '%$w%' LIMIT 20))"
}

printf '\n## GET /api/search (limit 20, %s runs, sequential) vs. LIKE scan\n\n' "$RUNS"
printf '| query | what it exercises | search p50 ms | search max ms | hits | LIKE ms | LIKE rows |\n|---|---|---:|---:|---:|---:|---:|\n'
while IFS='|' read -r q what; do
  printf '| `%s` | %s | %s | %s | %s | %s |\n' "$q" "$what" "$(api_ms "$q")" "$(hits "$q")" "$(like_ms "$q")" "$(like_hits "$q")"
done <<'QUERIES'
防災|2 characters, very common (hundreds of thousands of activities)
防災情報配信システム|long phrase, very common
りーどふぉろー|hiragana finding カタカナ text (LIKE cannot)
ﾘｰﾄﾞﾌｫﾛｰ|半角カナ (LIKE cannot)
ＡＩ－ＯＣＲ|全角 Latin and punctuation
札幌|a government name
さっぽろ|a reading
田中 課長|two words, AND
"情報政策課"|quoted phrase, rarer
市|one character
QUERIES
