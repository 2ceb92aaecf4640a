#!/usr/bin/env bash
# CTest's postgres fixture: pg_cluster.sh start/stop for the tests labelled "postgres".
# The stop also runs after a failed start, and a start first clears what a previous,
# interrupted run left behind.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
action=$1 dir=$2
case "$action" in
    start)
        "$here/pg_cluster.sh" stop "$dir" >/dev/null 2>&1 || true
        exec "$here/pg_cluster.sh" start "$dir"
        ;;
    stop) exec "$here/pg_cluster.sh" stop "$dir" ;;
    *) echo "usage: pg_cluster_fixture.sh start|stop DIR" >&2; exit 2 ;;
esac
