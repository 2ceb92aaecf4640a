#pragma once

#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/sales/sales.hpp"

namespace kyoso::ports {

struct SalesCounts {
    long long products = 0;
    long long users = 0;
    long long officials = 0;
    long long leads = 0;
    long long deals = 0;
    long long activities = 0;
};

// Bulk store of the foundation's sales records (the demo writes through it; the
// CRM issue adds per-object repositories). Ids in the records are kept as given.
class SalesRepository {
public:
    virtual ~SalesRepository() = default;
    virtual Status InsertProducts(const std::vector<domain::Product>& rows) = 0;
    virtual Status InsertUsers(const std::vector<domain::SalesUser>& rows) = 0;
    virtual Status InsertOfficials(const std::vector<domain::Official>& rows) = 0;
    virtual Status InsertLeads(const std::vector<domain::Lead>& rows) = 0;
    virtual Status InsertDeals(const std::vector<domain::Deal>& rows) = 0;
    virtual Status InsertActivities(const std::vector<domain::Activity>& rows) = 0;
    virtual Result<SalesCounts> Counts() = 0;
    virtual Result<std::vector<domain::Deal>> DealsForGovernment(const std::string& code) = 0;
};

}  // namespace kyoso::ports
