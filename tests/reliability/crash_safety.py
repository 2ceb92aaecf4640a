#!/usr/bin/env python3
"""Crash-safety test (issue 4, item 4): SIGKILL `kyoso` at random moments and check the database.

Usage: crash_safety.py KYOSO_BINARY SOURCE_DIR WORK_DIR [--seed N] [--budget SECONDS] [--only import|api]

Scenario "import": `kyoso import csv --type officials` of a generated file, killed at a random
moment (half of the kills after its commit began writing the WAL). After every kill: PRAGMA
integrity_check is ok, the import is all or nothing (every row of the file, with its audit
entry, or none of them), `kyoso audit verify` passes.

Scenario "api": `kyoso serve` on a copy of the demo database takes a stream of writes from a
few threads (POST /api/activities with a unique note, POST /api/deals with a unique title) and
is killed at a random moment. After every kill: integrity_check ok, every write answered 2xx
is in the database with its audit entry, `kyoso audit verify` passes, and the server starts
again on the same file, answers /api/health and takes a write.

Trials run until a wall-clock budget per scenario is spent (KYOSO_CRASH_BUDGET, default 40 s);
KYOSO_SANITIZED=1 (set by CTest in the ASan build) only stretches the time-outs and the API
kill window, so the slower binary runs fewer trials in the same budget. The seed is
printed; `--seed N --only SCENARIO` replays a failure.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

SLOW = 5.0 if os.environ.get("KYOSO_SANITIZED", "") not in ("", "0") else 1.0
IMPORT_ROWS = 20000
ADMIN_PASSWORD = "crash-safety-Passw0rd!"


class Failure(Exception):
    """A broken guarantee; the message names the scenario, trial and what was wrong."""


def run(args, stdin=None, timeout=120.0):
    """Runs a command to completion; returns (exit code, stdout, stderr)."""
    p = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout * SLOW)
    return p.returncode, p.stdout, p.stderr


def get_token(kyoso, db):
    """An administrator of its own (docs/security.md) and an API token for it."""
    rc, out, err = run([kyoso, "users", "create-admin", "--db", db, "--login", "crash-admin", "--password-stdin"],
                       stdin=ADMIN_PASSWORD + "\n")
    if rc != 0:
        raise Failure(f"kyoso users create-admin --db {db} failed ({rc}): {err.strip()}")
    rc, out, err = run([kyoso, "users", "token", "--db", db, "--login", "crash-admin", "--name", "crash-safety"])
    if rc != 0 or not out.strip():
        raise Failure(f"kyoso users token --db {db} failed ({rc}): {err.strip()}")
    return out.strip()


def request(port, method, path, body=None, token="", timeout=10.0, conn=None):
    """One HTTP request to the server on loopback (with the bearer token when there is one),
    on `conn` when given (kept open: thousands of fresh connections would tie up ephemeral
    ports that other tests' servers may want), else on a new connection closed afterwards.

    Returns (status, parsed JSON body or None). Connection errors raise OSError."""
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout * SLOW)
    try:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return resp.status, parsed
    finally:
        if own:
            conn.close()


def free_port():
    """A TCP port that was free a moment ago on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_db(src, dst):
    """Copies a closed, checkpointed database file (and removes stale -wal/-shm of dst)."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(src, dst)


def checkpoint(db):
    """Folds the WAL into the main file so a plain file copy is the whole database."""
    c = sqlite3.connect(db)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    c.close()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix) and os.path.getsize(db + suffix) == 0:
            os.remove(db + suffix)


def integrity(db, where):
    """PRAGMA integrity_check must answer "ok" (opening the file also recovers its WAL)."""
    c = sqlite3.connect(db, timeout=30)
    try:
        rows = c.execute("PRAGMA integrity_check").fetchall()
        fk = c.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        c.close()
    if rows != [("ok",)]:
        raise Failure(f"{where}: integrity_check on {db}: {rows[:10]}")
    if fk:
        raise Failure(f"{where}: foreign_key_check on {db}: {fk[:10]}")


def audit_verify(kyoso, db, where):
    """`kyoso audit verify --db` must exit 0."""
    rc, out, err = run([kyoso, "audit", "verify", "--db", db])
    if rc != 0:
        raise Failure(f"{where}: kyoso audit verify --db {db} exited {rc}: {out.strip()} {err.strip()}")


def query(db, sql, params=()):
    c = sqlite3.connect(db, timeout=30)
    try:
        return c.execute(sql, params).fetchall()
    finally:
        c.close()


def kill(proc):
    """SIGKILL and reap; returns the exit status (-9 when the kill landed)."""
    try:
        proc.send_signal(signal.SIGKILL)
    except ProcessLookupError:
        pass
    return proc.wait()


# ---------------------------------------------------------------- scenario 1: import


def write_officials_csv(path, rows):
    """A UTF-8 officials file of `rows` rows, external ids CRASH-00000…, on two governments."""
    families = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
    given = ["太郎", "花子", "一郎", "美咲", "健太", "由美", "翔", "陽子"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("職員ID,団体コード,所属,氏名,ふりがな,役職,役割,メールアドレス,着任日\n")
        for i in range(rows):
            gov = "131016" if i % 2 == 0 else "011002"
            name = f"{families[i % 10]} {given[(i // 10) % 8]}{i}"
            f.write(f"CRASH-{i:05d},{gov},情報政策課,{name},かな{i},主査,担当者,p{i}@example.jp,2025-04-01\n")


def wal_written(db):
    """True once the WAL holds frames (more than its 32-byte header): a commit or checkpoint is writing."""
    try:
        return os.path.getsize(db + "-wal") > 32
    except OSError:
        return False


def import_trial(kyoso, base, work, csv_path, rows, where, delay=None, after_write=None):
    """One import: killed `delay` s after its start, or `after_write` s after its commit began
    writing the WAL (polled every millisecond), or with neither left to finish while watched.

    Returns (outcome "all" or "none", seconds it ran, whether the kill landed, seconds from the
    start until the WAL was first written (None when not seen), whether the kill landed with
    the WAL written)."""
    db = os.path.join(work, "import-trial.db")
    copy_db(base, db)
    args = [kyoso, "import", "csv", "--type", "officials", csv_path, "-q", "--db", db]
    started = time.monotonic()
    first_write = None
    rc = None
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if delay is not None:
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            pass
    else:
        deadline = started + 600 * SLOW
        while proc.poll() is None and time.monotonic() < deadline:
            if first_write is None and wal_written(db):
                first_write = time.monotonic() - started
                if after_write is not None:
                    time.sleep(after_write)
                    break
            time.sleep(0.001)
    killed_writing = False
    if proc.poll() is None:
        killed_writing = wal_written(db)
        rc = kill(proc)
        killed_writing = killed_writing and rc == -signal.SIGKILL
    else:
        rc = proc.returncode
    ran = time.monotonic() - started
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if rc not in (0, -signal.SIGKILL):
        raise Failure(f"{where}: the import exited {rc} before the kill: {err.strip()[:500]}")
    integrity(db, where)
    got = query(db, "SELECT COUNT(*) FROM officials WHERE external_id LIKE 'CRASH-%'")[0][0]
    entries = query(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'import.officials'")[0][0]
    if got not in (0, rows):
        raise Failure(f"{where}: half-applied import: {got} of {rows} rows present")
    if (got == rows) != (entries == 1) or entries > 1:
        raise Failure(f"{where}: {got} rows but {entries} import.officials audit entries")
    if rc == 0 and got != rows:
        raise Failure(f"{where}: the import exited 0 but {got} of {rows} rows are present")
    audit_verify(kyoso, db, where)
    return ("all" if got == rows else "none"), ran, rc == -signal.SIGKILL, first_write, killed_writing


def scenario_import(kyoso, work, rng, seed, budget):
    base = os.path.join(work, "import-base.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(base + suffix):
            os.remove(base + suffix)
    rc, _, err = run([kyoso, "governments", "load", "--db", base])  # a new database with the government master
    if rc != 0 or query(base, "SELECT COUNT(*) FROM governments")[0][0] == 0:
        raise Failure(f"import: kyoso governments load --db {base} failed ({rc}): {err.strip()}")
    checkpoint(base)
    csv_path = os.path.join(work, "officials.csv")
    write_officials_csv(csv_path, IMPORT_ROWS)

    # Calibration: one import left to finish (checked like every trial) gives the run time and
    # when the commit starts writing. The rows are built in the page cache, so the file only
    # changes from the commit on (WAL frames, then the checkpoint on close): half of the kills
    # fall at a random moment of the whole run, half at a random moment after that write began.
    outcome, full, _, first_write, _ = import_trial(kyoso, base, work, csv_path, IMPORT_ROWS,
                                                    f"import seed {seed} trial 0")
    if outcome != "all":
        raise Failure(f"import seed {seed} trial 0: an import left to finish applied nothing")
    if first_write is None:  # too quick to see: aim at the last tenth
        first_write = full * 0.9
    tail = max(full - first_write, 0.005)
    counts = {"all": 1, "none": 0}
    kills = 0
    kills_writing = 0
    trials = 1
    deadline = time.monotonic() + budget
    while time.monotonic() < deadline or (counts["none"] == 0 and time.monotonic() < deadline + budget):
        if rng.random() < 0.5:
            delay, after, what = rng.uniform(0.0, full * 1.1), None, "kill after"
        else:
            delay, after, what = None, rng.uniform(0.0, tail * 1.2), "kill once the WAL is written, after"
        outcome, _, killed, _, writing = import_trial(
            kyoso, base, work, csv_path, IMPORT_ROWS,
            f"import seed {seed} trial {trials} ({what} {delay if after is None else after:.3f} s)", delay, after)
        counts[outcome] += 1
        kills += killed
        kills_writing += writing
        trials += 1
    if counts["none"] == 0 or counts["all"] == 0:
        raise Failure(f"import seed {seed}: expected both outcomes, got {counts}")
    print(f"import: {trials} trials of a {IMPORT_ROWS}-row officials import ({full:.2f} s when left to finish, "
          f"the commit writing from {first_write:.2f} s), "
          f"{kills} SIGKILLs landed ({kills_writing} of them after the commit began writing the WAL); {counts['none']} trials with nothing applied, {counts['all']} with every row "
          f"(and its audit entry), 0 partial", flush=True)


# ---------------------------------------------------------------- scenario 2: API writes


class Writer(threading.Thread):
    """Sends writes one after another until the server goes away; records the acknowledged ones."""

    def __init__(self, port, token, refs, tag, rng_seed):
        super().__init__(daemon=True)
        self.port, self.token, self.refs, self.tag = port, token, refs, tag
        self.rng = random.Random(rng_seed)
        self.acked = []  # (kind, key, id)
        self.unexpected = None
        self.cut = None  # (kind, key) of the request the kill cut off

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10 * SLOW)
        try:
            self.write_until_gone(conn)
        finally:
            conn.close()

    def write_until_gone(self, conn):
        i = 0
        while True:
            key = f"{self.tag}-{i}"
            i += 1
            try:
                if self.rng.random() < 0.75:
                    body = {"type": "call", "occurred_on": "2026-11-20", "government_code": self.refs["gov"],
                            "user_id": self.refs["user"], "notes": key, "outcome": "crash-safety"}
                    kind_sent = "activity"
                    status, answer = request(self.port, "POST", "/api/activities", body, self.token, conn=conn)
                    kind = "activity"
                else:
                    body = {"government_code": self.refs["gov"], "title": key, "product_id": self.refs["product"],
                            "owner_id": self.refs["user"], "amount": 1000 * i}
                    kind_sent = "deal"
                    status, answer = request(self.port, "POST", "/api/deals", body, self.token, conn=conn)
                    kind = "deal"
            except (OSError, http.client.HTTPException):
                self.cut = (kind_sent, key)
                return  # the server is gone
            if 200 <= status < 300:
                ident = answer.get("id") if isinstance(answer, dict) else None
                if ident is None and isinstance(answer, dict) and isinstance(answer.get("deal"), dict):
                    ident = answer["deal"].get("id")
                self.acked.append((kind, key, ident))
            else:
                self.unexpected = f"{kind} {key}: HTTP {status} {answer}"
                return


def start_server(kyoso, db, log_path):
    """Starts `kyoso serve` on a free port; returns (process, port) once /api/health answers."""
    for _attempt in range(5):
        port = free_port()
        log = open(log_path, "ab")
        proc = subprocess.Popen([kyoso, "serve", "--db", db, "--port", str(port), "--log-format", "text"],
                                stdout=log, stderr=log, env=dict(os.environ, KYOSO_TODAY="2026-11-27"))
        log.close()
        deadline = time.monotonic() + 30 * SLOW
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                status, _ = request(port, "GET", "/api/health", timeout=2)
                if status == 200:
                    return proc, port
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.02)
        kill(proc)
    raise Failure(f"kyoso serve --db {db} did not answer /api/health (log: {log_path})")


def api_trial(kyoso, base, work, refs, token, delay, threads, where, rng):
    """One stream of writes killed after `delay` seconds; returns the number of acknowledged writes checked."""
    db = os.path.join(work, "api-trial.db")
    copy_db(base, db)
    log_path = os.path.join(work, "api-serve.log")
    proc, port = start_server(kyoso, db, log_path)
    tag = where.replace(" ", "-")
    writers = [Writer(port, token, refs, f"{tag}-w{t}", rng.random()) for t in range(threads)]
    for w in writers:
        w.start()
    time.sleep(delay)
    rc = kill(proc)
    for w in writers:
        w.join(timeout=30 * SLOW)
    if rc != -signal.SIGKILL:
        raise Failure(f"{where}: the server exited {rc} before the kill (log: {log_path})")
    for w in writers:
        if w.unexpected:
            raise Failure(f"{where}: a write was refused: {w.unexpected}")
    acked = [a for w in writers for a in w.acked]

    integrity(db, where)
    notes = {r[0] for r in query(db, "SELECT notes FROM activities WHERE outcome = 'crash-safety'")}
    titles = {r[0] for r in query(db, "SELECT title FROM deals WHERE title LIKE ?", (tag + "-%",))}
    audited = {(r[0], r[1]) for r in query(db, "SELECT entity, CAST(entity_id AS TEXT) FROM audit_log "
                                               "WHERE entity IN ('activity', 'deal')")}
    for kind, key, ident in acked:
        present = key in (notes if kind == "activity" else titles)
        if not present:
            raise Failure(f"{where}: acknowledged {kind} '{key}' (id {ident}) is missing after the kill")
        if (kind, str(ident)) not in audited:
            raise Failure(f"{where}: acknowledged {kind} '{key}' (id {ident}) has no audit entry")
    audit_verify(kyoso, db, where)

    proc, port = start_server(kyoso, db, log_path)  # the same file serves again
    try:
        body = {"type": "visit", "occurred_on": "2026-11-21", "government_code": refs["gov"],
                "user_id": refs["user"], "notes": tag + "-after-restart", "outcome": "crash-safety"}
        status, answer = request(port, "POST", "/api/activities", body, token)
        if not 200 <= status < 300:
            raise Failure(f"{where}: after the restart a write answered HTTP {status} {answer}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30 * SLOW)
        except subprocess.TimeoutExpired:
            kill(proc)
    cut = [w.cut for w in writers if w.cut]
    cut_committed = sum(1 for kind, key in cut if key in (notes if kind == "activity" else titles))
    return len(acked), len(cut), cut_committed


def scenario_api(kyoso, work, rng, seed, budget):
    base = os.path.join(work, "api-base.db")
    if os.path.exists(os.path.join(work, "api-serve.log")):
        os.remove(os.path.join(work, "api-serve.log"))
    rc, _, err = run([kyoso, "demo", "--db", base, "--seed", "1", "--force", "-q"], timeout=600)
    if rc != 0:
        raise Failure(f"api: kyoso demo --db {base} failed ({rc}): {err.strip()}")
    token = get_token(kyoso, base)
    checkpoint(base)
    refs = {
        "user": query(base, "SELECT MIN(id) FROM users")[0][0],
        "product": query(base, "SELECT MIN(id) FROM products")[0][0],
        "gov": query(base, "SELECT government_code FROM deals ORDER BY id LIMIT 1")[0][0],
    }
    trials = 0
    checked = 0
    unanswered = 0
    committed_unanswered = 0
    deadline = time.monotonic() + budget
    while time.monotonic() < deadline or trials < 2:
        delay = rng.uniform(0.05, 1.5) * SLOW
        threads = rng.randint(1, 4)
        acked, cut, cut_committed = api_trial(kyoso, base, work, refs, token, delay, threads,
                                              f"api seed {seed} trial {trials}", rng)
        checked += acked
        unanswered += cut
        committed_unanswered += cut_committed
        trials += 1
    if checked == 0:
        raise Failure(f"api seed {seed}: no write was acknowledged in {trials} trials")
    print(f"api: {trials} trials, {trials} kills of a server taking writes from 1-4 threads, "
          f"{checked} acknowledged writes checked present and audited, {trials} restarts answered; "
          f"{unanswered} writes left unanswered by the kill ({committed_unanswered} of them committed anyway)",
          flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kyoso")
    parser.add_argument("source_dir")
    parser.add_argument("work_dir")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--budget", type=float, default=float(os.environ.get("KYOSO_CRASH_BUDGET", "40")))
    parser.add_argument("--only", choices=("import", "api"), default=None)
    a = parser.parse_args()
    seed = a.seed if a.seed is not None else random.SystemRandom().randrange(1, 2**31)
    kyoso = os.path.abspath(a.kyoso)
    os.makedirs(a.work_dir, exist_ok=True)
    print(f"crash safety: seed {seed} (replay: {sys.argv[0]} {a.kyoso} {a.source_dir} {a.work_dir} --seed {seed}), "
          f"budget {a.budget:.0f} s per scenario{', sanitized build' if SLOW > 1 else ''}", flush=True)
    try:
        if a.only in (None, "import"):
            scenario_import(kyoso, a.work_dir, random.Random(seed), seed, a.budget)
        if a.only in (None, "api"):
            scenario_api(kyoso, a.work_dir, random.Random(seed + 1), seed, a.budget)
    except Failure as e:
        print(f"FAILED (seed {seed}): {e}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
