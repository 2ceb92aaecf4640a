#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/pipeline/stage.hpp"
#include "kyoso/domain/sales/sales.hpp"

namespace kyoso::domain {

// One line of a deal's quote: what is sold, how many, at what unit price (yen).
struct DealLineItem {
    long long id = 0;
    long long deal_id = 0;
    long long product_id = 0;  // 0 = a line not tied to a catalogue product (e.g. 導入支援)
    std::string description;
    long long quantity = 1;
    long long unit_price = 0;
};

// A user working on a deal, in a role (bdr, inside_sales, field_sales, customer_success, manager).
struct DealTeamMember {
    long long user_id = 0;
    SalesRole role = SalesRole::kFieldSales;
};

// The deal amount implied by its line items: Σ quantity × unit_price. InvalidArgument
// (detail "line_items[i].…") for a quantity ≤ 0, a negative price, or a total beyond
// 10^15 yen (no real deal; guards against overflow).
Result<long long> LineItemsTotal(const std::vector<DealLineItem>& items);

// Slug → enum parsers for request fields; nullopt for unknown slugs.
std::optional<ProcurementMethod> ProcurementFromSlug(std::string_view slug);
std::optional<BudgetStatus> BudgetStatusFromSlug(std::string_view slug);
std::optional<SalesRole> SalesRoleFromSlug(std::string_view slug);

}  // namespace kyoso::domain
