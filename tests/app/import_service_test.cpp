#include "kyoso/app/import/import_service.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unicode/ucnv.h>

#include <fstream>
#include <sstream>

#include "kyoso/app/audit/audit_service.hpp"
#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sql/import_repository.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "kyoso/text/mapping_file.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using domain::RecordType;

std::string ToShiftJis(const std::string& utf8) {
    UErrorCode status = U_ZERO_ERROR;
    std::string out(utf8.size() * 2 + 16, '\0');
    const int32_t n = ucnv_convert("windows-31j", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                   static_cast<int32_t>(utf8.size()), &status);
    EXPECT_TRUE(U_SUCCESS(status));
    out.resize(static_cast<size_t>(n));
    return out;
}

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A database with the real government master and the import service over it.
class ImportWorld {
public:
    ImportWorld() {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        EXPECT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        GovernmentService governments(*store_, normalizer_, clock_, digest_, calendar_);
        EXPECT_TRUE(governments.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        repo_ = sql::MakeImportRepository(store_.get());
        service_ = std::make_unique<ImportService>(*store_, *repo_, reader_, normalizer_, clock_, digest_);
    }

    ImportReport Import(RecordType type, const std::string& csv, bool dry_run = false,
                        const ports::ImportMapping* mapping = nullptr,
                        ports::TextEncoding encoding = ports::TextEncoding::kAuto) {
        ImportOptions o;
        o.type = type;
        o.dry_run = dry_run;
        o.mapping = mapping;
        o.encoding = encoding;
        ports::NullProgress progress;
        auto r = service_->Import(csv, o, progress);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        return r.ok() ? *r : ImportReport{};
    }
    Status ImportStatus(RecordType type, const std::string& csv, const ports::ImportMapping* mapping = nullptr,
                        ports::TextEncoding encoding = ports::TextEncoding::kAuto) {
        ImportOptions o;
        o.type = type;
        o.mapping = mapping;
        o.encoding = encoding;
        ports::NullProgress progress;
        return service_->Import(csv, o, progress).status();
    }
    std::string Export(RecordType type) {
        std::string out;
        Status st = service_->Export(type, [&](std::string_view chunk) {
            out.append(chunk);
            return Status::Ok();
        });
        EXPECT_TRUE(st.ok()) << st.ToString();
        return out;
    }
    // The first column of the first row of `sql` as text ("" when none).
    std::string Query(const std::string& sql) {
        auto lease = store_->Reader();
        sql::Statement q(lease.db(), sql);
        EXPECT_TRUE(q.prepare_status().ok()) << sql;
        Status st;
        std::string out;
        if (q.Step(&st)) out = q.Text(0);
        return out;
    }
    long long Count(const std::string& table) { return std::stoll(Query("SELECT count(*) FROM " + table)); }
    sqlite::SqliteStore& store() { return *store_; }
    ImportService& Service() { return *service_; }
    const ports::Digest& digest() const { return digest_; }
    const testing::FixedClock& clock() const { return clock_; }
    const domain::BusinessCalendar& calendar() const { return calendar_; }

private:
    testing::TempDb db_{"import"};
    std::unique_ptr<sqlite::SqliteStore> store_;
    text::IcuTextNormalizer normalizer_;
    testing::FixedClock clock_{Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{27}}};
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    text::CsvStreamReader reader_;
    std::unique_ptr<ports::ImportRepository> repo_;
    std::unique_ptr<ImportService> service_;
};

const char kProducts[] =
    "製品ID,製品名,価格下限,価格上限\nP1,防災情報配信システム,\"1,200,000\",3000000\nP2,電子申請サービス,５００,900\n";
const char kUsers[] =
    "ユーザーID,氏名,ロール,チーム\nU1,佐藤 花子,field_sales,東日本\nU2,鈴木 一郎,インサイドセールス,西日本\n";

class ImportServiceTest : public ::testing::Test {
protected:
    void SeedProductsAndUsers() {
        ASSERT_TRUE(w_.Import(RecordType::kProducts, kProducts).applied);
        ASSERT_TRUE(w_.Import(RecordType::kUsers, kUsers).applied);
    }
    ImportWorld w_;
};

TEST_F(ImportServiceTest, JapaneseHeadersMapByAliasAndNumbersAcceptCommasAndFullWidthDigits) {
    auto r = w_.Import(RecordType::kProducts, kProducts);
    EXPECT_TRUE(r.applied);
    EXPECT_EQ(r.inserted, 2);
    EXPECT_EQ(r.encoding, "UTF-8");
    EXPECT_EQ(w_.Query("SELECT price_min FROM products WHERE external_id = 'P1'"), "1200000");
    EXPECT_EQ(w_.Query("SELECT price_min FROM products WHERE external_id = 'P2'"), "500");
    ASSERT_TRUE(w_.Import(RecordType::kUsers, kUsers).applied);
    EXPECT_EQ(w_.Query("SELECT role FROM users WHERE external_id = 'U2'"), "inside_sales");
}

TEST_F(ImportServiceTest, ShiftJisAndBomFilesAreDetected) {
    auto sjis = w_.Import(RecordType::kUsers, ToShiftJis(kUsers));
    EXPECT_EQ(sjis.encoding, "Shift_JIS");
    EXPECT_EQ(sjis.inserted, 2);
    EXPECT_EQ(w_.Query("SELECT name FROM users WHERE external_id = 'U1'"), "佐藤 花子");
    auto bom = w_.Import(RecordType::kProducts, std::string("\xEF\xBB\xBF") + kProducts);
    EXPECT_EQ(bom.encoding, "UTF-8 (BOM)");
    EXPECT_EQ(bom.inserted, 2);
    // A forced encoding is used as given: Shift_JIS decodes, UTF-8 refuses it naming the line.
    auto forced = w_.Import(RecordType::kUsers, ToShiftJis(kUsers), true, nullptr, ports::TextEncoding::kShiftJis);
    EXPECT_EQ(forced.encoding, "Shift_JIS");
    EXPECT_EQ(forced.unchanged, 2);
    Status wrong = w_.ImportStatus(RecordType::kUsers, ToShiftJis(kUsers), nullptr, ports::TextEncoding::kUtf8);
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.message().find("line 1 has invalid UTF-8"), std::string::npos) << wrong.message();
}

TEST_F(ImportServiceTest, DryRunListsEveryBadRowWithColumnAndReasonAndWritesNothing) {
    SeedProductsAndUsers();
    const std::string csv =
        "案件ID,団体コード,製品ID,担当者ID,案件名,金額,ステージ,作成日\n"
        "D1,131016,P1,U1,千代田区 防災,1000000,discovery,2026-04-01\n"
        "D2,131017,P1,U1,壊れたコード,abc,won,2026-04-01\n"
        "D3,府中市,P9,U1,曖昧な団体,100,nonsense,2026-13-01\n"
        "D4,131016,P1,U1,,100,受注,2026/4/5\n";
    auto r = w_.Import(RecordType::kDeals, csv, true);
    EXPECT_TRUE(r.dry_run);
    EXPECT_FALSE(r.applied);
    EXPECT_EQ(r.rows, 4);
    std::vector<std::string> got;
    for (const auto& e : r.errors) got.push_back(std::to_string(e.row) + " " + e.column);
    EXPECT_EQ(got, (std::vector<std::string>{"3 団体コード", "3 金額", "4 団体コード", "4 製品ID", "4 ステージ",
                                             "4 作成日", "5 案件名"}));
    EXPECT_NE(r.errors[0].reason.find("check digit"), std::string::npos) << r.errors[0].reason;
    EXPECT_NE(r.errors[2].reason.find("ambiguous"), std::string::npos);
    EXPECT_NE(r.errors[2].reason.find("132063"), std::string::npos);
    EXPECT_EQ(r.errors[6].reason, "required");
    EXPECT_EQ(r.error_count, 7);
    EXPECT_EQ(w_.Count("deals"), 0);
}

TEST_F(ImportServiceTest, ApplyingIsAllOrNothingABadLastRowWritesNothing) {
    SeedProductsAndUsers();
    const long long audit_before = w_.Count("audit_log");
    std::string csv = "案件ID,団体コード,製品ID,担当者ID,案件名,金額,作成日\n";
    for (int i = 1; i <= 50; ++i)
        csv += "D" + std::to_string(i) + ",131016,P1,U1,案件" + std::to_string(i) + ",100,2026-04-01\n";
    csv += "D51,131016,P1,U404,最後の行,100,2026-04-01\n";
    auto r = w_.Import(RecordType::kDeals, csv);
    EXPECT_FALSE(r.applied);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].row, 52);
    EXPECT_EQ(r.errors[0].column, "担当者ID");
    EXPECT_EQ(r.inserted, 0);
    EXPECT_EQ(w_.Count("deals"), 0);
    EXPECT_EQ(w_.Count("audit_log"), audit_before);
}

TEST_F(ImportServiceTest, SecondImportUpdatesByExternalIdInsteadOfDuplicating) {
    SeedProductsAndUsers();
    const std::string v1 =
        "external_id,government_code,product_external_id,owner_external_id,title,amount,created_on\n"
        "D1,131016,P1,U1,防災,100,2026-04-01\nD2,千代田区,P2,U2,申請,200,2026-05-01\n";
    auto first = w_.Import(RecordType::kDeals, v1);
    EXPECT_EQ(first.inserted, 2);
    EXPECT_EQ(w_.Query("SELECT fiscal_year FROM deals WHERE external_id = 'D1'"), "2026");
    const std::string v2 =
        "external_id,government_code,product_external_id,owner_external_id,title,amount,created_on\n"
        "D1,131016,P1,U1,防災,150,2026-04-01\nD2,千代田区,P2,U2,申請,200,2026-05-01\n"
        "D3,13101,P2,U2,新規,300,2026-06-01\n";
    auto second = w_.Import(RecordType::kDeals, v2);
    EXPECT_EQ(second.inserted, 1);
    EXPECT_EQ(second.updated, 1);
    EXPECT_EQ(second.unchanged, 1);
    EXPECT_EQ(w_.Count("deals"), 3);
    EXPECT_EQ(w_.Query("SELECT amount FROM deals WHERE external_id = 'D1'"), "150");
    EXPECT_EQ(w_.Query("SELECT government_code FROM deals WHERE external_id = 'D3'"), "131016");
}

TEST_F(ImportServiceTest, RelationsResolveByCodeNameAndExternalIds) {
    SeedProductsAndUsers();
    auto deps =
        w_.Import(RecordType::kDepartments,
                  "部署ID,団体名,親部署ID,部署名,階層\nB1,東京都府中市,,総務部,部\nB2,東京都府中市,B1,情報政策課,課\n"
                  "B3,北海道,,総務部,bureau\n");
    EXPECT_EQ(deps.inserted, 3) << (deps.errors.empty() ? "" : deps.errors[0].reason);
    EXPECT_EQ(w_.Query("SELECT government_code FROM departments WHERE external_id = 'B1'"), "132063");
    EXPECT_EQ(w_.Query("SELECT government_code FROM departments WHERE external_id = 'B3'"), "010006");
    EXPECT_EQ(w_.Query("SELECT p.external_id FROM departments d JOIN departments p ON p.id = d.parent_id "
                       "WHERE d.external_id = 'B2'"),
              "B1");
    auto officials = w_.Import(
        RecordType::kOfficials,
        "職員ID,団体コード,部署ID,氏名,ふりがな,役職,役割\nO1,132063,B2,山田 太郎,やまだ たろう,課長,決裁者\n");
    EXPECT_EQ(officials.inserted, 1);
    EXPECT_EQ(w_.Query("SELECT d.name FROM officials o JOIN departments d ON d.id = o.department_id"), "情報政策課");
    EXPECT_EQ(w_.Query("SELECT decision_role FROM officials"), "approver");
    ASSERT_TRUE(
        w_.Import(
              RecordType::kDeals,
              "案件ID,団体コード,製品ID,担当者ID,キーマンID,案件名,作成日\nD1,132063,P1,U1,O1,府中 防災,2026-04-01\n")
            .applied);
    auto acts = w_.Import(RecordType::kActivities,
                          "活動ID,案件ID,担当者ID,職員ID,種別,日付,メモ\nA1,D1,U2,O1,訪問,2026-05-01,課長と面談。\n");
    ASSERT_TRUE(acts.applied);
    // The activity inherits its deal's government.
    EXPECT_EQ(w_.Query("SELECT government_code || ' ' || type FROM activities"), "132063 visit");
    auto orphan = w_.Import(RecordType::kActivities, "活動ID,担当者ID,種別,日付\nA2,U2,call,2026-05-01\n", true);
    ASSERT_EQ(orphan.errors.size(), 1u);
    EXPECT_EQ(orphan.errors[0].column, "government_code");
}

TEST_F(ImportServiceTest, DuplicateOfficialsByNormalisedNameKanaAndGovernmentAreReported) {
    ASSERT_TRUE(
        w_.Import(RecordType::kOfficials, "職員ID,団体コード,氏名,ふりがな\nO1,131016,山田 太郎,ヤマダ タロウ\n")
            .applied);
    auto r = w_.Import(RecordType::kOfficials,
                       "職員ID,団体コード,氏名,ふりがな\n"
                       "X1,131016,山田　太郎,やまだたろう\n"  // same person: full-width space, hiragana
                       "X2,132012,山田 太郎,やまだ たろう\n"  // another government: not a duplicate
                       "X3,131016,ﾔﾏﾀﾞ,ﾀﾛｳ\n"
                       "X4,131016,ヤマダ,たろう\n");  // half-width kana of X3
    EXPECT_TRUE(r.applied);
    ASSERT_EQ(r.duplicates.size(), 2u);
    EXPECT_EQ(r.duplicates[0].row, 2);
    EXPECT_EQ(r.duplicates[0].existing_external_id, "O1");
    EXPECT_GT(r.duplicates[0].existing_id, 0);
    EXPECT_EQ(r.duplicates[1].row, 5);
    EXPECT_EQ(r.duplicates[1].existing_external_id, "X3");
    EXPECT_EQ(w_.Count("officials"), 5);
}

TEST_F(ImportServiceTest, TheSameKeyTwiceInOneFileIsAnError) {
    auto r = w_.Import(RecordType::kUsers, "id,name\nU1,a\nU1,b\n");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].row, 3);
    EXPECT_NE(r.errors[0].reason.find("already appears"), std::string::npos);
    EXPECT_EQ(w_.Count("users"), 0);
}

TEST_F(ImportServiceTest, AMissingRequiredColumnFailsTheWholeFileNamingIt) {
    Status st = w_.ImportStatus(RecordType::kDeals, "案件ID,案件名\nD1,x\n");
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(st.message().find("government_code"), std::string::npos);
    EXPECT_NE(st.message().find("created_on"), std::string::npos);
}

TEST_F(ImportServiceTest, AMappingFileMapsColumnsConstantsTemplatesAndValues) {
    SeedProductsAndUsers();
    auto mapping = text::MappingFileParser().Parse(R"(
type = "deals"
[columns]
opportunity = "external_id"
agent = "owner_external_id"
item = "product_external_id"
opened = ["created_on"]
value = "amount"
phase = "stage"
[constants]
government_code = "131016"
[templates]
title = "{account}: {item}"
[defaults]
amount = "0"
[values.stage]
Prospecting = "discovery"
Won = "won"
[values.product_external_id]
Alarm = "P1"
)",
                                                   "m.toml");
    ASSERT_TRUE(mapping.ok()) << mapping.status().ToString();
    auto r = w_.Import(RecordType::kDeals,
                       "opportunity,agent,item,account,opened,value,phase\n"
                       "X1,U1,Alarm,Acme,2016-10-20,1054,Won\nX2,U2,P2,Beta,2017-01-02,,Prospecting\n",
                       false, &*mapping);
    EXPECT_TRUE(r.applied) << (r.errors.empty() ? "" : r.errors[0].column + ": " + r.errors[0].reason);
    EXPECT_EQ(w_.Query("SELECT title || '|' || stage || '|' || amount || '|' || fiscal_year FROM deals WHERE "
                       "external_id = 'X1'"),
              "Acme: Alarm|won|1054|2016");
    EXPECT_EQ(w_.Query("SELECT amount || '|' || stage FROM deals WHERE external_id = 'X2'"), "0|discovery");
    ports::ImportMapping bad;
    bad.constants.emplace_back("no_such_field", "x");
    EXPECT_FALSE(w_.ImportStatus(RecordType::kDeals, "a\n1\n", &bad).ok());
}

TEST_F(ImportServiceTest, AnAppliedImportAppendsOneVerifiableAuditEntryWithTheFileHash) {
    auto r = w_.Import(RecordType::kUsers, kUsers);
    ASSERT_TRUE(r.applied);
    EXPECT_EQ(r.sha256, w_.digest().Sha256Hex(kUsers));
    EXPECT_EQ(w_.Query("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"), "import.users");
    const std::string after = w_.Query("SELECT after_json FROM audit_log ORDER BY seq DESC LIMIT 1");
    EXPECT_NE(after.find(r.sha256), std::string::npos);
    EXPECT_NE(after.find("\"inserted\":2"), std::string::npos);
    AuditService audit(w_.store(), w_.digest());
    auto v = audit.Verify();
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->intact()) << v->message;
    // A dry run leaves no entry.
    const long long before = w_.Count("audit_log");
    (void)w_.Import(RecordType::kUsers, kUsers, true);
    EXPECT_EQ(w_.Count("audit_log"), before);
}

TEST(ImportRoundTrip, ExportThenImportIntoAFreshDatabaseGivesByteIdenticalExports) {
    ImportWorld demo;
    DemoBuilder builder(demo.store(), demo.clock(), demo.digest(), demo.calendar());
    DemoOptions options;
    options.as_of = Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{1}};
    ports::NullProgress progress;
    ASSERT_TRUE(builder.Build(options, progress).ok());
    // Give the demo some departments too, so every type has rows.
    ASSERT_TRUE(demo.Import(RecordType::kDepartments,
                            "部署ID,団体コード,親部署ID,部署名,階層,政策分野\n"
                            "B1,131016,,総務部,bureau,\"DX,防災\"\nB2,131016,B1,情報政策課,division,DX\n")
                    .applied);
    ImportWorld fresh;
    const RecordType order[] = {RecordType::kGovernments, RecordType::kProducts,  RecordType::kUsers,
                                RecordType::kDepartments, RecordType::kOfficials, RecordType::kDeals,
                                RecordType::kActivities,  RecordType::kLeads};
    for (RecordType t : order) {
        const std::string first = demo.Export(t);
        auto r = fresh.Import(t, first);
        ASSERT_TRUE(r.applied) << domain::RecordTypeSlug(t) << ": " << (r.errors.empty() ? "" : r.errors[0].reason);
        EXPECT_EQ(fresh.Export(t), first) << domain::RecordTypeSlug(t);
        EXPECT_GT(r.rows, 0) << domain::RecordTypeSlug(t);
    }
    // Field by field: the same deal in both databases.
    const std::string q =
        "SELECT d.title || '|' || d.amount || '|' || d.stage || '|' || d.fiscal_year || '|' || p.name || '|' || "
        "u.name || '|' || COALESCE(o.name, '') FROM deals d JOIN products p ON p.id = d.product_id JOIN users u ON "
        "u.id = d.owner_id LEFT JOIN officials o ON o.id = d.champion_id ORDER BY d.id LIMIT 1 OFFSET 17";
    EXPECT_EQ(fresh.Query(q), demo.Query(q));
    EXPECT_EQ(fresh.Count("activities"), demo.Count("activities"));
    // Importing the same export again changes nothing.
    auto again = fresh.Import(RecordType::kActivities, demo.Export(RecordType::kActivities));
    EXPECT_EQ(again.unchanged, again.rows);
}

TEST(ImportMaven, ThePublicCrmSampleImportsThroughTheShippedMappings) {
    KYOSO_REQUIRE_SHARED_DATA(dir, "maven-crm-sales-opportunities");
    ImportWorld w;
    const std::string maps = std::string(KYOSO_SOURCE_DIR) + "/examples/mappings/maven/";
    text::MappingFileParser parser;
    struct Step {
        RecordType type;
        const char* file;
        const char* mapping;
    };
    const Step steps[] = {{RecordType::kProducts, "products.csv", "products.toml"},
                          {RecordType::kUsers, "sales_teams.csv", "users.toml"},
                          {RecordType::kDeals, "sales_pipeline.csv", "deals.toml"}};
    for (const auto& s : steps) {
        auto m = parser.Parse(ReadFile(maps + s.mapping), s.mapping);
        ASSERT_TRUE(m.ok()) << m.status().ToString();
        auto r = w.Import(s.type, ReadFile(dir + "/" + s.file), false, &*m);
        ASSERT_TRUE(r.applied) << s.file << ": " << r.error_count << " errors, first: "
                               << (r.errors.empty() ? ""
                                                    : std::to_string(r.errors[0].row) + " " + r.errors[0].column + " " +
                                                          r.errors[0].reason);
    }
    EXPECT_EQ(w.Count("products"), 7);
    EXPECT_EQ(w.Count("users"), 35);
    EXPECT_EQ(w.Count("deals"), 8800);
    EXPECT_EQ(w.Query("SELECT count(*) FROM deals WHERE stage = 'won'"), "4238");
    EXPECT_EQ(w.Query("SELECT title FROM deals WHERE external_id = '1C1I7A6R'"), "Cancity: GTX Plus Basic");
}

}  // namespace
}  // namespace kyoso::app

namespace kyoso::app {
namespace {

// The committed files under tests/data/import/: Excel-style CRLF, a Shift_JIS file, a
// BOM file, Japanese headers, names and codes for governments, 半角カナ.
TEST(ImportFiles, CommittedFilesInEveryEncodingImportInDependencyOrder) {
    ImportWorld w;
    const std::string dir = std::string(KYOSO_SOURCE_DIR) + "/tests/data/import/";
    const std::pair<RecordType, const char*> files[] = {
        {RecordType::kProducts, "products.csv"},       {RecordType::kUsers, "users.csv"},
        {RecordType::kDepartments, "departments.csv"}, {RecordType::kOfficials, "officials_sjis.csv"},
        {RecordType::kDeals, "deals_bom.csv"},         {RecordType::kActivities, "activities.csv"}};
    std::vector<std::string> encodings;
    for (const auto& [type, file] : files) {
        auto r = w.Import(type, ReadFile(dir + file));
        ASSERT_TRUE(r.applied) << file << ": "
                               << (r.errors.empty() ? "" : r.errors[0].column + " " + r.errors[0].reason);
        EXPECT_EQ(r.ignored_columns, std::vector<std::string>{}) << file;
        encodings.push_back(r.encoding);
    }
    EXPECT_EQ(encodings, (std::vector<std::string>{"UTF-8", "UTF-8", "UTF-8", "Shift_JIS", "UTF-8 (BOM)", "UTF-8"}));
    // 半角カナ are stored as written; the duplicate key folds them.
    EXPECT_EQ(w.Query("SELECT kana || '/' || name_key FROM officials WHERE external_id = 'O-2'"),
              "ﾀｶﾊｼ ﾕｳｺ/高橋ゆうこ|たかはしゆうこ");
    EXPECT_EQ(w.Query("SELECT stage || ' ' || procurement_method || ' ' || amount || ' ' || fiscal_year FROM deals "
                      "WHERE external_id = 'D-1'"),
              "requested proposal 1800000 2026");
    EXPECT_EQ(w.Query("SELECT government_code FROM deals WHERE external_id = 'D-2'"), "010006");
    EXPECT_EQ(w.Query("SELECT notes FROM activities WHERE external_id = 'A-1'"),
              "情報戦略課長と面談。来年度予算要求に向け、\"電子申請\"の費用感を説明。");
    EXPECT_EQ(w.Query("SELECT posted_from FROM officials WHERE external_id = 'O-1'"), "2024-04-01");
}

// Records every Report, for the progress tests.
class ProgressLog final : public ports::ProgressSink {
public:
    struct Entry {
        std::string phase;
        long long done, total;
    };
    void Report(std::string_view phase, long long done, long long total) override {
        entries.push_back({std::string(phase), done, total});
    }
    std::vector<Entry> entries;
};

TEST(ImportProgress, IsReportedAboutEveryPercentOfRowsAndEndsWithDoneEqualToTotal) {
    ImportWorld w;
    std::string csv = "id,name,role,team\r\n";
    for (int i = 1; i <= 2000; ++i) csv += "PU" + std::to_string(i) + ",進捗 " + std::to_string(i) + ",bdr,東\r\n";
    ImportOptions o;
    o.type = RecordType::kUsers;
    ProgressLog log;
    auto r = w.Service().Import(csv, o, log);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->applied);
    ASSERT_GE(log.entries.size(), 100u);
    EXPECT_LE(log.entries.size(), 110u) << "a report per ~1% of the rows, not per row";
    long long last = -1;
    for (const auto& e : log.entries) {
        EXPECT_EQ(e.phase, "import users");
        EXPECT_EQ(e.total, 2000) << "the total is known from the first report on";
        EXPECT_GE(e.done, last);
        last = e.done;
    }
    EXPECT_EQ(log.entries.front().done, 0);
    EXPECT_EQ(log.entries.back().done, 2000);
}

TEST(ImportProgress, ATotalOverestimatedByLineBreaksInCellsIsCorrectedAtTheEnd) {
    ImportWorld w;
    const std::string csv = "id,name,role\nPU1,\"改行\nあり\",bdr\nPU2,二人目,bdr";  // no final line end
    ImportOptions o;
    o.type = RecordType::kUsers;
    ProgressLog log;
    auto r = w.Service().Import(csv, o, log);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->rows, 2);
    ASSERT_FALSE(log.entries.empty());
    EXPECT_EQ(log.entries.front().total, 3);  // three line ends after the header's
    EXPECT_EQ(log.entries.back().done, 2);
    EXPECT_EQ(log.entries.back().total, 2);
}

// Not a test: what one audit entry costs, the figure behind "one entry per import
// batch" in docs/data-import.md. Run with --gtest_also_run_disabled_tests.
TEST(ImportDiagnostics, DISABLED_CostOfPerRowAuditEntries) {
    ImportWorld w;
    AuditTrail trail(w.store(), w.clock(), w.digest());
    constexpr int kEntries = 20000;
    const auto start = std::chrono::steady_clock::now();
    Status st = w.store().InTransaction([&]() -> Status {
        for (int i = 0; i < kEntries; ++i) {
            KYOSO_RETURN_IF_ERROR(trail.Append(
                {"cli", "import.activities", "activity", std::to_string(i), "",
                 R"({"type":"visit","occurred_on":"2026-05-01","notes":"課長と面談。予算要求の時期を確認した。"})"}));
        }
        return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
    const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    std::printf("per-row audit entry: %.1f us (x 1,000,000 rows = %.1f s)\n", us / kEntries, us / kEntries);
}

}  // namespace
}  // namespace kyoso::app
