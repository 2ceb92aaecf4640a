#!/usr/bin/env bash
# CTest driver: builds a demo database, serves it, and runs check_openapi.mjs
# against the live server. Usage: openapi_check.sh KYOSO_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
KYOSO=$1
SRC=$2
WORK=$3
mkdir -p "$WORK"
DB=$WORK/openapi-demo.db
"$KYOSO" demo --db "$DB" --seed 1 --force -q >/dev/null
# The demo creates an administrator "admin" and one sign-in per role.
export KYOSO_TOKEN
KYOSO_TOKEN=$("$KYOSO" users token --db "$DB" --login admin --name openapi-check 2>/dev/null)
export KYOSO_CREDENTIALS
KYOSO_CREDENTIALS=$(cat "$DB.credentials.txt")
# A port the kernel says is free (not one derived from the pid, which can collide
# with the ephemeral ports of other tests' client connections).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KYOSO_TODAY=2026-11-27 "$KYOSO" serve --db "$DB" --port "$PORT" 2>"$WORK/openapi-serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 400); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  kill -0 $PID 2>/dev/null || { echo "kyoso serve exited:" >&2; cat "$WORK/openapi-serve.log" >&2; exit 1; }
  sleep 0.05
done
NODE_PATH="$SRC/node_modules" node --no-warnings "$SRC/tests/openapi/check_openapi.mjs" "http://127.0.0.1:$PORT"
