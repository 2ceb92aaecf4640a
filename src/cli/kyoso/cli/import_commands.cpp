#include "kyoso/cli/import_commands.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "kyoso/cli/runtime.hpp"
#include "kyoso/text/mapping_file.hpp"

namespace kyoso::cli {

namespace {

struct ImportCsvOptions {
    std::string db = "kyoso.db";
    std::string type;
    std::string file;
    std::string mapping;
    std::string encoding = "auto";
    bool dry_run = false;
    bool json = false;
};

struct ExportCsvOptions {
    std::string db = "kyoso.db";
    std::string type;
    std::string out;
};

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

[[noreturn]] void Fail(const Status& status) {
    std::fprintf(stderr, "error: %s\n", status.message().c_str());
    for (const auto& d : status.details()) std::fprintf(stderr, "  - %s: %s\n", d.field.c_str(), d.message.c_str());
    Exit(1);
}

Result<std::string> ReadWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return InvalidArgument("cannot open '" + path + "'", {{"file", path}});
    const auto size = static_cast<size_t>(in.tellg());
    std::string bytes(size, '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
        return InvalidArgument("cannot read '" + path + "'", {{"file", path}});
    }
    return bytes;
}

domain::RecordType TypeOrFail(const std::string& slug) {
    auto type = domain::RecordTypeFromSlug(slug);
    if (!type) {
        Fail(InvalidArgument("--type: unknown record type '" + slug +
                             "' (governments, departments, officials, products, users, deals, activities, leads)"));
    }
    return *type;
}

void RunImport(const ImportCsvOptions& o, bool quiet) {
    ports::ImportMapping mapping;
    const bool has_mapping = !o.mapping.empty();
    if (has_mapping) {
        auto text = ReadWholeFile(o.mapping);
        if (!text.ok()) Fail(text.status());
        auto parsed = text::MappingFileParser().Parse(*text, o.mapping);
        if (!parsed.ok()) Fail(parsed.status());
        mapping = std::move(*parsed);
    }
    std::string type_slug = o.type.empty() ? mapping.type : o.type;
    if (type_slug.empty()) Fail(InvalidArgument("--type is required (or a mapping file with type = ...)"));
    if (!o.type.empty() && !mapping.type.empty() && mapping.type != o.type) {
        Fail(InvalidArgument("--type " + o.type + " contradicts the mapping's type " + mapping.type));
    }
    app::ImportOptions options;
    options.type = TypeOrFail(type_slug);
    options.dry_run = o.dry_run;
    options.encoding = o.encoding == "utf-8"       ? ports::TextEncoding::kUtf8
                       : o.encoding == "shift_jis" ? ports::TextEncoding::kShiftJis
                                                   : ports::TextEncoding::kAuto;
    options.mapping = has_mapping ? &mapping : nullptr;
    options.source_name = std::filesystem::path(o.file).filename().string();
    options.actor = "cli";

    auto bytes = ReadWholeFile(o.file);
    if (!bytes.ok()) Fail(bytes.status());
    Runtime rt;
    if (Status st = rt.Open(o.db, quiet); !st.ok()) Fail(st);
    StderrProgress progress(!quiet);
    const auto start = std::chrono::steady_clock::now();
    auto report = rt.imports->Import(*bytes, options, progress);
    if (!report.ok()) Fail(report.status());
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto& r = *report;
    if (o.json) {
        nlohmann::json errors = nlohmann::json::array();
        for (const auto& e : r.errors) errors.push_back({{"row", e.row}, {"column", e.column}, {"reason", e.reason}});
        nlohmann::json dups = nlohmann::json::array();
        for (const auto& d : r.duplicates) {
            dups.push_back({{"row", d.row},
                            {"name", d.name},
                            {"government_code", d.government_code},
                            {"existing_id", d.existing_id},
                            {"existing_external_id", d.existing_external_id}});
        }
        nlohmann::json j = {{"type", r.type},           {"encoding", r.encoding},
                            {"sha256", r.sha256},       {"dry_run", r.dry_run},
                            {"applied", r.applied},     {"rows", r.rows},
                            {"inserted", r.inserted},   {"updated", r.updated},
                            {"unchanged", r.unchanged}, {"error_count", r.error_count},
                            {"errors", errors},         {"duplicates", dups},
                            {"columns", r.columns},     {"ignored_columns", r.ignored_columns}};
        std::printf("%s\n", j.dump(2).c_str());
    } else {
        for (const auto& c : r.columns) std::printf("  column %s\n", c.c_str());
        for (const auto& c : r.ignored_columns) std::printf("  ignored column %s\n", c.c_str());
        for (const auto& e : r.errors) {
            std::printf("row %lld%s%s: %s\n", e.row, e.column.empty() ? "" : ", column ", e.column.c_str(),
                        e.reason.c_str());
        }
        for (const auto& d : r.duplicates) {
            std::printf("row %lld: possible duplicate official %s (%s) of %s\n", d.row, d.name.c_str(),
                        d.government_code.c_str(),
                        d.existing_id ? ("official " + std::to_string(d.existing_id) +
                                         (d.existing_external_id.empty() ? "" : " [" + d.existing_external_id + "]"))
                                            .c_str()
                                      : ("an earlier row [" + d.existing_external_id + "]").c_str());
        }
        std::printf("%s %s (%s): %lld rows, %lld inserted, %lld updated, %lld unchanged, %lld errors in %.2f s%s\n",
                    r.dry_run ? "dry run of" : (r.applied ? "imported" : "rejected"), o.file.c_str(),
                    r.encoding.c_str(), r.rows, r.inserted, r.updated, r.unchanged, r.error_count, secs,
                    r.error_count > 0 && !r.dry_run ? "; nothing was written" : "");
    }
    Exit(r.error_count > 0 ? 1 : 0);
}

void RunExport(const ExportCsvOptions& o, bool quiet) {
    const auto type = TypeOrFail(o.type);
    if (!DatabaseExists(o.db)) Fail(NotFound("no database at " + o.db));
    Runtime rt;
    if (Status st = rt.Open(o.db, true); !st.ok()) Fail(st);
    const std::string tmp = o.out + ".part";
    long long bytes = 0;
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) Fail(Unavailable("cannot write " + tmp));
        Status st = rt.imports->Export(type, [&](std::string_view chunk) -> Status {
            out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            bytes += static_cast<long long>(chunk.size());
            return out ? Status::Ok() : Unavailable("cannot write " + tmp);
        });
        if (st.ok()) {
            out.close();
            if (!out) st = Unavailable("cannot write " + tmp);
        }
        if (!st.ok()) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            Fail(st);
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, o.out, ec);
    if (ec) Fail(Unavailable("cannot rename " + tmp + " to " + o.out + ": " + ec.message()));
    if (!quiet) std::fprintf(stderr, "wrote %s (%lld bytes)\n", o.out.c_str(), bytes);
    Exit(0);
}

// The shared command group `name`, created when no other module has (CLI11 2.1
// has no get_subcommand_no_throw).
CLI::App* GroupOf(CLI::App& app, const std::string& name, const std::string& description) {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (sub->get_name() == name) return sub;
    }
    return app.add_subcommand(name, description);
}

}  // namespace

void RegisterImportCsvCommands(CLI::App& app, const bool& quiet) {
    auto import_opts = std::make_shared<ImportCsvOptions>();
    auto* group = GroupOf(app, "import", "Import data from files");
    group->require_subcommand(1);
    auto* csv = group->add_subcommand(
        "csv", "Import records of one type from CSV (UTF-8, UTF-8 with BOM or Shift_JIS), all or nothing");
    csv->add_option("FILE", import_opts->file, "CSV file; the first row is the header")
        ->required()
        ->check(CLI::ExistingFile);
    csv->add_option("--type", import_opts->type,
                    "governments, departments, officials, products, users, deals, activities or leads");
    csv->add_option("--mapping", import_opts->mapping, "Mapping file (TOML or JSON): columns, constants, values")
        ->check(CLI::ExistingFile);
    csv->add_flag("--dry-run", import_opts->dry_run, "Validate every row and list the bad ones; write nothing");
    csv->add_option("--encoding", import_opts->encoding, "auto, utf-8 or shift_jis")
        ->check(CLI::IsMember({"auto", "utf-8", "shift_jis"}))
        ->capture_default_str();
    csv->add_flag("--json", import_opts->json, "Print the report as JSON");
    csv->add_option("--db", import_opts->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    csv->callback([import_opts, &quiet] { RunImport(*import_opts, quiet); });

    auto export_opts = std::make_shared<ExportCsvOptions>();
    auto* exp = GroupOf(app, "export", "Export data to files");
    exp->require_subcommand(1);
    auto* ecsv = exp->add_subcommand("csv", "Export every record of one type as CSV in the import format");
    ecsv->add_option("--type", export_opts->type,
                     "governments, departments, officials, products, users, deals, activities or leads")
        ->required();
    ecsv->add_option("--out", export_opts->out, "Output file (UTF-8 with BOM)")->required();
    ecsv->add_option("--db", export_opts->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    ecsv->callback([export_opts, &quiet] { RunExport(*export_opts, quiet); });
}

}  // namespace kyoso::cli
