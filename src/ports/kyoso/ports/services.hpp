#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "kyoso/core/date.hpp"

namespace kyoso::ports {

// Today's date in Japan (Asia/Tokyo, UTC+9, no DST). Injected so tests can fix it.
class Clock {
public:
    virtual ~Clock() = default;
    virtual Date Today() const = 0;
    // The current instant in UTC, to the second, for audit timestamps. Defaults to
    // the system clock: pinning "today" for demos must not fake when a write happened.
    virtual std::chrono::sys_seconds Now() const {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

// Folds text for search so that 全角/半角, hiragana/katakana and case differences
// do not matter: "ﾁﾖﾀﾞ", "チヨダ" and "ちよだ" fold to the same string. Thread-safe.
class TextNormalizer {
public:
    virtual ~TextNormalizer() = default;
    virtual std::string Fold(std::string_view text) const = 0;
};

// Reports progress of long work (imports, demo builds) to the CLI or UI.
class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    // `done` of `total` units of `phase` are finished; total 0 = unknown.
    virtual void Report(std::string_view phase, long long done, long long total) = 0;
};

class NullProgress final : public ProgressSink {
public:
    void Report(std::string_view, long long, long long) override {}
};

}  // namespace kyoso::ports
