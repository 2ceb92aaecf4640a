#pragma once

#include <string>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/core/status.hpp"
#include "kyoso/ports/deal_repository.hpp"

namespace kyoso::app {

// Reads the deal filters present in `params` into `query`: government (5/6-digit
// code), stage (slug), fiscal_year, owner (user id), product (product id), kind
// (comma-separated government kind slugs), prefecture (1-47, "01", or a prefecture's
// 5/6-digit code) and status (open|won|lost|closed). Other parameters are ignored
// (the caller checks which it accepts). InvalidArgument naming the parameter.
Status ParseDealFilters(const ListParams& params, ports::DealQuery& query);

// A prefecture parameter as the two-digit code "01".."47"; InvalidArgument naming `param`.
Result<std::string> ParsePrefectureParam(const std::string& param, const std::string& value);

// The status filter slugs (open, won, lost, closed).
std::optional<ports::DealStatus> DealStatusFromSlug(std::string_view slug);

}  // namespace kyoso::app
