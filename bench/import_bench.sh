#!/usr/bin/env bash
# Throughput of the generic CSV import (docs/data-import.md, docs/benchmarks.md):
# 1,000,000 activity rows with Japanese notes that reference existing deals, users
# and officials of a demo database, loaded twice:
#   1. `sqlite3 .import` into a bare table (no validation, no relations, no index);
#   2. `kyoso import csv --type activities` (validated, relations resolved by
#      external id, one transaction, audited, into the real table with its indexes
#      and triggers).
# Prints both times, their ratio (the goal is at most 5x) and peak RSS.
#
# usage: bench/import_bench.sh [ROWS] [KYOSO_BINARY]
set -euo pipefail
ROWS=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KYOSO=${2:-$ROOT/build/release/kyoso}
WORK=${KYOSO_BENCH_DIR:-$(mktemp -d)}
trap '[[ -z "${KYOSO_BENCH_DIR:-}" ]] && rm -rf "$WORK"' EXIT
command -v sqlite3 >/dev/null || { echo "sqlite3 (the CLI) is required" >&2; exit 2; }
[[ -x $KYOSO ]] || { echo "no kyoso binary at $KYOSO (build first)" >&2; exit 2; }

now() { date +%s.%N; }
# CPU seconds (user + sys) of a finished /usr/bin/time -v report: on a shared
# machine wall time includes waiting for a core, CPU time does not.
cpu() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$1"; }
HAVE_TIME=0
[[ -x /usr/bin/time ]] && HAVE_TIME=1
run_timed() {  # run_timed REPORT_FILE CMD...
    local report=$1; shift
    if (( HAVE_TIME )); then /usr/bin/time -v -o "$report" "$@"; else "$@"; fi
}

echo "== demo database and external ids"
"$KYOSO" demo --db "$WORK/demo.db" --force -q >/dev/null
# The demo's records have no external ids; give them some to reference.
sqlite3 "$WORK/demo.db" "UPDATE deals SET external_id = 'D' || id; UPDATE users SET external_id = 'U' || id;
                         UPDATE officials SET external_id = 'O' || id;"

echo "== generating $ROWS activity rows"
sqlite3 "$WORK/demo.db" <<SQL
.headers on
.mode csv
.once $WORK/activities.csv
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS),
  d AS (SELECT count(*) AS c FROM deals), u AS (SELECT count(*) AS c FROM users),
  o AS (SELECT count(*) AS c FROM officials)
SELECT 'A' || i AS external_id,
       'D' || (1 + i % d.c) AS deal_external_id,
       'U' || (1 + i % u.c) AS user_external_id,
       'O' || (1 + (i * 7) % o.c) AS official_external_id,
       CASE i % 6 WHEN 0 THEN 'visit' WHEN 1 THEN 'call' WHEN 2 THEN 'email' WHEN 3 THEN 'online_meeting'
                  WHEN 4 THEN 'demo' ELSE 'proposal' END AS type,
       date('2024-04-01', '+' || (i % 730) || ' days') AS occurred_on,
       CASE i % 4 WHEN 0 THEN '防災情報配信システムの導入について危機管理課と打合せ。予算要求の時期を確認した。'
                  WHEN 1 THEN '子育て支援アプリの仕様書案について意見交換。プロポーザルの評価項目を聴取。'
                  WHEN 2 THEN '電子申請サービスのデモを実施。情報政策課長から費用感の質問あり。'
                  ELSE '参考見積を提出。次年度当初予算での計上を検討中とのこと。' END AS notes,
       CASE i % 3 WHEN 0 THEN '次回訪問' WHEN 1 THEN '資料送付' ELSE '' END AS outcome
FROM n, d, u, o;
SQL
SIZE=$(stat -c %s "$WORK/activities.csv")
echo "   $(( SIZE / 1000000 )) MB"

echo "== sqlite3 .import into a bare table"
rm -f "$WORK/bare.db"
t0=$(now)
run_timed "$WORK/bare_time.txt" sqlite3 "$WORK/bare.db" ".import --csv $WORK/activities.csv bare"
t1=$(now)
BARE=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')

echo "== kyoso import csv --type activities"
cp "$WORK/demo.db" "$WORK/kyoso.db"
t0=$(now)
run_timed "$WORK/time.txt" "$KYOSO" import csv --type activities "$WORK/activities.csv" --db "$WORK/kyoso.db" -q
t1=$(now)
KY=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
COUNT=$(sqlite3 "$WORK/kyoso.db" "SELECT count(*) FROM activities WHERE external_id LIKE 'A%'")
printf '\n%-34s %10s %10s\n' "load of $ROWS rows" "wall s" "CPU s"
if (( HAVE_TIME )); then
    BARE_CPU=$(cpu "$WORK/bare_time.txt"); KY_CPU=$(cpu "$WORK/time.txt")
    RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
else
    BARE_CPU=0; KY_CPU=0; RSS=0
fi
printf '%-34s %10.2f %10.2f\n' "sqlite3 .import (bare table)" "$BARE" "$BARE_CPU"
printf '%-34s %10.2f %10.2f\n' "kyoso import csv --type activities" "$KY" "$KY_CPU"
printf '%-34s %10.2f %10.2f\n' "ratio (goal <= 5)" "$(awk -v a="$KY" -v b="$BARE" 'BEGIN {print a / b}')" \
    "$(awk -v a="$KY_CPU" -v b="$BARE_CPU" 'BEGIN {print (b > 0 ? a / b : 0)}')"
printf '%-34s %10s\n' "rows imported" "$COUNT"
printf '%-34s %10s\n' "kyoso peak RSS (MB)" "$(( RSS / 1024 ))"
printf '%-34s %10s\n' "load average (1 min)" "$(cut -d' ' -f1 /proc/loadavg)"
