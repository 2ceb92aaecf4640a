#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/pipeline/stage.hpp"
#include "kyoso/ports/deal_repository.hpp"
#include "kyoso/ports/list_query.hpp"

namespace kyoso::ports {

// What every dashboard aggregates over: the deals (and activities) the caller may
// read, optionally of one owner and one product.
struct DashboardFilter {
    Visibility deal_visible;
    Visibility activity_visible;
    std::optional<long long> owner_id;    // deals: the owner; activities: who logged them
    std::optional<long long> product_id;  // activities: those on a deal of the product
};

// Deals of one fiscal year at one stage.
struct YearStageTotal {
    int fiscal_year = 0;
    domain::Stage stage = domain::Stage::kDiscovery;
    long long count = 0;
    long long amount = 0;
};

// Won and lost deals of one group (a government kind slug, or a product).
struct OutcomeCount {
    std::string kind;          // domain::KindSlug (by kind)
    long long product_id = 0;  // (by product)
    std::string product_name;
    long long won = 0;
    long long lost = 0;
};

// Activities of one type on one day.
struct DayTypeCount {
    Date day{};
    std::string type;  // domain::ActivityTypeSlug
    long long count = 0;
};

// One prefecture's governments, adoption and open pipeline.
struct PrefectureTotals {
    std::string prefecture_code;  // "01"
    std::string prefecture_name;  // 北海道
    long long governments = 0;    // bodies: the prefecture and its municipalities (not wards, not 北方領土)
    long long adopting = 0;       // of them, those with a won deal (any fiscal year)
    long long open_count = 0;     // open deals of the fiscal year
    long long open_amount = 0;
};

// Aggregates behind the web app's dashboards (docs/api.md "Dashboards"). Each
// counts only what `filter` lets through. Safe for concurrent use.
class DashboardRepository {
public:
    virtual ~DashboardRepository() = default;
    // Deals of `fiscal_year` per stage they were ever at: their current stage or
    // either end of any move in their stage history. A deal counts once per stage.
    virtual Result<std::vector<StageTotal>> StagesReached(int fiscal_year, const DashboardFilter& filter) = 0;
    // Count and amount of deals per fiscal year and current stage.
    virtual Result<std::vector<YearStageTotal>> TotalsByYearAndStage(const DashboardFilter& filter) = 0;
    // Fiscal years with won or lost deals, newest first, at most `limit`.
    virtual Result<std::vector<int>> YearsWithOutcomes(const DashboardFilter& filter, int limit) = 0;
    // Won and lost deals of fiscal years from..to, per government kind (kind set)
    // and per product (product_id set), each group in slug / id order.
    virtual Result<std::vector<OutcomeCount>> OutcomesByKind(int from_fy, int to_fy, const DashboardFilter& filter) = 0;
    virtual Result<std::vector<OutcomeCount>> OutcomesByProduct(int from_fy, int to_fy,
                                                                const DashboardFilter& filter) = 0;
    // Activities per day and type from `from` to `to` (inclusive); days without any are left out.
    virtual Result<std::vector<DayTypeCount>> ActivitiesByDayAndType(Date from, Date to,
                                                                     const DashboardFilter& filter) = 0;
    // The 47 prefectures in code order; adoption over every fiscal year, open deals of `fiscal_year`.
    virtual Result<std::vector<PrefectureTotals>> Prefectures(int fiscal_year, const DashboardFilter& filter) = 0;
};

}  // namespace kyoso::ports
