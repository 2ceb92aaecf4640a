#include "kyoso/app/demo/demo_division.hpp"

namespace kyoso::app {

Status SeedDivisionOfLabour(const DemoDivisionContext& context) {
    KYOSO_RETURN_IF_ERROR(SeedDemoRouting(context));
    KYOSO_RETURN_IF_ERROR(SeedDemoHandoffs(context));
    KYOSO_RETURN_IF_ERROR(SeedDemoCadences(context));
    KYOSO_RETURN_IF_ERROR(SeedDemoOutcomes(context));
    KYOSO_RETURN_IF_ERROR(SeedDemoDiagnosis(context));
    KYOSO_RETURN_IF_ERROR(SeedDemoCases(context));
    KYOSO_RETURN_IF_ERROR(SeedDemoExperiments(context));
    return Status::Ok();
}

}  // namespace kyoso::app
