#include "kyoso/domain/division/outcome.hpp"

namespace kyoso::domain {

std::string_view OutcomeDirectionSlug(OutcomeDirection direction) {
    switch (direction) {
        case OutcomeDirection::kIncrease:
            return "increase";
        case OutcomeDirection::kDecrease:
            return "decrease";
    }
    return "increase";
}

std::optional<OutcomeDirection> OutcomeDirectionFromSlug(std::string_view slug) {
    if (slug == "increase") return OutcomeDirection::kIncrease;
    if (slug == "decrease") return OutcomeDirection::kDecrease;
    return std::nullopt;
}

bool TargetMatchesDirection(OutcomeDirection direction, double baseline, double target) {
    return direction == OutcomeDirection::kIncrease ? target >= baseline : target <= baseline;
}

std::optional<double> OutcomeProgress(OutcomeDirection direction, double baseline, double target,
                                      std::optional<double> latest) {
    if (!latest) return std::nullopt;
    if (target == baseline) {
        const bool reached = direction == OutcomeDirection::kIncrease ? *latest >= target : *latest <= target;
        return reached ? 1.0 : 0.0;
    }
    return (*latest - baseline) / (target - baseline);
}

}  // namespace kyoso::domain
