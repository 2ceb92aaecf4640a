#include "kyoso/api/import_handlers.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/error_mapping.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/import/import_jobs.hpp"
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

// Parses the query into options and `*async`; InvalidArgument naming the parameter.
Status ReadOptions(const app::ListParams& params, app::ImportOptions* o, bool* async) {
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
        } else if (key == "async") {
            if (value == "true") {
                *async = true;
            } else if (value == "false") {
                *async = false;
            } else {
                details.push_back({"async", "must be true or false"});
            }
        } else {
            details.push_back({key, "unknown parameter (type, dry_run, encoding, actor_id, async)"});
        }
    }
    if (!has_type && details.empty()) details.push_back({"type", "required"});
    if (!details.empty()) return InvalidArgument("invalid import parameters", std::move(details));
    return Status::Ok();
}

// GET /api/import-jobs/{id}: the job with its progress, and once finished the
// answer the synchronous import would have given (status and body).
json JobJson(const app::ImportJobView& job) {
    json http_status = nullptr, report = nullptr, error = nullptr;
    if (job.state == app::ImportJobState::kDone && job.report) {
        http_status = job.report->error_count > 0 && !job.dry_run ? 422 : 200;
        report = ReportJson(*job.report);
    } else if (job.state == app::ImportJobState::kFailed) {
        http_status = HttpStatusFor(job.error.code());
        error = ErrorBody(job.error)["error"];
    }
    auto time = [](const std::string& t) { return t.empty() ? json(nullptr) : json(t); };
    return {{"id", job.id},
            {"type", job.type},
            {"dry_run", job.dry_run},
            {"state", std::string(app::ImportJobStateSlug(job.state))},
            {"phase", job.progress.phase},
            {"done", job.progress.done},
            {"total", job.progress.total},
            {"http_status", http_status},
            {"report", report},
            {"error", error},
            {"started_at", time(job.started_at)},
            {"finished_at", time(job.finished_at)}};
}

}  // namespace

void RegisterImportRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.imports) return;
    app::ImportService& imports = *services.imports;
    app::ImportJobs* jobs = services.import_jobs;
    server.Post(
        "/api/imports", wrap("/api/imports", [&imports, jobs](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            app::ImportOptions options;
            options.actor = "api";
            options.source_name = "request body";
            bool async = false;
            if (Status st = ReadOptions(*params, &options, &async); !st.ok()) return SendError(res, st);
            if (async && !jobs) {
                return SendError(
                    res, InvalidArgument("invalid import parameters", {{"async", "this server runs no import jobs"}}));
            }
            const app::Principal& me = CurrentPrincipal();
            if (options.actor == "api") {
                options.actor = me.Actor();
            } else if (options.actor != me.Actor() && me.role != domain::AccessRole::kAdmin) {
                return SendError(res, PermissionDenied("actor_id: only an administrator may import on "
                                                       "behalf of another user"));
            }
            if (async) {
                auto id = jobs->Submit(req.body, options, me);
                if (!id.ok()) return SendError(res, id.status());
                const std::string url = "/api/import-jobs/" + *id;
                res.set_header("Location", url);
                return SendJson(res, 202, {{"job_id", *id}, {"status_url", url}});
            }
            ports::NullProgress progress;
            auto report = imports.Import(req.body, options, progress);
            if (!report.ok()) return SendError(res, report.status());
            // A rejected (not dry-run) import wrote nothing: 422 with the same report.
            SendJson(res, report->error_count > 0 && !options.dry_run ? 422 : 200, ReportJson(*report));
        }));
    if (!jobs) return;
    server.Get(R"(/api/import-jobs/([^/]+))",
               wrap("/api/import-jobs/{id}", [jobs](const httplib::Request& req, httplib::Response& res) {
                   auto job = jobs->Get(req.matches[1], CurrentPrincipal());
                   if (!job.ok()) return SendError(res, job.status());
                   SendJson(res, 200, JobJson(*job));
               }));
}

}  // namespace kyoso::api
