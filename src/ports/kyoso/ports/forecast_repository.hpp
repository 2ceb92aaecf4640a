#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/sales/sales.hpp"

namespace kyoso::ports {

// A deal as the revenue forecast reads it (docs/ml.md, "Forecast").
struct ForecastDealRow {
    long long id = 0;
    std::string title;
    std::string government_name;
    long long owner_id = 0;
    domain::Stage stage = domain::Stage::kDiscovery;  // now; the point-in-time stage comes from the moves
    domain::BudgetStatus budget_status = domain::BudgetStatus::kNone;
    int fiscal_year = 0;  // contract year
    long long amount = 0;
    std::optional<long long> award_amount;
    Date created_on{};
    std::optional<Date> closed_on;
};

// One stage move: on `moved_on` the deal moved to `to`.
struct ForecastStageMove {
    long long deal_id = 0;
    Date moved_on{};
    domain::Stage to = domain::Stage::kDiscovery;
};

// A manager's adjustment of the forecast, kept beside the model's figures.
struct ForecastAdjustmentRecord {
    long long id = 0;
    int fiscal_year = 0;
    int quarter = 0;       // 0 = the whole fiscal year, else 1..4
    std::string team;      // "" = the company
    std::string kind;      // delta | override
    long long amount = 0;  // yen; a delta may be negative
    std::string reason;
    long long author_id = 0;   // the signed-in user (0 = the CLI)
    std::string author_name;   // the author's name when written
    std::string created_at;    // ISO 8601 UTC
    std::string withdrawn_at;  // "" = in force
    long long withdrawn_by = 0;
};

// Reads for the forecast and the adjustments table. SQL written once for both
// backends; safe for concurrent use; calls inside Store::InTransaction join it.
class ForecastRepository {
public:
    virtual ~ForecastRepository() = default;
    // Every deal (with its government's name), by id.
    virtual Result<std::vector<ForecastDealRow>> Deals() = 0;
    // Every stage move, by deal, date and id.
    virtual Result<std::vector<ForecastStageMove>> StageMoves() = 0;

    // Inserts an adjustment (id, author_name, withdrawn_* ignored) and returns its id.
    virtual Result<long long> InsertAdjustment(const ForecastAdjustmentRecord& adjustment) = 0;
    // Adjustments of one fiscal year (every year when nullopt), by id; withdrawn ones
    // only when asked.
    virtual Result<std::vector<ForecastAdjustmentRecord>> Adjustments(std::optional<int> fiscal_year,
                                                                      bool include_withdrawn) = 0;
    // NotFound naming the id.
    virtual Result<ForecastAdjustmentRecord> FindAdjustment(long long id) = 0;
    // Marks the adjustment withdrawn (the row stays); NotFound when absent,
    // FailedPrecondition when already withdrawn.
    virtual Status WithdrawAdjustment(long long id, long long by_user_id, const std::string& at) = 0;
};

}  // namespace kyoso::ports
