#!/usr/bin/env bash
# Checks the PostgreSQL schema (src/adapters/postgres/kyoso/postgres/schema.cpp) on a throwaway
# PostgreSQL 15 cluster:
#   1. every migration applies, each as ONE multi-statement query in its own transaction (as
#      the migrator sends it), on a database that already holds rows, so the backfills run;
#   2. the result has the SQLite schema's versions, names, tables, columns (order, type, NOT
#      NULL, default), keys, foreign keys, indexes and triggers (SQLite schema applied with
#      Python's sqlite3; PostgreSQL read from its catalogs);
#   3. the triggers behave: search queue, activity type counts, append-only logs, identities.
# Needs a C++20 compiler, libsqlite3-dev, python3, PostgreSQL 15. Prints "ok" and exits 0.
#
#   tests/support/pg_schema_check.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cxx=${CXX:-c++}
work=$(mktemp -d)
cluster=$(mktemp -d)
cleanup() {
    "$root/tests/support/pg_cluster.sh" stop "$cluster" || true
    rm -rf "$work"
}
trap cleanup EXIT

# Each backend's migrations as files NNN_name.sql, written by a throwaway program.
cat >"$work/dump.cpp" <<'EOF'
#include <cstdio>
#include <fstream>
#include <string>
#include MIGRATIONS_HEADER
int main(int argc, char** argv) {
    if (argc != 2) return 2;
    for (const auto& m : MIGRATIONS()) {
        char version[16];
        std::snprintf(version, sizeof version, "%03d", m.version);
        std::ofstream out(std::string(argv[1]) + "/" + version + "_" + m.name + ".sql");
        out << m.sql;
        if (!out) return 1;
    }
    return 0;
}
EOF
mkdir -p "$work/pg" "$work/sqlite"
"$cxx" -std=c++20 -DMIGRATIONS_HEADER='"kyoso/postgres/schema.hpp"' -DMIGRATIONS=kyoso::postgres::PostgresMigrations \
    -I"$root/src/adapters/postgres" -I"$root/src/adapters/sql" "$work/dump.cpp" \
    "$root/src/adapters/postgres/kyoso/postgres/schema.cpp" -o "$work/dump_pg"
"$cxx" -std=c++20 -DMIGRATIONS_HEADER='"kyoso/sqlite/migrations.hpp"' -DMIGRATIONS=kyoso::sqlite::SchemaMigrations \
    -I"$root/src/adapters/sqlite" -I"$root/src/adapters/sql" -I"$root/src/core" "$work/dump.cpp" \
    "$root/src/adapters/sqlite/kyoso/sqlite/migrations.cpp" "$root/src/adapters/sqlite/kyoso/sqlite/sqlite_connection.cpp" \
    "$root/src/adapters/sql/kyoso/sql/statement.cpp" \
    "$root/src/core/kyoso/core/status.cpp" -lsqlite3 -o "$work/dump_sqlite"
"$work/dump_pg" "$work/pg"
"$work/dump_sqlite" "$work/sqlite"
pg_list=$(cd "$work/pg" && ls)
sqlite_list=$(cd "$work/sqlite" && ls)
if [[ "$pg_list" != "$sqlite_list" ]]; then
    echo "FAIL: migration versions/names differ (PostgreSQL | SQLite):" >&2
    diff <(echo "$pg_list") <(echo "$sqlite_list") >&2 || true
    exit 1
fi

url=$("$root/tests/support/pg_cluster.sh" start "$cluster")
q() { psql "$url" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
apply() { # file: the whole migration as one query, in one transaction
    psql "$url" -X -q -v ON_ERROR_STOP=1 --single-transaction -c "$(cat "$1")" ||
        { echo "FAIL: migration $(basename "$1") does not apply" >&2; exit 1; }
}
expect() { # description, SQL, expected output
    local got
    got=$(q "$2" 2>&1) || true
    [[ "$got" == "$3" ]] || { printf 'FAIL: %s\n  SQL: %s\n  expected: %s\n  got: %s\n' "$1" "$2" "$3" "$got" >&2; exit 1; }
}
expect_error() { # description, SQL, expected message fragment
    local got
    if got=$(q "$2" 2>&1); then
        printf 'FAIL: %s: succeeded\n  SQL: %s\n' "$1" "$2" >&2
        exit 1
    fi
    [[ "$got" == *"$3"* ]] || { printf 'FAIL: %s\n  expected error: %s\n  got: %s\n' "$1" "$3" "$got" >&2; exit 1; }
}

# 1. Migrations 1-2, rows, then the rest: the backfills of 8, 9, 11 and 14 see existing data.
files=("$work"/pg/*.sql)
apply "${files[0]}"
apply "${files[1]}"
q "INSERT INTO governments(code, name, kana, prefecture_code, prefecture_name, kind, search_key)
     VALUES ('131016', '千代田区', 'ちよだく', '13', '東京都', 'special_ward', 'ちよだく');
   INSERT INTO users(id, name, role) VALUES (7, '営業 太郎', 'rep');
   INSERT INTO products(id, name, price_min, price_max) VALUES (3, '防災アプリ', 100, 200);
   INSERT INTO officials(id, government_code, department, name, kana, title, decision_role)
     VALUES (11, '131016', '防災課', '山田 花子', 'やまだ はなこ', '課長', 'decider');
   INSERT INTO deals(id, government_code, product_id, owner_id, title, amount, fiscal_year, stage,
                     procurement_method, budget_status, created_on)
     VALUES (21, '131016', 3, 7, '防災アプリ導入', 5000000, 2026, 'lead', 'proposal', 'none', '2026-04-01');
   INSERT INTO activities(id, deal_id, government_code, user_id, official_id, type, occurred_on, notes)
     VALUES (31, 21, '131016', 7, 11, 'visit', '2026-05-01', '初回訪問');" >/dev/null
for f in "${files[@]:2}"; do apply "$f"; done
expect "contact_log backfill" "SELECT official_name, channel, summary, activity_id, recorded_at ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$' FROM contact_log" \
    "山田 花子|visit|初回訪問|31|t"
expect "search_dirty backfill" "SELECT string_agg(kind || ':' || ref, ' ' ORDER BY kind, ref) FROM search_dirty" \
    "deal:21 government:131016 official:11"
expect "activity_type_counts backfill" "SELECT type || '=' || n FROM activity_type_counts" "visit=1"
expect "webhook_cursor backfill" "SELECT id || ':' || last_seq FROM webhook_cursor" "1:0"
expect "search_watermark rows" "SELECT string_agg(kind || '=' || last_id, ' ' ORDER BY kind) FROM search_watermark" "activity=0 contact=0"

# 2. The same schema as SQLite.
python3 - "$work/sqlite" "$url" <<'PY'
import glob, os, sqlite3, subprocess, sys

sqlite_dir, url = sys.argv[1], sys.argv[2]
db = sqlite3.connect(":memory:")
for f in sorted(glob.glob(os.path.join(sqlite_dir, "*.sql"))):
    db.executescript(open(f, encoding="utf-8").read())

def pg(sql):
    out = subprocess.run(["psql", url, "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]

failures = []
def same(what, a, b):
    if a == b:
        return
    only_a, only_b = [x for x in a if x not in b], [x for x in b if x not in a]
    if only_a or only_b:
        failures.append(f"{what}:\n  only in SQLite:     {only_a}\n  only in PostgreSQL: {only_b}")
    else:
        failures.append(f"{what}: in a different order:\n  SQLite:     {a}\n  PostgreSQL: {b}")

tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                   "AND name NOT LIKE 'search_fts%' ORDER BY name")]
pg_tables = [r[0] for r in pg("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
same("tables", tables, pg_tables)

types = {"INTEGER": "bigint", "REAL": "double precision", "TEXT": "text", "BLOB": "bytea"}
def norm_default(d):
    if d is None or d.startswith("nextval(") or d == "":
        return None
    for suffix in ("::text", "::bigint", "::text[]"):
        if d.endswith(suffix):
            d = d[: -len(suffix)]
    return d
extra_columns = {("search_docs", "grams"), ("search_docs", "tokens")}
for t in tables:
    cols = [(name, types[ctype], bool(notnull or pk), norm_default(dflt))
            for _, name, ctype, notnull, dflt, pk in db.execute(f"PRAGMA table_info({t})")]
    pg_cols = [(name, ctype, nullable == "NO", norm_default(dflt)) for name, ctype, nullable, dflt in pg(
        "SELECT column_name, data_type, is_nullable, coalesce(column_default, '') FROM information_schema.columns "
        f"WHERE table_schema = 'public' AND table_name = '{t}' ORDER BY ordinal_position")]
    pg_cols = [c for c in pg_cols if (t, c[0]) not in extra_columns]
    same(f"columns of {t}", cols, pg_cols)
    pk = [name for _, name, _, _, _, pk in sorted(db.execute(f"PRAGMA table_info({t})"), key=lambda r: r[5]) if pk]
    pg_pk = [r[0] for r in pg("SELECT a.attname FROM pg_index ix JOIN pg_attribute a ON a.attrelid = ix.indrelid "
                              "AND a.attnum = ANY(ix.indkey) WHERE ix.indisprimary "
                              f"AND ix.indrelid = 'public.{t}'::regclass ORDER BY array_position(ix.indkey::int2[], a.attnum)")]
    same(f"primary key of {t}", pk, pg_pk)
    fks = sorted((r[3], r[2], r[4], r[6]) for r in db.execute(f"PRAGMA foreign_key_list({t})"))
    pg_fks = sorted(tuple(r) for r in pg(
        "SELECT a.attname, rt.relname, ra.attname, CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'a' THEN 'NO ACTION' "
        "ELSE c.confdeltype::text END FROM pg_constraint c JOIN pg_class rt ON rt.oid = c.confrelid "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] "
        f"WHERE c.contype = 'f' AND c.conrelid = 'public.{t}'::regclass"))
    same(f"foreign keys of {t}", fks, pg_fks)
    uniques = sorted(",".join(r[2] for r in db.execute(f"PRAGMA index_info({name})"))
                     for _, name, _, origin, _ in db.execute(f"PRAGMA index_list({t})") if origin == "u")
    pg_uniques = sorted(r[0] for r in pg(
        "SELECT string_agg(a.attname, ',' ORDER BY array_position(c.conkey, a.attnum)) FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
        f"WHERE c.contype = 'u' AND c.conrelid = 'public.{t}'::regclass GROUP BY c.oid"))
    same(f"unique constraints of {t}", uniques, pg_uniques)

indexes = {}
for t in tables:
    for _, name, unique, origin, partial in db.execute(f"PRAGMA index_list({t})"):
        if origin == "c":
            cols = ",".join(r[2] or "<expr>" for r in db.execute(f"PRAGMA index_info({name})"))
            indexes[name] = (t, cols, bool(unique), bool(partial))
pg_indexes = {}
for name, t, cols, unique, partial in pg(
        "SELECT i.relname, t.relname, (SELECT string_agg(coalesce(a.attname, '<expr>'), ',' ORDER BY k.o) "
        "  FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, o) "
        "  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n), ix.indisunique, ix.indpred IS NOT NULL "
        "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid "
        "JOIN pg_namespace ns ON ns.oid = t.relnamespace WHERE ns.nspname = 'public' "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid) "
        "AND i.relname <> 'search_docs_tokens'"):
    pg_indexes[name] = (t, cols, unique == "t", partial == "t")
same("indexes", sorted(indexes.items()), sorted(pg_indexes.items()))

triggers = sorted((r[1], r[0]) for r in db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"))
pg_triggers = sorted(tuple(r) for r in pg(
    "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE NOT t.tgisinternal AND t.tgname NOT LIKE '%\\_no\\_truncate'"))
same("triggers", triggers, pg_triggers)

if failures:
    print("FAIL: the PostgreSQL schema differs from SQLite's\n" + "\n".join(failures), file=sys.stderr)
    sys.exit(1)
PY

# 3. Trigger behaviour.
q "DELETE FROM search_dirty" >/dev/null
q "INSERT INTO governments(code, name, kana, prefecture_code, prefecture_name, kind, search_key)
     VALUES ('011002', '札幌市', 'さっぽろし', '01', '北海道', 'designated_city', 'さっぽろし')" >/dev/null
id_official=$(q "INSERT INTO officials(government_code, department, name, kana, title, decision_role)
                   VALUES ('011002', '情報政策課', '佐藤 一郎', 'さとう いちろう', '係長', 'influencer') RETURNING id")
expect "identity continues after explicit ids (sequence not resynced: 1)" "SELECT $id_official" "1"
id_deal=$(q "INSERT INTO deals(government_code, product_id, owner_id, title, amount, fiscal_year, stage,
                               procurement_method, budget_status, created_on)
               VALUES ('011002', 3, 7, '庁内DX', 1000, 2026, 'lead', 'proposal', 'none', '2026-04-02') RETURNING id")
expect "search_dirty after inserts" "SELECT string_agg(kind || ':' || ref, ' ' ORDER BY kind, ref) FROM search_dirty" \
    "deal:$id_deal government:011002 official:$id_official"
q "DELETE FROM search_dirty" >/dev/null
q "UPDATE governments SET population = 1 WHERE code = '011002'" >/dev/null
expect "update of an unindexed column queues nothing" "SELECT count(*) FROM search_dirty" "0"
q "UPDATE officials SET name = '佐藤 一朗' WHERE id = $id_official; UPDATE officials SET title = '主査' WHERE id = $id_official" >/dev/null
expect "official update queued once" "SELECT string_agg(kind || ':' || ref, ' ') FROM search_dirty" "official:$id_official"
q "DELETE FROM search_dirty" >/dev/null
q "UPDATE deals SET id = 99 WHERE id = $id_deal" >/dev/null
expect "key change queues old and new" "SELECT string_agg(kind || ':' || ref, ' ' ORDER BY ref) FROM search_dirty" "deal:$id_deal deal:99"
q "DELETE FROM search_dirty" >/dev/null

q "INSERT INTO activities(id, government_code, user_id, type, occurred_on) VALUES (40, '011002', 7, 'call', '2026-05-02')" >/dev/null
expect "activity insert is not queued (watermark)" "SELECT count(*) FROM search_dirty" "0"
expect "count for a new type" "SELECT n FROM activity_type_counts WHERE type = 'call'" "1"
q "INSERT INTO activities(id, government_code, user_id, type, occurred_on) VALUES (41, '011002', 7, 'call', '2026-05-03')" >/dev/null
expect "count for a known type" "SELECT n FROM activity_type_counts WHERE type = 'call'" "2"
q "UPDATE activities SET type = 'visit' WHERE id = 41" >/dev/null
expect "type change moves the count" "SELECT string_agg(type || '=' || n, ' ' ORDER BY type) FROM activity_type_counts" "call=1 visit=2"
q "UPDATE activities SET type = 'email' WHERE id = 41" >/dev/null
expect "type change to an unseen type" "SELECT string_agg(type || '=' || n, ' ' ORDER BY type) FROM activity_type_counts" \
    "call=1 email=1 visit=1"
q "UPDATE activities SET type = type, notes = 'x' WHERE id = 41" >/dev/null
expect "same type keeps the counts" "SELECT string_agg(type || '=' || n, ' ' ORDER BY type) FROM activity_type_counts" \
    "call=1 email=1 visit=1"
expect "activity update queued" "SELECT string_agg(kind || ':' || ref, ' ') FROM search_dirty" "activity:41"
q "UPDATE search_watermark SET last_id = 41 WHERE kind = 'activity'; DELETE FROM activities WHERE id = 41" >/dev/null
expect "delete lowers the count" "SELECT string_agg(type || '=' || n, ' ' ORDER BY type) FROM activity_type_counts" \
    "call=1 email=0 visit=1"
expect "delete of the newest lowers the watermark" "SELECT last_id FROM search_watermark WHERE kind = 'activity'" "40"
q "DELETE FROM activities WHERE id = 40" >/dev/null
expect "deleting the new newest lowers it again" "SELECT last_id FROM search_watermark WHERE kind = 'activity'" "39"

q "INSERT INTO audit_log(at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
     VALUES ('2026-05-01T00:00:00Z', 'u7', 'create', 'deal', '21', '{}', '{}', '', 'h1')" >/dev/null
expect "audit_log seq from identity" "SELECT seq FROM audit_log" "1"
expect_error "audit_log update" "UPDATE audit_log SET actor = 'x'" "audit_log is append-only: entries cannot be changed"
expect_error "audit_log delete" "DELETE FROM audit_log" "audit_log is append-only: entries cannot be deleted"
expect_error "audit_log truncate" "TRUNCATE audit_log" "audit_log is append-only: entries cannot be deleted"
expect_error "contact_log update" "UPDATE contact_log SET summary = 'x'" \
    "contact_log is append-only: record a correction (corrects_id) instead of changing an entry"
expect_error "contact_log delete" "DELETE FROM contact_log" "contact_log is append-only: entries cannot be deleted"
expect "append-only SQLSTATE" "DO \$\$ BEGIN UPDATE audit_log SET actor = 'x'; EXCEPTION WHEN restrict_violation THEN NULL; END \$\$; SELECT 'caught'" "caught"
expect "search_docs columns" "INSERT INTO search_docs(id, kind, ref, title, body, grams, tokens) VALUES (1, 'deal', '21', 't', 'b', ' 防災 災ア ', '{防災,災ア}');
  SELECT count(*) FROM search_docs WHERE tokens @> '{災ア}'" "1"
echo ok
