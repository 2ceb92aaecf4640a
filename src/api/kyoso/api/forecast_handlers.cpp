#include "kyoso/api/forecast_handlers.hpp"

#include <cmath>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json Yen(double v) { return static_cast<long long>(std::llround(v)); }

json Pct(const std::optional<double>& v) {
    if (!v) return nullptr;
    return std::round(*v * 10.0) / 10.0;
}

std::string SourceLabel(const std::string& source) {
    if (source == app::kSourceModel) return "モデル";
    if (source == app::kSourceRules) return "ルール";
    return "ルール(ステージ別実績)";
}

json PeriodJson(const domain::forecast::PeriodForecast& p) {
    return {{"won", Yen(p.won)},
            {"expected", Yen(p.expected)},
            {"p10", Yen(p.p10)},
            {"p50", Yen(p.p50)},
            {"p90", Yen(p.p90)}};
}

json FiguresJson(const app::BacktestFigures& f) {
    return {{"p10", Yen(f.p10)},
            {"p50", Yen(f.p50)},
            {"p90", Yen(f.p90)},
            {"error_pct", Pct(f.error_pct)},
            {"covered", f.covered}};
}

Result<std::optional<int>> YearParam(const app::ListParams& params) {
    auto it = params.find("fiscal_year");
    if (it == params.end() || it->second.empty()) return std::optional<int>();
    try {
        size_t used = 0;
        const int v = std::stoi(it->second, &used);
        if (used == it->second.size() && v >= 1989 && v <= 2100) return std::optional<int>(v);
    } catch (const std::exception&) {
    }
    return InvalidArgument("invalid fiscal_year", {{"fiscal_year", "a year 1989-2100"}});
}

}  // namespace

json AdjustmentJson(const ports::ForecastAdjustmentRecord& a) {
    return {{"id", a.id},
            {"fiscal_year", a.fiscal_year},
            {"quarter", a.quarter == 0 ? json(nullptr) : json(a.quarter)},
            {"team", a.team},
            {"kind", a.kind},
            {"amount", a.amount},
            {"reason", a.reason},
            {"author_id", IdOrNull(a.author_id)},
            {"author_name", a.author_name},
            {"created_at", a.created_at},
            {"withdrawn_at", a.withdrawn_at.empty() ? json(nullptr) : json(a.withdrawn_at)},
            {"withdrawn_by", IdOrNull(a.withdrawn_by)}};
}

json ForecastJson(const app::ForecastReport& r) {
    json years = json::array();
    for (const auto& y : r.years) {
        json quarters = json::array();
        for (size_t q = 0; q < 4; ++q) {
            json qj = PeriodJson(y.quarters[q]);
            qj["quarter"] = q + 1;
            qj["adjusted"] = Yen(y.adjusted_quarters[q]);
            quarters.push_back(std::move(qj));
        }
        json adjustments = json::array();
        for (const auto& a : y.adjustments) adjustments.push_back(AdjustmentJson(a));
        json deals = json::array();
        for (const auto& d : y.top_deals) {
            deals.push_back({{"deal_id", d.deal_id},
                             {"title", d.title},
                             {"government_name", d.government_name},
                             {"stage", domain::StageSlug(d.stage)},
                             {"stage_label", domain::StageLabelJa(d.stage)},
                             {"fiscal_year", d.fiscal_year},
                             {"amount", Yen(d.amount)},
                             {"probability", std::round(d.probability * 1000.0) / 1000.0},
                             {"probability_source", d.probability_source},
                             {"expected", Yen(d.expected)}});
        }
        json yj = PeriodJson(y.year);
        yj["fiscal_year"] = y.fiscal_year;
        yj["fiscal_year_label"] = domain::FiscalYear(y.fiscal_year).WarekiLabel();
        yj["open_expected"] = Yen(y.year.expected - y.year.won);
        yj["adjusted"] = Yen(y.adjusted);
        yj["stage_only"] = PeriodJson(y.stage_only);
        yj["last_year_revenue"] = Yen(y.last_year_revenue);
        yj["quarters"] = std::move(quarters);
        yj["adjustments"] = std::move(adjustments);
        yj["top_deals"] = std::move(deals);
        years.push_back(std::move(yj));
    }
    auto timing = [&](domain::forecast::TimingClass c) {
        const auto i = static_cast<size_t>(c);
        return json{{"learned", r.timing.learned[i]}, {"samples", r.timing.samples[i]}};
    };
    return {{"as_of", FormatIsoDate(r.as_of)},
            {"probability_source", r.probability_source},
            {"probability_source_label", SourceLabel(r.probability_source)},
            {"model_version", r.model_version.empty() ? json(nullptr) : json(r.model_version)},
            {"open_deals", r.open_deals},
            {"award_ratio", std::round(r.award_ratio * 1000.0) / 1000.0},
            {"runs", r.runs},
            {"timing",
             {{"initial_budget", timing(domain::forecast::TimingClass::kInitialBudget)},
              {"supplementary", timing(domain::forecast::TimingClass::kSupplementary)}}},
            {"fiscal_years", std::move(years)}};
}

json BacktestJson(const app::BacktestReport& r) {
    json years = json::array();
    for (const auto& y : r.years) {
        years.push_back({{"fiscal_year", y.fiscal_year},
                         {"as_of", FormatIsoDate(y.as_of)},
                         {"actual", Yen(y.actual)},
                         {"model", FiguresJson(y.model)},
                         {"stage_only", FiguresJson(y.stage_only)},
                         {"last_year", {{"forecast", Yen(y.last_year)}, {"error_pct", Pct(y.last_year_error_pct)}}}});
    }
    return {
        {"as_of_month", r.as_of_month_day},
        {"model_source", r.model_source},
        {"model_source_label", SourceLabel(r.model_source)},
        {"years", std::move(years)},
        {"mean_abs_error_pct",
         {{"model", Pct(r.mean_model)}, {"stage_only", Pct(r.mean_stage_only)}, {"last_year", Pct(r.mean_last_year)}}}};
}

void RegisterForecastRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.forecast) return;
    app::ForecastService& forecast = *services.forecast;
    server.Get("/api/forecast", wrap("/api/forecast", [&forecast](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"fiscal_year"}); !st.ok()) return SendError(res, st);
                   auto fy = YearParam(*params);
                   if (!fy.ok()) return SendError(res, fy.status());
                   app::ForecastQuery q;
                   q.fiscal_year = *fy;
                   auto report = forecast.Forecast(q);
                   if (!report.ok()) return SendError(res, report.status());
                   SendJson(res, 200, ForecastJson(*report));
               }));
    server.Get("/api/forecast/backtest",
               wrap("/api/forecast/backtest", [&forecast](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"as_of_month"}); !st.ok()) return SendError(res, st);
                   std::string month_day = "04-01";
                   if (auto it = params->find("as_of_month"); it != params->end() && !it->second.empty()) {
                       month_day = it->second;
                   }
                   auto report = forecast.Backtest(month_day);
                   if (!report.ok()) return SendError(res, report.status());
                   SendJson(res, 200, BacktestJson(*report));
               }));
    server.Get("/api/forecast/adjustments",
               wrap("/api/forecast/adjustments", [&forecast](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"fiscal_year", "include_withdrawn"}); !st.ok()) {
                       return SendError(res, st);
                   }
                   auto fy = YearParam(*params);
                   if (!fy.ok()) return SendError(res, fy.status());
                   bool include = false;
                   if (auto it = params->find("include_withdrawn"); it != params->end()) {
                       if (it->second != "true" && it->second != "false" && !it->second.empty()) {
                           return SendError(res, InvalidArgument("invalid include_withdrawn",
                                                                 {{"include_withdrawn", "true or false"}}));
                       }
                       include = it->second == "true";
                   }
                   auto list = forecast.Adjustments(*fy, include);
                   if (!list.ok()) return SendError(res, list.status());
                   json items = json::array();
                   for (const auto& a : *list) items.push_back(AdjustmentJson(a));
                   SendJson(res, 200, {{"items", std::move(items)}, {"total", list->size()}});
               }));
    server.Post("/api/forecast/adjustments",
                wrap("/api/forecast/adjustments", [&forecast](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"fiscal_year", "quarter", "team", "kind", "amount", "reason"});
                    app::ForecastAdjustmentRequest r;
                    r.fiscal_year = static_cast<int>(body.Int("fiscal_year", true).value_or(0));
                    r.quarter = static_cast<int>(body.Int("quarter", false).value_or(0));
                    r.team = body.String("team", false).value_or("");
                    r.kind = body.String("kind", true).value_or("");
                    r.amount = body.Int("amount", true).value_or(0);
                    r.reason = body.String("reason", true).value_or("");
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto saved = forecast.AddAdjustment(CurrentPrincipal(), r);
                    if (!saved.ok()) return SendError(res, saved.status());
                    SendJson(res, 201, AdjustmentJson(*saved));
                }));
    server.Delete(
        R"(/api/forecast/adjustments/([^/]+))",
        wrap("/api/forecast/adjustments/{id}", [&forecast](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "forecast adjustment");
            if (!id.ok()) return SendError(res, id.status());
            auto withdrawn = forecast.WithdrawAdjustment(CurrentPrincipal(), *id);
            if (!withdrawn.ok()) return SendError(res, withdrawn.status());
            SendJson(res, 200, AdjustmentJson(*withdrawn));
        }));
}

}  // namespace kyoso::api
