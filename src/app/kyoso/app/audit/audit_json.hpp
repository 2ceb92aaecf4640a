#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kyoso::app {

// Builds the small JSON objects stored as before/after of audit entries. Keys keep
// the order they were added in, so the same record always gives the same bytes
// (the bytes are hashed). Not thread-safe; one builder per object.
class AuditJson {
public:
    // A string member; `value` must be UTF-8 and is escaped per RFC 8259.
    AuditJson& Str(std::string_view key, std::string_view value);
    // An integer member.
    AuditJson& Int(std::string_view key, long long value);
    // An integer member, or null when absent.
    AuditJson& OptInt(std::string_view key, const std::optional<long long>& value);
    // A boolean member.
    AuditJson& Bool(std::string_view key, bool value);
    // A member whose value is already JSON text (a nested object or array).
    AuditJson& Raw(std::string_view key, std::string_view json);
    // The object text, e.g. {"stage":"won","amount":1200000}.
    std::string str() const { return body_ + "}"; }

private:
    AuditJson& Key(std::string_view key);
    std::string body_ = "{";
};

// A JSON string literal (quoted and escaped) for `value`.
std::string JsonQuote(std::string_view value);
// A JSON array of strings.
std::string JsonStringArray(const std::vector<std::string>& values);

}  // namespace kyoso::app
