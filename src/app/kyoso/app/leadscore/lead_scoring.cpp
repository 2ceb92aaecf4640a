#include "kyoso/app/leadscore/lead_scoring.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <unordered_map>

#include "kyoso/domain/ml/metrics.hpp"

namespace kyoso::app {

namespace ml = domain::ml;

namespace {

constexpr std::string_view kMagic = "kyoso-leadscore\t1\n";

std::string Fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string ColumnList(const std::vector<std::string>& header) {
    std::string out;
    for (const auto& h : header) out += (out.empty() ? "" : ", ") + h;
    return out;
}

std::optional<std::size_t> FindColumn(const std::vector<std::string>& header, const std::string& name) {
    const std::string want = ml::Trim(name);
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == want) return i;
    }
    return std::nullopt;
}

ml::TextTable Subset(const ml::TextTable& t, const std::vector<std::size_t>& rows) {
    ml::TextTable out;
    out.header = t.header;
    out.rows.reserve(rows.size());
    for (std::size_t r : rows) out.rows.push_back(t.rows[r]);
    return out;
}

// Appends notes for unseen levels / unparseable cells of an encoded table.
void CountProblems(const ml::EncodedTable& e, std::string_view where, std::vector<std::string>* warnings) {
    for (const auto& [col, n] : e.unparseable)
        warnings->push_back(std::string(where) + ": column '" + col + "': " + std::to_string(n) +
                            " cell(s) not of the column's type, treated as missing");
}

// Per-row contributions summed per source column (the bias dropped).
std::vector<float> PerColumn(const std::vector<float>& contrib, std::size_t row, std::size_t features,
                             const std::vector<std::size_t>& source, std::size_t columns) {
    std::vector<float> out(columns, 0.0f);
    const float* r = contrib.data() + row * (features + 1);
    for (std::size_t f = 0; f < features; ++f) out[source[f]] += r[f];
    return out;
}

// Unseen levels per column: values that are not a level of the model (they go to "other").
std::map<std::string, long long> OtherCounts(const ml::TabularEncoding& enc, const ml::EncodedTable& e,
                                             const ml::TextTable& t) {
    std::map<std::string, long long> out;
    for (std::size_t ci = 0; ci < enc.columns.size(); ++ci) {
        const auto& c = enc.columns[ci];
        if (c.kind != ml::ColumnKind::kCategory) continue;
        const std::size_t src = e.column_index[ci];
        for (const auto& row : t.rows) {
            const std::string v = ml::Trim(row[src]);
            if (!v.empty() && !std::binary_search(c.levels.begin(), c.levels.end(), v)) ++out[c.name];
        }
    }
    return out;
}

struct ModelFile {
    std::string target;
    std::string positive;
    ml::Calibrator calibrator;
    std::string metrics;
    ml::TabularEncoding encoding;
    std::string booster;
};

std::string WriteModelFile(const ModelFile& m) {
    std::string out(kMagic);
    out += "target\t" + ml::EscapeField(m.target) + "\n";
    out += "positive\t" + ml::EscapeField(m.positive) + "\n";
    out += "calibrator\t" + m.calibrator.Encode() + "\n";
    out += "metrics\t" + ml::EscapeField(m.metrics) + "\n";
    const std::string enc = m.encoding.Encode();
    out += "encoding\t" + std::to_string(std::count(enc.begin(), enc.end(), '\n')) + "\n" + enc;
    out += "xgboost\t" + std::to_string(m.booster.size()) + "\n";
    out += m.booster;
    return out;
}

Result<ModelFile> ReadModelFile(std::string_view bytes) {
    const auto corrupt = [](const std::string& why) {
        return InvalidArgument(
            "not a Kyoso lead model file (" + why + "); write one with `kyoso leads evaluate --save-model`",
            {{"model", why}});
    };
    if (bytes.substr(0, kMagic.size()) != kMagic) return corrupt("no 'kyoso-leadscore 1' header");
    bytes.remove_prefix(kMagic.size());
    auto line = [&](std::string_view key) -> std::optional<std::string_view> {
        const std::size_t nl = bytes.find('\n');
        if (nl == std::string_view::npos) return std::nullopt;
        std::string_view l = bytes.substr(0, nl);
        if (l.substr(0, key.size() + 1) != std::string(key) + "\t") return std::nullopt;
        bytes.remove_prefix(nl + 1);
        return l.substr(key.size() + 1);
    };
    ModelFile m;
    auto target = line("target");
    auto t = target ? ml::UnescapeField(*target) : std::nullopt;
    if (!t) return corrupt("bad target line");
    m.target = *t;
    auto positive = line("positive");
    auto p = positive ? ml::UnescapeField(*positive) : std::nullopt;
    if (!p) return corrupt("bad positive line");
    m.positive = *p;
    auto cal = line("calibrator");
    if (!cal) return corrupt("bad calibrator line");
    auto calibrator = ml::Calibrator::Decode(*cal);
    if (!calibrator.ok()) return corrupt("bad calibrator: " + calibrator.status().message());
    m.calibrator = *calibrator;
    auto metrics = line("metrics");
    auto mt = metrics ? ml::UnescapeField(*metrics) : std::nullopt;
    if (!mt) return corrupt("bad metrics line");
    m.metrics = *mt;
    auto enc_count = line("encoding");
    if (!enc_count) return corrupt("bad encoding line");
    char* end = nullptr;
    const std::string count_text(*enc_count);
    const long n_lines = std::strtol(count_text.c_str(), &end, 10);
    if (count_text.empty() || *end != '\0' || n_lines <= 0 || n_lines > 100000) return corrupt("bad encoding count");
    std::size_t pos = 0;
    for (long i = 0; i < n_lines; ++i) {
        const std::size_t nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos) return corrupt("truncated encoding");
        pos = nl + 1;
    }
    auto encoding = ml::TabularEncoding::Decode(bytes.substr(0, pos));
    if (!encoding.ok()) return corrupt(encoding.status().message());
    m.encoding = std::move(*encoding);
    bytes.remove_prefix(pos);
    auto size_line = line("xgboost");
    if (!size_line) return corrupt("bad xgboost line");
    const std::string size_text(*size_line);
    const long long size = std::strtoll(size_text.c_str(), &end, 10);
    if (size_text.empty() || *end != '\0' || size <= 0 || static_cast<std::size_t>(size) != bytes.size())
        return corrupt("the model bytes are truncated or have trailing data");
    m.booster.assign(bytes);
    return m;
}

}  // namespace

std::string LeadSplit::Describe() const {
    std::string f = Fixed(test_fraction, 3);
    while (f.size() > 1 && f.back() == '0') f.pop_back();
    if (f.back() == '.') f.pop_back();
    return random ? "random:" + f + ":" + std::to_string(seed) : "time:" + f;
}

Result<LeadSplit> ParseLeadSplit(std::string_view text) {
    const auto bad = [&] {
        return InvalidArgument(
            "--split must be time:FRACTION or random:FRACTION:SEED (e.g. time:0.2, random:0.2:42), got '" +
                std::string(text) + "'",
            {{"split", "malformed"}});
    };
    LeadSplit s;
    std::string_view rest;
    if (text.substr(0, 5) == "time:") {
        rest = text.substr(5);
    } else if (text.substr(0, 7) == "random:") {
        s.random = true;
        rest = text.substr(7);
    } else {
        return bad();
    }
    std::string fraction(rest);
    std::string seed;
    if (s.random) {
        const std::size_t colon = rest.find(':');
        if (colon == std::string_view::npos) return bad();
        fraction = std::string(rest.substr(0, colon));
        seed = std::string(rest.substr(colon + 1));
        if (seed.empty() || seed.find_first_not_of("0123456789") != std::string::npos || seed.size() > 19) return bad();
        s.seed = std::strtoull(seed.c_str(), nullptr, 10);
    }
    char* end = nullptr;
    s.test_fraction = std::strtod(fraction.c_str(), &end);
    if (fraction.empty() || *end != '\0' || !(s.test_fraction > 0.0 && s.test_fraction <= 0.9)) return bad();
    return s;
}

Result<ml::TextTable> ReadLeadTable(std::string_view bytes, const std::string& name,
                                    const ports::CsvRecordReader& reader, ports::TextEncoding encoding,
                                    std::string* encoding_used) {
    ml::TextTable table;
    Status st = reader.Read(
        bytes, encoding, name,
        [&](long long number, std::span<const std::string> cells) -> Status {
            if (number == 1) {
                for (std::size_t i = 0; i < cells.size(); ++i) {
                    std::string h = ml::Trim(cells[i]);
                    if (h.empty()) h = "\xE5\x88\x97" + std::to_string(i + 1);  // 列N
                    for (std::size_t j = 0; j < table.header.size(); ++j) {
                        if (table.header[j] == h)
                            return InvalidArgument(name + ": the header names column '" + h + "' twice (columns " +
                                                       std::to_string(j + 1) + " and " + std::to_string(i + 1) + ")",
                                                   {{"line 1", "duplicate column " + h}});
                    }
                    table.header.push_back(std::move(h));
                }
                return Status::Ok();
            }
            // A line with one empty field is a blank line: skipped.
            if (cells.size() == 1 && cells[0].empty() && table.header.size() > 1) return Status::Ok();
            if (cells.size() != table.header.size()) {
                const std::string where = "line " + std::to_string(number);
                return InvalidArgument(name + ": " + where + " has " + std::to_string(cells.size()) +
                                           " fields but the header has " + std::to_string(table.header.size()),
                                       {{where, "wrong number of fields"}});
            }
            table.rows.emplace_back(cells.begin(), cells.end());
            return Status::Ok();
        },
        encoding_used);
    if (!st.ok()) return st;
    return table;
}

Result<LeadEvaluation> LeadScoring::Evaluate(std::string_view csv, const std::string& name,
                                             const LeadEvaluateOptions& options, ports::ProgressSink* progress,
                                             std::string* model_file) const {
    LeadEvaluation ev;
    auto table = ReadLeadTable(csv, name, reader_, options.encoding, &ev.encoding);
    if (!table.ok()) return table.status();
    ev.rows = table->rows.size();
    if (options.target.empty()) return InvalidArgument("--target is required", {{"target", "required"}});
    const auto target = FindColumn(table->header, options.target);
    if (!target)
        return InvalidArgument(
            "no column '" + options.target + "' in " + name + "; the columns are " + ColumnList(table->header),
            {{"target", "unknown column"}});
    ev.target = table->header[*target];
    std::vector<bool> excluded(table->header.size(), false);
    excluded[*target] = true;
    for (const auto& x : options.exclude) {
        if (ml::Trim(x).empty()) continue;
        const auto i = FindColumn(table->header, x);
        if (!i)
            return InvalidArgument(
                "--exclude names no column '" + x + "'; the columns are " + ColumnList(table->header),
                {{"exclude", "unknown column " + x}});
        excluded[*i] = true;
    }

    // The target: rows without a value are left out.
    std::vector<std::string> target_values;
    std::vector<std::size_t> kept;
    for (std::size_t r = 0; r < table->rows.size(); ++r) {
        if (ml::Trim(table->rows[r][*target]).empty()) continue;
        kept.push_back(r);
        target_values.push_back(table->rows[r][*target]);
    }
    ev.rows_without_target = table->rows.size() - kept.size();
    if (ev.rows_without_target > 0)
        ev.warnings.push_back(std::to_string(ev.rows_without_target) + " row(s) without a value in '" + ev.target +
                              "' were left out");
    if (kept.size() < kLeadMinRows)
        return InvalidArgument("too little data: " + std::to_string(kept.size()) + " row(s) with a value in '" +
                                   ev.target + "'; at least " + std::to_string(kLeadMinRows) + " are needed",
                               {{"rows", "too few"}});
    auto rule = ml::InferTargetRule(target_values, options.positive);
    if (!rule.ok()) return rule.status();
    ev.positive = rule->positive;
    const ml::TextTable data = Subset(*table, kept);
    std::vector<float> labels;
    labels.reserve(data.rows.size());
    for (const auto& row : data.rows) labels.push_back(ml::Trim(row[*target]) == ev.positive ? 1.0f : 0.0f);

    // Split, then check each part has enough of each class.
    const ml::Split split = options.split.random
                                ? ml::RandomSplit(data.rows.size(), options.split.test_fraction, options.split.seed)
                                : ml::TimeSplit(data.rows.size(), options.split.test_fraction);
    ev.split = options.split.Describe();
    auto pick = [&](const std::vector<std::size_t>& idx) {
        std::vector<float> out;
        out.reserve(idx.size());
        for (std::size_t i : idx) out.push_back(labels[i]);
        return out;
    };
    std::vector<float> y_train = pick(split.train);
    const std::vector<float> y_test = pick(split.test);
    const ml::ClassCounts c_train = ml::CountClasses(y_train);
    const ml::ClassCounts c_test = ml::CountClasses(y_test);
    if (c_train.positive < kLeadMinTrainClass || c_train.negative < kLeadMinTrainClass ||
        c_test.positive < kLeadMinTestClass || c_test.negative < kLeadMinTestClass) {
        return InvalidArgument(
            "too little data: the training part has " + std::to_string(c_train.positive) + " positive and " +
                std::to_string(c_train.negative) + " negative rows, the test part " + std::to_string(c_test.positive) +
                " and " + std::to_string(c_test.negative) + "; at least " + std::to_string(kLeadMinTrainClass) +
                " of each class are needed for training and " + std::to_string(kLeadMinTestClass) +
                " for testing (positive = '" + ev.positive + "')",
            {{"rows", "too few of a class"}});
    }

    // Encoding fitted on the training part only (no level known from the test part).
    const ml::TextTable train_t = Subset(data, split.train);
    const ml::TextTable test_t = Subset(data, split.test);
    std::vector<std::size_t> use;
    for (std::size_t i = 0; i < data.header.size(); ++i) {
        if (!excluded[i]) use.push_back(i);
    }
    auto encoding = ml::FitEncoding(train_t, use, options.max_levels, &ev.notes);
    if (!encoding.ok()) return encoding.status();
    auto train_x = ml::ApplyEncoding(*encoding, train_t);
    if (!train_x.ok()) return train_x.status();
    auto test_x = ml::ApplyEncoding(*encoding, test_t);
    if (!test_x.ok()) return test_x.status();
    ev.missing_cells = train_x->missing_cells + test_x->missing_cells;
    CountProblems(*test_x, "test part", &ev.warnings);
    for (const auto& [col, n] : OtherCounts(*encoding, *test_x, test_t))
        ev.notes.push_back("column '" + col + "': " + std::to_string(n) +
                           " test row(s) have a value not among the training part's levels (counted as other)");
    if (ev.missing_cells > 0)
        ev.notes.push_back(std::to_string(ev.missing_cells) +
                           " empty cell(s) in the feature columns, treated as missing");

    // Calibration slice: the training part's last 20% (in file order), when it holds
    // enough of each class; else the raw probabilities are reported (identity).
    std::size_t n_cal = split.train.size() / 5;
    std::vector<std::size_t> fit_rows;
    std::vector<std::size_t> cal_rows;
    for (std::size_t i = 0; i < split.train.size(); ++i)
        (i + n_cal < split.train.size() ? fit_rows : cal_rows).push_back(i);
    std::vector<float> y_cal;
    for (std::size_t i : cal_rows) y_cal.push_back(y_train[i]);
    const ml::ClassCounts c_cal = ml::CountClasses(y_cal);
    std::vector<float> y_fit;
    for (std::size_t i : fit_rows) y_fit.push_back(y_train[i]);
    const ml::ClassCounts c_fit = ml::CountClasses(y_fit);
    if (c_cal.positive < 5 || c_cal.negative < 5 || c_fit.positive < 5 || c_fit.negative < 5) {
        fit_rows.clear();
        for (std::size_t i = 0; i < split.train.size(); ++i) fit_rows.push_back(i);
        cal_rows.clear();
        n_cal = 0;
        ev.warnings.push_back(
            "not calibrated: the training part is too small to keep a calibration slice with 5 of "
            "each class; the scores are the model's raw probabilities");
    }
    ev.n_calibration = n_cal;

    const auto started = std::chrono::steady_clock::now();
    const ml::FeatureMatrix x_fit = cal_rows.empty() ? train_x->x : train_x->x.Select(fit_rows);
    auto model = boosting_.Train(x_fit, cal_rows.empty() ? y_train : y_fit, {}, options.params, progress);
    if (!model.ok()) return model.status();
    ev.train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ml::Calibrator calibrator;
    if (!cal_rows.empty()) {
        auto p_cal = (*model)->Predict(train_x->x.Select(cal_rows));
        if (!p_cal.ok()) return p_cal.status();
        calibrator = ml::Calibrator::FitPlatt(*p_cal, y_cal);
    }
    ev.calibration = std::string(calibrator.KindName());

    auto raw = (*model)->Predict(test_x->x);
    if (!raw.ok()) return raw.status();
    const std::vector<double> p = calibrator.Apply(*raw);
    ev.auc = ml::Auc(p, y_test).value_or(0.5);
    ev.logloss = ml::LogLoss(p, y_test);
    ev.brier = ml::Brier(p, y_test);
    ev.ece = ml::ExpectedCalibrationError(p, y_test);
    ev.n_train = split.train.size();
    ev.n_test = split.test.size();
    ev.positives_train = c_train.positive;
    ev.positives_test = c_test.positive;
    ev.base_rate = static_cast<double>(c_train.positive) / static_cast<double>(split.train.size());
    const std::vector<double> constant(y_test.size(), ev.base_rate);
    ev.baseline_logloss = ml::LogLoss(constant, y_test);
    ev.baseline_brier = ml::Brier(constant, y_test);
    if (ev.auc < 0.55)
        ev.warnings.push_back("AUC " + Fixed(ev.auc, 3) +
                              " is close to guessing (0.5): these columns do not predict the target on this data");
    if (ev.auc > 0.99)
        ev.warnings.push_back("AUC " + Fixed(ev.auc, 3) +
                              " is suspiciously high: a column may leak the outcome (e.g. a close date or stage); "
                              "exclude it with --exclude");

    // Importance: mean |contribution| per source column on the test part (approximate).
    const auto source = encoding->SourceOfFeatures();
    const std::size_t nf = source.size();
    std::vector<double> importance(encoding->columns.size(), 0.0);
    auto contrib = (*model)->Contributions(test_x->x, true);
    if (!contrib.ok()) return contrib.status();
    for (std::size_t r = 0; r < test_x->x.rows; ++r) {
        const auto per = PerColumn(*contrib, r, nf, source, encoding->columns.size());
        for (std::size_t c = 0; c < per.size(); ++c) importance[c] += std::fabs(per[c]);
    }
    for (std::size_t c = 0; c < encoding->columns.size(); ++c) {
        const auto& col = encoding->columns[c];
        ev.features.push_back({col.name, std::string(ml::ColumnKindName(col.kind)),
                               col.kind == ml::ColumnKind::kCategory ? col.levels.size() + 1 : 0,
                               test_x->x.rows ? importance[c] / static_cast<double>(test_x->x.rows) : 0.0});
    }
    std::stable_sort(ev.features.begin(), ev.features.end(),
                     [](const auto& a, const auto& b) { return a.importance > b.importance; });

    if (model_file) {
        auto bytes = (*model)->Serialize();
        if (!bytes.ok()) return bytes.status();
        ModelFile m{ev.target,
                    ev.positive,
                    calibrator,
                    "auc=" + Fixed(ev.auc, 4) + " logloss=" + Fixed(ev.logloss, 4) + " brier=" + Fixed(ev.brier, 4) +
                        " n_train=" + std::to_string(ev.n_train) + " n_test=" + std::to_string(ev.n_test) +
                        " split=" + ev.split,
                    *encoding,
                    std::move(*bytes)};
        *model_file = WriteModelFile(m);
    }
    return ev;
}

Result<LeadScoreResult> LeadScoring::Score(std::string_view model_file, std::string_view csv, const std::string& name,
                                           ports::TextEncoding encoding, LeadFactorMode factors) const {
    auto m = ReadModelFile(model_file);
    if (!m.ok()) return m.status();
    auto model = boosting_.Load(m->booster);
    if (!model.ok())
        return InvalidArgument("the model file's XGBoost part is corrupt: " + model.status().message(),
                               {{"model", "corrupt"}});
    const auto features = m->encoding.Features();
    if ((*model)->FeatureCount() != features.size())
        return InvalidArgument("the model file is inconsistent: the encoding has " + std::to_string(features.size()) +
                                   " features, the model " + std::to_string((*model)->FeatureCount()),
                               {{"model", "corrupt"}});
    LeadScoreResult out;
    out.target = m->target;
    std::string used;
    auto table = ReadLeadTable(csv, name, reader_, encoding, &used);
    if (!table.ok()) return table.status();
    auto x = ml::ApplyEncoding(m->encoding, *table);
    if (!x.ok()) return x.status();
    std::vector<std::string> ignored;
    for (const auto& h : table->header) {
        bool in_model = false;
        for (const auto& c : m->encoding.columns) in_model = in_model || c.name == h;
        if (!in_model && h != m->target) ignored.push_back(h);
    }
    if (!ignored.empty()) out.notes.push_back("column(s) not used by the model, ignored: " + ColumnList(ignored));
    CountProblems(*x, "input", &out.warnings);
    for (const auto& [col, n] : OtherCounts(m->encoding, *x, *table))
        out.warnings.push_back("column '" + col + "': " + std::to_string(n) +
                               " row(s) have a value the model did not learn (scored as other)");
    if (x->missing_cells > 0)
        out.notes.push_back(std::to_string(x->missing_cells) + " empty cell(s), treated as missing");
    auto raw = (*model)->Predict(x->x);
    if (!raw.ok()) return raw.status();
    out.scores = m->calibrator.Apply(*raw);
    if (factors != LeadFactorMode::kNone && x->x.rows > 0) {
        auto contrib = (*model)->Contributions(x->x, factors == LeadFactorMode::kApproximate);
        if (!contrib.ok()) return contrib.status();
        const auto source = m->encoding.SourceOfFeatures();
        std::vector<ml::FeatureInfo> cols;
        for (const auto& c : m->encoding.columns) cols.push_back({c.name, c.name});
        out.factors.reserve(x->x.rows);
        for (std::size_t r = 0; r < x->x.rows; ++r) {
            const auto per = PerColumn(*contrib, r, features.size(), source, cols.size());
            std::vector<std::string> values;
            for (std::size_t ci = 0; ci < cols.size(); ++ci) {
                std::string v = ml::Trim(table->rows[r][x->column_index[ci]]);
                values.push_back(v.empty() ? "\xEF\xBC\x88\xE7\xA9\xBA\xE6\xAC\x84\xEF\xBC\x89" : v);  // （空欄）
            }
            out.factors.push_back(ml::PickTopFactors(per, cols, values, 3, 0.01));
        }
    }
    out.table = std::move(*table);
    return out;
}

std::string WriteScoredCsv(const LeadScoreResult& result) {
    const auto quote = [](const std::string& s) {
        if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char c : s) {
            if (c == '"') q.push_back('"');
            q.push_back(c);
        }
        return q + "\"";
    };
    const auto join = [&](const std::vector<ml::Factor>& fs) {
        std::string out;
        for (const auto& f : fs) {
            out += (out.empty() ? "" : "; ") + f.label_ja + "=" + f.value + " (" + (f.contribution >= 0 ? "+" : "") +
                   Fixed(f.contribution, 2) + ")";
        }
        return out;
    };
    std::string out;
    for (const auto& h : result.table.header) out += quote(h) + ",";
    out += "score,\xE4\xB8\x8A\xE6\x98\x87\xE8\xA6\x81\xE5\x9B\xA0,\xE4\xBD\x8E\xE4\xB8\x8B\xE8\xA6\x81\xE5\x9B\xA0\n";
    for (std::size_t r = 0; r < result.table.rows.size(); ++r) {
        for (const auto& cell : result.table.rows[r]) out += quote(cell) + ",";
        out += Fixed(result.scores[r], 4) + ",";
        if (r < result.factors.size()) {
            out += quote(join(result.factors[r].positive)) + "," + quote(join(result.factors[r].negative));
        } else {
            out += ",";
        }
        out += "\n";
    }
    return out;
}

}  // namespace kyoso::app
