#include "kyoso/domain/pipeline/stage_rules.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

using S = Stage;

TEST(StageRules, TransitionsFollowThePipelineTable) {
    struct Case {
        Stage from;
        Stage to;
        bool allowed;
    };
    const Case cases[] = {
        {S::kDiscovery, S::kQualified, true},       // next stage
        {S::kDiscovery, S::kBudgeted, true},        // skipping forward (補正予算, 少額随契)
        {S::kQualified, S::kBudgetProposal, true},  //
        {S::kBidding, S::kWon, true},               // outcome after the tender
        {S::kRequested, S::kWon, true},             // 随意契約 without a tender
        {S::kDiscovery, S::kLost, true},            // any open stage can be lost
        {S::kBidding, S::kLost, true},              //
        {S::kQualified, S::kDeferred, true},        // ... or deferred
        {S::kTenderPrep, S::kDeferred, true},       //
        {S::kBudgeted, S::kQualified, false},       // never backwards
        {S::kBidding, S::kDiscovery, false},        //
        {S::kQualified, S::kQualified, false},      // not a move
        {S::kWon, S::kLost, false},                 // closed
        {S::kWon, S::kBidding, false},              //
        {S::kLost, S::kDiscovery, false},           //
        {S::kLost, S::kWon, false},                 //
        {S::kDeferred, S::kDiscovery, false},       // carried over instead
        {S::kDeferred, S::kQualified, false},       //
        {S::kDeferred, S::kLost, false},            //
    };
    for (const auto& c : cases) {
        Status st = CheckTransition(c.from, c.to);
        EXPECT_EQ(st.ok(), c.allowed) << StageSlug(c.from) << " -> " << StageSlug(c.to) << ": " << st.ToString();
        if (!st.ok()) {
            EXPECT_EQ(st.code(), ErrorCode::kFailedPrecondition);
            ASSERT_EQ(st.details().size(), 1u);
            EXPECT_EQ(st.details()[0].field, "to");
        }
    }
}

TEST(StageRules, DeferredDealsPointToTheCarriedOverDeal) {
    Status st = CheckTransition(S::kDeferred, S::kQualified);
    EXPECT_NE(st.message().find("carried-over"), std::string::npos) << st.message();
}

Activity Logged(ActivityType type, Date on) {
    Activity a;
    a.type = type;
    a.occurred_on = on;
    return a;
}

std::vector<std::string> Fields(const std::vector<ErrorDetail>& details) {
    std::vector<std::string> out;
    for (const auto& d : details) out.push_back(d.field);
    return out;
}

TEST(StageRules, DefaultEvidenceToEnterEachStage) {
    const auto policy = StageEvidencePolicy::Defaults();
    const Date deadline = MakeDate(2026, 11, 13);
    StageEvidence none;
    none.budget_request_deadline = deadline;
    StageEvidence full = none;
    full.activities = {Logged(ActivityType::kOnlineMeeting, MakeDate(2026, 6, 1)),
                       Logged(ActivityType::kReferenceQuote, MakeDate(2026, 9, 1)),
                       Logged(ActivityType::kProposal, MakeDate(2027, 5, 1))};
    full.note = "原課が予算要求に計上したことを確認";
    full.budget_amount = 3'000'000;
    full.notice_url = "https://example.lg.jp/koukoku/123";
    full.lost_reason = "価格";
    full.competitor = "競合A社";
    full.award_amount = 2'480'000;
    struct Case {
        Stage to;
        std::vector<std::string> missing_without_evidence;
    };
    const Case cases[] = {
        {S::kDiscovery, {}},
        {S::kQualified, {"hearing"}},
        {S::kBudgetProposal, {"reference_quote"}},
        {S::kRequested, {"note"}},
        {S::kBudgeted, {"budget_amount"}},
        {S::kTenderPrep, {"notice_url"}},
        {S::kBidding, {"bid_or_proposal"}},
        {S::kWon, {"award_amount"}},
        {S::kLost, {"lost_reason", "competitor", "award_amount"}},
        {S::kDeferred, {"note"}},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(Fields(MissingEvidence(c.to, policy, none)), c.missing_without_evidence) << StageSlug(c.to);
        EXPECT_TRUE(MissingEvidence(c.to, policy, full).empty()) << StageSlug(c.to);
    }
}

TEST(StageRules, ReferenceQuoteMustPrecedeTheBudgetRequestDeadline) {
    const auto policy = StageEvidencePolicy::Defaults();
    StageEvidence e;
    e.budget_request_deadline = MakeDate(2026, 11, 13);
    struct Case {
        Date quoted;
        bool enough;
    };
    const Case cases[] = {
        {MakeDate(2026, 8, 20), true},
        {MakeDate(2026, 11, 13), true},  // on the deadline day still counts
        {MakeDate(2026, 11, 14), false},
        {MakeDate(2027, 1, 10), false},
    };
    for (const auto& c : cases) {
        e.activities = {Logged(ActivityType::kReferenceQuote, c.quoted)};
        auto missing = MissingEvidence(S::kBudgetProposal, policy, e);
        EXPECT_EQ(missing.empty(), c.enough) << FormatIsoDate(c.quoted);
        if (!missing.empty()) {
            EXPECT_NE(missing[0].message.find("2026-11-13"), std::string::npos);
        }
    }
    // A visit is not a quote.
    e.activities = {Logged(ActivityType::kVisit, MakeDate(2026, 8, 20))};
    EXPECT_EQ(Fields(MissingEvidence(S::kBudgetProposal, policy, e)), std::vector<std::string>{"reference_quote"});
}

TEST(StageRules, BlankTextAndNonPositiveBudgetAreNotEvidence) {
    const auto policy = StageEvidencePolicy::Defaults();
    StageEvidence e;
    e.lost_reason = "  ";
    e.competitor = "競合B社";
    e.award_amount = 0;  // a 0-yen award is odd but a recorded fact
    EXPECT_EQ(Fields(MissingEvidence(S::kLost, policy, e)), std::vector<std::string>{"lost_reason"});
    e.budget_amount = 0;
    EXPECT_EQ(Fields(MissingEvidence(S::kBudgeted, policy, e)), std::vector<std::string>{"budget_amount"});
}

TEST(StageRules, APolicyIsConfigurableData) {
    auto policy = StageEvidencePolicy::Defaults();
    policy.Set(S::kTenderPrep, {});  // a company selling by 随意契約
    policy.Set(S::kQualified, {EvidenceKind::kNote, EvidenceKind::kHearingLogged});
    StageEvidence e;
    EXPECT_TRUE(MissingEvidence(S::kTenderPrep, policy, e).empty());
    EXPECT_EQ(Fields(MissingEvidence(S::kQualified, policy, e)), (std::vector<std::string>{"note", "hearing"}));
}

TEST(StageRules, EvidenceSlugsRoundTrip) {
    for (int i = 0; i <= static_cast<int>(EvidenceKind::kAwardAmount); ++i) {
        const auto kind = static_cast<EvidenceKind>(i);
        EXPECT_EQ(EvidenceFromSlug(EvidenceSlug(kind)), kind);
    }
    EXPECT_EQ(EvidenceFromSlug("nonsense"), std::nullopt);
    EXPECT_EQ(ActivityTypeFromSlug("reference_quote"), ActivityType::kReferenceQuote);
    EXPECT_EQ(ActivityTypeFromSlug("lunch"), std::nullopt);
}

TEST(StageRules, NextStagesListEveryAllowedMoveInPipelineOrder) {
    EXPECT_EQ(NextStages(S::kBidding), (std::vector<Stage>{S::kWon, S::kLost, S::kDeferred}));
    EXPECT_EQ(NextStages(S::kBudgeted),
              (std::vector<Stage>{S::kTenderPrep, S::kBidding, S::kWon, S::kLost, S::kDeferred}));
    EXPECT_EQ(NextStages(S::kDiscovery).size(), 9u);  // every other stage
    for (Stage closed : {S::kWon, S::kLost, S::kDeferred}) EXPECT_TRUE(NextStages(closed).empty());
}

TEST(StageRules, EveryStageAndEvidenceHasJapaneseAndEnglishLabels) {
    for (int i = 0; i <= static_cast<int>(S::kDeferred); ++i) {
        EXPECT_FALSE(StageLabelJa(static_cast<Stage>(i)).empty());
        EXPECT_FALSE(StageLabelEn(static_cast<Stage>(i)).empty());
    }
    EXPECT_EQ(StageLabelEn(S::kBudgetProposal), "Budget proposal");
    for (int i = 0; i <= static_cast<int>(EvidenceKind::kAwardAmount); ++i) {
        EXPECT_FALSE(EvidenceLabelJa(static_cast<EvidenceKind>(i)).empty());
        EXPECT_FALSE(EvidenceLabelEn(static_cast<EvidenceKind>(i)).empty());
    }
}

}  // namespace
}  // namespace kyoso::domain
