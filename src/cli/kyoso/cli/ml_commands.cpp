#include "kyoso/cli/ml_commands.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db = "kyoso.db";
    std::string model = "all";
    std::string as_of;
    std::string cutoff;
    long long deal = 0;
    long long lead = 0;
    std::string government;
    bool all = false;
    bool json = false;
    std::string out;
};

void OpenOrExit(Runtime& rt, const std::string& db, bool quiet) {
    if (!DatabaseExists(db)) Exit(Fail(NotFound("no database at " + db)));
    if (Status st = rt.Open(db, quiet); !st.ok()) Exit(Fail(st));
}

void DbOption(CLI::App* cmd, Options& o) {
    cmd->add_option("--db", o.db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_option("--as-of", o.as_of, "YYYY-MM-DD (default: today in Japan, or KYOSO_TODAY)");
}

Date AsOf(const Options& o, const Runtime& rt) {
    if (o.as_of.empty()) return rt.clock.Today();
    auto d = ParseIsoDate(o.as_of);
    if (!d) Exit(Fail(InvalidArgument("--as-of must be YYYY-MM-DD, got '" + o.as_of + "'", {{"as_of", o.as_of}})));
    return *d;
}

app::ModelKind KindOrExit(const std::string& name) {
    auto k = app::ModelKindFromName(name);
    if (!k) {
        Exit(Fail(InvalidArgument("--model must be deal_win, propensity or lead_conversion, got '" + name + "'",
                                  {{"model", name}})));
    }
    return *k;
}

nlohmann::json FactorsJson(const domain::ml::TopFactors& f) {
    auto list = [](const std::vector<domain::ml::Factor>& v) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& x : v) {
            a.push_back(
                {{"key", x.key}, {"label_ja", x.label_ja}, {"value", x.value}, {"contribution", x.contribution}});
        }
        return a;
    };
    return {{"positive", list(f.positive)}, {"negative", list(f.negative)}};
}

nlohmann::json Number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json MetricsJson(const app::ModelMetrics& m) {
    return {{"auc", Number(m.auc)},        {"logloss", Number(m.logloss)}, {"brier", Number(m.brier)},
            {"ece", Number(m.ece)},        {"n_train", m.n_train},         {"n_calibration", m.n_calibration},
            {"n_test", m.n_test},          {"positives", m.positives},     {"negatives", m.negatives},
            {"calibration", m.calibration}};
}

nlohmann::json BacktestJson(const app::ModelBacktestReport& r) {
    nlohmann::json effects = nlohmann::json::array();
    for (const auto& e : r.effects) {
        effects.push_back({{"effect", e.effect},
                           {"feature", e.feature},
                           {"label_ja", e.label_ja},
                           {"expected_sign", e.expected_sign},
                           {"mean_contribution_with", e.mean_contribution_with},
                           {"mean_contribution_without", e.mean_contribution_without},
                           {"difference", e.difference},
                           {"n_with", e.n_with},
                           {"recovered", e.recovered}});
    }
    return {{"model", std::string(app::ModelKindName(r.kind))},
            {"cutoff", r.cutoff},
            {"n_train", r.n_train},
            {"n_test", r.n_test},
            {"train_positives", r.train_positives},
            {"train_negatives", r.train_negatives},
            {"below_minimum", r.below_minimum},
            {"metrics", MetricsJson(r.model)},
            {"rules", {{"auc", Number(r.rules_auc)}, {"ece", r.rules_ece}, {"logloss", r.rules_logloss}}},
            {"baseline",
             {{"name", r.kind == app::ModelKind::kDealWin ? "stage-only win rate" : "base rate"},
              {"auc", Number(r.baseline_auc)},
              {"ece", r.baseline_ece},
              {"logloss", r.baseline_logloss}}},
            {"effects", effects},
            {"train_ms", r.train_ms},
            {"contributions_ms", {{"exact", r.exact_contrib_ms}, {"approximate", r.approx_contrib_ms}}}};
}

nlohmann::json DealScoreJson(const app::DealWinScore& s) {
    return {{"deal_id", s.deal_id},
            {"probability", s.probability},
            {"source", s.source},
            {"model_version", s.model_version},
            {"factors", FactorsJson(s.factors)}};
}

}  // namespace

void RegisterMlCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* train = app.add_subcommand("train", "Train and register the models (docs/ml.md); progress on stderr");
    DbOption(train, *o);
    train->add_option("--model", o->model, "deal_win, propensity, lead_conversion or all")->capture_default_str();
    train->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        const Date as_of = AsOf(*o, rt);
        std::vector<app::ModelKind> kinds;
        if (o->model == "all") {
            kinds = {app::ModelKind::kDealWin, app::ModelKind::kPropensity, app::ModelKind::kLeadConversion};
        } else {
            kinds = {KindOrExit(o->model)};
        }
        StderrProgress progress(!quiet);
        nlohmann::json out = nlohmann::json::array();
        for (auto kind : kinds) {
            if (!quiet)
                std::fprintf(stderr, "train: %s as of %s\n", std::string(app::ModelKindName(kind)).c_str(),
                             FormatIsoDate(as_of).c_str());
            auto r = rt.ml->Train(kind, as_of, &progress);
            if (!r.ok()) Exit(Fail(r.status()));
            nlohmann::json j = {{"model", std::string(app::ModelKindName(kind))},
                                {"trained", r->trained},
                                {"metrics", MetricsJson(r->metrics)}};
            if (r->trained) {
                j["version"] = r->record.version;
                j["window"] = {{"from", r->record.window_from}, {"to", r->record.window_to}};
            } else {
                j["message"] = r->message;
                if (!quiet) std::fprintf(stderr, "%s\n", r->message.c_str());
            }
            out.push_back(j);
        }
        std::printf("%s\n", out.dump(2).c_str());
        Exit(0);
    });

    auto* score = app.add_subcommand("score", "Scores with the active model (or rules), as JSON");
    DbOption(score, *o);
    score->add_option("--model", o->model, "deal_win, propensity or lead_conversion")->required();
    score->add_option("--deal", o->deal, "One deal (deal_win)");
    score->add_option("--government", o->government, "One government's products (propensity)");
    score->add_option("--lead", o->lead, "One lead (lead_conversion)");
    score->add_flag("--all", o->all, "Every open deal / government × product / open lead");
    score->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        const Date as_of = AsOf(*o, rt);
        const app::ModelKind kind = KindOrExit(o->model);
        nlohmann::json out;
        auto message = rt.ml->FallbackMessage(kind, as_of);
        if (!message.ok()) Exit(Fail(message.status()));
        if (!message->empty() && !quiet) std::fprintf(stderr, "%s\n", message->c_str());
        if (kind == app::ModelKind::kDealWin) {
            if (o->deal > 0) {
                auto s = rt.ml->ScoreDeal(o->deal, as_of, true);
                if (!s.ok()) Exit(Fail(s.status()));
                out = DealScoreJson(*s);
            } else if (o->all) {
                auto list = rt.ml->ScoreOpenDeals(as_of, true);
                if (!list.ok()) Exit(Fail(list.status()));
                out = nlohmann::json::array();
                for (const auto& s : *list) out.push_back(DealScoreJson(s));
            } else {
                Exit(Fail(InvalidArgument("deal_win needs --deal ID or --all", {{"deal", "or --all"}})));
            }
        } else if (kind == app::ModelKind::kPropensity) {
            Result<std::vector<app::PropensityScore>> list =
                o->all ? rt.ml->ScoreAllPropensity(as_of, true)
                       : (o->government.empty()
                              ? Result<std::vector<app::PropensityScore>>(InvalidArgument(
                                    "propensity needs --government CODE or --all", {{"government", "or --all"}}))
                              : rt.ml->ScoreGovernment(o->government, as_of, true));
            if (!list.ok()) Exit(Fail(list.status()));
            out = nlohmann::json::array();
            for (const auto& s : *list) {
                out.push_back({{"government_code", s.government_code},
                               {"product_id", s.product_id},
                               {"fiscal_year", s.fiscal_year},
                               {"probability", s.probability},
                               {"source", s.source},
                               {"model_version", s.model_version},
                               {"factors", FactorsJson(s.factors)}});
            }
        } else {
            if (o->lead <= 0) Exit(Fail(InvalidArgument("lead_conversion needs --lead ID", {{"lead", "ID"}})));
            auto s = rt.ml->ScoreLead(o->lead, as_of, true);
            if (!s.ok()) Exit(Fail(s.status()));
            out = {{"lead_id", s->lead_id},
                   {"probability", s->probability},
                   {"source", s->source},
                   {"model_version", s->model_version},
                   {"factors", FactorsJson(s->factors)}};
        }
        if (!message->empty()) out = {{"message", *message}, {"scores", out}};
        std::printf("%s\n", out.dump(2).c_str());
        Exit(0);
    });

    auto* ml_cmd = app.add_subcommand("ml", "Model tools: export training features, backtest (docs/ml.md)");
    ml_cmd->require_subcommand(1);
    auto* exp = ml_cmd->add_subcommand("export", "Writes a model's training features as CSV (time order)");
    DbOption(exp, *o);
    exp->add_option("--model", o->model, "deal_win, propensity or lead_conversion")->required();
    exp->add_option("--out", o->out, "CSV file to write")->required();
    exp->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        auto csv = rt.ml->ExportCsv(KindOrExit(o->model), AsOf(*o, rt));
        if (!csv.ok()) Exit(Fail(csv.status()));
        std::ofstream f(o->out, std::ios::binary);
        f << *csv;
        if (!f) Exit(Fail(Unavailable("cannot write " + o->out)));
        if (!quiet) std::fprintf(stderr, "wrote %s\n", o->out.c_str());
        Exit(0);
    });
    auto* bt = ml_cmd->add_subcommand("backtest", "Time-split backtest with baselines and planted-effect recovery");
    DbOption(bt, *o);
    bt->add_option("--model", o->model, "deal_win, propensity or lead_conversion")->default_str("deal_win");
    bt->add_option("--cutoff", o->cutoff, "YYYY-MM-DD (default: the 75th percentile of outcome dates)");
    bt->add_flag("--json", o->json, "JSON output");
    bt->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        std::optional<Date> cutoff;
        if (!o->cutoff.empty()) {
            cutoff = ParseIsoDate(o->cutoff);
            if (!cutoff) Exit(Fail(InvalidArgument("--cutoff must be YYYY-MM-DD", {{"cutoff", o->cutoff}})));
        }
        StderrProgress progress(!quiet);
        const std::string name = o->model == "all" ? "deal_win" : o->model;
        auto r = rt.ml->Backtest(KindOrExit(name), AsOf(*o, rt), cutoff, &progress);
        if (!r.ok()) Exit(Fail(r.status()));
        const auto j = BacktestJson(*r);
        if (o->json) {
            std::printf("%s\n", j.dump(2).c_str());
        } else {
            std::printf("%s: cutoff %s, train %zu, test %zu; AUC %.3f (stage-only %.3f, rules %.3f), ECE %.3f\n",
                        name.c_str(), r->cutoff.c_str(), r->n_train, r->n_test, r->model.auc, r->baseline_auc,
                        r->rules_auc, r->model.ece);
            for (const auto& e : r->effects) {
                std::printf("  %-34s %+.3f  %s\n", e.effect.c_str(), e.difference, e.recovered ? "recovered" : "-");
            }
        }
        Exit(0);
    });
}

struct ServeMlRetrainer::Impl {
    std::mutex mu;
    std::condition_variable cv;
    bool stop = false;
    std::thread thread;
};

ServeMlRetrainer::ServeMlRetrainer(Runtime& rt) : impl_(std::make_unique<Impl>()) {
    int days = 7;
    if (const char* env = std::getenv("KYOSO_ML_RETRAIN_DAYS")) days = std::atoi(env);
    if (days <= 0) return;
    Impl* impl = impl_.get();
    impl->thread = std::thread([impl, &rt, days] {
        std::unique_lock lock(impl->mu);
        while (!impl->cv.wait_for(lock, std::chrono::hours(1), [impl] { return impl->stop; })) {
            lock.unlock();
            for (auto kind : {app::ModelKind::kDealWin, app::ModelKind::kPropensity, app::ModelKind::kLeadConversion}) {
                auto due = rt.ml->NeedsRetraining(kind, days);
                if (!due.ok() || !*due) continue;
                auto r = rt.ml->Train(kind, rt.clock.Today());
                const std::string name(app::ModelKindName(kind));
                if (!r.ok()) {
                    spdlog::warn(R"({{"event":"ml_retrain_failed","model":"{}","reason":{}}})", name,
                                 nlohmann::json(r.status().message()).dump());
                } else {
                    spdlog::info(R"({{"event":"ml_retrained","model":"{}","trained":{},"version":{}}})", name,
                                 r->trained, r->trained ? r->record.version : 0);
                }
            }
            lock.lock();
        }
    });
}

ServeMlRetrainer::~ServeMlRetrainer() { Stop(); }

void ServeMlRetrainer::Stop() {
    {
        std::lock_guard lock(impl_->mu);
        impl_->stop = true;
    }
    impl_->cv.notify_all();
    if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace kyoso::cli
