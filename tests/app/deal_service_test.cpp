#include "kyoso/app/deal/deal_service.hpp"

#include <gtest/gtest.h>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "sales_seed.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using domain::Stage;

std::vector<std::string> Fields(const Status& st) {
    std::vector<std::string> out;
    for (const auto& d : st.details()) out.push_back(d.field);
    return out;
}

// The real government master plus hand-made sales rows: users 1 and 2, official 1
// of 千代田区, official 2 of 八王子市; deals 1-3 of 千代田区 (owner 1, FY2027) and
// deal 4 of 八王子市 (owner 2), all at 情報収集. Today is 2026-11-27.
class DealServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        GovernmentService governments(*store_, normalizer_, clock_, digest_, calendar_);
        ASSERT_TRUE(governments.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        auto& sales = store_->sales();
        testing::SeedProductAndTeam(sales);
        domain::Official a = testing::ChiyodaOfficial();
        domain::Official b{2, "132012", "総務部 情報管理課", "田中 次郎", "たなか じろう", "係長", "owner", {}};
        ASSERT_TRUE(sales.InsertOfficials({a, b}).ok());
        std::vector<domain::Deal> deals;
        for (int i = 1; i <= 4; ++i) {
            deals.push_back(i <= 3 ? testing::TestDeal(i, "131016", 1, 1) : testing::TestDeal(i, "132012", 2, 2));
        }
        ASSERT_TRUE(sales.InsertDeals(deals).ok());
        service_ = std::make_unique<DealService>(*store_, clock_, digest_, calendar_);
    }

    ActivityRequest Activity(const std::string& type, const std::string& date, std::optional<long long> deal) {
        ActivityRequest r;
        r.type = type;
        r.occurred_on = date;
        r.deal_id = deal;
        r.government_code = deal && *deal == 4 ? "132012" : "131016";
        r.user_id = 1;
        r.notes = "テスト";
        return r;
    }
    long long Log(const std::string& type, const std::string& date, long long deal) {
        auto logged = service_->LogActivity(Activity(type, date, deal));
        EXPECT_TRUE(logged.ok()) << logged.status().ToString();
        return logged.ok() ? logged->id : 0;
    }
    long long Count(const char* table) {
        auto counts = store_->sales().Counts();
        if (std::string(table) == "deals") return counts->deals;
        return counts->activities;
    }

    testing::TempDb db_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    text::IcuTextNormalizer normalizer_;
    testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    std::unique_ptr<DealService> service_;
};

TEST_F(DealServiceTest, ListFiltersAndPagesWithACursor) {
    EXPECT_EQ(service_->List({{"government", "13101"}})->total, 3);
    EXPECT_EQ(service_->List({{"owner", "2"}})->total, 1);
    EXPECT_EQ(service_->List({{"stage", "discovery"}, {"fiscal_year", "2027"}})->total, 4);
    EXPECT_EQ(service_->List({{"stage", "bidding"}})->total, 0);
    std::vector<long long> seen;
    ListParams params{{"limit", "3"}};
    for (int guard = 0; guard < 5; ++guard) {
        auto page = service_->List(params);
        ASSERT_TRUE(page.ok()) << page.status().ToString();
        for (const auto& d : page->items) seen.push_back(d.deal.id);
        if (!page->next_cursor) break;
        params["cursor"] = *page->next_cursor;
    }
    EXPECT_EQ(seen, (std::vector<long long>{1, 2, 3, 4}));
}

TEST_F(DealServiceTest, ListNamesTheBadParameter) {
    const std::pair<ListParams, std::string> cases[] = {
        {{{"color", "red"}}, "color"},
        {{{"stage", "closing"}}, "stage"},
        {{{"government", "131017"}}, "government"},
        {{{"fiscal_year", "R9"}}, "fiscal_year"},
        {{{"owner", "-1"}}, "owner"},
        {{{"limit", "0"}}, "limit"},
        {{{"cursor", "zz"}}, "cursor"},
    };
    for (const auto& [params, field] : cases) {
        auto r = service_->List(params);
        ASSERT_FALSE(r.ok()) << field;
        EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(Fields(r.status()), std::vector<std::string>{field});
    }
}

TEST_F(DealServiceTest, BudgetProposalNeedsAReferenceQuoteBeforeTheRequestDeadline) {
    StageMoveRequest r{"budget_proposal", 2, "", {}, {}, {}, {}, {}};
    auto none = service_->MoveStage(1, r);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(Fields(none.status()), std::vector<std::string>{"reference_quote"});
    // 千代田区's FY2026 request deadline: 2026-11-15 is a Sunday, so Friday 13 November.
    Log("reference_quote", "2026-11-20", 1);
    auto late = service_->MoveStage(1, r);
    ASSERT_FALSE(late.ok());
    EXPECT_NE(late.status().details()[0].message.find("2026-11-13"), std::string::npos);
    Log("reference_quote", "2026-09-01", 1);
    auto moved = service_->MoveStage(1, r);
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
    EXPECT_EQ(moved->deal.stage, Stage::kBudgetProposal);
    auto detail = service_->Get(1);
    ASSERT_TRUE(detail.ok());
    ASSERT_EQ(detail->stage_history.size(), 1u);
    EXPECT_EQ(detail->stage_history[0].from, Stage::kDiscovery);
    EXPECT_EQ(detail->stage_history[0].moved_by, 2);
    EXPECT_EQ(detail->stage_history[0].moved_on, MakeDate(2026, 11, 27));
    EXPECT_EQ(detail->activities.size(), 2u);
}

TEST_F(DealServiceTest, DisallowedTransitionsAndBadRequestsWriteNothing) {
    ASSERT_TRUE(service_->MoveStage(1, {"budgeted", 1, "", {}, {}, {}, 2'800'000, {}}).ok());
    auto back = service_->MoveStage(1, {"qualified", 1, "", {}, {}, {}, {}, {}});
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(Fields(back.status()), std::vector<std::string>{"to"});
    auto bad = service_->MoveStage(1, {"closing", 99, "", {}, {}, -5, {}, {}});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Fields(bad.status()), (std::vector<std::string>{"to", "actor_id", "award_amount"}));
    EXPECT_EQ(service_->MoveStage(99, {"lost", 1, "", {}, {}, {}, {}, {}}).status().code(), ErrorCode::kNotFound);
    auto detail = service_->Get(1);
    EXPECT_EQ(detail->deal.stage, Stage::kBudgeted);
    EXPECT_EQ(detail->deal.budget_amount, 2'800'000);
    EXPECT_EQ(detail->stage_history.size(), 1u);
    EXPECT_EQ(service_->Get(99).status().code(), ErrorCode::kNotFound);
}

TEST_F(DealServiceTest, LostNeedsReasonCompetitorAndAwardAmount) {
    auto missing = service_->MoveStage(2, {"lost", 1, "", {}, "競合A社", {}, {}, {}});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(Fields(missing.status()), (std::vector<std::string>{"lost_reason", "award_amount"}));
    EXPECT_EQ(service_->Get(2)->deal.competitor, "");  // nothing written
    auto lost = service_->MoveStage(2, {"lost", 1, "総合評価で技術点が及ばず", "価格", "競合A社", 2'480'000, {}, {}});
    ASSERT_TRUE(lost.ok()) << lost.status().ToString();
    EXPECT_EQ(lost->deal.stage, Stage::kLost);
    EXPECT_EQ(lost->deal.lost_reason, "価格");
    EXPECT_EQ(lost->deal.competitor, "競合A社");
    EXPECT_EQ(lost->deal.award_amount, 2'480'000);
    EXPECT_EQ(lost->deal.closed_on, MakeDate(2026, 11, 27));
    auto again = service_->MoveStage(2, {"won", 1, "", {}, {}, 1, {}, {}});
    EXPECT_EQ(again.status().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(DealServiceTest, DeferredDealIsCarriedToTheNextFiscalYear) {
    auto no_note = service_->MoveStage(3, {"deferred", 1, "", {}, {}, {}, {}, {}});
    EXPECT_EQ(Fields(no_note.status()), std::vector<std::string>{"note"});
    const long long deals_before = Count("deals");
    auto deferred = service_->MoveStage(3, {"deferred", 1, "査定で見送り。来年度再提案", {}, {}, {}, {}, {}});
    ASSERT_TRUE(deferred.ok()) << deferred.status().ToString();
    ASSERT_TRUE(deferred->carried_over.has_value());
    const auto& next = *deferred->carried_over;
    EXPECT_EQ(Count("deals"), deals_before + 1);
    EXPECT_EQ(next.fiscal_year, 2028);
    EXPECT_EQ(next.stage, Stage::kDiscovery);
    EXPECT_EQ(next.government_code, "131016");
    EXPECT_EQ(next.owner_id, 1);
    EXPECT_EQ(next.carried_from_deal_id, 3);
    EXPECT_EQ(deferred->deal.carried_to_deal_id, next.id);
    EXPECT_EQ(deferred->deal.stage, Stage::kDeferred);
    // The deferred deal itself never moves again; the carried one does.
    EXPECT_EQ(service_->MoveStage(3, {"qualified", 1, "", {}, {}, {}, {}, {}}).status().code(),
              ErrorCode::kFailedPrecondition);
    EXPECT_TRUE(service_->MoveStage(next.id, {"lost", 1, "", "予算化されず", "なし", 0, {}, {}}).ok());
}

TEST_F(DealServiceTest, ConfiguredPolicyReplacesTheDefaults) {
    auto policy = domain::StageEvidencePolicy::Defaults();
    policy.Set(Stage::kBudgetProposal, {});
    DealService relaxed(*store_, clock_, digest_, calendar_, policy);
    EXPECT_TRUE(relaxed.MoveStage(1, {"budget_proposal", 1, "", {}, {}, {}, {}, {}}).ok());
}

TEST_F(DealServiceTest, LoggingAnActivityReturnsItsId) {
    auto logged = service_->LogActivity(Activity("visit", "2026-11-26", 1));
    ASSERT_TRUE(logged.ok()) << logged.status().ToString();
    EXPECT_GT(logged->id, 0);
    EXPECT_TRUE(logged->warnings.empty());
    auto unlinked = Activity("call", "2026-11-27", std::nullopt);
    unlinked.government_code = "13101";  // 5-digit form accepted
    unlinked.official_id = 1;
    ASSERT_TRUE(service_->LogActivity(unlinked).ok());
    EXPECT_EQ(Count("activities"), 2);
}

TEST_F(DealServiceTest, ABadActivityNamesEveryBadFieldAndWritesNothing) {
    ActivityRequest r = Activity("lunch", "2026-12-01", 4);  // deal 4 is 八王子市's
    r.government_code = "131016";
    r.user_id = 7;
    r.official_id = 2;
    auto bad = service_->LogActivity(r);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Fields(bad.status()),
              (std::vector<std::string>{"type", "occurred_on", "user_id", "official_id", "deal_id"}));
    r = Activity("visit", "2026-11-01", std::nullopt);
    r.government_code = "131017";
    EXPECT_EQ(Fields(service_->LogActivity(r).status()), std::vector<std::string>{"government_code"});
    r.government_code = "016951";  // 色丹村
    EXPECT_EQ(Fields(service_->LogActivity(r).status()), std::vector<std::string>{"government_code"});
    EXPECT_EQ(Count("activities"), 0);
}

TEST_F(DealServiceTest, ContactDuringATenderOfAnyOwnerWarnsOfBlackout) {
    // Owner 2 takes 八王子市's deal into bidding; owner 1 then calls 八王子市.
    Log("bid", "2026-11-20", 4);
    ASSERT_TRUE(service_->MoveStage(4, {"bidding", 2, "", {}, {}, {}, {}, {}}).ok());
    ActivityRequest call = Activity("call", "2026-11-27", std::nullopt);
    call.government_code = "132012";
    call.official_id = 2;
    auto logged = service_->LogActivity(call);
    ASSERT_TRUE(logged.ok()) << logged.status().ToString();
    ASSERT_EQ(logged->warnings.size(), 1u);
    EXPECT_EQ(logged->warnings[0].code, "blackout");
    EXPECT_NE(logged->warnings[0].message.find("官製談合防止法"), std::string::npos);
    // Other governments are not affected.
    EXPECT_TRUE(service_->LogActivity(Activity("call", "2026-11-27", 1))->warnings.empty());
}

}  // namespace
}  // namespace kyoso::app
