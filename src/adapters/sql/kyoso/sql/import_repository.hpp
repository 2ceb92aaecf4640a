#pragma once

#include <memory>

#include "kyoso/ports/import_repository.hpp"

namespace kyoso::sql {

class SqlStore;

// The ImportRepository over `store` (SQLite or PostgreSQL; it must outlive it). Kept
// out of SqlStore's own members so the bulk import stays a separate port.
std::unique_ptr<ports::ImportRepository> MakeImportRepository(SqlStore* store);

}  // namespace kyoso::sql
