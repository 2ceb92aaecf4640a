#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/ports/list_query.hpp"

namespace kyoso::app {

// The common list parameters sort, order, cursor and fields, validated together:
// a cursor is bound to the list, sort and order it was issued for.
struct ListOptions {
    ports::SortSpec sort;
    std::vector<std::string> fields;  // empty = every field
};

// Reads sort (one of `sort_fields`, default "id"), order (asc|desc), cursor and
// fields (comma-separated names from `selectable`) from `params`. `list` names the
// cursor's list ("products"). InvalidArgument naming the parameter otherwise.
Result<ListOptions> ParseListOptions(const ListParams& params, const std::string& list,
                                     const std::vector<std::string>& sort_fields,
                                     const std::vector<std::string>& selectable);

// The opaque cursor to the rows after (value, id) in `options`' order.
std::string MakeListCursor(const std::string& list, const ports::SortSpec& sort, const std::string& value,
                           long long id);

// InvalidArgument naming the first parameter of `params` not in `known`.
Status CheckKnownParams(const ListParams& params, const std::vector<std::string>& known);

}  // namespace kyoso::app
