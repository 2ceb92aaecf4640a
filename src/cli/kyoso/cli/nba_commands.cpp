#include "kyoso/cli/nba_commands.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db = "kyoso.db";
    long long user = 0;
    long long deal = 0;
    std::string government;
    long long product = 0;
    int limit = 10;
    bool json = false;
};

void OpenOrExit(Runtime& rt, const std::string& db, bool quiet) {
    if (!DatabaseExists(db)) Exit(Fail(NotFound("no database at " + db)));
    if (Status st = rt.Open(db, quiet); !st.ok()) Exit(Fail(st));
}

void PrintActions(const app::NextActionsResult& r, bool as_json) {
    if (as_json) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& a : r.items) {
            items.push_back({{"key", a.key},
                             {"rule", std::string(domain::nba::RuleSlug(a.rule))},
                             {"record_kind", a.record_kind},
                             {"record_id", a.record_id},
                             {"government_name", a.government_name},
                             {"title", a.title},
                             {"action", a.action_ja},
                             {"reason", a.reason_ja},
                             {"score", a.score}});
        }
        std::printf(
            "%s\n",
            nlohmann::json(
                {{"scope", r.scope}, {"items", items}, {"model_used", r.model_used}, {"model_note", r.model_note}})
                .dump(2)
                .c_str());
        return;
    }
    for (const auto& a : r.items) {
        std::printf("%5.1f  %-16s %s %s — %s\n       理由: %s\n", a.score,
                    std::string(domain::nba::RuleSlug(a.rule)).c_str(), a.government_name.c_str(),
                    a.record_kind == "deal" ? a.title.c_str() : "", a.action_ja.c_str(), a.reason_ja.c_str());
    }
    std::printf("%zu actions (%s)%s%s\n", r.items.size(), r.scope.c_str(), r.model_note.empty() ? "" : "; ",
                r.model_note.c_str());
}

}  // namespace

void RegisterNbaCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("next-actions", "Ranked next best actions with reasons (docs/ml.md)");
    cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_option("--user", o->user, "As this user, by role (default: every open deal, as an administrator)");
    cmd->add_option("--deal", o->deal, "Only this deal");
    cmd->add_option("--government", o->government, "Only this government (団体コード)");
    cmd->add_flag("--json", o->json, "Print JSON");
    cmd->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        app::Principal p;
        p.role = domain::AccessRole::kAdmin;
        p.via = "cli";
        if (o->user > 0) {
            auto account = rt.store->accounts().FindById(o->user);
            if (!account.ok()) Exit(Fail(account.status()));
            auto principal = rt.auth->PrincipalOf(*account);
            if (!principal.ok()) Exit(Fail(principal.status()));
            p = *principal;
            p.via = "cli";
        }
        Result<app::NextActionsResult> r = InvalidArgument("nothing to do");
        if (o->deal > 0) {
            r = rt.nba->ForDeal(p, o->deal);
        } else if (!o->government.empty()) {
            r = rt.nba->ForGovernment(p, o->government);
        } else {
            r = rt.nba->ForUser(p, 50);
        }
        if (!r.ok()) Exit(Fail(r.status()));
        PrintActions(*r, o->json);
        Exit(0);
    });

    CLI::App* gov = nullptr;
    try {
        gov = app.get_subcommand("governments");
    } catch (const CLI::OptionNotFound&) {
        return;
    }
    auto* similar = gov->add_subcommand(
        "similar", "Nearest governments and the 類似団体 group; with --product, who of them uses it and how it went");
    similar->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    similar->add_option("code", o->government, "団体コード (6 digits)")->required();
    similar->add_option("--product", o->product, "A product id: its deals among the similar governments");
    similar->add_option("--limit", o->limit, "Neighbours to list (1-50)")->capture_default_str();
    similar->add_flag("--json", o->json, "Print JSON");
    similar->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        const auto started = std::chrono::steady_clock::now();
        auto r = rt.nba->Similar(o->government, o->limit);
        if (!r.ok()) Exit(Fail(r.status()));
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (!quiet) std::fprintf(stderr, "compared with %d governments in %.1f ms\n", r->compared, ms);
        nlohmann::json out;
        auto gov_json = [](const app::SimilarGovernment& g) {
            return nlohmann::json{
                {"code", g.code},
                {"name", g.name},
                {"kind", g.kind},
                {"population", g.population ? nlohmann::json(*g.population) : nlohmann::json()},
                {"fiscal_strength_index",
                 g.fiscal_strength_index ? nlohmann::json(*g.fiscal_strength_index) : nlohmann::json()},
                {"similar_group", g.similar_group},
                {"distance", g.distance},
                {"adopted_products", g.adopted_products}};
        };
        if (!o->json) {
            std::printf("%s %s (類似団体 %s)\n近い自治体:\n", r->target.code.c_str(), r->target.name.c_str(),
                        r->target.similar_group.empty() ? "なし" : r->target.similar_group.c_str());
            for (const auto& g : r->neighbours) {
                std::printf(
                    "  %.3f  %s %-10s 人口 %s  財政力 %s\n", g.distance, g.code.c_str(), g.name.c_str(),
                    g.population ? std::to_string(*g.population).c_str() : "不明",
                    g.fiscal_strength_index ? std::to_string(*g.fiscal_strength_index).substr(0, 4).c_str() : "不明");
            }
            std::printf("類似団体 (%d):", r->same_group_total);
            for (const auto& g : r->same_group) std::printf(" %s", g.name.c_str());
            std::printf("\n");
        } else {
            nlohmann::json n = nlohmann::json::array(), s = nlohmann::json::array();
            for (const auto& g : r->neighbours) n.push_back(gov_json(g));
            for (const auto& g : r->same_group) s.push_back(gov_json(g));
            out = {{"government", gov_json(r->target)},
                   {"neighbours", n},
                   {"same_group", s},
                   {"same_group_total", r->same_group_total},
                   {"elapsed_ms", ms}};
        }
        if (o->product > 0) {
            app::Principal admin;
            admin.role = domain::AccessRole::kAdmin;
            admin.via = "cli";
            auto a = rt.nba->Adoption(admin, o->government, o->product);
            if (!a.ok()) Exit(Fail(a.status()));
            if (!o->json) {
                std::printf("近い団体での %s の導入状況: 受注 %d / 失注 %d / 見送り %d / 商談中 %d\n",
                            a->product_name.c_str(), a->won, a->lost, a->deferred, a->open);
                for (const auto& row : a->rows) {
                    std::printf("  %-6s %s %-10s %.3f  FY%d %s %lld円%s\n", row.outcome_ja.c_str(),
                                row.government_code.c_str(), row.government_name.c_str(), row.distance, row.fiscal_year,
                                row.closed_on.c_str(), row.amount.value_or(0),
                                row.outcomes.empty() ? "" : "  成果指標あり");
                }
            } else {
                nlohmann::json rows = nlohmann::json::array();
                for (const auto& row : a->rows) {
                    rows.push_back({{"government_code", row.government_code},
                                    {"government_name", row.government_name},
                                    {"outcome", row.outcome},
                                    {"fiscal_year", row.fiscal_year},
                                    {"closed_on", row.closed_on},
                                    {"distance", row.distance},
                                    {"amount", row.amount ? nlohmann::json(*row.amount) : nlohmann::json()},
                                    {"outcome_metrics", row.outcomes.size()}});
                }
                out["adoption"] = {{"product_id", a->product_id}, {"product_name", a->product_name}, {"items", rows}};
            }
        }
        if (o->json) std::printf("%s\n", out.dump(2).c_str());
        Exit(0);
    });
}

}  // namespace kyoso::cli
