#include "kyoso/api/dashboard_handlers.hpp"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"
#include "kyoso/domain/government/government.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

// What a dashboard handler gets: the parameters, the caller's filter, and whether
// deal money is hidden from the caller (then every amount answers null).
using DashboardHandler = std::function<Result<json>(const app::ListParams&, const ports::DashboardFilter&, bool)>;

json RateJson(const std::optional<double>& rate) { return rate ? json(*rate) : json(nullptr); }

}  // namespace

void RegisterDashboardRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.dashboards) return;
    const app::DashboardService& dashboards = *services.dashboards;
    app::AccessGuard& guard = *services.guard;

    auto route = [&server, &wrap, &guard](const std::string& path, DashboardHandler handler) {
        server.Get(path, wrap(path, [&guard, handler = std::move(handler)](const httplib::Request& req,
                                                                           httplib::Response& res) {
                       auto params = QueryParams(req);
                       if (!params.ok()) return SendError(res, params.status());
                       const app::Principal& me = CurrentPrincipal();
                       ports::DashboardFilter filter;
                       filter.deal_visible = guard.authorizer().ListVisibility(me, domain::RecordKind::kDeal);
                       filter.activity_visible = guard.authorizer().ListVisibility(me, domain::RecordKind::kActivity);
                       const auto hidden = guard.HiddenDealFields(me);
                       const bool no_money = std::find(hidden.begin(), hidden.end(), "amount") != hidden.end();
                       auto body = handler(*params, filter, no_money);
                       if (!body.ok()) return SendError(res, body.status());
                       SendJson(res, 200, *body);
                   }));
    };
    auto money = [](bool hidden, long long yen) { return hidden ? json(nullptr) : json(yen); };

    route("/api/dashboards/funnel",
          [&dashboards, money](const app::ListParams& params, const ports::DashboardFilter& filter,
                               bool no_money) -> Result<json> {
              auto funnel = dashboards.FunnelOf(params, filter);
              if (!funnel.ok()) return funnel.status();
              json stages = json::array();
              for (const auto& s : funnel->stages) {
                  stages.push_back({{"stage", domain::StageSlug(s.stage)},
                                    {"label_ja", domain::StageLabelJa(s.stage)},
                                    {"label_en", domain::StageLabelEn(s.stage)},
                                    {"reached", s.reached},
                                    {"amount", money(no_money, s.amount)}});
              }
              return json{{"fiscal_year", funnel->fiscal_year},
                          {"fiscal_year_label", domain::FiscalYear(funnel->fiscal_year).WarekiLabel()},
                          {"stages", stages}};
          });

    route("/api/dashboards/pipeline-by-year",
          [&dashboards, money](const app::ListParams& params, const ports::DashboardFilter& filter,
                               bool no_money) -> Result<json> {
              auto years = dashboards.PipelineByYear(params, filter);
              if (!years.ok()) return years.status();
              json out = json::array();
              for (const auto& y : *years) {
                  out.push_back({{"fiscal_year", y.fiscal_year},
                                 {"label", domain::FiscalYear(y.fiscal_year).WarekiLabel()},
                                 {"open_count", y.open_count},
                                 {"open_amount", money(no_money, y.open_amount)},
                                 {"won_count", y.won_count},
                                 {"won_amount", money(no_money, y.won_amount)},
                                 {"lost_count", y.lost_count},
                                 {"lost_amount", money(no_money, y.lost_amount)}});
              }
              return json{{"years", out}};
          });

    route("/api/dashboards/win-rates",
          [&dashboards](const app::ListParams& params, const ports::DashboardFilter& filter, bool) -> Result<json> {
              auto rates = dashboards.WinRatesOf(params, filter);
              if (!rates.ok()) return rates.status();
              json by_kind = json::array(), by_product = json::array();
              for (const auto& k : rates->by_kind) {
                  auto kind = domain::KindFromSlug(k.kind);
                  by_kind.push_back({{"kind", k.kind},
                                     {"kind_label", kind ? std::string(domain::KindLabelJa(*kind)) : k.kind},
                                     {"won", k.won},
                                     {"lost", k.lost},
                                     {"rate", RateJson(k.rate)}});
              }
              for (const auto& p : rates->by_product) {
                  by_product.push_back({{"product_id", p.product_id},
                                        {"product_name", p.product_name},
                                        {"won", p.won},
                                        {"lost", p.lost},
                                        {"rate", RateJson(p.rate)}});
              }
              return json{{"from_fy", OrNull(rates->from_fy)},
                          {"to_fy", OrNull(rates->to_fy)},
                          {"by_kind", by_kind},
                          {"by_product", by_product}};
          });

    route("/api/dashboards/activity-volume",
          [&dashboards](const app::ListParams& params, const ports::DashboardFilter& filter, bool) -> Result<json> {
              auto volume = dashboards.ActivityVolumeOf(params, filter);
              if (!volume.ok()) return volume.status();
              json weeks = json::array(), types = json::array();
              for (const auto& w : volume->weeks) weeks.push_back(FormatIsoDate(w));
              for (const auto& t : volume->types) {
                  types.push_back({{"type", domain::ActivityTypeSlug(t.type)},
                                   {"label_ja", domain::ActivityTypeLabelJa(t.type)},
                                   {"label_en", domain::ActivityTypeLabelEn(t.type)},
                                   {"counts", t.counts}});
              }
              return json{{"weeks", weeks}, {"types", types}};
          });

    route("/api/dashboards/prefectures",
          [&dashboards, money](const app::ListParams& params, const ports::DashboardFilter& filter,
                               bool no_money) -> Result<json> {
              auto map = dashboards.PrefecturesOf(params, filter);
              if (!map.ok()) return map.status();
              json rows = json::array();
              for (const auto& p : map->prefectures) {
                  rows.push_back({{"prefecture_code", p.totals.prefecture_code},
                                  {"prefecture_name", p.totals.prefecture_name},
                                  {"governments", p.totals.governments},
                                  {"adopting", p.totals.adopting},
                                  {"adoption_rate", p.adoption_rate},
                                  {"open_count", p.totals.open_count},
                                  {"open_amount", money(no_money, p.totals.open_amount)}});
              }
              return json{{"fiscal_year", map->fiscal_year}, {"prefectures", rows}};
          });
}

}  // namespace kyoso::api
