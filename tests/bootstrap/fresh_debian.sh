#!/usr/bin/env bash
# tests/bootstrap/fresh_debian.sh — proves the README's two commands on a fresh Debian 12.
#
# What it proves: on a freshly debootstrapped, minimal ("minbase": bash, coreutils,
# dpkg and apt, nothing else — no compiler, make, cmake or Node.js) Debian 12 root,
#   1. `./kyoso.sh test` installs every missing Debian/npm package, builds, and runs
#      every test (release + ASan/UBSan) successfully, and
#   2. `./kyoso.sh demo` then builds the demo database and serves it: /api/health
#      answers, the demo's admin signs in, /api/governments?q=ちよだ finds 千代田区
#      (and answers 401 without the session), and / returns HTML.
#
# It is NOT part of `./kyoso.sh test`: it takes many minutes, needs root (debootstrap,
# chroot, mount) and access to the Debian archive and the npm registry.
#
# usage: tests/bootstrap/fresh_debian.sh [--reuse] [--worktree] [--no-demo]
#   --reuse     reuse the pristine debootstrap root if it exists (skips debootstrap).
#               Every run still starts from a fresh copy of that pristine root, so
#               the tools are absent again at the start of each run.
#   --worktree  test the current working tree (copied, excluding build/, node_modules/
#               and *.db) instead of a `git clone` of the committed HEAD.
#   --no-demo   skip step 2 (`./kyoso.sh demo`).
#
# Layout (override with the environment variables in brackets):
#   /work/bootstrap-root/bookworm-minbase  pristine debootstrap output, never run in [KYOSO_BOOTSTRAP_DIR]
#   /work/bootstrap-root/run               fresh copy per run, the chroot (kept for inspection)
#   /work/bootstrap-root/apt-archives      .deb cache shared between runs (download time only)
#   /work/bootstrap-logs/<date-time>/      logs and summary.txt; `latest` links to the newest [KYOSO_BOOTSTRAP_LOGS]
# Other knobs: KYOSO_BOOTSTRAP_MIRROR (default: the Debian mirror this machine's apt uses),
# KYOSO_BOOTSTRAP_PORT (18080), KYOSO_BOOTSTRAP_DEMO_TIMEOUT (600 s),
# KYOSO_BOOTSTRAP_TEST_TIMEOUT (5400 s for the whole `./kyoso.sh test`).
#
# Network: the chroot shares this machine's network namespace. So that apt and npm inside
# reach the archive/registry the same way this machine does, the run copy gets this
# machine's Debian mirror (sources), apt proxy/validity settings, /etc/resolv.conf,
# npmrc files, proxy/npm_config_* environment, and the local CA certificates from
# /usr/local/share/ca-certificates (trusted once kyoso.sh installs ca-certificates).
set -euo pipefail

SUITE=bookworm
SRC=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BASE=${KYOSO_BOOTSTRAP_DIR:-/work/bootstrap-root}
PRISTINE=$BASE/bookworm-minbase
RUN=$BASE/run
APT_CACHE=$BASE/apt-archives
LOGS_BASE=${KYOSO_BOOTSTRAP_LOGS:-/work/bootstrap-logs}
PORT=${KYOSO_BOOTSTRAP_PORT:-18080}
DEMO_TIMEOUT=${KYOSO_BOOTSTRAP_DEMO_TIMEOUT:-600}
TEST_TIMEOUT=${KYOSO_BOOTSTRAP_TEST_TIMEOUT:-5400}
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

REUSE=0 WORKTREE=0 DEMO=1
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
for arg in "$@"; do
  case $arg in
    --reuse) REUSE=1 ;;
    --worktree) WORKTREE=1 ;;
    --demo) DEMO=1 ;;
    --no-demo) DEMO=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

# ---------------------------------------------------------------- bookkeeping
STAMP=$(date +%Y%m%d-%H%M%S)
LOGS=$LOGS_BASE/$STAMP
mkdir -p "$LOGS"
SUMMARY=$LOGS/summary.txt
STEP=""            # the step running now (named in the failure message)
RESULTS=()         # "STATUS|step|detail"
MOUNTS=()          # mounted targets, unmounted in reverse order on exit
DEMO_PGID=""
TEST_PIDFILE=""
OWN_LOCK=0         # 1 once this run holds $BASE/.lock (and so owns $RUN and its mounts)
T0=$(date +%s)

say() { printf '\033[1m[fresh_debian] %s\033[0m\n' "$*" >&2; }
record() { RESULTS+=("$1|$2|$3"); printf '%-4s %-34s %s\n' "$1" "$2" "$3" >>"$SUMMARY"; }
mins() { awk -v s="$1" 'BEGIN { printf "%.1f min", s / 60 }'; }
fail() {  # fail <message>: record the current step as failed and exit
  record FAIL "$STEP" "$*"
  say "FAIL in step '$STEP': $*"
  exit 1
}
begin() { STEP=$1; STEP_T0=$(date +%s); say "step: $STEP"; }
pass() { local d=$(($(date +%s) - STEP_T0)); record PASS "$STEP" "$(mins "$d") ($d s)${1:+; $1}"; }

# Unmounts everything under $1 (deepest first). Returns non-zero if something stays mounted.
unmount_under() {
  local dir=$1 m
  [ -d "$dir" ] || return 0
  dir=$(readlink -f "$dir")
  while read -r m; do
    [ -n "$m" ] || continue
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done < <(findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1 || $0 == d' | sort -r)
  ! findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1 || $0 == d' | grep -q .
}

stop_demo() {
  [ -n "$DEMO_PGID" ] || return 0
  kill -TERM -- "-$DEMO_PGID" 2>/dev/null || true
  local i
  for i in $(seq 1 30); do kill -0 -- "-$DEMO_PGID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$DEMO_PGID" 2>/dev/null || true
  DEMO_PGID=""
}

stop_test() {  # only if interrupted while ./kyoso.sh test runs
  [ -n "$TEST_PIDFILE" ] && [ -s "$TEST_PIDFILE" ] || return 0
  local pg
  pg=$(cat "$TEST_PIDFILE")
  rm -f "$TEST_PIDFILE"
  kill -0 -- "-$pg" 2>/dev/null || return 0
  echo "stopping ./kyoso.sh test (process group $pg)" >&2
  kill -TERM -- "-$pg" 2>/dev/null || true
  local i
  for i in $(seq 1 20); do kill -0 -- "-$pg" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL -- "-$pg" 2>/dev/null || true
  sleep 1
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_test
  stop_demo
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    umount "${MOUNTS[i]}" 2>/dev/null || umount -l "${MOUNTS[i]}" 2>/dev/null ||
      echo "warning: could not unmount ${MOUNTS[i]}" >&2
  done
  # Only the run holding the lock owns $RUN: a run refused by the lock must not touch
  # the mounts of the run in progress.
  if [ "$OWN_LOCK" -eq 1 ]; then
    unmount_under "$RUN" || echo "warning: something is still mounted under $RUN" >&2
  fi
  if [ "$rc" -ne 0 ] && [ -n "$STEP" ] && ! printf '%s\n' "${RESULTS[@]}" | grep -q "^FAIL|$STEP|"; then
    record FAIL "$STEP" "exit status $rc"
  fi
  {
    echo
    echo "==================== fresh Debian 12 bootstrap test: summary ===================="
    local r
    for r in "${RESULTS[@]}"; do
      IFS='|' read -r s n d <<<"$r"
      printf '  %-4s  %-34s %s\n' "$s" "$n" "$d"
    done
    echo "  total: $(mins $(($(date +%s) - T0)))   logs: $LOGS"
    if [ "$rc" -eq 0 ]; then echo "  RESULT: PASS"; else echo "  RESULT: FAIL (step: ${STEP:-?})"; fi
  } | tee -a "$SUMMARY" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command in the chroot with a clean environment (as a fresh root login would),
# plus the network settings this machine uses to reach the archive and the registry.
CHENV=(HOME=/root "PATH=$CHROOT_PATH" TERM=dumb)
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY all_proxy ALL_PROXY; do
  if [ -n "${!v:-}" ]; then CHENV+=("$v=${!v}"); fi
done
while IFS='=' read -r v _; do CHENV+=("$v=${!v}"); done < <(env | grep -i '^npm_config_' || true)
in_chroot() { chroot "$RUN" /usr/bin/env -i "${CHENV[@]}" "$@"; }

# Prefixes each line with the seconds elapsed since $1.
stamp_lines() {
  local start=$1 line now
  while IFS= read -r line || [ -n "$line" ]; do
    printf -v now '%(%s)T' -1
    printf '[+%5ds] %s\n' $((now - start)) "$line"
  done
}

# Prints how long each `==> ...` phase of a stamped kyoso.sh log took.
phase_times() {  # phase_times <log> <total seconds>
  sed 's/\x1b\[[0-9;]*m//g' "$1" | awk -v total="$2" '
    /^\[\+ *[0-9]+s\] ==> / { t = $0; sub(/^\[\+ */, "", t); sub(/s\].*/, "", t)
      name = $0; sub(/^[^]]*\] ==> /, "", name)
      if (n) printf "    %6d s  %s\n", t - last, prev
      prev = name; last = t; n++ }
    END { if (n) printf "    %6d s  %s\n", total - last, prev }'
}

mkurl() { printf 'http://127.0.0.1:%s%s' "$PORT" "$1"; }
urlencode() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g' | tr a-f A-F; }

# ---------------------------------------------------------------- 0. host checks
begin "host prerequisites"
[ "$(id -u)" -eq 0 ] || fail "must run as root (debootstrap, chroot and mount need it)"
command -v apt-get >/dev/null || fail "this host has no apt-get (a Debian/Ubuntu host is needed)"
case "$BASE/" in "$SRC"/*) fail "the bootstrap root $BASE must not be inside the project $SRC" ;; esac
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v curl >/dev/null || need+=(curl)
[ "$WORKTREE" -eq 1 ] || command -v git >/dev/null || need+=(git)
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)
if [ ${#need[@]} -gt 0 ]; then
  say "installing on this host: ${need[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } \
    >"$LOGS/host-apt.log" 2>&1 || fail "apt-get install ${need[*]} failed (see $LOGS/host-apt.log)"
fi
mkdir -p "$BASE" "$APT_CACHE"
exec 9>"$BASE/.lock"
flock -n 9 || fail "another fresh_debian.sh run holds $BASE/.lock"
OWN_LOCK=1
ln -sfn "$STAMP" "$LOGS_BASE/latest"
pass "debootstrap $(debootstrap --version | awk '{print $2}')"

# ---------------------------------------------------------------- 1. mirror
begin "find this machine's Debian mirror"
# Prints "<uri> <suite>" for each enabled deb source of this machine (one-line and deb822).
host_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -E 's/#.*//; s/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'function flush() { if (types ~ /(^| )deb( |$)/ && enabled != "no")
                              for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]
                            types = ""; enabled = ""; nu = 0; ns = 0 }
         /^#/ { next }
         /^[ \t]*$/ { flush(); next }
         { key = tolower($1); sub(/:$/, "", key) }
         key == "types" { types = $0; sub(/^[^:]*:[ \t]*/, "", types) }
         key == "enabled" { enabled = tolower($2) }
         key == "uris" { for (k = 2; k <= NF; k++) u[++nu] = $k }
         key == "suites" { for (k = 2; k <= NF; k++) s[++ns] = $k }
         END { flush() }' "$f"
  done
}
SOURCES=$(host_sources)
MIRROR=${KYOSO_BOOTSTRAP_MIRROR:-$(awk -v s="$SUITE" '$2 == s { print $1; exit }' <<<"$SOURCES")}
SECURITY=$(awk -v s="$SUITE-security" '$2 == s || $2 == s "/updates" { print $1; exit }' <<<"$SOURCES")
if [ -z "$MIRROR" ]; then
  MIRROR=http://deb.debian.org/debian
  say "no '$SUITE' source in this machine's apt configuration; using $MIRROR"
fi
MIRROR=${MIRROR%/}
echo "mirror: $MIRROR" >"$LOGS/mirror.txt"
echo "security: ${SECURITY:-<none configured on this host>}" >>"$LOGS/mirror.txt"
apt-config dump | grep -E '^Acquire::(https?|ftp)::Proxy|^Acquire::Check-(Valid-Until|Date) ' \
  >"$LOGS/apt-host-settings.conf" || true
curl -fsS -o /dev/null --max-time 60 "$MIRROR/dists/$SUITE/Release" ||
  fail "cannot fetch $MIRROR/dists/$SUITE/Release from this machine"
pass "$MIRROR (security: ${SECURITY:-none})"

# ---------------------------------------------------------------- 2. debootstrap
begin "debootstrap --variant=minbase"
if ! unmount_under "$BASE"; then fail "something is still mounted under $BASE; unmount it first"; fi
if [ "$REUSE" -eq 1 ] && [ -f "$PRISTINE/.kyoso-bootstrap-complete" ]; then
  pass "reused $PRISTINE (created $(cat "$PRISTINE/.kyoso-bootstrap-complete"))"
else
  [ "$REUSE" -eq 1 ] && say "--reuse: no complete pristine root at $PRISTINE; creating it"
  rm -rf --one-file-system "$PRISTINE"
  extra=()
  case $MIRROR in https:*) extra+=(--include=ca-certificates) ;; esac
  say "debootstrap --variant=minbase $SUITE $PRISTINE $MIRROR  (log: $LOGS/debootstrap.log; takes minutes)"
  debootstrap --variant=minbase "${extra[@]}" "$SUITE" "$PRISTINE" "$MIRROR" >"$LOGS/debootstrap.log" 2>&1 ||
    { tail -n 20 "$LOGS/debootstrap.log" >&2; fail "debootstrap failed (see $LOGS/debootstrap.log)"; }
  date -u +%Y-%m-%dT%H:%M:%SZ >"$PRISTINE/.kyoso-bootstrap-complete"
  pass "$(du -sh --one-file-system "$PRISTINE" | cut -f1) created"
fi

# ---------------------------------------------------------------- 3. fresh run copy
begin "fresh chroot copy + network config"
unmount_under "$RUN" || fail "something is still mounted under $RUN"
rm -rf --one-file-system "$RUN"
cp -a "$PRISTINE" "$RUN"
rm -f "$RUN/.kyoso-bootstrap-complete"
# apt: the same mirror(s) as this machine, as a Debian 12 default deb822 file.
rm -f "$RUN/etc/apt/sources.list"
{
  printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: %s\n' \
    "$MIRROR" "$SUITE" "$SUITE" /usr/share/keyrings/debian-archive-keyring.gpg
  [ -z "$SECURITY" ] || printf '\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\nSigned-By: %s\n' \
    "$SECURITY" "$SUITE" /usr/share/keyrings/debian-archive-keyring.gpg
} >"$RUN/etc/apt/sources.list.d/debian.sources"
# apt: this machine's proxy and Release-validity settings (and any file naming a proxy).
if [ -s "$LOGS/apt-host-settings.conf" ]; then
  { echo "// copied by tests/bootstrap/fresh_debian.sh from this host's apt-config dump"
    cat "$LOGS/apt-host-settings.conf"; } >"$RUN/etc/apt/apt.conf.d/99kyoso-bootstrap-host"
fi
for f in /etc/apt/apt.conf.d/*; do
  [ -f "$f" ] && grep -qi 'proxy' "$f" && cp -a "$f" "$RUN/etc/apt/apt.conf.d/"
done
# no services may start inside the chroot
printf '#!/bin/sh\nexit 101\n' >"$RUN/usr/sbin/policy-rc.d" && chmod 755 "$RUN/usr/sbin/policy-rc.d"
# DNS
if [ -e /etc/resolv.conf ]; then rm -f "$RUN/etc/resolv.conf"; cp -L /etc/resolv.conf "$RUN/etc/resolv.conf"; fi
# npm: registry/proxy/cafile settings
for f in /etc/npmrc /usr/etc/npmrc; do
  [ -f "$f" ] && { mkdir -p "$RUN$(dirname "$f")"; cp -a "$f" "$RUN$f"; }
done
[ -f "${HOME:-/root}/.npmrc" ] && cp -a "${HOME:-/root}/.npmrc" "$RUN/root/.npmrc"
# TLS: local CAs (e.g. an egress proxy's); update-ca-certificates picks them up when
# kyoso.sh installs ca-certificates.
if compgen -G '/usr/local/share/ca-certificates/*' >/dev/null; then
  mkdir -p "$RUN/usr/local/share/ca-certificates"
  cp -a /usr/local/share/ca-certificates/. "$RUN/usr/local/share/ca-certificates/"
fi
pass "$RUN"

# ---------------------------------------------------------------- 4. project copy
if [ "$WORKTREE" -eq 1 ]; then
  begin "copy working tree"
  mkdir -p "$RUN/src/kyoso"
  tar -C "$SRC" --exclude=./build --exclude=./node_modules --exclude=./web/node_modules \
    --exclude=./bootstrap-root --exclude='*.db' --exclude='*.db-wal' --exclude='*.db-shm' \
    -cf - . | tar -C "$RUN/src/kyoso" -xf - || fail "copying $SRC failed"
  pass "$(du -sh "$RUN/src/kyoso" | cut -f1) from $SRC (working tree)"
else
  begin "git clone (committed files)"
  git -C "$SRC" rev-parse --verify -q HEAD >/dev/null ||
    fail "$SRC has no commit yet: commit first, or test the working tree with --worktree"
  dirty=$(git -C "$SRC" status --porcelain | wc -l)
  [ "$dirty" -eq 0 ] || say "note: $dirty uncommitted change(s) in $SRC are NOT tested (use --worktree)"
  mkdir -p "$RUN/src"
  git clone -q "$SRC" "$RUN/src/kyoso" >"$LOGS/clone.log" 2>&1 || fail "git clone failed (see $LOGS/clone.log)"
  note="HEAD $(git -C "$SRC" rev-parse --short HEAD)"
  [ "$dirty" -eq 0 ] || note+=", $dirty uncommitted change(s) not included"
  pass "$note"
fi
[ -x "$RUN/src/kyoso/kyoso.sh" ] || fail "kyoso.sh is missing or not executable in the copy"

# ---------------------------------------------------------------- 5. mounts
begin "mount proc, sys, dev, dev/pts"
mnt() {  # mnt <target> <mount args...>
  mkdir -p "$1"
  mount "${@:2}" "$1" || fail "mount ${*:2} $1 failed"
  MOUNTS+=("$1")
}
mnt "$RUN/proc" -t proc proc
mnt "$RUN/sys" -t sysfs sysfs
mnt "$RUN/dev" --bind /dev
mnt "$RUN/dev/pts" --bind /dev/pts
if mountpoint -q /dev/shm; then mnt "$RUN/dev/shm" --bind /dev/shm; fi
mnt "$RUN/var/cache/apt/archives" --bind "$APT_CACHE"
pass

# ---------------------------------------------------------------- 6. bare system
begin "chroot is bare (bash + apt only)"
# shellcheck disable=SC2016
present=$(in_chroot /bin/bash -c 'for t in gcc g++ cc c++ make cmake ninja node nodejs npm; do
  command -v "$t" >/dev/null && printf "%s " "$t"; done; true')
[ -z "$present" ] || fail "expected no compiler/build tool/Node.js, but found: $present"
in_chroot /bin/bash -c 'command -v apt-get >/dev/null && command -v dpkg >/dev/null' ||
  fail "apt-get/dpkg missing in the chroot"
pass "absent: gcc g++ make cmake ninja node npm; $(in_chroot dpkg-query -W -f='.\n' | wc -l) packages installed"

# ---------------------------------------------------------------- 7. ./kyoso.sh test
begin "./kyoso.sh test"
TEST_LOG=$LOGS/test.log
say "running ./kyoso.sh test in the chroot (log: $TEST_LOG; expect 20+ minutes on 2 cores)"
t=$(date +%s)
set +e
# timeout: a hanging test must fail this step, not block it forever (it kills the whole
# process group on expiry, so servers started by a test go too).
# timeout runs in its own process group; its id goes to $TEST_PIDFILE so that cleanup can
# stop that group if this script is interrupted. The pipeline runs in the background and
# is waited for, so that a signal to this script is handled at once (bash runs traps only
# between foreground commands).
TEST_PIDFILE=$LOGS/test.pid
{
  # shellcheck disable=SC2016
  bash -c 'echo $$ >"$0"; exec "$@"' "$TEST_PIDFILE" timeout --kill-after=30 "$TEST_TIMEOUT" \
    chroot "$RUN" /usr/bin/env -i "${CHENV[@]}" /bin/bash -c 'cd /src/kyoso && ./kyoso.sh test' 2>&1 |
    stamp_lines "$t" | tee "$TEST_LOG" | sed -un 's/\x1b\[[0-9;]*m//g; /\] ==> /p; /tests passed/p' >&2
  echo "${PIPESTATUS[0]}" >"$LOGS/test.rc"
} </dev/null &
wait $! || true
test_rc=$(cat "$LOGS/test.rc" 2>/dev/null || echo 1)
rm -f "$TEST_PIDFILE"
[ "$test_rc" -ne 124 ] && [ "$test_rc" -ne 137 ] || echo "./kyoso.sh test timed out after ${TEST_TIMEOUT}s" >&2
set -e
test_s=$(($(date +%s) - t))
{ echo "phase times of ./kyoso.sh test:"; phase_times "$TEST_LOG" "$test_s"; } | tee "$LOGS/test-phases.txt" >&2
if [ "$test_rc" -ne 0 ]; then
  echo "---- last 60 lines of $TEST_LOG ----" >&2
  tail -n 60 "$TEST_LOG" >&2
  why="exit status $test_rc"
  [ "$test_rc" -ne 124 ] && [ "$test_rc" -ne 137 ] || why="timed out (${TEST_TIMEOUT}s)"
  fail "$why after $(mins "$test_s") (see $TEST_LOG)"
fi
mapfile -t ctest_lines < <(sed 's/^\[[^]]*\] //' "$TEST_LOG" | grep -E '^[0-9]+% tests passed' || true)
pass "release: ${ctest_lines[0]:-?}; asan+ubsan: ${ctest_lines[1]:-?}"
say "./kyoso.sh test: PASS in $(mins "$test_s")"

# ---------------------------------------------------------------- 8. ./kyoso.sh demo
if [ "$DEMO" -eq 1 ]; then
  begin "./kyoso.sh demo (port $PORT)"
  DEMO_LOG=$LOGS/demo.log
  if curl -fsS -o /dev/null --max-time 3 "$(mkurl /api/health)" 2>/dev/null; then
    fail "something already answers on port $PORT; set KYOSO_BOOTSTRAP_PORT"
  fi
  t=$(date +%s)
  # setsid: own process group, so the server and anything it starts can be stopped together.
  setsid chroot "$RUN" /usr/bin/env -i "${CHENV[@]}" KYOSO_PORT="$PORT" /bin/bash -c 'cd /src/kyoso && exec ./kyoso.sh demo' >"$DEMO_LOG" 2>&1 </dev/null &
  demo_pid=$!
  DEMO_PGID=$demo_pid
  sleep 1
  pg=$(ps -o pgid= -p "$demo_pid" 2>/dev/null | tr -d ' ' || true)
  [ -n "$pg" ] && DEMO_PGID=$pg
  say "waiting for $(mkurl /api/health) (timeout ${DEMO_TIMEOUT}s; log: $DEMO_LOG)"
  until curl -fsS -o "$LOGS/health.json" --max-time 5 "$(mkurl /api/health)" 2>/dev/null; do
    if ! kill -0 "$demo_pid" 2>/dev/null; then
      tail -n 40 "$DEMO_LOG" >&2
      fail "./kyoso.sh demo exited before answering (see $DEMO_LOG)"
    fi
    [ $(($(date +%s) - t)) -lt "$DEMO_TIMEOUT" ] || { tail -n 40 "$DEMO_LOG" >&2; fail "no answer on $(mkurl /api/health) after ${DEMO_TIMEOUT}s"; }
    sleep 3
  done
  start_s=$(($(date +%s) - t))
  pass "health answered after $start_s s: $(head -c 200 "$LOGS/health.json")"

  begin "demo: sign in as the demo's admin"
  CREDS=$RUN/src/kyoso/build/demo/kyoso-demo.db.credentials.txt
  [ -s "$CREDS" ] || fail "the demo wrote no sign-in accounts ($CREDS)"
  admin_pw=$(sed -n 's/^ *admin  *login: admin  *password: \([0-9a-f]*\).*/\1/p' "$CREDS")
  [ -n "$admin_pw" ] || fail "no admin password in $CREDS"
  curl -fsS --max-time 30 -c "$LOGS/cookies.txt" -o "$LOGS/session.json" -H 'Content-Type: application/json' \
    -d "{\"login\":\"admin\",\"password\":\"$admin_pw\"}" "$(mkurl /api/session)" || fail "POST /api/session failed"
  pass "signed in: $(head -c 120 "$LOGS/session.json")"

  begin "demo: /api/governments search"
  url=$(mkurl "/api/governments?q=$(urlencode ちよだ)")
  code=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' "$url")
  [ "$code" = 401 ] || fail "GET $url without signing in answered $code, expected 401"
  curl -fsS --max-time 30 -b "$LOGS/cookies.txt" -o "$LOGS/governments.json" "$url" || fail "GET $url failed"
  if grep -q '千代田区' "$LOGS/governments.json"; then
    pass "q=ちよだ: contains 千代田区"
  elif grep -qi '\\u5343\\u4ee3\\u7530\\u533a' "$LOGS/governments.json"; then
    pass "contains 千代田区 (as \\u escapes)"
  else
    head -c 500 "$LOGS/governments.json" >&2; echo >&2
    fail "answer of $url does not contain 千代田区 (see $LOGS/governments.json)"
  fi

  begin "demo: / returns HTML"
  hdr=$(curl -sS --max-time 30 -o "$LOGS/index.html" -D - -w '%{http_code}' "$(mkurl /)") || fail "GET / failed"
  code=${hdr##*$'\n'}
  [ "$code" = 200 ] || fail "GET / answered HTTP $code"
  if grep -qi '^content-type: *text/html' <<<"$hdr" || grep -qiE '<!doctype html|<html' "$LOGS/index.html"; then
    pass "HTTP 200, $(wc -c <"$LOGS/index.html") bytes of HTML"
  else
    fail "GET / is not HTML (content-type: $(grep -i '^content-type' <<<"$hdr" | tr -d '\r'))"
  fi

  begin "demo: stop the server"
  stop_demo
  wait "$demo_pid" 2>/dev/null || true
  ! curl -fsS -o /dev/null --max-time 3 "$(mkurl /api/health)" 2>/dev/null || fail "port $PORT still answers"
  pass
fi
STEP=""
