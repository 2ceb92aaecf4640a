#include "kyoso/app/common/query_params.hpp"

#include <charconv>

namespace kyoso::app {

std::optional<long long> ParseInt(std::string_view s) {
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

std::string Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

std::vector<std::string> Split(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t pos = s.find(sep, start);
        out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}

std::string ToHex(std::string_view s) {
    static const char* kDigits = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() * 2);
    for (unsigned char c : s) {
        out += kDigits[c >> 4];
        out += kDigits[c & 15];
    }
    return out;
}

std::optional<std::string> FromHex(std::string_view s, size_t max_hex_chars) {
    if (s.size() % 2 != 0 || s.size() > max_hex_chars) return std::nullopt;
    std::string out;
    for (size_t i = 0; i < s.size(); i += 2) {
        int v = 0;
        for (size_t j = 0; j < 2; ++j) {
            const char c = s[i + j];
            v <<= 4;
            if (c >= '0' && c <= '9') {
                v |= c - '0';
            } else if (c >= 'a' && c <= 'f') {
                v |= c - 'a' + 10;
            } else {
                return std::nullopt;
            }
        }
        out += static_cast<char>(v);
    }
    return out;
}

Status ParamError(const std::string& param, const std::string& message) {
    return InvalidArgument("invalid parameter '" + param + "': " + message, {{param, message}});
}

}  // namespace kyoso::app
