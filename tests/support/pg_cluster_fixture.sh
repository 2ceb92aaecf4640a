#!/usr/bin/env bash
# CTest's postgres fixture around pg_cluster.sh, for the tests labelled "postgres".
#   pg_cluster_fixture.sh start DIR   starts a throwaway cluster and writes its URL to DIR/url
#   pg_cluster_fixture.sh stop DIR    stops it and removes DIR
# The cluster itself lives in a fresh directory under /tmp (named in DIR/cluster): the
# server runs as the `postgres` user when we are root, and must be able to reach its data
# directory, which a build tree under root's home would not allow; /tmp also keeps the
# unix socket path short. A start first clears what an interrupted run left behind.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
action=${1:-} dir=${2:-}
[ -n "$dir" ] || { echo "usage: pg_cluster_fixture.sh start|stop DIR" >&2; exit 2; }

stop() {
    if [ -f "$dir/cluster" ]; then
        local cluster
        cluster=$(cat "$dir/cluster")
        case "$cluster" in
            */kyoso-pg.*)
                "$here/pg_cluster.sh" stop "$cluster/c"
                rm -rf -- "$cluster"
                ;;
        esac
    fi
    rm -rf "$dir"
}

case "$action" in
    start)
        stop >/dev/null 2>&1 || true
        mkdir -p "$dir"
        cluster=$(mktemp -d "${TMPDIR:-/tmp}/kyoso-pg.XXXXXX")
        chmod 755 "$cluster"
        echo "$cluster" >"$dir/cluster"
        url=$("$here/pg_cluster.sh" start "$cluster/c" | tail -n 1)
        echo "$url" >"$dir/url"
        echo "PostgreSQL test cluster: $url (in $cluster/c)"
        ;;
    stop)
        stop
        ;;
    *) echo "usage: pg_cluster_fixture.sh start|stop DIR" >&2; exit 2 ;;
esac
