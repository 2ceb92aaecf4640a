#include "kyoso/api/scorecard_handlers.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::api {

namespace {

using domain::ScorecardMetricKind;
using nlohmann::json;

std::string UnitOf(ScorecardMetricKind m) {
    switch (m) {
        case ScorecardMetricKind::kRevenue:
            return "yen";
        case ScorecardMetricKind::kCycleTime:
            return "days";
        case ScorecardMetricKind::kCaseLibraryGrowth:
            return "count";
        case ScorecardMetricKind::kWinRate:
        case ScorecardMetricKind::kDataQuality:
        case ScorecardMetricKind::kAdoption:
        case ScorecardMetricKind::kHandoffDiscipline:
            return "ratio";
    }
    return "ratio";
}

// A whole-number query parameter in [min, max]; 0 when absent. Errors name it.
Result<int> IntParam(const app::ListParams& params, const std::string& name, int min, int max) {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty()) return 0;
    try {
        size_t used = 0;
        const int v = std::stoi(it->second, &used);
        if (used == it->second.size() && v >= min && v <= max) return v;
    } catch (const std::exception&) {
    }
    return InvalidArgument("invalid " + name,
                           {{name, "a whole number " + std::to_string(min) + "-" + std::to_string(max)}});
}

json TrendJson(const domain::ScorecardTrend& t, bool hidden) {
    return {{"earlier", hidden ? json(nullptr) : OrNull(t.earlier)},
            {"delta", hidden ? json(nullptr) : OrNull(t.delta)},
            {"direction", domain::TrendDirectionSlug(t.direction)}};
}

json AxisJson(const domain::ScorecardAxisSummary& s) {
    return {{"improving", s.improving},
            {"worsening", s.worsening},
            {"flat", s.flat},
            {"compared", s.compared},
            {"improving_share", OrNull(s.improving_share)},
            {"direction", domain::TrendDirectionSlug(s.direction)}};
}

json QuarterJson(const domain::ScorecardQuarter& q, bool amounts_hidden) {
    json metrics = json::object();
    for (const auto& m : q.metrics) {
        // Revenue is deal money: hidden with the deal amount; its direction is not money.
        const bool hidden = amounts_hidden && m.kind == ScorecardMetricKind::kRevenue;
        metrics[std::string(domain::ScorecardMetricSlug(m.kind))] = {
            {"value", hidden ? json(nullptr) : OrNull(m.value)},
            {"numerator", OrNull(m.numerator)},
            {"denominator", OrNull(m.denominator)},
            {"vs_previous", TrendJson(m.vs_previous, hidden)},
            {"vs_last_year", TrendJson(m.vs_last_year, hidden)}};
    }
    const domain::FiscalYear fy(q.period.fiscal_year);
    return {{"fiscal_year", q.period.fiscal_year},
            {"quarter", q.period.quarter},
            {"label", fy.Label() + " Q" + std::to_string(q.period.quarter)},
            {"label_ja", fy.WarekiLabel() + " 第" + std::to_string(q.period.quarter) + "四半期"},
            {"from", FormatIsoDate(q.period.from)},
            {"to", FormatIsoDate(q.period.to)},
            {"metrics", std::move(metrics)},
            {"axes", {{"performance", AxisJson(q.performance)}, {"transformation", AxisJson(q.transformation)}}},
            {"verdict",
             {{"code", domain::ScorecardVerdictSlug(q.verdict)},
              {"label_ja", domain::ScorecardVerdictLabelJa(q.verdict)},
              {"label_en", domain::ScorecardVerdictLabelEn(q.verdict)},
              {"advice_ja", domain::ScorecardVerdictAdviceJa(q.verdict)},
              {"advice_en", domain::ScorecardVerdictAdviceEn(q.verdict)}}}};
}

json MetricCatalogJson() {
    json out = json::array();
    for (auto m : domain::AllScorecardMetrics()) {
        out.push_back({{"metric", domain::ScorecardMetricSlug(m)},
                       {"axis", domain::ScorecardAxisSlug(domain::AxisOf(m))},
                       {"label_ja", domain::ScorecardMetricLabelJa(m)},
                       {"label_en", domain::ScorecardMetricLabelEn(m)},
                       {"unit", UnitOf(m)},
                       {"higher_is_better", domain::HigherIsBetter(m)}});
    }
    return out;
}

}  // namespace

void RegisterScorecardRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.scorecard) return;
    app::ScorecardService& scorecard = *services.scorecard;
    app::AccessGuard& guard = *services.guard;

    server.Get(
        "/api/transformation/scorecard",
        wrap(
            "/api/transformation/scorecard", [&scorecard, &guard](const httplib::Request& req, httplib::Response& res) {
                auto params = QueryParams(req);
                if (!params.ok()) return SendError(res, params.status());
                if (Status st = app::CheckKnownParams(*params, {"fiscal_year", "quarter", "quarters"}); !st.ok()) {
                    return SendError(res, st);
                }
                app::ScorecardQuery q;
                auto fy = IntParam(*params, "fiscal_year", 1989, 2100);
                if (!fy.ok()) return SendError(res, fy.status());
                auto quarter = IntParam(*params, "quarter", 1, 4);
                if (!quarter.ok()) return SendError(res, quarter.status());
                auto quarters = IntParam(*params, "quarters", 1, app::kScorecardMaxQuarters);
                if (!quarters.ok()) return SendError(res, quarters.status());
                q.fiscal_year = *fy;
                q.quarter = *quarter;
                q.quarters = *quarters;
                auto report = scorecard.Report(q);
                if (!report.ok()) return SendError(res, report.status());
                const auto hidden_fields = guard.HiddenDealFields(CurrentPrincipal());
                const bool amounts_hidden =
                    std::find(hidden_fields.begin(), hidden_fields.end(), "amount") != hidden_fields.end();
                json quarters_json = json::array();
                for (const auto& quarter_card : report->quarters) {
                    quarters_json.push_back(QuarterJson(quarter_card, amounts_hidden));
                }
                const auto& last = report->quarters.back().period;
                SendJson(
                    res, 200,
                    {{"as_of", FormatIsoDate(report->as_of)},
                     {"fiscal_year", last.fiscal_year},
                     {"quarter", last.quarter},
                     {"amounts_hidden", amounts_hidden},
                     {"tolerance",
                      {{"ratio", domain::kScorecardRatioTolerance}, {"relative", domain::kScorecardRelativeTolerance}}},
                     {"metrics", MetricCatalogJson()},
                     {"quarters", std::move(quarters_json)}});
            }));
}

}  // namespace kyoso::api
