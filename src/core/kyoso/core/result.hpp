#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "kyoso/core/status.hpp"

namespace kyoso {

// Either a value or a non-OK Status. Accessing value() of a failed result is a bug
// (asserted in debug builds).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : value_(std::move(value)) {}                                  // NOLINT: implicit by design
    Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

    bool ok() const { return value_.has_value(); }
    const Status& status() const { return status_; }

    T& value() & {
        assert(ok());
        return *value_;
    }
    const T& value() const& {
        assert(ok());
        return *value_;
    }
    T&& value() && {
        assert(ok());
        return std::move(*value_);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    Status status_;
    std::optional<T> value_;
};

}  // namespace kyoso

// Returns early from the enclosing function when `expr` (a Status) is not OK.
#define KYOSO_RETURN_IF_ERROR(expr)                    \
    do {                                               \
        ::kyoso::Status kyoso_status_ = (expr);        \
        if (!kyoso_status_.ok()) return kyoso_status_; \
    } while (false)
