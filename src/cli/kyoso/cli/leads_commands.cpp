#include "kyoso/cli/leads_commands.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "kyoso/api/leadscore_json.hpp"
#include "kyoso/app/leadscore/lead_scoring.hpp"
#include "kyoso/cli/runtime.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/xgboost/xgboost_booster.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

constexpr std::size_t kMaxInputBytes = 256u << 20;

// Forwards progress in tenths (a lead table trains in seconds: a line per 10%).
class TenthsProgress final : public ports::ProgressSink {
public:
    explicit TenthsProgress(ports::ProgressSink& out) : out_(out) {}
    void Report(std::string_view phase, long long done, long long total) override {
        const long long tenth = total > 0 ? done * 10 / total : done;
        if (tenth == last_) return;
        last_ = tenth;
        out_.Report(phase, done, total);
    }

private:
    ports::ProgressSink& out_;
    long long last_ = -1;
};

struct Options {
    std::string input, target, positive, exclude, sep = ",", split = "time:0.2", save_model, encoding = "auto";
    std::string model, out, factors = "exact";
    bool has_positive = false;
    int trees = 150, depth = 3, threads = 2, max_levels = 20;
    double learning_rate = 0.05, min_child_weight = 5;
};

Result<std::string> ReadAll(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound("cannot read " + what + " " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    if (bytes.size() > kMaxInputBytes) return InvalidArgument(path + " is larger than 256 MB", {{what, path}});
    return bytes;
}

Result<char> Separator(const std::string& s) {
    if (s == "\\t" || s == "tab" || s == "\t") return '\t';
    if (s.size() == 1 && s[0] != '"' && s[0] != '\n' && s[0] != '\r') return s[0];
    return InvalidArgument("--sep must be one character (e.g. ',', ';', tab), got '" + s + "'", {{"sep", s}});
}

Result<ports::TextEncoding> Encoding(const std::string& s) {
    if (s == "auto") return ports::TextEncoding::kAuto;
    if (s == "utf-8" || s == "utf8") return ports::TextEncoding::kUtf8;
    if (s == "shift_jis" || s == "sjis") return ports::TextEncoding::kShiftJis;
    return InvalidArgument("--encoding must be auto, utf-8 or shift_jis, got '" + s + "'", {{"encoding", s}});
}

std::vector<std::string> SplitCommas(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ',') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

void Evaluate(const Options& o, bool quiet) {
    auto bytes = ReadAll(o.input, "input");
    if (!bytes.ok()) Exit(Fail(bytes.status()));
    auto sep = Separator(o.sep);
    if (!sep.ok()) Exit(Fail(sep.status()));
    auto enc = Encoding(o.encoding);
    if (!enc.ok()) Exit(Fail(enc.status()));
    auto split = app::ParseLeadSplit(o.split);
    if (!split.ok()) Exit(Fail(split.status()));
    app::LeadEvaluateOptions opts;
    opts.target = o.target;
    if (o.has_positive) opts.positive = o.positive;
    opts.exclude = SplitCommas(o.exclude);
    opts.split = *split;
    opts.encoding = *enc;
    opts.max_levels = o.max_levels;
    opts.params.rounds = o.trees;
    opts.params.max_depth = o.depth;
    opts.params.threads = o.threads;
    opts.params.learning_rate = o.learning_rate;
    opts.params.min_child_weight = o.min_child_weight;
    if (o.trees < 1 || o.trees > 5000 || o.depth < 1 || o.depth > 16 || o.threads < 0 || o.max_levels < 1 ||
        !(o.learning_rate > 0 && o.learning_rate <= 1) || !(o.min_child_weight >= 0))
        Exit(
            Fail(InvalidArgument("--trees 1-5000, --depth 1-16, --threads ≥ 0, --max-levels ≥ 1, "
                                 "--learning-rate in (0, 1]")));
    text::CsvStreamReader reader(*sep);
    xgboost::XgboostBoosting boosting;
    app::LeadScoring scoring(boosting, reader);
    StderrProgress stderr_progress(!quiet);
    TenthsProgress progress(stderr_progress);
    std::string model_file;
    const auto started = std::chrono::steady_clock::now();
    auto ev = scoring.Evaluate(*bytes, o.input, opts, &progress, o.save_model.empty() ? nullptr : &model_file);
    if (!ev.ok()) Exit(Fail(ev.status()));
    if (!o.save_model.empty()) {
        std::ofstream out(o.save_model, std::ios::binary | std::ios::trunc);
        out.write(model_file.data(), static_cast<std::streamsize>(model_file.size()));
        if (!out) Exit(Fail(Unavailable("cannot write " + o.save_model)));
    }
    std::printf("%s\n", api::LeadEvaluationJson(*ev).dump(2).c_str());
    if (!quiet) {
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::fprintf(stderr, "leads evaluate: %zu rows, training %.2f s, total %.2f s%s\n", ev->rows, ev->train_seconds,
                     secs, o.save_model.empty() ? "" : (", model saved to " + o.save_model).c_str());
    }
    Exit(0);
}

void Score(const Options& o, bool quiet) {
    auto model = ReadAll(o.model, "model");
    if (!model.ok()) Exit(Fail(model.status()));
    auto bytes = ReadAll(o.input, "input");
    if (!bytes.ok()) Exit(Fail(bytes.status()));
    auto sep = Separator(o.sep);
    if (!sep.ok()) Exit(Fail(sep.status()));
    auto enc = Encoding(o.encoding);
    if (!enc.ok()) Exit(Fail(enc.status()));
    app::LeadFactorMode mode = app::LeadFactorMode::kExact;
    if (o.factors == "approximate") {
        mode = app::LeadFactorMode::kApproximate;
    } else if (o.factors == "none") {
        mode = app::LeadFactorMode::kNone;
    } else if (o.factors != "exact") {
        Exit(Fail(InvalidArgument("--factors must be exact, approximate or none", {{"factors", o.factors}})));
    }
    text::CsvStreamReader reader(*sep);
    xgboost::XgboostBoosting boosting;
    app::LeadScoring scoring(boosting, reader);
    const auto started = std::chrono::steady_clock::now();
    auto result = scoring.Score(*model, *bytes, o.input, *enc, mode);
    if (!result.ok()) Exit(Fail(result.status()));
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::string csv = app::WriteScoredCsv(*result);
    if (o.out.empty()) {
        std::fwrite(csv.data(), 1, csv.size(), stdout);
    } else {
        std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
        out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
        if (!out) Exit(Fail(Unavailable("cannot write " + o.out)));
    }
    for (const auto& w : result->warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (!quiet) {
        for (const auto& n : result->notes) std::fprintf(stderr, "note: %s\n", n.c_str());
        std::fprintf(stderr, "leads score: %zu rows scored in %.3f s (factors: %s)\n", result->scores.size(), secs,
                     o.factors.c_str());
    }
    Exit(0);
}

}  // namespace

void RegisterLeadsCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* leads = app.add_subcommand("leads", "Lead scoring on your own CSV of past leads (docs/ml.md)");
    leads->require_subcommand(1);

    auto* ev = leads->add_subcommand(
        "evaluate", "Train on a CSV of past leads with their outcome and report AUC, log-loss and Brier as JSON");
    ev->add_option("--input", o->input, "CSV file (UTF-8, UTF-8 with BOM or Shift_JIS)")->required();
    ev->add_option("--target", o->target, "The outcome column")->required();
    ev->add_option("--positive", o->positive, "The target value meaning success (default: inferred, see docs/ml.md)")
        ->each([o](const std::string&) { o->has_positive = true; });
    ev->add_option("--exclude", o->exclude, "Columns to leave out, comma-separated");
    ev->add_option("--sep", o->sep, "Field separator (one character; 'tab' for a tab)")->capture_default_str();
    ev->add_option("--split", o->split, "time:FRACTION (file order, test on the last part) or random:FRACTION:SEED")
        ->capture_default_str();
    ev->add_option("--save-model", o->save_model, "Write the trained model to this file (for `leads score`)");
    ev->add_option("--encoding", o->encoding, "auto, utf-8 or shift_jis")->capture_default_str();
    ev->add_option("--trees", o->trees, "Boosting rounds")->capture_default_str();
    ev->add_option("--depth", o->depth, "Tree depth")->capture_default_str();
    ev->add_option("--learning-rate", o->learning_rate, "Step size (eta)")->capture_default_str();
    ev->add_option("--min-child-weight", o->min_child_weight, "Smallest leaf (hessian weight)")->capture_default_str();
    ev->add_option("--threads", o->threads, "Training threads (0 = all cores)")->capture_default_str();
    ev->add_option("--max-levels", o->max_levels, "One-hot levels kept per category column")->capture_default_str();
    ev->final_callback([o, &quiet] { Evaluate(*o, quiet); });

    auto* sc = leads->add_subcommand("score", "Score new rows with a model saved by `leads evaluate --save-model`");
    sc->add_option("--model", o->model, "Model file")->required();
    sc->add_option("--input", o->input, "CSV file of leads to score")->required();
    sc->add_option("--out", o->out, "Output CSV (default: stdout)");
    sc->add_option("--sep", o->sep, "Field separator of the input")->capture_default_str();
    sc->add_option("--encoding", o->encoding, "auto, utf-8 or shift_jis")->capture_default_str();
    sc->add_option("--factors", o->factors, "exact, approximate or none (top factors per row)")->capture_default_str();
    sc->final_callback([o, &quiet] { Score(*o, quiet); });
}

}  // namespace kyoso::cli
