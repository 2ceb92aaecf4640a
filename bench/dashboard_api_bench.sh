#!/usr/bin/env bash
# The API calls behind the web app's pipeline board and dashboards, on a Japan-scale
# demo database: each called RUNS times in sequence with curl, median / p95 / max in
# ms beside the baseline GET /api/health on the same server, and marked against the
# 100 ms budget of issue 5. Builds nothing; never asserted by the test suite.
#
# Usage: bench/dashboard_api_bench.sh [--db PATH] [--runs N] [--login LOGIN]
#   --db     demo database (default build/bench/japan.db). The server migrates it to
#            this build's schema and an API token is added to it: use a copy you
#            may write to (cp --reflink=auto).
#   --runs   calls per endpoint (default 20)
#   --login  the account to call as (default admin, created when missing); the demo's
#            other sign-ins (manager, field_sales, bdr, ...) show record-level sharing
#            at work (a BDR gets no amounts).
# KYOSO (default build/release/kyoso) names the binary; KYOSO_TODAY (default
# 2026-11-27) pins "today", which sets the default fiscal year and week range.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=build/bench/japan.db
RUNS=20
LOGIN=admin
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --login) LOGIN=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
KYOSO=${KYOSO:-build/release/kyoso}
export KYOSO_TODAY=${KYOSO_TODAY:-2026-11-27}
if [ ! -x "$KYOSO" ]; then
  echo "no kyoso binary at $KYOSO: build first (./kyoso.sh build) or set KYOSO=" >&2
  exit 1
fi
if [ ! -f "$DB" ]; then
  cat >&2 <<EOF
no database at $DB. Create the Japan-scale demo first (about 4 minutes, ~3 GB):
  $KYOSO demo --scale japan --seed 1 --db $DB
EOF
  exit 1
fi

echo "migrating $DB to this build's schema (if older)" >&2
"$KYOSO" db migrate --db "$DB" >&2
if [ "$LOGIN" = admin ] && ! "$KYOSO" users list --db "$DB" 2>/dev/null | awk '$2 == "admin" {found = 1} END {exit !found}'; then
  echo "creating the administrator 'admin'" >&2
  head -c 24 /dev/urandom | base64 | "$KYOSO" users create-admin --db "$DB" --login admin --password-stdin >&2
fi
TOKEN=$("$KYOSO" users token --db "$DB" --login "$LOGIN" --name "dashboard-bench-$(date +%s)" 2>/dev/null) || {
  echo "no account '$LOGIN' in $DB" >&2
  exit 1
}

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$KYOSO" serve --db "$DB" --port "$PORT" --log-format text 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.1; done

# "median p95 max" in ms of RUNS calls (after one warm-up call), or "status N" when
# the call does not answer 200.
measure() {
  local url="http://127.0.0.1:$PORT$1" status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
  if [ "$status" != 200 ]; then
    echo "status $status"
    return
  fi
  for _ in $(seq "$RUNS"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$url"
  done | sort -n | awk '{a[NR] = $1 * 1000}
    END {
      p95 = int(NR * 0.95 + 0.999); if (p95 > NR) p95 = NR
      med = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
      printf "%.1f %.1f %.1f", med, a[p95], a[NR]
    }'
}

printf '\n## Machine and data\n\n%s, %s cores, %s; %s\n' "$(uname -m)" "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$("$KYOSO" --version 2>/dev/null || true)"
sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM deals)||' deals, '||(SELECT COUNT(*) FROM activities)||' activities, '||(SELECT COUNT(*) FROM deal_stage_history)||' stage moves; schema '||(SELECT MAX(version) FROM schema_migrations)" 2>/dev/null || true
printf 'Caller: %s; today pinned to %s; %s sequential calls each (curl, new connection per call).\n' "$LOGIN" "$KYOSO_TODAY" "$RUNS"

read -r BASE_MED BASE_P95 BASE_MAX <<<"$(measure /api/health)"
printf '\n| call | median ms | p95 ms | max ms | ≤ 100 ms |\n|---|---:|---:|---:|---|\n'
printf '| baseline: `GET /api/health` | %s | %s | %s | |\n' "$BASE_MED" "$BASE_P95" "$BASE_MAX"
while IFS='|' read -r path what; do
  [ -n "$path" ] || continue
  result=$(measure "$path")
  if [[ $result == status* ]]; then
    printf '| `%s` (%s) | %s | | | no |\n' "$path" "$what" "$result"
    continue
  fi
  read -r med p95 max <<<"$result"
  ok=$(awk -v m="$max" -v p="$p95" 'BEGIN { print (m <= 100) ? "yes" : (p <= 100 ? "p95 yes, max no" : "no") }')
  printf '| `%s` (%s) | %s | %s | %s | %s |\n' "$path" "$what" "$med" "$p95" "$max" "$ok"
done <<'CALLS'
/api/pipeline/stages|stage rules for the board
/api/pipeline/board|board, default fiscal year
/api/pipeline/board?fiscal_year=2026|board of a year with every stage filled
/api/pipeline/board?fiscal_year=2026&kind=city,town&prefecture=13&product=1|board, filtered
/api/deals?fiscal_year=2026&stage=won&sort=amount&order=desc&limit=30|a column continued (table view)
/api/dashboards/funnel|funnel, default fiscal year
/api/dashboards/funnel?fiscal_year=2026|funnel of a year with long histories
/api/dashboards/pipeline-by-year|pipeline by fiscal year
/api/dashboards/pipeline-by-year?product=1|pipeline by fiscal year, one product
/api/dashboards/win-rates|win rates, last three years with outcomes
/api/dashboards/activity-volume|activity volume, 26 weeks
/api/dashboards/activity-volume?weeks=104|activity volume, the maximum 104 weeks
/api/dashboards/prefectures|prefecture map
/api/dashboards/prefectures?owner=12|prefecture map, one owner
/api/activities|activity list, newest first
/api/activities?government=011002|activity list of one government
CALLS
