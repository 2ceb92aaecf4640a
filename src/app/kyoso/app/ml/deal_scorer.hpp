#pragma once

#include <string>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/ml/factors.hpp"

namespace kyoso::app {

// A deal's calibrated probability of being won, with its reasons (docs/ml.md).
struct DealWinScore {
    long long deal_id = 0;
    double probability = 0;          // calibrated, 0..1
    std::string source;              // "model" (a registered XGBoost model) or "rules" (the transparent fallback)
    std::string model_version;       // the registry's version; empty for "rules"
    domain::ml::TopFactors factors;  // with Japanese labels; empty unless asked for
};

// Scores deals as they stood on `as_of`, using only what was known then: features from
// rows dated on or before as_of, and a model trained on outcomes before as_of (or the
// rule-based score when there is too little history). The contract between the models
// (app/ml) and their users: the forecast, next best actions and the screens.
class DealScorer {
public:
    virtual ~DealScorer() = default;
    // Every deal open on `as_of` (created on or before it, not closed by then).
    virtual Result<std::vector<DealWinScore>> ScoreOpenDeals(Date as_of, bool with_factors) = 0;
    // One deal (open or not) as of `as_of`; NOT_FOUND for an unknown id.
    virtual Result<DealWinScore> ScoreDeal(long long deal_id, Date as_of, bool with_factors) = 0;
};

}  // namespace kyoso::app
