#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/ml/deal_scorer.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/ml/calibration.hpp"
#include "kyoso/domain/ml/features.hpp"
#include "kyoso/ports/gradient_boosting.hpp"
#include "kyoso/ports/ml_repository.hpp"
#include "kyoso/ports/services.hpp"

namespace kyoso::app {

// The three models (docs/ml.md "Models, features and the registry").
enum class ModelKind { kDealWin, kPropensity, kLeadConversion };
std::string_view ModelKindName(ModelKind kind);  // deal_win | propensity | lead_conversion
std::optional<ModelKind> ModelKindFromName(std::string_view name);

// Metrics on the time-ordered test part (the newest rows).
struct ModelMetrics {
    double auc = 0;  // NaN when a class is missing from the test part
    double logloss = 0;
    double brier = 0;
    double ece = 0;
    std::size_t n_train = 0;
    std::size_t n_calibration = 0;
    std::size_t n_test = 0;
    std::size_t positives = 0;  // over all rows
    std::size_t negatives = 0;
    std::string calibration;  // isotonic | platt
};

// A model's training rows in time order (by the day the outcome was known).
struct TrainingRows {
    domain::ml::Dataset data;
    std::vector<int> order_day;     // outcome day per row
    std::vector<long long> record;  // deal id, lead id, or government index × 1000 + product
};

// What `kyoso train` reports.
struct TrainOutcome {
    ModelKind kind = ModelKind::kDealWin;
    bool trained = false;
    std::string message;  // why not, when too little history
    ModelMetrics metrics;
    ports::MlModelRecord record;  // the registered version when trained
};

// One government × product propensity for the next fiscal year.
struct PropensityScore {
    std::string government_code;
    long long product_id = 0;
    int fiscal_year = 0;  // the year a deal would be for
    double probability = 0;
    std::string source;  // model | rules
    std::string model_version;
    domain::ml::TopFactors factors;
};

// A lead's probability of converting into a deal.
struct LeadScore {
    long long lead_id = 0;
    double probability = 0;
    std::string source;
    std::string model_version;
    domain::ml::TopFactors factors;
};

// One planted effect of docs/demo-data.md as the model sees it.
struct EffectRecovery {
    std::string effect;   // docs/demo-data.md name
    std::string feature;  // feature key
    std::string label_ja;
    int expected_sign = 1;
    double mean_contribution_with = 0;  // mean SHAP (log-odds) where the cue is present
    double mean_contribution_without = 0;
    double difference = 0;  // with − without
    std::size_t n_with = 0;
    bool recovered = false;  // right sign and |difference| ≥ 0.05
};

// `kyoso ml backtest`: train before a cutoff, test after.
struct ModelBacktestReport {
    ModelKind kind = ModelKind::kDealWin;
    std::string cutoff;
    std::size_t n_train = 0, n_test = 0, train_positives = 0, train_negatives = 0;
    bool below_minimum = false;  // the model is shown for information only
    ModelMetrics model;
    double rules_auc = 0, rules_ece = 0, rules_logloss = 0;           // the rule-based score
    double baseline_auc = 0, baseline_ece = 0, baseline_logloss = 0;  // stage-only win rate
    std::vector<EffectRecovery> effects;
    double exact_contrib_ms = 0, approx_contrib_ms = 0;  // explanation timing on the test rows
    double train_ms = 0;
};

// Trains, registers, applies and explains the models; the DealScorer behind the
// screens, the forecast and next best actions. Thread-safe.
class MlService final : public DealScorer {
public:
    MlService(ports::MlRepository& repo, ports::GradientBoosting& boosting, const domain::BusinessCalendar& calendar,
              const ports::Clock& clock);

    // Boosting parameters (tests use fewer rounds and one thread).
    void set_params(const ports::BoostingParams& params) { params_ = params; }
    // Audits every registered model (action ml_model.train) in the store's audit log.
    void EnableAudit(ports::Store& store, const ports::Digest& digest) {
        audit_ = std::make_unique<AuditTrail>(store, clock_, digest);
    }
    // Today in Japan (the clock's), the default as_of of the screens.
    Date Today() const { return clock_.Today(); }
    // How long the history read from the store is reused (0 = read every call).
    void set_history_ttl(std::chrono::seconds ttl) { ttl_ = ttl; }

    // The labelled rows of `kind` with outcomes known before `as_of`, in time order.
    Result<TrainingRows> BuildTrainingRows(ModelKind kind, Date as_of);
    // Trains on outcomes before `as_of`, calibrates on a later part, measures on the
    // newest part and registers the model as active. Too little history (under
    // kMinPerClass of a class): trained = false with a message, nothing stored.
    // `actor` is the audit log's actor (AuditEvent::actor; "system" from the CLI).
    Result<TrainOutcome> Train(ModelKind kind, Date as_of, ports::ProgressSink* progress = nullptr,
                               const std::string& actor = "system");
    // The registry, newest first.
    Result<std::vector<ports::MlModelRecord>> Models();
    // Whether the active model of `kind` is missing or older than `max_age_days`.
    Result<bool> NeedsRetraining(ModelKind kind, int max_age_days);

    Result<std::vector<DealWinScore>> ScoreOpenDeals(Date as_of, bool with_factors) override;
    Result<DealWinScore> ScoreDeal(long long deal_id, Date as_of, bool with_factors) override;
    // Every product's propensity for one government for the fiscal year after as_of's.
    Result<std::vector<PropensityScore>> ScoreGovernment(const std::string& code, Date as_of, bool with_factors);
    // Every government × product (bulk; approximate contributions when with_factors).
    Result<std::vector<PropensityScore>> ScoreAllPropensity(Date as_of, bool with_factors);
    Result<LeadScore> ScoreLead(long long lead_id, Date as_of, bool with_factors);
    // The message shown with rule-based scores ("" when a model is used).
    Result<std::string> FallbackMessage(ModelKind kind, Date as_of);

    // Time-split backtest of `kind`: rows whose outcome is before `cutoff` train, the
    // rest (before as_of) test; cutoff default = the 75th percentile of outcome days.
    Result<ModelBacktestReport> Backtest(ModelKind kind, Date as_of, std::optional<Date> cutoff,
                                         ports::ProgressSink* progress = nullptr);
    // The training rows as CSV: header = feature keys + "label", rows in time order.
    Result<std::string> ExportCsv(ModelKind kind, Date as_of);

private:
    struct Fitted {
        std::unique_ptr<ports::BoostedModel> booster;  // null = rules
        domain::ml::Calibrator calibrator;
        std::string version;
        int window_to = 0;
        std::string message;
    };
    struct Snapshot {
        std::shared_ptr<const domain::ml::History> history;
        std::shared_ptr<const domain::ml::FeatureBuilder> features;
    };
    Result<Snapshot> Load();
    Result<TrainingRows> Rows(const Snapshot& s, ModelKind kind, int as_of);
    // Trains booster + calibrator on `rows` (time order): train / calibration / test.
    Result<Fitted> Fit(const TrainingRows& rows, ModelMetrics* metrics, ports::ProgressSink* progress);
    // The model to score with at `as_of`: the active one when its window ended by then,
    // else a temporary one trained on outcomes before as_of, else rules.
    Result<std::shared_ptr<Fitted>> ModelFor(ModelKind kind, int as_of);
    Result<std::vector<double>> Apply(const Fitted& f, const domain::ml::FeatureMatrix& x);
    domain::ml::TopFactors Explain(const Fitted& f, const domain::ml::FeatureMatrix& x, std::size_t row,
                                   const std::vector<float>& contributions,
                                   const std::vector<domain::ml::FeatureInfo>& features);

    ports::MlRepository& repo_;
    ports::GradientBoosting& boosting_;
    const domain::BusinessCalendar& calendar_;
    const ports::Clock& clock_;
    ports::BoostingParams params_;
    std::chrono::seconds ttl_{60};
    std::mutex mu_;
    Snapshot snapshot_;
    std::chrono::steady_clock::time_point loaded_at_{};
    std::map<std::pair<int, int>, std::shared_ptr<Fitted>> fitted_;
    std::unique_ptr<AuditTrail> audit_;  // (kind, as_of or −registry id)
};

}  // namespace kyoso::app
