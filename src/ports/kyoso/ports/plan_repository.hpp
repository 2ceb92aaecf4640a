#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// Progress of one action of the staged action plan (table plan_progress,
// docs/transformation.md "Staged action plan"), keyed by the catalogue's stable key.
struct PlanProgressRecord {
    std::string action_key;
    std::string status;  // todo | doing | done
    std::string note;
    long long updated_by = 0;
    std::string updated_by_name;  // users.name, "" when unknown
    std::string updated_at;       // ISO 8601 UTC
};

// What the organisation profile of the plan is derived from.
struct PlanOrgFacts {
    // Active (not disabled) users with a sales role: bdr, inside_sales, field_sales,
    // customer_success. Managers and administrators are not counted.
    int sales_staff = 0;
    long long deals = 0;
    // Deals with a town or village, or a government under 50,000 people.
    long long small_government_deals = 0;
    // Deals with a prefecture, designated city (or its ward), core city or special ward.
    long long large_government_deals = 0;
};

// Reads and writes of the action plan. Implementations: adapters/sql (SQLite and
// PostgreSQL). Writes join the store's InTransaction on the same thread.
class PlanRepository {
public:
    virtual ~PlanRepository() = default;
    virtual Result<PlanOrgFacts> OrgFacts() = 0;
    // Every recorded progress row, by key.
    virtual Result<std::vector<PlanProgressRecord>> Progress() = 0;
    // Inserts or replaces the row of record.action_key.
    virtual Status SaveProgress(const PlanProgressRecord& record) = 0;
};

}  // namespace kyoso::ports
