#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/sql/migration.hpp"

namespace kyoso::sqlite {

using sql::Migration;

// The schema of this build of Kyoso.
const std::vector<Migration>& SchemaMigrations();

// Applies every migration newer than the database's version in ONE transaction:
// on any failure the database is left exactly as it was (never half-migrated) and
// the Status says which migration failed and why. A database newer than the
// newest known migration is refused. Returns the resulting version.
Result<int> Migrate(sqlite3* db, const std::vector<Migration>& migrations);

// Current schema version (0 for an empty database).
Result<int> CurrentVersion(sqlite3* db);

}  // namespace kyoso::sqlite
