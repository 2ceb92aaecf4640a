#pragma once

#include <string>

namespace kyoso::sql {

// A forward-only schema change. Versions start at 1 and increase by one; each
// backend has its own list (SQL dialects differ) with the same versions and names,
// so a database of either backend at version N has the same tables and columns.
struct Migration {
    int version;
    std::string name;
    std::string sql;
};

}  // namespace kyoso::sql
