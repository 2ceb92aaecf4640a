// The organisation diagnosis (docs/transformation.md, "Diagnosis") against one
// hand-computed fixture. Period: 2026-10-01 – 2026-10-31. Every expected number is
// worked out by hand in the comment above it.

#include "kyoso/domain/transformation/diagnosis.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace kyoso::domain {
namespace {

Date D(int y, int m, int d) { return MakeDate(y, static_cast<unsigned>(m), static_cast<unsigned>(d)); }

DiagnosisDealRow Deal(long long id, const char* stage, const char* budget, long long amount, int fy, bool champion,
                      bool department, bool award, bool lost_reason, Date created, std::optional<Date> closed) {
    DiagnosisDealRow d;
    d.id = id;
    d.stage = stage;
    d.budget_status = budget;
    d.amount = amount;
    d.fiscal_year = fy;
    d.has_champion = champion;
    d.has_department = department;
    d.has_award_amount = award;
    d.has_lost_reason = lost_reason;
    d.created_on = created;
    d.closed_on = closed;
    return d;
}

DiagnosisSignalRows Fixture() {
    DiagnosisSignalRows r;
    r.from = D(2026, 10, 1);
    r.to = D(2026, 10, 31);
    // ---- activities (user, occurred_on, created_at) ----
    r.activities = {
        {1, D(2026, 10, 5), "2026-10-05T08:00:00Z"},        // A1: 17:00 JST the same day → same day
        {1, D(2026, 10, 6), "2026-10-06T16:00:00Z"},        // A2: 01:00 JST 10/7 → late
        {2, D(2026, 10, 7), "2026-10-06T15:30:00Z"},        // A3: 00:30 JST 10/7 → same day
        {2, D(2026, 10, 8), ""},                            // A4: creation unknown → left out
        {3, D(2026, 10, 9), "2026-10-12T09:00:00Z"},        // A5: three days late
        {4, D(2026, 10, 10), "2026-10-10T01:00:00+09:00"},  // A6: JST given → same day
        {1, D(2026, 9, 30), "2026-09-30T03:00:00Z"},        // A7: before the period
        {5, D(2026, 11, 1), "2026-11-01T03:00:00Z"},        // A8: after the period
    };
    // ---- deals ----
    r.deals = {
        // D1 discovery: amount, fy, champion, department = 4/4; 未計上 expected, not in budget denominator
        Deal(1, "discovery", "none", 1000000, 2027, true, true, false, false, D(2026, 6, 1), std::nullopt),
        // D2 requested: amount ✗ fy ✓ champion ✗ department ✓ budget ✓ = 3/5; budget set ✓
        Deal(2, "requested", "requested", 0, 2027, false, true, false, false, D(2026, 9, 1), std::nullopt),
        // D3 won in period: amount ✓ fy ✓ champion ✓ department ✗ budget ✓ award ✓ = 5/6; budget set ✓
        Deal(3, "won", "passed", 5000000, 2026, true, false, true, false, D(2025, 5, 1), D(2026, 10, 15)),
        // D4 lost in period: 4 base ✓, budget ✗ (none), loss reason ✗ = 4/6; budget set ✗
        Deal(4, "lost", "none", 2000000, 2026, true, true, false, false, D(2025, 7, 1), D(2026, 10, 20)),
        // D5 deferred before a request: amount ✓ fy ✓ champion ✗ department ✗ reason ✓ = 3/5; not in budget denominator
        Deal(5, "deferred", "none", 1, 2027, false, false, false, true, D(2026, 4, 1), D(2026, 10, 2)),
        // D6 closed before the period: out of scope
        Deal(6, "won", "passed", 900000, 2026, true, true, true, false, D(2025, 4, 1), D(2026, 9, 30)),
        // D7 created after the period: out of scope
        Deal(7, "discovery", "none", 100, 2028, false, false, false, false, D(2026, 11, 5), std::nullopt),
        // D8 budgeted without a fiscal year: amount ✓ fy ✗ champion ✓ department ✓ budget ✓ = 4/5; budget set ✗ (fy)
        Deal(8, "budgeted", "passed", 3000000, 0, true, true, false, false, D(2026, 5, 1), std::nullopt),
    };
    // ---- hand-offs (id, status, due, responded) ----
    r.handoffs = {
        {1, "accepted", D(2026, 10, 5), D(2026, 10, 5)},    // on the due day ✓
        {2, "returned", D(2026, 10, 6), D(2026, 10, 4)},    // returned early counts ✓
        {3, "accepted", D(2026, 10, 7), D(2026, 10, 9)},    // late ✗
        {4, "pending", D(2026, 10, 8), std::nullopt},       // never answered ✗
        {5, "cancelled", D(2026, 10, 9), std::nullopt},     // cancelled: left out
        {6, "accepted", D(2026, 11, 2), D(2026, 11, 2)},    // due after the period: left out
        {7, "accepted", D(2026, 10, 31), D(2026, 10, 31)},  // ✓
    };
    // ---- users: 1 field sales, 2 inside sales, 3 BDR, 4 no sales role, 5 manager ----
    r.users = {{1, "field_sales"}, {2, "inside_sales"}, {3, "bdr"}, {4, ""}, {5, "manager"}};
    // ---- score uses (user, day) ----
    r.score_uses = {
        {1, D(2026, 10, 15)},  // user 1 ✓
        {1, D(2026, 10, 20)},  // twice: still one user
        {3, D(2026, 9, 20)},   // before the period
        {5, D(2026, 10, 10)},  // user 5 logged nothing in the period: not active
    };
    return r;
}

TEST(DiagnosisSignals, SameDayLoggingCountsActivitiesWithAKnownCreationDay) {
    const auto s = MeasureDiagnosisSignals(Fixture());
    // In the period with a known creation time: A1 A2 A3 A5 A6 = 5; same JST day: A1 A3 A6 = 3.
    EXPECT_EQ(s.same_day_logging.numerator, 3);
    EXPECT_EQ(s.same_day_logging.denominator, 5);
    EXPECT_DOUBLE_EQ(*s.same_day_logging.value(), 0.6);
}

TEST(DiagnosisSignals, DealFieldCompletenessOverDealsInScope) {
    const auto s = MeasureDiagnosisSignals(Fixture());
    // D1 4/4 + D2 3/5 + D3 5/6 + D4 4/6 + D5 3/5 + D8 4/5 = 23 / 31 (D6, D7 out of scope).
    EXPECT_EQ(s.deal_field_completeness.numerator, 23);
    EXPECT_EQ(s.deal_field_completeness.denominator, 31);
}

TEST(DiagnosisSignals, HandoffSlaCompliance) {
    const auto s = MeasureDiagnosisSignals(Fixture());
    // Due in the period, not cancelled: H1 H2 H3 H4 H7 = 5; answered by the due day: H1 H2 H7 = 3.
    EXPECT_EQ(s.handoff_sla_compliance.numerator, 3);
    EXPECT_EQ(s.handoff_sla_compliance.denominator, 5);
}

TEST(DiagnosisSignals, FiscalYearAndBudgetSet) {
    const auto s = MeasureDiagnosisSignals(Fixture());
    // Budget status expected: D2 D3 D4 D8 = 4 (D1 discovery, D5 deferred with none left out);
    // fiscal year and budget status set: D2 D3 = 2.
    EXPECT_EQ(s.fiscal_year_and_budget_set.numerator, 2);
    EXPECT_EQ(s.fiscal_year_and_budget_set.denominator, 4);
}

TEST(DiagnosisSignals, ScoreUseOverActiveSalesUsers) {
    const auto s = MeasureDiagnosisSignals(Fixture());
    // Active in the period: users 1 2 3 4; with a sales role: 1 2 3 = 3; used a score in the period: 1.
    EXPECT_EQ(s.score_use.numerator, 1);
    EXPECT_EQ(s.score_use.denominator, 3);
}

TEST(DiagnosisSignals, EmptyRowsHaveNoValues) {
    DiagnosisSignalRows r;
    r.from = D(2026, 10, 1);
    r.to = D(2026, 10, 31);
    const auto s = MeasureDiagnosisSignals(r);
    EXPECT_FALSE(s.same_day_logging.value());
    EXPECT_FALSE(s.deal_field_completeness.value());
    EXPECT_FALSE(s.handoff_sla_compliance.value());
    EXPECT_FALSE(s.fiscal_year_and_budget_set.value());
    EXPECT_FALSE(s.score_use.value());
    for (auto d : AllTransformationDimensions()) EXPECT_FALSE(DiagnosisMeasuredLevel(d, s)) << DimensionSlug(d);
}

TEST(DiagnosisSignals, JstDayOfTimestamp) {
    EXPECT_EQ(JstDayOfTimestamp("2026-10-06T14:59:59Z"), D(2026, 10, 6));  // 23:59 JST
    EXPECT_EQ(JstDayOfTimestamp("2026-10-06T15:00:00Z"), D(2026, 10, 7));  // 00:00 JST
    EXPECT_EQ(JstDayOfTimestamp("2026-10-06T23:00:00+09:00"), D(2026, 10, 6));
    EXPECT_EQ(JstDayOfTimestamp("2026-10-06"), D(2026, 10, 6));
    EXPECT_EQ(JstDayOfTimestamp("2026-12-31T20:00:00Z"), D(2027, 1, 1));
    EXPECT_FALSE(JstDayOfTimestamp(""));
    EXPECT_FALSE(JstDayOfTimestamp("yesterday"));
}

TEST(DiagnosisQuestionnaire, BankHasFourToFiveQuestionsPerDimensionWithStableKeys) {
    std::map<TransformationDimension, int> per;
    std::set<std::string> keys;
    for (const auto& q : DiagnosisQuestionBank()) {
        ++per[q.dimension];
        EXPECT_TRUE(keys.insert(q.key).second) << q.key;
        EXPECT_FALSE(q.text_ja.empty());
        EXPECT_FALSE(q.text_en.empty());
        for (const auto& l : q.levels_ja) EXPECT_FALSE(l.empty()) << q.key;
        EXPECT_EQ(FindDiagnosisQuestion(q.key), &q);
    }
    for (auto d : AllTransformationDimensions()) {
        EXPECT_GE(per[d], 4) << DimensionSlug(d);
        EXPECT_LE(per[d], 5) << DimensionSlug(d);
    }
    EXPECT_TRUE(FindDiagnosisQuestion("data.same_day_logging"));
    EXPECT_FALSE(FindDiagnosisQuestion("data.nope"));
    EXPECT_EQ(DiagnosisScaleLabelJa(1), "属人的・記録なし");
    EXPECT_EQ(DiagnosisScaleLabelJa(5), "定着・自動化");
}

TEST(DiagnosisQuestionnaire, ValidationNamesTheField) {
    EXPECT_TRUE(ValidateDiagnosisAnswers({}).ok());
    const Status st = ValidateDiagnosisAnswers({{"data.same_day_logging", 3, ""},
                                                {"data.unknown", 3, ""},
                                                {"ai.scores_used", 0, ""},
                                                {"data.same_day_logging", 6, ""}});
    ASSERT_EQ(st.code(), ErrorCode::kInvalidArgument);
    std::set<std::string> fields;
    for (const auto& d : st.details()) fields.insert(d.field);
    EXPECT_EQ(fields, (std::set<std::string>{"answers[1].question_key", "answers[2].level", "answers[3].question_key",
                                             "answers[3].level"}));
}

TEST(DiagnosisScoring, RoundHalfUpAndClamp) {
    EXPECT_EQ(DiagnosisLevelOfMean(2.5), 3);
    EXPECT_EQ(DiagnosisLevelOfMean(2.49), 2);
    EXPECT_EQ(DiagnosisLevelOfMean(4.5), 5);
    EXPECT_EQ(DiagnosisLevelOfMean(0.2), 1);
    EXPECT_EQ(DiagnosisLevelOfMean(7.0), 5);
}

TEST(DiagnosisScoring, MeanOfTheDimensionsAnswers) {
    const std::vector<DiagnosisAnswer> answers = {{"data.same_day_logging", 5, ""},
                                                  {"data.deal_fields", 4, ""},
                                                  {"data.process_recorded", 4, ""},
                                                  {"ai.scores_used", 1, ""},
                                                  {"not.a.question", 5, ""}};
    // data: (5 + 4 + 4) / 3 = 4.333… → 4; the AI answer and the unknown key do not count.
    const auto data = ScoreDiagnosisDimension(TransformationDimension::kData, answers);
    EXPECT_EQ(data.answered, 3);
    EXPECT_NEAR(*data.score, 13.0 / 3.0, 1e-12);
    EXPECT_EQ(*data.level, 4);
    const auto learning = ScoreDiagnosisDimension(TransformationDimension::kLearningCulture, answers);
    EXPECT_EQ(learning.answered, 0);
    EXPECT_FALSE(learning.score);
    EXPECT_FALSE(learning.level);
}

TEST(DiagnosisLevels, Bands) {
    EXPECT_EQ(DiagnosisLevelOfShare(0.0), 1);
    EXPECT_EQ(DiagnosisLevelOfShare(0.1999), 1);
    EXPECT_EQ(DiagnosisLevelOfShare(0.2), 2);
    EXPECT_EQ(DiagnosisLevelOfShare(0.4), 3);
    EXPECT_EQ(DiagnosisLevelOfShare(0.6), 4);
    EXPECT_EQ(DiagnosisLevelOfShare(0.7999), 4);
    EXPECT_EQ(DiagnosisLevelOfShare(0.8), 5);
    EXPECT_EQ(DiagnosisLevelOfShare(1.0), 5);
}

TEST(DiagnosisLevels, MeasuredLevelPerDimension) {
    const auto s = MeasureDiagnosisSignals(Fixture());
    // data: (3/5 + 23/31 + 2/4) / 3 = (0.6 + 0.7419 + 0.5) / 3 = 0.6140 → 4
    EXPECT_EQ(DiagnosisMeasuredLevel(TransformationDimension::kData, s), 4);
    // division of labour: 3/5 = 0.6 → 4
    EXPECT_EQ(DiagnosisMeasuredLevel(TransformationDimension::kDivisionOfLabour, s), 4);
    // AI: 1/3 = 0.333 → 2
    EXPECT_EQ(DiagnosisMeasuredLevel(TransformationDimension::kAi, s), 2);
    // learning culture: not measured
    EXPECT_FALSE(DiagnosisMeasuredLevel(TransformationDimension::kLearningCulture, s));
    // public sector: 2/4 = 0.5 → 3
    EXPECT_EQ(DiagnosisMeasuredLevel(TransformationDimension::kPublicSector, s), 3);
}

TEST(DiagnosisFindings, GapsSeveritiesAndSentences) {
    const auto s = MeasureDiagnosisSignals(Fixture());
    const std::vector<DiagnosisAnswer> answers = {
        // data: (5 + 4 + 4 + 5) / 4 = 4.5 → 5
        {"data.same_day_logging", 5, ""},
        {"data.deal_fields", 4, ""},
        {"data.process_recorded", 4, ""},
        {"data.team_review", 5, ""},
        // division: (2 + 3) / 2 = 2.5 → 3
        {"division.roles_defined", 2, ""},
        {"division.handoff_rules", 3, ""},
        // AI: (4 + 4 + 5) / 3 = 4.33 → 4
        {"ai.scores_used", 4, ""},
        {"ai.next_actions", 4, ""},
        {"ai.forecast", 5, ""},
        // learning: 3
        {"learning.knowledge_sharing", 3, ""},
        // public sector: no answers
    };
    const Diagnosis d = ComposeDiagnosis(7, D(2026, 10, 31), answers, s);
    EXPECT_EQ(d.assessment_id, 7);
    ASSERT_EQ(d.dimensions.size(), 5u);

    const auto& data = d.dimensions[0];
    EXPECT_EQ(data.dimension, TransformationDimension::kData);
    EXPECT_DOUBLE_EQ(*data.self_score, 4.5);
    EXPECT_EQ(*data.self_level, 5);
    EXPECT_EQ(*data.measured_level, 4);
    EXPECT_EQ(*data.gap, -1);  // 4 − 5
    EXPECT_EQ(DiagnosisGapSeverity(data.gap), "minor");
    // 3/5 = 60%, 23/31 = 74.2% → 74%, 2/4 = 50%
    EXPECT_EQ(data.finding_ja,
              "【軽微】データ活用：自己評価 5 に対しデータは 4：同日記録率 60%、案件項目の充足率 74%、"
              "年度・予算状況の設定率 50%（自己評価がデータより高い）。");
    EXPECT_NE(data.finding_en.find("self-assessed 5, the data says 4"), std::string::npos);

    const auto& division = d.dimensions[1];
    EXPECT_EQ(*division.self_level, 3);
    EXPECT_EQ(*division.gap, 1);  // 4 − 3
    EXPECT_EQ(DiagnosisGapSeverity(division.gap), "minor");
    EXPECT_NE(division.finding_ja.find("データが自己評価より高い"), std::string::npos);

    const auto& ai = d.dimensions[2];
    EXPECT_EQ(*ai.self_level, 4);
    EXPECT_EQ(*ai.measured_level, 2);
    EXPECT_EQ(*ai.gap, -2);
    EXPECT_EQ(DiagnosisGapSeverity(ai.gap), "attention");
    EXPECT_EQ(ai.finding_ja,
              "【要注意】AI活用：自己評価 4 に対しデータは 2：スコア利用率 33%（自己評価がデータより高い）。");

    const auto& learning = d.dimensions[3];
    EXPECT_EQ(*learning.self_level, 3);
    EXPECT_FALSE(learning.measured_level);
    EXPECT_FALSE(learning.gap);
    EXPECT_EQ(DiagnosisGapSeverity(learning.gap), "unknown");
    EXPECT_NE(learning.finding_ja.find("データでは測れない"), std::string::npos);

    const auto& pub = d.dimensions[4];
    EXPECT_FALSE(pub.self_level);
    EXPECT_EQ(*pub.measured_level, 3);
    EXPECT_FALSE(pub.gap);
    EXPECT_EQ(pub.finding_ja, "自治体営業の実務：自己評価の回答なし。データは 3：年度・予算状況の設定率 50%。");
}

TEST(DiagnosisFindings, AgreementSaysSo) {
    MeasuredSignals s;
    s.score_use = {1, 2};  // 50% → 3
    const auto ai = DiagnoseDimension(TransformationDimension::kAi, {{"ai.scores_used", 3, ""}}, s);
    EXPECT_EQ(*ai.gap, 0);
    EXPECT_EQ(DiagnosisGapSeverity(ai.gap), "agree");
    EXPECT_EQ(ai.finding_ja, "AI活用：自己評価 3 とデータ 3 は一致：スコア利用率 50%。");
}

}  // namespace
}  // namespace kyoso::domain
