// KPI formulas against one hand-computed fixture (docs/division-of-labour.md, "KPIs
// and quotas"). The period is Q3 of FY2026: 2026-10-01 (Thursday) – 2026-12-31.
// Users: BDR 1 and 2, inside sales 3, field sales 4 and 5, customer success 6.
// Every expected number is worked out by hand in the comment above it.

#include "kyoso/domain/division/kpi.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

const BusinessCalendar& Calendar() {
    static const BusinessCalendar cal({{MakeDate(2026, 10, 12), "スポーツの日"}});
    return cal;
}

Date D(int y, int m, int d) { return MakeDate(y, m, d); }

KpiStageMoveRow Move(long long id, long long deal, Stage from, Stage to, Date on) { return {id, deal, from, to, on}; }

KpiDealRow Deal(long long id, long long owner, const char* gov, long long product, Stage stage, int fy,
                long long amount, Date created, std::optional<Date> closed, std::vector<long long> cs = {}) {
    KpiDealRow d;
    d.id = id;
    d.owner_id = owner;
    d.government_code = gov;
    d.product_id = product;
    d.stage = stage;
    d.fiscal_year = fy;
    d.amount = amount;
    d.created_on = created;
    d.closed_on = closed;
    d.cs_user_ids = std::move(cs);
    return d;
}

KpiRows Fixture() {
    KpiRows r;
    // ---- leads (owner, status, government, created) ----
    r.leads = {
        {1, 1, "qualified", "A", D(2026, 10, 5)},     // L1: created in Q3, beyond new
        {2, 1, "new", "B", D(2026, 10, 6)},           // L2: still new, touched 10/9
        {3, 1, "disqualified", "C", D(2026, 9, 10)},  // L3: created in Q2, touched 10/2
        {4, 1, "new", "D", D(2026, 11, 2)},           // L4: new, never touched
        {5, 2, "converted", "E", D(2026, 10, 1)},     // L5: touched the same day
        {6, 1, "converted", "F", D(2027, 1, 5)},      // L6: after the period
        {7, 2, "working", "G", D(2026, 10, 9)},       // L7: Friday; touched Tuesday after the holiday
    };
    // ---- activities (id, user, deal, government, type, date, outcome) ----
    r.activities = {
        {1, 1, 0, "A", "call", D(2026, 10, 7), "面談打診"},
        {2, 1, 0, "B", "email", D(2026, 10, 9), "送付"},
        {3, 1, 0, "C", "call", D(2026, 10, 2), "検討中"},
        {4, 2, 0, "E", "seminar", D(2026, 10, 1), "参加"},
        {5, 1, 0, "A", "call", D(2026, 10, 1), "面談打診"},  // before L1 was created
        {6, 2, 0, "G", "call", D(2026, 10, 13), "検討中"},
        // inside sales (user 3)
        {11, 3, 0, "X", "call", D(2026, 10, 5), "検討中"},
        {12, 3, 0, "X", "call", D(2026, 10, 6), "不在"},
        {13, 3, 0, "X", "online_meeting", D(2026, 10, 7), "課題と導入時期を確認"},
        {14, 3, 0, "X", "email", D(2026, 10, 8), "送付"},
        {15, 3, 0, "X", "call", D(2026, 10, 9), ""},
        {16, 3, 0, "X", "call", D(2026, 9, 30), "検討中"},
        {17, 3, 0, "X", "visit", D(2026, 11, 10), ""},
        {18, 3, 0, "X", "demo", D(2027, 1, 10), "好評"},
        // customer success (user 6)
        {21, 6, 1, "H", "call", D(2026, 12, 1), "順調"},
        {22, 6, 3, "K", "call", D(2026, 8, 1), "順調"},
    };
    // ---- deals ----
    r.deals = {
        Deal(1, 4, "H", 1, Stage::kWon, 2026, 3'000'000, D(2026, 4, 1), D(2026, 10, 20), {6}),
        Deal(2, 4, "I", 1, Stage::kLost, 2026, 1'000'000, D(2026, 5, 1), D(2026, 11, 30)),
        Deal(3, 4, "K", 1, Stage::kWon, 2026, 500'000, D(2026, 4, 1), D(2026, 9, 30), {6}),
        Deal(4, 4, "L", 1, Stage::kBidding, 2027, 800'000, D(2026, 6, 1), std::nullopt),
        Deal(5, 5, "H", 2, Stage::kWon, 2026, 2'000'000, D(2026, 6, 1), D(2026, 12, 1), {6}),
        Deal(6, 4, "M", 1, Stage::kRequested, 2027, 700'000, D(2026, 6, 1), std::nullopt),
        Deal(7, 4, "N", 1, Stage::kBudgeted, 2027, 700'000, D(2026, 6, 1), std::nullopt),
        Deal(8, 4, "O", 1, Stage::kQualified, 2027, 700'000, D(2026, 6, 1), std::nullopt),
        Deal(9, 4, "P", 1, Stage::kDiscovery, 2028, 700'000, D(2026, 6, 1), std::nullopt),
        Deal(10, 7, "H", 1, Stage::kWon, 2027, 3'000'000, D(2026, 9, 1), D(2026, 11, 25), {6}),
    };
    r.deals[2].needs_follow_up = true;  // deal 3 at K: its champion rotated out
    for (long long id : {4, 6, 7, 8}) r.deals[static_cast<size_t>(id - 1)].request_deadline = D(2026, 11, 13);
    r.deals[8].request_deadline = D(2027, 11, 15);
    // ---- stage history ----
    r.stage_moves = {
        Move(1, 1, Stage::kDiscovery, Stage::kQualified, D(2026, 4, 11)),
        Move(2, 1, Stage::kQualified, Stage::kBudgetProposal, D(2026, 5, 1)),
        Move(3, 1, Stage::kBudgetProposal, Stage::kRequested, D(2026, 5, 31)),
        Move(4, 1, Stage::kRequested, Stage::kWon, D(2026, 10, 20)),
        Move(5, 2, Stage::kDiscovery, Stage::kQualified, D(2026, 5, 21)),
        Move(6, 2, Stage::kQualified, Stage::kLost, D(2026, 11, 30)),
        Move(7, 4, Stage::kBudgetProposal, Stage::kRequested, D(2026, 11, 13)),  // on the deadline
        Move(8, 6, Stage::kBudgetProposal, Stage::kRequested, D(2026, 11, 16)),  // late
        Move(9, 7, Stage::kBudgetProposal, Stage::kBudgeted, D(2026, 10, 30)),   // skipped 予算要求中
    };
    // ---- outcome metrics (id, government, owner, direction, baseline, target, created) ----
    r.metrics = {
        {1, "H", 6, OutcomeDirection::kIncrease, 12, 40, D(2026, 10, 25)},
        {2, "H", 6, OutcomeDirection::kDecrease, 10, 5, D(2026, 10, 25)},
        {3, "H", 6, OutcomeDirection::kIncrease, 0, 100, D(2027, 1, 15)},  // after the period
        {4, "H", 6, OutcomeDirection::kIncrease, 0, 100, D(2026, 10, 1)},  // measured only in January
    };
    r.measurements = {
        {1, D(2026, 11, 1), 19},
        {1, D(2026, 12, 15), 26},
        {2, D(2026, 12, 20), 2},
        {4, D(2027, 1, 20), 50},
    };
    return r;
}

KpiPeriod Q3() { return *MakeKpiPeriod(2026, 3); }

void ExpectFigure(const KpiFigure& got, std::optional<double> value, std::optional<double> numerator,
                  std::optional<double> denominator, const char* why) {
    ASSERT_EQ(got.value.has_value(), value.has_value()) << why;
    if (value) {
        EXPECT_DOUBLE_EQ(*got.value, *value) << why;
    }
    EXPECT_EQ(got.numerator, numerator) << why;
    EXPECT_EQ(got.denominator, denominator) << why;
}

TEST(KpiPeriod, FiscalYearsAndQuartersStartInApril) {
    struct Case {
        int year, quarter;
        Date from, to;
    };
    const Case cases[] = {
        {2026, 0, D(2026, 4, 1), D(2027, 3, 31)}, {2026, 1, D(2026, 4, 1), D(2026, 6, 30)},
        {2026, 2, D(2026, 7, 1), D(2026, 9, 30)}, {2026, 3, D(2026, 10, 1), D(2026, 12, 31)},
        {2026, 4, D(2027, 1, 1), D(2027, 3, 31)},
    };
    for (const auto& c : cases) {
        auto p = MakeKpiPeriod(c.year, c.quarter);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->from, c.from) << c.quarter;
        EXPECT_EQ(p->to, c.to) << c.quarter;
    }
    EXPECT_FALSE(MakeKpiPeriod(2026, 5));
    EXPECT_FALSE(MakeKpiPeriod(2026, -1));
}

TEST(Kpi, BdrLeadsWorkedQualificationAndSpeedToFirstTouch) {
    const KpiRows rows = Fixture();
    struct Case {
        const char* why;
        KpiUsers users;
        KpiFigure worked, rate, speed;
    };
    const Case cases[] = {
        // User 1: L1 (created in Q3, qualified), L2 (touched 10/9), L3 (created in Q2, touched
        // 10/2) are worked = 3; L4 is new and untouched, L6 is after the period. Qualified: L1
        // → 1/3. Speed: leads created in Q3 are L1, L2, L4 (3). L1 10/5 (Mon) → 10/7 (Wed) = 2
        // business days (the 10/1 call predates it); L2 10/6 (Tue) → 10/9 (Fri) = 3; L4 none.
        // Median of {2, 3} = 2.5 over 2 touched of 3 created.
        {"bdr 1", {1}, {3, 3, std::nullopt}, {1.0 / 3, 1, 3}, {2.5, 2, 3}},
        // User 2: L5 (converted) and L7 (working) are created in Q3 beyond new = 2, both
        // qualified-or-converted? Only L5 → 1/2. Speed: L5 10/1 → 10/1 = 0; L7 Fri 10/9 → Tue
        // 10/13 = 1 (Sat, Sun and the 10/12 holiday skipped). Median {0, 1} = 0.5.
        {"bdr 2", {2}, {2, 2, std::nullopt}, {0.5, 1, 2}, {0.5, 2, 2}},
        // The team {1, 2}: worked 3 + 2 = 5, qualified 1 + 1 = 2 → 0.4; speeds {0, 1, 2, 3} →
        // median (1 + 2) / 2 = 1.5 over 4 touched of 5 created.
        {"team", {1, 2}, {5, 5, std::nullopt}, {0.4, 2, 5}, {1.5, 4, 5}},
        // Nobody's leads: worked 0, rate undefined, speed undefined over 0 of 0.
        {"nobody", {99}, {0, 0, std::nullopt}, {std::nullopt, 0, 0}, {std::nullopt, 0, 0}},
    };
    for (const auto& c : cases) {
        ExpectFigure(LeadsWorked(rows, c.users, Q3()), c.worked.value, c.worked.numerator, c.worked.denominator, c.why);
        ExpectFigure(QualificationRate(rows, c.users, Q3()), c.rate.value, c.rate.numerator, c.rate.denominator, c.why);
        ExpectFigure(SpeedToFirstTouch(rows, c.users, Q3(), Calendar()), c.speed.value, c.speed.numerator,
                     c.speed.denominator, c.why);
    }
}

TEST(Kpi, InsideSalesConnectsAndMeetingsSet) {
    const KpiRows rows = Fixture();
    // Attempts in Q3 by user 3: calls 10/5, 10/6, 10/9 and the online meeting 10/7 = 4
    // (the email is no attempt, the 9/30 call is in Q2). Connected: 10/5 検討中 and 10/7 課題
    // と導入時期を確認 = 2 (不在 and an empty outcome are not).
    ExpectFigure(Connects(rows, {3}, Q3()), 2, 2, 4, "connects");
    // Meetings: the online meeting 10/7 and the visit 11/10 = 2 (the demo is in January).
    ExpectFigure(MeetingsSet(rows, {3}, Q3()), 2, 2, std::nullopt, "meetings");
    struct Case {
        const char* outcome;
        bool connected;
    };
    const Case cases[] = {{"検討中", true}, {"不在", false}, {"留守電", false}, {"", false}, {"no_answer", false}};
    for (const auto& c : cases) EXPECT_EQ(IsConnectedOutcome(c.outcome), c.connected) << c.outcome;
}

TEST(Kpi, FieldSalesWinRateRevenueAndCycleTime) {
    const KpiRows rows = Fixture();
    // User 4 closed in Q3: deal 1 won 10/20, deal 2 lost 11/30 (deal 3 closed 9/30) → 1/2.
    ExpectFigure(WinRate(rows, {4}, Q3()), 0.5, 1, 2, "win rate 4");
    // Team {4, 5}: plus deal 5 won 12/1 → 2/3.
    ExpectFigure(WinRate(rows, {4, 5}, Q3()), 2.0 / 3, 2, 3, "win rate team");
    ExpectFigure(Revenue(rows, {4}, Q3()), 3'000'000, 1, std::nullopt, "revenue 4");
    ExpectFigure(Revenue(rows, {4, 5}, Q3()), 5'000'000, 2, std::nullopt, "revenue team");
    ExpectFigure(WonDeals(rows, {4, 5}, Q3()), 2, 2, std::nullopt, "won deals team");
    // Deal 1: 4/1 → 10/20 = 30+31+30+31+31+30 (Apr–Sep) + 19 = 202 days; deal 2: 5/1 → 11/30 =
    // 31+30+31+31+30+31 (May–Oct) + 29 = 213. Average 415 / 2 = 207.5.
    ExpectFigure(CycleTime(rows, {4}, Q3()), 207.5, 415, 2, "cycle time");
    // Per stage. Deal 1: 情報収集 4/1→4/11 = 10, 課題把握 4/11→5/1 = 20, 予算化提案 5/1→5/31 =
    // 30, 予算要求中 5/31→10/20 = 30+31+31+30 (to 9/30) + 20 = 142. Deal 2: 情報収集 5/1→5/21 =
    // 20, 課題把握 5/21→11/30 = 31+30+31+31+30+31 (to 11/21) + 9 = 193.
    // Averages: 情報収集 (10+20)/2 = 15, 課題把握 (20+193)/2 = 106.5, 予算化提案 30, 予算要求中 142.
    const auto stages = CycleTimeByStage(rows, {4}, Q3());
    struct Want {
        Stage stage;
        double days;
        int deals;
    };
    const Want want[] = {{Stage::kDiscovery, 15, 2},
                         {Stage::kQualified, 106.5, 2},
                         {Stage::kBudgetProposal, 30, 1},
                         {Stage::kRequested, 142, 1}};
    ASSERT_EQ(stages.size(), std::size(want));
    for (size_t i = 0; i < stages.size(); ++i) {
        EXPECT_EQ(stages[i].stage, want[i].stage) << i;
        EXPECT_DOUBLE_EQ(stages[i].average_days, want[i].days) << i;
        EXPECT_EQ(stages[i].deals, want[i].deals) << i;
    }
}

TEST(Kpi, ShareOfDealsThatReachedTheBudgetRequestBeforeTheDeadline) {
    const KpiRows rows = Fixture();
    // Deadline 11/13 in Q3 for deals 4, 6, 7, 8 (deal 9's is in 2027) = 4. Deal 4 moved to 予算
    // 要求中 on the day (counts), deal 6 on 11/16 (late), deal 7 jumped to 予算成立 on 10/30
    // (counts: a later stage), deal 8 never moved. → 2/4.
    ExpectFigure(BudgetRequestOnTime(rows, {4}, Q3()), 0.5, 2, 4, "on time");
    // In Q2 no deadline falls: undefined over 0.
    ExpectFigure(BudgetRequestOnTime(rows, {4}, *MakeKpiPeriod(2026, 2)), std::nullopt, 0, 0, "q2");
}

TEST(Kpi, CustomerSuccessHealthRenewalExpansionAndOutcomes) {
    const KpiRows rows = Fixture();
    const Date as_of = D(2026, 12, 31);
    // Accounts of user 6 by 12/31: H (deals 1, 5, 10) and K (deal 3).
    EXPECT_EQ(CustomerSuccessAccounts(rows, {6}, as_of), (std::vector<std::string>{"H", "K"}));
    // H: last activity 12/1, 30 days → 40. Metrics created by 12/31: 1, 2, 4. Metric 1: latest
    // 26 → (26-12)/(40-12) = 0.5; metric 2: 2 → (2-10)/(5-10) = 1.6 clamped to 1; metric 4: no
    // measurement by 12/31 → 0. Average 1.5/3 = 0.5 → 20. No follow-up → 20. Score 80.
    const AccountHealth h = HealthOf(rows, "H", as_of);
    EXPECT_EQ(h.engagement, 40);
    EXPECT_EQ(h.outcomes, 20);
    EXPECT_EQ(h.issues, 20);
    EXPECT_EQ(h.score, 80);
    // K: last activity 8/1 → 12/31 = 30+30+31+30+31 = 152 days → 20; no metrics → 20; deal 3
    // needs follow-up → 0. Score 40.
    const AccountHealth k = HealthOf(rows, "K", as_of);
    EXPECT_EQ(k.score, 40);
    EXPECT_EQ(k.engagement, 20);
    EXPECT_EQ(k.outcomes, 20);
    EXPECT_EQ(k.issues, 0);
    // Average (80 + 40) / 2 = 60.
    ExpectFigure(HealthScore(rows, {6}, as_of), 60, 120, 2, "health");
    // Engagement boundaries at H (last activity 12/1): 90 days later → 40, 91 → 20, 180 → 20,
    // 181 → 0 (outcomes and issues as of those days: metric 4 measured 1/20 = 0.5 once seen).
    struct Case {
        Date as_of;
        int engagement;
    };
    const Case cases[] = {{D(2027, 3, 1), 40}, {D(2027, 3, 2), 20}, {D(2027, 5, 30), 20}, {D(2027, 5, 31), 0}};
    for (const auto& c : cases) EXPECT_EQ(HealthOf(rows, "H", c.as_of).engagement, c.engagement);
    // Renewal FY2026: won FY2026 deals with CS 6 are 1 (H, product 1), 3 (K, 1), 5 (H, 2) = 3;
    // FY2027 won deals: 10 (H, product 1) renews deal 1 → 1/3.
    ExpectFigure(RenewalRate(rows, {6}, Q3()), 1.0 / 3, 1, 3, "renewal");
    // Expansion in Q3: deal 1 (H, first win there) no; deal 5 (H, product 2, 12/1) after deal 1
    // (product 1, 10/20) → yes, 2,000,000; deal 10 (H, product 1, 11/25): the only earlier win
    // at H is deal 1 of the same product → no. → 2,000,000 over 1 deal.
    ExpectFigure(Expansion(rows, {6}, Q3()), 2'000'000, 1, std::nullopt, "expansion");
    // Outcomes recorded: metrics of 6 created by 12/31 are 1, 2, 4 (3 is from January) = 3;
    // measured in Q3: 1 (11/1, 12/15) and 2 (12/20) = 2 → 2/3.
    ExpectFigure(OutcomesRecorded(rows, {6}, Q3()), 2.0 / 3, 2, 3, "outcomes recorded");
}

TEST(Kpi, QuotaAttainmentUsesAQuarterOfTheAnnualTargetForAQuarter) {
    struct Case {
        double actual, target;
        int quarter;
        std::optional<double> want;
    };
    const Case cases[] = {
        {3'000'000, 12'000'000, 0, 0.25},  // 3M of 12M for the year
        {3'000'000, 12'000'000, 3, 1.0},   // 3M of 12M / 4 for the quarter
        {5, 8, 1, 2.5},                    // 5 of 2
        {1, 0, 0, std::nullopt},           // no target
    };
    for (const auto& c : cases) EXPECT_EQ(QuotaAttainment(c.actual, c.target, c.quarter), c.want);
}

}  // namespace
}  // namespace kyoso::domain
