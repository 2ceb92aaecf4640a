#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and benchmarks.
#
#   pg_cluster.sh start DIR   creates a fresh cluster in DIR (missing or empty), listening only on
#                             127.0.0.1 on a free port with its unix socket in DIR, creates database
#                             `kyoso` (superuser `kyoso`, trust authentication), writes the URL
#                             postgresql://kyoso@127.0.0.1:PORT/kyoso to DIR/url and prints it.
#   pg_cluster.sh stop DIR    stops the cluster (fast shutdown) and removes DIR; does nothing when
#                             DIR is missing or the server is already stopped.
#
# Durability is switched off (fsync, synchronous_commit, full_page_writes): the data is disposable.
# As root, DIR belongs to the `postgres` system user and the server runs as that user (PostgreSQL
# refuses to run as root); otherwise everything runs as the calling user.
set -euo pipefail

readonly kPostgresUser=postgres

die() {
    echo "pg_cluster.sh: $*" >&2
    exit 1
}

usage() {
    echo "usage: pg_cluster.sh start DIR | stop DIR" >&2
    exit 2
}

# The directory holding initdb, pg_ctl, postgres, pg_isready and createdb.
find_bindir() {
    local dir=""
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
    fi
    # Debian's pg_config may come from libpq-dev without the server binaries beside it.
    if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
        dir=/usr/lib/postgresql/15/bin
    fi
    local bin
    for bin in initdb pg_ctl postgres pg_isready createdb; do
        [[ -x "$dir/$bin" ]] || die "$dir/$bin not found: install postgresql-15 (apt-get install postgresql)"
    done
    echo "$dir"
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u "$kPostgresUser" -- "$@"
    else
        "$@"
    fi
}

cmd_start() {
    local dir=$1
    local bindir
    bindir=$(find_bindir)
    if [[ $EUID -eq 0 ]]; then
        command -v runuser >/dev/null 2>&1 || die "runuser not found (util-linux); it is needed to run PostgreSQL as $kPostgresUser when started as root"
        id -u "$kPostgresUser" >/dev/null 2>&1 || die "system user '$kPostgresUser' does not exist: install postgresql-15 (apt-get install postgresql) or run as a non-root user"
    fi

    if [[ -e "$dir" ]]; then
        [[ -d "$dir" ]] || die "$dir exists and is not a directory"
        [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty: give a new or empty directory for the cluster"
    else
        mkdir -p "$dir"
    fi
    dir=$(cd "$dir" && pwd -P)
    # The unix socket path DIR/.s.PGSQL.NNNNN must fit in sockaddr_un (107 bytes).
    ((${#dir} + 18 <= 107)) || die "$dir is too long for a unix socket directory (at most 89 characters)"
    chmod 700 "$dir"
    if [[ $EUID -eq 0 ]]; then
        chown "$kPostgresUser:$kPostgresUser" "$dir"
        runuser -u "$kPostgresUser" -- test -w "$dir" ||
            die "$kPostgresUser cannot write to $dir: choose a directory whose parents it can traverse (e.g. under /tmp)"
    fi

    local data=$dir/data log=$dir/postgres.log
    # The server's working directory must be one it can read (root's home is not).
    cd "$dir"
    as_owner "$bindir/initdb" -D "$data" -E UTF8 --locale=C.UTF-8 -A trust -U kyoso >"$dir/initdb.log" 2>&1 ||
        die "initdb failed in $data: $(tail -n 5 "$dir/initdb.log")"
    echo "include 'kyoso.conf'" | as_owner tee -a "$data/postgresql.conf" >/dev/null

    local port="" started=0
    for _ in $(seq 1 20); do
        port=$((54000 + RANDOM % 1000))
        as_owner tee "$data/kyoso.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
EOF
        if as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1; then
            started=1
            break
        fi
    done
    ((started)) || die "the server did not start on any of 20 ports; last log lines: $(tail -n 5 "$log" 2>/dev/null)"

    local tries
    for tries in $(seq 1 100); do
        if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U kyoso -d postgres; then
            break
        fi
        ((tries < 100)) || die "the server on port $port did not become ready; see $log"
        sleep 0.1
    done
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U kyoso kyoso || die "createdb kyoso failed on port $port; see $log"

    local url="postgresql://kyoso@127.0.0.1:$port/kyoso"
    echo "$url" >"$dir/url"
    echo "$url"
}

cmd_stop() {
    local dir=$1
    [[ -e "$dir" ]] || return 0
    [[ -d "$dir" ]] || die "$dir is not a directory"
    dir=$(cd "$dir" && pwd -P)
    [[ "$dir" != "/" ]] || die "refusing to remove /"
    # Only remove what `start` made: the cluster layout or an empty directory.
    if [[ -n "$(ls -A "$dir")" && ! -f "$dir/data/PG_VERSION" && ! -f "$dir/initdb.log" ]]; then
        die "$dir does not look like a cluster made by pg_cluster.sh start; not removing it"
    fi
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        local bindir
        bindir=$(find_bindir)
        cd "$dir"
        if as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
            as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null ||
                die "pg_ctl stop failed for $dir/data"
        fi
        cd /
    fi
    rm -rf -- "$dir"
}

[[ $# -eq 2 && -n "$2" ]] || usage
case "$1" in
    start) cmd_start "$2" ;;
    stop) cmd_stop "$2" ;;
    *) usage ;;
esac
