#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kyoso/domain/sales/sales.hpp"
#include "kyoso/ports/deal_repository.hpp"

namespace kyoso::api {

// JSON shapes of deals and activities shared by the deal, pipeline and activity
// routes (docs/api.md).

// The deal's own fields (the "Deal" schema without names).
nlohmann::json DealJson(const domain::Deal& d);
// The deal with the names of its government, prefecture, kind, product and owner:
// the shape of every deal list item.
nlohmann::json NamedDealJson(const domain::Deal& d, const ports::DealNames& names);
// One activity ("Activity" schema, without participants).
nlohmann::json ActivityJson(const domain::Activity& a);
// Field-level restriction: each member of `deal` named in `hidden` answers null
// (arrays: empty) and `hidden_fields` lists them; `deal` unchanged when none.
nlohmann::json Redacted(nlohmann::json deal, const std::vector<std::string>& hidden);

}  // namespace kyoso::api
