#!/usr/bin/env bash
# `kyoso backup` and `kyoso restore`, printed beside baselines measured in the same
# run (never asserted in the test suite):
#   1. idle: kyoso backup (copy + integrity check + row counts + audit chain + fsync)
#      vs. `cp` of the file and sqlite3's `.backup` (the bare copy floors);
#      kyoso restore of that backup.
#   2. serving: POST /api/activities latency from one client before and during a
#      `kyoso backup` of the live database, and that backup's time.
# Usage: bench/backup_bench.sh [--db FILE] (default: a fresh small demo database)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

KYOSO=${KYOSO:-build/release/kyoso}
[ -x "$KYOSO" ] || ./kyoso.sh build >/dev/null
OUT=build/bench/backup
rm -rf "$OUT" && mkdir -p "$OUT"
if [ -z "$DB" ]; then
  "$KYOSO" demo -q --db "$OUT/live.db" --seed 1 --force >/dev/null
else
  cp "$DB" "$OUT/live.db"
fi
DB=$OUT/live.db
secs() { python3 -c 'import sys,time; print(f"{time.time()-float(sys.argv[1]):.2f}")' "$1"; }
now() { python3 -c 'import time; print(time.time())'; }

printf '\n## Machine\n\n%s, %s cores; database %s MB\n' "$(uname -m)" "$(nproc)" "$(($(stat -c %s "$DB") / 1048576))"

printf '\n## Idle database\n\n| step | seconds |\n|---|---|\n'
t=$(now); cp "$DB" "$OUT/cp.db"; sync "$OUT/cp.db"; echo "| cp + sync (floor) | $(secs "$t") |"
t=$(now); sqlite3 "$DB" ".backup '$OUT/sqlite.db'"; echo "| sqlite3 .backup (floor, no checks) | $(secs "$t") |"
t=$(now); "$KYOSO" backup -q --db "$DB" --to "$OUT/idle.bak" >"$OUT/idle.txt"; echo "| kyoso backup | $(secs "$t") |"
t=$(now); "$KYOSO" restore -q --from "$OUT/idle.bak" --db "$OUT/restored.db" >"$OUT/restore.txt"; echo "| kyoso restore | $(secs "$t") |"
printf '\n%s\n%s\n' "$(cat "$OUT/idle.txt")" "$(cat "$OUT/restore.txt")"
rm -f "$OUT/cp.db" "$OUT/sqlite.db" "$OUT/restored.db"

# An API token of the demo's administrator (docs/security.md).
token() {
  "$KYOSO" users token --db "$DB" --login admin --name backup-bench
}
TOKEN=$(token)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KYOSO" serve --db "$DB" --port "$PORT" 2>"$OUT/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 200); do curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.05; done
ROW=$(sqlite3 "$DB" 'SELECT id, government_code, owner_id FROM deals ORDER BY id LIMIT 1')

printf '\n## While serving writes (one client, POST /api/activities)\n\n'
python3 - "$PORT" "$TOKEN" "$ROW" "$KYOSO" "$DB" "$OUT/live.bak" <<'PY'
import json, statistics, subprocess, sys, threading, time, urllib.request
port, token, row, kyoso, db, bak = sys.argv[1:]
deal, gov, user = row.split("|")
phase = ["before"]
lat = {"before": [], "during": [], "after": []}
stop = False
def post(i):
    body = json.dumps({"type": "call", "occurred_on": "2026-11-01", "government_code": gov,
                       "user_id": int(user), "deal_id": int(deal), "notes": f"bench-{i}"}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/activities", data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.status == 201, r.status
def load():
    i = 0
    while not stop:
        p = phase[0]
        t = time.perf_counter(); post(i); lat[p].append(time.perf_counter() - t); i += 1
th = threading.Thread(target=load); th.start()
time.sleep(3)
phase[0] = "during"
t = time.time()
out = subprocess.run([kyoso, "backup", "-q", "--db", db, "--to", bak], capture_output=True, text=True)
took = time.time() - t
phase[0] = "after"
time.sleep(1)
stop = True; th.join()
def ms(xs, q):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000 if xs else float("nan")
print("| phase | writes | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|")
for p in ("before", "during", "after"):
    xs = lat[p]
    print(f"| {p} backup | {len(xs)} | {ms(xs, .5):.1f} | {ms(xs, .99):.1f} | {max(xs)*1000 if xs else float('nan'):.1f} |")
print(f"\nkyoso backup under load: {took:.2f} s, exit {out.returncode}\n{out.stdout}{out.stderr}")
PY
