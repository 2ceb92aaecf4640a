#include "kyoso/api/auth_context.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <utility>

namespace kyoso::api {

namespace {

thread_local const app::Authenticated* current = nullptr;

using domain::Capability;
using Kind = RouteAccess::Kind;

RouteAccess Public() { return {Kind::kPublic, Capability::kManageUsers}; }
RouteAccess SignedIn() { return {Kind::kSignedIn, Capability::kManageUsers}; }
RouteAccess Needs(Capability c) { return {Kind::kCapability, c}; }

// Every API operation and who may call it. Record-level sharing of deals, leads,
// activities and contact entries is checked inside the signed-in handlers.
const std::map<std::pair<std::string, std::string>, RouteAccess>& Rules() {
    static const std::map<std::pair<std::string, std::string>, RouteAccess> kRules = {
        {{"GET", "/api/health"}, Public()},
        {{"GET", "/api/openapi.json"}, Public()},
        {{"POST", "/api/session"}, Public()},
        {{"GET", "/api/session"}, SignedIn()},
        {{"DELETE", "/api/session"}, SignedIn()},
        {{"GET", "/api/tokens"}, SignedIn()},
        {{"POST", "/api/tokens"}, SignedIn()},
        {{"DELETE", "/api/tokens/{id}"}, SignedIn()},
        {{"GET", "/api/users"}, Needs(Capability::kManageUsers)},
        {{"GET", "/api/people"}, SignedIn()},
        {{"POST", "/api/users"}, Needs(Capability::kManageUsers)},
        {{"PATCH", "/api/users/{id}"}, Needs(Capability::kManageUsers)},
        {{"GET", "/api/access-policy"}, Needs(Capability::kManageUsers)},
        {{"PUT", "/api/access-policy"}, Needs(Capability::kManageUsers)},
        {{"GET", "/api/governments"}, SignedIn()},
        {{"GET", "/api/governments/{code}"}, SignedIn()},
        {{"PATCH", "/api/governments/{code}"}, Needs(Capability::kEditGovernments)},
        {{"GET", "/api/governments/{code}/departments"}, SignedIn()},
        {{"GET", "/api/governments/{code}/disclosure.csv"}, Needs(Capability::kExportDisclosure)},
        {{"GET", "/api/governments/{code}/disclosure.xlsx"}, Needs(Capability::kExportDisclosure)},
        {{"GET", "/api/deals"}, SignedIn()},
        {{"POST", "/api/deals"}, SignedIn()},
        {{"GET", "/api/deals/{id}"}, SignedIn()},
        {{"PATCH", "/api/deals/{id}"}, SignedIn()},
        {{"POST", "/api/deals/{id}/stage"}, SignedIn()},
        {{"POST", "/api/activities"}, SignedIn()},
        {{"POST", "/api/departments"}, Needs(Capability::kEditReference)},
        {{"GET", "/api/departments/{id}"}, SignedIn()},
        {{"PATCH", "/api/departments/{id}"}, Needs(Capability::kEditReference)},
        {{"DELETE", "/api/departments/{id}"}, Needs(Capability::kEditReference)},
        {{"GET", "/api/officials"}, SignedIn()},
        {{"POST", "/api/officials"}, Needs(Capability::kEditReference)},
        {{"GET", "/api/officials/{id}"}, SignedIn()},
        {{"PATCH", "/api/officials/{id}"}, Needs(Capability::kEditReference)},
        {{"GET", "/api/products"}, SignedIn()},
        {{"POST", "/api/products"}, Needs(Capability::kManageCatalog)},
        {{"GET", "/api/products/{id}"}, SignedIn()},
        {{"PATCH", "/api/products/{id}"}, Needs(Capability::kManageCatalog)},
        {{"DELETE", "/api/products/{id}"}, Needs(Capability::kManageCatalog)},
        {{"GET", "/api/custom-fields"}, SignedIn()},
        {{"POST", "/api/custom-fields"}, Needs(Capability::kManageCatalog)},
        {{"PATCH", "/api/custom-fields/{id}"}, Needs(Capability::kManageCatalog)},
        {{"DELETE", "/api/custom-fields/{id}"}, Needs(Capability::kManageCatalog)},
        {{"GET", "/api/leads"}, SignedIn()},
        {{"POST", "/api/leads"}, SignedIn()},
        {{"GET", "/api/leads/{id}"}, SignedIn()},
        {{"PATCH", "/api/leads/{id}"}, SignedIn()},
        {{"POST", "/api/leads/{id}/convert"}, SignedIn()},
        {{"POST", "/api/leads/evaluate"}, Needs(Capability::kImport)},
        {{"GET", "/api/contact-log"}, SignedIn()},
        {{"POST", "/api/contact-log"}, SignedIn()},
        {{"GET", "/api/search"}, SignedIn()},
        {{"POST", "/api/imports"}, Needs(Capability::kImport)},
        {{"POST", "/api/imports/rotations"}, Needs(Capability::kImport)},
        {{"GET", "/api/import-jobs/{id}"}, Needs(Capability::kImport)},
        {{"GET", "/api/webhooks"}, Needs(Capability::kManageWebhooks)},
        {{"POST", "/api/webhooks"}, Needs(Capability::kManageWebhooks)},
        {{"GET", "/api/webhooks/{id}"}, Needs(Capability::kManageWebhooks)},
        {{"PATCH", "/api/webhooks/{id}"}, Needs(Capability::kManageWebhooks)},
        {{"DELETE", "/api/webhooks/{id}"}, Needs(Capability::kManageWebhooks)},
        {{"GET", "/api/webhooks/{id}/deliveries"}, Needs(Capability::kManageWebhooks)},
        {{"POST", "/api/webhook-deliveries/{id}/replay"}, Needs(Capability::kManageWebhooks)},
        {{"GET", "/api/pipeline/stages"}, SignedIn()},
        {{"GET", "/api/pipeline/board"}, SignedIn()},
        {{"GET", "/api/activities"}, SignedIn()},
        {{"GET", "/api/saved-views"}, SignedIn()},
        {{"POST", "/api/saved-views"}, SignedIn()},
        {{"DELETE", "/api/saved-views/{id}"}, SignedIn()},
        {{"GET", "/api/dashboards/funnel"}, SignedIn()},
        {{"GET", "/api/dashboards/pipeline-by-year"}, SignedIn()},
        {{"GET", "/api/dashboards/win-rates"}, SignedIn()},
        {{"GET", "/api/dashboards/activity-volume"}, SignedIn()},
        {{"GET", "/api/dashboards/prefectures"}, SignedIn()},
        {{"GET", "/api/deadlines"}, SignedIn()},
        {{"GET", "/api/deals/{id}/deadline"}, SignedIn()},
        {{"GET", "/api/governments/{code}/milestone-overrides"}, SignedIn()},
        {{"PUT", "/api/governments/{code}/milestone-overrides/{milestone}"}, Needs(Capability::kEditGovernments)},
        {{"DELETE", "/api/governments/{code}/milestone-overrides/{milestone}"}, Needs(Capability::kEditGovernments)},
        {{"GET", "/api/calendar-feeds"}, SignedIn()},
        {{"POST", "/api/calendar-feeds"}, SignedIn()},
        {{"DELETE", "/api/calendar-feeds/{id}"}, SignedIn()},
        {{"GET", "/calendar/{token}.ics"}, Public()},  // the token in the URL is the credential
        {{"GET", "/api/notices"}, SignedIn()},
        {{"GET", "/api/notices/review"}, SignedIn()},
        {{"POST", "/api/notices/import"}, Needs(Capability::kImport)},
        {{"GET", "/api/notices/{id}"}, SignedIn()},
        {{"POST", "/api/notices/{id}/link"}, Needs(Capability::kImport)},
        {{"POST", "/api/notices/{id}/dismiss"}, Needs(Capability::kImport)},
        {{"GET", "/api/alerts"}, SignedIn()},
        {{"POST", "/api/alerts/{id}/read"}, SignedIn()},
        {{"GET", "/api/competitors"}, SignedIn()},
        {{"GET", "/api/signals"}, SignedIn()},
        {{"GET", "/api/signals/{id}"}, SignedIn()},
        {{"POST", "/api/signals/{id}/lead"}, SignedIn()},
        {{"POST", "/api/signals/{id}/dismiss"}, SignedIn()},
        {{"POST", "/api/signals/import"}, Needs(Capability::kImport)},
        {{"GET", "/api/teams"}, SignedIn()},
        {{"POST", "/api/teams"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/teams/{id}"}, SignedIn()},
        {{"PATCH", "/api/teams/{id}"}, Needs(Capability::kManageSalesOps)},
        {{"POST", "/api/teams/{id}/members"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/territories"}, SignedIn()},
        {{"POST", "/api/territories"}, Needs(Capability::kManageSalesOps)},
        {{"DELETE", "/api/territories/{id}"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/absences"}, SignedIn()},
        {{"POST", "/api/absences"}, Needs(Capability::kManageSalesOps)},
        {{"DELETE", "/api/absences/{id}"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/routing-rules"}, SignedIn()},
        {{"POST", "/api/routing-rules"}, Needs(Capability::kManageSalesOps)},
        {{"POST", "/api/routing-rules/reorder"}, Needs(Capability::kManageSalesOps)},
        {{"PATCH", "/api/routing-rules/{id}"}, Needs(Capability::kManageSalesOps)},
        {{"DELETE", "/api/routing-rules/{id}"}, Needs(Capability::kManageSalesOps)},
        {{"POST", "/api/routing/simulate"}, SignedIn()},
        {{"POST", "/api/routing/reroute"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/leads/{id}/assignments"}, SignedIn()},
        {{"GET", "/api/handoffs"}, SignedIn()},
        {{"POST", "/api/handoffs"}, SignedIn()},
        {{"GET", "/api/handoffs/{id}"}, SignedIn()},
        {{"POST", "/api/handoffs/{id}/accept"}, SignedIn()},
        {{"POST", "/api/handoffs/{id}/return"}, SignedIn()},
        {{"POST", "/api/handoffs/{id}/cancel"}, SignedIn()},
        {{"POST", "/api/handoffs/sweep"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/handoffs/compliance"}, SignedIn()},
        {{"GET", "/api/handoff-types"}, SignedIn()},
        {{"GET", "/api/handoff-types/{kind}"}, SignedIn()},
        {{"PUT", "/api/handoff-types/{kind}"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/cadences"}, SignedIn()},
        {{"POST", "/api/cadences"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/cadences/{id}"}, SignedIn()},
        {{"PATCH", "/api/cadences/{id}"}, Needs(Capability::kManageSalesOps)},
        {{"DELETE", "/api/cadences/{id}"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/cadences/{id}/enrolments"}, SignedIn()},
        {{"POST", "/api/cadences/{id}/enrolments"}, SignedIn()},
        {{"GET", "/api/cadences/{id}/variants"}, SignedIn()},
        {{"POST", "/api/enrolments/{id}/outcome"}, SignedIn()},
        {{"GET", "/api/tasks"}, SignedIn()},
        {{"POST", "/api/tasks"}, SignedIn()},
        {{"POST", "/api/tasks/{id}/complete"}, SignedIn()},
        {{"POST", "/api/tasks/{id}/skip"}, SignedIn()},
        {{"GET", "/api/kpis"}, SignedIn()},
        {{"GET", "/api/quotas"}, SignedIn()},
        {{"PUT", "/api/quotas"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/ml/models"}, SignedIn()},
        {{"POST", "/api/ml/train"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/deals/{id}/score"}, SignedIn()},
        {{"GET", "/api/governments/{code}/propensity"}, SignedIn()},
        {{"GET", "/api/leads/{id}/score"}, SignedIn()},
        {{"GET", "/api/deals/{id}/support-phase"}, SignedIn()},
        {{"PUT", "/api/deals/{id}/support-phase"}, SignedIn()},
        {{"GET", "/api/governments/{code}/phases"}, SignedIn()},
        {{"GET", "/api/governments/{code}/outcomes"}, SignedIn()},
        {{"GET", "/api/deals/{id}/outcomes"}, SignedIn()},
        {{"POST", "/api/deals/{id}/outcomes"}, SignedIn()},
        {{"PATCH", "/api/outcomes/{id}"}, SignedIn()},
        {{"DELETE", "/api/outcomes/{id}"}, SignedIn()},
        {{"POST", "/api/outcomes/{id}/measurements"}, SignedIn()},
        {{"GET", "/api/forecast"}, SignedIn()},
        {{"GET", "/api/forecast/backtest"}, SignedIn()},
        {{"GET", "/api/forecast/adjustments"}, SignedIn()},
        {{"POST", "/api/forecast/adjustments"}, Needs(Capability::kManageSalesOps)},
        {{"DELETE", "/api/forecast/adjustments/{id}"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/next-actions"}, SignedIn()},
        {{"GET", "/api/deals/{id}/next-actions"}, SignedIn()},
        {{"GET", "/api/governments/{code}/next-actions"}, SignedIn()},
        {{"POST", "/api/next-actions/feedback"}, SignedIn()},
        {{"GET", "/api/governments/{code}/similar"}, SignedIn()},
        {{"GET", "/api/governments/{code}/similar/adoption"}, SignedIn()},
        {{"GET", "/api/notes/status"}, SignedIn()},
        {{"POST", "/api/notes/analyze"}, SignedIn()},
        {{"GET", "/api/activities/{id}/analysis"}, SignedIn()},
        {{"GET", "/api/deals/{id}/notes-analysis"}, SignedIn()},
        {{"POST", "/api/notes/summarize"}, SignedIn()},
        {{"POST", "/api/notes/draft-mail"}, SignedIn()},
        {{"GET", "/api/transformation/questionnaire"}, SignedIn()},
        {{"GET", "/api/transformation/assessments"}, SignedIn()},
        {{"POST", "/api/transformation/assessments"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/transformation/diagnosis"}, SignedIn()},
        {{"GET", "/api/transformation/signals"}, SignedIn()},
        // The case library: any signed-in user records cases; the author or a holder of
        // manage_sales_ops edits and deletes (checked in CaseService). Public value is open.
        {{"GET", "/api/cases"}, SignedIn()},
        {{"POST", "/api/cases"}, SignedIn()},
        {{"GET", "/api/cases/related"}, SignedIn()},
        {{"GET", "/api/cases/{id}"}, SignedIn()},
        {{"PATCH", "/api/cases/{id}"}, SignedIn()},
        {{"DELETE", "/api/cases/{id}"}, SignedIn()},
        {{"GET", "/api/public-value"}, SignedIn()},
        {{"GET", "/api/public-value/evidence"}, SignedIn()},
        {{"GET", "/api/experiments"}, SignedIn()},
        {{"POST", "/api/experiments"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/experiments/{id}"}, SignedIn()},
        {{"PATCH", "/api/experiments/{id}"}, Needs(Capability::kManageSalesOps)},
        {{"POST", "/api/experiments/{id}/stop"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/experiments/{id}/result"}, SignedIn()},
        {{"GET", "/api/transformation/plan"}, SignedIn()},
        {{"GET", "/api/transformation/plan.xlsx"}, SignedIn()},
        {{"PUT", "/api/transformation/plan/actions/{key}"}, Needs(Capability::kManageSalesOps)},
        {{"GET", "/api/transformation/scorecard"}, SignedIn()},
    };
    return kRules;
}

}  // namespace

const app::Principal& CurrentPrincipal() {
    if (!current) throw std::logic_error("no signed-in principal on this request (a public route used it)");
    return current->principal;
}

const std::string& CurrentCsrfToken() {
    static const std::string kNone;
    return current ? current->csrf_token : kNone;
}

PrincipalScope::PrincipalScope(const app::Authenticated* who) : previous_(current) { current = who; }
PrincipalScope::~PrincipalScope() { current = previous_; }

std::optional<RouteAccess> AccessFor(std::string_view method, std::string_view route) {
    const std::string m(method == "HEAD" ? "GET" : method);
    auto it = Rules().find({m, std::string(route)});
    if (it == Rules().end()) return std::nullopt;
    return it->second;
}

}  // namespace kyoso::api
