#pragma once

#include <string>
#include <utility>
#include <vector>

namespace kyoso {

// The kinds of failure a caller may need to tell apart. api/error_mapping.cpp maps
// each one to an HTTP status in a switch without default, so a new code that nobody
// mapped is a compile-time warning (and, with -Werror, an error).
enum class ErrorCode {
    kInvalidArgument,     // input that breaks a rule; details name the field/row
    kNotFound,            // the addressed record does not exist
    kAlreadyExists,       // a unique key is taken
    kFailedPrecondition,  // the system is not in a state where this can run
    kConflict,            // a concurrent change won
    kPermissionDenied,    // the caller may not do this
    kUnauthenticated,     // no valid identity
    kResourceExhausted,   // a limit was hit
    kUnavailable,         // a dependency (disk, database) is unavailable
    kInternal,            // a bug or corrupted state
};

const char* ErrorCodeName(ErrorCode code);

// One field- or row-level problem inside a failed request or import.
struct ErrorDetail {
    std::string field;  // parameter, column or JSON path, e.g. "cursor", "row 12: code"
    std::string message;
};

// The outcome of an operation that can fail in an expected way (abseil TotW #76).
// A Status is cheap to move; an OK status carries no message.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(ErrorCode code, std::string message, std::vector<ErrorDetail> details = {})
        : ok_(false), code_(code), message_(std::move(message)), details_(std::move(details)) {}

    static Status Ok() { return {}; }

    bool ok() const { return ok_; }
    ErrorCode code() const { return code_; }
    const std::string& message() const { return message_; }
    const std::vector<ErrorDetail>& details() const { return details_; }

    // "INVALID_ARGUMENT: message (field: message; ...)" for logs and CLI output.
    std::string ToString() const;

private:
    bool ok_ = true;
    ErrorCode code_ = ErrorCode::kInternal;
    std::string message_;
    std::vector<ErrorDetail> details_;
};

inline Status InvalidArgument(std::string message, std::vector<ErrorDetail> details = {}) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(details)};
}
inline Status NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
inline Status FailedPrecondition(std::string message) { return {ErrorCode::kFailedPrecondition, std::move(message)}; }
inline Status Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }
inline Status Unavailable(std::string message) { return {ErrorCode::kUnavailable, std::move(message)}; }
inline Status PermissionDenied(std::string message) { return {ErrorCode::kPermissionDenied, std::move(message)}; }
inline Status Unauthenticated(std::string message) { return {ErrorCode::kUnauthenticated, std::move(message)}; }
inline Status ResourceExhausted(std::string message) { return {ErrorCode::kResourceExhausted, std::move(message)}; }
inline Status AlreadyExists(std::string message) { return {ErrorCode::kAlreadyExists, std::move(message)}; }

}  // namespace kyoso
