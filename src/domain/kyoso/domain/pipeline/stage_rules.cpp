#include "kyoso/domain/pipeline/stage_rules.hpp"

#include <algorithm>

namespace kyoso::domain {

namespace {

bool IsOutcomeOnly(Stage stage) { return stage == Stage::kLost || stage == Stage::kDeferred; }

std::string Label(Stage stage) { return std::string(StageLabelJa(stage)) + " (" + std::string(StageSlug(stage)) + ")"; }

bool HasActivity(const StageEvidence& e, std::initializer_list<ActivityType> types,
                 std::optional<Date> on_or_before = std::nullopt) {
    return std::any_of(e.activities.begin(), e.activities.end(), [&](const Activity& a) {
        if (std::find(types.begin(), types.end(), a.type) == types.end()) return false;
        return !on_or_before || std::chrono::sys_days{a.occurred_on} <= std::chrono::sys_days{*on_or_before};
    });
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Status CheckTransition(Stage from, Stage to) {
    auto refuse = [&](const std::string& why) {
        return Status(ErrorCode::kFailedPrecondition,
                      "cannot move a deal from " + Label(from) + " to " + Label(to) + ": " + why, {{"to", why}});
    };
    if (from == Stage::kDeferred) {
        return refuse(
            "a deferred (見送り) deal is closed; it continues as the carried-over deal of the next fiscal year");
    }
    if (from == Stage::kWon || from == Stage::kLost) return refuse("the deal is closed");
    if (from == to) return refuse("the deal is already at this stage");
    if (IsOutcomeOnly(to)) return Status::Ok();
    if (static_cast<int>(to) < static_cast<int>(from)) return refuse("the pipeline only moves forward");
    return Status::Ok();
}

std::string_view EvidenceSlug(EvidenceKind kind) {
    switch (kind) {
        case EvidenceKind::kHearingLogged:
            return "hearing";
        case EvidenceKind::kReferenceQuoteBeforeDeadline:
            return "reference_quote";
        case EvidenceKind::kNote:
            return "note";
        case EvidenceKind::kBudgetAmount:
            return "budget_amount";
        case EvidenceKind::kNoticeUrl:
            return "notice_url";
        case EvidenceKind::kBidOrProposalLogged:
            return "bid_or_proposal";
        case EvidenceKind::kLostReason:
            return "lost_reason";
        case EvidenceKind::kCompetitor:
            return "competitor";
        case EvidenceKind::kAwardAmount:
            return "award_amount";
    }
    return "note";
}

std::string_view EvidenceLabelJa(EvidenceKind kind) {
    switch (kind) {
        case EvidenceKind::kHearingLogged:
            return "ヒアリング記録（訪問・電話・オンライン会議）";
        case EvidenceKind::kReferenceQuoteBeforeDeadline:
            return "予算要求締切までの参考見積";
        case EvidenceKind::kNote:
            return "経緯メモ";
        case EvidenceKind::kBudgetAmount:
            return "予算額";
        case EvidenceKind::kNoticeUrl:
            return "公告URL";
        case EvidenceKind::kBidOrProposalLogged:
            return "入札・提案書の提出記録";
        case EvidenceKind::kLostReason:
            return "失注理由";
        case EvidenceKind::kCompetitor:
            return "落札者（競合）";
        case EvidenceKind::kAwardAmount:
            return "落札額・契約額";
    }
    return "";
}

std::string_view EvidenceLabelEn(EvidenceKind kind) {
    switch (kind) {
        case EvidenceKind::kHearingLogged:
            return "A hearing logged (visit, call or online meeting)";
        case EvidenceKind::kReferenceQuoteBeforeDeadline:
            return "Reference quote logged before the budget-request deadline";
        case EvidenceKind::kNote:
            return "Note";
        case EvidenceKind::kBudgetAmount:
            return "Budget amount";
        case EvidenceKind::kNoticeUrl:
            return "Tender notice URL";
        case EvidenceKind::kBidOrProposalLogged:
            return "Bid or proposal submission logged";
        case EvidenceKind::kLostReason:
            return "Reason lost";
        case EvidenceKind::kCompetitor:
            return "Winning competitor";
        case EvidenceKind::kAwardAmount:
            return "Award amount";
    }
    return "";
}

std::vector<Stage> NextStages(Stage from) {
    std::vector<Stage> out;
    for (int i = 0; i <= static_cast<int>(Stage::kDeferred); ++i) {
        const auto to = static_cast<Stage>(i);
        if (CheckTransition(from, to).ok()) out.push_back(to);
    }
    return out;
}

std::optional<EvidenceKind> EvidenceFromSlug(std::string_view slug) {
    for (int i = 0; i <= static_cast<int>(EvidenceKind::kAwardAmount); ++i) {
        const auto kind = static_cast<EvidenceKind>(i);
        if (EvidenceSlug(kind) == slug) return kind;
    }
    return std::nullopt;
}

StageEvidencePolicy StageEvidencePolicy::Defaults() {
    using E = EvidenceKind;
    StageEvidencePolicy p;
    p.Set(Stage::kQualified, {E::kHearingLogged});
    p.Set(Stage::kBudgetProposal, {E::kReferenceQuoteBeforeDeadline});
    p.Set(Stage::kRequested, {E::kNote});
    p.Set(Stage::kBudgeted, {E::kBudgetAmount});
    p.Set(Stage::kTenderPrep, {E::kNoticeUrl});
    p.Set(Stage::kBidding, {E::kBidOrProposalLogged});
    p.Set(Stage::kWon, {E::kAwardAmount});
    p.Set(Stage::kLost, {E::kLostReason, E::kCompetitor, E::kAwardAmount});
    p.Set(Stage::kDeferred, {E::kNote});
    return p;
}

std::vector<ErrorDetail> MissingEvidence(Stage to, const StageEvidencePolicy& policy, const StageEvidence& e) {
    std::vector<ErrorDetail> missing;
    for (EvidenceKind kind : policy.For(to)) {
        const std::string field(EvidenceSlug(kind));
        switch (kind) {
            case EvidenceKind::kHearingLogged:
                if (!HasActivity(e, {ActivityType::kVisit, ActivityType::kCall, ActivityType::kOnlineMeeting})) {
                    missing.push_back({field, "log a hearing (visit, call or online_meeting) on the deal first"});
                }
                break;
            case EvidenceKind::kReferenceQuoteBeforeDeadline:
                if (!e.budget_request_deadline) {
                    if (!HasActivity(e, {ActivityType::kReferenceQuote})) {
                        missing.push_back({field, "log the 参考見積 (reference_quote activity) on the deal first"});
                    }
                } else if (!HasActivity(e, {ActivityType::kReferenceQuote}, e.budget_request_deadline)) {
                    missing.push_back({field,
                                       "log a 参考見積 (reference_quote activity) dated on or before the "
                                       "budget-request deadline " +
                                           FormatIsoDate(*e.budget_request_deadline)});
                }
                break;
            case EvidenceKind::kNote:
                if (Blank(e.note)) missing.push_back({field, "required to enter this stage"});
                break;
            case EvidenceKind::kBudgetAmount:
                if (!e.budget_amount || *e.budget_amount <= 0) {
                    missing.push_back({field, "the budget amount passed by the council is required"});
                }
                break;
            case EvidenceKind::kNoticeUrl:
                if (Blank(e.notice_url)) missing.push_back({field, "link the tender notice (公告)"});
                break;
            case EvidenceKind::kBidOrProposalLogged:
                if (!HasActivity(e, {ActivityType::kBid, ActivityType::kProposal})) {
                    missing.push_back({field, "log the bid or proposal submission on the deal first"});
                }
                break;
            case EvidenceKind::kLostReason:
                if (Blank(e.lost_reason)) missing.push_back({field, "say why the deal was lost"});
                break;
            case EvidenceKind::kCompetitor:
                if (Blank(e.competitor)) missing.push_back({field, "name the winning competitor"});
                break;
            case EvidenceKind::kAwardAmount:
                if (!e.award_amount || *e.award_amount < 0) {
                    missing.push_back({field, "the award amount (落札額) is required"});
                }
                break;
        }
    }
    return missing;
}

}  // namespace kyoso::domain
