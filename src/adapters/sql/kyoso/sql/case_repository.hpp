#pragma once

#include <memory>

#include "kyoso/ports/case_repository.hpp"

namespace kyoso::sql {

class SqlStore;

// The case library and public value reads over a SqlStore (both backends).
std::unique_ptr<ports::CaseRepository> MakeCaseRepository(SqlStore* store);

}  // namespace kyoso::sql
