#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/status.hpp"
#include "kyoso/domain/pipeline/stage.hpp"
#include "kyoso/domain/sales/sales.hpp"

namespace kyoso::domain {

// Whether a deal may move from `from` to `to` on the municipal pipeline: forward
// through the open stages (skipping allowed, 受注 counts as the stage after 入札・提案),
// or from any open stage to 失注 / 見送り. Nothing leaves 受注 or 失注; a 見送り deal is
// never moved again (it is carried over as a new deal for the next fiscal year).
// OK when allowed; otherwise FailedPrecondition with a detail on field "to".
Status CheckTransition(Stage from, Stage to);

// One piece of evidence a deal must show to ENTER a stage (DESIGN.md's exit
// evidence of that stage, checked on the way in).
enum class EvidenceKind {
    kHearingLogged,                 // a visit, call or online meeting logged on the deal
    kReferenceQuoteBeforeDeadline,  // 参考見積 logged on or before the budget-request deadline of FY-1
    kNote,                          // a note on the move (e.g. the department's confirmation)
    kBudgetAmount,                  // 予算額 recorded
    kNoticeUrl,                     // the tender notice linked
    kBidOrProposalLogged,           // a bid or proposal activity logged on the deal
    kLostReason,                    // why the deal was lost
    kCompetitor,                    // who won instead
    kAwardAmount,                   // 落札額 / 契約額
};

std::string_view EvidenceSlug(EvidenceKind kind);
std::optional<EvidenceKind> EvidenceFromSlug(std::string_view slug);
// What the evidence is, for people: "ヒアリング記録" / "A hearing logged".
std::string_view EvidenceLabelJa(EvidenceKind kind);
std::string_view EvidenceLabelEn(EvidenceKind kind);

// Every stage a deal at `from` may move to (CheckTransition allows it), in pipeline order.
std::vector<Stage> NextStages(Stage from);

// Which evidence each stage requires on entry. A plain value: a company may build
// its own (e.g. drop kNoticeUrl for 随意契約-heavy sales) and hand it to the deal
// use cases. Defaults() follows DESIGN.md's pipeline table.
struct StageEvidencePolicy {
    std::array<std::vector<EvidenceKind>, 10> required{};  // indexed by Stage

    static StageEvidencePolicy Defaults();
    const std::vector<EvidenceKind>& For(Stage stage) const { return required[static_cast<size_t>(stage)]; }
    void Set(Stage stage, std::vector<EvidenceKind> kinds) { required[static_cast<size_t>(stage)] = std::move(kinds); }
};

// What is known when a move is requested: the deal's logged activities, the values
// sent with the move merged over those already stored, and the budget-request
// deadline that applies to the deal (of the fiscal year before its target year).
struct StageEvidence {
    std::vector<Activity> activities;
    std::optional<Date> budget_request_deadline;
    std::string note;
    std::optional<long long> budget_amount;
    std::string notice_url;
    std::string lost_reason;
    std::string competitor;
    std::optional<long long> award_amount;
};

// The evidence `policy` requires for entering `to` that `evidence` lacks, one
// ErrorDetail per missing item, named by the request field or the activity type
// to log ("budget_amount", "reference_quote", ...). Empty when complete. Pure.
std::vector<ErrorDetail> MissingEvidence(Stage to, const StageEvidencePolicy& policy, const StageEvidence& evidence);

}  // namespace kyoso::domain
