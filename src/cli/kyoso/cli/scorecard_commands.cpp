#include "kyoso/cli/scorecard_commands.hpp"

#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

using domain::ScorecardMetricKind;

struct ScorecardOptions {
    std::string db = "kyoso.db";
    int fiscal_year = 0;
    int quarter = 0;
    int quarters = 0;
    bool json = false;
};

nlohmann::json Optional(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

std::string Value(ScorecardMetricKind kind, const std::optional<double>& v, bool signed_delta = false) {
    if (!v) return "-";
    char buf[64];
    const char* sign = signed_delta && *v > 0 ? "+" : *v < 0 ? "-" : "";
    const double a = std::abs(*v);
    switch (kind) {
        case ScorecardMetricKind::kRevenue:
            std::snprintf(buf, sizeof buf, "%s¥%.0f", sign, a);
            break;
        case ScorecardMetricKind::kCycleTime:
            std::snprintf(buf, sizeof buf, "%s%.1f日", sign, a);
            break;
        case ScorecardMetricKind::kCaseLibraryGrowth:
            std::snprintf(buf, sizeof buf, "%s%.0f件", sign, a);
            break;
        default:
            std::snprintf(buf, sizeof buf, signed_delta ? "%s%.1fpt" : "%s%.1f%%", sign, a * 100);
    }
    return buf;
}

const char* Arrow(domain::TrendDirection d) {
    switch (d) {
        case domain::TrendDirection::kImproving:
            return "↑";
        case domain::TrendDirection::kWorsening:
            return "↓";
        case domain::TrendDirection::kFlat:
            return "→";
        case domain::TrendDirection::kUnknown:
            return " ";
    }
    return " ";
}

nlohmann::json TrendJson(const domain::ScorecardTrend& t) {
    return {{"earlier", Optional(t.earlier)},
            {"delta", Optional(t.delta)},
            {"direction", domain::TrendDirectionSlug(t.direction)}};
}

nlohmann::json QuarterJson(const domain::ScorecardQuarter& q) {
    nlohmann::json metrics = nlohmann::json::object();
    for (const auto& m : q.metrics) {
        metrics[std::string(domain::ScorecardMetricSlug(m.kind))] = {{"value", Optional(m.value)},
                                                                     {"numerator", Optional(m.numerator)},
                                                                     {"denominator", Optional(m.denominator)},
                                                                     {"vs_previous", TrendJson(m.vs_previous)},
                                                                     {"vs_last_year", TrendJson(m.vs_last_year)}};
    }
    auto axis = [](const domain::ScorecardAxisSummary& s) {
        return nlohmann::json{{"improving", s.improving},
                              {"worsening", s.worsening},
                              {"flat", s.flat},
                              {"compared", s.compared},
                              {"improving_share", Optional(s.improving_share)},
                              {"direction", domain::TrendDirectionSlug(s.direction)}};
    };
    return {{"fiscal_year", q.period.fiscal_year},
            {"quarter", q.period.quarter},
            {"from", FormatIsoDate(q.period.from)},
            {"to", FormatIsoDate(q.period.to)},
            {"metrics", metrics},
            {"axes", {{"performance", axis(q.performance)}, {"transformation", axis(q.transformation)}}},
            {"verdict", domain::ScorecardVerdictSlug(q.verdict)}};
}

}  // namespace

std::function<std::optional<int>()> RegisterScorecardCommands(CLI::App& app) {
    auto o = std::make_shared<ScorecardOptions>();
    auto* cmd = app.add_subcommand("scorecard",
                                   "The two-axis quarterly scorecard: performance and transformation, with trends "
                                   "(docs/transformation.md)");
    cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_option("--fy,--fiscal-year", o->fiscal_year, "Fiscal year (April–March); default the current one");
    cmd->add_option("--quarter", o->quarter, "1-4 (Q1 = April–June); default the current quarter");
    cmd->add_option("--quarters", o->quarters, "Quarters shown, ending with the chosen one (1-20, default 8)");
    cmd->add_flag("--json", o->json, "Print JSON instead of a table");

    return [=]() -> std::optional<int> {
        if (!*cmd) return std::nullopt;
        if (!DatabaseExists(o->db)) return Fail(NotFound("no database at " + o->db));
        Runtime rt;
        if (Status st = rt.Open(o->db, true); !st.ok()) return Fail(st);
        // CLI11 leaves 0 for an absent option; an explicit 0 is out of range.
        if (cmd->count("--quarter") && o->quarter == 0) {
            return Fail(InvalidArgument("invalid scorecard query", {{"quarter", "must be 1, 2, 3 or 4"}}));
        }
        if (cmd->count("--quarters") && o->quarters == 0) {
            return Fail(InvalidArgument("invalid scorecard query", {{"quarters", "must be 1 to 20"}}));
        }
        auto report = rt.scorecard->Report({o->fiscal_year, o->quarter, o->quarters});
        if (!report.ok()) return Fail(report.status());
        if (o->json) {
            nlohmann::json quarters = nlohmann::json::array();
            for (const auto& q : report->quarters) quarters.push_back(QuarterJson(q));
            nlohmann::json out = {{"as_of", FormatIsoDate(report->as_of)}, {"quarters", quarters}};
            std::printf("%s\n", out.dump(2).c_str());
            return 0;
        }
        const auto& now = report->quarters.back();
        std::printf("二軸スコアカード FY%d Q%d (%s – %s)\n", now.period.fiscal_year, now.period.quarter,
                    FormatIsoDate(now.period.from).c_str(), FormatIsoDate(now.period.to).c_str());
        std::printf("判定: %s / %s\n\n", std::string(domain::ScorecardVerdictLabelJa(now.verdict)).c_str(),
                    std::string(domain::ScorecardVerdictLabelEn(now.verdict)).c_str());
        std::printf("%-26s %-16s %-18s %-18s\n", "metric", "value", "vs prev. quarter", "vs a year earlier");
        for (const auto& m : now.metrics) {
            if (m.kind == ScorecardMetricKind::kRevenue || m.kind == ScorecardMetricKind::kDataQuality) {
                std::printf("[%s]\n",
                            m.kind == ScorecardMetricKind::kRevenue ? "業績 performance" : "変革 transformation");
            }
            const std::string prev =
                std::string(Arrow(m.vs_previous.direction)) + " " + Value(m.kind, m.vs_previous.delta, true);
            const std::string year =
                std::string(Arrow(m.vs_last_year.direction)) + " " + Value(m.kind, m.vs_last_year.delta, true);
            std::printf("  %-24s %-16s %-18s %-18s\n", std::string(domain::ScorecardMetricSlug(m.kind)).c_str(),
                        Value(m.kind, m.value).c_str(), prev.c_str(), year.c_str());
        }
        std::printf("\n%-12s", "quarter");
        for (auto kind : domain::AllScorecardMetrics()) {
            std::printf(" %-14s", std::string(domain::ScorecardMetricSlug(kind)).substr(0, 14).c_str());
        }
        std::printf(" verdict\n");
        for (const auto& q : report->quarters) {
            char label[32];
            std::snprintf(label, sizeof label, "FY%d Q%d", q.period.fiscal_year, q.period.quarter);
            std::printf("%-12s", label);
            for (const auto& m : q.metrics) std::printf(" %-14s", Value(m.kind, m.value).c_str());
            std::printf(" %s\n", std::string(domain::ScorecardVerdictSlug(q.verdict)).c_str());
        }
        return 0;
    };
}

}  // namespace kyoso::cli
