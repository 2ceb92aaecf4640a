#!/usr/bin/env bash
# Runs a command with KYOSO_TEST_POSTGRES_URL set from the URL file the postgres CTest
# fixture wrote (tests/support/pg_cluster.sh start).
#   with_pg_url.sh URL_FILE COMMAND [ARGS...]
set -euo pipefail
file=$1
shift
if [ -z "${KYOSO_TEST_POSTGRES_URL:-}" ] && [ -s "$file" ]; then
    KYOSO_TEST_POSTGRES_URL=$(head -n 1 "$file")
    export KYOSO_TEST_POSTGRES_URL
fi
exec "$@"
