#include <gtest/gtest.h>

#include <cmath>

#include "kyoso/domain/ml/features.hpp"

namespace kyoso::domain::ml {
namespace {

int D(int y, unsigned m, unsigned d) { return DayNumber(MakeDate(y, m, d)); }

std::size_t Col(const std::string& key) {
    const auto& f = FeatureBuilder::DealWinFeatures();
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i].key == key) return i;
    }
    ADD_FAILURE() << "no feature " << key;
    return 0;
}

// Two cities of prefecture 13. Deal 1 (city A, product 5, budget year FY2026) is the
// one under test; deals 2 and 3 are city B's wins of the same product (peers).
// FY2025's request deadline: 15 Nov 2025 is a Saturday → Friday 14 Nov 2025.
History Fixture() {
    History h;
    h.governments.push_back({"131016", "13", "city", "", 100000, 0.9});
    h.governments.push_back({"132012", "13", "city", "", 50000, 0.5});
    h.government_index = {{"131016", 0}, {"132012", 1}};
    DealFacts a;
    a.id = 1;
    a.government = 0;
    a.product_id = 5;
    a.amount = 1000000;
    a.fiscal_year = 2026;
    a.stage = 3;
    a.created = D(2025, 6, 2);
    a.lead_source = "inquiry";
    a.moves = {{D(2025, 7, 1), 1}, {D(2025, 10, 1), 3}};
    a.activities = {{D(2025, 7, 10), ActivityKind::kVisit},
                    {D(2025, 9, 10), ActivityKind::kVisit},
                    {D(2025, 11, 10), ActivityKind::kReferenceQuote},
                    {D(2025, 11, 20), ActivityKind::kVisit},
                    {D(2025, 12, 1), ActivityKind::kCall}};
    h.deals.push_back(a);
    DealFacts b;
    b.id = 2;
    b.government = 1;
    b.product_id = 5;
    b.stage = 7;
    b.fiscal_year = 2025;
    b.created = D(2024, 6, 1);
    b.closed = D(2025, 5, 1);
    h.deals.push_back(b);
    DealFacts c = b;
    c.id = 3;
    c.created = D(2025, 1, 6);
    c.closed = D(2025, 12, 1);
    h.deals.push_back(c);
    // The champion of deal 1 (official 10) is succeeded on 1 April 2026 (official 11).
    std::vector<OfficialFacts> officials = {{10, "131016", "情報政策課", "課長", "decision_maker", D(2023, 4, 1)},
                                            {11, "131016", "情報政策課", "課長", "decision_maker", D(2026, 4, 1)}};
    h.Finish(officials, {{1, 10}});
    return h;
}

struct Expect {
    const char* key;
    double value;
};
struct Case {
    const char* name;
    int t;
    std::vector<Expect> expect;
};

TEST(MlFeatures, DealFeaturesAtEachDateByHand) {
    const History h = Fixture();
    const BusinessCalendar calendar({});
    const FeatureBuilder fb(h, calendar);
    const std::vector<Case> cases = {
        // 30 Sep 2025: 課題把握 since 1 Jul = 65 business days (Mon–Fri, no holidays in
        // the fixture's calendar); two visits so far, both before the deadline; the quote
        // of 10 Nov is in the future; deal 2 (closed 1 May 2025 < created) is a peer win;
        // the deadline 14 Nov is 45 days away; last activity 10 Sep = 20 days ago.
        {"before the quote",
         D(2025, 9, 30),
         {{"stage", 1},
          {"business_days_in_stage", 65},
          {"budget_status", 0},
          {"days_to_request_deadline", 45},
          {"quote_before_deadline", 0},
          {"reference_quotes", 0},
          {"visits_before_deadline", 2},
          {"visits", 2},
          {"days_since_last_activity", 20},
          {"peer_adoption", 1},
          {"peer_adopters", 1},
          {"champion_rotated", 0},
          {"inbound_inquiry", 1},
          {"government_kind", 5},
          {"log_population", 5},
          {"log_amount", 6},
          {"deal_age_days", 120},
          {"years_to_budget_year", 1}}},
        // 14 Nov 2025 (the deadline): 予算要求中 since 1 Oct = 32 business days; the quote
        // of 10 Nov counts as before the deadline; the deadline is today (0 days).
        {"on the deadline",
         D(2025, 11, 14),
         {{"stage", 3},
          {"business_days_in_stage", 32},
          {"budget_status", 1},
          {"days_to_request_deadline", 0},
          {"quote_before_deadline", 1},
          {"reference_quotes", 1},
          {"days_since_last_activity", 4}}},
        // 30 Nov: the visit of 20 Nov is after the deadline → 3 visits, 2 before it.
        {"after the deadline",
         D(2025, 11, 30),
         {{"visits", 3}, {"visits_before_deadline", 2}, {"calls", 0}, {"peer_adopters", 1}}},
        // 5 Dec: deal 3 closed 1 Dec counts as a peer win now (but not for peer_adoption,
        // which looks at wins before the deal was opened); the call of 1 Dec counts.
        {"after the second peer win",
         D(2025, 12, 5),
         {{"calls", 1}, {"peer_adopters", 2}, {"peer_adoption", 1}, {"days_since_last_activity", 4}}},
        // The successor's posting of 1 Apr 2026 counts from that day on, not before.
        {"the day before the rotation", D(2026, 3, 31), {{"champion_rotated", 0}, {"years_to_budget_year", 1}}},
        {"on the rotation", D(2026, 4, 1), {{"champion_rotated", 1}, {"years_to_budget_year", 0}}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const auto row = fb.DealAt(h.deals[0], c.t);
        for (const Expect& e : c.expect) EXPECT_NEAR(row[Col(e.key)], e.value, 1e-5) << e.key;
    }
}

TEST(MlFeatures, FutureRowsDoNotChangeTheFeaturesAtT) {
    const BusinessCalendar calendar({});
    const History base = Fixture();
    History later = Fixture();
    // An activity, a stage move and a rotation dated after t, and a peer win closed after t.
    const int t = D(2025, 10, 15);
    later.deals[0].activities.push_back({D(2025, 10, 16), ActivityKind::kReferenceQuote});
    later.deals[0].moves.push_back({D(2025, 10, 20), 4});
    later.deals[0].rotations.push_back(D(2025, 10, 16));
    later.deals[2].closed = D(2025, 10, 16);
    later.peers.Build(later.governments, later.deals);
    const FeatureBuilder a(base, calendar), b(later, calendar);
    const auto x = a.DealAt(base.deals[0], t);
    const auto y = b.DealAt(later.deals[0], t);
    ASSERT_EQ(x.size(), y.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (IsMissing(x[i])) {
            EXPECT_TRUE(IsMissing(y[i])) << FeatureBuilder::DealWinFeatures()[i].key;
        } else {
            EXPECT_FLOAT_EQ(x[i], y[i]) << FeatureBuilder::DealWinFeatures()[i].key;
        }
    }
}

TEST(MlFeatures, PeerKeysFollowTheDemoDefinition) {
    // A municipality: its prefecture; a core city without similar_group: its kind too; a
    // prefecture: only its kind; a town with a 類似団体 group: the group.
    EXPECT_EQ(PeerIndex::KeysOf({"1", "13", "city", "", 1, 1}), (std::vector<std::string>{"P13"}));
    EXPECT_EQ(PeerIndex::KeysOf({"1", "13", "core_city", "", 1, 1}), (std::vector<std::string>{"P13", "Gcore_city"}));
    EXPECT_EQ(PeerIndex::KeysOf({"1", "13", "prefecture", "", 1, 1}), (std::vector<std::string>{"Gprefecture"}));
    EXPECT_EQ(PeerIndex::KeysOf({"1", "01", "town", "IV-2", 1, 1}), (std::vector<std::string>{"P01", "GIV-2"}));
}

TEST(MlRules, DealWinRulesByHand) {
    const History h = Fixture();
    const BusinessCalendar calendar({});
    const FeatureBuilder fb(h, calendar);
    // 14 Nov 2025: 予算要求中 (base 0.28), quote before the deadline (×2), peer adoption
    // (×1.5), 2 visits before the deadline (×1.3), inquiry (×1.4), 財政力指数 0.9 ≥ 0.8
    // (×1.25), last activity 4 days ago. Odds 0.28/0.72 = 0.388889 × 2 × 1.5 × 1.3 × 1.4
    // × 1.25 = 2.654167 → p = 2.654167 / 3.654167 = 0.726340.
    const RuleScore r = DealWinRules(fb.DealAt(h.deals[0], D(2025, 11, 14)));
    EXPECT_NEAR(r.probability, 0.726340, 1e-5);
    ASSERT_EQ(r.factors.positive.size(), 3u);
    EXPECT_EQ(r.factors.positive[0].label_ja, "締切前の参考見積");
    EXPECT_EQ(r.factors.positive[0].value, "あり");
    EXPECT_EQ(r.factors.positive[1].label_ja, "類似団体・近隣の導入");
    EXPECT_TRUE(r.factors.negative.empty());
    // 1 Apr 2026 (stage 予算要求中 still in the fixture): the rotation (×0.55) and the
    // last activity 121 days ago (> 90: ×0.8) are the negative factors; the budget-gate
    // cues still apply: 2.654167 × 0.55 × 0.8 = 1.167833 → 1.167833 / 2.167833 = 0.538710.
    const RuleScore rotated = DealWinRules(fb.DealAt(h.deals[0], D(2026, 4, 1)));
    ASSERT_EQ(rotated.factors.negative.size(), 2u);
    EXPECT_EQ(rotated.factors.negative[0].label_ja, "担当者異動");
    EXPECT_EQ(rotated.factors.negative[1].label_ja, "最終活動からの日数");
    EXPECT_NEAR(rotated.probability, 0.538710, 1e-5);
}

TEST(MlRules, StageBaseRatesAndClosedStages) {
    EXPECT_DOUBLE_EQ(StageBaseRate(0), 0.15);
    EXPECT_DOUBLE_EQ(StageBaseRate(6), 0.62);
    EXPECT_DOUBLE_EQ(StageBaseRate(7), 1.0);
    EXPECT_DOUBLE_EQ(StageBaseRate(8), 0.0);
}

}  // namespace
}  // namespace kyoso::domain::ml
