#!/usr/bin/env bash
# SQLite against PostgreSQL: the same API scenario on the same data, side by side. Copies
# the SQLite database into a throwaway PostgreSQL 15 cluster with `kyoso migrate` (timed),
# serves each backend, times every call of the scenario with curl (median / p95 / max ms
# and the PG/SQLite ratio of the medians), then measures throughput of a read/write mix
# under 1, 4 and 16 concurrent clients (wrk), also with two `kyoso serve` processes on
# one database. Builds nothing; never asserted by the test suite.
#
# Usage: bench/backend_bench.sh [--db PATH] [--runs N] [--pg-dir DIR] [--reuse-pg] [--small]
#                               [--duration S] [--search-timeout S] [--skip-search]
#   --db              the SQLite source (default build/bench/japan.db); never written: it
#                     is copied to build/bench/backend/sqlite.db first
#   --runs            calls per endpoint (default 20)
#   --pg-dir          the cluster directory (default build/bench/pg), made by
#                     tests/support/pg_cluster.sh (durability off: fsync,
#                     synchronous_commit and full_page_writes are off)
#   --reuse-pg        keep the cluster at the end, and reuse it when it already holds a
#                     copy (skips the copy; the writes of earlier runs stay in it)
#   --small           a fresh `kyoso demo` (small, seed 1) instead of --db, for a quick check
#   --duration        seconds per concurrency run (default 10)
#   --search-timeout  seconds the first (indexing) search may take per backend before
#                     search is left out of the scenario (default 600)
#   --skip-search     leave search out without trying to build the index
#   --durable         switch the cluster's durability back on (fsync, synchronous_commit,
#                     full_page_writes; a reload, no restart) before measuring
# KYOSO (default build/release/kyoso) names the binary; KYOSO_TODAY (default 2026-11-27)
# pins "today".
set -euo pipefail
cd "$(dirname "$0")/.."
DB=build/bench/japan.db
RUNS=20
PG_DIR=build/bench/pg
REUSE_PG=0
SMALL=0
DURATION=10
SEARCH_TIMEOUT=600
SKIP_SEARCH=0
DURABLE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --pg-dir) PG_DIR=$2; shift ;;
    --reuse-pg) REUSE_PG=1 ;;
    --small) SMALL=1 ;;
    --duration) DURATION=$2; shift ;;
    --search-timeout) SEARCH_TIMEOUT=$2; shift ;;
    --skip-search) SKIP_SEARCH=1 ;;
    --durable) DURABLE=1 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
KYOSO=${KYOSO:-build/release/kyoso}
export KYOSO_TODAY=${KYOSO_TODAY:-2026-11-27}
CLUSTER=tests/support/pg_cluster.sh
WORK=build/bench/backend
SQLITE=$WORK/sqlite.db
[ -x "$KYOSO" ] || { echo "no kyoso binary at $KYOSO: build first (./kyoso.sh build) or set KYOSO=" >&2; exit 1; }
for tool in curl wrk psql python3 sqlite3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install $tool)" >&2; exit 1; }
done
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$REUSE_PG" = 0 ]; then "$CLUSTER" stop "$PG_DIR" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# --- the SQLite copy -------------------------------------------------------------------
mkdir -p "$WORK"
rm -f "$SQLITE" "$SQLITE-wal" "$SQLITE-shm"
if [ "$SMALL" = 1 ]; then
  log "building the small demo ($SQLITE)"
  "$KYOSO" demo --db "$SQLITE" --seed 1 --force -q >/dev/null
  SOURCE="kyoso demo --seed 1 (small)"
else
  [ -f "$DB" ] || { echo "no database at $DB (create it: $KYOSO demo --scale japan --seed 1 --db $DB)" >&2; exit 1; }
  log "copying $DB to $SQLITE"
  cp --reflink=auto "$DB" "$SQLITE"
  "$KYOSO" db migrate --db "$SQLITE" >/dev/null
  SOURCE=$DB
fi
if ! "$KYOSO" users list --db "$SQLITE" 2>/dev/null | awk '$2 == "admin" {found = 1} END {exit !found}'; then
  head -c 24 /dev/urandom | base64 | "$KYOSO" users create-admin --db "$SQLITE" --login admin --password-stdin >/dev/null
fi

# --- the PostgreSQL copy ---------------------------------------------------------------
COPY_NOTE=""
if [ "$REUSE_PG" = 1 ] && [ -f "$PG_DIR/url" ] && [ -f "$PG_DIR/kyoso-copy.txt" ] &&
  [ "$(cat "$PG_DIR/kyoso-source.txt" 2>/dev/null)" = "$SOURCE" ] &&
  psql "$(cat "$PG_DIR/url")" -Atqc 'SELECT 1' >/dev/null 2>&1; then
  URL=$(cat "$PG_DIR/url")
  log "reusing the loaded cluster at $URL"
  COPY_NOTE=" (measured when the cluster was loaded; reused since)"
else
  "$CLUSTER" stop "$PG_DIR" >/dev/null 2>&1 || true
  log "starting the PostgreSQL cluster in $PG_DIR"
  URL=$("$CLUSTER" start "$PG_DIR")
  log "kyoso migrate --from sqlite:$SQLITE --to $URL"
  start=$(now)
  "$KYOSO" migrate --from "sqlite:$SQLITE" --to "$URL" >"$PG_DIR/kyoso-migrate.log" 2>&1 ||
    { tail -n 20 "$PG_DIR/kyoso-migrate.log" >&2; exit 1; }
  end=$(now)
  rows=$(sed -n 's/^copied \([0-9]*\) rows.*/\1/p' "$PG_DIR/kyoso-migrate.log")
  awk -v s="$(secs "$start" "$end")" -v r="$rows" \
    'BEGIN { printf "%.1f s for %d rows, verification included (%d rows/s)", s, r, (s > 0 ? r / s : 0) }' >"$PG_DIR/kyoso-copy.txt"
  echo "$SOURCE" >"$PG_DIR/kyoso-source.txt"
fi
COPY=$(cat "$PG_DIR/kyoso-copy.txt")
# Statements over 100 ms go to $PG_DIR/postgres.log (for EXPLAIN of what is slow).
psql "$URL" -Atqc "ALTER SYSTEM SET log_min_duration_statement = 100" >/dev/null
if [ "$DURABLE" = 1 ]; then
  for setting in fsync synchronous_commit full_page_writes; do psql "$URL" -Atqc "ALTER SYSTEM SET $setting = on" >/dev/null; done
else
  for setting in fsync synchronous_commit full_page_writes; do psql "$URL" -Atqc "ALTER SYSTEM RESET $setting" >/dev/null; done
fi
psql "$URL" -Atqc "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
"$KYOSO" users list --db "$URL" 2>/dev/null | awk '$2 == "admin" {found = 1} END {exit !found}' || {
  echo "the PostgreSQL copy has no admin account" >&2
  exit 1
}

# --- tokens and servers ----------------------------------------------------------------
TOKEN_SQLITE=$("$KYOSO" users token --db "$SQLITE" --login admin --name "backend-bench-$(date +%s)")
TOKEN_PG=$("$KYOSO" users token --db "$URL" --login admin --name "backend-bench-$(date +%s)")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# serve DB LOGNAME: starts `kyoso serve` on a free port, left in SERVE_PORT.
serve() {
  local port
  port=$(free_port)
  SERVE_PORT=$port
  "$KYOSO" serve --db "$1" --port "$port" --log-format text 2>"$WORK/$2.log" >/dev/null &
  PIDS+=($!)
  for _ in $(seq 600); do curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null || { echo "kyoso serve --db $1 did not start (see $WORK/$2.log)" >&2; exit 1; }
}
log "starting kyoso serve on each backend"
serve "$SQLITE" serve-sqlite; PORT_SQLITE=$SERVE_PORT
serve "$URL" serve-pg; PORT_PG=$SERVE_PORT
serve "$SQLITE" serve-sqlite2; PORT_SQLITE2=$SERVE_PORT
serve "$URL" serve-pg2; PORT_PG2=$SERVE_PORT

# call BACKEND METHOD PATH [BODY]: one request; prints "status seconds".
call() {
  local port token
  if [ "$1" = sqlite ]; then port=$PORT_SQLITE token=$TOKEN_SQLITE; else port=$PORT_PG token=$TOKEN_PG; fi
  if [ -n "${4:-}" ]; then
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X "$2" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' --data-binary "$4" "http://127.0.0.1:$port$3"
  else
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X "$2" -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port$3"
  fi
}
# get BACKEND PATH: the body of a GET.
get() {
  local port token
  if [ "$1" = sqlite ]; then port=$PORT_SQLITE token=$TOKEN_SQLITE; else port=$PORT_PG token=$TOKEN_PG; fi
  curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port$2"
}
# stats: "median p95 max" in ms of the seconds on stdin.
stats() {
  sort -n | awk '{a[NR] = $1 * 1000}
    END {
      if (NR == 0) { print "- - -"; exit }
      p95 = int(NR * 0.95 + 0.999); if (p95 > NR) p95 = NR
      med = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
      printf "%.1f %.1f %.1f", med, a[p95], a[NR]
    }'
}
# align: pads the cells of the markdown table on stdin to aligned columns (East Asian
# wide characters count twice).
align() {
  python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = [[c.strip() for c in l.rstrip("\n").strip("|").split("|")] for l in sys.stdin if l.strip()]
n = max(len(r) for r in rows)
rows = [r + [""] * (n - len(r)) for r in rows]
width = [max(w(r[i]) for r in rows) for i in range(n)]
for k, r in enumerate(rows):
    cells = []
    for i, c in enumerate(r):
        if k == 1:
            cells.append((c[0] + "-" * (width[i] - 2) + c[-1]) if width[i] > 1 else c)
        elif i == 0:
            cells.append(c + " " * (width[i] - w(c)))
        else:
            cells.append(" " * (width[i] - w(c)) + c)
    print("| " + " | ".join(cells) + " |")
'
}
# measure BACKEND METHOD PATH [BODY]: RUNS calls after one warm-up; "median p95 max", or
# "status N" when a call does not answer 2xx. In PATH and BODY, {i} becomes the run's number
# and {deal} the run's deal from the backend's DEALS_<backend> list (one deal per call).
measure() {
  local backend=$1 method=$2 path=$3 body=${4:-} i p b out status times=""
  local -n deals="DEALS_$backend"
  for i in $(seq 0 "$RUNS"); do
    p=${path//\{i\}/$i}; b=${body//\{i\}/$i}
    p=${p//\{deal\}/${deals[$i]:-0}}; b=${b//\{deal\}/${deals[$i]:-0}}
    out=$(call "$backend" "$method" "$p" "$b")
    status=${out% *}
    if [ "${status:0:1}" != 2 ]; then
      echo "status $status"
      return
    fi
    [ "$i" = 0 ] || times+="${out#* }"$'\n'
  done
  printf '%s' "$times" | stats
}

# --- the data --------------------------------------------------------------------------
counts() {
  psql "$1" -Atqc "SELECT (SELECT COUNT(*) FROM governments)||' governments, '||(SELECT COUNT(*) FROM deals)||' deals, '||(SELECT COUNT(*) FROM activities)||' activities, '||(SELECT COUNT(*) FROM deal_stage_history)||' stage moves'"
}
GOV=011002         # 札幌市: the 360° page measured, a government with history at both scales
WRITE_GOV=012025   # 函館市: where the writes log their activities (all dated today), so that
                   # a reused cluster's earlier writes do not pile up on the page measured
YEAR_AGO=$(date -d "$KYOSO_TODAY - 1 year" +%F)
ADMIN_ID=$("$KYOSO" users list --db "$SQLITE" | awk '$2 == "admin" {print $1; exit}')
ADMIN_ID_PG=$("$KYOSO" users list --db "$URL" | awk '$2 == "admin" {print $1; exit}')
# Open deals, one per stage move (the list differs per backend when the
# cluster is reused: earlier runs closed some).
pick_deals() {
  get "$1" "/api/deals?status=open&limit=$((RUNS + 1))" |
    python3 -c 'import json, sys; print(" ".join(str(d["id"]) for d in json.load(sys.stdin)["items"]))'
}
read -r -a DEALS_sqlite <<<"$(pick_deals sqlite)"
read -r -a DEALS_pg <<<"$(pick_deals pg)"
[ "${#DEALS_sqlite[@]}" -gt "$RUNS" ] && [ "${#DEALS_pg[@]}" -gt "$RUNS" ] ||
  { echo "fewer than $((RUNS + 1)) open deals to move" >&2; exit 1; }
DEAL_MIN=$(sqlite3 "$SQLITE" 'SELECT MIN(id) FROM deals')
DEAL_MAX=$(sqlite3 "$SQLITE" 'SELECT MAX(id) FROM deals')

# --- search: build the index once per backend, timed -----------------------------------
SEARCH_NOTE="not measured (--skip-search)"
SEARCH_OK=0
if [ "$SKIP_SEARCH" = 0 ]; then
  SEARCH_OK=1
  SEARCH_NOTE=""
  for backend in sqlite pg; do
    if [ "$backend" = sqlite ]; then target=$SQLITE; else target=$URL; fi
    log "building the search index on $backend (the first search indexes everything queued)"
    start=$(now)
    if timeout "$SEARCH_TIMEOUT" "$KYOSO" search --db "$target" --limit 1 防災 >/dev/null 2>"$WORK/search-$backend.log"; then
      SEARCH_NOTE+="$backend: first search (indexing) $(secs "$start" "$(now)") s; "
    else
      SEARCH_OK=0
      SEARCH_NOTE+="$backend: indexing did not finish within $SEARCH_TIMEOUT s, search left out; "
    fi
  done
fi

# --- the scenario ----------------------------------------------------------------------
SCENARIO=$(cat <<EOF
baseline: health|GET|/api/health|
governments list|GET|/api/governments?limit=50|
governments, prefecture 13 by population|GET|/api/governments?prefecture=13&sort=population&order=desc&limit=50|
government detail (calendar)|GET|/api/governments/131016|
deals list|GET|/api/deals?limit=50|
deals: FY 2026 + prefecture 13 + stage qualified|GET|/api/deals?fiscal_year=2026&prefecture=13&stage=qualified&limit=50|
deals: FY 2026 won by amount (board column)|GET|/api/deals?fiscal_year=2026&stage=won&sort=amount&order=desc&limit=30|
deal detail|GET|/api/deals/{deal}|
pipeline board, default FY|GET|/api/pipeline/board|
pipeline board, FY 2026|GET|/api/pipeline/board?fiscal_year=2026|
pipeline board, FY 2026 filtered|GET|/api/pipeline/board?fiscal_year=2026&kind=city,town&prefecture=13&product=1|
dashboard: funnel FY 2026|GET|/api/dashboards/funnel?fiscal_year=2026|
dashboard: pipeline by year|GET|/api/dashboards/pipeline-by-year|
dashboard: win rates|GET|/api/dashboards/win-rates|
dashboard: activity volume 26 weeks|GET|/api/dashboards/activity-volume|
dashboard: activity volume 104 weeks|GET|/api/dashboards/activity-volume?weeks=104|
dashboard: prefectures|GET|/api/dashboards/prefectures|
activities, newest first|GET|/api/activities|
360°: government|GET|/api/governments/$GOV|
360°: departments tree|GET|/api/governments/$GOV/departments?view=tree|
360°: officials|GET|/api/officials?government=$GOV&limit=200|
360°: deals|GET|/api/deals?government=$GOV&limit=100&sort=fiscal_year&order=desc|
360°: activities|GET|/api/activities?government=$GOV&limit=50|
360°: contact log|GET|/api/contact-log?government=$GOV&from=$YEAR_AGO&limit=100|
EOF
)
if [ "$SEARCH_OK" = 1 ]; then
  SCENARIO+=$'\n'"search 防災|GET|/api/search?q=%E9%98%B2%E7%81%BD&limit=20|"
  SCENARIO+=$'\n'"search 札幌 deals|GET|/api/search?q=%E6%9C%AD%E5%B9%8C&types=deal&limit=20|"
fi
SCENARIO+=$'\n'"write: POST activity|POST|/api/activities|{\"type\":\"call\",\"occurred_on\":\"$KYOSO_TODAY\",\"government_code\":\"$WRITE_GOV\",\"user_id\":ADMIN,\"notes\":\"backend bench {i}\",\"outcome\":\"bench\"}"
SCENARIO+=$'\n'"write: PATCH deal title|PATCH|/api/deals/{deal}|{\"title\":\"backend bench {i}\"}"
SCENARIO+=$'\n'"write: stage move to lost|POST|/api/deals/{deal}/stage|{\"to\":\"lost\",\"actor_id\":ADMIN,\"note\":\"bench\",\"lost_reason\":\"価格\",\"competitor\":\"競合A社\",\"award_amount\":1000000}"

log "warming up both servers"
for backend in sqlite pg; do
  for path in /api/governments?limit=50 /api/deals?limit=50 /api/pipeline/board /api/dashboards/funnel /api/activities; do
    get "$backend" "$path" >/dev/null || true
  done
done

declare -A RESULT
while IFS='|' read -r label method path body; do
  [ -n "$label" ] || continue
  for backend in sqlite pg; do
    if [ "$backend" = sqlite ]; then admin=$ADMIN_ID; else admin=$ADMIN_ID_PG; fi
    log "$backend: $label"
    RESULT[$backend|$label]=$(measure "$backend" "$method" "$path" "${body//ADMIN/$admin}")
  done
done <<<"$SCENARIO"

# --- concurrency -----------------------------------------------------------------------
LUA=$WORK/mix.lua
cat >"$LUA" <<'LUA'
-- 80% reads (governments, deals filtered, one deal, board, a government's activities),
-- 20% POST /api/activities.
local token = os.getenv("BENCH_TOKEN")
local deal_min = tonumber(os.getenv("BENCH_DEAL_MIN"))
local deal_max = tonumber(os.getenv("BENCH_DEAL_MAX"))
local user_id = os.getenv("BENCH_USER")
local gov = os.getenv("BENCH_GOV")
local today = os.getenv("BENCH_TODAY")
local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(tid * 7919 + os.time())
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end
function request()
  local r = math.random(100)
  if r <= 20 then
    counter = counter + 1
    local body = string.format('{"type":"call","occurred_on":"%s","government_code":"%s","user_id":%s,"notes":"mix %d-%d","outcome":"bench"}', today, gov, user_id, tid, counter)
    return wrk.format("POST", "/api/activities", nil, body)
  elseif r <= 35 then
    return wrk.format("GET", "/api/governments?prefecture=" .. math.random(1, 47) .. "&limit=50")
  elseif r <= 50 then
    return wrk.format("GET", "/api/deals?fiscal_year=2026&prefecture=" .. math.random(1, 47) .. "&limit=50")
  elseif r <= 75 then
    return wrk.format("GET", "/api/deals/" .. math.random(deal_min, deal_max))
  elseif r <= 85 then
    return wrk.format("GET", "/api/pipeline/board?fiscal_year=2026&prefecture=" .. math.random(1, 47))
  else
    return wrk.format("GET", "/api/activities?government=" .. gov .. "&limit=50")
  end
end
non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.2f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(95) / 1000,
    bad + e.connect + e.read + e.write + e.timeout))
end
LUA
export BENCH_DEAL_MIN=$DEAL_MIN BENCH_DEAL_MAX=$DEAL_MAX BENCH_GOV=$WRITE_GOV BENCH_TODAY=$KYOSO_TODAY
# wrk_run PORT TOKEN USER CLIENTS OUTFILE: one wrk run of DURATION seconds.
wrk_run() {
  local threads=$(($4 < 2 ? $4 : 2))
  BENCH_TOKEN=$2 BENCH_USER=$3 wrk -t"$threads" -c"$4" -d"${DURATION}s" --timeout 10s -s "$LUA" \
    "http://127.0.0.1:$1" | grep '^RESULT' >"$5"
}
# throughput NAME CLIENTS PORT TOKEN USER [PORT2]: "req/s p95 errors"; with PORT2 the
# clients are split across the two servers (requests/s summed, the larger p95).
throughput() {
  local clients=$2
  if [ -z "${6:-}" ]; then
    wrk_run "$3" "$4" "$5" "$clients" "$WORK/wrk-a.txt"
    awk '{printf "%.0f %.1f %d", $3, $4, $5}' "$WORK/wrk-a.txt"
  else
    wrk_run "$3" "$4" "$5" $((clients / 2)) "$WORK/wrk-a.txt" &
    local a=$!
    wrk_run "$6" "$4" "$5" $((clients - clients / 2)) "$WORK/wrk-b.txt"
    wait "$a"
    cat "$WORK/wrk-a.txt" "$WORK/wrk-b.txt" |
      awk '{r += $3; if ($4 > p) p = $4; e += $5} END {printf "%.0f %.1f %d", r, p, e}'
  fi
}
declare -A TP
for clients in 1 4 16; do
  log "concurrency: $clients clients, $DURATION s each"
  TP[sqlite|$clients]=$(throughput sqlite "$clients" "$PORT_SQLITE" "$TOKEN_SQLITE" "$ADMIN_ID")
  TP[pg|$clients]=$(throughput pg "$clients" "$PORT_PG" "$TOKEN_PG" "$ADMIN_ID_PG")
  if [ "$clients" -gt 1 ]; then
    TP[sqlite2|$clients]=$(throughput sqlite2 "$clients" "$PORT_SQLITE" "$TOKEN_SQLITE" "$ADMIN_ID" "$PORT_SQLITE2")
    TP[pg2|$clients]=$(throughput pg2 "$clients" "$PORT_PG" "$TOKEN_PG" "$ADMIN_ID_PG" "$PORT_PG2")
  fi
done

# Connections the four servers hold after the runs (1 writer + the readers each pooled).
PG_CONNECTIONS=$(psql "$URL" -Atqc "SELECT COUNT(*) - 1 FROM pg_stat_activity WHERE backend_type = 'client backend'")

# --- report ----------------------------------------------------------------------------
ACTIVITIES_SIZE=$(psql "$URL" -Atqc "SELECT pg_size_pretty(pg_total_relation_size('activities'))")
DB_SIZE=$(psql "$URL" -Atqc "SELECT pg_size_pretty(pg_database_size(current_database()))")
printf '\n## Backends: SQLite against PostgreSQL\n\n'
printf 'Date: %s. Machine: %s, %s cores, %s. %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(uname -m)" "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$("$KYOSO" --version 2>/dev/null || true)"
printf 'PostgreSQL: %s; %s.\n' "$(psql "$URL" -Atqc 'SHOW server_version')" \
  "$(psql "$URL" -Atqc "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections')")"
printf 'Data: %s — %s (PostgreSQL: database %s, activities table with indexes %s; SQLite file %s).\n' \
  "$SOURCE" "$(counts "$URL")" "$DB_SIZE" "$ACTIVITIES_SIZE" "$(du -h "$SQLITE" | cut -f1)"
printf 'Copy (kyoso migrate, SQLite → PostgreSQL): %s%s.\n' "$COPY" "$COPY_NOTE"
printf 'Search: %s.\n' "${SEARCH_NOTE%; }"
printf 'PostgreSQL connections held by the two PostgreSQL servers after the runs: %s.\n' "$PG_CONNECTIONS"
printf 'Admin, today pinned to %s; %s sequential curl calls per row after one warm-up, a new connection each.\n\n' "$KYOSO_TODAY" "$RUNS"

{
printf '| call | SQLite median | p95 | max | PostgreSQL median | p95 | max | PG/SQLite |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
while IFS='|' read -r label _; do
  [ -n "$label" ] || continue
  s=${RESULT[sqlite|$label]} p=${RESULT[pg|$label]}
  if [[ $s == status* || $p == status* ]]; then
    printf '| %s | %s | | | %s | | | |\n' "$label" "$s" "$p"
    continue
  fi
  read -r sm s95 smax <<<"$s"
  read -r pm p95 pmax <<<"$p"
  ratio=$(awk -v a="$sm" -v b="$pm" 'BEGIN { if (a > 0) printf "%.1f×", b / a; else print "-" }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$sm" "$s95" "$smax" "$pm" "$p95" "$pmax" "$ratio"
done <<<"$SCENARIO"
} | align

printf '\nThroughput: wrk, %s s per run, keep-alive; 80%% reads (governments, deals filtered, one deal,\n' "$DURATION"
printf 'board, a government'"'"'s activities), 20%% POST /api/activities. Two servers: the clients split\n'
printf 'across two `kyoso serve` processes on the same database (requests/s summed, the larger p95).\n\n'
{
printf '| clients | SQLite req/s | p95 ms | errors | PostgreSQL req/s | p95 ms | errors | SQLite, 2 servers req/s | p95 ms | errors | PostgreSQL, 2 servers req/s | p95 ms | errors |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for clients in 1 4 16; do
  row="| $clients"
  for key in sqlite pg sqlite2 pg2; do
    v=${TP[$key|$clients]:-"- - -"}
    read -r rps p95 errs <<<"$v"
    row+=" | $rps | $p95 | $errs"
  done
  echo "$row |"
done
} | align
