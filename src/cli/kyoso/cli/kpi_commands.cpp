#include "kyoso/cli/kpi_commands.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

struct KpiOptions {
    std::string db = "kyoso.db";
    int fiscal_year = 0;
    int quarter = 0;
    std::string role = "field_sales";
    std::string team;
    bool json = false;
};

std::string Cell(const domain::KpiFigure& f, const std::string& name) {
    if (!f.value) return "-";
    char buf[96];
    const bool rate = name == "qualification_rate" || name == "win_rate" || name == "budget_request_on_time" ||
                      name == "renewal_rate" || name == "outcomes_recorded";
    if (rate) {
        std::snprintf(buf, sizeof buf, "%.1f%% (%.0f/%.0f)", *f.value * 100, f.numerator.value_or(0),
                      f.denominator.value_or(0));
    } else if (name == "revenue" || name == "expansion") {
        std::snprintf(buf, sizeof buf, "¥%.0f", *f.value);
    } else if (name == "speed_to_first_touch") {
        std::snprintf(buf, sizeof buf, "%.1f (n=%.0f)", *f.value, f.numerator.value_or(0));
    } else if (f.denominator && name != "connects") {
        std::snprintf(buf, sizeof buf, "%.1f (n=%.0f)", *f.value, f.denominator.value_or(0));
    } else if (f.denominator) {
        std::snprintf(buf, sizeof buf, "%.0f/%.0f", *f.value, *f.denominator);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f", *f.value);
    }
    return buf;
}

nlohmann::json Optional(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

nlohmann::json RowJson(const app::KpiRow& row) {
    nlohmann::json kpis = nlohmann::json::object();
    for (const auto& v : row.values) {
        kpis[v.name] = {{"value", Optional(v.figure.value)},
                        {"numerator", Optional(v.figure.numerator)},
                        {"denominator", Optional(v.figure.denominator)},
                        {"quota", Optional(v.quota)},
                        {"attainment", Optional(v.attainment)}};
    }
    return {{"team", row.team},
            {"user_id", row.user_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(row.user_id)},
            {"name", row.name},
            {"members", row.members},
            {"kpis", kpis}};
}

}  // namespace

std::function<std::optional<int>()> RegisterKpiCommands(CLI::App& app) {
    auto o = std::make_shared<KpiOptions>();
    auto* cmd = app.add_subcommand("kpis",
                                   "KPIs of a sales role per fiscal year or quarter, teams first "
                                   "(docs/division-of-labour.md, \"KPIs and quotas\")");
    cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_option("--fiscal-year", o->fiscal_year, "Fiscal year (April–March), e.g. 2026")->required();
    cmd->add_option("--quarter", o->quarter, "1-4 (Q1 = April–June); default the whole year");
    cmd->add_option("--role", o->role, "bdr, inside_sales, field_sales or customer_success")->capture_default_str();
    cmd->add_option("--team", o->team, "Only this team");
    cmd->add_flag("--json", o->json, "Print JSON instead of a table");

    return [=]() -> std::optional<int> {
        if (!*cmd) return std::nullopt;
        if (!DatabaseExists(o->db)) return Fail(NotFound("no database at " + o->db));
        Runtime rt;
        if (Status st = rt.Open(o->db, true); !st.ok()) return Fail(st);
        std::fprintf(stderr, "kpis: reading FY%d%s rows\n", o->fiscal_year,
                     o->quarter ? (" Q" + std::to_string(o->quarter)).c_str() : "");
        auto report = rt.kpis->Report({o->fiscal_year, o->quarter, o->role, o->team});
        if (!report.ok()) return Fail(report.status());
        if (o->json) {
            nlohmann::json teams = nlohmann::json::array(), users = nlohmann::json::array();
            for (const auto& r : report->teams) teams.push_back(RowJson(r));
            for (const auto& r : report->users) users.push_back(RowJson(r));
            nlohmann::json out = {{"fiscal_year", report->period.fiscal_year},
                                  {"quarter", report->period.quarter},
                                  {"role", report->role},
                                  {"from", FormatIsoDate(report->period.from)},
                                  {"to", FormatIsoDate(report->period.to)},
                                  {"teams", teams},
                                  {"users", users}};
            std::printf("%s\n", out.dump(2).c_str());
            return 0;
        }
        const auto& names = app::KpiNamesOfRole(report->role);
        std::printf("%s %s–%s  %s\n", report->role.c_str(), FormatIsoDate(report->period.from).c_str(),
                    FormatIsoDate(report->period.to).c_str(), "(teams first, then individuals)");
        std::printf("%-24s", "team / user");
        for (const auto& n : names) std::printf("  %-22s", n.c_str());
        std::printf("\n");
        auto print = [&](const app::KpiRow& row, bool team) {
            std::string label = team ? "[" + row.name + "]" : "  " + row.name;
            std::printf("%-24s", label.c_str());
            for (const auto& v : row.values) {
                std::string cell = Cell(v.figure, v.name);
                if (v.attainment) {
                    char att[32];
                    std::snprintf(att, sizeof att, " %.0f%%att", *v.attainment * 100);
                    cell += att;
                }
                std::printf("  %-22s", cell.c_str());
            }
            std::printf("\n");
        };
        for (const auto& r : report->teams) print(r, true);
        for (const auto& r : report->users) print(r, false);
        std::fprintf(stderr, "%zu team(s), %zu user(s)\n", report->teams.size(), report->users.size());
        return 0;
    };
}

}  // namespace kyoso::cli
