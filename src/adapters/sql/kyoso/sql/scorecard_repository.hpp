#pragma once

#include <memory>

#include "kyoso/ports/scorecard_repository.hpp"

namespace kyoso::sql {

class SqlStore;

// The scorecard's deal reads over a SqlStore (both backends).
std::unique_ptr<ports::ScorecardRepository> MakeScorecardRepository(SqlStore* store);

}  // namespace kyoso::sql
