#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::domain::ml {

// Maps a model's raw probability to a calibrated one, fitted on held-out rows.
//  - kPlatt: p' = σ(a × logit(p) + b), fitted by Newton's method on the log-loss
//    (Platt 1999, with his target smoothing (n₊+1)/(n₊+2) and 1/(n₋+2)).
//  - kIsotonic: a non-decreasing step function by pool-adjacent-violators; between
//    the fitted points it interpolates linearly, outside it holds the end values.
//  - kIdentity: p' = p.
class Calibrator {
public:
    enum class Kind { kIdentity, kPlatt, kIsotonic };

    Calibrator() = default;
    static Calibrator FitPlatt(const std::vector<double>& probabilities, const std::vector<float>& labels);
    static Calibrator FitIsotonic(const std::vector<double>& probabilities, const std::vector<float>& labels);

    double Apply(double probability) const;
    std::vector<double> Apply(const std::vector<double>& probabilities) const;

    Kind kind() const { return kind_; }
    std::string_view KindName() const;  // "identity" | "platt" | "isotonic"
    double platt_a() const { return a_; }
    double platt_b() const { return b_; }
    const std::vector<double>& isotonic_x() const { return x_; }
    const std::vector<double>& isotonic_y() const { return y_; }

    // A text form for the model registry: "identity", "platt A B" or
    // "isotonic x1:y1 x2:y2 …" (round-trip exact: 17 significant digits).
    std::string Encode() const;
    static Result<Calibrator> Decode(std::string_view text);

private:
    Kind kind_ = Kind::kIdentity;
    double a_ = 1.0;
    double b_ = 0.0;
    std::vector<double> x_;
    std::vector<double> y_;
};

}  // namespace kyoso::domain::ml
