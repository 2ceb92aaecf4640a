#include "kyoso/api/kpi_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json FigureJson(const domain::KpiFigure& f) {
    return {{"value", OrNull(f.value)}, {"numerator", OrNull(f.numerator)}, {"denominator", OrNull(f.denominator)}};
}

json RowJson(const app::KpiRow& row) {
    json kpis = json::object();
    for (const auto& v : row.values) {
        json k = FigureJson(v.figure);
        k["quota"] = OrNull(v.quota);
        k["attainment"] = OrNull(v.attainment);
        kpis[v.name] = std::move(k);
    }
    json body = {{"team", row.team},
                 {"user_id", IdOrNull(row.user_id)},
                 {"name", row.name},
                 {"members", row.members},
                 {"kpis", std::move(kpis)}};
    if (!row.stage_cycle.empty()) {
        json stages = json::array();
        for (const auto& s : row.stage_cycle) {
            stages.push_back({{"stage", domain::StageSlug(s.stage)},
                              {"stage_label", domain::StageLabelJa(s.stage)},
                              {"average_days", s.average_days},
                              {"deals", s.deals}});
        }
        body["stage_cycle"] = std::move(stages);
    }
    if (!row.accounts.empty()) {
        json accounts = json::array();
        for (const auto& a : row.accounts) {
            accounts.push_back({{"government_code", a.government_code},
                                {"score", a.score},
                                {"engagement", a.engagement},
                                {"outcomes", a.outcomes},
                                {"issues", a.issues}});
        }
        body["accounts"] = std::move(accounts);
    }
    return body;
}

json OutcomeJson(const app::OutcomeView& v) {
    const auto& m = v.metric;
    json values = json::array();
    for (const auto& x : v.measurements) {
        values.push_back({{"id", x.id},
                          {"measured_on", x.measured_on},
                          {"value", x.value},
                          {"note", x.note},
                          {"recorded_by", x.recorded_by},
                          {"created_at", x.created_at}});
    }
    return {{"id", m.id},
            {"deal_id", m.deal_id},
            {"government_code", m.government_code},
            {"product_id", m.product_id},
            {"name", m.name},
            {"unit", m.unit},
            {"direction", m.direction},
            {"baseline", m.baseline},
            {"baseline_on", m.baseline_on},
            {"target", m.target},
            {"target_on", m.target_on},
            {"owner_id", m.owner_id},
            {"created_at", m.created_at},
            {"latest", OrNull(v.latest)},
            {"progress", OrNull(v.progress)},
            {"measurements", std::move(values)}};
}

json OutcomeListJson(const std::vector<app::OutcomeView>& views) {
    json items = json::array();
    for (const auto& v : views) items.push_back(OutcomeJson(v));
    return {{"items", std::move(items)}, {"total", views.size()}};
}

json PhaseJson(const app::DealPhase& p) {
    return {{"deal_id", p.deal_id},
            {"support_phase", domain::SupportPhaseSlug(p.phase)},
            {"support_phase_label", domain::SupportPhaseLabelJa(p.phase)},
            {"derived", domain::SupportPhaseSlug(p.derived)},
            {"override", p.override_slug}};
}

json QuotasJson(int fiscal_year, const std::vector<ports::QuotaRecord>& quotas) {
    json items = json::array();
    for (const auto& q : quotas) {
        items.push_back({{"id", q.id},
                         {"fiscal_year", q.fiscal_year},
                         {"team", q.team},
                         {"user_id", IdOrNull(q.user_id)},
                         {"metric", q.metric},
                         {"target", q.target}});
    }
    return {{"fiscal_year", fiscal_year}, {"items", std::move(items)}};
}

// A JSON number member; errors name the field.
std::optional<double> NumberField(BodyReader& body, const std::string& field, bool required) {
    const json* v = body.Raw(field);
    if (!v) {
        if (required) body.AddError(field, "required");
        return std::nullopt;
    }
    if (!v->is_number()) {
        body.AddError(field, "must be a number");
        return std::nullopt;
    }
    return v->get<double>();
}

app::OutcomeRequest ReadOutcome(BodyReader& body, bool creating) {
    app::OutcomeRequest r;
    r.name = body.String("name", creating);
    r.unit = body.String("unit", false);
    r.direction = body.String("direction", false);
    r.baseline = NumberField(body, "baseline", creating);
    r.baseline_on = body.String("baseline_on", creating);
    r.target = NumberField(body, "target", creating);
    r.target_on = body.String("target_on", creating);
    r.owner_id = body.Int("owner_id", false);
    return r;
}

const std::set<std::string> kOutcomeFields = {"name",        "unit",   "direction", "baseline",
                                              "baseline_on", "target", "target_on", "owner_id"};

Result<int> IntParam(const app::ListParams& params, const std::string& name, int fallback, int min, int max) {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty()) return fallback;
    try {
        size_t used = 0;
        const int v = std::stoi(it->second, &used);
        if (used == it->second.size() && v >= min && v <= max) return v;
    } catch (const std::exception&) {
    }
    return InvalidArgument("invalid " + name,
                           {{name, "a whole number " + std::to_string(min) + "-" + std::to_string(max)}});
}

}  // namespace

void RegisterKpiRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.kpis) return;
    app::KpiService& kpis = *services.kpis;
    app::AccessGuard& guard = *services.guard;

    server.Get(
        "/api/kpis", wrap("/api/kpis", [&kpis](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            if (Status st = app::CheckKnownParams(*params, {"fiscal_year", "quarter", "role", "team"}); !st.ok()) {
                return SendError(res, st);
            }
            const app::Principal& me = CurrentPrincipal();
            auto fy = IntParam(*params, "fiscal_year", 0, 1989, 2100);
            if (!fy.ok()) return SendError(res, fy.status());
            auto quarter = IntParam(*params, "quarter", 0, 0, 4);
            if (!quarter.ok()) return SendError(res, quarter.status());
            app::KpiQuery q;
            q.fiscal_year = *fy;
            q.quarter = *quarter;
            auto role = params->find("role");
            auto kpi_role = app::KpiRoleFor(me, role != params->end() ? role->second : "");
            if (!kpi_role.ok()) return SendError(res, kpi_role.status());
            q.role = *kpi_role;
            if (auto team = params->find("team"); team != params->end()) q.team = team->second;
            if (q.fiscal_year == 0) {
                return SendError(res,
                                 InvalidArgument("fiscal_year is required", {{"fiscal_year", "required, e.g. 2026"}}));
            }
            auto report = kpis.Report(q);
            if (!report.ok()) return SendError(res, report.status());
            json teams = json::array();
            for (const auto& row : report->teams) teams.push_back(RowJson(row));
            json users = json::array();
            for (const auto& row : report->users) users.push_back(RowJson(row));
            SendJson(res, 200,
                     {{"fiscal_year", report->period.fiscal_year},
                      {"fiscal_year_label", domain::FiscalYear(report->period.fiscal_year).WarekiLabel()},
                      {"quarter", report->period.quarter == 0 ? json(nullptr) : json(report->period.quarter)},
                      {"from", FormatIsoDate(report->period.from)},
                      {"to", FormatIsoDate(report->period.to)},
                      {"as_of", FormatIsoDate(report->as_of)},
                      {"role", report->role},
                      {"kpi_names", app::KpiNamesOfRole(report->role)},
                      {"teams", std::move(teams)},
                      {"users", std::move(users)}});
        }));

    server.Get("/api/quotas", wrap("/api/quotas", [&kpis](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"fiscal_year"}); !st.ok()) return SendError(res, st);
                   auto fy = IntParam(*params, "fiscal_year", 0, 1989, 2100);
                   if (!fy.ok()) return SendError(res, fy.status());
                   if (*fy == 0) {
                       return SendError(
                           res, InvalidArgument("fiscal_year is required", {{"fiscal_year", "required, e.g. 2026"}}));
                   }
                   auto list = kpis.Quotas(*fy);
                   if (!list.ok()) return SendError(res, list.status());
                   SendJson(res, 200, QuotasJson(*fy, *list));
               }));

    server.Put("/api/quotas", wrap("/api/quotas", [&kpis](const httplib::Request& req, httplib::Response& res) {
                   BodyReader body(req.body, {"fiscal_year", "quotas"});
                   auto fy = body.Int("fiscal_year", true);
                   auto quotas = body.ObjectArray<ports::QuotaRecord>(
                       "quotas", {"team", "user_id", "metric", "target"}, [](BodyReader::Item& item) {
                           ports::QuotaRecord q;
                           q.team = item.String("team", false).value_or("");
                           q.user_id = item.Int("user_id", false).value_or(0);
                           q.metric = item.String("metric", true).value_or("");
                           q.target = static_cast<double>(item.Int("target", true).value_or(-1));
                           return q;
                       });
                   if (!body.Has("quotas")) body.AddError("quotas", "required");
                   if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                   auto saved = kpis.ReplaceQuotas(
                       static_cast<int>(*fy), quotas.value_or(std::vector<ports::QuotaRecord>{}), CurrentPrincipal());
                   if (!saved.ok()) return SendError(res, saved.status());
                   SendJson(res, 200, QuotasJson(static_cast<int>(*fy), *saved));
               }));

    server.Get(
        R"(/api/deals/([^/]+)/support-phase)",
        wrap("/api/deals/{id}/support-phase", [&kpis, &guard](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "deal");
            if (!id.ok()) return SendError(res, id.status());
            if (Status st = guard.CanReadDeal(CurrentPrincipal(), *id); !st.ok()) return SendError(res, st);
            auto phase = kpis.PhaseOfDeal(*id);
            if (!phase.ok()) return SendError(res, phase.status());
            SendJson(res, 200, PhaseJson(*phase));
        }));

    server.Put(
        R"(/api/deals/([^/]+)/support-phase)",
        wrap("/api/deals/{id}/support-phase", [&kpis, &guard](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "deal");
            if (!id.ok()) return SendError(res, id.status());
            BodyReader body(req.body, {"support_phase"});
            auto slug = body.String("support_phase", true);
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            const app::Principal& me = CurrentPrincipal();
            if (Status st = guard.CanWriteDeal(me, *id); !st.ok()) return SendError(res, st);
            auto phase = kpis.SetPhase(*id, *slug, me);
            if (!phase.ok()) return SendError(res, phase.status());
            SendJson(res, 200, PhaseJson(*phase));
        }));

    server.Get(
        R"(/api/governments/([^/]+)/phases)",
        wrap("/api/governments/{code}/phases", [&kpis](const httplib::Request& req, httplib::Response& res) {
            auto phases = kpis.PhasesOfGovernment(req.matches[1]);
            if (!phases.ok()) return SendError(res, phases.status());
            SendJson(res, 200,
                     {{"government_code", phases->government_code},
                      {"policy_formation", phases->policy_formation},
                      {"implementation", phases->implementation},
                      {"support_phase", phases->phase ? json(domain::SupportPhaseSlug(*phases->phase)) : json(nullptr)},
                      {"support_phase_label",
                       phases->phase ? json(domain::SupportPhaseLabelJa(*phases->phase)) : json(nullptr)}});
        }));

    server.Get(R"(/api/governments/([^/]+)/outcomes)",
               wrap("/api/governments/{code}/outcomes", [&kpis](const httplib::Request& req, httplib::Response& res) {
                   auto list = kpis.OutcomesOfGovernment(req.matches[1]);
                   if (!list.ok()) return SendError(res, list.status());
                   SendJson(res, 200, OutcomeListJson(*list));
               }));

    server.Get(R"(/api/deals/([^/]+)/outcomes)",
               wrap("/api/deals/{id}/outcomes", [&kpis, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "deal");
                   if (!id.ok()) return SendError(res, id.status());
                   if (Status st = guard.CanReadDeal(CurrentPrincipal(), *id); !st.ok()) return SendError(res, st);
                   auto list = kpis.OutcomesOfDeal(*id);
                   if (!list.ok()) return SendError(res, list.status());
                   SendJson(res, 200, OutcomeListJson(*list));
               }));

    server.Post(R"(/api/deals/([^/]+)/outcomes)",
                wrap("/api/deals/{id}/outcomes", [&kpis, &guard](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "deal");
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body, kOutcomeFields);
                    app::OutcomeRequest r = ReadOutcome(body, true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    const app::Principal& me = CurrentPrincipal();
                    if (Status st = guard.CanReadDeal(me, *id); !st.ok()) return SendError(res, st);
                    if (Status st = kpis.CanWriteOutcome(me, guard.authorizer(), nullptr); !st.ok()) {
                        return SendError(res, st);
                    }
                    auto created = kpis.CreateOutcome(*id, r, me);
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, OutcomeJson(*created));
                }));

    server.Patch(R"(/api/outcomes/([^/]+))",
                 wrap("/api/outcomes/{id}", [&kpis, &guard](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "outcome metric");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, kOutcomeFields);
                     app::OutcomeRequest r = ReadOutcome(body, false);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto existing = kpis.Outcome(*id);
                     if (!existing.ok()) return SendError(res, existing.status());
                     const app::Principal& me = CurrentPrincipal();
                     if (Status st = kpis.CanWriteOutcome(me, guard.authorizer(), &existing->metric); !st.ok()) {
                         return SendError(res, st);
                     }
                     auto updated = kpis.UpdateOutcome(*id, r, me);
                     if (!updated.ok()) return SendError(res, updated.status());
                     SendJson(res, 200, OutcomeJson(*updated));
                 }));

    server.Delete(R"(/api/outcomes/([^/]+))",
                  wrap("/api/outcomes/{id}", [&kpis, &guard](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "outcome metric");
                      if (!id.ok()) return SendError(res, id.status());
                      auto existing = kpis.Outcome(*id);
                      if (!existing.ok()) return SendError(res, existing.status());
                      const app::Principal& me = CurrentPrincipal();
                      if (Status st = kpis.CanWriteOutcome(me, guard.authorizer(), &existing->metric); !st.ok()) {
                          return SendError(res, st);
                      }
                      if (Status st = kpis.DeleteOutcome(*id, me); !st.ok()) return SendError(res, st);
                      SendJson(res, 200, {{"deleted", true}});
                  }));

    server.Post(
        R"(/api/outcomes/([^/]+)/measurements)",
        wrap("/api/outcomes/{id}/measurements", [&kpis, &guard](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "outcome metric");
            if (!id.ok()) return SendError(res, id.status());
            BodyReader body(req.body, {"measured_on", "value", "note"});
            app::MeasurementRequest r;
            r.measured_on = body.String("measured_on", true);
            r.value = NumberField(body, "value", true);
            r.note = body.String("note", false);
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            auto existing = kpis.Outcome(*id);
            if (!existing.ok()) return SendError(res, existing.status());
            const app::Principal& me = CurrentPrincipal();
            if (Status st = kpis.CanWriteOutcome(me, guard.authorizer(), &existing->metric); !st.ok()) {
                return SendError(res, st);
            }
            auto updated = kpis.RecordMeasurement(*id, r, me);
            if (!updated.ok()) return SendError(res, updated.status());
            SendJson(res, 201, OutcomeJson(*updated));
        }));
}

}  // namespace kyoso::api
