#include "kyoso/api/import_handlers.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/import/import_service.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json ReportJson(const app::ImportReport& r) {
    json errors = json::array();
    for (const auto& e : r.errors) errors.push_back({{"row", e.row}, {"column", e.column}, {"reason", e.reason}});
    json duplicates = json::array();
    for (const auto& d : r.duplicates) {
        duplicates.push_back({{"row", d.row},
                              {"name", d.name},
                              {"government_code", d.government_code},
                              {"existing_id", d.existing_id},
                              {"existing_external_id", d.existing_external_id}});
    }
    return {{"type", r.type},           {"encoding", r.encoding},
            {"sha256", r.sha256},       {"dry_run", r.dry_run},
            {"applied", r.applied},     {"rows", r.rows},
            {"inserted", r.inserted},   {"updated", r.updated},
            {"unchanged", r.unchanged}, {"error_count", r.error_count},
            {"errors", errors},         {"duplicates", duplicates},
            {"columns", r.columns},     {"ignored_columns", r.ignored_columns}};
}

// Parses the query into options; InvalidArgument naming the parameter.
Status ReadOptions(const app::ListParams& params, app::ImportOptions* o) {
    std::vector<ErrorDetail> details;
    bool has_type = false;
    for (const auto& [key, value] : params) {
        if (key == "type") {
            auto type = domain::RecordTypeFromSlug(value);
            if (!type) {
                details.push_back({"type", "unknown record type '" + value +
                                               "' (governments, departments, officials, products, users, deals, "
                                               "activities, leads)"});
            } else {
                o->type = *type;
                has_type = true;
            }
        } else if (key == "dry_run") {
            if (value == "true") {
                o->dry_run = true;
            } else if (value == "false") {
                o->dry_run = false;
            } else {
                details.push_back({"dry_run", "must be true or false"});
            }
        } else if (key == "encoding") {
            if (value == "auto") {
                o->encoding = ports::TextEncoding::kAuto;
            } else if (value == "utf-8") {
                o->encoding = ports::TextEncoding::kUtf8;
            } else if (value == "shift_jis") {
                o->encoding = ports::TextEncoding::kShiftJis;
            } else {
                details.push_back({"encoding", "must be auto, utf-8 or shift_jis"});
            }
        } else if (key == "actor_id") {
            long long id = 0;
            auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
            if (ec != std::errc() || p != value.data() + value.size() || id <= 0) {
                details.push_back({"actor_id", "must be a positive user id"});
            } else {
                o->actor = app::UserActor(id);
            }
        } else {
            details.push_back({key, "unknown parameter (type, dry_run, encoding, actor_id)"});
        }
    }
    if (!has_type && details.empty()) details.push_back({"type", "required"});
    if (!details.empty()) return InvalidArgument("invalid import parameters", std::move(details));
    return Status::Ok();
}

}  // namespace

void RegisterImportRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.imports) return;
    app::ImportService& imports = *services.imports;
    server.Post("/api/imports", wrap("/api/imports", [&imports](const httplib::Request& req, httplib::Response& res) {
                    auto params = QueryParams(req);
                    if (!params.ok()) return SendError(res, params.status());
                    app::ImportOptions options;
                    options.actor = "api";
                    options.source_name = "request body";
                    if (Status st = ReadOptions(*params, &options); !st.ok()) return SendError(res, st);
                    const app::Principal& me = CurrentPrincipal();
                    if (options.actor == "api") {
                        options.actor = me.Actor();
                    } else if (options.actor != me.Actor() && me.role != domain::AccessRole::kAdmin) {
                        return SendError(res, PermissionDenied("actor_id: only an administrator may import on "
                                                               "behalf of another user"));
                    }
                    ports::NullProgress progress;
                    auto report = imports.Import(req.body, options, progress);
                    if (!report.ok()) return SendError(res, report.status());
                    // A rejected (not dry-run) import wrote nothing: 422 with the same report.
                    SendJson(res, report->error_count > 0 && !options.dry_run ? 422 : 200, ReportJson(*report));
                }));
}

}  // namespace kyoso::api
