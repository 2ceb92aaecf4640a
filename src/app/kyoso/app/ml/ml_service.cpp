#include "kyoso/app/ml/ml_service.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

#include "kyoso/domain/fiscal/fiscal_year.hpp"
#include "kyoso/domain/ml/metrics.hpp"

namespace kyoso::app {

namespace {

namespace ml = domain::ml;
using ml::kNoDay;

// A deterministic fraction in [0, 1) from a record id (splitmix64), for snapshot dates.
double UnitHash(long long id) {
    unsigned long long z = static_cast<unsigned long long>(id) + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) / 9007199254740992.0;
}

std::string DayText(int day) { return day == kNoDay ? "" : FormatIsoDate(ml::FromDayNumber(day)); }

std::string JsonEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string Num(double v) {
    if (!std::isfinite(v)) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

const std::vector<ml::FeatureInfo>& FeaturesOf(ModelKind kind) {
    switch (kind) {
        case ModelKind::kDealWin:
            return ml::FeatureBuilder::DealWinFeatures();
        case ModelKind::kPropensity:
            return ml::FeatureBuilder::PropensityFeatures();
        case ModelKind::kLeadConversion:
            return ml::FeatureBuilder::LeadFeatures();
    }
    return ml::FeatureBuilder::DealWinFeatures();
}

ml::RuleScore RulesOf(ModelKind kind, const std::vector<float>& row, int k = 3) {
    switch (kind) {
        case ModelKind::kDealWin:
            return ml::DealWinRules(row, k);
        case ModelKind::kPropensity:
            return ml::PropensityRules(row, k);
        case ModelKind::kLeadConversion:
            return ml::LeadRules(row, k);
    }
    return {};
}

std::vector<float> RowOf(const ml::FeatureMatrix& x, std::size_t r) {
    return std::vector<float>(x.values.begin() + static_cast<long>(r * x.cols),
                              x.values.begin() + static_cast<long>((r + 1) * x.cols));
}

TrainingRows Subset(const TrainingRows& rows, const std::vector<std::size_t>& idx) {
    TrainingRows out;
    out.data.x = rows.data.x.Select(idx);
    out.data.features = rows.data.features;
    for (std::size_t i : idx) {
        out.data.labels.push_back(rows.data.labels[i]);
        out.order_day.push_back(rows.order_day[i]);
        out.record.push_back(rows.record[i]);
    }
    return out;
}

std::string MessageFor(ModelKind kind, const ml::ClassCounts& c, int as_of) {
    const char* pos = kind == ModelKind::kDealWin ? "won" : (kind == ModelKind::kPropensity ? "opened" : "converted");
    const char* neg = kind == ModelKind::kDealWin ? "lost/deferred"
                                                  : (kind == ModelKind::kPropensity ? "not opened" : "disqualified");
    const char* pos_ja = kind == ModelKind::kDealWin ? "受注" : (kind == ModelKind::kPropensity ? "商談化" : "転換");
    const char* neg_ja =
        kind == ModelKind::kDealWin ? "失注・見送り" : (kind == ModelKind::kPropensity ? "商談化なし" : "不適格");
    return "学習データが不足しています（" + std::string(pos_ja) + " " + std::to_string(c.positive) + " 件・" + neg_ja +
           " " + std::to_string(c.negative) + " 件、各 " + std::to_string(ml::kMinPerClass) +
           " 件以上が必要）。ルールによるスコアを表示します。 Too little history for " +
           std::string(ModelKindName(kind)) + ": " + std::to_string(c.positive) + " " + pos + " and " +
           std::to_string(c.negative) + " " + neg + " outcomes before " + DayText(as_of) + " (a model needs " +
           std::to_string(ml::kMinPerClass) + " of each); using the transparent rule-based score.";
}

}  // namespace

std::string_view ModelKindName(ModelKind kind) {
    switch (kind) {
        case ModelKind::kDealWin:
            return "deal_win";
        case ModelKind::kPropensity:
            return "propensity";
        case ModelKind::kLeadConversion:
            return "lead_conversion";
    }
    return "deal_win";
}

std::optional<ModelKind> ModelKindFromName(std::string_view name) {
    if (name == "deal_win") return ModelKind::kDealWin;
    if (name == "propensity") return ModelKind::kPropensity;
    if (name == "lead_conversion") return ModelKind::kLeadConversion;
    return std::nullopt;
}

MlService::MlService(ports::MlRepository& repo, ports::GradientBoosting& boosting,
                     const domain::BusinessCalendar& calendar, const ports::Clock& clock)
    : repo_(repo), boosting_(boosting), calendar_(calendar), clock_(clock) {
    params_.rounds = 200;
    params_.max_depth = 4;
    params_.learning_rate = 0.05;
    params_.min_child_weight = 5;
    params_.threads = 2;
}

Result<MlService::Snapshot> MlService::Load() {
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (snapshot_.history && ttl_.count() > 0 && now - loaded_at_ < ttl_) return snapshot_;
    auto history = repo_.LoadHistory();
    if (!history.ok()) return history.status();
    Snapshot s;
    auto h = std::make_shared<ml::History>(std::move(*history));
    s.features = std::make_shared<ml::FeatureBuilder>(*h, calendar_);
    s.history = h;
    snapshot_ = s;
    loaded_at_ = now;
    fitted_.clear();  // temporary models were trained on the old rows
    return s;
}

Result<TrainingRows> MlService::BuildTrainingRows(ModelKind kind, Date as_of) {
    auto s = Load();
    if (!s.ok()) return s.status();
    return Rows(*s, kind, ml::DayNumber(as_of));
}

Result<TrainingRows> MlService::Rows(const Snapshot& s, ModelKind kind, int as_of) {
    struct Row {
        int order;
        long long record;
        float label;
        std::vector<float> x;
    };
    std::vector<Row> rows;
    const ml::History& h = *s.history;
    const ml::FeatureBuilder& fb = *s.features;
    if (kind == ModelKind::kDealWin) {
        for (const auto& d : h.deals) {
            if (d.stage < 7 || d.closed == kNoDay || d.closed >= as_of || d.created >= d.closed) continue;
            // A snapshot drawn deterministically in [created, closed): never on or after the close.
            const int t = d.created + static_cast<int>(UnitHash(d.id) * (d.closed - d.created));
            rows.push_back({d.closed, d.id, d.stage == 7 ? 1.0f : 0.0f, fb.DealAt(d, std::min(t, d.closed - 1))});
        }
    } else if (kind == ModelKind::kPropensity) {
        std::set<long long> products;
        int first_fy = std::numeric_limits<int>::max();
        std::set<std::pair<int, long long>> pairs_by_year;  // encoded below
        std::set<std::tuple<int, int, long long>> opened;   // (fy, government, product)
        for (const auto& d : h.deals) {
            products.insert(d.product_id);
            first_fy = std::min(first_fy, d.fiscal_year);
            if (d.created < as_of) opened.insert({d.fiscal_year, d.government, d.product_id});
        }
        for (int n = first_fy + 1; !products.empty(); ++n) {
            if (ml::DayNumber(domain::FiscalYear(n - 1).last_day()) >= as_of) break;
            const int t = ml::DayNumber(MakeDate(n - 1, 4, 1));
            const int order = ml::DayNumber(domain::FiscalYear(n - 1).last_day());
            for (std::size_t g = 0; g < h.governments.size(); ++g) {
                if (h.governments[g].kind == "ward") continue;
                for (long long p : products) {
                    const float label = opened.count({n, static_cast<int>(g), p}) ? 1.0f : 0.0f;
                    rows.push_back({order, static_cast<long long>(g) * 100000 + p, label,
                                    fb.PropensityAt(static_cast<int>(g), p, t)});
                }
            }
        }
    } else {
        for (const auto& l : h.leads) {
            if (l.created >= as_of) continue;
            if (l.status != "converted" && l.status != "disqualified") continue;
            rows.push_back({l.created, l.id, l.status == "converted" ? 1.0f : 0.0f, fb.LeadAt(l)});
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.order != b.order ? a.order < b.order : a.record < b.record;
    });
    TrainingRows out;
    out.data.features = FeaturesOf(kind);
    out.data.x = ml::FeatureMatrix(0, out.data.features.size());
    out.data.x.values.reserve(rows.size() * out.data.features.size());
    for (auto& r : rows) {
        out.data.x.values.insert(out.data.x.values.end(), r.x.begin(), r.x.end());
        out.data.labels.push_back(r.label);
        out.order_day.push_back(r.order);
        out.record.push_back(r.record);
    }
    out.data.x.rows = rows.size();
    return out;
}

Result<MlService::Fitted> MlService::Fit(const TrainingRows& rows, ModelMetrics* metrics,
                                         ports::ProgressSink* progress) {
    const std::size_t n = rows.data.labels.size();
    std::vector<std::size_t> fit_idx, test_idx;
    if (metrics) {
        ml::Split outer = ml::TimeSplit(n, 0.2);
        fit_idx = outer.train;
        test_idx = outer.test;
    } else {
        fit_idx.resize(n);
        std::iota(fit_idx.begin(), fit_idx.end(), std::size_t{0});
    }
    ml::Split inner = ml::TimeSplit(fit_idx.size(), 0.25);
    std::vector<std::size_t> train_idx, calib_idx;
    for (std::size_t i : inner.train) train_idx.push_back(fit_idx[i]);
    for (std::size_t i : inner.test) calib_idx.push_back(fit_idx[i]);
    const TrainingRows train = Subset(rows, train_idx);
    const TrainingRows calib = Subset(rows, calib_idx);
    auto booster = boosting_.Train(train.data.x, train.data.labels, {}, params_, progress);
    if (!booster.ok()) return booster.status();
    Fitted f;
    f.booster = std::move(*booster);
    auto raw = f.booster->Predict(calib.data.x);
    if (!raw.ok()) return raw.status();
    const ml::ClassCounts cc = ml::CountClasses(calib.data.labels);
    // Isotonic needs many held-out rows of both classes; Platt's two parameters do not.
    f.calibrator = calib.data.labels.size() >= 1000 && cc.positive >= 100 && cc.negative >= 100
                       ? ml::Calibrator::FitIsotonic(*raw, calib.data.labels)
                       : ml::Calibrator::FitPlatt(*raw, calib.data.labels);
    f.window_to = rows.order_day.empty() ? 0 : rows.order_day.back();
    if (metrics) {
        const TrainingRows test = Subset(rows, test_idx);
        auto p = Apply(f, test.data.x);
        if (!p.ok()) return p.status();
        auto auc = ml::Auc(*p, test.data.labels);
        metrics->auc = auc ? *auc : std::nan("");
        metrics->logloss = ml::LogLoss(*p, test.data.labels);
        metrics->brier = ml::Brier(*p, test.data.labels);
        metrics->ece = ml::ExpectedCalibrationError(*p, test.data.labels);
        metrics->n_train = train_idx.size();
        metrics->n_calibration = calib_idx.size();
        metrics->n_test = test_idx.size();
        const ml::ClassCounts all = ml::CountClasses(rows.data.labels);
        metrics->positives = all.positive;
        metrics->negatives = all.negative;
        metrics->calibration = std::string(f.calibrator.KindName());
    }
    return f;
}

Result<std::vector<double>> MlService::Apply(const Fitted& f, const ml::FeatureMatrix& x) {
    auto raw = f.booster->Predict(x);
    if (!raw.ok()) return raw.status();
    return f.calibrator.Apply(*raw);
}

Result<TrainOutcome> MlService::Train(ModelKind kind, Date as_of, ports::ProgressSink* progress,
                                      const std::string& actor) {
    TrainOutcome out;
    out.kind = kind;
    if (progress) progress->Report("features", 0, 0);
    auto s = Load();
    if (!s.ok()) return s.status();
    const int day = ml::DayNumber(as_of);
    auto rows = Rows(*s, kind, day);
    if (!rows.ok()) return rows.status();
    const ml::ClassCounts c = ml::CountClasses(rows->data.labels);
    out.metrics.positives = c.positive;
    out.metrics.negatives = c.negative;
    if (c.positive < ml::kMinPerClass || c.negative < ml::kMinPerClass) {
        out.message = MessageFor(kind, c, day);
        return out;
    }
    auto fitted = Fit(*rows, &out.metrics, progress);
    if (!fitted.ok()) return fitted.status();
    auto bytes = fitted->booster->Serialize();
    if (!bytes.ok()) return bytes.status();
    ports::MlModelRecord rec;
    rec.name = std::string(ModelKindName(kind));
    const auto now = clock_.Now();
    const auto days = std::chrono::floor<std::chrono::days>(now);
    const std::chrono::hh_mm_ss hms{now - days};
    char ts[40];
    std::snprintf(ts, sizeof ts, "%sT%02d:%02d:%02dZ", FormatIsoDate(Date{days}).c_str(),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    rec.trained_at = ts;
    rec.window_from = DayText(rows->order_day.front());
    rec.window_to = DayText(rows->order_day.back());
    const ModelMetrics& m = out.metrics;
    rec.metrics_json = "{\"auc\":" + Num(m.auc) + ",\"logloss\":" + Num(m.logloss) + ",\"brier\":" + Num(m.brier) +
                       ",\"ece\":" + Num(m.ece) + ",\"n_train\":" + std::to_string(m.n_train) +
                       ",\"n_calibration\":" + std::to_string(m.n_calibration) +
                       ",\"n_test\":" + std::to_string(m.n_test) + ",\"positives\":" + std::to_string(m.positives) +
                       ",\"negatives\":" + std::to_string(m.negatives) + ",\"calibration\":\"" + m.calibration +
                       "\",\"as_of\":\"" + FormatIsoDate(as_of) + "\"}";
    std::string features = "[";
    for (const auto& f : rows->data.features) {
        if (features.size() > 1) features += ",";
        features += "{\"key\":\"" + JsonEscape(f.key) + "\",\"label_ja\":\"" + JsonEscape(f.label_ja) + "\"}";
    }
    rec.features_json = features + "]";
    rec.calibrator = fitted->calibrator.Encode();
    rec.model_bytes = std::move(*bytes);
    auto saved = repo_.SaveModel(rec, true);
    if (!saved.ok()) return saved.status();
    out.trained = true;
    out.record = *saved;
    if (audit_) {
        KYOSO_RETURN_IF_ERROR(
            audit_->Append({actor, "ml_model.train", "ml_model", std::to_string(saved->id), "",
                            "{\"name\":\"" + rec.name + "\",\"version\":" + std::to_string(saved->version) +
                                ",\"metrics\":" + rec.metrics_json + "}"}));
    }
    {
        std::lock_guard lock(mu_);
        fitted_.clear();
    }
    return out;
}

Result<std::vector<ports::MlModelRecord>> MlService::Models() { return repo_.ListModels(); }

Result<bool> MlService::NeedsRetraining(ModelKind kind, int max_age_days) {
    auto active = repo_.ActiveModel(std::string(ModelKindName(kind)));
    if (!active.ok()) return active.status();
    if (!*active) return true;
    auto trained = ParseIsoDate(std::string_view((*active)->trained_at).substr(0, 10));
    if (!trained) return true;
    return DaysBetween(*trained, clock_.Today()) >= max_age_days;
}

Result<std::shared_ptr<MlService::Fitted>> MlService::ModelFor(ModelKind kind, int as_of) {
    auto s = Load();
    if (!s.ok()) return s.status();
    auto active = repo_.ActiveModel(std::string(ModelKindName(kind)));
    if (!active.ok()) return active.status();
    std::pair<int, int> key{static_cast<int>(kind), as_of};
    if (*active) {
        auto window_to = ParseIsoDate((*active)->window_to);
        if (window_to && ml::DayNumber(*window_to) <= as_of)
            key = {static_cast<int>(kind), -static_cast<int>((*active)->id)};
    }
    {
        std::lock_guard lock(mu_);
        auto it = fitted_.find(key);
        if (it != fitted_.end()) return it->second;
    }
    auto f = std::make_shared<Fitted>();
    if (key.second < 0) {
        auto booster = boosting_.Load((*active)->model_bytes);
        if (!booster.ok()) return booster.status();
        auto cal = ml::Calibrator::Decode((*active)->calibrator);
        if (!cal.ok()) return cal.status();
        f->booster = std::move(*booster);
        f->calibrator = *cal;
        f->version = std::to_string((*active)->version);
        f->window_to = ml::DayNumber(*ParseIsoDate((*active)->window_to));
    } else {
        // Point in time: a temporary model on outcomes known before as_of, or rules.
        auto rows = Rows(*s, kind, as_of);
        if (!rows.ok()) return rows.status();
        const ml::ClassCounts c = ml::CountClasses(rows->data.labels);
        if (c.positive < ml::kMinPerClass || c.negative < ml::kMinPerClass) {
            f->message = MessageFor(kind, c, as_of);
        } else {
            auto fitted = Fit(*rows, nullptr, nullptr);
            if (!fitted.ok()) return fitted.status();
            *f = std::move(*fitted);
            f->version = "as-of-" + DayText(as_of);
        }
    }
    std::lock_guard lock(mu_);
    if (fitted_.size() > 16) fitted_.clear();
    fitted_[key] = f;
    return f;
}

ml::TopFactors MlService::Explain(const Fitted&, const ml::FeatureMatrix& x, std::size_t row,
                                  const std::vector<float>& contributions,
                                  const std::vector<ml::FeatureInfo>& features) {
    const std::size_t width = x.cols + 1;
    std::vector<float> c(contributions.begin() + static_cast<long>(row * width),
                         contributions.begin() + static_cast<long>((row + 1) * width));
    return ml::PickTopFactors(c, features, ml::FeatureValuesText(features, RowOf(x, row)));
}

Result<std::vector<DealWinScore>> MlService::ScoreOpenDeals(Date as_of, bool with_factors) {
    auto s = Load();
    if (!s.ok()) return s.status();
    const int day = ml::DayNumber(as_of);
    auto fitted = ModelFor(ModelKind::kDealWin, day);
    if (!fitted.ok()) return fitted.status();
    const auto& features = ml::FeatureBuilder::DealWinFeatures();
    std::vector<DealWinScore> out;
    ml::FeatureMatrix x(0, features.size());
    for (const auto& d : s->history->deals) {
        if (d.created > day || (d.closed != kNoDay && d.closed <= day)) continue;
        DealWinScore score;
        score.deal_id = d.id;
        out.push_back(score);
        x.AppendRow(s->features->DealAt(d, day));
    }
    const Fitted& f = **fitted;
    if (!f.booster) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            auto r = ml::DealWinRules(RowOf(x, i));
            out[i].probability = r.probability;
            out[i].source = "rules";
            if (with_factors) out[i].factors = r.factors;
        }
        return out;
    }
    if (out.empty()) return out;
    auto p = Apply(f, x);
    if (!p.ok()) return p.status();
    std::vector<float> contributions;
    if (with_factors) {
        // Bulk: XGBoost's approximate contributions (docs/ml.md "Explanations").
        auto c = f.booster->Contributions(x, true);
        if (!c.ok()) return c.status();
        contributions = std::move(*c);
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].probability = (*p)[i];
        out[i].source = "model";
        out[i].model_version = f.version;
        if (with_factors) out[i].factors = Explain(f, x, i, contributions, features);
    }
    return out;
}

Result<DealWinScore> MlService::ScoreDeal(long long deal_id, Date as_of, bool with_factors) {
    auto s = Load();
    if (!s.ok()) return s.status();
    auto it = s->history->deal_index.find(deal_id);
    if (it == s->history->deal_index.end()) return NotFound("no deal with id " + std::to_string(deal_id));
    const ml::DealFacts& d = s->history->deals[it->second];
    const int day = ml::DayNumber(as_of);
    if (d.created > day) {
        return FailedPrecondition("deal " + std::to_string(deal_id) + " was created on " + DayText(d.created) +
                                  ", after as_of " + FormatIsoDate(as_of));
    }
    auto fitted = ModelFor(ModelKind::kDealWin, day);
    if (!fitted.ok()) return fitted.status();
    const Fitted& f = **fitted;
    DealWinScore out;
    out.deal_id = deal_id;
    out.source = f.booster ? "model" : "rules";
    out.model_version = f.version;
    if (d.closed != kNoDay && d.closed <= day) {  // the outcome is known
        out.probability = d.stage == 7 ? 1.0 : 0.0;
        return out;
    }
    const auto& features = ml::FeatureBuilder::DealWinFeatures();
    ml::FeatureMatrix x(0, features.size());
    x.AppendRow(s->features->DealAt(d, day));
    if (!f.booster) {
        auto r = ml::DealWinRules(RowOf(x, 0));
        out.probability = r.probability;
        if (with_factors) out.factors = r.factors;
        return out;
    }
    auto p = Apply(f, x);
    if (!p.ok()) return p.status();
    out.probability = (*p)[0];
    if (with_factors) {
        auto c = f.booster->Contributions(x, false);  // one record: exact SHAP values
        if (!c.ok()) return c.status();
        out.factors = Explain(f, x, 0, *c, features);
    }
    return out;
}

Result<std::vector<PropensityScore>> MlService::ScoreGovernment(const std::string& code, Date as_of,
                                                                bool with_factors) {
    auto s = Load();
    if (!s.ok()) return s.status();
    auto g = s->history->government_index.find(code);
    if (g == s->history->government_index.end()) return NotFound("no government with code " + code);
    const int day = ml::DayNumber(as_of);
    auto fitted = ModelFor(ModelKind::kPropensity, day);
    if (!fitted.ok()) return fitted.status();
    std::set<long long> products;
    for (const auto& d : s->history->deals) products.insert(d.product_id);
    const auto& features = ml::FeatureBuilder::PropensityFeatures();
    ml::FeatureMatrix x(0, features.size());
    std::vector<PropensityScore> out;
    const int fy = domain::FiscalYear::Containing(as_of).year() + 1;
    for (long long p : products) {
        PropensityScore score;
        score.government_code = code;
        score.product_id = p;
        score.fiscal_year = fy;
        out.push_back(score);
        x.AppendRow(s->features->PropensityAt(g->second, p, day));
    }
    const Fitted& f = **fitted;
    if (!f.booster) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            auto r = ml::PropensityRules(RowOf(x, i));
            out[i].probability = r.probability;
            out[i].source = "rules";
            if (with_factors) out[i].factors = r.factors;
        }
        return out;
    }
    if (out.empty()) return out;
    auto p = Apply(f, x);
    if (!p.ok()) return p.status();
    std::vector<float> c;
    if (with_factors) {
        auto cc = f.booster->Contributions(x, false);  // one government: exact
        if (!cc.ok()) return cc.status();
        c = std::move(*cc);
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].probability = (*p)[i];
        out[i].source = "model";
        out[i].model_version = f.version;
        if (with_factors) out[i].factors = Explain(f, x, i, c, features);
    }
    return out;
}

Result<std::vector<PropensityScore>> MlService::ScoreAllPropensity(Date as_of, bool with_factors) {
    auto s = Load();
    if (!s.ok()) return s.status();
    const int day = ml::DayNumber(as_of);
    auto fitted = ModelFor(ModelKind::kPropensity, day);
    if (!fitted.ok()) return fitted.status();
    std::set<long long> products;
    for (const auto& d : s->history->deals) products.insert(d.product_id);
    const auto& features = ml::FeatureBuilder::PropensityFeatures();
    ml::FeatureMatrix x(0, features.size());
    std::vector<PropensityScore> out;
    const int fy = domain::FiscalYear::Containing(as_of).year() + 1;
    for (std::size_t g = 0; g < s->history->governments.size(); ++g) {
        if (s->history->governments[g].kind == "ward") continue;
        for (long long p : products) {
            PropensityScore score;
            score.government_code = s->history->governments[g].code;
            score.product_id = p;
            score.fiscal_year = fy;
            out.push_back(score);
            x.AppendRow(s->features->PropensityAt(static_cast<int>(g), p, day));
        }
    }
    const Fitted& f = **fitted;
    if (!f.booster) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            auto r = ml::PropensityRules(RowOf(x, i));
            out[i].probability = r.probability;
            out[i].source = "rules";
            if (with_factors) out[i].factors = r.factors;
        }
        return out;
    }
    if (out.empty()) return out;
    auto p = Apply(f, x);
    if (!p.ok()) return p.status();
    std::vector<float> c;
    if (with_factors) {
        auto cc = f.booster->Contributions(x, true);  // bulk: approximate
        if (!cc.ok()) return cc.status();
        c = std::move(*cc);
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].probability = (*p)[i];
        out[i].source = "model";
        out[i].model_version = f.version;
        if (with_factors) out[i].factors = Explain(f, x, i, c, features);
    }
    return out;
}

Result<LeadScore> MlService::ScoreLead(long long lead_id, Date as_of, bool with_factors) {
    auto s = Load();
    if (!s.ok()) return s.status();
    const ml::LeadFacts* lead = nullptr;
    for (const auto& l : s->history->leads) {
        if (l.id == lead_id) lead = &l;
    }
    if (!lead) return NotFound("no lead with id " + std::to_string(lead_id));
    const int day = std::max(ml::DayNumber(as_of), lead->created);
    auto fitted = ModelFor(ModelKind::kLeadConversion, day);
    if (!fitted.ok()) return fitted.status();
    const Fitted& f = **fitted;
    const auto& features = ml::FeatureBuilder::LeadFeatures();
    ml::FeatureMatrix x(0, features.size());
    x.AppendRow(s->features->LeadAt(*lead));
    LeadScore out;
    out.lead_id = lead_id;
    out.source = f.booster ? "model" : "rules";
    out.model_version = f.version;
    if (!f.booster) {
        auto r = ml::LeadRules(RowOf(x, 0));
        out.probability = r.probability;
        if (with_factors) out.factors = r.factors;
        return out;
    }
    auto p = Apply(f, x);
    if (!p.ok()) return p.status();
    out.probability = (*p)[0];
    if (with_factors) {
        auto c = f.booster->Contributions(x, false);
        if (!c.ok()) return c.status();
        out.factors = Explain(f, x, 0, *c, features);
    }
    return out;
}

Result<std::string> MlService::FallbackMessage(ModelKind kind, Date as_of) {
    auto f = ModelFor(kind, ml::DayNumber(as_of));
    if (!f.ok()) return f.status();
    return (*f)->message;
}

Result<ModelBacktestReport> MlService::Backtest(ModelKind kind, Date as_of, std::optional<Date> cutoff,
                                                ports::ProgressSink* progress) {
    auto s = Load();
    if (!s.ok()) return s.status();
    auto rows = Rows(*s, kind, ml::DayNumber(as_of));
    if (!rows.ok()) return rows.status();
    const std::size_t n = rows->data.labels.size();
    if (n < 20) return FailedPrecondition("too few outcomes for a backtest: " + std::to_string(n) + " rows");
    const int cut = cutoff ? ml::DayNumber(*cutoff) : rows->order_day[n * 3 / 4];
    std::vector<std::size_t> train_idx, test_idx;
    for (std::size_t i = 0; i < n; ++i) (rows->order_day[i] < cut ? train_idx : test_idx).push_back(i);
    ModelBacktestReport r;
    r.kind = kind;
    r.cutoff = DayText(cut);
    const TrainingRows train = Subset(*rows, train_idx);
    const TrainingRows test = Subset(*rows, test_idx);
    r.n_train = train_idx.size();
    r.n_test = test_idx.size();
    const ml::ClassCounts c = ml::CountClasses(train.data.labels);
    r.train_positives = c.positive;
    r.train_negatives = c.negative;
    r.below_minimum = c.positive < ml::kMinPerClass || c.negative < ml::kMinPerClass;
    const ml::ClassCounts ct = ml::CountClasses(test.data.labels);
    if (c.positive < 10 || c.negative < 10 || ct.positive == 0 || ct.negative == 0) {
        return FailedPrecondition("too few outcomes on one side of the cutoff " + r.cutoff + " for a backtest");
    }
    // The rules and the stage-only baseline on the test rows.
    std::vector<double> rules, baseline;
    std::map<int, std::pair<double, double>> stage_rate;  // stage → (wins, n) on train
    const std::size_t stage_col = 0;
    for (std::size_t i = 0; i < train_idx.size(); ++i) {
        auto& sr = stage_rate[static_cast<int>(train.data.x.at(i, stage_col))];
        sr.first += train.data.labels[i];
        sr.second += 1;
    }
    const double base_rate = static_cast<double>(c.positive) / static_cast<double>(train_idx.size());
    for (std::size_t i = 0; i < test_idx.size(); ++i) {
        rules.push_back(RulesOf(kind, RowOf(test.data.x, i)).probability);
        if (kind == ModelKind::kDealWin) {
            auto it = stage_rate.find(static_cast<int>(test.data.x.at(i, stage_col)));
            baseline.push_back(it == stage_rate.end() ? base_rate
                                                      : (it->second.first + base_rate) / (it->second.second + 1));
        } else {
            baseline.push_back(base_rate);
        }
    }
    auto auc_or_nan = [](const std::vector<double>& p, const std::vector<float>& y) {
        auto a = ml::Auc(p, y);
        return a ? *a : std::nan("");
    };
    r.rules_auc = auc_or_nan(rules, test.data.labels);
    r.rules_ece = ml::ExpectedCalibrationError(rules, test.data.labels);
    r.rules_logloss = ml::LogLoss(rules, test.data.labels);
    r.baseline_auc = auc_or_nan(baseline, test.data.labels);
    r.baseline_ece = ml::ExpectedCalibrationError(baseline, test.data.labels);
    r.baseline_logloss = ml::LogLoss(baseline, test.data.labels);
    const auto t0 = std::chrono::steady_clock::now();
    auto fitted = Fit(train, nullptr, progress);
    if (!fitted.ok()) return fitted.status();
    r.train_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    auto p = Apply(*fitted, test.data.x);
    if (!p.ok()) return p.status();
    r.model.auc = auc_or_nan(*p, test.data.labels);
    r.model.logloss = ml::LogLoss(*p, test.data.labels);
    r.model.brier = ml::Brier(*p, test.data.labels);
    r.model.ece = ml::ExpectedCalibrationError(*p, test.data.labels);
    r.model.n_train = train_idx.size();
    r.model.n_test = test_idx.size();
    r.model.positives = c.positive;
    r.model.negatives = c.negative;
    r.model.calibration = std::string(fitted->calibrator.KindName());
    const auto t1 = std::chrono::steady_clock::now();
    auto exact = fitted->booster->Contributions(test.data.x, false);
    if (!exact.ok()) return exact.status();
    const auto t2 = std::chrono::steady_clock::now();
    auto approx = fitted->booster->Contributions(test.data.x, true);
    if (!approx.ok()) return approx.status();
    const auto t3 = std::chrono::steady_clock::now();
    r.exact_contrib_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
    r.approx_contrib_ms = std::chrono::duration<double, std::milli>(t3 - t2).count();
    if (kind == ModelKind::kDealWin) {
        // Planted effects (docs/demo-data.md): with = cue present, without = absent.
        struct Cue {
            const char* effect;
            const char* key;
            int sign;
            double with_at_least;
            double without_below;
        };
        static const Cue kCues[] = {
            {"reference_quote_before_deadline", "quote_before_deadline", 1, 0.5, 0.5},
            {"peer_adoption", "peer_adoption", 1, 0.5, 0.5},
            {"field_visits_before_deadline", "visits_before_deadline", 1, 3, 2},
            {"champion_rotation_cools_deal", "champion_rotated", -1, 0.5, 0.5},
            {"inbound_inquiry", "inbound_inquiry", 1, 0.5, 0.5},
            {"fiscal_strength", "fiscal_strength_index", 1, 0.8, 0.4},
        };
        const auto& features = rows->data.features;
        const std::size_t width = features.size() + 1;
        for (const Cue& cue : kCues) {
            std::size_t col = 0;
            while (col < features.size() && features[col].key != cue.key) ++col;
            EffectRecovery e;
            e.effect = cue.effect;
            e.feature = cue.key;
            e.label_ja = features[col].label_ja;
            e.expected_sign = cue.sign;
            double sw = 0, so = 0;
            std::size_t nw = 0, no = 0;
            for (std::size_t i = 0; i < test_idx.size(); ++i) {
                const float v = test.data.x.at(i, col);
                if (ml::IsMissing(v)) continue;
                const double contribution = (*exact)[i * width + col];
                if (v >= cue.with_at_least) {
                    sw += contribution;
                    ++nw;
                } else if (v < cue.without_below) {
                    so += contribution;
                    ++no;
                }
            }
            e.n_with = nw;
            e.mean_contribution_with = nw ? sw / static_cast<double>(nw) : 0;
            e.mean_contribution_without = no ? so / static_cast<double>(no) : 0;
            e.difference = e.mean_contribution_with - e.mean_contribution_without;
            e.recovered = nw > 0 && no > 0 && e.difference * cue.sign >= 0.05;
            r.effects.push_back(e);
        }
    }
    return r;
}

Result<std::string> MlService::ExportCsv(ModelKind kind, Date as_of) {
    auto rows = BuildTrainingRows(kind, as_of);
    if (!rows.ok()) return rows.status();
    std::string out;
    for (const auto& f : rows->data.features) out += f.key + ",";
    out += "label\n";
    const auto& x = rows->data.x;
    char buf[32];
    for (std::size_t r = 0; r < x.rows; ++r) {
        for (std::size_t c = 0; c < x.cols; ++c) {
            const float v = x.at(r, c);
            if (!ml::IsMissing(v)) {
                std::snprintf(buf, sizeof buf, "%.7g", static_cast<double>(v));
                out += buf;
            }
            out += ',';
        }
        out += rows->data.labels[r] >= 0.5f ? "1\n" : "0\n";
    }
    return out;
}

}  // namespace kyoso::app
