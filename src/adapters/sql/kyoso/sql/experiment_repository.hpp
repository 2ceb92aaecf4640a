#pragma once

#include <memory>

#include "kyoso/ports/experiment_repository.hpp"

namespace kyoso::sql {

class SqlStore;

// Experiments and the counts of their arms over a SqlStore (both backends).
std::unique_ptr<ports::ExperimentRepository> MakeExperimentRepository(SqlStore* store);

}  // namespace kyoso::sql
