#include "kyoso/cli/cadence_commands.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "kyoso/app/cadence/task_generation_worker.hpp"
#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db = "kyoso.db";
    long long id = 0;
    long long user = 0;
    std::string due = "all";
    std::string status = "open";
    int limit = 100;
};

void OpenOrExit(Runtime& rt, const std::string& db, bool quiet) {
    if (!DatabaseExists(db)) Exit(Fail(NotFound("no database at " + db)));
    if (Status st = rt.Open(db, quiet); !st.ok()) Exit(Fail(st));
}

CLI::Option* DbOption(CLI::App* cmd, Options& o) {
    return cmd->add_option("--db", o.db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
}

}  // namespace

void RegisterCadenceCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* cadences_cmd =
        app.add_subcommand("cadences", "Cadences (シーケンス) with A/B variants (docs/division-of-labour.md)");
    cadences_cmd->require_subcommand(1);

    auto* list_cmd = cadences_cmd->add_subcommand("list", "Every cadence with its steps and enrolments");
    DbOption(list_cmd, *o);
    list_cmd->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        auto list = rt.cadences->List();
        if (!list.ok()) Exit(Fail(list.status()));
        for (const auto& c : *list) {
            std::printf("%4lld  %-8s %-6s steps %-2lld enrolments %lld (active %lld)  %s%s\n", c.id, c.target.c_str(),
                        c.active ? "active" : "off", c.step_count, c.enrolments, c.active_enrolments, c.name.c_str(),
                        c.owner_team.empty() ? "" : ("  [" + c.owner_team + "]").c_str());
        }
        std::fprintf(stderr, "%zu cadence(s)\n", list->size());
        Exit(0);
    });

    auto* show_cmd = cadences_cmd->add_subcommand("show", "One cadence: steps (A/B) and the variant comparison");
    DbOption(show_cmd, *o);
    show_cmd->add_option("id", o->id, "Cadence id")->required();
    show_cmd->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        auto d = rt.cadences->Get(o->id);
        if (!d.ok()) Exit(Fail(d.status()));
        std::printf("%s (%s)\n%s\n", d->cadence.name.c_str(), d->cadence.target.c_str(),
                    d->cadence.description.c_str());
        for (const auto& s : d->steps) {
            const std::string kind(domain::CadenceStepKindSlug(s.kind));
            if (s.kind == domain::CadenceStepKind::kWait) {
                std::printf("  %d. wait %d business days\n", s.position, s.wait_business_days);
                continue;
            }
            std::printf(
                "  %d. %-5s %s%s\n", s.position, kind.c_str(), s.title.c_str(),
                s.wait_business_days ? (" (after " + std::to_string(s.wait_business_days) + " bd)").c_str() : "");
            if (s.variant_b_kind) {
                std::printf("     B: %-5s %s\n", std::string(domain::CadenceStepKindSlug(*s.variant_b_kind)).c_str(),
                            s.variant_b_title.c_str());
            }
        }
        auto stats = rt.cadences->CompareVariants(o->id);
        if (!stats.ok()) Exit(Fail(stats.status()));
        std::printf("variant  enrolled  active  completed  stopped  meetings  rate\n");
        for (const auto& v : *stats) {
            char rate[16] = "-";
            if (v.meeting_rate) std::snprintf(rate, sizeof rate, "%.1f%%", *v.meeting_rate * 100);
            std::printf("%-7s  %8lld  %6lld  %9lld  %7lld  %8lld  %s\n", v.variant.c_str(), v.enrolled, v.active,
                        v.completed, v.stopped, v.meetings, rate);
        }
        Exit(0);
    });

    auto* tasks_cmd = app.add_subcommand("tasks", "Tasks (やること): cadence steps and manual tasks");
    tasks_cmd->require_subcommand(1);
    auto* gen_cmd = tasks_cmd->add_subcommand(
        "generate", "Create every cadence task due up to today (KYOSO_TODAY pins it); running it twice adds nothing");
    DbOption(gen_cmd, *o);
    gen_cmd->add_option("--user", o->user, "Only this user's enrolments");
    gen_cmd->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        auto s = rt.cadences->GenerateDueTasks(o->user > 0 ? std::optional<long long>(o->user) : std::nullopt);
        if (!s.ok()) Exit(Fail(s.status()));
        std::printf("enrolments %lld, tasks created %lld, refused (do-not-contact) %lld, completed %lld\n",
                    s->enrolments, s->created, s->refused, s->completed);
        Exit(0);
    });

    auto* tlist_cmd = tasks_cmd->add_subcommand("list", "A user's tasks, oldest due date first");
    DbOption(tlist_cmd, *o);
    tlist_cmd->add_option("--user", o->user, "User id")->required();
    tlist_cmd->add_option("--due", o->due, "today, overdue, upcoming or all")->capture_default_str();
    tlist_cmd->add_option("--status", o->status, "open, done, skipped or any")->capture_default_str();
    tlist_cmd->add_option("--limit", o->limit, "At most this many (1-500)")->capture_default_str();
    tlist_cmd->final_callback([o, &quiet] {
        Runtime rt;
        OpenOrExit(rt, o->db, quiet);
        if (o->limit < 1 || o->limit > 500)
            Exit(Fail(InvalidArgument("--limit must be 1..500", {{"limit", "1..500"}})));
        ports::TaskQuery q;
        q.user_id = o->user;
        q.limit = o->limit;
        if (o->status != "any") {
            if (o->status != "open" && o->status != "done" && o->status != "skipped") {
                Exit(Fail(InvalidArgument("--status must be open, done, skipped or any", {{"status", o->status}})));
            }
            q.status = o->status;
        }
        const Date today = rt.clock.Today();
        if (o->due == "today") {
            q.due_from = q.due_to = FormatIsoDate(today);
        } else if (o->due == "overdue") {
            q.due_to = FormatIsoDate(AddDays(today, -1));
        } else if (o->due == "upcoming") {
            q.due_from = FormatIsoDate(AddDays(today, 1));
        } else if (o->due != "all") {
            Exit(Fail(InvalidArgument("--due must be today, overdue, upcoming or all", {{"due", o->due}})));
        }
        auto gen = rt.cadences->GenerateDueTasks(o->user);
        if (!gen.ok()) Exit(Fail(gen.status()));
        auto page = rt.cadences->Tasks(q);
        if (!page.ok()) Exit(Fail(page.status()));
        for (const auto& t : page->items) {
            std::printf("%6lld  %s  %-7s %-5s %s%s  %s\n", t.id, t.due_on.c_str(), t.status.c_str(), t.kind.c_str(),
                        t.title.c_str(), t.variant.empty() ? "" : (" [" + t.variant + "]").c_str(),
                        t.government_name.c_str());
        }
        std::printf("%zu of %lld tasks\n", page->items.size(), page->total);
        Exit(0);
    });
}

struct ServeTaskGenerator::Impl {
    explicit Impl(Runtime& rt)
        : worker(
              *rt.cadences, std::chrono::hours(1),
              [](const app::GenerationSummary& s) {
                  if (s.created + s.refused + s.completed == 0) return;
                  spdlog::info(R"({{"event":"tasks_generated","created":{},"refused":{},"completed":{}}})", s.created,
                               s.refused, s.completed);
              },
              [](const Status& st) {
                  spdlog::warn(R"({{"event":"tasks_generate_failed","reason":{}}})",
                               nlohmann::json(st.message()).dump());
              }) {}
    app::TaskGenerationWorker worker;
};

ServeTaskGenerator::ServeTaskGenerator(Runtime& rt) : impl_(std::make_unique<Impl>(rt)) { impl_->worker.Start(); }
ServeTaskGenerator::~ServeTaskGenerator() { Stop(); }
void ServeTaskGenerator::Stop() { impl_->worker.Stop(); }

}  // namespace kyoso::cli
