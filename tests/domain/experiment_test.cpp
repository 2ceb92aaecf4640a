// Experiment rules: the design validation, the horizon lock, the verdict withheld before
// the horizon, stopping early (docs/transformation.md, "Experiments").
#include "kyoso/domain/transformation/experiment.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

Experiment Ab() {
    Experiment e;
    e.id = 7;
    e.name = "初回メールA/B";
    e.hypothesis = "事例紹介型メール(B)は課題提起型(A)より商談設定率が高い";
    e.kind = ExperimentKind::kCadenceAb;
    e.cadence_id = 1;
    e.outcome = "meeting_set";
    e.start_on = MakeDate(2026, 10, 1);
    e.horizon_on = MakeDate(2026, 12, 25);
    return e;
}

std::string FirstField(const Status& st) { return st.details().empty() ? "" : st.details()[0].field; }

std::vector<ExperimentArm> Arms(long long na, long long xa, long long nb, long long xb) {
    return {{"A", "A", {na, xa}}, {"B", "B", {nb, xb}}};
}

TEST(ValidateExperiment, AcceptsACompleteDesign) { EXPECT_TRUE(ValidateExperiment(Ab()).ok()); }

TEST(ValidateExperiment, NamesEachBadField) {
    struct Case {
        void (*change)(Experiment&);
        const char* field;
    };
    const Case cases[] = {
        {[](Experiment& e) { e.name.clear(); }, "name"},
        {[](Experiment& e) { e.cadence_id = 0; }, "cadence_id"},
        {[](Experiment& e) { e.outcome = "deal_won"; }, "outcome"},
        {[](Experiment& e) { e.outcome.clear(); }, "outcome"},
        {[](Experiment& e) { e.horizon_on = Date{}; }, "horizon_on"},
        {[](Experiment& e) { e.horizon_on = e.start_on; }, "horizon_on"},
        {[](Experiment& e) { e.horizon_on = MakeDate(2026, 9, 1); }, "horizon_on"},
        {[](Experiment& e) { e.horizon_on = MakeDate(2029, 1, 1); }, "horizon_on"},
        {[](Experiment& e) { e.min_per_arm = 0; }, "min_per_arm"},
        {[](Experiment& e) {
             e.kind = ExperimentKind::kPilotTeam;
             e.outcome = "deal_won";
         },
         "pilot_team"},
        {[](Experiment& e) {
             e.kind = ExperimentKind::kPilotTeam;
             e.outcome = "deal_won";
             e.pilot_team = e.comparison_team = "東日本営業部";
         },
         "comparison_team"},
    };
    for (const auto& c : cases) {
        Experiment e = Ab();
        c.change(e);
        Status st = ValidateExperiment(e);
        ASSERT_FALSE(st.ok()) << c.field;
        EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(FirstField(st), c.field);
    }
}

TEST(ExperimentOutcomes, DependOnTheKind) {
    EXPECT_TRUE(IsExperimentOutcome(ExperimentKind::kCadenceAb, "meeting_set"));
    EXPECT_TRUE(IsExperimentOutcome(ExperimentKind::kCadenceAb, "replied"));
    EXPECT_FALSE(IsExperimentOutcome(ExperimentKind::kCadenceAb, "lead_qualified"));
    for (const char* o : {"deal_won", "budget_requested", "lead_qualified"}) {
        EXPECT_TRUE(IsExperimentOutcome(ExperimentKind::kPilotTeam, o)) << o;
        EXPECT_FALSE(ExperimentOutcomeLabelJa(o).empty()) << o;
    }
    EXPECT_EQ(ExperimentKindFromSlug("pilot_team"), ExperimentKind::kPilotTeam);
    EXPECT_FALSE(ExperimentKindFromSlug("bandit").has_value());
}

TEST(StatusOn, FollowsTheDates) {
    const Experiment e = Ab();
    EXPECT_EQ(StatusOn(e, MakeDate(2026, 9, 30)), ExperimentStatus::kDraft);
    EXPECT_EQ(StatusOn(e, MakeDate(2026, 10, 1)), ExperimentStatus::kRunning);
    EXPECT_EQ(StatusOn(e, MakeDate(2026, 12, 24)), ExperimentStatus::kRunning);
    EXPECT_EQ(StatusOn(e, MakeDate(2026, 12, 25)), ExperimentStatus::kConcluded);
    Experiment stopped = e;
    stopped.stopped_on = MakeDate(2026, 11, 2);
    EXPECT_EQ(StatusOn(stopped, MakeDate(2027, 1, 10)), ExperimentStatus::kStopped);
}

TEST(CheckExperimentChange, LocksTheHorizonAndOutcomeOnceStarted) {
    const Experiment before = Ab();
    const Date draft_day = MakeDate(2026, 9, 20), running_day = MakeDate(2026, 11, 27);
    Experiment later = before;
    later.horizon_on = MakeDate(2027, 1, 31);
    EXPECT_TRUE(CheckExperimentChange(before, later, draft_day).ok());
    Status st = CheckExperimentChange(before, later, running_day);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(FirstField(st), "horizon_on");
    EXPECT_NE(st.details()[0].message.find("2026-10-01"), std::string::npos);

    Experiment other_outcome = before;
    other_outcome.outcome = "replied";
    EXPECT_TRUE(CheckExperimentChange(before, other_outcome, draft_day).ok());
    EXPECT_EQ(FirstField(CheckExperimentChange(before, other_outcome, running_day)), "outcome");

    Experiment earlier_start = before;
    earlier_start.start_on = MakeDate(2026, 9, 1);
    EXPECT_EQ(FirstField(CheckExperimentChange(before, earlier_start, running_day)), "start_on");

    // Wording may still change while it runs.
    Experiment renamed = before;
    renamed.name = "初回メールA/B（事例紹介）";
    renamed.hypothesis = "B の方が商談設定率が高い";
    EXPECT_TRUE(CheckExperimentChange(before, renamed, running_day).ok());
    // Nothing changes after the horizon or after a stop.
    EXPECT_EQ(CheckExperimentChange(before, renamed, MakeDate(2026, 12, 25)).code(), ErrorCode::kFailedPrecondition);
    Experiment stopped = before;
    stopped.stopped_on = MakeDate(2026, 11, 1);
    EXPECT_EQ(CheckExperimentChange(stopped, renamed, running_day).code(), ErrorCode::kFailedPrecondition);
}

TEST(MakeExperimentResult, WithholdsTheVerdictBeforeTheHorizon) {
    const Experiment e = Ab();
    // A "lucky day": 30/60 vs 10/60 would be significant, but the horizon is not reached.
    auto r = MakeExperimentResult(e, MakeDate(2026, 11, 27), Arms(60, 30, 60, 10));
    EXPECT_EQ(r.status, ExperimentStatus::kRunning);
    EXPECT_EQ(r.verdict, ExperimentVerdict::kPending);
    EXPECT_FALSE(r.comparison.has_value());
    EXPECT_EQ(r.message_ja, "判定は期日 2026-12-25 まで保留");
    EXPECT_EQ(r.counted_through, MakeDate(2026, 11, 27));
    ASSERT_EQ(r.arms.size(), 2u);
    EXPECT_EQ(r.arms[0].counts.successes, 30);
}

TEST(MakeExperimentResult, GivesTheTestAndVerdictAtTheHorizon) {
    const Experiment e = Ab();
    auto r = MakeExperimentResult(e, MakeDate(2026, 12, 25), Arms(100, 45, 100, 30));
    EXPECT_EQ(r.status, ExperimentStatus::kConcluded);
    EXPECT_EQ(r.verdict, ExperimentVerdict::kSignificant);
    ASSERT_TRUE(r.comparison.has_value());
    EXPECT_EQ(r.comparison->test, ExperimentTest::kTwoProportionZ);
    EXPECT_NEAR(r.comparison->p_value, 0.02846, 1e-5);
    EXPECT_EQ(r.message_ja, "有意差あり（2標本比率のz検定、p = 0.0285 < 0.05）");
    EXPECT_EQ(r.counted_through, MakeDate(2026, 12, 25));  // later days never count

    auto small = MakeExperimentResult(e, MakeDate(2027, 2, 1), Arms(4, 3, 4, 1));
    EXPECT_EQ(small.verdict, ExperimentVerdict::kNotSignificant);
    EXPECT_EQ(small.comparison->test, ExperimentTest::kFisherExact);
    EXPECT_EQ(small.counted_through, MakeDate(2026, 12, 25));
}

TEST(MakeExperimentResult, NeedsEveryArmAndTheMinimumSample) {
    Experiment e = Ab();
    auto empty = MakeExperimentResult(e, MakeDate(2026, 12, 25), Arms(0, 0, 12, 3));
    EXPECT_EQ(empty.verdict, ExperimentVerdict::kNotComputable);
    EXPECT_FALSE(empty.comparison.has_value());
    e.min_per_arm = 150;
    auto few = MakeExperimentResult(e, MakeDate(2026, 12, 25), Arms(100, 45, 100, 30));
    EXPECT_EQ(few.verdict, ExperimentVerdict::kInsufficientSample);
    EXPECT_TRUE(few.comparison.has_value());  // shown, but not a verdict
}

TEST(MakeExperimentResult, RecordsAStopWithoutAVerdict) {
    Experiment e = Ab();
    ASSERT_TRUE(CheckExperimentStop(e, MakeDate(2026, 11, 5)).ok());
    e.stopped_on = MakeDate(2026, 11, 5);
    auto r = MakeExperimentResult(e, MakeDate(2027, 1, 10), Arms(100, 45, 100, 30));
    EXPECT_EQ(r.status, ExperimentStatus::kStopped);
    EXPECT_EQ(r.verdict, ExperimentVerdict::kStopped);
    EXPECT_FALSE(r.comparison.has_value());
    EXPECT_EQ(r.counted_through, MakeDate(2026, 11, 5));
    EXPECT_EQ(CheckExperimentStop(e, MakeDate(2026, 11, 6)).code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(CheckExperimentStop(Ab(), MakeDate(2026, 12, 25)).code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace kyoso::domain
