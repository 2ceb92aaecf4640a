#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/fiscal/fiscal_calendar.hpp"
#include "kyoso/domain/government/government.hpp"

namespace kyoso::ports {

enum class GovernmentSort { kCode, kKana, kPopulation };

// Keyset page request over governments. `after_*` come from a decoded cursor:
// rows strictly after (sort value, code) in the requested order are returned.
struct GovernmentQuery {
    std::optional<std::string> prefecture_code;  // 6-digit
    std::vector<domain::GovernmentKind> kinds;   // empty = all but wards
    std::optional<std::string> normalized_text;  // matched against the search key
    std::optional<long long> population_min;     // inclusive
    std::optional<long long> population_max;     // inclusive
    bool include_no_government = false;          // 北方領土の6村
    GovernmentSort sort = GovernmentSort::kCode;
    bool descending = false;
    std::optional<std::string> after_sort_value;  // text form of the sort key
    std::optional<std::string> after_code;
    int limit = 50;
};

struct GovernmentPage {
    std::vector<domain::Government> items;
    long long total = 0;  // rows matching the filters, ignoring paging
    bool has_more = false;
};

// Statistics for one body from an import; absent fields are left unchanged.
struct GovernmentStatsUpdate {
    std::string code;
    std::optional<long long> population;
    std::optional<double> fiscal_strength_index;
    std::optional<double> secondary_tertiary_share;
    std::optional<double> tertiary_share;
    std::string population_band;  // recomputed by the caller
    std::string similar_group;
};

// Persistent store of governments, their search keys and calendar overrides.
// Implementations are safe for concurrent use from multiple threads.
class GovernmentRepository {
public:
    virtual ~GovernmentRepository() = default;

    // Inserts or updates every body (by code) in one transaction, with its
    // normalized search key; statistics already stored are kept.
    virtual Status UpsertMasterData(const std::vector<domain::Government>& governments,
                                    const std::vector<std::string>& search_keys) = 0;
    virtual Result<GovernmentPage> List(const GovernmentQuery& query) = 0;
    // NotFound when no such code.
    virtual Result<domain::Government> Get(const std::string& code) = 0;
    virtual Result<long long> Count() = 0;
    // Applies all updates in one transaction: either every row changes or none.
    virtual Status ApplyStats(const std::vector<GovernmentStatsUpdate>& updates) = 0;

    virtual Result<std::vector<domain::MilestoneOverride>> ListMilestoneOverrides(const std::string& code) = 0;
    virtual Status PutMilestoneOverride(const std::string& code, const domain::MilestoneOverride& override_) = 0;
    // Removes the override of `kind` for `fiscal_year` (nullopt = the every-year one);
    // NotFound when there is none.
    virtual Status DeleteMilestoneOverride(const std::string& code, domain::MilestoneKind kind,
                                           std::optional<int> fiscal_year) = 0;
};

}  // namespace kyoso::ports
