#include "kyoso/cli/diagnosis_commands.hpp"

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db = "kyoso.db";
    std::string from;
    std::string to;
    bool json = false;
};

struct SignalLine {
    const char* name;
    const char* ja;
    const domain::Ratio* ratio;
};

std::vector<SignalLine> Lines(const domain::MeasuredSignals& s) {
    return {{"same_day_logging", "同日記録率", &s.same_day_logging},
            {"deal_field_completeness", "案件項目の充足率", &s.deal_field_completeness},
            {"handoff_sla_compliance", "引き継ぎSLA遵守率", &s.handoff_sla_compliance},
            {"fiscal_year_and_budget_set", "年度・予算状況の設定率", &s.fiscal_year_and_budget_set},
            {"score_use", "スコア利用率", &s.score_use}};
}

nlohmann::json SignalsJson(const domain::MeasuredSignals& s) {
    nlohmann::json out = {{"from", FormatIsoDate(s.from)}, {"to", FormatIsoDate(s.to)}};
    for (const auto& l : Lines(s)) {
        auto v = l.ratio->value();
        out[l.name] = {{"numerator", l.ratio->numerator},
                       {"denominator", l.ratio->denominator},
                       {"value", v ? nlohmann::json(*v) : nlohmann::json(nullptr)}};
    }
    return out;
}

template <typename T>
nlohmann::json Opt(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::string Level(const std::optional<int>& v) { return v ? std::to_string(*v) : "—"; }

}  // namespace

void RegisterDiagnosisCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("diagnosis",
                                   "Measured signals and the latest organisation diagnosis (docs/transformation.md)");
    cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_option("--from", o->from, "Signals from this day (default: 89 days before --to)");
    cmd->add_option("--to", o->to, "Signals up to this day (default: today)");
    cmd->add_flag("--json", o->json, "Print JSON");
    cmd->final_callback([o, &quiet] {
        if (!DatabaseExists(o->db)) Exit(Fail(NotFound("no database at " + o->db)));
        Runtime rt;
        if (Status st = rt.Open(o->db, quiet); !st.ok()) Exit(Fail(st));
        Date to = rt.clock.Today();
        if (!o->to.empty()) {
            auto d = ParseIsoDate(o->to);
            if (!d) Exit(Fail(InvalidArgument("--to must be YYYY-MM-DD, got '" + o->to + "'")));
            to = *d;
        }
        Date from = app::DiagnosisService::WindowStart(to);
        if (!o->from.empty()) {
            auto d = ParseIsoDate(o->from);
            if (!d) Exit(Fail(InvalidArgument("--from must be YYYY-MM-DD, got '" + o->from + "'")));
            from = *d;
        }
        auto signals = rt.diagnosis->Measure(from, to);
        if (!signals.ok()) Exit(Fail(signals.status()));
        auto latest = rt.diagnosis->LatestDiagnosis();
        if (!latest.ok()) Exit(Fail(latest.status()));
        if (o->json) {
            nlohmann::json out = {{"signals", SignalsJson(*signals)}, {"diagnosis", nullptr}};
            if (*latest) {
                const auto& d = **latest;
                nlohmann::json dims = nlohmann::json::array();
                for (const auto& x : d.dimensions) {
                    dims.push_back({{"dimension", std::string(domain::DimensionSlug(x.dimension))},
                                    {"self_score", Opt(x.self_score)},
                                    {"self_level", Opt(x.self_level)},
                                    {"measured_level", Opt(x.measured_level)},
                                    {"gap", Opt(x.gap)},
                                    {"severity", std::string(domain::DiagnosisGapSeverity(x.gap))},
                                    {"finding_ja", x.finding_ja},
                                    {"finding_en", x.finding_en}});
                }
                out["diagnosis"] = {{"assessment_id", d.assessment_id},
                                    {"assessed_on", FormatIsoDate(d.assessed_on)},
                                    {"signals", SignalsJson(d.signals)},
                                    {"dimensions", dims}};
            }
            std::printf("%s\n", out.dump(2).c_str());
            Exit(0);
        }
        std::printf("計測シグナル / measured signals %s – %s\n", FormatIsoDate(from).c_str(),
                    FormatIsoDate(to).c_str());
        for (const auto& l : Lines(*signals)) {
            std::printf("  %-28s %-24s %5s  (%lld / %lld)\n", l.name, l.ja, domain::DiagnosisPercent(*l.ratio).c_str(),
                        l.ratio->numerator, l.ratio->denominator);
        }
        if (!*latest) {
            std::printf("\n診断なし: 設問への回答がまだありません (no assessment yet)\n");
            Exit(0);
        }
        const auto& d = **latest;
        std::printf("\n組織診断 / diagnosis: assessment %lld of %s (signals %s – %s)\n", d.assessment_id,
                    FormatIsoDate(d.assessed_on).c_str(), FormatIsoDate(d.signals.from).c_str(),
                    FormatIsoDate(d.signals.to).c_str());
        std::printf("  %-20s %6s %6s %5s  %s\n", "dimension", "self", "data", "gap", "severity");
        for (const auto& x : d.dimensions) {
            std::printf("  %-20s %6s %6s %5s  %s\n", std::string(domain::DimensionSlug(x.dimension)).c_str(),
                        Level(x.self_level).c_str(), Level(x.measured_level).c_str(), Level(x.gap).c_str(),
                        std::string(domain::DiagnosisGapSeverity(x.gap)).c_str());
        }
        std::printf("\n");
        for (const auto& x : d.dimensions) std::printf("  - %s\n    %s\n", x.finding_ja.c_str(), x.finding_en.c_str());
        Exit(0);
    });
}

}  // namespace kyoso::cli
