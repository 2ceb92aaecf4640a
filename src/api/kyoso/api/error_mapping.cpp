#include "kyoso/api/error_mapping.hpp"

namespace kyoso::api {

int HttpStatusFor(ErrorCode code) {
    // No default: a new ErrorCode that is not mapped here fails the build (-Wswitch).
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kPermissionDenied:
            return 403;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kAlreadyExists:
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kFailedPrecondition:
            return 422;
        case ErrorCode::kResourceExhausted:
            return 429;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

nlohmann::json ErrorBody(const Status& status) {
    nlohmann::json details = nlohmann::json::array();
    for (const auto& d : status.details()) details.push_back({{"field", d.field}, {"message", d.message}});
    return {{"error", {{"code", ErrorCodeName(status.code())}, {"message", status.message()}, {"details", details}}}};
}

}  // namespace kyoso::api
