#include "kyoso/cli/people_commands.hpp"

#include <cstdio>
#include <memory>
#include <string>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

struct RotationOptions {
    std::string db = "kyoso.db";
    std::string file;
    bool dry_run = false;
    std::string effective_date;
};

std::string Ids(const std::vector<long long>& ids) {
    std::string out;
    for (long long id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
    return out;
}

int RunRotations(const RotationOptions& o) {
    if (!DatabaseExists(o.db)) return Fail(NotFound("no database at " + o.db));
    app::RotationOptions options;
    options.dry_run = o.dry_run;
    if (!o.effective_date.empty()) {
        auto d = ParseIsoDate(o.effective_date);
        if (!d) return Fail(InvalidArgument("--effective-date must be YYYY-MM-DD, got '" + o.effective_date + "'"));
        options.effective_date = d;
    }
    Runtime rt;
    if (Status st = rt.Open(o.db, true); !st.ok()) return Fail(st);
    auto report = rt.rotations->ImportFile(o.file, options);
    if (!report.ok()) return Fail(report.status());
    const auto& r = *report;
    for (const auto& row : r.rows) {
        std::printf("row %lld: %s (official %lld)%s: %s -> %s", row.line, row.name.c_str(), row.official_id,
                    row.created_official ? " new" : "", row.from.empty() ? "-" : row.from.c_str(), row.to.c_str());
        if (row.created_department) std::printf(" [department %lld created]", row.department_id);
        if (!row.predecessor_ids.empty()) std::printf(" succeeds %s", Ids(row.predecessor_ids).c_str());
        if (!row.flagged_deal_ids.empty()) std::printf(" flags deals %s", Ids(row.flagged_deal_ids).c_str());
        std::printf("\n");
    }
    std::printf(
        "%s%s: %lld moved, %lld created, %lld departments created, %lld successions linked, %lld deals "
        "flagged (%s)\n",
        r.dry_run ? "dry run, nothing written" : "applied", r.dry_run ? "" : "", r.moved, r.created,
        r.departments_created, r.successions, r.deals_flagged, r.encoding.c_str());
    return 0;
}

}  // namespace

void RegisterPeopleCommands(CLI::App& app) {
    // Get-or-create the shared `import` group (this CLI11 has no get_subcommand_no_throw).
    CLI::App* group = nullptr;
    for (auto* sub : app.get_subcommands([](CLI::App* a) { return a->get_name() == "import"; })) group = sub;
    if (!group) {
        group = app.add_subcommand("import", "Import records from files");
        group->require_subcommand(1);
    }
    auto options = std::make_shared<RotationOptions>();
    auto* cmd = group->add_subcommand(
        "rotations", "Apply a 人事異動 list (CSV: 氏名, かな, 団体コード, 旧所属, 旧職名, 新所属, 新職名, 発令日)");
    cmd->add_option("file", options->file, "CSV file (UTF-8, UTF-8 with BOM or Shift_JIS)")->required();
    cmd->add_option("--db", options->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_flag("--dry-run", options->dry_run, "Print what each row would do and write nothing");
    cmd->add_option("--effective-date", options->effective_date, "発令日 for rows without one (YYYY-MM-DD)");
    cmd->callback([options] {
        const int rc = RunRotations(*options);
        if (rc == 0) throw CLI::Success();
        throw CLI::RuntimeError(rc);
    });
}

}  // namespace kyoso::cli
