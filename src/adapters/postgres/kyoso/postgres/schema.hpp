#pragma once

#include <vector>

#include "kyoso/sql/migration.hpp"

namespace kyoso::postgres {

// The PostgreSQL schema of this build: the same versions, names, tables and columns as
// the SQLite schema (sqlite::SchemaMigrations), in PostgreSQL's dialect. Each migration's
// SQL is one multi-statement string meant to run inside the migrator's transaction (it
// has no BEGIN/COMMIT and does not touch schema_migrations).
const std::vector<sql::Migration>& PostgresMigrations();

}  // namespace kyoso::postgres
