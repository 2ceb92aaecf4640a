#include "kyoso/cli/handoff_commands.hpp"

#include <cstdio>
#include <memory>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db = "kyoso.db";
    std::string status;
    std::string breached;
    std::string as_of;
    int limit = 50;
};

}  // namespace

void RegisterHandoffCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("handoffs", "Hand-offs between sales roles with SLAs (docs/division-of-labour.md)");
    cmd->require_subcommand(1);

    auto* list_cmd = cmd->add_subcommand("list", "Hand-offs with their SLA state, newest first");
    list_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    list_cmd->add_option("--status", o->status, "pending, accepted, returned or cancelled");
    list_cmd->add_option("--breached", o->breached, "true or false");
    list_cmd->add_option("--limit", o->limit, "At most this many (1-200)")->capture_default_str();
    list_cmd->final_callback([o, &quiet] {
        Runtime rt;
        if (!DatabaseExists(o->db)) Exit(Fail(NotFound("no database at " + o->db)));
        if (Status st = rt.Open(o->db, quiet); !st.ok()) Exit(Fail(st));
        if (o->limit < 1 || o->limit > 200) Exit(Fail(InvalidArgument("--limit must be 1-200")));
        app::Principal cli;
        cli.role = domain::AccessRole::kAdmin;
        cli.via = "cli";
        app::HandoffListRequest r;
        r.box = "team";
        if (!o->status.empty()) r.status = o->status;
        if (o->breached == "true") r.breached = true;
        if (o->breached == "false") r.breached = false;
        if (!o->breached.empty() && !r.breached) Exit(Fail(InvalidArgument("--breached must be true or false")));
        r.limit = o->limit;
        auto result = rt.handoffs->List(cli, r);
        if (!result.ok()) Exit(Fail(result.status()));
        for (const auto& v : result->items) {
            const auto& h = v.record;
            std::printf("%6lld  %-9s %-9s %s → %s  due %s (%+d営業日)%s%s  %s %s\n", h.id, h.kind.c_str(),
                        h.status.c_str(), h.from_user_name.c_str(), h.to_user_name.c_str(), h.due_on.c_str(),
                        v.sla.business_days_left, v.breached ? " 超過" : "", v.escalated ? " エスカレーション済" : "",
                        h.government_name.c_str(), h.subject_title.c_str());
        }
        std::printf("%zu of %lld hand-offs%s\n", result->items.size(), result->total,
                    result->next_after_id ? " (more: raise --limit)" : "");
        Exit(0);
    });

    auto* sweep_cmd = cmd->add_subcommand(
        "sweep", "Mark pending hand-offs past due as breached and escalate them to the receiver's manager");
    sweep_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    sweep_cmd->add_option("--as-of", o->as_of, "Sweep as of this date (YYYY-MM-DD; default today, JST)");
    sweep_cmd->final_callback([o, &quiet] {
        Runtime rt;
        if (!DatabaseExists(o->db)) Exit(Fail(NotFound("no database at " + o->db)));
        if (Status st = rt.Open(o->db, quiet); !st.ok()) Exit(Fail(st));
        Date today = rt.clock.Today();
        if (!o->as_of.empty()) {
            auto d = ParseIsoDate(o->as_of);
            if (!d) Exit(Fail(InvalidArgument("--as-of must be YYYY-MM-DD")));
            today = *d;
        }
        if (!quiet) std::fprintf(stderr, "handoffs: sweeping as of %s\n", FormatIsoDate(today).c_str());
        auto counts = rt.handoffs->Sweep(today, "system");
        if (!counts.ok()) Exit(Fail(counts.status()));
        std::printf("breached %lld, escalated %lld\n", counts->breached, counts->escalated);
        Exit(0);
    });
}

}  // namespace kyoso::cli
