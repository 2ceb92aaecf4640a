// The compliance slice: the append-only contact log (with entries made by
// DealService::LogActivity), the 情報公開 disclosure export, and full-text search.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kyoso/app/audit/audit_service.hpp"
#include "kyoso/app/compliance/contact_log_service.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/search/search_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/office/xlsx_writer.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "sales_seed.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

std::vector<std::string> Fields(const Status& st) {
    std::vector<std::string> out;
    for (const auto& d : st.details()) out.push_back(d.field);
    return out;
}

// Runs SQL on a separate raw connection, as another program (the sqlite3 shell, an
// importer) would; returns the error message or "".
std::string RawSql(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_busy_timeout(db, 5000);
    char* err = nullptr;
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    return message;
}

std::string Shell(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    pclose(p);
    return out;
}

// Government master + users 1, 2; official 1 (千代田区 情報政策課長 山田 太郎), official
// 2 (八王子市); deals 1-3 of 千代田区, deal 4 of 八王子市. Today is 2026-11-27.
class ComplianceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        GovernmentService governments(*store_, normalizer_, clock_, digest_, calendar_);
        ASSERT_TRUE(governments.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        auto& sales = store_->sales();
        testing::SeedProductAndTeam(sales);
        domain::Official b{2, "132012", "総務部 情報管理課", "田中 次郎", "たなか じろう", "係長", "owner", {}};
        ASSERT_TRUE(sales.InsertOfficials({testing::ChiyodaOfficial(), b}).ok());
        std::vector<domain::Deal> deals;
        for (int i = 1; i <= 4; ++i) {
            deals.push_back(i <= 3 ? testing::TestDeal(i, "131016", 1, 1) : testing::TestDeal(i, "132012", 2, 2));
        }
        ASSERT_TRUE(sales.InsertDeals(deals).ok());
        deals_ = std::make_unique<DealService>(*store_, clock_, digest_, calendar_);
        log_ = std::make_unique<ContactLogService>(*store_, clock_, digest_, &xlsx_);
        search_ = std::make_unique<SearchService>(*store_, normalizer_);
    }

    ContactRequest Gift() {
        ContactRequest r;
        r.government_code = "131016";
        r.official_id = 1;
        r.user_id = 1;
        r.occurred_on = "2026-11-20";
        r.channel = "gift";
        r.summary = "お歳暮を持参したが辞退された";
        r.value_given = "菓子折り";
        r.value_given_yen = 3000;
        return r;
    }

    std::vector<std::string> Hits(const std::string& q, const std::string& types = "") {
        ListParams params{{"q", q}};
        if (!types.empty()) params["types"] = types;
        auto result = search_->Search(params);
        EXPECT_TRUE(result.ok()) << q << ": " << result.status().ToString();
        std::vector<std::string> out;
        if (result.ok()) {
            for (const auto& h : result->items) out.push_back(h.type + ":" + h.id);
        }
        return out;
    }

    testing::TempDb db_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    text::IcuTextNormalizer normalizer_;
    testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    office::XlsxWriter xlsx_;
    std::unique_ptr<DealService> deals_;
    std::unique_ptr<ContactLogService> log_;
    std::unique_ptr<SearchService> search_;
};

TEST_F(ComplianceTest, RecordsADirectEntryWithSnapshotsAndAudit) {
    auto row = log_->Record(Gift());
    ASSERT_TRUE(row.ok()) << row.status().ToString();
    EXPECT_GT(row->entry.id, 0);
    EXPECT_EQ(row->entry.official_name, "山田 太郎");
    EXPECT_EQ(row->entry.department, "政策経営部 情報政策課");
    EXPECT_EQ(row->user_name, "佐藤 花子");
    EXPECT_EQ(row->entry.value_given.description, "菓子折り");
    EXPECT_EQ(row->entry.value_given.estimated_yen, 3000);
    EXPECT_TRUE(row->entry.value_received.empty());
    EXPECT_FALSE(row->entry.recorded_at.empty());
    auto newest = store_->audit().Newest(1);
    ASSERT_TRUE(newest.ok());
    ASSERT_EQ(newest->size(), 1u);
    EXPECT_EQ(newest->front().action, "contact_log.append");
    EXPECT_EQ(newest->front().entity_id, std::to_string(row->entry.id));
    EXPECT_TRUE(AuditService(*store_, digest_).Verify()->intact());
}

TEST_F(ComplianceTest, RejectsBadFieldsNamingEachAndWritesNothing) {
    const long long audit_before = store_->audit().Newest(1)->front().seq;
    ContactRequest r = Gift();
    r.government_code = "999999";
    r.official_id = 999;
    r.user_id = 77;
    r.occurred_on = "2026-12-31";
    r.channel = "bribe";
    r.summary = "  ";
    r.deal_id = 999;
    r.value_given = "";
    r.value_given_yen = -5;
    r.corrects_id = 42;
    auto row = log_->Record(r);
    ASSERT_FALSE(row.ok());
    EXPECT_EQ(row.status().code(), ErrorCode::kInvalidArgument);
    const auto fields = Fields(row.status());
    for (const char* f : {"government_code", "user_id", "occurred_on", "channel", "summary", "official_id", "deal_id",
                          "value_given", "value_given_yen", "corrects_id"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
    }
    // The official must belong to the government.
    ContactRequest other = Gift();
    other.official_id = 2;
    EXPECT_EQ(Fields(log_->Record(other).status()), std::vector<std::string>{"official_id"});
    EXPECT_TRUE(log_->List({})->items.empty());
    EXPECT_EQ(store_->audit().Newest(1)->front().seq, audit_before);
}

TEST_F(ComplianceTest, CorrectionsAreNewEntriesOfTheSameGovernment) {
    auto first = log_->Record(Gift());
    ASSERT_TRUE(first.ok());
    ContactRequest fix = Gift();
    fix.value_given_yen = 5000;
    fix.summary = "金額の訂正";
    fix.corrects_id = first->entry.id;
    auto second = log_->Record(fix);
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_EQ(second->entry.corrects_id, first->entry.id);
    EXPECT_EQ(log_->List({})->items.size(), 2u);
    // The original is unchanged.
    EXPECT_EQ(store_->contact_log().Get(first->entry.id)->entry.value_given.estimated_yen, 3000);

    ContactRequest elsewhere = Gift();
    elsewhere.government_code = "132012";
    elsewhere.official_id = 2;
    elsewhere.corrects_id = first->entry.id;
    auto refused = log_->Record(elsewhere);
    EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(Fields(refused.status()), std::vector<std::string>{"corrects_id"});
}

TEST_F(ComplianceTest, StorageRefusesUpdateAndDelete) {
    ASSERT_TRUE(log_->Record(Gift()).ok());
    EXPECT_NE(RawSql(db_.path(), "UPDATE contact_log SET summary = 'x'").find("append-only"), std::string::npos);
    EXPECT_NE(RawSql(db_.path(), "DELETE FROM contact_log").find("append-only"), std::string::npos);
    EXPECT_EQ(store_->contact_log().Get(1)->entry.summary, "お歳暮を持参したが辞退された");
}

TEST_F(ComplianceTest, ActivitiesWithAnOfficialAppendEntriesAutomatically) {
    ActivityRequest a;
    a.type = "visit";
    a.occurred_on = "2026-11-10";
    a.government_code = "131016";
    a.user_id = 1;
    a.official_id = 1;
    a.deal_id = 2;
    a.notes = "防災システムの課題をヒアリング";
    auto logged = deals_->LogActivity(a);
    ASSERT_TRUE(logged.ok()) << logged.status().ToString();
    auto rows = log_->List({{"government", "131016"}});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->items.size(), 1u);
    const auto& e = rows->items[0].entry;
    EXPECT_EQ(e.activity_id, logged->id);
    EXPECT_EQ(e.official_id, 1);
    EXPECT_EQ(e.deal_id, 2);
    EXPECT_EQ(e.channel, "visit");
    EXPECT_EQ(e.summary, "防災システムの課題をヒアリング");
    EXPECT_EQ(rows->items[0].deal_title, "電子申請 2");

    // No official: no entry.
    a.official_id.reset();
    ASSERT_TRUE(deals_->LogActivity(a).ok());
    EXPECT_EQ(log_->List({})->items.size(), 1u);
    EXPECT_TRUE(AuditService(*store_, digest_).Verify()->intact());
}

TEST_F(ComplianceTest, ParticipantOfficialsGetEntriesToo) {
    // Official participants recorded in the same transaction as the activity.
    ActivityRequest a;
    a.type = "online_meeting";
    a.occurred_on = "2026-11-11";
    a.government_code = "131016";
    a.user_id = 1;
    a.official_id = 1;
    a.notes = "定例会";
    auto logged = deals_->LogActivity(a);
    ASSERT_TRUE(logged.ok());
    ASSERT_TRUE(store_->sales()
                    .InsertOfficials(
                        {{3, "131016", "総務部 総務課", "小林 三郎", "こばやし さぶろう", "主事", "influencer", {}}})
                    .ok());
    ASSERT_EQ(RawSql(db_.path(), "INSERT INTO activity_participants(activity_id, official_id) VALUES (" +
                                     std::to_string(logged->id) + ", 3), (" + std::to_string(logged->id) + ", 1)"),
              "");
    domain::Activity stored;
    stored.id = logged->id;
    stored.government_code = "131016";
    stored.user_id = 1;
    stored.official_id = 1;
    stored.type = domain::ActivityType::kOnlineMeeting;
    stored.occurred_on = MakeDate(2026, 11, 11);
    stored.notes = "定例会";
    ASSERT_TRUE(store_->InTransaction([&] { return AppendActivityContacts(*store_, clock_, stored); }).ok());
    auto rows = log_->List({{"from", "2026-11-11"}, {"to", "2026-11-11"}});
    // 1 from LogActivity, then official 1 and 3 (1 counted once).
    ASSERT_EQ(rows->items.size(), 3u);
    EXPECT_EQ(rows->items[2].entry.official_name, "小林 三郎");
}

TEST_F(ComplianceTest, BlackoutWarningStillComesWithTheEntry) {
    ASSERT_EQ(RawSql(db_.path(), "UPDATE deals SET stage = 'bidding' WHERE id = 3"), "");
    ActivityRequest a;
    a.type = "call";
    a.occurred_on = "2026-11-12";
    a.government_code = "131016";
    a.user_id = 1;
    a.official_id = 1;
    a.notes = "質問への回答";
    auto logged = deals_->LogActivity(a);
    ASSERT_TRUE(logged.ok());
    ASSERT_EQ(logged->warnings.size(), 1u);
    EXPECT_EQ(logged->warnings[0].code, "blackout");
    EXPECT_EQ(log_->List({})->items.size(), 1u);
}

TEST_F(ComplianceTest, ListFiltersAndPages) {
    for (const char* date : {"2026-10-01", "2026-10-05", "2026-11-01"}) {
        ContactRequest r = Gift();
        r.occurred_on = date;
        ASSERT_TRUE(log_->Record(r).ok());
    }
    ContactRequest other = Gift();
    other.government_code = "132012";
    other.official_id = 2;
    ASSERT_TRUE(log_->Record(other).ok());
    EXPECT_EQ(log_->List({{"government", "13101"}})->items.size(), 3u);
    EXPECT_EQ(log_->List({{"official", "2"}})->items.size(), 1u);
    EXPECT_EQ(log_->List({{"from", "2026-10-02"}, {"to", "2026-11-01"}})->items.size(), 2u);
    auto page1 = log_->List({{"limit", "2"}});
    ASSERT_TRUE(page1->next_cursor);
    auto page2 = log_->List({{"limit", "2"}, {"cursor", *page1->next_cursor}});
    ASSERT_EQ(page2->items.size(), 2u);
    EXPECT_FALSE(page2->next_cursor);
    EXPECT_NE(page2->items[0].entry.id, page1->items[1].entry.id);
    for (auto [k, v] : {std::pair{"government", "12"},
                        {"official", "x"},
                        {"from", "2026-13-01"},
                        {"limit", "0"},
                        {"cursor", "zz"},
                        {"colour", "red"}}) {
        auto bad = log_->List({{k, v}});
        EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument) << k;
        EXPECT_EQ(Fields(bad.status()), std::vector<std::string>{k});
    }
    EXPECT_EQ(Fields(log_->List({{"from", "2026-11-02"}, {"to", "2026-11-01"}}).status()),
              std::vector<std::string>{"to"});
}

TEST_F(ComplianceTest, DisclosureCsvParsesBackWithTheSameRows) {
    ASSERT_TRUE(log_->Record(Gift()).ok());
    ContactRequest meal = Gift();
    meal.channel = "meal";
    meal.summary = "意見交換会 \"懇親会\", 会費制\n二次会なし";
    meal.value_given = "";
    meal.value_given_yen.reset();
    meal.value_received = "手土産";
    meal.value_received_yen = 1500;
    meal.deal_id = 1;
    ASSERT_TRUE(log_->Record(meal).ok());
    auto d = log_->BuildDisclosure("13101", "", "");
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    const std::string csv = ContactLogService::DisclosureCsv(d->sheet);
    ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 BOM first";
    auto table = text::CsvTableReader().ReadBytes(csv, "disclosure.csv");
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    const std::vector<std::string> header = {"日時",     "職員",     "所属",           "担当者",
                                             "種別",     "内容",     "供与した物品等", "受領した物品等",
                                             "関連案件", "記録番号", "訂正対象"};
    EXPECT_EQ(table->header, header);
    ASSERT_EQ(table->rows.size(), 2u);
    for (size_t i = 0; i < 2; ++i) EXPECT_EQ(table->rows[i].cells, d->sheet.rows[i]);
    EXPECT_EQ(table->rows[0].cells[1], "山田 太郎");
    EXPECT_EQ(table->rows[0].cells[4], "贈答");
    EXPECT_EQ(table->rows[0].cells[6], "菓子折り（見積額 3,000円）");
    EXPECT_EQ(table->rows[1].cells[5], "意見交換会 \"懇親会\", 会費制\n二次会なし");
    EXPECT_EQ(table->rows[1].cells[7], "手土産（見積額 1,500円）");
    EXPECT_EQ(table->rows[1].cells[8], "電子申請 1（案件番号 1）");
    // Date range and errors.
    EXPECT_TRUE(log_->BuildDisclosure("131016", "2026-11-21", "")->sheet.rows.empty());
    EXPECT_EQ(log_->BuildDisclosure("1310", "", "").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(log_->BuildDisclosure("131016", "x", "").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(log_->BuildDisclosure("139998", "", "").status().code(), ErrorCode::kNotFound);
}

TEST_F(ComplianceTest, ExportWritesCsvAndAValidXlsx) {
    ASSERT_TRUE(log_->Record(Gift()).ok());
    const auto dir = std::filesystem::path(::testing::TempDir()) / ("disclosure-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto files = log_->ExportDisclosure("131016", "", "", dir.string());
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    EXPECT_EQ(files->rows, 1);
    std::ifstream in(files->xlsx_path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 1000u);
    EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4)) << "a zip file";
    const std::string sheet = Shell("unzip -p '" + files->xlsx_path + "' xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("お歳暮を持参したが辞退された"), std::string::npos) << sheet.substr(0, 500);
    EXPECT_NE(sheet.find("供与した物品等"), std::string::npos);
    EXPECT_NE(sheet.find("山田 太郎"), std::string::npos);
    // No temporary files are left behind.
    int entries = 0;
    for (const auto& f : std::filesystem::directory_iterator(dir)) {
        ++entries;
        EXPECT_EQ(f.path().filename().string().find(".tmp"), std::string::npos) << f.path();
    }
    EXPECT_EQ(entries, 2);
    EXPECT_EQ(log_->ExportDisclosure("131016", "", "", (dir / "missing").string()).status().code(),
              ErrorCode::kInvalidArgument);
    std::filesystem::remove_all(dir);
}

TEST_F(ComplianceTest, SearchFoldsKanaWidthAndCase) {
    ASSERT_EQ(RawSql(db_.path(),
                     "UPDATE deals SET title = 'ぼうさい情報配信 ＡＢＣ' WHERE id = 1;"
                     "UPDATE deals SET title = 'ボウサイ訓練 abc' WHERE id = 2;"
                     "UPDATE deals SET title = 'ﾎﾞｳｻｲ無線' WHERE id = 3;"),
              "");
    const std::vector<std::string> all = {"deal:1", "deal:2", "deal:3"};
    for (const char* q : {"ぼうさい", "ボウサイ", "ﾎﾞｳｻｲ", "ぼうさ", "うさい"}) {
        auto hits = Hits(q, "deal");
        std::sort(hits.begin(), hits.end());
        EXPECT_EQ(hits, all) << q;
    }
    for (const char* q : {"ABC", "abc", "ＡＢＣ", "ａｂｃ"}) {
        auto hits = Hits(q, "deal");
        std::sort(hits.begin(), hits.end());
        EXPECT_EQ(hits, (std::vector<std::string>{"deal:1", "deal:2"})) << q;
    }
    EXPECT_EQ(Hits("ぼうさい 訓練"), std::vector<std::string>{"deal:2"}) << "words are ANDed";
    EXPECT_EQ(Hits("\"ぼうさい訓練\""), std::vector<std::string>{"deal:2"});
    EXPECT_TRUE(Hits("\"訓練ぼうさい\"").empty());
    EXPECT_TRUE(Hits("ぼうさいX").empty());
}

TEST_F(ComplianceTest, SearchFindsShortQueriesAcrossTypes) {
    ASSERT_EQ(RawSql(db_.path(),
                     "UPDATE deals SET title = '防災システム' WHERE id = 4;"
                     "INSERT INTO activities(government_code, user_id, type, occurred_on, notes)"
                     " VALUES ('131016', 1, 'call', '2026-11-01', '地域防災計画の改定について');"),
              "");
    auto hits = Hits("防災");
    std::sort(hits.begin(), hits.end());
    EXPECT_EQ(hits, (std::vector<std::string>{"activity:1", "deal:4"}));
    EXPECT_EQ(Hits("防災", "activity"), std::vector<std::string>{"activity:1"});
    // One character: a prefix of the bigram tokens, also at the end of a run.
    auto single = Hits("画", "activity");
    EXPECT_EQ(single, std::vector<std::string>{"activity:1"});
    // Governments by name or reading, in any kana.
    EXPECT_EQ(Hits("八王子", "government"), std::vector<std::string>{"government:132012"});
    EXPECT_EQ(Hits("ハチオウジ", "government"), std::vector<std::string>{"government:132012"});
    // Officials by reading.
    EXPECT_EQ(Hits("ヤマダ", "official"), std::vector<std::string>{"official:1"});
    // The snippet marks the match.
    auto result = search_->Search({{"q", "防災"}, {"types", "activity"}});
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result->items.size(), 1u);
    EXPECT_EQ(result->items[0].snippet, "地域<mark>防災</mark>計画の改定について");
    EXPECT_EQ(result->items[0].government_code, "131016");
}

TEST_F(ComplianceTest, IndexFollowsInsertsUpdatesAndDeletesByAnyWriter) {
    EXPECT_TRUE(Hits("耐震").empty());
    ASSERT_EQ(RawSql(db_.path(), "UPDATE deals SET title = '耐震診断' WHERE id = 2"), "");
    EXPECT_EQ(Hits("耐震"), std::vector<std::string>{"deal:2"});
    ASSERT_EQ(RawSql(db_.path(), "UPDATE deals SET title = '庁舎改修' WHERE id = 2"), "");
    EXPECT_TRUE(Hits("耐震").empty()) << "old text is gone";
    EXPECT_EQ(Hits("庁舎"), std::vector<std::string>{"deal:2"});
    ASSERT_EQ(RawSql(db_.path(), "DELETE FROM deals WHERE id = 2"), "");
    EXPECT_TRUE(Hits("庁舎").empty()) << "deleted rows leave the index";
    // Contact log entries are searchable too.
    ASSERT_TRUE(log_->Record(Gift()).ok());
    EXPECT_EQ(Hits("歳暮", "contact"), std::vector<std::string>{"contact:1"});
    auto pending = store_->search().PendingCount();
    ASSERT_TRUE(pending.ok());
    EXPECT_EQ(*pending, 0);
}

TEST_F(ComplianceTest, SearchRejectsBadParametersNamingThem) {
    for (auto params : std::vector<ListParams>{{},
                                               {{"q", ""}},
                                               {{"q", "   "}},
                                               {{"q", std::string(600, 'a')}},
                                               {{"q", "x"}, {"types", "deal,secrets"}},
                                               {{"q", "x"}, {"limit", "1000"}},
                                               {{"q", "x"}, {"cursor", "nothex"}},
                                               {{"q", "x"}, {"sort", "name"}}}) {
        auto r = search_->Search(params);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
        ASSERT_EQ(r.status().details().size(), 1u);
    }
    // Only punctuation: valid, no hits.
    auto none = search_->Search({{"q", "!!!"}});
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->items.empty());
}

TEST_F(ComplianceTest, SearchPagesWithACursor) {
    ASSERT_EQ(RawSql(db_.path(), "UPDATE deals SET title = '共通基盤 ' || id"), "");
    auto first = search_->Search({{"q", "共通基盤"}, {"limit", "3"}});
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->items.size(), 3u);
    ASSERT_TRUE(first->next_cursor);
    auto second = search_->Search({{"q", "共通基盤"}, {"limit", "3"}, {"cursor", *first->next_cursor}});
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(second->items.size(), 1u);
    EXPECT_FALSE(second->next_cursor);
    for (const auto& h : first->items) EXPECT_NE(h.id, second->items[0].id);
}

}  // namespace
}  // namespace kyoso::app
