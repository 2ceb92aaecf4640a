#pragma once

#include <memory>

#include "kyoso/ports/plan_repository.hpp"

namespace kyoso::sql {

class SqlStore;

// The action plan's organisation facts and progress rows over a SqlStore (both backends).
std::unique_ptr<ports::PlanRepository> MakePlanRepository(SqlStore* store);

}  // namespace kyoso::sql
