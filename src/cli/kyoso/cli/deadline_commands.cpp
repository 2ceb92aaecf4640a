#include "kyoso/cli/deadline_commands.hpp"

#include <cstdio>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

struct DeadlineOptions {
    std::string db = "kyoso.db";
    long long user = 0;
    std::string team;
    std::string today;
    int horizon_days = 90;
    bool ics = false;
};

}  // namespace

std::function<std::optional<int>()> RegisterDeadlineCommands(CLI::App& app) {
    auto o = std::make_shared<DeadlineOptions>();
    auto* cmd = app.add_subcommand(
        "deadlines", "Upcoming budget-cycle deadlines of open deals (docs/fiscal-calendar.md, \"Deadlines per deal\")");
    cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_option("--user", o->user, "Only deals owned by this user id");
    cmd->add_option("--team", o->team, "Only deals owned by this team's users");
    cmd->add_option("--today", o->today, "YYYY-MM-DD (default: today in Japan, or KYOSO_TODAY)");
    cmd->add_option("--horizon-days", o->horizon_days, "Rows due within this many days (1-730)")->capture_default_str();
    cmd->add_flag("--ics", o->ics, "Print the iCalendar feed of --user or --team instead (next 12 months)");

    return [=]() -> std::optional<int> {
        if (!*cmd) return std::nullopt;
        if (!DatabaseExists(o->db)) return Fail(NotFound("no database at " + o->db));
        std::optional<Date> today;
        if (!o->today.empty()) {
            today = ParseIsoDate(o->today);
            if (!today) return Fail(InvalidArgument("--today must be YYYY-MM-DD", {{"today", "YYYY-MM-DD"}}));
        }
        Runtime rt;
        if (Status st = rt.Open(o->db, true); !st.ok()) return Fail(st);
        if (o->ics) {
            if ((o->user > 0) == !o->team.empty()) {
                return Fail(InvalidArgument("--ics needs exactly one of --user or --team", {{"user", "or --team"}}));
            }
            auto text = rt.deadlines->Export(o->team.empty() ? "user" : "team", o->user, o->team, today);
            if (!text.ok()) return Fail(text.status());
            std::fwrite(text->data(), 1, text->size(), stdout);
            return 0;
        }
        app::DeadlineQuery q;
        if (o->user > 0) q.owner_id = o->user;
        if (!o->team.empty()) q.team = o->team;
        q.horizon_days = o->horizon_days;
        q.today = today;
        auto rows = rt.deadlines->List(q);
        if (!rows.ok()) return Fail(rows.status());
        for (const auto& r : *rows) {
            const auto& d = r.deadline;
            std::printf("%s  %s%-5d  deal %lld  %s  %s（%s）  %s  %s\n", FormatIsoDate(d.ActionDate()).c_str(),
                        d.missed ? "missed " : "days ", d.business_days_left, r.deal_id, d.milestone.slug.c_str(),
                        r.government_name.c_str(), r.government_code.c_str(), r.title.c_str(), d.TextJa().c_str());
        }
        std::fprintf(stderr, "%zu deadline(s)\n", rows->size());
        return 0;
    };
}

}  // namespace kyoso::cli
