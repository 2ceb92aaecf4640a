#include "kyoso/cli/compliance_commands.hpp"

#include <cstdio>
#include <memory>
#include <optional>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

// Opens an existing database (never creates one for these commands).
Status OpenExisting(Runtime& rt, const std::string& db, bool quiet) {
    if (!DatabaseExists(db)) return NotFound("no database at " + db);
    return rt.Open(db, quiet);
}

struct Options {
    std::string db = "kyoso.db";
    // contact-log add
    std::string government, date, channel, summary, given, received;
    long long user = 0;
    std::optional<long long> official, deal, given_yen, received_yen, corrects;
    // contact-log list
    std::string from, to;
    int limit = 50;
    // export disclosure
    std::string out = ".";
    // search
    std::vector<std::string> words;
    std::string types;
    int search_limit = 20;
};

}  // namespace

void RegisterComplianceCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();

    auto* log_cmd = app.add_subcommand("contact-log", "The compliance contact log (接触記録, docs/compliance.md)");
    log_cmd->require_subcommand(1);
    auto* add_cmd = log_cmd->add_subcommand(
        "add", "Record a contact with an official directly (e.g. a gift offered and declined); append-only");
    add_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    add_cmd->add_option("--government", o->government, "Government code (5 or 6 digits)")->required();
    add_cmd->add_option("--official", o->official, "Official id");
    add_cmd->add_option("--user", o->user, "Id of the sales user who had the contact")->required();
    add_cmd->add_option("--date", o->date, "When (YYYY-MM-DD)")->required();
    add_cmd->add_option("--channel", o->channel, "visit, call, email, ..., gift, meal, event, other")->required();
    add_cmd->add_option("--summary", o->summary, "What happened")->required();
    add_cmd->add_option("--deal", o->deal, "Linked deal id");
    add_cmd->add_option("--given", o->given, "Anything of value given or offered (description)");
    add_cmd->add_option("--given-yen", o->given_yen, "Its estimated value in yen");
    add_cmd->add_option("--received", o->received, "Anything of value received (description)");
    add_cmd->add_option("--received-yen", o->received_yen, "Its estimated value in yen");
    add_cmd->add_option("--corrects", o->corrects, "Id of the entry this one corrects");
    add_cmd->final_callback([o, &quiet] {
        Runtime rt;
        if (Status st = OpenExisting(rt, o->db, quiet); !st.ok()) Exit(Fail(st));
        app::ContactRequest r;
        r.government_code = o->government;
        r.official_id = o->official;
        r.user_id = o->user;
        r.occurred_on = o->date;
        r.channel = o->channel;
        r.summary = o->summary;
        r.deal_id = o->deal;
        r.value_given = o->given;
        r.value_given_yen = o->given_yen;
        r.value_received = o->received;
        r.value_received_yen = o->received_yen;
        r.corrects_id = o->corrects;
        auto row = rt.contact_log->Record(r);
        if (!row.ok()) Exit(Fail(row.status()));
        std::printf("recorded contact log entry %lld\n", row->entry.id);
        Exit(0);
    });

    auto* list_cmd = log_cmd->add_subcommand("list", "Contact log entries, oldest first");
    list_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    list_cmd->add_option("--government", o->government, "Government code");
    list_cmd->add_option("--official", o->official, "Official id");
    list_cmd->add_option("--from", o->from, "From date (YYYY-MM-DD, inclusive)");
    list_cmd->add_option("--to", o->to, "To date (YYYY-MM-DD, inclusive)");
    list_cmd->add_option("--limit", o->limit, "At most this many (1-500)")->capture_default_str();
    list_cmd->final_callback([o, &quiet] {
        Runtime rt;
        if (Status st = OpenExisting(rt, o->db, quiet); !st.ok()) Exit(Fail(st));
        app::ListParams params;
        if (!o->government.empty()) params["government"] = o->government;
        if (o->official) params["official"] = std::to_string(*o->official);
        if (!o->from.empty()) params["from"] = o->from;
        if (!o->to.empty()) params["to"] = o->to;
        params["limit"] = std::to_string(o->limit);
        auto result = rt.contact_log->List(params);
        if (!result.ok()) Exit(Fail(result.status()));
        for (const auto& r : result->items) {
            const auto& e = r.entry;
            std::printf("%6lld  %s  %s  %-8s %s %s  %s%s\n", e.id, FormatIsoDate(e.occurred_on).c_str(),
                        e.government_code.c_str(), std::string(domain::ContactChannelLabelJa(e.channel)).c_str(),
                        e.official_name.empty() ? "-" : e.official_name.c_str(), r.user_name.c_str(),
                        e.summary.substr(0, 80).c_str(),
                        e.corrects_id ? (" (訂正: " + std::to_string(e.corrects_id) + ")").c_str() : "");
        }
        std::printf("%zu entries%s\n", result->items.size(), result->next_cursor ? " (more: raise --limit)" : "");
        Exit(0);
    });

    // Get-or-create the shared `export` group (this CLI11 has no get_subcommand_no_throw).
    CLI::App* export_cmd = nullptr;
    try {
        export_cmd = app.get_subcommand("export");
    } catch (const CLI::OptionNotFound&) {
        export_cmd = app.add_subcommand("export", "Export data to files");
    }
    export_cmd->require_subcommand(1);
    auto* disclosure_cmd = export_cmd->add_subcommand(
        "disclosure", "A government's contact history for 情報公開 as CSV (UTF-8 with BOM) and XLSX");
    disclosure_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    disclosure_cmd->add_option("--government", o->government, "Government code (5 or 6 digits)")->required();
    disclosure_cmd->add_option("--from", o->from, "From date (YYYY-MM-DD, inclusive)");
    disclosure_cmd->add_option("--to", o->to, "To date (YYYY-MM-DD, inclusive)");
    disclosure_cmd->add_option("--out", o->out, "Existing folder to write the two files into")->capture_default_str();
    disclosure_cmd->final_callback([o, &quiet] {
        Runtime rt;
        if (Status st = OpenExisting(rt, o->db, quiet); !st.ok()) Exit(Fail(st));
        auto files = rt.contact_log->ExportDisclosure(o->government, o->from, o->to, o->out);
        if (!files.ok()) Exit(Fail(files.status()));
        std::printf("wrote %lld entries to %s and %s\n", files->rows, files->csv_path.c_str(),
                    files->xlsx_path.c_str());
        Exit(0);
    });

    auto* search_cmd = app.add_subcommand(
        "search",
        "Full-text search (全角/半角, ひらがな/カタカナ insensitive) across governments, officials, deals, "
        "activities and the contact log");
    search_cmd->add_option("query", o->words, "Words (all must match); \"quoted phrase\"; word*")->required();
    search_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    search_cmd->add_option("--types", o->types, "Comma list: government,official,deal,activity,contact");
    search_cmd->add_option("--limit", o->search_limit, "At most this many hits (1-100)")->capture_default_str();
    search_cmd->final_callback([o, &quiet] {
        Runtime rt;
        if (Status st = OpenExisting(rt, o->db, quiet); !st.ok()) Exit(Fail(st));
        std::string q;
        for (const auto& w : o->words) q += (q.empty() ? "" : " ") + w;
        app::ListParams params{{"q", q}, {"limit", std::to_string(o->search_limit)}};
        if (!o->types.empty()) params["types"] = o->types;
        auto result = rt.search->Search(params);
        if (!result.ok()) Exit(Fail(result.status()));
        for (const auto& h : result->items) {
            std::printf("%-10s %-8s %s  %s\n    %s\n", h.type.c_str(), h.id.c_str(), h.government_code.c_str(),
                        h.title.c_str(), h.snippet.c_str());
        }
        std::printf("%zu hits\n", result->items.size());
        Exit(0);
    });
}

}  // namespace kyoso::cli
