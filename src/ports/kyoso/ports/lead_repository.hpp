#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/sales/sales.hpp"
#include "kyoso/ports/list_query.hpp"

namespace kyoso::ports {

// Filters and keyset page over leads. Sort fields: id, created_on, status, source.
struct LeadQuery {
    std::optional<std::string> government_code;
    std::optional<std::string> status;
    std::optional<std::string> source;
    std::optional<long long> owner_id;
    std::optional<long long> product_id;
    SortSpec sort;
    int limit = 50;
    Visibility visible;  // record-level sharing of the caller
};

struct LeadPage {
    std::vector<domain::Lead> items;
    long long total = 0;
    bool has_more = false;
};

// BDR leads. Safe for concurrent use; calls inside Store::InTransaction join it.
// A taken external id is AlreadyExists.
class LeadRepository {
public:
    virtual ~LeadRepository() = default;
    virtual Result<LeadPage> List(const LeadQuery& query) = 0;
    // NotFound for an unknown id.
    virtual Result<domain::Lead> Get(long long id) = 0;
    // Inserts (the id is ignored) and returns the new id.
    virtual Result<long long> Insert(const domain::Lead& lead) = 0;
    // Replaces every field of lead.id; Conflict (no write) when its stored status is
    // no longer `expected_status` (a concurrent edit or conversion); NotFound when gone.
    virtual Status Update(const domain::Lead& lead, const std::string& expected_status) = 0;
};

}  // namespace kyoso::ports
