#include "kyoso/api/diagnosis_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/api/transformation_requests.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/transformation/diagnosis_service.hpp"
#include "kyoso/domain/transformation/diagnosis.hpp"

namespace kyoso::api {

namespace {

using domain::TransformationDimension;
using nlohmann::json;

std::string DimensionLabelEn(TransformationDimension d) {
    switch (d) {
        case TransformationDimension::kData:
            return "Data";
        case TransformationDimension::kDivisionOfLabour:
            return "Division of labour";
        case TransformationDimension::kAi:
            return "AI";
        case TransformationDimension::kLearningCulture:
            return "Learning culture";
        case TransformationDimension::kPublicSector:
            return "Public-sector practice";
    }
    return "";
}

json RatioJson(const domain::Ratio& r, const char* ja, const char* en) {
    return {{"numerator", r.numerator},
            {"denominator", r.denominator},
            {"value", OrNull(r.value())},
            {"label_ja", ja},
            {"label_en", en}};
}

json SignalsJson(const domain::MeasuredSignals& s) {
    return {
        {"from", FormatIsoDate(s.from)},
        {"to", FormatIsoDate(s.to)},
        {"same_day_logging", RatioJson(s.same_day_logging, "同日記録率", "Same-day logging")},
        {"deal_field_completeness",
         RatioJson(s.deal_field_completeness, "案件項目の充足率", "Deal field completeness")},
        {"handoff_sla_compliance", RatioJson(s.handoff_sla_compliance, "引き継ぎSLA遵守率", "Hand-off SLA compliance")},
        {"fiscal_year_and_budget_set",
         RatioJson(s.fiscal_year_and_budget_set, "年度・予算状況の設定率", "Fiscal year and budget status set")},
        {"score_use", RatioJson(s.score_use, "スコア利用率", "Score use")}};
}

json AnswerJson(const domain::DiagnosisAnswer& a) {
    const auto* q = domain::FindDiagnosisQuestion(a.question_key);
    return {{"question_key", a.question_key},
            {"dimension", q ? json(std::string(domain::DimensionSlug(q->dimension))) : json(nullptr)},
            {"level", a.level},
            {"comment", a.comment}};
}

json AssessmentJson(const ports::DiagnosisAssessmentRecord& a, bool with_answers) {
    json out = {{"id", a.id},
                {"assessed_on", a.assessed_on},
                {"created_by", IdOrNull(a.created_by)},
                {"created_by_name", a.created_by_name},
                {"created_at", a.created_at},
                {"note", a.note}};
    if (with_answers) {
        json answers = json::array();
        for (const auto& x : a.answers) answers.push_back(AnswerJson(x));
        out["answers"] = std::move(answers);
    }
    return out;
}

json DiagnosisJson(const domain::Diagnosis& d) {
    json dims = json::array();
    for (const auto& x : d.dimensions) {
        dims.push_back({{"dimension", std::string(domain::DimensionSlug(x.dimension))},
                        {"label_ja", std::string(domain::DimensionLabelJa(x.dimension))},
                        {"label_en", DimensionLabelEn(x.dimension)},
                        {"self_score", OrNull(x.self_score)},
                        {"self_level", OrNull(x.self_level)},
                        {"measured_level", OrNull(x.measured_level)},
                        {"gap", OrNull(x.gap)},
                        {"severity", std::string(domain::DiagnosisGapSeverity(x.gap))},
                        {"finding_ja", x.finding_ja},
                        {"finding_en", x.finding_en}});
    }
    return {{"assessment_id", d.assessment_id},
            {"assessed_on", FormatIsoDate(d.assessed_on)},
            {"signals", SignalsJson(d.signals)},
            {"dimensions", std::move(dims)}};
}

json QuestionnaireJson() {
    json scale = json::array();
    for (int level = domain::kMinMaturity; level <= domain::kMaxMaturity; ++level) {
        scale.push_back({{"level", level},
                         {"label_ja", std::string(domain::DiagnosisScaleLabelJa(level))},
                         {"label_en", std::string(domain::DiagnosisScaleLabelEn(level))}});
    }
    json dims = json::array();
    for (auto d : domain::AllTransformationDimensions()) {
        json questions = json::array();
        for (const auto& q : domain::DiagnosisQuestionBank()) {
            if (q.dimension != d) continue;
            json levels = json::array();
            for (int i = 0; i < 5; ++i) levels.push_back({{"level", i + 1}, {"label_ja", q.levels_ja[i]}});
            questions.push_back(
                {{"key", q.key}, {"text_ja", q.text_ja}, {"text_en", q.text_en}, {"levels", std::move(levels)}});
        }
        dims.push_back({{"dimension", std::string(domain::DimensionSlug(d))},
                        {"label_ja", std::string(domain::DimensionLabelJa(d))},
                        {"label_en", DimensionLabelEn(d)},
                        {"questions", std::move(questions)}});
    }
    return {{"scale", std::move(scale)}, {"dimensions", std::move(dims)}};
}

Result<Date> DateParam(const app::ListParams& params, const std::string& name, Date fallback) {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty()) return fallback;
    auto d = ParseIsoDate(it->second);
    if (!d) return InvalidArgument("invalid " + name, {{name, "must be a date YYYY-MM-DD, got '" + it->second + "'"}});
    return *d;
}

}  // namespace

void RegisterDiagnosisRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.diagnosis) return;
    app::DiagnosisService& diagnosis = *services.diagnosis;
    app::Authorizer* authorizer = services.authorizer;

    server.Get("/api/transformation/questionnaire",
               wrap("/api/transformation/questionnaire",
                    [](const httplib::Request&, httplib::Response& res) { SendJson(res, 200, QuestionnaireJson()); }));

    server.Get(
        "/api/transformation/assessments",
        wrap("/api/transformation/assessments", [&diagnosis](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            if (Status st = app::CheckKnownParams(*params, {}); !st.ok()) return SendError(res, st);
            auto list = diagnosis.Assessments(100);
            if (!list.ok()) return SendError(res, list.status());
            json items = json::array();
            for (const auto& a : *list) items.push_back(AssessmentJson(a, false));
            SendJson(res, 200, {{"items", std::move(items)}});
        }));

    server.Post("/api/transformation/assessments",
                wrap("/api/transformation/assessments",
                     [&diagnosis, authorizer](const httplib::Request& req, httplib::Response& res) {
                         BodyReader body(req.body, kAssessmentFields);
                         app::DiagnosisSubmission s = ReadDiagnosisSubmission(body);
                         if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                         auto saved = diagnosis.Submit(s, CurrentPrincipal(), authorizer);
                         if (!saved.ok()) return SendError(res, saved.status());
                         SendJson(res, 201, AssessmentJson(*saved, true));
                     }));

    server.Get(
        "/api/transformation/diagnosis",
        wrap("/api/transformation/diagnosis", [&diagnosis](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            if (Status st = app::CheckKnownParams(*params, {"assessment_id"}); !st.ok()) {
                return SendError(res, st);
            }
            std::optional<ports::DiagnosisAssessmentRecord> assessment;
            if (auto it = params->find("assessment_id"); it != params->end()) {
                auto id = PathIdOf(it->second, "assessment");
                if (!id.ok()) {
                    return SendError(
                        res, InvalidArgument("invalid assessment_id", {{"assessment_id", id.status().message()}}));
                }
                auto found = diagnosis.Assessment(*id);
                if (!found.ok()) return SendError(res, found.status());
                assessment = std::move(*found);
            } else {
                auto list = diagnosis.Assessments(1);
                if (!list.ok()) return SendError(res, list.status());
                if (!list->empty()) {
                    auto found = diagnosis.Assessment(list->front().id);
                    if (!found.ok()) return SendError(res, found.status());
                    assessment = std::move(*found);
                }
            }
            if (!assessment) {
                SendJson(res, 200, {{"assessment", nullptr}, {"diagnosis", nullptr}});
                return;
            }
            auto d = diagnosis.DiagnosisOf(assessment->id);
            if (!d.ok()) return SendError(res, d.status());
            SendJson(res, 200, {{"assessment", AssessmentJson(*assessment, true)}, {"diagnosis", DiagnosisJson(*d)}});
        }));

    server.Get("/api/transformation/signals",
               wrap("/api/transformation/signals", [&diagnosis](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"from", "to"}); !st.ok()) return SendError(res, st);
                   auto to = DateParam(*params, "to", diagnosis.Today());
                   if (!to.ok()) return SendError(res, to.status());
                   auto from = DateParam(*params, "from", app::DiagnosisService::WindowStart(*to));
                   if (!from.ok()) return SendError(res, from.status());
                   auto s = diagnosis.Measure(*from, *to);
                   if (!s.ok()) return SendError(res, s.status());
                   SendJson(res, 200, SignalsJson(*s));
               }));
}

}  // namespace kyoso::api
