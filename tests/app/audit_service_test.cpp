#include "kyoso/app/audit/audit_service.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "sales_seed.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

// Raw SQL on the database file, as someone with file access would tamper with it.
Status Tamper(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return Internal("cannot open " + path);
    }
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    Status st = rc == SQLITE_OK ? Status::Ok() : Internal(error ? error : "sqlite3_exec failed");
    sqlite3_free(error);
    sqlite3_close(db);
    return st;
}

constexpr const char* kDropTriggers = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;";

// The real government master (audit entry 1), users 1 and 2, official 1 of 千代田区
// and deals 1-3 of 千代田区 at 情報収集, inserted directly (not audited).
class AuditServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        governments_ = std::make_unique<GovernmentService>(*store_, normalizer_, clock_, digest_, calendar_);
        ASSERT_TRUE(governments_->LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        auto& sales = store_->sales();
        testing::SeedProductAndTeam(sales);
        ASSERT_TRUE(sales.InsertOfficials({testing::ChiyodaOfficial()}).ok());
        std::vector<domain::Deal> deals;
        for (int i = 1; i <= 3; ++i) deals.push_back(testing::TestDeal(i, "131016", 1, 1));
        ASSERT_TRUE(sales.InsertDeals(deals).ok());
        deals_ = std::make_unique<DealService>(*store_, clock_, digest_, calendar_);
        audit_ = std::make_unique<AuditService>(*store_, digest_);
    }

    // Five entries: master load, a visit on deal 1, deal 1 → 課題把握, deal 3 → 見送り
    // (the move and the carried-over deal).
    void BuildChain() {
        ActivityRequest visit;
        visit.type = "visit";
        visit.occurred_on = "2026-11-20";
        visit.deal_id = 1;
        visit.government_code = "131016";
        visit.user_id = 2;
        visit.official_id = 1;
        visit.notes = "課長ヒアリング: \"電子申請\" の課題";
        ASSERT_TRUE(deals_->LogActivity(visit).ok());
        auto qualified = deals_->MoveStage(1, {"qualified", 1, "", {}, {}, {}, {}, {}});
        ASSERT_TRUE(qualified.ok()) << qualified.status().ToString();
        auto deferred = deals_->MoveStage(3, {"deferred", 1, "査定で見送り", {}, {}, {}, {}, {}});
        ASSERT_TRUE(deferred.ok()) << deferred.status().ToString();
    }

    std::vector<domain::AuditEntry> All() {
        auto all = store_->audit().ReadAfter(0, 1000);
        EXPECT_TRUE(all.ok());
        return all.ok() ? *all : std::vector<domain::AuditEntry>{};
    }

    AuditVerification VerifyOk() {
        auto v = audit_->Verify();
        EXPECT_TRUE(v.ok()) << v.status().ToString();
        return v.ok() ? *v : AuditVerification{};
    }

    testing::TempDb db_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    text::IcuTextNormalizer normalizer_;
    testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    std::unique_ptr<GovernmentService> governments_;
    std::unique_ptr<DealService> deals_;
    std::unique_ptr<AuditService> audit_;
};

TEST_F(AuditServiceTest, EveryWriteAppendsOneEntryChainedFromTheGenesisHash) {
    BuildChain();
    const auto entries = All();
    ASSERT_EQ(entries.size(), 5u);
    const std::vector<std::string> actions = {"governments.load_master", "activity.log", "deal.move_stage",
                                              "deal.move_stage", "deal.carry_over"};
    std::string prev(domain::kAuditGenesisHash);
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        EXPECT_EQ(e.seq, static_cast<long long>(i + 1));
        EXPECT_EQ(e.action, actions[i]);
        EXPECT_EQ(e.prev_hash, prev);
        EXPECT_EQ(e.hash, digest_.Sha256Hex(domain::AuditCanonicalText(e)));
        EXPECT_EQ(e.hash.size(), 64u);
        EXPECT_EQ(e.at.size(), 20u) << e.at;  // 2026-11-27T04:01:05Z
        prev = e.hash;
    }
    EXPECT_EQ(entries[0].actor, "system");
    EXPECT_EQ(entries[1].actor, "user:2");
    EXPECT_EQ(entries[1].entity, "activity");
    EXPECT_NE(entries[1].after_json.find(R"(課長ヒアリング: \"電子申請\" の課題)"), std::string::npos);
    EXPECT_EQ(entries[2].actor, "user:1");
    EXPECT_EQ(entries[2].entity_id, "1");
    EXPECT_NE(entries[2].before_json.find(R"("stage":"discovery")"), std::string::npos) << entries[2].before_json;
    EXPECT_NE(entries[2].after_json.find(R"("stage":"qualified")"), std::string::npos) << entries[2].after_json;
    EXPECT_NE(entries[3].after_json.find(R"("note":"査定で見送り")"), std::string::npos);
    EXPECT_EQ(entries[4].before_json, "");
    EXPECT_NE(entries[4].after_json.find(R"("fiscal_year":2028)"), std::string::npos) << entries[4].after_json;

    const auto v = VerifyOk();
    EXPECT_TRUE(v.intact());
    EXPECT_EQ(v.verified, 5);
    EXPECT_EQ(v.head_hash, entries[4].hash);
    EXPECT_EQ(v.message, "audit trail intact: 5 entries");
}

TEST_F(AuditServiceTest, GovernmentWritesAreAuditedWithASummaryAndTheOldValues) {
    auto table = text::CsvTableReader().ReadBytes("団体コード,人口\n13101,66680\n10203,106445\n", "stats.csv");
    ASSERT_TRUE(table.ok());
    ports::NullProgress progress;
    ASSERT_TRUE(governments_->ImportStats(*table, progress).ok());
    domain::MilestoneOverride o{domain::MilestoneKind::kBudgetRequestDeadline, std::nullopt, {10, 31}, {10, 31}};
    ASSERT_TRUE(governments_->PutMilestoneOverride("13101", o).ok());
    o.start = o.end = {11, 7};
    ASSERT_TRUE(governments_->PutMilestoneOverride("131016", o).ok());
    const auto entries = All();
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[1].action, "governments.import_stats");
    EXPECT_NE(entries[1].after_json.find(R"("rows":2)"), std::string::npos) << entries[1].after_json;
    EXPECT_NE(entries[1].after_json.find(R"("codes":["102032","131016"])"), std::string::npos) << entries[1].after_json;
    EXPECT_EQ(entries[2].entity_id, "131016");
    EXPECT_EQ(entries[2].before_json, "");
    EXPECT_NE(entries[3].before_json.find(R"("start":"10-31")"), std::string::npos) << entries[3].before_json;
    EXPECT_NE(entries[3].after_json.find(R"("start":"11-07")"), std::string::npos) << entries[3].after_json;
    EXPECT_TRUE(VerifyOk().intact());
}

TEST_F(AuditServiceTest, ARolledBackChangeLeavesNoEntry) {
    BuildChain();
    const auto before = All();
    // The activity is logged, then the enclosing unit of work fails: both go.
    Status st = store_->InTransaction([&]() -> Status {
        ActivityRequest call;
        call.type = "call";
        call.occurred_on = "2026-11-26";
        call.government_code = "131016";
        call.user_id = 1;
        auto logged = deals_->LogActivity(call);
        if (!logged.ok()) return logged.status();
        return Internal("the request failed later");
    });
    EXPECT_FALSE(st.ok());
    EXPECT_EQ(All().size(), before.size());
    EXPECT_EQ(store_->sales().Counts()->activities, 1);
    EXPECT_TRUE(VerifyOk().intact());
}

TEST_F(AuditServiceTest, AFailedAuditAppendUndoesTheChange) {
    ASSERT_TRUE(Tamper(db_.path(),
                       "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'audit disk full'); END;")
                    .ok());
    auto moved = deals_->MoveStage(3, {"deferred", 1, "査定で見送り", {}, {}, {}, {}, {}});
    ASSERT_FALSE(moved.ok());
    EXPECT_NE(moved.status().message().find("audit disk full"), std::string::npos) << moved.status().ToString();
    EXPECT_EQ(store_->deals().Get(3)->stage, domain::Stage::kDiscovery);
    EXPECT_EQ(store_->sales().Counts()->deals, 3);
}

TEST_F(AuditServiceTest, TheDatabaseRefusesUpdatesAndDeletes) {
    BuildChain();
    EXPECT_FALSE(Tamper(db_.path(), "UPDATE audit_log SET actor = 'user:9' WHERE seq = 2").ok());
    EXPECT_FALSE(Tamper(db_.path(), "DELETE FROM audit_log WHERE seq = 2").ok());
    EXPECT_EQ(All().size(), 5u);
    EXPECT_TRUE(VerifyOk().intact());
}

TEST_F(AuditServiceTest, AnEditedEntryIsFoundByItsHash) {
    BuildChain();
    ASSERT_TRUE(Tamper(db_.path(), std::string(kDropTriggers) +
                                       "UPDATE audit_log SET after_json = replace(after_json, 'qualified', 'won')"
                                       " WHERE seq = 3")
                    .ok());
    const auto v = VerifyOk();
    EXPECT_EQ(v.finding, AuditBreak::kEdited);
    EXPECT_EQ(v.seq, 3);
    EXPECT_EQ(v.verified, 2);
    EXPECT_NE(v.message.find("entry 3 was edited"), std::string::npos) << v.message;
}

TEST_F(AuditServiceTest, ADeletedEntryIsFoundByTheGapInSeq) {
    BuildChain();
    ASSERT_TRUE(Tamper(db_.path(), std::string(kDropTriggers) + "DELETE FROM audit_log WHERE seq = 2").ok());
    const auto v = VerifyOk();
    EXPECT_EQ(v.finding, AuditBreak::kMissing);
    EXPECT_EQ(v.seq, 2);
    EXPECT_EQ(v.verified, 1);
    EXPECT_NE(v.message.find("entry 2 is missing or was deleted"), std::string::npos) << v.message;
}

TEST_F(AuditServiceTest, AnInsertedEntryIsFoundByItsBrokenLink) {
    BuildChain();
    ASSERT_TRUE(Tamper(db_.path(),
                       "INSERT INTO audit_log VALUES (6, '2026-11-27T00:00:00Z', 'user:2', 'activity.log', "
                       "'activity', '99', '', '{}', '" +
                           std::string(64, '1') + "', '" + std::string(64, '2') + "')")
                    .ok());
    const auto v = VerifyOk();
    EXPECT_EQ(v.finding, AuditBreak::kInserted);
    EXPECT_EQ(v.seq, 6);
    EXPECT_EQ(v.verified, 5);
    EXPECT_NE(v.message.find("entry 6 was inserted or altered"), std::string::npos) << v.message;
}

TEST_F(AuditServiceTest, AnEntryForgedBeforeTheStartIsFound) {
    BuildChain();
    ASSERT_TRUE(Tamper(db_.path(),
                       "INSERT INTO audit_log VALUES (0, '2026-01-01T00:00:00Z', 'system', 'x', 'x', '', '', '{}', "
                       "'', '')")
                    .ok());
    const auto v = VerifyOk();
    EXPECT_EQ(v.finding, AuditBreak::kInserted);
    EXPECT_EQ(v.seq, 0);
    EXPECT_EQ(v.verified, 0);
}

TEST_F(AuditServiceTest, AnEntryAlteredAndReHashedBreaksTheNextLink) {
    BuildChain();
    auto entries = All();
    domain::AuditEntry forged = entries[2];
    forged.actor = "user:2";
    forged.hash = digest_.Sha256Hex(domain::AuditCanonicalText(forged));
    ASSERT_TRUE(Tamper(db_.path(), std::string(kDropTriggers) + "UPDATE audit_log SET actor = 'user:2', hash = '" +
                                       forged.hash + "' WHERE seq = 3")
                    .ok());
    const auto v = VerifyOk();
    EXPECT_EQ(v.finding, AuditBreak::kInserted);
    EXPECT_EQ(v.seq, 4);
    EXPECT_NE(v.message.find("or entry 3 was altered and re-hashed"), std::string::npos) << v.message;
}

// A limit of the chain alone (docs/audit.md): cutting off the newest entries leaves
// a shorter valid chain. Only a head hash recorded elsewhere reveals it.
TEST_F(AuditServiceTest, TruncationChangesOnlyTheHeadHash) {
    BuildChain();
    const auto full = VerifyOk();
    ASSERT_TRUE(Tamper(db_.path(), std::string(kDropTriggers) + "DELETE FROM audit_log WHERE seq = 5").ok());
    const auto cut = VerifyOk();
    EXPECT_TRUE(cut.intact());
    EXPECT_EQ(cut.verified, 4);
    EXPECT_NE(cut.head_hash, full.head_hash);
}

TEST_F(AuditServiceTest, ListShowsTheNewestFirstAndChecksTheLimit) {
    BuildChain();
    auto listed = audit_->List(2);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[0].seq, 5);
    EXPECT_EQ((*listed)[1].seq, 4);
    for (int bad : {0, -1, 10'001}) {
        auto r = audit_->List(bad);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.status().details().at(0).field, "limit");
    }
}

TEST(AuditEntry, CanonicalTextIsLengthPrefixedSoFieldsCannotBleedIntoEachOther) {
    domain::AuditEntry a;
    a.actor = "user:1";
    a.action = "x\n";
    domain::AuditEntry b;
    b.actor = "user:1\n";
    b.action = "x";
    EXPECT_NE(domain::AuditCanonicalText(a), domain::AuditCanonicalText(b));
    a.seq = 7;
    a.prev_hash = "p";
    EXPECT_EQ(domain::AuditCanonicalText(a), "kyoso-audit-v1\n1:7\n0:\n6:user:1\n2:x\n\n0:\n0:\n0:\n0:\n1:p\n");
}

TEST(AuditJson, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(AuditJson().Str("k", "a\"b\\c\nd\x01").Int("n", -3).OptInt("o", std::nullopt).Bool("b", true).str(),
              R"({"k":"a\"b\\c\nd\u0001","n":-3,"o":null,"b":true})");
    EXPECT_EQ(JsonStringArray({"131016", "見送り"}), R"(["131016","見送り"])");
    EXPECT_EQ(FormatUtc(std::chrono::sys_days{MakeDate(2026, 11, 27)} + std::chrono::hours(4) +
                        std::chrono::minutes(1) + std::chrono::seconds(5)),
              "2026-11-27T04:01:05Z");
}

}  // namespace
}  // namespace kyoso::app
