#include "kyoso/app/dashboard/dashboard_service.hpp"

#include <algorithm>
#include <chrono>

#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"
#include "kyoso/domain/government/government.hpp"

namespace kyoso::app {

namespace {

using domain::Stage;

Result<long long> PositiveId(const char* param, const std::string& value, const char* what) {
    auto n = ParseInt(value);
    if (!n || *n < 1) {
        return ParamError(param, std::string("must be ") + what + " (positive integer), got '" + value + "'");
    }
    return *n;
}

std::optional<std::string> Get(const ListParams& params, const char* key) {
    auto it = params.find(key);
    if (it == params.end()) return std::nullopt;
    return it->second;
}

Result<int> YearParam(const char* param, const std::string& value) {
    auto n = ParseInt(value);
    if (!n || *n < 1990 || *n > 2200) return ParamError(param, "must be a year such as 2027, got '" + value + "'");
    return static_cast<int>(*n);
}

std::optional<double> Rate(long long won, long long lost) {
    if (won + lost == 0) return std::nullopt;
    return static_cast<double>(won) / static_cast<double>(won + lost);
}

}  // namespace

Status DashboardService::ReadCommon(const ListParams& params, std::vector<std::string> known,
                                    ports::DashboardFilter& filter) const {
    known.push_back("owner");
    known.push_back("product");
    KYOSO_RETURN_IF_ERROR(CheckKnownParams(params, known));
    if (auto v = Get(params, "owner")) {
        auto id = PositiveId("owner", *v, "a user id");
        if (!id.ok()) return id.status();
        filter.owner_id = *id;
    }
    if (auto v = Get(params, "product")) {
        auto id = PositiveId("product", *v, "a product id");
        if (!id.ok()) return id.status();
        filter.product_id = *id;
    }
    return Status::Ok();
}

Result<int> DashboardService::FiscalYearParam(const ListParams& params, const char* name) const {
    if (auto v = Get(params, name)) return YearParam(name, *v);
    // The budget cycle under way: next fiscal year's budget is being made now.
    return domain::FiscalYear::Containing(clock_.Today()).year() + 1;
}

Result<Funnel> DashboardService::FunnelOf(const ListParams& params, ports::DashboardFilter filter) const {
    KYOSO_RETURN_IF_ERROR(ReadCommon(params, {"fiscal_year"}, filter));
    auto fy = FiscalYearParam(params, "fiscal_year");
    if (!fy.ok()) return fy.status();
    auto reached = store_.dashboards().StagesReached(*fy, filter);
    if (!reached.ok()) return reached.status();
    Funnel out;
    out.fiscal_year = *fy;
    for (int i = 0; i <= static_cast<int>(Stage::kWon); ++i) {
        FunnelStage s;
        s.stage = static_cast<Stage>(i);
        for (const auto& r : *reached) {
            if (r.stage == s.stage) {
                s.reached = r.count;
                s.amount = r.amount;
            }
        }
        out.stages.push_back(s);
    }
    return out;
}

Result<std::vector<YearPipeline>> DashboardService::PipelineByYear(const ListParams& params,
                                                                   ports::DashboardFilter filter) const {
    KYOSO_RETURN_IF_ERROR(ReadCommon(params, {}, filter));
    auto totals = store_.dashboards().TotalsByYearAndStage(filter);
    if (!totals.ok()) return totals.status();
    std::vector<YearPipeline> out;
    for (const auto& t : *totals) {  // ordered by fiscal year
        if (out.empty() || out.back().fiscal_year != t.fiscal_year) out.push_back({t.fiscal_year});
        YearPipeline& y = out.back();
        if (t.stage == Stage::kWon) {
            y.won_count += t.count;
            y.won_amount += t.amount;
        } else if (t.stage == Stage::kLost) {
            y.lost_count += t.count;
            y.lost_amount += t.amount;
        } else if (!domain::IsClosed(t.stage)) {
            y.open_count += t.count;
            y.open_amount += t.amount;
        }  // 見送り: neither open nor an outcome of this year (it continues next year)
    }
    return out;
}

Result<WinRates> DashboardService::WinRatesOf(const ListParams& params, ports::DashboardFilter filter) const {
    KYOSO_RETURN_IF_ERROR(ReadCommon(params, {"from_fy", "to_fy"}, filter));
    std::optional<int> from, to;
    if (auto v = Get(params, "from_fy")) {
        auto y = YearParam("from_fy", *v);
        if (!y.ok()) return y.status();
        from = *y;
    }
    if (auto v = Get(params, "to_fy")) {
        auto y = YearParam("to_fy", *v);
        if (!y.ok()) return y.status();
        to = *y;
    }
    if (!from || !to) {
        auto years = store_.dashboards().YearsWithOutcomes(filter, 3);
        if (!years.ok()) return years.status();
        if (!years->empty()) {
            if (!from) from = std::min(years->back(), to.value_or(years->back()));
            if (!to) to = std::max(years->front(), *from);
        }
    }
    if (from && to && *to < *from) {
        return ParamError("to_fy", "is before from_fy (" + std::to_string(*from) + ")");
    }
    WinRates out;
    if (!from || !to) return out;  // nothing won or lost yet
    out.from_fy = from;
    out.to_fy = to;
    auto kinds = store_.dashboards().OutcomesByKind(*from, *to, filter);
    if (!kinds.ok()) return kinds.status();
    auto products = store_.dashboards().OutcomesByProduct(*from, *to, filter);
    if (!products.ok()) return products.status();
    // Kinds in the enum order (prefecture first), not by slug.
    for (int i = 0; i <= static_cast<int>(domain::GovernmentKind::kVillage); ++i) {
        const std::string slug(domain::KindSlug(static_cast<domain::GovernmentKind>(i)));
        for (const auto& k : *kinds) {
            if (k.kind == slug) out.by_kind.push_back({slug, 0, "", k.won, k.lost, Rate(k.won, k.lost)});
        }
    }
    for (const auto& p : *products) {
        out.by_product.push_back({"", p.product_id, p.product_name, p.won, p.lost, Rate(p.won, p.lost)});
    }
    return out;
}

Result<ActivityVolume> DashboardService::ActivityVolumeOf(const ListParams& params,
                                                          ports::DashboardFilter filter) const {
    KYOSO_RETURN_IF_ERROR(ReadCommon(params, {"weeks"}, filter));
    int weeks = 26;
    if (auto v = Get(params, "weeks")) {
        auto n = ParseInt(*v);
        if (!n || *n < 1 || *n > 104) return ParamError("weeks", "must be an integer from 1 to 104, got '" + *v + "'");
        weeks = static_cast<int>(*n);
    }
    using std::chrono::days;
    using std::chrono::sys_days;
    const Date today = clock_.Today();
    const sys_days today_days{today};
    const unsigned since_monday = (std::chrono::weekday{today_days}.iso_encoding() + 6) % 7;  // Monday = 0
    const sys_days first = today_days - days{since_monday} - days{7 * (weeks - 1)};
    auto counts = store_.dashboards().ActivitiesByDayAndType(Date{first}, today, filter);
    if (!counts.ok()) return counts.status();
    ActivityVolume out;
    for (int w = 0; w < weeks; ++w) out.weeks.push_back(Date{first + days{7 * w}});
    for (int t = 0; t <= static_cast<int>(domain::ActivityType::kBid); ++t) {
        out.types.push_back({static_cast<domain::ActivityType>(t), std::vector<long long>(weeks, 0)});
    }
    for (const auto& c : *counts) {
        auto type = domain::ActivityTypeFromSlug(c.type);
        if (!type) continue;  // a type this build does not know: not charted
        const auto week = (sys_days{c.day} - first).count() / 7;
        if (week < 0 || week >= weeks) continue;
        out.types[static_cast<size_t>(*type)].counts[static_cast<size_t>(week)] += c.count;
    }
    return out;
}

Result<PrefectureMap> DashboardService::PrefecturesOf(const ListParams& params, ports::DashboardFilter filter) const {
    KYOSO_RETURN_IF_ERROR(ReadCommon(params, {"fiscal_year"}, filter));
    auto fy = FiscalYearParam(params, "fiscal_year");
    if (!fy.ok()) return fy.status();
    auto rows = store_.dashboards().Prefectures(*fy, filter);
    if (!rows.ok()) return rows.status();
    PrefectureMap out;
    out.fiscal_year = *fy;
    for (auto& r : *rows) {
        const double rate =
            r.governments > 0 ? static_cast<double>(r.adopting) / static_cast<double>(r.governments) : 0.0;
        out.prefectures.push_back({std::move(r), rate});
    }
    return out;
}

}  // namespace kyoso::app
