// The revenue forecast on the small demo (seed 1, built as of 2026-11-01, today
// 2026-11-27), with and without a DealScorer (a fake here; the models helper's at merge).
#include "kyoso/app/forecast/forecast_service.hpp"

#include <gtest/gtest.h>

#include <set>

#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using kyoso::testing::FixedClock;
using kyoso::testing::TempDb;

const domain::BusinessCalendar& Calendar() {
    static const domain::BusinessCalendar cal(masterdata::BundledHolidays());
    return cal;
}

// Scores every deal 1.0 as a "model" and remembers the dates it was asked about.
class CertainScorer final : public DealScorer {
public:
    explicit CertainScorer(ports::Store& store) : store_(store) {}
    Result<std::vector<DealWinScore>> ScoreOpenDeals(Date as_of, bool) override {
        asked.insert(FormatIsoDate(as_of));
        auto deals = store_.forecasts().Deals();
        if (!deals.ok()) return deals.status();
        std::vector<DealWinScore> out;
        for (const auto& d : *deals) {
            if (d.created_on <= as_of && (!d.closed_on || *d.closed_on > as_of)) {
                out.push_back({d.id, 1.0, "model", "fake-1", {}});
            }
        }
        return out;
    }
    Result<DealWinScore> ScoreDeal(long long id, Date, bool) override {
        return DealWinScore{id, 1.0, "model", "fake-1", {}};
    }
    std::set<std::string> asked;

private:
    ports::Store& store_;
};

class ForecastDemoTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db_ = new TempDb("forecast-demo");
        auto opened = sqlite::SqliteStore::Open(db_->path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(opened).value().release();
        const FixedClock clock(MakeDate(2026, 11, 1));
        text::IcuTextNormalizer norm;
        crypto::OpenSslDigest digest;
        GovernmentService govs(*store_, norm, clock, digest, Calendar());
        ASSERT_TRUE(govs.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        DemoBuilder builder(*store_, clock, digest, Calendar());
        ports::NullProgress progress;
        DemoOptions options;
        options.seed = 1;
        options.scale = DemoScale::kSmall;
        ASSERT_TRUE(builder.Build(options, progress).ok());
    }
    static void TearDownTestSuite() {
        delete store_;
        delete db_;
    }
    static TempDb* db_;
    static sqlite::SqliteStore* store_;
};

TempDb* ForecastDemoTest::db_ = nullptr;
sqlite::SqliteStore* ForecastDemoTest::store_ = nullptr;

TEST_F(ForecastDemoTest, StageOnlyWithoutAScorerAndOrderedPercentiles) {
    const FixedClock clock(MakeDate(2026, 11, 27));
    const crypto::OpenSslDigest digest;
    ForecastService service(*store_, clock, digest);
    auto report = service.Forecast({});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->probability_source, "stage_only");
    EXPECT_GT(report->open_deals, 50);
    ASSERT_EQ(report->years.size(), 2u);
    EXPECT_EQ(report->years[0].fiscal_year, 2026);
    EXPECT_EQ(report->years[1].fiscal_year, 2027);
    // FY2026 is mostly decided: the won part is large and certain.
    const auto& y = report->years[0];
    EXPECT_GT(y.year.won, 0);
    EXPECT_GE(y.year.p10, y.year.won);
    for (const auto& f : report->years) {
        EXPECT_LE(f.year.p10, f.year.p50);
        EXPECT_LE(f.year.p50, f.year.p90);
        double quarters = 0;
        for (const auto& q : f.quarters) quarters += q.expected;
        EXPECT_NEAR(quarters, f.year.expected, 1.0);  // the quarters add up to the year
        EXPECT_EQ(f.adjusted, f.year.p50);            // no adjustments
    }
    // The timing is learned from the demo's ≈ 100 won deals (initial budget only).
    EXPECT_TRUE(report->timing.learned[0]);
    EXPECT_FALSE(report->timing.learned[1]);
    // Same seed, same numbers.
    auto again = service.Forecast({});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->years[1].year.p50, report->years[1].year.p50);
}

TEST_F(ForecastDemoTest, AWiredScorerIsUsedAndTheBaselineStillReported) {
    const FixedClock clock(MakeDate(2026, 11, 27));
    const crypto::OpenSslDigest digest;
    ForecastService service(*store_, clock, digest);
    CertainScorer scorer(*store_);
    service.SetDealScorer(&scorer);
    ForecastQuery q;
    q.fiscal_year = 2027;
    auto report = service.Forecast(q);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->probability_source, "model");
    EXPECT_EQ(report->model_version, "fake-1");
    const auto& y = report->years[0];
    // Every FY2027 deal is certain: no spread; the stage-only baseline is far lower.
    EXPECT_EQ(y.year.p10, y.year.p90);
    EXPECT_LT(y.stage_only.p50, y.year.p50);
    ASSERT_FALSE(y.top_deals.empty());
    EXPECT_EQ(y.top_deals[0].probability, 1.0);

    // The backtest asks the scorer about the forecast date only (point in time).
    scorer.asked.clear();
    auto backtest = service.Backtest("04-01", 2000);
    ASSERT_TRUE(backtest.ok()) << backtest.status().ToString();
    EXPECT_EQ(backtest->model_source, "model");
    ASSERT_EQ(backtest->years.size(), 1u);  // FY2025: FY2024 had no win before 1 April 2024
    EXPECT_EQ(backtest->years[0].fiscal_year, 2025);
    EXPECT_GT(backtest->years[0].actual, 0);
    EXPECT_TRUE(scorer.asked.count("2025-04-01"));
    EXPECT_EQ(scorer.asked.size(), 1u);
}

TEST_F(ForecastDemoTest, BadArgumentsNameTheirField) {
    const FixedClock clock(MakeDate(2026, 11, 27));
    const crypto::OpenSslDigest digest;
    ForecastService service(*store_, clock, digest);
    auto bad = service.Backtest("4-1");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().ToString().find("as_of_month"), std::string::npos);
    ForecastQuery q;
    q.fiscal_year = 3000;
    auto year = service.Forecast(q);
    ASSERT_FALSE(year.ok());
    EXPECT_NE(year.status().ToString().find("fiscal_year"), std::string::npos);
}

}  // namespace
}  // namespace kyoso::app
