#pragma once

#include <optional>
#include <string_view>

namespace kyoso::domain {

// The municipal pipeline (DESIGN.md "The municipal pipeline"), in order. The last
// three are outcomes; a deferred (見送り) deal returns in the next fiscal year.
enum class Stage {
    kDiscovery,       // 情報収集
    kQualified,       // 課題把握
    kBudgetProposal,  // 予算化提案
    kRequested,       // 予算要求中
    kBudgeted,        // 予算成立
    kTenderPrep,      // 公告・仕様
    kBidding,         // 入札・提案
    kWon,             // 受注
    kLost,            // 失注
    kDeferred,        // 見送り
};

std::string_view StageSlug(Stage stage);
std::string_view StageLabelJa(Stage stage);
std::string_view StageLabelEn(Stage stage);  // "Budget proposal"
std::optional<Stage> StageFromSlug(std::string_view slug);
bool IsClosed(Stage stage);

// How a government buys (DOMAIN.md §3).
enum class ProcurementMethod {
    kOpenTender,       // 一般競争入札
    kNominatedTender,  // 指名競争入札
    kProposal,         // 公募型・企画競争プロポーザル (随意契約)
    kSmallValue,       // 少額随契
    kSoleSource,       // 特命随意契約
};
std::string_view ProcurementSlug(ProcurementMethod method);
std::string_view ProcurementLabelJa(ProcurementMethod method);

// Where the money stands in the government's budget.
enum class BudgetStatus {
    kNone,           // 未計上
    kRequested,      // 要求中
    kPassed,         // 当初予算成立
    kSupplementary,  // 補正予算
    kCut,            // 査定で削減・不成立
};
std::string_view BudgetStatusSlug(BudgetStatus status);

}  // namespace kyoso::domain
