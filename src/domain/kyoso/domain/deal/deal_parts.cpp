#include "kyoso/domain/deal/deal_parts.hpp"

namespace kyoso::domain {

namespace {

constexpr long long kMaxTotal = 1'000'000'000'000'000LL;  // 10^15 yen

}  // namespace

Result<long long> LineItemsTotal(const std::vector<DealLineItem>& items) {
    std::vector<ErrorDetail> errors;
    long long total = 0;
    bool overflow = false;
    for (size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        const std::string at = "line_items[" + std::to_string(i) + "]";
        if (item.quantity <= 0) errors.push_back({at + ".quantity", "must be a positive integer"});
        if (item.unit_price < 0) errors.push_back({at + ".unit_price", "must not be negative"});
        if (item.quantity <= 0 || item.unit_price < 0 || overflow) continue;
        if (item.unit_price != 0 && item.quantity > kMaxTotal / item.unit_price) {
            overflow = true;
            continue;
        }
        total += item.quantity * item.unit_price;
        if (total > kMaxTotal) overflow = true;
    }
    if (overflow) errors.push_back({"line_items", "the total exceeds 10^15 yen"});
    if (!errors.empty()) {
        std::string message = "invalid line items: " + errors.front().field + ": " + errors.front().message;
        return InvalidArgument(std::move(message), std::move(errors));
    }
    return total;
}

std::optional<ProcurementMethod> ProcurementFromSlug(std::string_view slug) {
    using P = ProcurementMethod;
    for (P p : {P::kOpenTender, P::kNominatedTender, P::kProposal, P::kSmallValue, P::kSoleSource}) {
        if (ProcurementSlug(p) == slug) return p;
    }
    return std::nullopt;
}

std::optional<BudgetStatus> BudgetStatusFromSlug(std::string_view slug) {
    using B = BudgetStatus;
    for (B b : {B::kNone, B::kRequested, B::kPassed, B::kSupplementary, B::kCut}) {
        if (BudgetStatusSlug(b) == slug) return b;
    }
    return std::nullopt;
}

std::optional<SalesRole> SalesRoleFromSlug(std::string_view slug) {
    using R = SalesRole;
    for (R r : {R::kBdr, R::kInsideSales, R::kFieldSales, R::kCustomerSuccess, R::kManager}) {
        if (SalesRoleSlug(r) == slug) return r;
    }
    return std::nullopt;
}

}  // namespace kyoso::domain
