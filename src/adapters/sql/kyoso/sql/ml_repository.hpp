#pragma once

#include <memory>

#include "kyoso/ports/ml_repository.hpp"

namespace kyoso::sql {

class SqlStore;

// The models' bulk reads and the model registry over a SqlStore (both backends).
std::unique_ptr<ports::MlRepository> MakeMlRepository(SqlStore* store);

}  // namespace kyoso::sql
