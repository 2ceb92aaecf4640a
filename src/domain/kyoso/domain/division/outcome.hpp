#pragma once

#include <optional>
#include <string_view>

namespace kyoso::domain {

// Which way an outcome metric should move: オンライン利用率 up, 処理日数 down.
enum class OutcomeDirection { kIncrease, kDecrease };
std::string_view OutcomeDirectionSlug(OutcomeDirection direction);  // "increase"
std::optional<OutcomeDirection> OutcomeDirectionFromSlug(std::string_view slug);

// Whether a target points the metric's way: increase needs target >= baseline,
// decrease target <= baseline. Pure.
bool TargetMatchesDirection(OutcomeDirection direction, double baseline, double target);

// Progress of an outcome metric towards its target (docs/division-of-labour.md):
// (latest − baseline) / (target − baseline), unclamped (above 1 = beyond target,
// below 0 = worse than baseline). Works for both directions because target − baseline
// carries the sign. When target == baseline: 1 when latest has reached the target in
// the metric's direction (>= for increase, <= for decrease), else 0. nullopt without a
// measurement. Pure.
std::optional<double> OutcomeProgress(OutcomeDirection direction, double baseline, double target,
                                      std::optional<double> latest);

}  // namespace kyoso::domain
