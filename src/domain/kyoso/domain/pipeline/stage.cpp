#include "kyoso/domain/pipeline/stage.hpp"

namespace kyoso::domain {

namespace {
struct StageInfo {
    Stage stage;
    const char* slug;
    const char* ja;
    const char* en;
};
constexpr StageInfo kStages[] = {
    {Stage::kDiscovery, "discovery", "情報収集", "Discovery"},
    {Stage::kQualified, "qualified", "課題把握", "Qualified"},
    {Stage::kBudgetProposal, "budget_proposal", "予算化提案", "Budget proposal"},
    {Stage::kRequested, "requested", "予算要求中", "Budget requested"},
    {Stage::kBudgeted, "budgeted", "予算成立", "Budgeted"},
    {Stage::kTenderPrep, "tender_prep", "公告・仕様", "Tender prep"},
    {Stage::kBidding, "bidding", "入札・提案", "Bidding"},
    {Stage::kWon, "won", "受注", "Won"},
    {Stage::kLost, "lost", "失注", "Lost"},
    {Stage::kDeferred, "deferred", "見送り", "Deferred"},
};
}  // namespace

std::string_view StageSlug(Stage stage) { return kStages[static_cast<int>(stage)].slug; }
std::string_view StageLabelJa(Stage stage) { return kStages[static_cast<int>(stage)].ja; }
std::string_view StageLabelEn(Stage stage) { return kStages[static_cast<int>(stage)].en; }
std::optional<Stage> StageFromSlug(std::string_view slug) {
    for (const auto& s : kStages) {
        if (slug == s.slug) return s.stage;
    }
    return std::nullopt;
}
bool IsClosed(Stage stage) { return stage == Stage::kWon || stage == Stage::kLost || stage == Stage::kDeferred; }

std::string_view ProcurementSlug(ProcurementMethod method) {
    switch (method) {
        case ProcurementMethod::kOpenTender:
            return "open_tender";
        case ProcurementMethod::kNominatedTender:
            return "nominated_tender";
        case ProcurementMethod::kProposal:
            return "proposal";
        case ProcurementMethod::kSmallValue:
            return "small_value";
        case ProcurementMethod::kSoleSource:
            return "sole_source";
    }
    return "open_tender";
}
std::string_view ProcurementLabelJa(ProcurementMethod method) {
    switch (method) {
        case ProcurementMethod::kOpenTender:
            return "一般競争入札";
        case ProcurementMethod::kNominatedTender:
            return "指名競争入札";
        case ProcurementMethod::kProposal:
            return "公募型プロポーザル";
        case ProcurementMethod::kSmallValue:
            return "少額随意契約";
        case ProcurementMethod::kSoleSource:
            return "特命随意契約";
    }
    return "一般競争入札";
}
std::string_view BudgetStatusSlug(BudgetStatus status) {
    switch (status) {
        case BudgetStatus::kNone:
            return "none";
        case BudgetStatus::kRequested:
            return "requested";
        case BudgetStatus::kPassed:
            return "passed";
        case BudgetStatus::kSupplementary:
            return "supplementary";
        case BudgetStatus::kCut:
            return "cut";
    }
    return "none";
}

}  // namespace kyoso::domain
