#pragma once

#include <optional>
#include <string_view>

#include "kyoso/domain/pipeline/stage.hpp"

namespace kyoso::domain {

// Which kind of support a deal (and its government) is in (DOMAIN.md §7).
enum class SupportPhase {
    kPolicyFormation,  // 政策形成支援: before the budget is passed
    kImplementation,   // 導入・実装支援: the budget is passed; procurement, contract and after
};
std::string_view SupportPhaseSlug(SupportPhase phase);     // "policy_formation"
std::string_view SupportPhaseLabelJa(SupportPhase phase);  // "政策形成支援"
// nullopt for an unknown slug (including "").
std::optional<SupportPhase> SupportPhaseFromSlug(std::string_view slug);

// The phase a deal is in by default (docs/division-of-labour.md, "Phases and outcomes"):
//  - 受注 → implementation; 見送り → policy formation (the item goes back to a budget);
//  - budget status 当初予算成立 or 補正予算 → implementation;
//  - stage 予算成立, 公告・仕様 or 入札・提案 → implementation;
//  - everything else (情報収集 … 予算要求中, 失注 without a passed budget) → policy formation.
// Pure.
SupportPhase DeriveSupportPhase(Stage stage, BudgetStatus budget_status);

// The phase shown for a deal: the explicit override when it names a phase, else the
// derived one. `override_slug` "" means derived.
SupportPhase EffectiveSupportPhase(Stage stage, BudgetStatus budget_status, std::string_view override_slug);

}  // namespace kyoso::domain
