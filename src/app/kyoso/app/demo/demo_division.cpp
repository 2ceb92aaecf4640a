#include "kyoso/app/demo/demo_division.hpp"

namespace kyoso::app {

Status SeedDivisionOfLabour(const DemoDivisionContext& context) {
    (void)context;
    return Status::Ok();
}

}  // namespace kyoso::app
