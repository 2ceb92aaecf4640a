// ScorecardService over fakes: which quarters it reads, how it asks the signal and
// case-library sources, and how it treats sources that have nothing yet. Today is
// 2026-11-27 (FY2026 Q3).
#include "kyoso/app/transformation/scorecard_service.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace kyoso::app {
namespace {

using domain::ScorecardMetricKind;

class FakeDeals final : public ports::ScorecardRepository {
public:
    std::vector<domain::KpiDealRow> rows;
    Date asked_from{}, asked_to{};
    Result<std::vector<domain::KpiDealRow>> ClosedDealsBetween(Date from, Date to) override {
        asked_from = from;
        asked_to = to;
        return rows;
    }
};

class FakeSignals final : public SignalSource {
public:
    std::vector<std::pair<Date, Date>> asked;
    Status fail = Status::Ok();
    Result<domain::MeasuredSignals> Measure(Date from, Date to) override {
        asked.emplace_back(from, to);
        if (!fail.ok()) return fail;
        domain::MeasuredSignals s;
        // Adoption 1/4 in every quarter but the current one, 3/4 there.
        s.score_use = from == MakeDate(2026, 10, 1) ? domain::Ratio{3, 4} : domain::Ratio{1, 4};
        return s;
    }
};

class FakeCases final : public CaseLibraryStats {
public:
    Status fail = Status::Ok();
    Result<long long> CasesCreatedBetween(Date from, Date to) override {
        if (!fail.ok()) return fail;
        if (from == MakeDate(1900, 1, 1)) return 10;  // before the first quarter read
        (void)to;
        return from.month() == std::chrono::October ? 3 : 1;  // 3 in every Q3, else 1
    }
};

domain::KpiDealRow Won(long long id, long long amount, Date created, Date closed) {
    domain::KpiDealRow d;
    d.id = id;
    d.owner_id = 1;
    d.stage = domain::Stage::kWon;
    d.amount = amount;
    d.created_on = created;
    d.closed_on = closed;
    return d;
}

class ScorecardServiceTest : public ::testing::Test {
protected:
    testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    FakeDeals deals_;
    FakeSignals signals_;
    FakeCases cases_;
    ScorecardService service_{deals_, signals_, cases_, clock_};
};

TEST_F(ScorecardServiceTest, DefaultsToTheCurrentQuarterAndEightQuartersReadingFourMoreBefore) {
    deals_.rows = {Won(1, 5'000'000, MakeDate(2026, 9, 1), MakeDate(2026, 10, 31))};
    auto report = service_.Report({});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->as_of, MakeDate(2026, 11, 27));
    ASSERT_EQ(report->quarters.size(), 8u);
    EXPECT_EQ(report->quarters.back().period.fiscal_year, 2026);
    EXPECT_EQ(report->quarters.back().period.quarter, 3);
    EXPECT_EQ(report->quarters.front().period.fiscal_year, 2024);  // FY2024 Q4 … FY2026 Q3
    EXPECT_EQ(report->quarters.front().period.quarter, 4);
    // 8 + 4 quarters read: FY2023 Q4 (2024-01-01) to FY2026 Q3 (2026-12-31), one query.
    EXPECT_EQ(deals_.asked_from, MakeDate(2024, 1, 1));
    EXPECT_EQ(deals_.asked_to, MakeDate(2026, 12, 31));
    ASSERT_EQ(signals_.asked.size(), 12u);
    EXPECT_EQ(signals_.asked.front().first, MakeDate(2024, 1, 1));
    EXPECT_EQ(signals_.asked.front().second, MakeDate(2024, 3, 31));
    EXPECT_EQ(signals_.asked.back().first, MakeDate(2026, 10, 1));
    // Even the first quarter shown has a year-earlier comparison (adoption 0.25 → 0.25).
    const auto& first = report->quarters.front().metrics[4];
    ASSERT_EQ(first.kind, ScorecardMetricKind::kAdoption);
    EXPECT_EQ(first.vs_last_year.direction, domain::TrendDirection::kFlat);
    // Current adoption 0.75 vs 0.25: improving; revenue 5,000,000 vs 0: improving.
    const auto& now = report->quarters.back();
    EXPECT_EQ(now.metrics[4].value, 0.75);
    EXPECT_EQ(now.metrics[4].vs_previous.direction, domain::TrendDirection::kImproving);
    EXPECT_EQ(now.metrics[0].value, 5'000'000.0);
    EXPECT_EQ(now.verdict, domain::ScorecardVerdict::kBothAdvancing);
}

TEST_F(ScorecardServiceTest, CaseLibraryTotalsRunFromTheCountBeforeTheFirstQuarterRead) {
    auto report = service_.Report({2026, 3, 2});
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->quarters.size(), 2u);
    // Read from FY2025 Q2 (2 + 4 quarters): 10 before, then Q2 1, Q3 3, Q4 1, Q1 1 → 16 at
    // FY2026 Q1's end; FY2026 Q2 +1 = 17; FY2026 Q3 +3 = 20.
    const auto& q2 = report->quarters[0].metrics[6];
    const auto& q3 = report->quarters[1].metrics[6];
    ASSERT_EQ(q3.kind, ScorecardMetricKind::kCaseLibraryGrowth);
    EXPECT_EQ(q2.value, 1.0);
    EXPECT_EQ(q2.numerator, 17.0);
    EXPECT_EQ(q3.value, 3.0);
    EXPECT_EQ(q3.numerator, 20.0);
    // 3 vs 1 the quarter before; 3 vs 3 a year earlier.
    EXPECT_EQ(q3.vs_previous.direction, domain::TrendDirection::kImproving);
    EXPECT_EQ(q3.vs_last_year.direction, domain::TrendDirection::kFlat);
}

TEST_F(ScorecardServiceTest, APastFiscalYearEndsWithItsFourthQuarter) {
    auto past = service_.Report({2024, 0, 1});
    ASSERT_TRUE(past.ok());
    EXPECT_EQ(past->quarters.back().period.quarter, 4);
    EXPECT_EQ(past->quarters.back().period.to, MakeDate(2025, 3, 31));
    auto current = service_.Report({2026, 0, 1});
    ASSERT_TRUE(current.ok());
    EXPECT_EQ(current->quarters.back().period.quarter, 3);
}

TEST_F(ScorecardServiceTest, BadQueriesNameTheirFields) {
    auto bad = service_.Report({1800, 7, 21});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
    std::vector<std::string> fields;
    for (const auto& d : bad.status().details()) fields.push_back(d.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"fiscal_year", "quarter", "quarters"}));
    EXPECT_FALSE(service_.Report({0, 0, -1}).ok());
}

TEST_F(ScorecardServiceTest, SourcesWithNothingYetLeaveFiguresEmptyAndRealFailuresAreReturned) {
    signals_.fail = FailedPrecondition("no diagnosis yet");
    cases_.fail = FailedPrecondition("no case library yet");
    auto empty = service_.Report({2026, 3, 1});
    ASSERT_TRUE(empty.ok()) << empty.status().ToString();
    for (const auto& m : empty->quarters[0].metrics) {
        if (domain::AxisOf(m.kind) == domain::ScorecardAxis::kTransformation) {
            EXPECT_FALSE(m.value.has_value()) << domain::ScorecardMetricSlug(m.kind);
        }
    }
    EXPECT_EQ(empty->quarters[0].verdict, domain::ScorecardVerdict::kInsufficientData);
    signals_.fail = Unavailable("database is gone");
    auto failed = service_.Report({2026, 3, 1});
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.status().code(), ErrorCode::kUnavailable);
}

TEST(ScorecardNullSources, MeasureNothing) {
    ScorecardNoSignals signals;
    auto s = signals.Measure(MakeDate(2026, 10, 1), MakeDate(2026, 12, 31));
    ASSERT_TRUE(s.ok());
    EXPECT_FALSE(s->score_use.value().has_value());
    EXPECT_FALSE(s->same_day_logging.value().has_value());
    ScorecardNoCaseLibrary cases;
    EXPECT_EQ(cases.CasesCreatedBetween(MakeDate(2026, 10, 1), MakeDate(2026, 12, 31)).status().code(),
              ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace kyoso::app
