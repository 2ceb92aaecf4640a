#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/sales/sales.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// The deals of a fiscal year that reached each stage of the pipeline.
struct FunnelStage {
    domain::Stage stage = domain::Stage::kDiscovery;
    long long reached = 0;
    long long amount = 0;  // yen, of the deals counted
};
struct Funnel {
    int fiscal_year = 0;
    std::vector<FunnelStage> stages;  // the open stages in order, then 受注
};

// Open, won and lost deals of one fiscal year.
struct YearPipeline {
    int fiscal_year = 0;
    long long open_count = 0, open_amount = 0;
    long long won_count = 0, won_amount = 0;
    long long lost_count = 0, lost_amount = 0;
};

// Won against lost for one group; rate = won / (won + lost), nullopt without either.
struct WinRate {
    std::string kind;  // government kind slug (by kind)
    long long product_id = 0;
    std::string product_name;
    long long won = 0;
    long long lost = 0;
    std::optional<double> rate;
};
struct WinRates {
    std::optional<int> from_fy, to_fy;  // unset when there are no outcomes to look at
    std::vector<WinRate> by_kind;       // kinds with outcomes, in kind order
    std::vector<WinRate> by_product;    // products with outcomes, by id
};

// Activities per type and week (Monday to Sunday), the last week being today's.
struct ActivityVolume {
    std::vector<Date> weeks;  // the Mondays, oldest first
    struct Series {
        domain::ActivityType type = domain::ActivityType::kVisit;
        std::vector<long long> counts;  // one per week
    };
    std::vector<Series> types;  // every type, in type order
};

// Per prefecture: bodies, adopters (a won deal in any year) and the fiscal year's open pipeline.
struct PrefectureRow {
    ports::PrefectureTotals totals;
    double adoption_rate = 0;  // adopting / governments
};
struct PrefectureMap {
    int fiscal_year = 0;
    std::vector<PrefectureRow> prefectures;  // "01".."47"
};

// The web app's dashboards (docs/api.md "Dashboards"): aggregates over the deals and
// activities the caller may read (`filter`'s visibilities), each optionally of one
// `owner` (user id) and one `product` (product id). Every method validates its
// parameters (InvalidArgument naming the parameter) and refuses unknown ones.
// Thread-safe when the store is.
class DashboardService {
public:
    DashboardService(ports::Store& store, const ports::Clock& clock) : store_(store), clock_(clock) {}

    // fiscal_year (default: the one after today's), owner, product.
    Result<Funnel> FunnelOf(const ListParams& params, ports::DashboardFilter filter) const;
    // owner, product; every fiscal year with deals, oldest first.
    Result<std::vector<YearPipeline>> PipelineByYear(const ListParams& params, ports::DashboardFilter filter) const;
    // from_fy, to_fy (default: the last three fiscal years with won or lost deals), owner, product.
    Result<WinRates> WinRatesOf(const ListParams& params, ports::DashboardFilter filter) const;
    // weeks (1-104, default 26), owner (who logged), product (of the activity's deal).
    Result<ActivityVolume> ActivityVolumeOf(const ListParams& params, ports::DashboardFilter filter) const;
    // fiscal_year (default: the one after today's), owner, product.
    Result<PrefectureMap> PrefecturesOf(const ListParams& params, ports::DashboardFilter filter) const;

private:
    // Checks the parameter names and reads owner and product into `filter`.
    Status ReadCommon(const ListParams& params, std::vector<std::string> known, ports::DashboardFilter& filter) const;
    // The fiscal_year parameter, or the one after today's.
    Result<int> FiscalYearParam(const ListParams& params, const char* name) const;

    ports::Store& store_;
    const ports::Clock& clock_;
};

}  // namespace kyoso::app
