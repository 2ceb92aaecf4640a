#include "kyoso/app/demo/demo_builder.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using kyoso::testing::FixedClock;
using kyoso::testing::TempDb;

const Date kAsOf = MakeDate(2026, 11, 1);

const domain::BusinessCalendar& Calendar() {
    static const domain::BusinessCalendar cal(masterdata::BundledHolidays());
    return cal;
}

// A fresh database with the bundled government master loaded, as after
// `kyoso governments load`.
std::unique_ptr<sqlite::SqliteStore> OpenWithMaster(const std::string& path) {
    auto store = sqlite::SqliteStore::Open(path);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return nullptr;
    text::IcuTextNormalizer norm;
    FixedClock clock(kAsOf);
    crypto::OpenSslDigest digest;
    GovernmentService svc(**store, norm, clock, digest, Calendar());
    auto loaded = svc.LoadMasterData(masterdata::JpLocalGovSource::Bundled());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return std::move(store).value();
}

Result<DemoSummary> BuildDemo(ports::Store& store, std::uint64_t seed, DemoScale scale = DemoScale::kSmall) {
    static const FixedClock clock(kAsOf);
    static const crypto::OpenSslDigest digest;
    DemoBuilder builder(store, clock, digest, Calendar());
    ports::NullProgress progress;
    DemoOptions options;
    options.seed = seed;
    options.scale = scale;
    options.as_of = kAsOf;
    return builder.Build(options, progress);
}

// Read-only sqlite3 access for checks the ports do not offer.
class Db {
public:
    explicit Db(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            ADD_FAILURE() << "cannot open " << path;
        }
    }
    ~Db() { sqlite3_close_v2(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // Every row of `sql`, each column as text (NULL as "∅").
    std::vector<std::vector<std::string>> Rows(const std::string& sql) const {
        std::vector<std::vector<std::string>> out;
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
            ADD_FAILURE() << sqlite3_errmsg(db_) << " in: " << sql;
            return out;
        }
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                const unsigned char* t = sqlite3_column_text(stmt, i);
                row.emplace_back(t ? reinterpret_cast<const char*>(t) : "∅");
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(stmt);
        return out;
    }
    long long Int(const std::string& sql) const {
        auto rows = Rows(sql);
        return rows.empty() || rows[0].empty() ? -1 : std::atoll(rows[0][0].c_str());
    }
    std::string Text(const std::string& sql) const {
        auto rows = Rows(sql);
        return rows.empty() || rows[0].empty() ? "" : rows[0][0];
    }

private:
    sqlite3* db_ = nullptr;
};

// Canonical text of every demo table, for determinism checks.
std::string Dump(const std::string& path) {
    Db db(path);
    std::string out;
    for (const char* table : {"products", "users", "departments", "officials", "official_postings",
                              "official_successions", "leads", "deals", "deal_stage_history", "deal_line_items",
                              "deal_team_members", "activities", "activity_participants", "contact_log"}) {
        out += std::string("## ") + table + "\n";
        for (const auto& row : db.Rows(std::string("SELECT * FROM ") + table + " ORDER BY rowid")) {
            for (const auto& col : row) out += col + "\x1f";
            out += "\n";
        }
    }
    return out;
}

// Per-deal features computed from the stored rows only, the way a model would see
// them. The definitions are the ones in docs/demo-data.md.
struct DealFeatures {
    long long id = 0;
    std::string stage;
    std::string kind;
    std::string procurement;
    int fiscal_year = 0;
    double amount = 0;
    double price_min = 0, price_max = 0;
    std::optional<double> population;
    std::optional<double> fiscal_strength;
    bool quote_before_deadline = false;
    bool quote_late = false;  // a reference quote, but only after the deadline
    int visits_before_deadline = 0;
    bool champion_rotated = false;
    bool peer_adopted = false;
    bool inquiry = false;
    int cycle_days = 0;  // created → closed, closed deals only

    bool closed() const { return stage == "won" || stage == "lost" || stage == "deferred"; }
    bool tendered() const { return stage == "won" || stage == "lost"; }
    bool won() const { return stage == "won"; }
    // The budget gate: closed deals whose item got through the request and the
    // council (they went to tender) rather than being deferred.
    bool budget_passed() const { return stage == "won" || stage == "lost"; }
    // Where the amount sits in the product's price band on a log scale (0..1).
    double band_position() const { return std::log(amount / price_min) / std::log(price_max / price_min); }
};

std::vector<DealFeatures> LoadFeatures(const std::string& path) {
    static const std::string kPeerKey =
        "CASE WHEN {}.similar_group <> '' THEN {}.similar_group"
        " WHEN {}.kind IN ('prefecture','designated_city','core_city','special_ward') THEN {}.kind ELSE '' END";
    auto key = [](const std::string& alias) {
        std::string s = kPeerKey;
        for (size_t pos; (pos = s.find("{}")) != std::string::npos;) s.replace(pos, 2, alias);
        return s;
    };
    const std::string sql =
        "SELECT d.id, d.stage, g.kind, d.procurement_method, d.fiscal_year, d.amount, p.price_min, p.price_max,"
        " g.population, g.fiscal_strength_index,"
        " EXISTS(SELECT 1 FROM activities a WHERE a.deal_id = d.id AND a.type = 'reference_quote'"
        "        AND a.occurred_on <= printf('%d-11-15', d.fiscal_year - 1)),"
        " EXISTS(SELECT 1 FROM activities a WHERE a.deal_id = d.id AND a.type = 'reference_quote'"
        "        AND a.occurred_on > printf('%d-11-15', d.fiscal_year - 1)),"
        " (SELECT COUNT(*) FROM activities a WHERE a.deal_id = d.id AND a.type = 'visit'"
        "        AND a.occurred_on < printf('%d-11-15', d.fiscal_year - 1)),"
        // The champion's post got a new holder while the deal was open.
        " EXISTS(SELECT 1 FROM official_successions x WHERE x.predecessor_id = d.champion_id"
        "        AND x.effective_on > d.created_on AND x.effective_on <= COALESCE(d.closed_on, '9999-12-31')),"
        // A peer won the same product before this deal was opened.
        " EXISTS(SELECT 1 FROM deals w JOIN governments h ON h.code = w.government_code"
        "        WHERE w.product_id = d.product_id AND w.stage = 'won' AND w.closed_on < d.created_on"
        "        AND w.government_code <> d.government_code"
        "        AND ((g.kind <> 'prefecture' AND h.kind <> 'prefecture' AND h.prefecture_code = g.prefecture_code)"
        "             OR (" +
        key("g") + " <> '' AND " + key("g") + " = " + key("h") +
        "))),"
        " EXISTS(SELECT 1 FROM leads l WHERE l.converted_deal_id = d.id AND l.source = 'inquiry'),"
        " CAST(COALESCE(julianday(d.closed_on) - julianday(d.created_on), 0) AS INTEGER)"
        " FROM deals d JOIN governments g ON g.code = d.government_code JOIN products p ON p.id = d.product_id"
        " ORDER BY d.id";
    std::vector<DealFeatures> out;
    Db db(path);
    for (const auto& r : db.Rows(sql)) {
        DealFeatures f;
        f.id = std::atoll(r[0].c_str());
        f.stage = r[1];
        f.kind = r[2];
        f.procurement = r[3];
        f.fiscal_year = std::atoi(r[4].c_str());
        f.amount = std::atof(r[5].c_str());
        f.price_min = std::atof(r[6].c_str());
        f.price_max = std::atof(r[7].c_str());
        if (r[8] != "∅") f.population = std::atof(r[8].c_str());
        if (r[9] != "∅") f.fiscal_strength = std::atof(r[9].c_str());
        f.quote_before_deadline = r[10] == "1";
        f.quote_late = r[11] == "1";
        f.visits_before_deadline = std::atoi(r[12].c_str());
        f.champion_rotated = r[13] == "1";
        f.peer_adopted = r[14] == "1";
        f.inquiry = r[15] == "1";
        f.cycle_days = std::atoi(r[16].c_str());
        out.push_back(std::move(f));
    }
    return out;
}

struct Rate {
    int hits = 0;
    int n = 0;
    double value() const { return n ? static_cast<double>(hits) / n : 0; }
};

template <typename Include, typename Hit>
Rate RateOf(const std::vector<DealFeatures>& deals, Include include, Hit hit) {
    Rate r;
    for (const auto& d : deals) {
        if (!include(d)) continue;
        ++r.n;
        r.hits += hit(d) ? 1 : 0;
    }
    return r;
}

Rate WinRate(const std::vector<DealFeatures>& deals, bool (*group)(const DealFeatures&)) {
    return RateOf(
        deals, [&](const DealFeatures& d) { return d.closed() && group(d); },
        [](const DealFeatures& d) { return d.won(); });
}
Rate BudgetPassRate(const std::vector<DealFeatures>& deals, bool (*group)(const DealFeatures&)) {
    return RateOf(
        deals, [&](const DealFeatures& d) { return d.closed() && group(d); },
        [](const DealFeatures& d) { return d.budget_passed(); });
}

// The seed-1 small demo, built once for the whole suite.
class DemoBuilderSmall : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db_ = new TempDb("demo-shared");
        auto store = OpenWithMaster(db_->path());
        ASSERT_NE(store, nullptr);
        auto built = BuildDemo(*store, 1);
        ASSERT_TRUE(built.ok()) << built.status().ToString();
        summary_ = new DemoSummary(*built);
        features_ = new std::vector<DealFeatures>(LoadFeatures(db_->path()));
    }
    static void TearDownTestSuite() {
        delete features_;
        delete summary_;
        delete db_;
        features_ = nullptr;
        summary_ = nullptr;
        db_ = nullptr;
    }
    static const std::string& path() { return db_->path(); }

    static TempDb* db_;
    static DemoSummary* summary_;
    static std::vector<DealFeatures>* features_;
};
TempDb* DemoBuilderSmall::db_ = nullptr;
DemoSummary* DemoBuilderSmall::summary_ = nullptr;
std::vector<DealFeatures>* DemoBuilderSmall::features_ = nullptr;

// ---------------------------------------------------------------------------
// Determinism

TEST_F(DemoBuilderSmall, SameSeedGivesIdenticalRows) {
    TempDb other("demo-same");
    auto store = OpenWithMaster(other.path());
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(BuildDemo(*store, 1).ok());
    const std::string a = Dump(path());
    const std::string b = Dump(other.path());
    EXPECT_GT(a.size(), 100'000u);
    EXPECT_TRUE(a == b) << "two builds with seed 1 differ";
}

TEST_F(DemoBuilderSmall, DifferentSeedGivesDifferentRows) {
    TempDb other("demo-other");
    auto store = OpenWithMaster(other.path());
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(BuildDemo(*store, 2).ok());
    EXPECT_FALSE(Dump(path()) == Dump(other.path()));
}

// ---------------------------------------------------------------------------
// Shape

TEST_F(DemoBuilderSmall, SmallScaleCountsAreInTheExpectedRanges) {
    const auto& c = summary_->counts;
    EXPECT_GE(c.products, 5);
    EXPECT_LE(c.products, 8);
    EXPECT_GE(c.users, 30);
    EXPECT_LE(c.users, 50);
    EXPECT_GE(c.officials, 1'000);
    EXPECT_LE(c.officials, 2'000);
    EXPECT_GE(c.leads, 200);
    EXPECT_LE(c.leads, 800);
    EXPECT_GE(c.deals, 300);
    EXPECT_LE(c.deals, 600);
    EXPECT_GE(c.activities, 5'000);
    EXPECT_LE(c.activities, 15'000);
    // The summary counts what was written.
    Db db(path());
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals"), c.deals);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM activities"), c.activities);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM officials"), c.officials);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM leads"), c.leads);
    EXPECT_EQ(summary_->first_fiscal_year, 2024);
    EXPECT_EQ(summary_->last_fiscal_year, 2026);
}

TEST_F(DemoBuilderSmall, IdsAreSequentialFromOne) {
    Db db(path());
    for (const char* table : {"products", "users", "officials", "leads", "deals", "activities"}) {
        EXPECT_EQ(db.Int(std::string("SELECT MIN(id) FROM ") + table), 1) << table;
        EXPECT_EQ(db.Int(std::string("SELECT MAX(id) - COUNT(*) FROM ") + table), 0) << table;
    }
}

TEST_F(DemoBuilderSmall, TeamHasEveryRoleInNamedTeams) {
    Db db(path());
    for (const char* role : {"bdr", "inside_sales", "field_sales", "customer_success", "manager"}) {
        EXPECT_GT(db.Int(std::string("SELECT COUNT(*) FROM users WHERE role = '") + role + "'"), 0) << role;
    }
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM users WHERE team = '東日本チーム'"), 0);
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM users WHERE team = '西日本チーム'"), 0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM products WHERE policy_domains = '' OR keywords = ''"), 0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM products WHERE price_min <= 0 OR price_max <= price_min"), 0);
}

TEST_F(DemoBuilderSmall, OfficialsHaveDepartmentTitleKanaAndDecisionRole) {
    Db db(path());
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM officials WHERE department = '' OR kana = '' OR name = ''"
                     " OR posted_from IS NULL"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM officials WHERE decision_role NOT IN ('approver','owner','influencer')"), 0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM officials WHERE title NOT IN"
                     " ('部長','次長','課長','課長補佐','係長','主査','主任','主事')"),
              0);
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM officials WHERE department = '総務部 情報政策課'"), 0);
    // Rotations happen on 1 April.
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM officials WHERE posted_from LIKE '%-04-01'"), 0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM officials WHERE posted_from NOT LIKE '%-04-01'"), 0);
}

TEST_F(DemoBuilderSmall, DepartmentsFormATreePerGovernmentWithPolicyDomains) {
    Db db(path());
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM departments"), 100);
    // A child sits in its parent's government one level down; tops have no parent.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM departments c JOIN departments p ON p.id = c.parent_id"
                     " WHERE p.government_code <> c.government_code"
                     " OR NOT ((p.level = 'bureau' AND c.level = 'division')"
                     "      OR (p.level = 'division' AND c.level = 'section'))"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM departments WHERE parent_id IS NULL AND level = 'section'"), 0);
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM departments c JOIN departments p ON p.id = c.parent_id"
                     " WHERE p.name = '総務部' AND c.name = '情報政策課' AND c.policy_domains = 'DX'"),
              0);
    // Every official and every deal with a champion points into the tree.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM officials WHERE department_id IS NULL"), 0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM officials o JOIN departments d ON d.id = o.department_id"
                     " WHERE d.government_code <> o.government_code"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE champion_id IS NOT NULL AND department_id IS NULL"), 0);
}

TEST_F(DemoBuilderSmall, OfficialsHaveAContiguousPostingHistoryEndingInTheirCurrentPost) {
    Db db(path());
    // Exactly one open posting each, and it is the official's current post.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM officials o WHERE (SELECT COUNT(*) FROM official_postings p"
                     " WHERE p.official_id = o.id AND p.to_date IS NULL) <> 1"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM officials o JOIN official_postings p ON p.official_id = o.id"
                     " AND p.to_date IS NULL WHERE p.department_id <> o.department_id"
                     " OR p.department_name <> o.department OR p.from_date <> o.posted_from OR p.title <> o.title"),
              0);
    // A closed posting ends the day before the next one starts (人事異動 on 1 April).
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM official_postings a WHERE a.to_date IS NOT NULL AND NOT EXISTS("
                     " SELECT 1 FROM official_postings b WHERE b.official_id = a.official_id"
                     " AND b.from_date = date(a.to_date, '+1 day'))"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM official_postings WHERE to_date IS NOT NULL AND to_date NOT LIKE '%-03-31'"),
              0);
    const long long moved =
        db.Int("SELECT COUNT(DISTINCT official_id) FROM official_postings WHERE to_date IS NOT NULL");
    EXPECT_GT(moved, 20);
    EXPECT_LT(moved, db.Int("SELECT COUNT(*) FROM officials"));
}

TEST_F(DemoBuilderSmall, SuccessorsTakeOverThePostTheirPredecessorLeft) {
    Db db(path());
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM official_successions"), 20);
    // The predecessor's posting there ends the day before; the successor's starts that day.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM official_successions x WHERE NOT EXISTS(SELECT 1 FROM official_postings p"
                     " WHERE p.official_id = x.predecessor_id AND p.department_id = x.department_id"
                     " AND p.to_date = date(x.effective_on, '-1 day'))"
                     " OR NOT EXISTS(SELECT 1 FROM official_postings p WHERE p.official_id = x.successor_id"
                     " AND p.department_id = x.department_id AND p.from_date = x.effective_on)"),
              0);
}

TEST_F(DemoBuilderSmall, StageHistoryLeadsFromDiscoveryToTheCurrentStage) {
    Db db(path());
    // Every deal past 情報収集 has a history whose last move lands on its stage.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals d WHERE d.stage <> 'discovery' AND d.stage <> (SELECT h.to_stage"
                     " FROM deal_stage_history h WHERE h.deal_id = d.id ORDER BY h.id DESC LIMIT 1)"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals d WHERE d.stage = 'discovery' AND EXISTS(SELECT 1"
                     " FROM deal_stage_history h WHERE h.deal_id = d.id)"),
              0);
    // Moves chain (each starts where the previous ended), forward in time, by the owner.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deal_stage_history h JOIN deal_stage_history n ON n.deal_id = h.deal_id"
                     " AND n.id = (SELECT MIN(id) FROM deal_stage_history WHERE deal_id = h.deal_id AND id > h.id)"
                     " WHERE n.from_stage <> h.to_stage OR n.moved_on < h.moved_on"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deal_stage_history h WHERE h.id = (SELECT MIN(id) FROM deal_stage_history"
                     " WHERE deal_id = h.deal_id) AND h.from_stage <> 'discovery'"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id"
                     " WHERE h.moved_by <> d.owner_id OR h.note = ''"),
              0);
    // Budgeted deals carry the 予算額 the council passed.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE budget_status = 'passed' AND budget_amount IS NULL"), 0);
}

TEST_F(DemoBuilderSmall, DealsHaveLineItemsTeamsAndFollowUpFlags) {
    Db db(path());
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals d WHERE d.amount <> (SELECT SUM(quantity * unit_price)"
                     " FROM deal_line_items l WHERE l.deal_id = d.id)"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals d WHERE NOT EXISTS(SELECT 1 FROM deal_team_members m"
                     " WHERE m.deal_id = d.id AND m.user_id = d.owner_id AND m.role = 'field_sales')"),
              0);
    EXPECT_EQ(
        db.Int("SELECT COUNT(*) FROM deal_team_members m JOIN users u ON u.id = m.user_id WHERE u.role <> m.role"), 0);
    // Open deals whose champion rotated out wait for a follow-up; closed ones never do.
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM deals WHERE needs_follow_up = 1"), 0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE needs_follow_up = 1 AND stage IN ('won','lost','deferred')"), 0);
}

TEST_F(DemoBuilderSmall, LeadsNameTheirProductDepartmentAndBdr) {
    Db db(path());
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM leads WHERE product_id IS NULL OR owner_id IS NULL OR title = ''"), 0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM leads l JOIN users u ON u.id = l.owner_id WHERE u.role <> 'bdr'"), 0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM leads l JOIN officials o ON o.id = l.official_id"
                     " WHERE l.department_id IS NOT o.department_id AND o.posted_from <= l.created_on"),
              0);
    // A converted lead's deal sells the lead's product to the same government.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM leads l JOIN deals d ON d.id = l.converted_deal_id"
                     " WHERE d.product_id <> l.product_id OR d.government_code <> l.government_code"),
              0);
}

TEST_F(DemoBuilderSmall, CustomFieldsCarryTheCompanysOwnData) {
    Db db(path());
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM custom_field_definitions"), 4);
    // Every government the company sells to has its 基幹系システム更改年度 and 入札参加資格.
    for (const char* key : {"core_system_renewal_fy", "bid_qualification"}) {
        EXPECT_EQ(db.Int(std::string("SELECT COUNT(DISTINCT government_code) FROM deals WHERE government_code NOT IN"
                                     " (SELECT v.record_key FROM custom_field_values v JOIN custom_field_definitions d"
                                     " ON d.id = v.definition_id WHERE d.key = '") +
                         key + "')"),
                  0)
            << key;
    }
    EXPECT_EQ(
        db.Int("SELECT COUNT(*) FROM custom_field_values v JOIN custom_field_definitions d"
               " ON d.id = v.definition_id WHERE d.key = 'bid_qualification' AND v.value NOT IN ('A','B','C','D')"),
        0);
    // Tendered deals have a 調達案件番号; deals before the notice do not.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals d WHERE d.stage IN ('bidding','won','lost') AND NOT EXISTS(SELECT 1"
                     " FROM custom_field_values v JOIN custom_field_definitions f ON f.id = v.definition_id"
                     " WHERE f.key = 'procurement_number' AND v.record_key = CAST(d.id AS TEXT))"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM custom_field_values v JOIN custom_field_definitions f"
                     " ON f.id = v.definition_id JOIN deals d ON CAST(d.id AS TEXT) = v.record_key"
                     " WHERE f.key = 'procurement_number' AND d.stage IN ('discovery','qualified')"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM leads l WHERE l.source = 'seminar' AND NOT EXISTS(SELECT 1"
                     " FROM custom_field_values v JOIN custom_field_definitions f ON f.id = v.definition_id"
                     " WHERE f.key = 'campaign' AND v.record_key = CAST(l.id AS TEXT))"),
              0);
}

TEST_F(DemoBuilderSmall, ActivitiesListTheirParticipants) {
    Db db(path());
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM activities a WHERE NOT EXISTS(SELECT 1 FROM activity_participants p"
                     " WHERE p.activity_id = a.id AND p.user_id = a.user_id)"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM activities a WHERE a.official_id IS NOT NULL AND NOT EXISTS(SELECT 1"
                     " FROM activity_participants p WHERE p.activity_id = a.id AND p.official_id = a.official_id)"),
              0);
    // Every official met has its 接触記録 (the contact log a 情報公開 request discloses).
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM activities a WHERE a.official_id IS NOT NULL AND NOT EXISTS(SELECT 1"
                     " FROM contact_log c WHERE c.activity_id = a.id AND c.official_id = a.official_id"
                     " AND c.occurred_on = a.occurred_on AND c.government_code = a.government_code)"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM contact_log"),
              db.Int("SELECT COUNT(*) FROM activities WHERE official_id IS NOT NULL"));
    // Notes are written in Japanese.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM activities WHERE notes = ''"), 0);
}

TEST_F(DemoBuilderSmall, NothingIsDatedAfterAsOf) {
    Db db(path());
    const std::string as_of = FormatIsoDate(kAsOf);
    EXPECT_LE(db.Text("SELECT MAX(occurred_on) FROM activities"), as_of);
    EXPECT_LE(db.Text("SELECT MAX(created_on) FROM deals"), as_of);
    EXPECT_LE(db.Text("SELECT MAX(closed_on) FROM deals"), as_of);
    EXPECT_LE(db.Text("SELECT MAX(created_on) FROM leads"), as_of);
    EXPECT_LE(db.Text("SELECT MAX(posted_from) FROM officials"), as_of);
    // Contract years FY2024..FY2026 end to end, opened from FY2023 on, plus the
    // FY2027 pipeline opened in the as-of year.
    EXPECT_EQ(db.Int("SELECT MIN(fiscal_year) FROM deals"), summary_->first_fiscal_year);
    EXPECT_EQ(db.Int("SELECT MAX(fiscal_year) FROM deals"), summary_->last_fiscal_year + 1);
    EXPECT_GE(db.Text("SELECT MIN(occurred_on) FROM activities"), "2023-04-01");
    EXPECT_GE(db.Text("SELECT MIN(created_on) FROM leads"), "2023-04-01");
}

TEST_F(DemoBuilderSmall, ActivitiesFallOnBusinessDays) {
    Db db(path());
    for (const auto& row : db.Rows("SELECT DISTINCT occurred_on FROM activities")) {
        const auto date = ParseIsoDate(row[0]);
        ASSERT_TRUE(date.has_value()) << row[0];
        EXPECT_TRUE(Calendar().IsBusinessDay(*date)) << row[0];
    }
}

TEST_F(DemoBuilderSmall, DealsFollowTheBudgetCycle) {
    Db db(path());
    // Discovery in spring/summer of FY N-1 (carried deals come back in April–May).
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE substr(created_on, 6, 2) NOT IN ('04','05','06','07','08')"
                     " OR CAST(substr(created_on, 1, 4) AS INTEGER) <> fiscal_year - 1"),
              0);
    // Reference quotes between July and December of FY N-1.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM activities a JOIN deals d ON d.id = a.deal_id"
                     " WHERE a.type = 'reference_quote' AND (a.occurred_on < printf('%d-07-01', d.fiscal_year - 1)"
                     " OR a.occurred_on > printf('%d-12-31', d.fiscal_year - 1))"),
              0);
    // Budgets pass in the March council; tenders are decided in FY N from April.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE stage IN ('won','lost')"
                     " AND closed_on < printf('%d-04-01', fiscal_year)"),
              0);
    // Deferrals are decided between the request deadline and the council.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE stage = 'deferred' AND (closed_on < printf('%d-11-15',"
                     " fiscal_year - 1) OR closed_on > printf('%d-03-31', fiscal_year))"),
              0);
    // Passed budgets are recorded as such; every outcome has its evidence.
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE stage IN ('budgeted','tender_prep','bidding','won','lost')"
                     " AND budget_status <> 'passed'"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE stage = 'lost' AND (lost_reason = '' OR competitor = ''"
                     " OR award_amount IS NULL OR closed_on IS NULL)"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE stage = 'won' AND (award_amount IS NULL OR closed_on IS NULL)"),
              0);
    EXPECT_EQ(
        db.Int("SELECT COUNT(*) FROM deals WHERE stage NOT IN ('won','lost','deferred') AND closed_on IS NOT NULL"), 0);
    // Deferred deals come back the next year.
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM deals WHERE title LIKE '%再提案%'"), 0);
    // The current pipeline: deals of the as-of year still open, in stages before the outcome.
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM deals WHERE fiscal_year = 2027 AND stage IN ('discovery','qualified',"
                     "'budget_proposal')"),
              50);
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM deals WHERE fiscal_year = 2026 AND stage IN ('won','lost')"), 20);
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM deals WHERE fiscal_year = 2026 AND stage IN ('budgeted','tender_prep',"
                     "'bidding')"),
              0);
    // Leads convert into deals that exist.
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM leads WHERE status = 'converted'"), 50);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM leads WHERE (status = 'converted') <> (converted_deal_id IS NOT NULL)"), 0);
}

TEST_F(DemoBuilderSmall, ProcurementMethodMatchesTheAmount) {
    Db db(path());
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals d JOIN governments g ON g.code = d.government_code"
                     " WHERE d.procurement_method = 'small_value' AND d.amount >= CASE WHEN g.kind IN"
                     " ('prefecture','designated_city') THEN 2000000 ELSE 1000000 END"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals d JOIN governments g ON g.code = d.government_code"
                     " WHERE d.procurement_method <> 'small_value' AND d.amount < CASE WHEN g.kind IN"
                     " ('prefecture','designated_city') THEN 2000000 ELSE 1000000 END"),
              0);
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM deals WHERE procurement_method NOT IN"
                     " ('small_value','open_tender','proposal')"),
              0);
    EXPECT_GT(db.Int("SELECT COUNT(*) FROM deals WHERE procurement_method = 'small_value'"), 0);
}

TEST_F(DemoBuilderSmall, NoContactWithTheDepartmentDuringATender) {
    // Between the bid/proposal submission and the result only the submission is logged.
    Db db(path());
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM activities a JOIN activities s ON s.deal_id = a.deal_id"
                     " AND s.type IN ('bid','proposal') JOIN deals d ON d.id = a.deal_id"
                     " WHERE a.occurred_on > s.occurred_on AND d.closed_on IS NOT NULL"
                     " AND a.occurred_on < d.closed_on AND a.official_id IS NOT NULL"),
              0);
}

TEST_F(DemoBuilderSmall, SummaryListsThePlantedEffects) {
    std::set<std::string> names;
    for (const auto& e : summary_->effects) {
        names.insert(e.name);
        EXPECT_FALSE(e.description.empty()) << e.name;
    }
    for (const char* name :
         {"reference_quote_before_deadline", "peer_adoption", "size_scales_amount", "champion_rotation_cools_deal",
          "field_visits_before_deadline", "fiscal_strength", "inbound_inquiry"}) {
        EXPECT_TRUE(names.count(name)) << name;
    }
}

// ---------------------------------------------------------------------------
// Planted effects, measured from the stored rows. One small demo has ~380 closed
// deals, too few to see a ×1.3 effect reliably, so these pool eight seeds; each
// builds in a fraction of a second. Thresholds are set from 64 seeds (eight pools
// of eight; see the diagnostics at the end): the weakest pool still clears them.

class DemoEffects : public ::testing::Test {
protected:
    static constexpr int kSeeds = 8;
    static void SetUpTestSuite() {
        deals_ = new std::vector<DealFeatures>();
        for (int seed = 1; seed <= kSeeds; ++seed) {
            TempDb temp("demo-effects");
            auto store = OpenWithMaster(temp.path());
            ASSERT_NE(store, nullptr);
            auto built = BuildDemo(*store, static_cast<std::uint64_t>(seed));
            ASSERT_TRUE(built.ok()) << built.status().ToString();
            const auto f = LoadFeatures(temp.path());
            deals_->insert(deals_->end(), f.begin(), f.end());
        }
    }
    static void TearDownTestSuite() {
        delete deals_;
        deals_ = nullptr;
    }
    static const std::vector<DealFeatures>& deals() { return *deals_; }

private:
    static std::vector<DealFeatures>* deals_;
};
std::vector<DealFeatures>* DemoEffects::deals_ = nullptr;

TEST_F(DemoEffects, ReferenceQuoteBeforeTheDeadlineRoughlyDoublesTheWinRate) {
    const Rate with = WinRate(deals(), [](const DealFeatures& d) { return d.quote_before_deadline; });
    const Rate without = WinRate(deals(), [](const DealFeatures& d) { return !d.quote_before_deadline; });
    ASSERT_GT(with.n, 500);
    ASSERT_GT(without.n, 500);
    EXPECT_GT(with.value(), 1.5 * without.value()) << with.value() << " vs " << without.value();
    EXPECT_LT(with.value(), 2.5 * without.value()) << with.value() << " vs " << without.value();
}

TEST_F(DemoEffects, AdoptionByAPeerRaisesTheWinRate) {
    const Rate with = WinRate(deals(), [](const DealFeatures& d) { return d.peer_adopted; });
    const Rate without = WinRate(deals(), [](const DealFeatures& d) { return !d.peer_adopted; });
    ASSERT_GT(with.n, 300);
    EXPECT_GT(with.value(), 1.2 * without.value()) << with.value() << " (n=" << with.n << ") vs " << without.value();
}

TEST_F(DemoEffects, LargerBodiesBuyLargerAmounts) {
    // Without imported populations the size proxy follows the kind.
    auto mean_position = [&](std::initializer_list<const char*> kinds) {
        double sum = 0;
        int n = 0;
        for (const auto& d : deals()) {
            for (const char* k : kinds) {
                if (d.kind == k) {
                    sum += d.band_position();
                    ++n;
                }
            }
        }
        return n ? sum / n : -1;
    };
    const double wide = mean_position({"prefecture", "designated_city"});
    const double core = mean_position({"core_city"});
    const double city = mean_position({"city"});
    const double small = mean_position({"town", "village"});
    EXPECT_GT(wide, core + 0.05);
    EXPECT_GT(core, city + 0.1);
    EXPECT_GT(city, small + 0.1);
}

TEST_F(DemoEffects, ChampionRotationCoolsTheDeal) {
    const Rate rotated = RateOf(
        deals(), [](const DealFeatures& d) { return d.tendered() && d.champion_rotated; },
        [](const DealFeatures& d) { return d.won(); });
    const Rate stayed = RateOf(
        deals(), [](const DealFeatures& d) { return d.tendered() && !d.champion_rotated; },
        [](const DealFeatures& d) { return d.won(); });
    ASSERT_GT(rotated.n, 150);
    EXPECT_LT(rotated.value(), 0.75 * stayed.value()) << rotated.value() << " vs " << stayed.value();
    // And the cycle (opened → result) is longer.
    double days_rotated = 0, days_stayed = 0;
    int n_rotated = 0, n_stayed = 0;
    for (const auto& d : deals()) {
        if (!d.tendered()) continue;
        (d.champion_rotated ? days_rotated : days_stayed) += d.cycle_days;
        ++(d.champion_rotated ? n_rotated : n_stayed);
    }
    EXPECT_GT(days_rotated / n_rotated, days_stayed / n_stayed + 20);
}

TEST_F(DemoEffects, FieldVisitsBeforeTheDeadlineRaiseTheWinRateModestly) {
    auto many = [](const DealFeatures& d) { return d.visits_before_deadline >= 3; };
    auto few = [](const DealFeatures& d) { return d.visits_before_deadline <= 1; };
    // The visits act on the budget gate (planted ×1.33 for these groups); over 8-seed
    // pools the gate ratio ran 1.29–1.46 and the win-rate ratio 1.21–1.43.
    const Rate gate_many = BudgetPassRate(deals(), many), gate_few = BudgetPassRate(deals(), few);
    const Rate win_many = WinRate(deals(), many), win_few = WinRate(deals(), few);
    ASSERT_GT(win_many.n, 800);
    ASSERT_GT(win_few.n, 800);
    EXPECT_GT(gate_many.value(), 1.12 * gate_few.value()) << gate_many.value() << " vs " << gate_few.value();
    EXPECT_GT(win_many.value(), 1.05 * win_few.value()) << win_many.value() << " vs " << win_few.value();
    EXPECT_LT(win_many.value(), 1.7 * win_few.value()) << win_many.value() << " vs " << win_few.value();
}

TEST_F(DemoEffects, DealsFromInboundInquiriesGetBudgetedMoreOften) {
    auto inquiry = [](const DealFeatures& d) { return d.inquiry; };
    auto other = [](const DealFeatures& d) { return !d.inquiry; };
    // The weakest signal (about 9% of deals): planted ×1.4 on the gate, measured
    // ×1.31 over 64 seeds, ×1.19–1.38 per 8-seed pool.
    const Rate with = BudgetPassRate(deals(), inquiry), without = BudgetPassRate(deals(), other);
    ASSERT_GT(with.n, 200);
    EXPECT_GT(with.value(), 1.05 * without.value()) << with.value() << " vs " << without.value();
    EXPECT_GT(WinRate(deals(), inquiry).value(), WinRate(deals(), other).value());
}

TEST_F(DemoEffects, AReferenceQuoteAfterTheDeadlineDoesNotHelp) {
    // The timing is the effect, not the quote: a late quote wins no more than none.
    const Rate late = WinRate(deals(), [](const DealFeatures& d) { return d.quote_late; });
    const Rate none = WinRate(deals(), [](const DealFeatures& d) { return !d.quote_late && !d.quote_before_deadline; });
    const Rate early = WinRate(deals(), [](const DealFeatures& d) { return d.quote_before_deadline; });
    ASSERT_GT(late.n, 150);
    // Closer to no quote than to an early one (over 64 seeds: 0.200 vs 0.207 vs 0.399).
    EXPECT_LT(late.value(), (none.value() + early.value()) / 2)
        << "late " << late.value() << ", none " << none.value() << ", early " << early.value();
}

// ---------------------------------------------------------------------------
// Populations and 財政力指数 from a statistics import.

TEST(DemoBuilder, ImportedPopulationAndFiscalStrengthDriveAmounts) {
    TempDb temp("demo-stats");
    auto store = OpenWithMaster(temp.path());
    ASSERT_NE(store, nullptr);
    // Give every body a population and an index, as an e-Stat import would.
    ports::GovernmentQuery q;
    q.limit = 500;
    std::vector<ports::GovernmentStatsUpdate> updates;
    for (;;) {
        auto page = store->governments().List(q);
        ASSERT_TRUE(page.ok());
        for (const auto& g : page->items) {
            const unsigned h = static_cast<unsigned>(std::stoul(g.code.str())) * 2654435761u;
            ports::GovernmentStatsUpdate u;
            u.code = g.code.str();
            u.population = static_cast<long long>(std::pow(10.0, 3.0 + 4.0 * (h % 1000) / 1000.0));
            u.fiscal_strength_index = 0.2 + ((h / 1000) % 100) / 100.0;
            updates.push_back(u);
        }
        if (!page->has_more) break;
        q.after_code = page->items.back().code.str();
    }
    ASSERT_TRUE(store->governments().ApplyStats(updates).ok());
    ASSERT_TRUE(BuildDemo(*store, 3).ok());

    const auto deals = LoadFeatures(temp.path());
    // Amount follows log10(population): correlation of the band position with it.
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    int n = 0;
    double strong = 0, weak = 0;
    int n_strong = 0, n_weak = 0;
    for (const auto& d : deals) {
        ASSERT_TRUE(d.population.has_value());
        const double x = std::log10(*d.population), y = d.band_position();
        sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y, ++n;
        // Residual against the planted size formula, by financial strength.
        const double residual = y - std::clamp((x - 3.0) / 4.0, 0.0, 1.0);
        if (*d.fiscal_strength >= 0.8) strong += residual, ++n_strong;
        if (*d.fiscal_strength < 0.4) weak += residual, ++n_weak;
    }
    const double corr = (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    EXPECT_GT(corr, 0.8);
    ASSERT_GT(n_strong, 30);
    ASSERT_GT(n_weak, 30);
    EXPECT_GT(strong / n_strong, weak / n_weak + 0.03);
}

// ---------------------------------------------------------------------------
// Preconditions

TEST(DemoBuilder, RefusesADatabaseWithoutGovernments) {
    TempDb temp("demo-empty");
    auto store = sqlite::SqliteStore::Open(temp.path());
    ASSERT_TRUE(store.ok());
    auto built = BuildDemo(**store, 1);
    ASSERT_FALSE(built.ok());
    EXPECT_EQ(built.status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_NE(built.status().message().find("kyoso governments load"), std::string::npos);
}

TEST_F(DemoBuilderSmall, RefusesANonEmptyDatabaseAndWritesNothing) {
    const std::string before = Dump(path());
    auto store = sqlite::SqliteStore::Open(path());
    ASSERT_TRUE(store.ok());
    auto built = BuildDemo(**store, 9);
    ASSERT_FALSE(built.ok());
    EXPECT_EQ(built.status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_NE(built.status().message().find("not empty"), std::string::npos) << built.status().message();
    EXPECT_TRUE(Dump(path()) == before);
}

// ---------------------------------------------------------------------------
// Diagnostics, not run by default:
//   app_tests --gtest_also_run_disabled_tests --gtest_filter='*DISABLED_*'
// KYOSO_DEMO_SEEDS=20 sets the number of seeds measured by the first one.

TEST(DemoBuilderDiagnostics, DISABLED_PrintEffectSizesAcrossSeeds) {
    const char* env = std::getenv("KYOSO_DEMO_SEEDS");
    const int seeds = env ? std::atoi(env) : 10;
    const char* pool_env = std::getenv("KYOSO_DEMO_POOL");  // also print pools of this many seeds
    const int pool = pool_env ? std::atoi(pool_env) : 0;
    std::vector<DealFeatures> pooled, part;
    auto print = [](const std::vector<DealFeatures>& f) {
        auto ratio = [](Rate a, Rate b) { return b.value() > 0 ? a.value() / b.value() : 0; };
        const Rate q1 = WinRate(f, [](const DealFeatures& d) { return d.quote_before_deadline; });
        const Rate q0 = WinRate(f, [](const DealFeatures& d) { return !d.quote_before_deadline; });
        const Rate p1 = WinRate(f, [](const DealFeatures& d) { return d.peer_adopted; });
        const Rate p0 = WinRate(f, [](const DealFeatures& d) { return !d.peer_adopted; });
        const Rate v1 = WinRate(f, [](const DealFeatures& d) { return d.visits_before_deadline >= 3; });
        const Rate v0 = WinRate(f, [](const DealFeatures& d) { return d.visits_before_deadline <= 1; });
        const Rate i1 = WinRate(f, [](const DealFeatures& d) { return d.inquiry; });
        const Rate i0 = WinRate(f, [](const DealFeatures& d) { return !d.inquiry; });
        const Rate r1 = RateOf(
            f, [](const DealFeatures& d) { return d.tendered() && d.champion_rotated; },
            [](const DealFeatures& d) { return d.won(); });
        const Rate r0 = RateOf(
            f, [](const DealFeatures& d) { return d.tendered() && !d.champion_rotated; },
            [](const DealFeatures& d) { return d.won(); });
        const Rate all = WinRate(f, [](const DealFeatures&) { return true; });
        const Rate bv1 = BudgetPassRate(f, [](const DealFeatures& d) { return d.visits_before_deadline >= 3; });
        const Rate bv0 = BudgetPassRate(f, [](const DealFeatures& d) { return d.visits_before_deadline <= 1; });
        const Rate bi1 = BudgetPassRate(f, [](const DealFeatures& d) { return d.inquiry; });
        const Rate bi0 = BudgetPassRate(f, [](const DealFeatures& d) { return !d.inquiry; });
        const Rate bp1 = BudgetPassRate(f, [](const DealFeatures& d) { return d.peer_adopted; });
        const Rate bp0 = BudgetPassRate(f, [](const DealFeatures& d) { return !d.peer_adopted; });
        std::printf("budget gate: visits x%.2f, inquiry x%.2f, peer x%.2f\n  ", ratio(bv1, bv0), ratio(bi1, bi0),
                    ratio(bp1, bp0));
        std::map<std::string, std::pair<double, int>> band;
        double days[2] = {0, 0};
        int n_days[2] = {0, 0};
        for (const auto& d : f) {
            band[d.kind].first += d.band_position();
            ++band[d.kind].second;
            if (d.tendered()) days[d.champion_rotated] += d.cycle_days, ++n_days[d.champion_rotated];
        }
        std::printf("band position:");
        for (const auto& [kind, v] : band) std::printf(" %s %.2f (n=%d)", kind.c_str(), v.first / v.second, v.second);
        std::printf("\n  cycle days (opened→result) tendered: stayed %.0f, rotated %.0f\n  ", days[0] / n_days[0],
                    days[1] / n_days[1]);
        const Rate late = WinRate(f, [](const DealFeatures& d) { return d.quote_late; });
        const Rate none = WinRate(f, [](const DealFeatures& d) { return !d.quote_late && !d.quote_before_deadline; });
        std::printf("late quote %.3f (n=%d) vs none %.3f (n=%d)\n  ", late.value(), late.n, none.value(), none.n);
        std::printf(
            "win %.3f (n=%d) | quote x%.2f (%.3f/%.3f, n %d/%d) | peer x%.2f (%.3f/%.3f, n %d/%d) | visits>=3 vs <=1 "
            "x%.2f (%.3f/%.3f, n %d/%d) | inquiry x%.2f (%.3f/%.3f, n %d/%d) | rotation (tender) x%.2f (%.3f/%.3f, "
            "n %d/%d)\n",
            all.value(), all.n, ratio(q1, q0), q1.value(), q0.value(), q1.n, q0.n, ratio(p1, p0), p1.value(),
            p0.value(), p1.n, p0.n, ratio(v1, v0), v1.value(), v0.value(), v1.n, v0.n, ratio(i1, i0), i1.value(),
            i0.value(), i1.n, i0.n, ratio(r1, r0), r1.value(), r0.value(), r1.n, r0.n);
    };
    for (int seed = 1; seed <= seeds; ++seed) {
        TempDb temp("demo-diag");
        auto store = OpenWithMaster(temp.path());
        ASSERT_NE(store, nullptr);
        auto built = BuildDemo(*store, static_cast<std::uint64_t>(seed));
        ASSERT_TRUE(built.ok());
        const auto f = LoadFeatures(temp.path());
        const auto& c = built->counts;
        std::printf("seed %2d: deals %lld, activities %lld, officials %lld, leads %lld\n  ", seed, c.deals,
                    c.activities, c.officials, c.leads);
        print(f);
        pooled.insert(pooled.end(), f.begin(), f.end());
        part.insert(part.end(), f.begin(), f.end());
        if (pool > 0 && seed % pool == 0) {
            std::printf("pool ending at seed %d:\n  ", seed);
            print(part);
            part.clear();
        }
    }
    std::printf("pooled over %d seeds:\n  ", seeds);
    print(pooled);
}

TEST(DemoBuilderDiagnostics, DISABLED_BuildsTheJapanScaleDemo) {
    // Writes to KYOSO_DEMO_JAPAN_DB when set (kept), else a temp file.
    const char* env = std::getenv("KYOSO_DEMO_JAPAN_DB");
    TempDb temp("demo-japan");
    const std::string path = env ? env : temp.path();
    auto store = OpenWithMaster(path);
    ASSERT_NE(store, nullptr);
    const FixedClock clock(kAsOf);
    const crypto::OpenSslDigest digest;
    DemoBuilder builder(*store, clock, digest, Calendar());
    struct Printer final : ports::ProgressSink {
        void Report(std::string_view phase, long long done, long long total) override {
            if (phase != "activities" || done % 500'000 == 0) {
                std::printf("  %.*s %lld/%lld\n", static_cast<int>(phase.size()), phase.data(), done, total);
                std::fflush(stdout);
            }
        }
    } progress;
    DemoOptions options;
    options.scale = DemoScale::kJapan;
    options.as_of = kAsOf;
    const auto start = std::chrono::steady_clock::now();
    auto built = builder.Build(options, progress);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    const auto& c = built->counts;
    std::printf("japan: %.1f s, deals %lld, activities %lld, officials %lld, leads %lld, users %lld, products %lld\n",
                seconds, c.deals, c.activities, c.officials, c.leads, c.users, c.products);
}

}  // namespace
}  // namespace kyoso::app
