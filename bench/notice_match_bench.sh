#!/usr/bin/env bash
# Matching 1,000,000 notice titles to the catalogue (docs/intel.md, docs/benchmarks.md):
# Kyoso's tokeniser + BM25 (`kyoso intel match-bench`, one MeCab lattice per thread)
# against a Python baseline (python3-mecab + plain BM25 over the same exported index,
# one process), side by side with the ratio. The titles are generated from the 885 real
# デジタル庁 titles by bench/gen_notice_titles.py (deterministic recombination) into
# build/bench/notice_titles.txt, never committed. Both print a checksum of the matches;
# equal checksums show both computed the same thing. Never asserted by the test suite.
#
# Usage: bench/notice_match_bench.sh [--titles N] [--threads N] [--data DIR]
#   --titles   how many titles (default 1000000)
#   --threads  Kyoso's worker threads (default 2)
#   --data     the shared data directory (default $KYOSO_SHARED_DATA or ../shared/data)
# KYOSO (default build/release/kyoso) names the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
N=1000000
THREADS=2
DATA=${KYOSO_SHARED_DATA:-../shared/data}
while [ $# -gt 0 ]; do
  case "$1" in
    --titles) N=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --data) DATA=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
KYOSO=${KYOSO:-build/release/kyoso}
CSV=$DATA/jp-digital-agency-procurement-notices/jp-go-digital-news-procurement.csv
[ -f "$CSV" ] || { echo "missing $CSV (set --data or KYOSO_SHARED_DATA)" >&2; exit 1; }
# Debian's python3 has python3-mecab; a pyenv python on PATH may not.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
mkdir -p build/bench
TITLES=build/bench/notice_titles.txt
INDEX=build/bench/notice_match_index.json
echo "generating $N titles -> $TITLES" >&2
"$PY" bench/gen_notice_titles.py "$CSV" "$N" 7 > "$TITLES"
echo "distinct titles: $(sort -u "$TITLES" | wc -l)" >&2

# Each run prints its line; /usr/bin/time adds the CPU seconds (user + sys) of the
# whole process (start-up included), which the other processes on a shared machine
# do not inflate the way they inflate wall-clock time.
run() { /usr/bin/time -f "cpu %U %S" -o build/bench/notice_match_time.txt "$@"; }
cpu() { awk '{printf "%.2f", $2 + $3}' build/bench/notice_match_time.txt; }
kyoso_line=$(run "$KYOSO" intel match-bench --input "$TITLES" --threads "$THREADS" --export-index "$INDEX")
kc=$(cpu)
echo "kyoso  : $kyoso_line (cpu $kc s)"
kyoso1_line=$(run "$KYOSO" --quiet intel match-bench --input "$TITLES" --threads 1)
k1c=$(cpu)
echo "kyoso 1: $kyoso1_line (cpu $k1c s)"
py_line=$(run "$PY" bench/notice_match_baseline.py "$INDEX" "$TITLES")
pc=$(cpu)
echo "python : $py_line (cpu $pc s)"
field() { echo "$1" | awk -v k="$2" '{for (i = 1; i < NF; i++) if ($i == k) print $(i + 1)}'; }
ks=$(field "$kyoso_line" seconds); k1s=$(field "$kyoso1_line" seconds); ps=$(field "$py_line" seconds)
printf 'wall seconds: kyoso %s (%s threads), kyoso %s (1 thread), python %s; python/kyoso = %.1fx (%.1fx single-threaded)\n' \
  "$ks" "$THREADS" "$k1s" "$ps" "$(echo "$ps / $ks" | bc -l)" "$(echo "$ps / $k1s" | bc -l)"
printf 'cpu seconds: kyoso %s (1 thread), python %s; python/kyoso = %.1fx per core\n' \
  "$k1c" "$pc" "$(echo "$pc / $k1c" | bc -l)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [ "$(field "$kyoso_line" checksum)" = "$(field "$py_line" checksum)" ]; then
  echo "checksums equal: both matched the same products"
else
  echo "checksums differ: the tokenisers disagree on some titles"
fi
