#include "kyoso/cli/notice_commands.hpp"

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db = "kyoso.db";
    std::string format;
    std::string file;
    std::string source_name;
    std::string government;
    std::string state;
    std::string q;
    int limit = 50;
};

Result<std::string> ReadWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound("cannot open " + path);
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) return Unavailable("cannot read " + path);
    return out.str();
}

Status OpenExisting(Runtime& rt, const std::string& db, bool quiet) {
    if (!DatabaseExists(db)) return NotFound("no database at " + db);
    return rt.Open(db, quiet);
}

void PrintNotices(const ports::NoticePage& page) {
    for (const auto& s : page.items) {
        const auto& n = s.notice;
        std::printf("%lld\t%s\t%s\t%s\t%s\t%s\n", n.id, n.issued_on ? FormatIsoDate(*n.issued_on).c_str() : "-",
                    s.review_state.c_str(),
                    s.government_name.empty() ? n.organization_name.c_str() : s.government_name.c_str(),
                    n.title.c_str(), s.link_reason.c_str());
    }
    std::printf("%zu of %lld notices\n", page.items.size(), page.total);
}

}  // namespace

void RegisterNoticeCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* group =
        app.add_subcommand("notices", "Tender notices (入札公告): import, list, review queue (docs/intel.md)");
    group->require_subcommand(1);
    auto db_option = [o](CLI::App* cmd) {
        cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
            ->envname("KYOSO_DB")
            ->capture_default_str();
    };

    auto* import_cmd = group->add_subcommand(
        "import", "Read a notice file, link each notice to its government, match products and alert (all or nothing)");
    db_option(import_cmd);
    import_cmd->add_option("--format", o->format, "kkj (官公需 search API XML), csv or rss")->required();
    import_cmd->add_option("--source-name", o->source_name,
                           "Source name stored with each notice (default: the format)");
    import_cmd->add_option("file", o->file, "The notice file")->required();
    import_cmd->callback([o, &quiet] {
        auto format = ports::NoticeFormatFromSlug(o->format);
        if (!format) Exit(Fail(InvalidArgument("--format: must be kkj, csv or rss (got '" + o->format + "')")));
        auto bytes = ReadWholeFile(o->file);
        if (!bytes.ok()) Exit(Fail(bytes.status()));
        Runtime rt;
        if (Status st = rt.Open(o->db, quiet); !st.ok()) Exit(Fail(st));
        StderrProgress progress(!quiet);
        auto counts = rt.notices->Import(*format, *bytes, o->source_name, "cli", &progress);
        if (!counts.ok()) Exit(Fail(counts.status()));
        std::printf(
            "notices: %lld read, %lld new, %lld updated, %lld duplicates, %lld linked, %lld in the review queue, "
            "%lld product matches, %lld alerts\n",
            counts->read, counts->inserted, counts->updated, counts->duplicates, counts->linked, counts->queued,
            counts->matched, counts->alerts);
        Exit(0);
    });

    auto* list_cmd = group->add_subcommand("list", "Stored notices, newest first");
    db_option(list_cmd);
    list_cmd->add_option("--government", o->government, "Only this government (6-digit code)");
    list_cmd->add_option("--state", o->state, "linked, needs_review or dismissed");
    list_cmd->add_option("--q", o->q, "Text in the title");
    list_cmd->add_option("--limit", o->limit, "How many")->capture_default_str();
    list_cmd->callback([o, &quiet] {
        Runtime rt;
        if (Status st = OpenExisting(rt, o->db, quiet); !st.ok()) Exit(Fail(st));
        ports::NoticeQuery q;
        if (!o->government.empty()) q.government_code = o->government;
        if (!o->state.empty()) q.review_state = o->state;
        if (!o->q.empty()) q.title_contains = o->q;
        q.limit = o->limit;
        auto page = rt.notices->List(q);
        if (!page.ok()) Exit(Fail(page.status()));
        PrintNotices(*page);
        Exit(0);
    });

    auto* review_cmd = group->add_subcommand("review", "The review queue: notices not linked to a government");
    db_option(review_cmd);
    review_cmd->add_option("--limit", o->limit, "How many")->capture_default_str();
    review_cmd->callback([o, &quiet] {
        Runtime rt;
        if (Status st = OpenExisting(rt, o->db, quiet); !st.ok()) Exit(Fail(st));
        ports::NoticeQuery q;
        q.review_state = "needs_review";
        q.limit = o->limit;
        auto page = rt.notices->List(q);
        if (!page.ok()) Exit(Fail(page.status()));
        PrintNotices(*page);
        Exit(0);
    });
}

}  // namespace kyoso::cli
