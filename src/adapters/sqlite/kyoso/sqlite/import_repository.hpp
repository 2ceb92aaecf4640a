#pragma once

#include <memory>

#include "kyoso/ports/import_repository.hpp"

namespace kyoso::sqlite {

class SqliteStore;

// The SQLite ImportRepository over `store` (which must outlive it). Kept out of
// SqliteStore's own members so the bulk import stays a separate port.
std::unique_ptr<ports::ImportRepository> MakeImportRepository(SqliteStore* store);

}  // namespace kyoso::sqlite
