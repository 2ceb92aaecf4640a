// Departments, officials with posting history, and the 人事異動 rotation import.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/department/department_service.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/official/official_service.hpp"
#include "kyoso/app/official/rotation_import.hpp"
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

std::vector<std::string> Fields(const Status& st) {
    std::vector<std::string> out;
    for (const auto& d : st.details()) out.push_back(d.field);
    return out;
}

// The real master, product 1, users 1-2 and the legacy official 1 (山田 太郎 of
// 千代田区, stored by the foundation without a name key or postings). Today is 2026-11-27.
class PeopleServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        GovernmentService governments(*store_, normalizer_, clock_, digest_, calendar_);
        ASSERT_TRUE(governments.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        testing::SeedProductAndTeam(store_->sales());
        ASSERT_TRUE(store_->sales().InsertOfficials({testing::ChiyodaOfficial()}).ok());
        departments_ = std::make_unique<DepartmentService>(*store_, clock_, digest_);
        officials_ = std::make_unique<OfficialService>(*store_, normalizer_, clock_, digest_);
        rotations_ = std::make_unique<RotationImportService>(*store_, normalizer_, clock_, digest_, reader_,
                                                             *officials_, *departments_);
    }

    long long Dept(const std::string& name, long long parent, const std::string& code = "131016") {
        DepartmentCreate r;
        r.government_code = code;
        r.parent_id = parent == 0 ? std::nullopt : std::optional<long long>(parent);
        r.name = name;
        auto d = departments_->Create(r, "system");
        EXPECT_TRUE(d.ok()) << d.status().ToString();
        return d.ok() ? d->id : 0;
    }

    long long Person(const std::string& name, const std::string& kana, long long dept, const std::string& title) {
        OfficialCreate r;
        r.government_code = "131016";
        r.name = name;
        r.kana = kana;
        if (dept != 0) r.department_id = dept;
        r.title = title;
        r.posted_from = "2024-04-01";
        auto o = officials_->Create(r, "system");
        EXPECT_TRUE(o.ok()) << o.status().ToString();
        return o.ok() ? o->official.id : 0;
    }

    long long AuditCount() {
        auto last = store_->audit().LastEntry();
        return last.ok() && *last ? (*last)->seq : 0;
    }

    Result<RotationReport> Import(const std::string& csv, bool dry_run = false) {
        RotationOptions o;
        o.dry_run = dry_run;
        return rotations_->ImportBytes(csv, "test.csv", o);
    }

    testing::TempDb db_{"people_service"};
    std::unique_ptr<sqlite::SqliteStore> store_;
    text::IcuTextNormalizer normalizer_;
    text::CsvTableReader reader_;
    testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    std::unique_ptr<DepartmentService> departments_;
    std::unique_ptr<OfficialService> officials_;
    std::unique_ptr<RotationImportService> rotations_;
};

TEST_F(PeopleServiceTest, DepartmentTreeRules) {
    const long long bureau = Dept("政策経営部", 0);
    const long long division = Dept("情報政策課", bureau);
    ASSERT_NE(division, 0);
    EXPECT_EQ(departments_->Get(bureau)->level, domain::DepartmentLevel::kBureau);
    EXPECT_EQ(departments_->Get(division)->level, domain::DepartmentLevel::kDivision);

    // The same name under the same parent is taken; under another parent it is fine.
    DepartmentCreate dup{"131016", bureau, "情報政策課", std::nullopt, {}, ""};
    auto taken = departments_->Create(dup, "system");
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.status().code(), ErrorCode::kAlreadyExists);
    EXPECT_NE(Dept("情報政策課", 0), 0);

    // A parent in another government, an unknown policy domain, a bureau under a division.
    DepartmentCreate bad{"132012", division, "", std::string("bureau"), {"防災", "宇宙開発"}, ""};
    auto refused = departments_->Create(bad, "system");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Fields(refused.status()), (std::vector<std::string>{"name", "policy_domains[1]", "parent_id"}));

    // No cycles: the bureau cannot move under its own division.
    DepartmentPatch cycle;
    cycle.parent_id = division;
    auto moved = departments_->Update(bureau, cycle, "system");
    ASSERT_FALSE(moved.ok());
    EXPECT_EQ(Fields(moved.status()).front(), "parent_id");

    auto tree = departments_->TreeForGovernment("131016");
    ASSERT_TRUE(tree.ok());
    ASSERT_EQ(tree->size(), 2u);
    EXPECT_EQ((*tree)[0].department.name, "政策経営部");
    ASSERT_EQ((*tree)[0].children.size(), 1u);
    EXPECT_EQ((*tree)[0].children[0].department.id, division);
    EXPECT_EQ(*departments_->PathName(division), "政策経営部 情報政策課");

    // Delete is refused while children or officials refer to it.
    const long long before = AuditCount();
    auto refused_delete = departments_->Delete(bureau, "system");
    EXPECT_EQ(refused_delete.code(), ErrorCode::kConflict);
    Person("高橋 一郎", "たかはし いちろう", division, "課長");
    EXPECT_EQ(departments_->Delete(division, "system").code(), ErrorCode::kConflict);
    EXPECT_EQ(AuditCount(), before + 1);  // only the official
    const long long empty = Dept("防災課", 0);
    EXPECT_TRUE(departments_->Delete(empty, "system").ok());
    EXPECT_EQ(departments_->Get(empty).status().code(), ErrorCode::kNotFound);
}

TEST_F(PeopleServiceTest, DuplicateOfficialsAreDetectedByNormalisedNameAndKana) {
    OfficialCreate r;
    r.government_code = "131016";
    r.name = "山田　太郎";  // ideographic space
    r.kana = "ﾔﾏﾀﾞ ﾀﾛｳ";    // half-width katakana
    auto dup = officials_->Create(r, "system");
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.status().code(), ErrorCode::kAlreadyExists);
    EXPECT_NE(dup.status().message().find("official 1"), std::string::npos) << dup.status().message();
    r.allow_duplicate = true;
    EXPECT_TRUE(officials_->Create(r, "system").ok());
    r.allow_duplicate = false;
    r.government_code = "132012";  // another government: not a duplicate
    EXPECT_TRUE(officials_->Create(r, "system").ok());

    OfficialCreate bad;
    bad.government_code = "999999";
    bad.decision_role = "boss";
    bad.email = "nope";
    bad.department_id = 12345;
    auto refused = officials_->Create(bad, "system");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(Fields(refused.status()),
              (std::vector<std::string>{"government_code", "name", "email", "decision_role", "department_id"}));
}

TEST_F(PeopleServiceTest, PostingHistoryGrowsWhenTheDepartmentOrTitleChanges) {
    const long long division = Dept("情報政策課", 0);
    const long long other = Dept("DX推進課", 0);
    const long long id = Person("高橋 一郎", "たかはし いちろう", division, "係長");
    OfficialPatch p;
    p.department_id = other;
    p.title = "課長";
    p.decision_role = "決裁者";
    auto updated = officials_->Update(id, p, "system");
    ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    EXPECT_EQ(updated->official.department, "DX推進課");
    EXPECT_EQ(updated->official.decision_role, "approver");
    ASSERT_EQ(updated->postings.size(), 2u);
    EXPECT_EQ(updated->postings[0].title, "課長");  // newest first
    EXPECT_FALSE(updated->postings[0].to.has_value());
    EXPECT_EQ(updated->postings[1].department_id, division);
    EXPECT_EQ(updated->postings[1].to, MakeDate(2026, 11, 26));

    // A change of phone only adds no posting.
    OfficialPatch phone;
    phone.phone = "03-1234-5678";
    EXPECT_EQ(officials_->Update(id, phone, "system")->postings.size(), 2u);
}

TEST_F(PeopleServiceTest, ListFiltersSortsAndPages) {
    const long long division = Dept("情報政策課", 0);
    Person("高橋 一郎", "たかはし いちろう", division, "課長");
    Person("伊藤 二郎", "いとう じろう", division, "係長");
    Person("安藤 三郎", "あんどう さぶろう", 0, "主事");
    auto by_dept = officials_->List({{"department_id", std::to_string(division)}});
    ASSERT_TRUE(by_dept.ok());
    EXPECT_EQ(by_dept->total, 2);
    auto by_kana = officials_->List({{"q", "タカハシ"}});
    ASSERT_TRUE(by_kana.ok());
    ASSERT_EQ(by_kana->items.size(), 1u);
    EXPECT_EQ(by_kana->items[0].name, "高橋 一郎");
    // Sorted by name key, two per page, each official exactly once.
    std::vector<std::string> seen;
    ListParams params{{"government", "131016"}, {"sort", "name"}, {"limit", "2"}};
    for (int guard = 0; guard < 5; ++guard) {
        auto page = officials_->List(params);
        ASSERT_TRUE(page.ok()) << page.status().ToString();
        for (const auto& o : page->items) seen.push_back(o.name_key);
        if (!page->next_cursor) break;
        params["cursor"] = *page->next_cursor;
    }
    ASSERT_EQ(seen.size(), 4u);  // three plus the legacy official 1
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(officials_->List({{"sort", "age"}}).status().details().front().field, "sort");
    EXPECT_EQ(officials_->List({{"fields", "id,shoe_size"}}).status().details().front().field, "fields");
    EXPECT_EQ(officials_->List({{"cursor", "zz"}}).status().details().front().field, "cursor");
}

TEST_F(PeopleServiceTest, SearchFindsRowsStoredWithoutANameKey) {
    // Official 1 was bulk-inserted without a name key; the first search computes it.
    ASSERT_EQ(store_->officials().WithoutNameKey(10)->size(), 1u);
    auto legacy = officials_->List({{"q", "ﾔﾏﾀﾞ"}});
    ASSERT_TRUE(legacy.ok()) << legacy.status().ToString();
    ASSERT_EQ(legacy->items.size(), 1u);
    EXPECT_EQ(legacy->items[0].id, 1);
    EXPECT_TRUE(store_->officials().WithoutNameKey(10)->empty());
}

TEST_F(PeopleServiceTest, RotationMovesLinksSuccessorsAndFlagsDeals) {
    const long long bureau = Dept("政策経営部", 0);
    const long long division = Dept("情報政策課", bureau);
    const long long takahashi = Person("高橋 一郎", "たかはし いちろう", division, "課長");
    auto open = testing::TestDeal(10, "131016", 1, takahashi);
    auto won = testing::TestDeal(11, "131016", 1, takahashi);
    won.stage = domain::Stage::kWon;
    ASSERT_TRUE(store_->sales().InsertDeals({open, won}).ok());
    const long long audit_before = AuditCount();

    const std::string csv =
        "氏名,かな,団体コード,旧所属,旧職名,新所属,新職名,発令日\n"
        "高橋 一郎,,131016,政策経営部 情報政策課,課長,総務部 DX推進課,課長,2027-04-01\n"
        "佐藤 三郎,さとう さぶろう,131016,,,政策経営部 情報政策課,課長,2027-04-01\n";
    auto dry = Import(csv, true);
    ASSERT_TRUE(dry.ok()) << dry.status().ToString();
    EXPECT_TRUE(dry->dry_run);
    EXPECT_EQ(dry->moved, 1);
    EXPECT_EQ(AuditCount(), audit_before);  // a dry run writes nothing
    EXPECT_FALSE(store_->deals().Get(10)->needs_follow_up);

    auto report = Import(csv);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->moved, 1);
    EXPECT_EQ(report->created, 1);
    EXPECT_EQ(report->departments_created, 2);  // 総務部, DX推進課
    EXPECT_EQ(report->successions, 1);
    EXPECT_EQ(report->deals_flagged, 1);
    EXPECT_TRUE(store_->deals().Get(10)->needs_follow_up);
    EXPECT_FALSE(store_->deals().Get(11)->needs_follow_up);  // won: not open
    EXPECT_GT(AuditCount(), audit_before);

    auto moved = officials_->Get(takahashi);
    ASSERT_TRUE(moved.ok());
    EXPECT_EQ(moved->official.department, "総務部 DX推進課");
    ASSERT_EQ(moved->postings.size(), 2u);
    EXPECT_EQ(moved->postings[0].from, MakeDate(2027, 4, 1));
    EXPECT_EQ(moved->postings[1].to, MakeDate(2027, 3, 31));
    ASSERT_EQ(moved->successors.size(), 1u);
    const long long sato = report->rows[1].official_id;
    EXPECT_EQ(moved->successors[0].other_id, sato);
    auto newcomer = officials_->Get(sato);
    ASSERT_TRUE(newcomer.ok());
    EXPECT_EQ(newcomer->official.department_id, division);
    ASSERT_EQ(newcomer->predecessors.size(), 1u);
    EXPECT_EQ(newcomer->predecessors[0].other_id, takahashi);
}

TEST_F(PeopleServiceTest, ABadRowWritesNothing) {
    const long long before = AuditCount();
    auto count = store_->sales().Counts();
    const std::string csv =
        "name,government_code,to_department,to_title,effective_date\n"
        "山田 太郎,131016,DX推進課,課長,2027-04-01\n"
        "佐藤 花子,999999,DX推進課,,2027-13-01\n";
    auto report = Import(csv);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Fields(report.status()), (std::vector<std::string>{"row 3: 団体コード", "row 3: 発令日"}));
    EXPECT_EQ(AuditCount(), before);
    EXPECT_EQ(store_->sales().Counts()->officials, count->officials);
    EXPECT_TRUE(store_->departments().ListByGovernment("131016")->empty());

    auto twice = Import(
        "氏名,団体コード,新所属,発令日\n新人 一,131016,DX推進課,2027-04-01\n"
        "新人　一,131016,企画課,2027-04-01\n");
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(Fields(twice.status()), (std::vector<std::string>{"row 3: 氏名"}));
    auto blank = Import("氏名,団体コード,新所属,発令日\n山田 太郎,131016,\u3000,2027-04-01\n");
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(Fields(blank.status()), (std::vector<std::string>{"row 2: 新所属"}));
    auto header = Import("氏名,団体コード,shoe_size\n");
    ASSERT_FALSE(header.ok());
    EXPECT_EQ(Fields(header.status()).front(), "header");
}

TEST_F(PeopleServiceTest, AmbiguousNamesAreReported) {
    Person("高橋 一郎", "たかはし いちろう", 0, "課長");
    OfficialCreate twin;
    twin.government_code = "131016";
    twin.name = "高橋 一郎";
    twin.kana = "たかはし かずお";
    ASSERT_TRUE(officials_->Create(twin, "system").ok());
    auto report = Import("氏名,団体コード,新所属,発令日\n高橋一郎,131016,DX推進課,2027-04-01\n");
    ASSERT_FALSE(report.ok());
    ASSERT_EQ(Fields(report.status()), (std::vector<std::string>{"row 2: 氏名"}));
    EXPECT_NE(report.status().details()[0].message.find("ambiguous"), std::string::npos);
    // The kana settles it.
    auto settled = Import("氏名,かな,団体コード,新所属,発令日\n高橋一郎,タカハシ カズオ,131016,DX推進課,2027-04-01\n");
    ASSERT_TRUE(settled.ok()) << settled.status().ToString();
    EXPECT_EQ(settled->moved, 1);
}

TEST_F(PeopleServiceTest, ShiftJisRotationFile) {
    const std::string utf8 =
        "氏名,かな,団体コード,新所属,新職名,発令日\r\n山田 太郎,やまだ たろう,131016,子育て支援課,課長,2027/4/1\r\n";
    std::string sjis(utf8.size() * 2, '\0');
    UErrorCode err = U_ZERO_ERROR;
    const int32_t n = ucnv_convert("shift_jis", "utf-8", sjis.data(), static_cast<int32_t>(sjis.size()), utf8.data(),
                                   static_cast<int32_t>(utf8.size()), &err);
    ASSERT_TRUE(U_SUCCESS(err));
    sjis.resize(static_cast<size_t>(n));
    auto report = Import(sjis);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->encoding, "Shift_JIS");
    EXPECT_EQ(report->moved, 1);  // the legacy official 1, found by name and kana
    auto moved = officials_->Get(1);
    ASSERT_TRUE(moved.ok());
    EXPECT_EQ(moved->official.department, "子育て支援課");
    EXPECT_EQ(moved->postings.front().from, MakeDate(2027, 4, 1));
}

TEST_F(PeopleServiceTest, LoggingContactWithADoNotContactOfficialWarns) {
    OfficialCreate r;
    r.government_code = "131016";
    r.name = "連絡 不可子";
    r.do_not_contact = true;
    auto o = officials_->Create(r, "system");
    ASSERT_TRUE(o.ok());
    DealService deals(*store_, clock_, digest_, calendar_);
    ActivityRequest a;
    a.type = "call";
    a.occurred_on = "2026-11-20";
    a.government_code = "131016";
    a.user_id = 1;
    a.official_id = o->official.id;
    auto logged = deals.LogActivity(a);
    ASSERT_TRUE(logged.ok()) << logged.status().ToString();
    bool warned = false;
    for (const auto& w : logged->warnings) warned = warned || w.code == "do_not_contact";
    EXPECT_TRUE(warned);
    a.official_id = 1;
    auto fine = deals.LogActivity(a);
    ASSERT_TRUE(fine.ok());
    for (const auto& w : fine->warnings) EXPECT_NE(w.code, "do_not_contact");
}

}  // namespace
}  // namespace kyoso::app
