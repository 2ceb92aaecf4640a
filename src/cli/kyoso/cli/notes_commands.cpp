#include "kyoso/cli/notes_commands.hpp"

#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>

#include "kyoso/api/notes_handlers.hpp"
#include "kyoso/cli/runtime.hpp"
#include "kyoso/mecab/mecab_tokenizer.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db = "kyoso.db";
    std::string text;
    long long activity = 0;
    long long deal = 0;
    std::string date;
};

}  // namespace

void RegisterNotesCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* notes_cmd = app.add_subcommand("notes", "Japanese note analysis (メモ分析, docs/ml.md)");
    notes_cmd->require_subcommand(1);
    auto* analyze_cmd = notes_cmd->add_subcommand(
        "analyze", "Keywords, dates, next steps, budget cues and policy tags of a note, as JSON");
    analyze_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL (for --activity/--deal)")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    auto* text_opt = analyze_cmd->add_option("--text", o->text, "The note text (- reads it from stdin)");
    auto* activity_opt = analyze_cmd->add_option("--activity", o->activity, "A stored activity's notes and outcome");
    auto* deal_opt = analyze_cmd->add_option("--deal", o->deal, "Every activity of a deal, aggregated");
    text_opt->excludes(activity_opt)->excludes(deal_opt);
    activity_opt->excludes(deal_opt);
    analyze_cmd->add_option("--date", o->date, "The note's date for --text (YYYY-MM-DD; default today in Japan)");
    analyze_cmd->final_callback([o, &quiet, text_opt, activity_opt, deal_opt] {
        Runtime rt;
        const bool from_store = activity_opt->count() > 0 || deal_opt->count() > 0;
        if (!from_store && text_opt->count() == 0) {
            Exit(Fail(InvalidArgument("give --text, --activity or --deal", {{"--text", "required"}})));
        }
        if (from_store) {
            if (!DatabaseExists(o->db)) Exit(Fail(NotFound("no database at " + o->db)));
            if (Status st = rt.Open(o->db, quiet); !st.ok()) Exit(Fail(st));
        }
        if (!o->date.empty() && from_store) {
            Exit(Fail(InvalidArgument("--date is for --text: a stored note has its own date",
                                      {{"--date", "only with --text"}})));
        }
        nlohmann::json out;
        if (activity_opt->count() > 0) {
            auto a = rt.notes->AnalyzeActivity(o->activity);
            if (!a.ok()) Exit(Fail(a.status()));
            out = api::NoteAnalysisJson(a->analysis);
            out["activity_id"] = a->activity.id;
            out["text"] = a->text;
        } else if (deal_opt->count() > 0) {
            auto d = rt.notes->AnalyzeDeal(o->deal);
            if (!d.ok()) Exit(Fail(d.status()));
            out = api::DealNotesAnalysisJson(*d);
        } else {
            std::string text = o->text;
            if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
            Date date = rt.clock.Today();
            if (!o->date.empty()) {
                auto parsed = ParseIsoDate(o->date);
                if (!parsed) Exit(Fail(InvalidArgument("--date must be YYYY-MM-DD", {{"--date", o->date}})));
                date = *parsed;
            }
            app::NoteAnalyzer analyzer(nullptr, rt.clock,
                                       app::NoteAnalyzer::TokenizerSource([&rt]() -> const ports::Tokenizer* {
                                           auto opened = mecab::MecabTokenizer::Open();
                                           if (!opened.ok()) return nullptr;
                                           rt.note_tokenizer = *opened;
                                           return rt.note_tokenizer.get();
                                       }));
            auto a = analyzer.Analyze(text, date);
            if (!a.ok()) Exit(Fail(a.status()));
            out = api::NoteAnalysisJson(*a);
        }
        std::printf("%s\n", out.dump(2).c_str());
        Exit(0);
    });
}

}  // namespace kyoso::cli
