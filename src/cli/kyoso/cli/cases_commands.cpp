#include "kyoso/cli/cases_commands.hpp"

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void CaseExit(int code) { throw CLI::RuntimeError(code); }

struct CaseOptions {
    std::string db = "kyoso.db";
    std::string query;
    std::string kind;
    long long product = 0;
    std::string government;
    int limit = 20;
    bool json = false;
};

void CaseOpenOrExit(Runtime& rt, const std::string& db, bool quiet) {
    if (!DatabaseExists(db)) CaseExit(Fail(NotFound("no database at " + db)));
    if (Status st = rt.Open(db, quiet); !st.ok()) CaseExit(Fail(st));
}

app::Principal CliAdmin() {
    app::Principal p;
    p.role = domain::AccessRole::kAdmin;
    p.via = "cli";
    return p;
}

void ListCases(const CaseOptions& o, bool quiet) {
    Runtime rt;
    CaseOpenOrExit(rt, o.db, quiet);
    app::CaseListQuery q;
    q.q = o.query;
    q.kind = o.kind;
    q.product_id = o.product;
    q.government_code = o.government;
    q.limit = o.limit;
    auto list = rt.cases->List(CliAdmin(), q);
    if (!list.ok()) CaseExit(Fail(list.status()));
    if (o.json) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& v : list->items) {
            const auto& c = v.record;
            items.push_back({{"id", c.id},
                             {"kind", c.kind},
                             {"title", c.title},
                             {"government_code", c.government_code},
                             {"government_name", c.government_name},
                             {"product_id", c.product_id},
                             {"product_name", c.product_name},
                             {"deal_id", c.deal_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(c.deal_id)},
                             {"summary", c.summary},
                             {"approach", c.approach},
                             {"lessons", c.lessons},
                             {"tags", c.tags},
                             {"created_on", c.created_on}});
        }
        std::printf("%s\n", nlohmann::json({{"items", items}, {"more", list->more}}).dump(2).c_str());
        return;
    }
    for (const auto& v : list->items) {
        const auto& c = v.record;
        std::printf("#%-4lld %s %s  %s（%s / %s）\n       学び: %s\n", c.id, c.created_on.c_str(),
                    c.kind == "success" ? "成功" : "失敗", c.title.c_str(), c.government_name.c_str(),
                    c.product_name.c_str(), c.lessons.c_str());
    }
    std::printf("%zu cases%s\n", list->items.size(), list->more ? " (more: raise --limit)" : "");
}

}  // namespace

void RegisterCaseCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<CaseOptions>();
    auto* cmd = app.add_subcommand("cases", "The case library: successes and failures (docs/transformation.md)");
    auto add_common = [o](CLI::App* c) {
        c->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
            ->envname("KYOSO_DB")
            ->capture_default_str();
        c->add_option("--kind", o->kind, "success or failure");
        c->add_option("--product", o->product, "Only this product id");
        c->add_option("--government", o->government, "Only this government (団体コード)");
        c->add_option("--limit", o->limit, "At most this many (1-200)")->capture_default_str();
        c->add_flag("--json", o->json, "Print JSON");
    };
    add_common(cmd);
    auto* search =
        cmd->add_subcommand("search", "Search the cases in Japanese (title, summary, approach, lessons, tags)");
    search->add_option("query", o->query, "Words to find, e.g. 窓口")->required();
    add_common(search);
    cmd->final_callback([o, &quiet] { ListCases(*o, quiet); });

    auto pv = std::make_shared<CaseOptions>();
    auto* pv_cmd = app.add_subcommand("public-value", "Outcomes of deployments per product or government");
    pv_cmd->add_option("--db", pv->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    pv_cmd->add_option("--product", pv->product, "Product id");
    pv_cmd->add_option("--government", pv->government, "Government (団体コード)");
    pv_cmd->add_flag("--json", pv->json, "Print JSON");
    pv_cmd->final_callback([pv, &quiet] {
        Runtime rt;
        CaseOpenOrExit(rt, pv->db, quiet);
        auto report = rt.cases->PublicValue(pv->product, pv->government);
        if (!report.ok()) CaseExit(Fail(report.status()));
        if (pv->json) {
            nlohmann::json deployments = nlohmann::json::array(), metrics = nlohmann::json::array();
            for (const auto& d : report->deployments) {
                deployments.push_back({{"government_code", d.government_code},
                                       {"government_name", d.government_name},
                                       {"product_name", d.product_name},
                                       {"metric_name", d.metric_name},
                                       {"unit", d.unit},
                                       {"baseline", d.baseline},
                                       {"baseline_on", d.baseline_on},
                                       {"target", d.target},
                                       {"latest", d.latest ? nlohmann::json(*d.latest) : nlohmann::json(nullptr)},
                                       {"latest_on", d.latest_on},
                                       {"progress", d.progress ? nlohmann::json(*d.progress) : nlohmann::json(nullptr)},
                                       {"citation", domain::PublicValueCitation(d)}});
            }
            for (const auto& m : report->metrics) {
                metrics.push_back(
                    {{"metric_name", m.metric_name},
                     {"unit", m.unit},
                     {"deployments", m.deployments},
                     {"measured", m.measured},
                     {"governments", m.governments},
                     {"median_progress",
                      m.median_progress ? nlohmann::json(*m.median_progress) : nlohmann::json(nullptr)},
                     {"median_change", m.median_change ? nlohmann::json(*m.median_change) : nlohmann::json(nullptr)}});
            }
            std::printf("%s\n", nlohmann::json({{"deployments", deployments}, {"metrics", metrics}}).dump(2).c_str());
            return;
        }
        std::printf("%s%s\n", report->product_name.c_str(), report->government_name.c_str());
        for (const auto& m : report->metrics) {
            std::printf("  %-24s %d deployments, %d measured, %d governments, median progress %s\n",
                        m.metric_name.c_str(), m.deployments, m.measured, m.governments,
                        m.median_progress
                            ? (std::to_string(static_cast<int>(*m.median_progress * 100 + 0.5)) + "%").c_str()
                            : "-");
        }
        for (const auto& d : report->deployments) {
            std::printf("  ・%s\n", domain::PublicValueCitation(d).c_str());
        }
    });
}

}  // namespace kyoso::cli
