#!/usr/bin/env bash
# Web app benchmark (issue 5's goals): the initial JavaScript a first visit downloads
# (gzipped, against the 300 KB budget), first-load times in headless Chromium on the
# demo data (against 1 s, beside a baseline in the same run), and — when
# bench/dashboard_api_bench.sh is present — the API calls behind the board and the
# dashboards on the Japan-scale database. Never asserted by the test suite.
# Usage: bench/web_bench.sh [--runs N] [--japan-db PATH] [--skip-api]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=10
JAPAN_DB=build/bench/japan.db
SKIP_API=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift ;;
    --japan-db) JAPAN_DB=$2; shift ;;
    --skip-api) SKIP_API=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
KYOSO=${KYOSO:-build/release/kyoso}
[ -x "$KYOSO" ] && [ -f web/dist/index.html ] || ./kyoso.sh build >/dev/null
[ -x /usr/bin/chromium ] || { echo "error: needs Chromium (apt-get install chromium, or ./kyoso.sh test once)" >&2; exit 1; }

printf '\n## Machine\n\n%s, %s cores, %s; Node %s; %s\n' "$(uname -m)" "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(node --version)" "$(/usr/bin/chromium --version 2>/dev/null | head -1)"

# 1. Initial JavaScript: the entry script and what index.html preloads; pages load later.
printf '\n## Initial JavaScript (web/dist)\n\n| file | bytes | gzip -9 bytes |\n|---|---:|---:|\n'
total=0
for f in $(grep -oE '(src|href)="/assets/[^"]+\.js"' web/dist/index.html | sed -E 's/.*"\/(assets\/[^"]+)"/\1/'); do
  raw=$(wc -c <"web/dist/$f"); gz=$(gzip -9c "web/dist/$f" | wc -c); total=$((total + gz))
  printf '| %s | %d | %d |\n' "$f" "$raw" "$gz"
done
printf '| **initial total** | | **%d** (%.1f KB; budget 300 KB) |\n' "$total" "$(awk -v b="$total" 'BEGIN {print b / 1024}')"
lazy=0
for f in web/dist/assets/*.js; do lazy=$((lazy + $(gzip -9c "$f" | wc -c))); done
printf '| every chunk, loaded on demand (baseline: what one bundle would weigh) | | %d (%.1f KB) |\n' "$lazy" "$(awk -v b="$lazy" 'BEGIN {print b / 1024}')"

# 2. First load on the demo data.
WORK=build/bench/web
mkdir -p "$WORK"
DB=$WORK/demo.db
"$KYOSO" demo --db "$DB" --seed 1 --force -q >/dev/null
LOGIN=$(awk '$1 == "field_sales" {print $3}' "$DB.credentials.txt")
PASSWORD=$(awk '$1 == "field_sales" {print $5}' "$DB.credentials.txt")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KYOSO_TODAY=2026-11-27 "$KYOSO" serve --db "$DB" --port "$PORT" 2>"$WORK/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 400); do curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.05; done
printf '\n## First load on localhost (demo data, seed 1; signed in as field sales)\n'
node bench/web_first_load.mjs "http://127.0.0.1:$PORT" "$LOGIN" "$PASSWORD" "$RUNS"
kill $PID; wait $PID 2>/dev/null || true
trap - EXIT

# 3. The API behind the board and the dashboards at Japan scale.
if [ "$SKIP_API" = 0 ] && [ -x bench/dashboard_api_bench.sh ]; then
  printf '\n## API calls behind the board and the dashboards (--scale japan)\n'
  bench/dashboard_api_bench.sh --db "$JAPAN_DB"
fi
