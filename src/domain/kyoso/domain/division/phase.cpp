#include "kyoso/domain/division/phase.hpp"

namespace kyoso::domain {

std::string_view SupportPhaseSlug(SupportPhase phase) {
    switch (phase) {
        case SupportPhase::kPolicyFormation:
            return "policy_formation";
        case SupportPhase::kImplementation:
            return "implementation";
    }
    return "policy_formation";
}

std::string_view SupportPhaseLabelJa(SupportPhase phase) {
    switch (phase) {
        case SupportPhase::kPolicyFormation:
            return "政策形成支援";
        case SupportPhase::kImplementation:
            return "導入・実装支援";
    }
    return "政策形成支援";
}

std::optional<SupportPhase> SupportPhaseFromSlug(std::string_view slug) {
    if (slug == "policy_formation") return SupportPhase::kPolicyFormation;
    if (slug == "implementation") return SupportPhase::kImplementation;
    return std::nullopt;
}

SupportPhase DeriveSupportPhase(Stage stage, BudgetStatus budget_status) {
    if (stage == Stage::kWon) return SupportPhase::kImplementation;
    if (stage == Stage::kDeferred) return SupportPhase::kPolicyFormation;
    if (budget_status == BudgetStatus::kPassed || budget_status == BudgetStatus::kSupplementary) {
        return SupportPhase::kImplementation;
    }
    if (stage == Stage::kBudgeted || stage == Stage::kTenderPrep || stage == Stage::kBidding) {
        return SupportPhase::kImplementation;
    }
    return SupportPhase::kPolicyFormation;
}

SupportPhase EffectiveSupportPhase(Stage stage, BudgetStatus budget_status, std::string_view override_slug) {
    if (auto explicit_phase = SupportPhaseFromSlug(override_slug)) return *explicit_phase;
    return DeriveSupportPhase(stage, budget_status);
}

}  // namespace kyoso::domain
