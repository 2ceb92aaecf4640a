#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/status.hpp"

namespace kyoso::app {

// Helpers shared by the use cases that validate raw request parameters and
// encode opaque paging cursors.

// A whole decimal integer (no sign prefix other than '-', no spaces), else nullopt.
std::optional<long long> ParseInt(std::string_view s);
// ASCII spaces, tabs and CRs trimmed from both ends.
std::string Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);

// Lower-case hex of the bytes; cursors are hex so they survive any URL unescaped.
std::string ToHex(std::string_view s);
// Inverse of ToHex; nullopt for odd length, non-hex digits or more than max_hex_chars.
std::optional<std::string> FromHex(std::string_view s, size_t max_hex_chars);

// InvalidArgument "invalid parameter 'P': M" with the detail field P.
Status ParamError(const std::string& param, const std::string& message);

}  // namespace kyoso::app
