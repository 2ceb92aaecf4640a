#!/usr/bin/env bash
# Load and soak (issue 4, item 6): drives `kyoso serve` on loopback with wrk in a mixed
# read/write pattern (~80% reads of governments, deals, one deal and search; ~20% POST
# /api/activities) for a fixed time, beside a baseline of the same length against
# GET /api/health alone. Prints requests/s, p50/p99 latency, errors and the server's
# memory (VmRSS, VmHWM) before, after a warm-up and at the end. Exits 1 on any error
# (a non-2xx answer or a socket error). Never run by the test suite.
# Usage: bench/load.sh [SECONDS] [CONNECTIONS]   (defaults: 30, 8)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-30}
CONNECTIONS=${2:-8}
WARMUP=${LOAD_WARMUP:-5}
WRK_THREADS=${LOAD_WRK_THREADS:-2}
PORT=${BENCH_PORT:-18383}
KYOSO=${KYOSO:-build/release/kyoso}
WORK=build/bench/load
DB=$WORK/load.db

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian)"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; fi
fi
[ -x "$KYOSO" ] || ./kyoso.sh build >/dev/null
mkdir -p "$WORK"
log "building the demo database ($DB)"
"$KYOSO" demo --db "$DB" --seed 1 --force -q >/dev/null

# An API token of the demo's administrator (docs/security.md).
get_token() {
  "$KYOSO" users token --db "$DB" --login admin --name load-bench
}
TOKEN=$(get_token)
# Every curl call goes through here (with the bearer token when there is one).
api() {
  if [ -n "$TOKEN" ]; then curl -fsS -H "Authorization: Bearer $TOKEN" "$@"; else curl -fsS "$@"; fi
}

read -r DEAL_MIN DEAL_MAX < <(sqlite3 -separator ' ' "$DB" "SELECT MIN(id), MAX(id) FROM deals")
read -r USER_ID GOV < <(sqlite3 -separator ' ' "$DB" "SELECT owner_id, government_code FROM deals ORDER BY id LIMIT 1")
PREF=$(sqlite3 "$DB" "SELECT prefecture_code FROM governments WHERE code = '$GOV'" 2>/dev/null || true)
COUNTS=$(sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM governments)||' governments, '||(SELECT COUNT(*) FROM deals)||' deals, '||(SELECT COUNT(*) FROM activities)||' activities'")

KYOSO_TODAY=2026-11-27 "$KYOSO" serve --db "$DB" --port "$PORT" --log-format text 2>"$WORK/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 200); do curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.05; done
api "http://127.0.0.1:$PORT/api/deals?limit=1" >/dev/null  # fails here (not inside wrk) when the token is refused

mem() { awk '/^VmRSS|^VmHWM/ {printf "%s %s MB  ", $1, int($2 / 1024)}' "/proc/$PID/status"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }

# The wrk script: path mix, unique activity notes per thread, the summary as one line.
LUA=$WORK/mixed.lua
cat >"$LUA" <<'LUA'
local token = os.getenv("LOAD_TOKEN") or ""
local deal_min = tonumber(os.getenv("LOAD_DEAL_MIN"))
local deal_max = tonumber(os.getenv("LOAD_DEAL_MAX"))
local user_id = os.getenv("LOAD_USER")
local gov = os.getenv("LOAD_GOV")
local pref = os.getenv("LOAD_PREF") or ""
local mode = os.getenv("LOAD_MODE") or "mixed"
local threads = {}
local counter = 0
local queries = {"%E9%98%B2%E7%81%BD", "%E6%9C%AD%E5%B9%8C", "%E9%9B%BB%E5%AD%90%E7%94%B3%E8%AB%8B", "%E8%AA%B2%E9%95%B7"}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(tid * 7919)
  wrk.headers["Content-Type"] = "application/json"
  if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
end

function request()
  if mode == "health" then return wrk.format("GET", "/api/health") end
  local r = math.random(100)
  if r <= 20 then
    counter = counter + 1
    local body = string.format('{"type":"call","occurred_on":"2026-11-20","government_code":"%s","user_id":%s,"notes":"load %d-%d","outcome":"load"}', gov, user_id, tid, counter)
    return wrk.format("POST", "/api/activities", nil, body)
  elseif r <= 40 then
    local path = "/api/governments?limit=50&sort=population&order=desc"
    if pref ~= "" and r % 2 == 0 then path = "/api/governments?prefecture=" .. pref .. "&limit=50" end
    return wrk.format("GET", path)
  elseif r <= 60 then
    return wrk.format("GET", "/api/deals?limit=50")
  elseif r <= 80 then
    return wrk.format("GET", "/api/deals/" .. math.random(deal_min, deal_max))
  else
    return wrk.format("GET", "/api/search?limit=20&q=" .. queries[math.random(#queries)])
  end
end

non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local e = summary.errors
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  io.write(string.format("RESULT %d %.1f %.2f %.2f %.2f %d %d %d %d %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, e.connect, e.read, e.write, e.timeout))
end
LUA

export LOAD_TOKEN=$TOKEN LOAD_DEAL_MIN=$DEAL_MIN LOAD_DEAL_MAX=$DEAL_MAX LOAD_USER=$USER_ID LOAD_GOV=$GOV LOAD_PREF=$PREF
ERRORS=0
# run NAME MODE SECONDS: one wrk run; prints a table row and adds its errors to ERRORS.
run() {
  local out
  out=$(LOAD_MODE=$2 wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${3}s" --timeout 10s -s "$LUA" "http://127.0.0.1:$PORT" |
    grep '^RESULT')
  # shellcheck disable=SC2086
  set -- "$1" $out
  local errs=$(( ${8} + ${9} + ${10} + ${11} + ${12} ))
  ERRORS=$(( ERRORS + errs ))
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$4" "$5" "$6" "$7" \
    "$errs (non-2xx ${8}, connect ${9}, read ${10}, write ${11}, timeout ${12})"
}

printf '\n## Load: %s s per run, %s connections, %s wrk threads, loopback\n\n' "$SECONDS_RUN" "$CONNECTIONS" "$WRK_THREADS"
printf 'Machine: %s, %s cores, %s. Date: %s. Data: %s.\n\n' "$(uname -m)" "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$COUNTS"
ACT_BEFORE=$(sqlite3 "$DB" "SELECT COUNT(*) FROM activities")
MEM_START=$(mem); RSS_START=$(rss_kb)
printf '| run | requests | requests/s | p50 ms | p99 ms | max ms | errors |\n|---|---:|---:|---:|---:|---:|---|\n'
run "warm-up (mixed, ${WARMUP} s)" mixed "$WARMUP"
MEM_WARM=$(mem); RSS_WARM=$(rss_kb)
run "baseline: GET /api/health" health "$SECONDS_RUN"
run "mixed: 80% reads, 20% POST /api/activities" mixed "$SECONDS_RUN"
MEM_END=$(mem); RSS_END=$(rss_kb)
ACT_AFTER=$(sqlite3 "$DB" "SELECT COUNT(*) FROM activities")

printf '\nServer memory (/proc/%s/status):\n\n' "$PID"
printf -- '- at start: %s\n- after the warm-up: %s\n- at the end: %s\n' "$MEM_START" "$MEM_WARM" "$MEM_END"
printf -- '- growth from the warm-up to the end: %s MB (start → end: %s MB)\n' \
  "$(( (RSS_END - RSS_WARM) / 1024 ))" "$(( (RSS_END - RSS_START) / 1024 ))"
printf -- '- activities written: %s\n' "$(( ACT_AFTER - ACT_BEFORE ))"
curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null
if [ "$ERRORS" -ne 0 ]; then
  echo "error: $ERRORS failed requests (see the errors column; server log: $WORK/serve.log)" >&2
  exit 1
fi
printf '\nNo errors.\n'
