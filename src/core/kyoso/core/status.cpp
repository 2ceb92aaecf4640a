#include "kyoso/core/status.hpp"

namespace kyoso {

const char* ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "INVALID_ARGUMENT";
        case ErrorCode::kNotFound:
            return "NOT_FOUND";
        case ErrorCode::kAlreadyExists:
            return "ALREADY_EXISTS";
        case ErrorCode::kFailedPrecondition:
            return "FAILED_PRECONDITION";
        case ErrorCode::kConflict:
            return "CONFLICT";
        case ErrorCode::kPermissionDenied:
            return "PERMISSION_DENIED";
        case ErrorCode::kUnauthenticated:
            return "UNAUTHENTICATED";
        case ErrorCode::kResourceExhausted:
            return "RESOURCE_EXHAUSTED";
        case ErrorCode::kUnavailable:
            return "UNAVAILABLE";
        case ErrorCode::kInternal:
            return "INTERNAL";
    }
    return "UNKNOWN";
}

std::string Status::ToString() const {
    if (ok_) return "OK";
    std::string out = std::string(ErrorCodeName(code_)) + ": " + message_;
    if (!details_.empty()) {
        out += " (";
        for (size_t i = 0; i < details_.size(); ++i) {
            if (i > 0) out += "; ";
            out += details_[i].field + ": " + details_[i].message;
        }
        out += ")";
    }
    return out;
}

}  // namespace kyoso
