#!/usr/bin/env python3
"""Concurrent writer processes on one PostgreSQL database lose nothing (issue 6).

Usage: pg_concurrent_writers.py KYOSO_BINARY SOURCE_DIR WORK_DIR [--writes N]
Needs KYOSO_TEST_POSTGRES_URL (a server where the user may CREATE DATABASE, e.g. the URL
tests/support/pg_cluster.sh prints); without it the test is skipped (exit 77).

A fresh database kyoso_cw_<pid> is filled from a small demo (`kyoso demo`, an administrator
and an API token, then `kyoso db migrate --from sqlite:FILE --to URL`). Three `kyoso serve`
processes on different ports serve that SAME database; six client threads (two per server)
each send N writes at once: activities (POST /api/activities), and every tenth write a deal
(POST /api/deals) that gets a visit logged on it and is moved discovery -> qualified
(POST /api/deals/{id}/stage), and every seventh a contact log entry (POST /api/contact-log). Then, through psql:
- every acknowledged (2xx) write is stored exactly once, and no write that was refused is;
- no valid write was refused (a conflict between the processes is a lost write too);
- the row counts grew by exactly the acknowledged writes (nothing else was written);
- activity_type_counts equals a fresh COUNT(*) per type;
- the audit log has one new entry per acknowledged write, its seq without gaps, and
  `kyoso audit verify` passes;
and through the API each server sees the same activity total.
When `kyoso import` accepts a PostgreSQL URL, two imports of different officials files also
run at the same time (and must both land completely, one audit entry each); otherwise that
part is reported as skipped. The figures are printed.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

SKIP = 77
ADMIN_PASSWORD = "pg-concurrent-Passw0rd!"
TAG = "pgcw"
TODAY = "2026-11-27"


class Failure(Exception):
    """A broken guarantee; the message says what was wrong."""


def run(args, stdin=None, timeout=600.0, cwd=None):
    """Runs a command to completion; returns (exit code, stdout, stderr)."""
    p = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                       env=dict(os.environ, KYOSO_TODAY=TODAY))
    return p.returncode, p.stdout, p.stderr


def psql(url, sql):
    """Rows of `sql` (psql -At): a list of lists of text fields."""
    rc, out, err = run(["psql", url, "-v", "ON_ERROR_STOP=1", "-AtF", "\t", "-c", sql], timeout=120)
    if rc != 0:
        raise Failure(f"psql: {sql}: {err.strip()}")
    return [line.split("\t") for line in out.splitlines() if line != ""]


def scalar(url, sql):
    return int(psql(url, sql)[0][0])


def with_database(url, name):
    """`url` naming database `name` instead (query parameters kept)."""
    scheme = url.find("://")
    slash = url.find("/", scheme + 3 if scheme >= 0 else 0)
    query = url.find("?")
    base = url[:slash] if slash >= 0 else (url[:query] if query >= 0 else url)
    return base + "/" + name + (url[query:] if query >= 0 else "")


def request(port, method, path, body=None, token="", timeout=30.0, conn=None):
    """One HTTP request on loopback; returns (status, parsed JSON or None). Errors raise OSError."""
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
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
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(kyoso, url, log_path):
    """Starts `kyoso serve --db URL` on a free port; returns (process, port) once /api/health answers."""
    for _attempt in range(5):
        port = free_port()
        log = open(log_path, "ab")
        proc = subprocess.Popen([kyoso, "serve", "--db", url, "--port", str(port), "--log-format", "text"],
                                stdout=log, stderr=log, env=dict(os.environ, KYOSO_TODAY=TODAY))
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                status, _ = request(port, "GET", "/api/health", timeout=2)
                if status == 200:
                    return proc, port
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        tail = f.read()[-2000:]
    raise Failure(f"kyoso serve --db <test database> did not answer /api/health; log tail:\n{tail}")


def stop_server(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Writer(threading.Thread):
    """Sends `writes` writes one after another to one server; records what was acknowledged."""

    def __init__(self, port, token, refs, name, writes):
        super().__init__(daemon=True)
        self.port, self.token, self.refs, self.name, self.writes = port, token, refs, name, writes
        self.acked = {"activity": [], "deal": [], "stage": [], "contact": []}  # (key, id)
        self.refused = []  # (kind, key, status, answer)
        self.errors = []

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            for i in range(self.writes):
                self.one(conn, i)
        except (OSError, http.client.HTTPException) as e:
            self.errors.append(f"{self.name}: connection failed: {e}")
        finally:
            conn.close()

    def post(self, conn, kind, key, path, body):
        status, answer = request(self.port, "POST", path, body, self.token, conn=conn)
        if 200 <= status < 300:
            ident = answer.get("id") if isinstance(answer, dict) else None
            if ident is None and isinstance(answer, dict) and isinstance(answer.get("deal"), dict):
                ident = answer["deal"].get("id")
            self.acked[kind].append((key, ident))
            return ident
        self.refused.append((kind, key, status, answer))
        return None

    def one(self, conn, i):
        key = f"{TAG}-{self.name}-{i}"
        r = self.refs
        if i % 10 == 9:
            deal = self.post(conn, "deal", key, "/api/deals",
                             {"government_code": r["gov"], "title": key, "product_id": r["product"],
                              "owner_id": r["user"], "amount": 1000 + i})
            if deal is None:
                return
            # Qualified needs a hearing (a visit) logged on the deal first.
            hearing = self.post(conn, "activity", key + "-hearing", "/api/activities",
                                {"type": "visit", "occurred_on": "2026-11-20", "government_code": r["gov"],
                                 "user_id": r["user"], "deal_id": deal, "notes": key + "-hearing", "outcome": TAG})
            if hearing is not None:
                self.post(conn, "stage", key, f"/api/deals/{deal}/stage",
                          {"to": "qualified", "actor_id": r["user"], "note": key})
        elif i % 7 == 6:
            self.post(conn, "contact", key, "/api/contact-log",
                      {"government_code": r["gov"], "user_id": r["user"], "occurred_on": "2026-11-20",
                       "channel": "call", "summary": key})
        else:
            types = ("call", "visit", "email")
            self.post(conn, "activity", key, "/api/activities",
                      {"type": types[i % 3], "occurred_on": "2026-11-20", "government_code": r["gov"],
                       "user_id": r["user"], "notes": key, "outcome": TAG})


def write_officials_csv(path, prefix, rows):
    """An officials file of `rows` rows with external ids PREFIX-00000..."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("職員ID,団体コード,所属,氏名,ふりがな,役職,役割,メールアドレス,着任日\n")
        for i in range(rows):
            gov = "131016" if i % 2 == 0 else "011002"
            f.write(f"{prefix}-{i:05d},{gov},情報政策課,並行 {prefix}{i},へいこう{i},主査,担当者,"
                    f"{prefix.lower()}{i}@example.jp,2025-04-01\n")


# Audit actions written by the servers' background workers, not by the clients.
BACKGROUND_ACTIONS = ("tasks.generate", "handoff.breach", "handoff.escalate", "lead.reroute")

COUNTED = ("activities", "deals", "deal_stage_history", "contact_log", "audit_log", "officials", "leads",
           "products", "users", "governments")


def counts(url):
    return {t: scalar(url, f"SELECT COUNT(*) FROM {t}") for t in COUNTED}


def check_exactly_once(url, writers, kind, sql, what):
    """Every acknowledged key of `kind` appears exactly once in `sql`'s (key, count) rows;
    refused ones not at all."""
    stored = {row[0]: int(row[1]) for row in psql(url, sql)}
    acked = [k for w in writers for k, _ in w.acked[kind]]
    for key in acked:
        if stored.get(key, 0) != 1:
            raise Failure(f"acknowledged {what} {key} is stored {stored.get(key, 0)} times")
    refused = {k for w in writers for kd, k, _, _ in w.refused if kd == kind}
    for key in refused:
        if stored.get(key, 0) != 0:
            raise Failure(f"refused {what} {key} was stored anyway")
    extra = set(stored) - set(acked)
    if extra:
        raise Failure(f"{len(extra)} {what} rows that no acknowledged write made, e.g. {sorted(extra)[:3]}")
    return len(acked)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kyoso")
    parser.add_argument("source_dir")
    parser.add_argument("work_dir")
    parser.add_argument("--writes", type=int, default=int(os.environ.get("KYOSO_PG_WRITES", "150")),
                        help="writes per client thread")
    a = parser.parse_args()
    server_url = os.environ.get("KYOSO_TEST_POSTGRES_URL", "")
    if not server_url:
        print("SKIPPED: KYOSO_TEST_POSTGRES_URL is not set (start a server with tests/support/pg_cluster.sh start DIR "
              "and export the URL it prints)", flush=True)
        return SKIP
    if shutil.which("psql") is None:
        print("SKIPPED: psql is not installed", flush=True)
        return SKIP
    kyoso = os.path.abspath(a.kyoso)
    work = os.path.abspath(a.work_dir)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    name = f"kyoso_cw_{os.getpid()}"
    url = with_database(server_url, name)
    psql(server_url, f"DROP DATABASE IF EXISTS {name}")
    psql(server_url, f"CREATE DATABASE {name}")
    servers = []
    try:
        # A small demo with an administrator and an API token, copied into the new database.
        source = os.path.join(work, "demo.db")
        rc, _, err = run([kyoso, "demo", "--db", source, "--scale", "small", "-q"])
        if rc != 0:
            raise Failure(f"kyoso demo failed ({rc}): {err.strip()}")
        rc, _, err = run([kyoso, "users", "create-admin", "--db", source, "--login", "cw-admin", "--password-stdin"],
                         stdin=ADMIN_PASSWORD + "\n")
        if rc != 0:
            raise Failure(f"kyoso users create-admin failed ({rc}): {err.strip()}")
        rc, out, err = run([kyoso, "users", "token", "--db", source, "--login", "cw-admin", "--name", "pg-cw"])
        if rc != 0 or not out.strip():
            raise Failure(f"kyoso users token failed ({rc}): {err.strip()}")
        token = out.strip()
        started = time.monotonic()
        rc, out, err = run([kyoso, "db", "migrate", "--from", "sqlite:" + source, "--to", url, "-q"])
        if rc != 0:
            raise Failure(f"kyoso db migrate --from/--to failed ({rc}): {out.strip()} {err.strip()}")
        print(f"prepared: demo copied into {name} in {time.monotonic() - started:.1f} s", flush=True)
        refs = {
            "user": scalar(url, "SELECT MIN(id) FROM users"),
            "product": scalar(url, "SELECT MIN(id) FROM products"),
            "gov": psql(url, "SELECT government_code FROM deals ORDER BY id LIMIT 1")[0][0],
        }
        before = counts(url)
        seq_before = scalar(url, "SELECT COALESCE(MAX(seq), 0) FROM audit_log")

        for s in range(3):
            servers.append(start_server(kyoso, url, os.path.join(work, f"serve-{s}.log")))
        writers = [Writer(servers[t // 2][1], token, refs, f"s{t // 2}t{t % 2}", a.writes) for t in range(6)]
        started = time.monotonic()
        for w in writers:
            w.start()
        for w in writers:
            w.join(timeout=1800)
        elapsed = time.monotonic() - started
        for w in writers:
            if w.is_alive():
                raise Failure(f"client {w.name} did not finish")
            if w.errors:
                raise Failure("; ".join(w.errors))
        refused = [r for w in writers for r in w.refused]
        acked = {k: sum(len(w.acked[k]) for w in writers) for k in ("activity", "deal", "stage", "contact")}
        total_acked = sum(acked.values())
        print(f"writes: 3 servers, 6 clients x {a.writes} writes in {elapsed:.1f} s "
              f"({total_acked / elapsed if elapsed > 0 else 0:.0f}/s): acknowledged {acked['activity']} activities, "
              f"{acked['deal']} deals, {acked['stage']} stage moves, {acked['contact']} contact log entries; "
              f"{len(refused)} refused", flush=True)
        reasons = {}
        for kind, key, status, answer in refused:
            message = answer.get("error", {}).get("message", "") if isinstance(answer, dict) else str(answer)
            reason = f"{kind}: HTTP {status} {message.split(' (Key')[0][:160]}"
            reasons[reason] = reasons.get(reason, 0) + 1
        for reason, n in sorted(reasons.items(), key=lambda r: -r[1]):
            print(f"  refused {n} x {reason}", flush=True)

        # Each acknowledged write exactly once; nothing else.
        check_exactly_once(url, writers, "activity",
                           f"SELECT notes, COUNT(*) FROM activities WHERE outcome = '{TAG}' GROUP BY notes", "activity")
        check_exactly_once(url, writers, "deal",
                           f"SELECT title, COUNT(*) FROM deals WHERE title LIKE '{TAG}-%' GROUP BY title", "deal")
        check_exactly_once(url, writers, "stage",
                           f"SELECT note, COUNT(*) FROM deal_stage_history WHERE note LIKE '{TAG}-%' GROUP BY note",
                           "stage move")
        check_exactly_once(url, writers, "contact",
                           f"SELECT summary, COUNT(*) FROM contact_log WHERE summary LIKE '{TAG}-%' GROUP BY summary",
                           "contact log entry")
        after = counts(url)
        grown = {t: after[t] - before[t] for t in COUNTED}
        # The servers' own start-up work (cadence tasks that came due since the demo's
        # as-of date, docs/division-of-labour.md) is audited too; it is not a client write.
        background = scalar(url, f"SELECT COUNT(*) FROM audit_log WHERE seq > {seq_before} AND action IN "
                                 f"({', '.join(repr(a) for a in BACKGROUND_ACTIONS)})")
        total_acked += background
        expected = {t: 0 for t in COUNTED}
        expected.update(activities=acked["activity"], deals=acked["deal"], deal_stage_history=acked["stage"],
                        contact_log=acked["contact"], audit_log=total_acked)
        if grown != expected:
            raise Failure(f"row counts grew by {grown}, expected {expected}")
        # Stage moves really moved: every acknowledged deal that was moved is qualified.
        moved = {k for w in writers for k, _ in w.acked["stage"]}
        stages = {row[0]: row[1] for row in psql(url, f"SELECT title, stage FROM deals WHERE title LIKE '{TAG}-%'")}
        wrong = [k for k in moved if stages.get(k) != "qualified"]
        if wrong:
            raise Failure(f"{len(wrong)} moved deals are not qualified, e.g. {wrong[:3]}")

        # The activity counters match a fresh count.
        diff = psql(url, "SELECT COALESCE(c.type, a.type), COALESCE(c.n, 0), COALESCE(a.n, 0) FROM activity_type_counts c "
                         "FULL JOIN (SELECT type, COUNT(*) AS n FROM activities GROUP BY type) a ON a.type = c.type "
                         "WHERE COALESCE(c.n, 0) <> COALESCE(a.n, 0)")
        if diff:
            raise Failure(f"activity_type_counts differs from COUNT(*) per type: {diff}")

        # One audit entry per write, seq without gaps, the chain intact.
        seqs = [int(r[0]) for r in psql(url, f"SELECT seq FROM audit_log WHERE seq > {seq_before} ORDER BY seq")]
        if seqs != list(range(seq_before + 1, seq_before + 1 + total_acked)):
            missing = sorted(set(range(seq_before + 1, seq_before + 1 + total_acked)) - set(seqs))
            raise Failure(f"audit seq after {seq_before}: {len(seqs)} entries for {total_acked} writes, "
                          f"gaps at {missing[:10]}")
        actions = psql(url, f"SELECT action, COUNT(*) FROM audit_log WHERE seq > {seq_before} GROUP BY action ORDER BY 1")
        rc, out, err = run([kyoso, "audit", "verify", "--db", url], cwd=work)
        if rc == 0:
            verify = "intact"
        elif "BROKEN" not in out + err and "no database at" in out + err:
            verify = "not verified (this build's `kyoso audit verify` does not open PostgreSQL)"
        else:
            raise Failure(f"kyoso audit verify --db <test database> exited {rc}: {out.strip()} {err.strip()}")

        # Every server sees the same activities.
        totals = []
        for proc, port in servers:
            status, answer = request(port, "GET", "/api/activities?limit=1", token=token)
            if status != 200 or not isinstance(answer, dict):
                raise Failure(f"GET /api/activities on port {port}: HTTP {status} {answer}")
            totals.append(answer.get("total"))
        if len(set(totals)) != 1 or (totals[0] is not None and totals[0] != after["activities"]):
            raise Failure(f"the servers report activity totals {totals}, the database holds {after['activities']}")
        print(f"checked: every acknowledged write stored exactly once, row counts grew by exactly them "
              f"({', '.join(f'{t} +{n}' for t, n in grown.items() if n)}), activity_type_counts = COUNT(*) per type, "
              f"{len(seqs)} audit entries seq {seq_before + 1}..{seq_before + len(seqs)} without gaps "
              f"({', '.join(f'{r[0]} {r[1]}' for r in actions)}), audit chain {verify}, the 3 servers report "
              f"{totals[0]} activities", flush=True)
        for proc, _ in servers:
            stop_server(proc)
        servers = []
        imports(kyoso, url, work)
        # Valid writes refused by a server (conflicts between the processes) are lost writes
        # too: checked last, so the figures above are printed first.
        if refused:
            raise Failure(f"{len(refused)} of {len(refused) + total_acked} valid writes were refused by the servers "
                          f"(refused ones left nothing behind): {'; '.join(sorted(reasons))}")
    finally:
        for proc, _ in servers:
            stop_server(proc)
        psql(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return 0


def imports(kyoso, url, work):
    """Two `kyoso import csv` processes of different files at once, when import takes a URL."""
    rc, out, err = run([kyoso, "import", "csv", "--help"])
    if "postgres" not in (out + err).lower():
        print("import: SKIPPED - `kyoso import csv --db` does not accept a PostgreSQL URL in this build", flush=True)
        return
    rows = 2000
    files = []
    for prefix in ("PGA", "PGB"):
        path = os.path.join(work, f"officials-{prefix}.csv")
        write_officials_csv(path, prefix, rows)
        files.append((prefix, path))
    imports_before = scalar(url, "SELECT COUNT(*) FROM audit_log WHERE action = 'import.officials'")
    seq_before = scalar(url, "SELECT COALESCE(MAX(seq), 0) FROM audit_log")
    started = time.monotonic()
    procs = [(prefix, subprocess.Popen([kyoso, "import", "csv", "--type", "officials", path, "-q", "--db", url],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work,
                                       env=dict(os.environ, KYOSO_TODAY=TODAY)))
             for prefix, path in files]
    for prefix, p in procs:
        out, err = p.communicate(timeout=900)
        if p.returncode != 0:
            raise Failure(f"import {prefix} exited {p.returncode}: {err.decode(errors='replace').strip()[:500]}")
    elapsed = time.monotonic() - started
    for prefix, _ in files:
        got = scalar(url, f"SELECT COUNT(*) FROM officials WHERE external_id LIKE '{prefix}-%'")
        if got != rows:
            raise Failure(f"import {prefix}: {got} of {rows} officials stored")
    entries = scalar(url, "SELECT COUNT(*) FROM audit_log WHERE action = 'import.officials'") - imports_before
    if entries != 2:
        raise Failure(f"two imports left {entries} import.officials audit entries")
    seqs = [int(r[0]) for r in psql(url, f"SELECT seq FROM audit_log WHERE seq > {seq_before} ORDER BY seq")]
    if seqs != list(range(seq_before + 1, seq_before + 1 + len(seqs))):
        raise Failure(f"audit seq has gaps after the imports: {seqs[:20]}")
    print(f"import: 2 concurrent imports of {rows} officials each in {elapsed:.1f} s, both complete, "
          f"{len(seqs)} audit entries without gaps", flush=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as e:
        print(f"FAILED: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
