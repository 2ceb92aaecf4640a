#include "kyoso/cli/signal_commands.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

// The first `n` characters (code points) of UTF-8 text.
std::string FirstChars(const std::string& text, size_t n) {
    size_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == n) return text.substr(0, i);
    }
    return text;
}

struct Options {
    std::string db = "kyoso.db";
    std::string government;
    std::vector<std::string> paths;
    std::string product, cue, q, from, to;
    int limit = 50;
};

// The files named: each file, and every *.json of each folder (sorted), in order.
Result<std::vector<app::SignalSourceFile>> ReadFiles(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    std::vector<fs::path> names;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<fs::path> found;
            for (const auto& e : fs::directory_iterator(p, ec)) {
                if (e.is_regular_file() && e.path().extension() == ".json") found.push_back(e.path());
            }
            std::sort(found.begin(), found.end());
            names.insert(names.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(p, ec)) {
            names.emplace_back(p);
        } else {
            return NotFound("no file or folder " + p);
        }
    }
    std::vector<app::SignalSourceFile> files;
    for (const auto& n : names) {
        std::ifstream in(n, std::ios::binary);
        if (!in) return NotFound("cannot read " + n.string());
        std::ostringstream bytes;
        bytes << in.rdbuf();
        files.push_back({n.filename().string(), bytes.str()});
    }
    return files;
}

}  // namespace

void RegisterSignalCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* signals_cmd =
        app.add_subcommand("signals", "Signals before the tender from council minutes (議会の兆し, docs/intel.md)");
    signals_cmd->require_subcommand(1);

    auto* import_cmd = signals_cmd->add_subcommand(
        "import", "Import council minutes / 一般質問 notices (JSON) of one government; re-importing adds nothing");
    import_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    import_cmd->add_option("--government", o->government, "Government code (e.g. 102032 桐生市)")->required();
    import_cmd->add_option("paths", o->paths, "Files or folders of *.json")->required();
    import_cmd->final_callback([o, &quiet] {
        Runtime rt;
        if (!DatabaseExists(o->db)) Exit(Fail(NotFound("no database at " + o->db)));
        if (Status st = rt.Open(o->db, quiet); !st.ok()) Exit(Fail(st));
        auto files = ReadFiles(o->paths);
        if (!files.ok()) Exit(Fail(files.status()));
        StderrProgress progress(!quiet);
        const auto started = std::chrono::steady_clock::now();
        auto summary = rt.signals->Import(o->government, *files, "system", progress);
        if (!summary.ok()) Exit(Fail(summary.status()));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::printf("files %lld, speeches %lld, passages %lld, signals %lld (new %lld)%s\n", summary->files,
                    summary->speeches, summary->passages, summary->signals, summary->inserted,
                    summary->matched ? "" : " — no product matcher: cue-only signals");
        for (const auto& [cue, n] : summary->by_cue) std::printf("  %-9s %lld\n", cue.c_str(), n);
        if (!quiet && seconds > 0) {
            std::fprintf(stderr, "signals: %.2f s, %.0f speeches/s\n", seconds,
                         static_cast<double>(summary->speeches) / seconds);
        }
        Exit(0);
    });

    auto* list_cmd = signals_cmd->add_subcommand("list", "Signals, newest first");
    list_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    list_cmd->add_option("--government", o->government, "Government code");
    list_cmd->add_option("--product", o->product, "Product id");
    list_cmd->add_option("--cue", o->cue, "commit, consider, study, negative or need");
    list_cmd->add_option("--q", o->q, "Full-text search in the passages");
    list_cmd->add_option("--from", o->from, "From date (YYYY-MM-DD)");
    list_cmd->add_option("--to", o->to, "To date (YYYY-MM-DD)");
    list_cmd->add_option("--limit", o->limit, "At most this many (1-500)")->capture_default_str();
    list_cmd->final_callback([o, &quiet] {
        Runtime rt;
        if (!DatabaseExists(o->db)) Exit(Fail(NotFound("no database at " + o->db)));
        if (Status st = rt.Open(o->db, quiet); !st.ok()) Exit(Fail(st));
        app::ListParams params;
        if (!o->government.empty()) params["government"] = o->government;
        if (!o->product.empty()) params["product"] = o->product;
        if (!o->cue.empty()) params["cue"] = o->cue;
        if (!o->q.empty()) params["q"] = o->q;
        if (!o->from.empty()) params["from"] = o->from;
        if (!o->to.empty()) params["to"] = o->to;
        params["limit"] = std::to_string(o->limit);
        auto result = rt.signals->List(params);
        if (!result.ok()) Exit(Fail(result.status()));
        for (const auto& s : result->items) {
            std::string terms;
            for (const auto& p : s.products) {
                for (const auto& t : p.terms) terms += (terms.empty() ? "" : ",") + t;
            }
            std::printf("%6lld  %s  %-8s %s（%s）  %s%s\n", s.id,
                        s.spoken_on.empty() ? "----------" : s.spoken_on.c_str(), s.cue.c_str(), s.speaker.c_str(),
                        s.role.c_str(), FirstChars(s.passage, 60).c_str(),
                        terms.empty() ? "" : ("  [" + terms + "]").c_str());
        }
        std::printf("%zu of %lld signals%s\n", result->items.size(), result->total,
                    result->next_cursor ? " (more: raise --limit)" : "");
        Exit(0);
    });
}

}  // namespace kyoso::cli
