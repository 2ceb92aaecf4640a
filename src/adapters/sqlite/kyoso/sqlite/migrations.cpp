#include "kyoso/sqlite/migrations.hpp"

#include "kyoso/sqlite/sqlite_connection.hpp"

namespace kyoso::sqlite {

const std::vector<Migration>& SchemaMigrations() {
    static const std::vector<Migration> kMigrations = {
        {1, "governments",
         R"sql(
CREATE TABLE governments (
  code TEXT PRIMARY KEY CHECK (length(code) = 6),
  name TEXT NOT NULL,
  kana TEXT NOT NULL,
  parent_code TEXT,
  prefecture_code TEXT NOT NULL,
  prefecture_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('prefecture','designated_city','ward','core_city','special_ward','city','town','village')),
  is_core_city INTEGER NOT NULL DEFAULT 0,
  is_former_special_city INTEGER NOT NULL DEFAULT 0,
  no_government INTEGER NOT NULL DEFAULT 0,
  population INTEGER,
  fiscal_strength_index REAL,
  secondary_tertiary_share REAL,
  tertiary_share REAL,
  population_band TEXT NOT NULL DEFAULT '',
  similar_group TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL
);
CREATE INDEX governments_prefecture ON governments(prefecture_code, code);
CREATE INDEX governments_kind ON governments(kind, code);
CREATE INDEX governments_kana ON governments(kana, code);
CREATE INDEX governments_population ON governments(population, code);
CREATE TABLE milestone_overrides (
  government_code TEXT NOT NULL REFERENCES governments(code) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL DEFAULT 0, -- 0 = every year
  start_md TEXT NOT NULL,
  end_md TEXT NOT NULL,
  PRIMARY KEY (government_code, kind, fiscal_year)
);
)sql"},
        {2, "sales_foundation",
         R"sql(
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  policy_domains TEXT NOT NULL DEFAULT '',
  price_min INTEGER NOT NULL,
  price_max INTEGER NOT NULL,
  keywords TEXT NOT NULL DEFAULT ''
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  team TEXT NOT NULL DEFAULT ''
);
CREATE TABLE officials (
  id INTEGER PRIMARY KEY,
  government_code TEXT NOT NULL REFERENCES governments(code),
  department TEXT NOT NULL,
  name TEXT NOT NULL,
  kana TEXT NOT NULL,
  title TEXT NOT NULL,
  decision_role TEXT NOT NULL,
  posted_from TEXT
);
CREATE INDEX officials_government ON officials(government_code);
CREATE TABLE deals (
  id INTEGER PRIMARY KEY,
  government_code TEXT NOT NULL REFERENCES governments(code),
  product_id INTEGER NOT NULL REFERENCES products(id),
  owner_id INTEGER NOT NULL REFERENCES users(id),
  champion_id INTEGER REFERENCES officials(id),
  title TEXT NOT NULL,
  amount INTEGER NOT NULL,
  fiscal_year INTEGER NOT NULL,
  stage TEXT NOT NULL,
  procurement_method TEXT NOT NULL,
  budget_status TEXT NOT NULL,
  created_on TEXT NOT NULL,
  closed_on TEXT,
  lost_reason TEXT NOT NULL DEFAULT '',
  competitor TEXT NOT NULL DEFAULT '',
  award_amount INTEGER
);
CREATE INDEX deals_government ON deals(government_code);
CREATE INDEX deals_fiscal_year_stage ON deals(fiscal_year, stage);
CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  deal_id INTEGER REFERENCES deals(id),
  government_code TEXT NOT NULL REFERENCES governments(code),
  user_id INTEGER NOT NULL REFERENCES users(id),
  official_id INTEGER REFERENCES officials(id),
  type TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activities_deal ON activities(deal_id);
CREATE INDEX activities_government_date ON activities(government_code, occurred_on);
CREATE TABLE leads (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  government_code TEXT NOT NULL REFERENCES governments(code),
  official_id INTEGER REFERENCES officials(id),
  status TEXT NOT NULL,
  created_on TEXT NOT NULL,
  converted_deal_id INTEGER REFERENCES deals(id)
);
CREATE INDEX leads_government ON leads(government_code);
)sql"},
        {3, "deal_pipeline",
         R"sql(
ALTER TABLE deals ADD COLUMN budget_amount INTEGER;
ALTER TABLE deals ADD COLUMN notice_url TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN carried_from_deal_id INTEGER REFERENCES deals(id);
ALTER TABLE deals ADD COLUMN carried_to_deal_id INTEGER REFERENCES deals(id);
ALTER TABLE deals ADD COLUMN needs_follow_up INTEGER NOT NULL DEFAULT 0;
CREATE INDEX deals_owner ON deals(owner_id, id);
CREATE INDEX deals_stage_government ON deals(stage, government_code);
CREATE TABLE deal_stage_history (
  id INTEGER PRIMARY KEY,
  deal_id INTEGER NOT NULL REFERENCES deals(id),
  from_stage TEXT NOT NULL,
  to_stage TEXT NOT NULL,
  moved_by INTEGER NOT NULL REFERENCES users(id),
  moved_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deal_stage_history_deal ON deal_stage_history(deal_id, id);
)sql"},
        {4, "audit_log",
         R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END;
)sql"},
        {5, "crm_core",
         // The CRM objects of issue 3: the department tree, officials' posting
         // history and successions, deal line items and teams, activity
         // participants, custom fields, and external ids for import upserts.
         // List-valued text columns (policy_domains, keywords, choices) are ','-joined.
         R"sql(
CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  government_code TEXT NOT NULL REFERENCES governments(code),
  parent_id INTEGER REFERENCES departments(id),
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('bureau','division','section')),
  policy_domains TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  external_id TEXT,
  created_at TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX departments_unique_name ON departments(government_code, COALESCE(parent_id, 0), name);
CREATE INDEX departments_parent ON departments(parent_id);
CREATE UNIQUE INDEX departments_external_id ON departments(external_id) WHERE external_id IS NOT NULL;

ALTER TABLE officials ADD COLUMN department_id INTEGER REFERENCES departments(id);
ALTER TABLE officials ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE officials ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE officials ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0;
ALTER TABLE officials ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE officials ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE officials ADD COLUMN external_id TEXT;
CREATE INDEX officials_department ON officials(department_id);
CREATE INDEX officials_name_key ON officials(government_code, name_key);
CREATE UNIQUE INDEX officials_external_id ON officials(external_id) WHERE external_id IS NOT NULL;

CREATE TABLE official_postings (
  id INTEGER PRIMARY KEY,
  official_id INTEGER NOT NULL REFERENCES officials(id),
  government_code TEXT NOT NULL REFERENCES governments(code),
  department_id INTEGER REFERENCES departments(id),
  department_name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  from_date TEXT NOT NULL,
  to_date TEXT
);
CREATE INDEX official_postings_official ON official_postings(official_id, from_date);
CREATE INDEX official_postings_department ON official_postings(department_id, from_date);

CREATE TABLE official_successions (
  predecessor_id INTEGER NOT NULL REFERENCES officials(id),
  successor_id INTEGER NOT NULL REFERENCES officials(id),
  department_id INTEGER REFERENCES departments(id),
  effective_on TEXT NOT NULL,
  PRIMARY KEY (predecessor_id, successor_id, effective_on)
);
CREATE INDEX official_successions_successor ON official_successions(successor_id);

ALTER TABLE products ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX products_external_id ON products(external_id) WHERE external_id IS NOT NULL;
ALTER TABLE users ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX users_external_id ON users(external_id) WHERE external_id IS NOT NULL;

ALTER TABLE deals ADD COLUMN department_id INTEGER REFERENCES departments(id);
ALTER TABLE deals ADD COLUMN external_id TEXT;
ALTER TABLE deals ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX deals_external_id ON deals(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX deals_champion ON deals(champion_id);
CREATE TABLE deal_line_items (
  id INTEGER PRIMARY KEY,
  deal_id INTEGER NOT NULL REFERENCES deals(id),
  product_id INTEGER REFERENCES products(id),
  description TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0)
);
CREATE INDEX deal_line_items_deal ON deal_line_items(deal_id, id);
CREATE TABLE deal_team_members (
  deal_id INTEGER NOT NULL REFERENCES deals(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (deal_id, user_id, role)
);

ALTER TABLE activities ADD COLUMN external_id TEXT;
ALTER TABLE activities ADD COLUMN occurred_at TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX activities_external_id ON activities(external_id) WHERE external_id IS NOT NULL;
CREATE TABLE activity_participants (
  activity_id INTEGER NOT NULL REFERENCES activities(id),
  user_id INTEGER REFERENCES users(id),
  official_id INTEGER REFERENCES officials(id),
  CHECK ((user_id IS NULL) <> (official_id IS NULL))
);
CREATE INDEX activity_participants_activity ON activity_participants(activity_id);
CREATE INDEX activity_participants_official ON activity_participants(official_id);

ALTER TABLE leads ADD COLUMN department_id INTEGER REFERENCES departments(id);
ALTER TABLE leads ADD COLUMN product_id INTEGER REFERENCES products(id);
ALTER TABLE leads ADD COLUMN owner_id INTEGER REFERENCES users(id);
ALTER TABLE leads ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN external_id TEXT;
ALTER TABLE leads ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX leads_external_id ON leads(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX leads_status ON leads(status, id);

CREATE TABLE custom_field_definitions (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL CHECK (entity IN ('lead','deal','government')),
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('text','number','date','choice')),
  choices TEXT NOT NULL DEFAULT '',
  required INTEGER NOT NULL DEFAULT 0,
  UNIQUE (entity, key)
);
CREATE TABLE custom_field_values (
  definition_id INTEGER NOT NULL REFERENCES custom_field_definitions(id),
  record_key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (definition_id, record_key)
);
CREATE INDEX custom_field_values_record ON custom_field_values(record_key);
)sql"},
        {7, "catalog_indexes",
         // Product deletion checks every reference to the product; lead lists
         // filter by owner and product and sort by date; deal lists sort by amount.
         R"sql(
CREATE INDEX deals_product ON deals(product_id);
CREATE INDEX deals_amount ON deals(amount, id);
CREATE INDEX deal_line_items_product ON deal_line_items(product_id);
CREATE INDEX leads_product ON leads(product_id);
CREATE INDEX leads_owner ON leads(owner_id, id);
CREATE INDEX leads_created_on ON leads(created_on, id);
)sql"},
        {8, "contact_log",
         // The compliance contact log (docs/compliance.md): every interaction with an
         // official, append-only like audit_log. Corrections are new rows naming the
         // corrected one in corrects_id. Official name and 所属 are snapshots.
         R"sql(
CREATE TABLE contact_log (
  id INTEGER PRIMARY KEY,
  government_code TEXT NOT NULL REFERENCES governments(code),
  official_id INTEGER REFERENCES officials(id),
  official_name TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL REFERENCES users(id),
  occurred_on TEXT NOT NULL,
  channel TEXT NOT NULL,
  summary TEXT NOT NULL,
  activity_id INTEGER REFERENCES activities(id),
  deal_id INTEGER REFERENCES deals(id),
  value_given TEXT NOT NULL DEFAULT '',
  value_given_yen INTEGER CHECK (value_given_yen IS NULL OR value_given_yen >= 0),
  value_received TEXT NOT NULL DEFAULT '',
  value_received_yen INTEGER CHECK (value_received_yen IS NULL OR value_received_yen >= 0),
  corrects_id INTEGER REFERENCES contact_log(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX contact_log_government_date ON contact_log(government_code, occurred_on, id);
CREATE INDEX contact_log_official ON contact_log(official_id, occurred_on, id);
CREATE INDEX contact_log_date ON contact_log(occurred_on, id);
CREATE INDEX contact_log_activity ON contact_log(activity_id);
-- Existing databases: every activity already logged with an official gets its entry
-- (what DealService::LogActivity records from now on).
INSERT INTO contact_log(government_code, official_id, official_name, department, user_id, occurred_on, channel,
                        summary, activity_id, deal_id, recorded_at)
SELECT a.government_code, a.official_id, o.name, o.department, a.user_id, a.occurred_on, a.type,
       CASE WHEN a.notes <> '' THEN a.notes WHEN a.outcome <> '' THEN a.outcome ELSE a.type END,
       a.id, a.deal_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM activities a JOIN officials o ON o.id = a.official_id ORDER BY a.occurred_on, a.id;
CREATE TRIGGER contact_log_no_update BEFORE UPDATE ON contact_log
BEGIN SELECT RAISE(ABORT, 'contact_log is append-only: record a correction (corrects_id) instead of changing an entry'); END;
CREATE TRIGGER contact_log_no_delete BEFORE DELETE ON contact_log
BEGIN SELECT RAISE(ABORT, 'contact_log is append-only: entries cannot be deleted'); END;
)sql"},
        {9, "search",
         // Full-text search (docs/search.md). Triggers queue every change of a
         // searchable record in search_dirty, whoever writes it (API, importers, the
         // sqlite3 shell); the application folds the text (ICU) and indexes the queue
         // before each search. search_fts holds character bigrams of the folded
         // text, rowid = search_docs.id.
         R"sql(
CREATE TABLE search_dirty (
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  PRIMARY KEY (kind, ref)
) WITHOUT ROWID;
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  government_code TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (kind, ref)
);
CREATE VIRTUAL TABLE search_fts USING fts5(kind UNINDEXED, grams, tokenize = 'unicode61 remove_diacritics 0');

-- The trigger bodies avoid INSERT OR IGNORE: inside a trigger fired by an UPSERT
-- (INSERT ... ON CONFLICT DO UPDATE) the outer statement's conflict policy wins.
CREATE TRIGGER search_governments_ins AFTER INSERT ON governments
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'government', r FROM (SELECT CAST(NEW.code AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'government' AND d.ref = q.r); END;
CREATE TRIGGER search_governments_upd AFTER UPDATE OF code, name, kana, prefecture_name ON governments
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'government', r FROM (SELECT CAST(OLD.code AS TEXT) AS r UNION SELECT CAST(NEW.code AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'government' AND d.ref = q.r); END;
CREATE TRIGGER search_governments_del AFTER DELETE ON governments
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'government', r FROM (SELECT CAST(OLD.code AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'government' AND d.ref = q.r); END;

CREATE TRIGGER search_officials_ins AFTER INSERT ON officials
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'official', r FROM (SELECT CAST(NEW.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'official' AND d.ref = q.r); END;
CREATE TRIGGER search_officials_upd AFTER UPDATE OF id, government_code, department, name, kana, title ON officials
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'official', r FROM (SELECT CAST(OLD.id AS TEXT) AS r UNION SELECT CAST(NEW.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'official' AND d.ref = q.r); END;
CREATE TRIGGER search_officials_del AFTER DELETE ON officials
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'official', r FROM (SELECT CAST(OLD.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'official' AND d.ref = q.r); END;

CREATE TRIGGER search_deals_ins AFTER INSERT ON deals
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'deal', r FROM (SELECT CAST(NEW.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'deal' AND d.ref = q.r); END;
CREATE TRIGGER search_deals_upd AFTER UPDATE OF id, government_code, title, competitor, lost_reason ON deals
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'deal', r FROM (SELECT CAST(OLD.id AS TEXT) AS r UNION SELECT CAST(NEW.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'deal' AND d.ref = q.r); END;
CREATE TRIGGER search_deals_del AFTER DELETE ON deals
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'deal', r FROM (SELECT CAST(OLD.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'deal' AND d.ref = q.r); END;

-- Activities and contact log entries arrive in bulk (imports, the demo): new rows
-- are found by id above search_watermark instead of one queue row each; their
-- updates and deletes are queued like the other kinds. Deleting the newest row
-- lowers the mark, so an id reused by the next insert is indexed again.
CREATE TABLE search_watermark (
  kind TEXT PRIMARY KEY,
  last_id INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO search_watermark(kind, last_id) VALUES ('activity', 0), ('contact', 0);
CREATE TRIGGER search_activities_upd AFTER UPDATE OF id, government_code, type, occurred_on, notes, outcome ON activities
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'activity', r FROM (SELECT CAST(OLD.id AS TEXT) AS r UNION SELECT CAST(NEW.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'activity' AND d.ref = q.r); END;
CREATE TRIGGER search_activities_del AFTER DELETE ON activities
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'activity', r FROM (SELECT CAST(OLD.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'activity' AND d.ref = q.r);
  UPDATE search_watermark SET last_id = OLD.id - 1 WHERE kind = 'activity' AND last_id >= OLD.id; END;


INSERT OR IGNORE INTO search_dirty SELECT 'government', code FROM governments;
INSERT OR IGNORE INTO search_dirty SELECT 'official', id FROM officials;
INSERT OR IGNORE INTO search_dirty SELECT 'deal', id FROM deals;
)sql"},
        {11, "webhooks",
         R"sql(
CREATE TABLE webhook_subscriptions (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL, -- patterns separated by spaces: "deal.* activity.log"
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  after_seq INTEGER NOT NULL DEFAULT 0 -- delivers audit entries with seq > after_seq
);
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  audit_seq INTEGER NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','succeeded','failed','dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL DEFAULT '',
  last_status_code INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  delivered_at TEXT NOT NULL DEFAULT '',
  UNIQUE (subscription_id, audit_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries(subscription_id, status, id);
CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempted_at TEXT NOT NULL,
  status_code INTEGER,
  error TEXT NOT NULL DEFAULT '',
  duration_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, id);
CREATE TABLE webhook_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL
);
-- A database that already has history does not replay it to its first subscription.
INSERT INTO webhook_cursor(id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM audit_log;
)sql"},
        {12, "accounts",
         R"sql(
ALTER TABLE users ADD COLUMN login TEXT;
CREATE UNIQUE INDEX users_login ON users(login) WHERE login IS NOT NULL;
ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN territory TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until TEXT NOT NULL DEFAULT '';
CREATE INDEX users_team ON users(team);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL DEFAULT '',
  last_used_at TEXT NOT NULL DEFAULT '',
  revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX api_tokens_user ON api_tokens(user_id, id);
CREATE TABLE access_policy (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  policy TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql"},
        {13, "web_app",
         // The web app (docs/api.md): the pipeline board and dashboards read deals by
         // fiscal year and stage with everything they filter on in the index (owner,
         // product, government for territory sharing), so they never touch the table;
         // the activity list and the activity-volume dashboard read activities by date
         // the same way. deals_board supersedes deals_fiscal_year_stage. Saved views are
         // per user and private.
         R"sql(
CREATE INDEX deals_board ON deals(fiscal_year, stage, amount, owner_id, product_id, government_code);
DROP INDEX deals_fiscal_year_stage;
CREATE INDEX deal_team_members_user ON deal_team_members(user_id, deal_id);
CREATE INDEX deal_stage_history_stages ON deal_stage_history(deal_id, from_stage, to_stage);
CREATE INDEX activities_occurred ON activities(occurred_on, type, user_id, deal_id, government_code);
CREATE INDEX activities_user ON activities(user_id, occurred_on);
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  list TEXT NOT NULL,
  name TEXT NOT NULL,
  state_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, list, name)
);
)sql"},
        {14, "activity_type_counts",
         // How many activities there are of each type, kept by triggers on every write
         // (API, imports, the demo, the sqlite3 shell), so the activity list's unfiltered
         // total does not count millions of rows on each request. Types not yet seen
         // get their row on first insert.
         R"sql(
CREATE TABLE activity_type_counts (
  type TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO activity_type_counts(type, n) SELECT type, COUNT(*) FROM activities GROUP BY type;
CREATE TRIGGER activity_type_counts_ins AFTER INSERT ON activities
BEGIN INSERT INTO activity_type_counts(type, n) SELECT NEW.type, 0
  WHERE NOT EXISTS (SELECT 1 FROM activity_type_counts WHERE type = NEW.type);
  UPDATE activity_type_counts SET n = n + 1 WHERE type = NEW.type; END;
CREATE TRIGGER activity_type_counts_del AFTER DELETE ON activities
BEGIN UPDATE activity_type_counts SET n = n - 1 WHERE type = OLD.type; END;
CREATE TRIGGER activity_type_counts_upd AFTER UPDATE OF type ON activities
BEGIN UPDATE activity_type_counts SET n = n - 1 WHERE type = OLD.type;
  INSERT INTO activity_type_counts(type, n) SELECT NEW.type, 0
  WHERE NOT EXISTS (SELECT 1 FROM activity_type_counts WHERE type = NEW.type);
  UPDATE activity_type_counts SET n = n + 1 WHERE type = NEW.type; END;
)sql"},
        {15, "calendar_feeds",
         // Private iCalendar feed URLs (docs/api.md, "Deadlines"): the token in the URL is
         // the credential, so only its SHA-256 is stored, like API tokens. scope is
         // "user" (the owner's open deals) or "team" (the deals of `team`'s users).
         R"sql(
CREATE TABLE calendar_feeds (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  scope TEXT NOT NULL,
  team TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL DEFAULT '',
  revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id, id);
)sql"},
        {16, "tender_notices",
         // Tender notices (docs/intel.md): one row per (source, source_key); dedupe_key
         // (folded title | organisation | issue date) finds the same notice from another
         // source. government_code is NULL until linked; review_state says whether the
         // notice waits in the review queue. Award columns are the competitor data.
         // notice_matches are the products a notice matched with the matched terms
         // (JSON array text); alerts tell the territory's owner about a new match.
         R"sql(
CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  source_key TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  organization_name TEXT NOT NULL DEFAULT '',
  lg_code TEXT NOT NULL DEFAULT '',
  city_code TEXT NOT NULL DEFAULT '',
  prefecture_name TEXT NOT NULL DEFAULT '',
  city_name TEXT NOT NULL DEFAULT '',
  government_code TEXT REFERENCES governments(code),
  category TEXT NOT NULL DEFAULT '',
  procedure_type TEXT NOT NULL DEFAULT '',
  issued_on TEXT,
  due_on TEXT,
  award_winner TEXT NOT NULL DEFAULT '',
  award_amount INTEGER,
  awarded_on TEXT,
  dedupe_key TEXT NOT NULL,
  review_state TEXT NOT NULL CHECK (review_state IN ('linked','needs_review','dismissed')),
  link_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (source, source_key)
);
CREATE INDEX notices_dedupe ON notices(dedupe_key);
CREATE INDEX notices_government ON notices(government_code, issued_on);
CREATE INDEX notices_review ON notices(review_state, id);
CREATE INDEX notices_issued ON notices(issued_on, id);
CREATE TABLE notice_matches (
  notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  score REAL NOT NULL,
  terms TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (notice_id, product_id)
);
CREATE INDEX notice_matches_product ON notice_matches(product_id, notice_id);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  notice_id INTEGER REFERENCES notices(id) ON DELETE CASCADE,
  product_id INTEGER REFERENCES products(id) ON DELETE CASCADE,
  government_code TEXT REFERENCES governments(code),
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_user ON alerts(user_id, read_at, id);
)sql"},
        {18, "signals",
         // Signals before the tender (docs/intel.md): passages of council minutes, 一般質問
         // notices and budget text with their cue and matched products. source_ref is unique
         // per government, so re-importing a file adds nothing. Signals are searchable
         // (kind "signal"): triggers queue every insert, passage change and delete.
         R"sql(
CREATE TABLE signals (
  id INTEGER PRIMARY KEY,
  government_code TEXT NOT NULL REFERENCES governments(code),
  source_kind TEXT NOT NULL,
  session TEXT NOT NULL,
  spoken_on TEXT NOT NULL,
  speaker TEXT NOT NULL,
  role TEXT NOT NULL,
  passage TEXT NOT NULL,
  cue TEXT NOT NULL,
  cue_phrase TEXT NOT NULL,
  products_json TEXT NOT NULL,
  score REAL NOT NULL,
  source_url TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  lead_id INTEGER REFERENCES leads(id),
  dismissed INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (government_code, source_ref)
);
CREATE INDEX signals_government ON signals(government_code, spoken_on);
CREATE INDEX signals_spoken ON signals(spoken_on);
CREATE TRIGGER search_signals_ins AFTER INSERT ON signals
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'signal', r FROM (SELECT CAST(NEW.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'signal' AND d.ref = q.r); END;
CREATE TRIGGER search_signals_upd AFTER UPDATE OF id, government_code, passage, speaker, role ON signals
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'signal', r FROM (SELECT CAST(OLD.id AS TEXT) AS r UNION SELECT CAST(NEW.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'signal' AND d.ref = q.r); END;
CREATE TRIGGER search_signals_del AFTER DELETE ON signals
BEGIN INSERT INTO search_dirty(kind, ref) SELECT 'signal', r FROM (SELECT CAST(OLD.id AS TEXT) AS r) q
  WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'signal' AND d.ref = q.r); END;
)sql"},
        {19, "division_routing",
         // Teams, territories, absences and lead routing (docs/division-of-labour.md).
         // teams.name is users.team (the membership key); the backfill makes one team per
         // distinct users.team with its lowest-id manager. routing_weights belong to a rule
         // (rule_id) or a team (team_id); routing_round_robin keeps the smooth weighted
         // round-robin current weights per rule; lead_assignments records every assignment.
         R"sql(
CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL DEFAULT '',
  manager_id INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
);
INSERT INTO teams(name, role, manager_id, created_at)
SELECT u.team,
  COALESCE((SELECT CASE WHEN COUNT(DISTINCT r.role) = 1 THEN MIN(r.role) ELSE '' END
    FROM users r WHERE r.team = u.team AND r.role <> 'manager'), ''),
  (SELECT MIN(m.id) FROM users m WHERE m.team = u.team AND m.role = 'manager'),
  strftime('%Y-%m-%dT%H:%M:%SZ','now')
FROM users u WHERE u.team <> '' GROUP BY u.team;
CREATE TABLE territories (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES users(id),
  prefecture_code TEXT NOT NULL DEFAULT '',
  government_code TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  government_kind TEXT NOT NULL DEFAULT '',
  policy_domain TEXT NOT NULL DEFAULT ''
);
CREATE INDEX territories_team ON territories(team_id, id);
CREATE TABLE absences (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX absences_user ON absences(user_id, ends_on);
CREATE INDEX absences_ends ON absences(ends_on);
CREATE TABLE routing_rules (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  conditions_json TEXT NOT NULL DEFAULT '{}',
  team_id INTEGER NOT NULL REFERENCES teams(id),
  strategy TEXT NOT NULL CHECK (strategy IN ('round_robin','least_open','named_owner')),
  owner_id INTEGER REFERENCES users(id),
  reroute_after_business_days INTEGER NOT NULL DEFAULT 3,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX routing_rules_position ON routing_rules(position, id);
CREATE TABLE routing_weights (
  rule_id INTEGER REFERENCES routing_rules(id) ON DELETE CASCADE,
  team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  weight INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX routing_weights_rule ON routing_weights(rule_id, user_id);
CREATE INDEX routing_weights_team ON routing_weights(team_id, user_id);
CREATE TABLE routing_round_robin (
  rule_id INTEGER NOT NULL REFERENCES routing_rules(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  current_weight INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (rule_id, user_id)
);
CREATE TABLE lead_assignments (
  id INTEGER PRIMARY KEY,
  lead_id INTEGER NOT NULL REFERENCES leads(id),
  user_id INTEGER REFERENCES users(id),
  previous_user_id INTEGER REFERENCES users(id),
  rule_id INTEGER REFERENCES routing_rules(id),
  kind TEXT NOT NULL CHECK (kind IN ('routed','rerouted','manual')),
  reason TEXT NOT NULL,
  assigned_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX lead_assignments_lead ON lead_assignments(lead_id, id);
)sql"},
        {20, "handoffs",
         // Hand-offs between sales roles with SLA timers in business days
         // (docs/division-of-labour.md, "Hand-offs and SLAs"). handoff_types holds the
         // three kinds with their checklist (JSON array of labels), SLA and escalation in
         // business days; handoffs one hand-off of a lead or a deal (exactly one is set)
         // with the checklist as handed over (JSON). breached_on / escalated_on are set by
         // the sweep; escalations alert the manager through alerts.handoff_id.
         R"sql(
CREATE TABLE handoff_types (
  kind TEXT PRIMARY KEY,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  from_role TEXT NOT NULL,
  to_role TEXT NOT NULL,
  checklist_json TEXT NOT NULL,
  sla_business_days INTEGER NOT NULL,
  escalate_after_business_days INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL DEFAULT ''
);
INSERT INTO handoff_types(kind, name_ja, name_en, from_role, to_role, checklist_json, sla_business_days,
  escalate_after_business_days) VALUES
  ('bdr_to_is', 'BDR → インサイドセールス', 'BDR → inside sales', 'bdr', 'inside_sales',
   '["課題・関心","担当者と決裁者","予算状況","次の接点"]', 1, 0),
  ('is_to_fs', 'インサイドセールス → フィールドセールス', 'Inside sales → field sales', 'inside_sales', 'field_sales',
   '["面談日程","予算要求の時期","競合","調達方式の見込み"]', 2, 1),
  ('fs_to_cs', 'フィールドセールス → カスタマーサクセス', 'Field sales → customer success', 'field_sales',
   'customer_success', '["契約内容","導入スケジュール","成果指標の合意","主要担当者"]', 3, 1);
CREATE TABLE handoffs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL REFERENCES handoff_types(kind),
  lead_id INTEGER REFERENCES leads(id),
  deal_id INTEGER REFERENCES deals(id),
  from_user_id INTEGER NOT NULL REFERENCES users(id),
  to_user_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('pending','accepted','returned','cancelled')),
  checklist_json TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  due_on TEXT NOT NULL,
  responded_on TEXT,
  responded_at TEXT,
  responded_by_user_id INTEGER REFERENCES users(id),
  return_reason TEXT NOT NULL DEFAULT '',
  breached_on TEXT,
  escalated_to_user_id INTEGER REFERENCES users(id),
  escalated_on TEXT,
  CHECK ((lead_id IS NULL AND deal_id IS NOT NULL) OR (lead_id IS NOT NULL AND deal_id IS NULL))
);
CREATE INDEX handoffs_to_user ON handoffs(to_user_id, status, id);
CREATE INDEX handoffs_from_user ON handoffs(from_user_id, status, id);
CREATE INDEX handoffs_status_due ON handoffs(status, due_on);
CREATE INDEX handoffs_lead ON handoffs(lead_id);
CREATE INDEX handoffs_deal ON handoffs(deal_id);
ALTER TABLE alerts ADD COLUMN handoff_id INTEGER REFERENCES handoffs(id);
)sql"},
        {21, "cadences",
         // Cadences (シーケンス) with A/B variants per step, their enrolments and the
         // tasks they generate (plus manual tasks): docs/division-of-labour.md,
         // "Cadences and tasks". A task of an enrolment is unique per (enrolment, step),
         // so generating due tasks twice adds nothing.
         R"sql(
CREATE TABLE cadences (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL,
  owner_team TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE TABLE cadence_steps (
  id INTEGER PRIMARY KEY,
  cadence_id INTEGER NOT NULL REFERENCES cadences(id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  wait_business_days INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL DEFAULT '',
  template TEXT NOT NULL DEFAULT '',
  variant_b_kind TEXT,
  variant_b_title TEXT,
  variant_b_template TEXT,
  UNIQUE (cadence_id, position)
);
CREATE TABLE cadence_enrolments (
  id INTEGER PRIMARY KEY,
  cadence_id INTEGER NOT NULL REFERENCES cadences(id),
  lead_id INTEGER REFERENCES leads(id),
  official_id INTEGER REFERENCES officials(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  variant TEXT NOT NULL,
  started_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  outcome TEXT NOT NULL DEFAULT '',
  outcome_on TEXT NOT NULL DEFAULT '',
  current_position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX cadence_enrolments_cadence ON cadence_enrolments(cadence_id, status);
CREATE INDEX cadence_enrolments_status ON cadence_enrolments(status, id);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  due_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  lead_id INTEGER REFERENCES leads(id),
  official_id INTEGER REFERENCES officials(id),
  government_code TEXT NOT NULL DEFAULT '',
  enrolment_id INTEGER REFERENCES cadence_enrolments(id),
  step_id INTEGER REFERENCES cadence_steps(id),
  variant TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open',
  result TEXT NOT NULL DEFAULT '',
  completed_on TEXT NOT NULL DEFAULT '',
  activity_id INTEGER REFERENCES activities(id),
  created_at TEXT NOT NULL,
  UNIQUE (enrolment_id, step_id)
);
CREATE INDEX tasks_user_due ON tasks(user_id, status, due_on);
)sql"},
        {22, "phases_outcomes_quotas",
         // Phases, outcomes and quotas (docs/division-of-labour.md): deals.support_phase is
         // an explicit override of the derived phase ('' = derived from stage and budget
         // status); outcome metrics of won deals with their measured values; quotas per
         // fiscal year for the company (team '', user NULL), a team or a user.
         R"sql(
ALTER TABLE deals ADD COLUMN support_phase TEXT NOT NULL DEFAULT ''
  CHECK (support_phase IN ('', 'policy_formation', 'implementation'));
CREATE TABLE outcome_metrics (
  id INTEGER PRIMARY KEY,
  deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  government_code TEXT NOT NULL REFERENCES governments(code),
  product_id INTEGER NOT NULL REFERENCES products(id),
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease')),
  baseline REAL NOT NULL,
  baseline_on TEXT NOT NULL,
  target REAL NOT NULL,
  target_on TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX outcome_metrics_deal ON outcome_metrics(deal_id, id);
CREATE INDEX outcome_metrics_government ON outcome_metrics(government_code, id);
CREATE TABLE outcome_measurements (
  id INTEGER PRIMARY KEY,
  metric_id INTEGER NOT NULL REFERENCES outcome_metrics(id) ON DELETE CASCADE,
  measured_on TEXT NOT NULL,
  value REAL NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX outcome_measurements_metric ON outcome_measurements(metric_id, measured_on);
CREATE TABLE quotas (
  id INTEGER PRIMARY KEY,
  fiscal_year INTEGER NOT NULL,
  team TEXT NOT NULL DEFAULT '',
  user_id INTEGER REFERENCES users(id),
  metric TEXT NOT NULL,
  target REAL NOT NULL,
  UNIQUE (fiscal_year, team, user_id, metric)
);
CREATE INDEX quotas_fiscal_year ON quotas(fiscal_year, id);
)sql"},
        {23, "ml_models",
         // The model registry (docs/ml.md "The model registry"): one row per trained
         // version of a model; the booster is XGBoost's UBJSON as base64 text (the
         // shared statement layer binds text, not blobs), the calibrator its Encode() text.
         R"sql(
CREATE TABLE ml_models (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  trained_at TEXT NOT NULL,
  window_from TEXT NOT NULL,
  window_to TEXT NOT NULL,
  metrics TEXT NOT NULL DEFAULT '{}',
  features TEXT NOT NULL DEFAULT '[]',
  calibrator TEXT NOT NULL DEFAULT 'identity',
  model_base64 TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0,
  UNIQUE (name, version)
);
CREATE INDEX ml_models_name_active ON ml_models(name, active);
)sql"},
        {24, "forecast_adjustments",
         // Manager adjustments of the revenue forecast (docs/ml.md, "Forecast"), stored beside
         // the model's figures: per fiscal year (quarter 0) or quarter, optionally a team; a
         // delta or an override with its reason and author. Withdrawn rows stay (withdrawn_at).
         R"sql(
CREATE TABLE forecast_adjustments (
  id INTEGER PRIMARY KEY,
  fiscal_year INTEGER NOT NULL,
  quarter INTEGER NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
  team TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('delta', 'override')),
  amount INTEGER NOT NULL,
  reason TEXT NOT NULL,
  author_id INTEGER NOT NULL DEFAULT 0,
  author_name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  withdrawn_at TEXT NOT NULL DEFAULT '',
  withdrawn_by INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX forecast_adjustments_year ON forecast_adjustments(fiscal_year, id);
)sql"},
        {25, "nba_feedback",
         // Accept / dismiss decisions on next best actions (docs/ml.md, "Next best actions
         // and similar governments"): the action key is "<rule>:<record kind>:<record id>:<anchor>".
         R"sql(
CREATE TABLE nba_feedback (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  action_key TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('accept', 'dismiss')),
  reason TEXT NOT NULL DEFAULT '',
  decided_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX nba_feedback_user ON nba_feedback(user_id, id);
)sql"},
        {26, "transformation_diagnosis",
         // The organisation diagnosis (docs/transformation.md, "Diagnosis"): questionnaire
         // assessments with one answer (level 1-5) per question key; activities.created_at
         // is when the record was created (UTC ISO, '' = unknown: rows from before this
         // migration, imports and writers that do not stamp it), read by the same-day
         // logging signal.
         R"sql(
CREATE TABLE diagnosis_assessments (
  id INTEGER PRIMARY KEY,
  assessed_on TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX diagnosis_assessments_on ON diagnosis_assessments(assessed_on, id);
CREATE TABLE diagnosis_answers (
  assessment_id INTEGER NOT NULL REFERENCES diagnosis_assessments(id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, question_key)
);
ALTER TABLE activities ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
)sql"},
        {27, "case_studies",
         // The case library (docs/transformation.md, "Case library"): successes and failures
         // of deployments linked to a government, a product and optionally a deal, with the
         // folded bigrams of their texts (domain::IndexGrams, space framed) for Japanese search.
         R"sql(
CREATE TABLE case_studies (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('success', 'failure')),
  title TEXT NOT NULL,
  government_code TEXT NOT NULL REFERENCES governments(code),
  product_id INTEGER NOT NULL REFERENCES products(id),
  deal_id INTEGER REFERENCES deals(id),
  summary TEXT NOT NULL DEFAULT '',
  approach TEXT NOT NULL DEFAULT '',
  lessons TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  grams TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX case_studies_government ON case_studies(government_code, product_id);
CREATE INDEX case_studies_product ON case_studies(product_id, id);
CREATE INDEX case_studies_created_on ON case_studies(created_on);
)sql"},
        {28, "experiments",
         // Experiments (docs/transformation.md, "Experiments"): a cadence's A/B variants or a
         // pilot team against a comparison team ('' = everyone else), one outcome and a
         // horizon fixed in advance. The status is derived from the dates and stopped_on.
         R"sql(
CREATE TABLE experiments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  hypothesis TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('cadence_ab', 'pilot_team')),
  cadence_id INTEGER REFERENCES cadences(id),
  pilot_team TEXT NOT NULL DEFAULT '',
  comparison_team TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  start_on TEXT NOT NULL,
  horizon_on TEXT NOT NULL,
  min_per_arm INTEGER,
  stopped_on TEXT,
  stop_reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX experiments_horizon ON experiments(horizon_on, id);
)sql"},
        {29, "plan_progress",
         // Progress of the staged action plan's actions (docs/transformation.md, "Staged
         // action plan"): one row per catalogue key; the plan itself is generated, not stored.
         R"sql(
CREATE TABLE plan_progress (
  action_key TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done')),
  note TEXT NOT NULL DEFAULT '',
  updated_by INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
)sql"},
    };
    return kMigrations;
}

Result<int> CurrentVersion(sqlite3* db) {
    KYOSO_RETURN_IF_ERROR(Exec(db,
                               "CREATE TABLE IF NOT EXISTS schema_migrations ("
                               " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                               " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))"));
    Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    Status st;
    if (!q.Step(&st)) return st.ok() ? Internal("schema_migrations: no row") : st;
    return static_cast<int>(q.Int(0));
}

Result<int> Migrate(sqlite3* db, const std::vector<Migration>& migrations) {
    auto current = CurrentVersion(db);
    if (!current.ok()) return current.status();
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (*current > latest) {
        return FailedPrecondition("database schema version " + std::to_string(*current) +
                                  " is newer than this kyoso knows (" + std::to_string(latest) +
                                  "); upgrade kyoso instead of opening this database with an older build");
    }
    if (*current == latest) return latest;
    KYOSO_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
    for (const Migration& m : migrations) {
        if (m.version <= *current) continue;
        Status st = Exec(db, m.sql);
        if (st.ok()) {
            Statement ins(db, "INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
            st = ins.Bind(1, m.version).Bind(2, m.name).Run();
        }
        if (!st.ok()) {
            (void)Exec(db, "ROLLBACK");
            return FailedPrecondition("migration " + std::to_string(m.version) + " (" + m.name +
                                      ") failed: " + st.message() + "; the database was left unchanged at version " +
                                      std::to_string(*current));
        }
    }
    Status commit = Exec(db, "COMMIT");
    if (!commit.ok()) {
        (void)Exec(db, "ROLLBACK");
        return FailedPrecondition("committing migrations failed: " + commit.message() +
                                  "; the database was left unchanged at version " + std::to_string(*current));
    }
    return latest;
}

}  // namespace kyoso::sqlite
