#!/usr/bin/env bash
# CTest driver for the browser tests: a fresh demo database, `kyoso serve` with the
# built web app, and every tests/web/*.test.mjs (support.mjs holds their shared set-up) driving Debian's Chromium headless through
# playwright-core. Screenshots go to WORK_DIR/screenshots.
# Usage: run_browser_tests.sh KYOSO_BINARY SOURCE_DIR WORK_DIR
# Without Chromium or web/dist the test is skipped (exit 77) unless
# KYOSO_REQUIRE_BROWSER=1 (set by `./kyoso.sh test`), where it fails instead.
set -euo pipefail
KYOSO=$1
SRC=$2
WORK=$3
CHROMIUM=${KYOSO_CHROMIUM:-/usr/bin/chromium}
missing=""
[ -x "$CHROMIUM" ] || missing="Chromium ($CHROMIUM; apt-get install chromium)"
[ -f "$SRC/web/dist/index.html" ] || missing="${missing:+$missing, }the built web app ($SRC/web/dist; ./kyoso.sh build)"
[ -d "$SRC/node_modules/playwright-core" ] || missing="${missing:+$missing, }playwright-core (npm ci)"
if [ -n "$missing" ]; then
  if [ "${KYOSO_REQUIRE_BROWSER:-0}" = 1 ]; then echo "error: browser tests need $missing" >&2; exit 1; fi
  echo "SKIP: browser tests need $missing" >&2
  exit 77
fi
rm -rf "$WORK"
mkdir -p "$WORK/screenshots"
DB=$WORK/browser-demo.db
"$KYOSO" demo --db "$DB" --seed 1 --force -q >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Today is fixed so the board opens on the FY2027 budget cycle of the demo data.
KYOSO_TODAY=2026-11-27 "$KYOSO" serve --db "$DB" --port "$PORT" --web-dir "$SRC/web/dist" 2>"$WORK/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 400); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  kill -0 $PID 2>/dev/null || { echo "kyoso serve exited:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.05
done
export KYOSO_URL="http://127.0.0.1:$PORT" KYOSO_CREDENTIALS_FILE="$DB.credentials.txt" \
  KYOSO_SCREENSHOTS="$WORK/screenshots" KYOSO_CHROMIUM="$CHROMIUM" KYOSO_WORK="$WORK"
status=0
# One file at a time, in name order (browser.test.mjs first), on the same server.
# KYOSO_BROWSER_ONLY=name runs only tests/web/name.test.mjs (while developing one screen).
for file in "$SRC"/tests/web/${KYOSO_BROWSER_ONLY:-*}.test.mjs; do
  node --test "$file" || status=$?
done
echo "screenshots: $WORK/screenshots" >&2
exit $status
