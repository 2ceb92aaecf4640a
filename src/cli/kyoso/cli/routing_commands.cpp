#include "kyoso/cli/routing_commands.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db = "kyoso.db";
    std::string source = "inquiry";
    std::string government;
    long long product = 0;
    std::string on;
};

void AddDb(CLI::App* cmd, Options& o) {
    cmd->add_option("--db", o.db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
}

void Open(Runtime& rt, const Options& o, bool quiet) {
    if (!DatabaseExists(o.db)) Exit(Fail(NotFound("no database at " + o.db)));
    if (Status st = rt.Open(o.db, quiet); !st.ok()) Exit(Fail(st));
}

}  // namespace

void RegisterRoutingCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* routing =
        app.add_subcommand("routing", "Lead routing rules, simulation and re-routing (docs/division-of-labour.md)");
    routing->require_subcommand(1);

    auto* rules = routing->add_subcommand("rules", "The routing rules in order");
    AddDb(rules, *o);
    rules->final_callback([o, &quiet] {
        Runtime rt;
        Open(rt, *o, quiet);
        auto list = rt.routing->ListRules();
        if (!list.ok()) Exit(Fail(list.status()));
        for (const auto& r : *list) {
            std::printf("%3d  #%-4lld %s%s  %s → %s（%s%s）  再割当 %d営業日\n", r.rule.position, r.rule.id,
                        r.rule.name.c_str(), r.rule.active ? "" : " [無効]", r.conditions_ja.c_str(),
                        r.team_name.c_str(), r.rule.strategy.c_str(),
                        r.owner_name.empty() ? "" : (" " + r.owner_name).c_str(), r.rule.reroute_after_business_days);
        }
        std::fprintf(stderr, "%zu rule(s)\n", list->size());
        Exit(0);
    });

    auto* simulate = routing->add_subcommand("simulate", "Which rule and user a lead would get (writes nothing)");
    AddDb(simulate, *o);
    simulate->add_option("--source", o->source, "seminar, inquiry, notice or referral")->capture_default_str();
    simulate->add_option("--government", o->government, "Government code")->required();
    simulate->add_option("--product", o->product, "Product id");
    simulate->add_option("--on", o->on, "Date deciding absences (YYYY-MM-DD; default today)");
    simulate->final_callback([o, &quiet] {
        Runtime rt;
        Open(rt, *o, quiet);
        app::RoutingSimulation q;
        q.source = o->source;
        q.government_code = o->government;
        q.product_id = o->product;
        if (!o->on.empty()) {
            q.on = ParseIsoDate(o->on);
            if (!q.on) Exit(Fail(InvalidArgument("--on must be YYYY-MM-DD", {{"on", "YYYY-MM-DD"}})));
        }
        auto sim = rt.routing->Simulate(q);
        if (!sim.ok()) Exit(Fail(sim.status()));
        const auto& d = sim->decision;
        if (d.user_id) {
            std::printf("user %lld %s\n", d.user_id, d.user_name.c_str());
        } else {
            std::printf("unassigned\n");
        }
        std::printf("%s\n", d.reason.c_str());
        Exit(0);
    });

    auto* reroute = routing->add_subcommand(
        "reroute", "Re-route open leads whose owner is absent past the rule's limit (business days)");
    AddDb(reroute, *o);
    reroute->final_callback([o, &quiet] {
        Runtime rt;
        Open(rt, *o, quiet);
        auto summary = rt.routing->Reroute(0);
        if (!summary.ok()) Exit(Fail(summary.status()));
        for (const auto& r : summary->rerouted) {
            std::printf("lead %lld: %lld → %lld  %s\n", r.lead_id, r.from_user_id, r.to_user_id, r.reason.c_str());
        }
        std::fprintf(stderr, "checked %d lead(s) of absent owners, re-routed %zu\n", summary->checked,
                     summary->rerouted.size());
        Exit(0);
    });

    auto* teams = app.add_subcommand("teams", "Teams with their members and territories");
    AddDb(teams, *o);
    teams->final_callback([o, &quiet] {
        Runtime rt;
        Open(rt, *o, quiet);
        auto list = rt.routing->ListTeams();
        if (!list.ok()) Exit(Fail(list.status()));
        for (const auto& t : *list) {
            std::printf("#%lld %s  role %s  manager %s  %zu member(s), %zu territor%s\n", t.team.id,
                        t.team.name.c_str(), t.team.role.empty() ? "(mixed)" : t.team.role.c_str(),
                        t.manager_name.empty() ? "-" : t.manager_name.c_str(), t.members.size(), t.territories.size(),
                        t.territories.size() == 1 ? "y" : "ies");
            for (const auto& m : t.members) {
                std::printf("    %5lld  %-16s %s%s\n", m.user_id, m.role.c_str(), m.name.c_str(),
                            m.absent_until ? ("  不在（" + FormatIsoDate(*m.absent_until) + "まで）").c_str() : "");
            }
        }
        Exit(0);
    });
}

struct ServeRerouteWorker::Impl {
    Runtime& rt;
    std::mutex mu;
    std::condition_variable wake;
    bool stopping = false;
    std::thread thread;

    explicit Impl(Runtime& r) : rt(r) {
        thread = std::thread([this] {
            Date last = rt.clock.Today();
            std::unique_lock lock(mu);
            while (!stopping) {
                wake.wait_for(lock, std::chrono::minutes(10), [this] { return stopping; });
                if (stopping) break;
                const Date today = rt.clock.Today();
                if (today == last) continue;
                last = today;
                lock.unlock();
                auto summary = rt.routing->Reroute(0);
                if (summary.ok()) {
                    spdlog::info(R"({{"event":"reroute","date":"{}","checked":{},"rerouted":{}}})",
                                 FormatIsoDate(today), summary->checked, summary->rerouted.size());
                } else {
                    spdlog::warn(R"({{"event":"reroute_failed","reason":{}}})",
                                 nlohmann::json(summary.status().message()).dump());
                }
                lock.lock();
            }
        });
    }
};

ServeRerouteWorker::ServeRerouteWorker(Runtime& rt) : impl_(std::make_unique<Impl>(rt)) {}
ServeRerouteWorker::~ServeRerouteWorker() { Stop(); }
void ServeRerouteWorker::Stop() {
    if (!impl_) return;
    {
        std::lock_guard lock(impl_->mu);
        impl_->stopping = true;
    }
    impl_->wake.notify_all();
    if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace kyoso::cli
