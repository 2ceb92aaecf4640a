#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/ml/calibration.hpp"
#include "kyoso/domain/ml/factors.hpp"
#include "kyoso/domain/ml/tabular.hpp"
#include "kyoso/ports/csv_records.hpp"
#include "kyoso/ports/gradient_boosting.hpp"

namespace kyoso::app {

// Lead scoring on a user's own CSV (issue 9 item 3, docs/ml.md "Lead scoring on your
// own data"): `kyoso leads evaluate|score` and POST /api/leads/evaluate.

// Thresholds for "too little data" (documented in docs/ml.md).
inline constexpr std::size_t kLeadMinRows = 20;        // rows with a target value
inline constexpr std::size_t kLeadMinTrainClass = 10;  // each class in the training part
inline constexpr std::size_t kLeadMinTestClass = 5;    // each class in the test part

// How rows are split into training and test parts.
struct LeadSplit {
    bool random = false;           // false: time (file order), true: random
    double test_fraction = 0.2;    // in (0, 1)
    unsigned long long seed = 42;  // random only
    std::string Describe() const;  // "time:0.2" | "random:0.2:42"
};
// Parses "time:FRACTION" or "random:FRACTION:SEED" (fraction in (0, 0.9]).
Result<LeadSplit> ParseLeadSplit(std::string_view text);

struct LeadEvaluateOptions {
    std::string target;                   // column name
    std::optional<std::string> positive;  // the value meaning success; else inferred
    std::vector<std::string> exclude;     // columns left out
    LeadSplit split;
    int max_levels = 20;  // one-hot levels per category column
    ports::TextEncoding encoding = ports::TextEncoding::kAuto;
    // Lead tables are small and noisy: 150 shallow trees with a small step and leaves of
    // at least 5 (hessian-weighted) rows, 2 threads.
    ports::BoostingParams params = [] {
        ports::BoostingParams p;
        p.rounds = 150;
        p.max_depth = 3;
        p.learning_rate = 0.05;
        p.min_child_weight = 5;
        p.threads = 2;
        p.seed = 7;
        return p;
    }();
};

// One source column used as a feature.
struct LeadFeatureColumn {
    std::string name;
    std::string kind;        // number | date | category
    std::size_t levels = 0;  // category: one-hot levels (+ other)
    double importance = 0;   // mean |contribution| on the test part (log-odds)
};

// What `leads evaluate` reports.
struct LeadEvaluation {
    double auc = 0.5;
    double logloss = 0;
    double brier = 0;
    double ece = 0;
    std::size_t n_train = 0;  // rows the model learnt from (incl. the calibration slice)
    std::size_t n_test = 0;
    std::size_t positives_train = 0;
    std::size_t positives_test = 0;
    std::size_t n_calibration = 0;  // the training part's last rows used to calibrate
    // A trivial model: always the training part's positive rate (AUC 0.5 by definition).
    double base_rate = 0;
    double baseline_logloss = 0;
    double baseline_brier = 0;
    std::string target;
    std::string positive;
    std::string split;
    std::string calibration;              // identity | platt
    std::string encoding;                 // UTF-8 | UTF-8 (BOM) | Shift_JIS
    std::size_t rows = 0;                 // data rows in the file
    std::size_t rows_without_target = 0;  // left out
    long long missing_cells = 0;
    std::vector<LeadFeatureColumn> features;
    std::vector<std::string> notes;     // dropped columns, capped categories
    std::vector<std::string> warnings;  // things that may make the figures misleading
    double train_seconds = 0;
};

// How scores are explained.
enum class LeadFactorMode { kExact, kApproximate, kNone };

// Scored rows: the input table plus a calibrated score and factors per row.
struct LeadScoreResult {
    domain::ml::TextTable table;
    std::vector<double> scores;
    std::vector<domain::ml::TopFactors> factors;  // empty with kNone
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
    std::string target;
};

// Reads a CSV into a table; every row must have the header's number of fields (an
// error names the line: the header is line 1, a quoted multi-line field counts once).
// Blank header names become "列N"; a repeated header name is an error.
Result<domain::ml::TextTable> ReadLeadTable(std::string_view bytes, const std::string& name,
                                            const ports::CsvRecordReader& reader, ports::TextEncoding encoding,
                                            std::string* encoding_used);

// Trains and evaluates lead scoring on a CSV read by `reader`; stateless, so safe to
// share between threads. Both references must outlive it.
class LeadScoring {
public:
    LeadScoring(ports::GradientBoosting& boosting, const ports::CsvRecordReader& reader)
        : boosting_(boosting), reader_(reader) {}

    // Splits, trains (calibrating on the training part's last 20%), and measures on
    // the test part. With `model_file` non-null it receives the model file's bytes.
    Result<LeadEvaluation> Evaluate(std::string_view csv, const std::string& name, const LeadEvaluateOptions& options,
                                    ports::ProgressSink* progress, std::string* model_file) const;

    // Scores the rows of `csv` with a model file written by Evaluate.
    Result<LeadScoreResult> Score(std::string_view model_file, std::string_view csv, const std::string& name,
                                  ports::TextEncoding encoding, LeadFactorMode factors) const;

private:
    ports::GradientBoosting& boosting_;
    const ports::CsvRecordReader& reader_;
};

// The scored table as CSV (UTF-8, no BOM): the input columns, then score (calibrated,
// 4 decimals), 上昇要因 and 低下要因 ("column=value (+0.52); …", top 3 each).
std::string WriteScoredCsv(const LeadScoreResult& result);

}  // namespace kyoso::app
