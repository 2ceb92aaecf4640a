#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// Product fields as a client sends them; for an update, absent members stay.
struct ProductRequest {
    std::optional<std::string> name;
    std::optional<std::vector<std::string>> policy_domains;
    std::optional<long long> price_min;
    std::optional<long long> price_max;
    std::optional<std::vector<std::string>> keywords;
    std::optional<std::string> external_id;  // "" clears it
};

struct ProductListResult {
    std::vector<domain::Product> items;
    long long total = 0;
    std::optional<std::string> next_cursor;
    std::vector<std::string> fields;  // requested field selection; empty = all
};

// Use cases over the vendor's product catalogue. Every write runs in one
// transaction with its audit entry (actor "system"); a failed request writes
// nothing. Thread-safe when its dependencies are.
class ProductService {
public:
    ProductService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest)
        : store_(store), audit_(store, clock, digest) {}

    // Parameters: q (name contains), policy_domain, sort (id|name|price_min|price_max),
    // order, limit (1-500, default 50), cursor, fields. An error names the parameter.
    Result<ProductListResult> List(const ListParams& params);
    // NotFound for an unknown id.
    Result<domain::Product> Get(long long id);
    // name required (≤ 200 bytes); prices ≥ 0 with min ≤ max; policy domains and
    // keywords: up to 50 non-empty entries without ','. AlreadyExists (409) for a
    // taken name or external id. Audited as "product.create".
    Result<domain::Product> Create(const ProductRequest& request);
    // Same rules over the merged record; audited as "product.update".
    Result<domain::Product> Update(long long id, const ProductRequest& request);
    // Conflict (409) while deals, line items or leads reference the product.
    // Audited as "product.delete".
    Status Delete(long long id);

private:
    // id 0 creates; otherwise merges `request` over product `id`.
    Result<domain::Product> Save(long long id, const ProductRequest& request);

    ports::Store& store_;
    AuditTrail audit_;
};

// The product as recorded in the audit trail.
std::string ProductAuditJson(const domain::Product& p);

}  // namespace kyoso::app
