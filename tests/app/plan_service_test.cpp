// The action plan's use case with fakes: the organisation profile (sales staff,
// government focus at the 60% thresholds, overrides) and the answer without a diagnosis.
#include "kyoso/app/transformation/plan_service.hpp"

#include <gtest/gtest.h>

#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

class FakePlanRepository final : public ports::PlanRepository {
public:
    Result<ports::PlanOrgFacts> OrgFacts() override { return facts; }
    Result<std::vector<ports::PlanProgressRecord>> Progress() override { return rows; }
    Status SaveProgress(const ports::PlanProgressRecord& r) override {
        rows.push_back(r);
        return Status::Ok();
    }
    ports::PlanOrgFacts facts;
    std::vector<ports::PlanProgressRecord> rows;
};

class FakeDiagnoses final : public DiagnosisSource {
public:
    Result<std::optional<domain::Diagnosis>> LatestDiagnosis() override { return diagnosis; }
    std::optional<domain::Diagnosis> diagnosis;
};

TEST(PlanFocusOf, SixtyPercentOfDealsDecide) {
    struct Case {
        long long deals, small, large;
        domain::GovernmentFocus want;
    } cases[] = {
        {0, 0, 0, domain::GovernmentFocus::kMixed},  {10, 6, 4, domain::GovernmentFocus::kTownsAndVillages},
        {10, 5, 5, domain::GovernmentFocus::kMixed}, {10, 2, 6, domain::GovernmentFocus::kLargeCities},
        {10, 3, 5, domain::GovernmentFocus::kMixed}, {3, 2, 1, domain::GovernmentFocus::kTownsAndVillages},  // 67%
    };
    for (const auto& c : cases) {
        ports::PlanOrgFacts f;
        f.deals = c.deals;
        f.small_government_deals = c.small;
        f.large_government_deals = c.large;
        EXPECT_EQ(PlanFocusOf(f), c.want) << c.deals << " " << c.small << " " << c.large;
    }
}

class PlanServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        service_ = std::make_unique<PlanService>(*store_, repo_, diagnoses_, clock_, digest_, calendar_, nullptr);
    }
    kyoso::testing::TempDb db_{"plan-service"};
    std::unique_ptr<sqlite::SqliteStore> store_;
    FakePlanRepository repo_;
    FakeDiagnoses diagnoses_;
    kyoso::testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    std::unique_ptr<PlanService> service_;
};

TEST_F(PlanServiceTest, ProfileComesFromTheDataUnlessOverridden) {
    repo_.facts = {12, 10, 7, 1};
    auto p = service_->Profile({});
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->sales_staff, 12);
    EXPECT_EQ(p->band, domain::OrgSizeBand::kMedium);
    EXPECT_EQ(p->focus, domain::GovernmentFocus::kTownsAndVillages);
    EXPECT_NEAR(*p->small_government_share, 0.7, 1e-9);
    auto o = service_->Profile({"", "51", "large_cities"});
    ASSERT_TRUE(o.ok());
    EXPECT_EQ(o->band, domain::OrgSizeBand::kLarge);
    EXPECT_TRUE(o->staff_overridden);
    EXPECT_EQ(o->focus, domain::GovernmentFocus::kLargeCities);
    EXPECT_EQ(o->derived_focus, domain::GovernmentFocus::kTownsAndVillages);
    auto bad = service_->Profile({"", "-3", "cities"});
    ASSERT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
    ASSERT_EQ(bad.status().details().size(), 2u);
    EXPECT_EQ(bad.status().details()[0].field, "staff");
    EXPECT_EQ(bad.status().details()[1].field, "focus");
}

TEST_F(PlanServiceTest, WithoutADiagnosisThereIsNoPlan) {
    auto plan = service_->Build({});
    ASSERT_EQ(plan.status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_NE(plan.status().message().find("変革診断の回答がまだありません"), std::string::npos);
}

TEST_F(PlanServiceTest, ThePlanStartsTodayByDefaultAndShowsProgress) {
    domain::Diagnosis d;
    d.assessment_id = 1;
    diagnoses_.diagnosis = d;
    repo_.rows.push_back({"core.vision", "done", "全社説明会済み", 1, "社長", "2026-11-20T01:00:00Z"});
    auto plan = service_->Build({});
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(plan->plan.start, MakeDate(2026, 11, 27));
    EXPECT_EQ(plan->progress.at("core.vision").status, "done");
    const ports::Sheet sheet = PlanService::SheetOf(*plan);
    EXPECT_EQ(sheet.name, "行動計画");
    ASSERT_EQ(sheet.header.size(), 8u);
    ASSERT_FALSE(sheet.rows.empty());
    EXPECT_EQ(sheet.rows[0][0], "パイロット");
    EXPECT_EQ(sheet.rows[0][2], "変革ビジョンと二軸の評価指標を示す");
    EXPECT_EQ(sheet.rows[0][7], "完了");
    EXPECT_EQ(service_->Xlsx(*plan).status().code(), ErrorCode::kUnavailable);
    EXPECT_EQ(PlanService::XlsxFileName(*plan), "kyoso-action-plan-2026-11-27.xlsx");
}

TEST_F(PlanServiceTest, ProgressIsValidatedAndAudited) {
    Principal by;
    by.user_id = 0;
    by.name = "管理者";
    by.role = domain::AccessRole::kAdmin;
    EXPECT_EQ(service_->SetProgress("nope", {"done", std::nullopt}, by).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(service_->SetProgress("core.vision", {std::nullopt, std::nullopt}, by).status().code(),
              ErrorCode::kInvalidArgument);
    auto saved = service_->SetProgress("core.vision", {"doing", "説明会を準備中"}, by);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    EXPECT_EQ(saved->status, "doing");
    ASSERT_EQ(repo_.rows.size(), 1u);
    auto newest = store_->audit().Newest(1);
    ASSERT_TRUE(newest.ok());
    ASSERT_EQ(newest->size(), 1u);
    EXPECT_EQ((*newest)[0].action, "plan_progress.update");
    EXPECT_EQ((*newest)[0].before_json, R"({"status":"todo","note":""})");
    EXPECT_EQ((*newest)[0].after_json, R"({"status":"doing","note":"説明会を準備中"})");
}

}  // namespace
}  // namespace kyoso::app
