#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/sales/sales.hpp"
#include "kyoso/ports/list_query.hpp"

namespace kyoso::ports {

// Filters and keyset page over products. Sort fields: id, name, price_min, price_max.
struct ProductQuery {
    std::optional<std::string> name_contains;
    std::optional<std::string> policy_domain;  // one domain, matched exactly
    SortSpec sort;
    int limit = 50;
};

struct ProductPage {
    std::vector<domain::Product> items;
    long long total = 0;
    bool has_more = false;
};

// How many records point at a product (a product in use cannot be deleted).
struct ProductUsage {
    long long deals = 0;
    long long line_items = 0;
    long long leads = 0;
};

// The vendor's catalogue. Safe for concurrent use; calls inside
// Store::InTransaction join it. A taken name or external id is AlreadyExists.
class ProductRepository {
public:
    virtual ~ProductRepository() = default;
    virtual Result<ProductPage> List(const ProductQuery& query) = 0;
    // NotFound for an unknown id.
    virtual Result<domain::Product> Get(long long id) = 0;
    // Inserts (the id is ignored) and returns the new id.
    virtual Result<long long> Insert(const domain::Product& product) = 0;
    // Replaces every field of product.id; NotFound when it is gone.
    virtual Status Update(const domain::Product& product) = 0;
    virtual Result<ProductUsage> Usage(long long id) = 0;
    // NotFound when it is gone; the caller checks Usage first.
    virtual Status Delete(long long id) = 0;
};

}  // namespace kyoso::ports
