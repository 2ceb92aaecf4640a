#include "kyoso/core/date.hpp"

#include <cstdio>

namespace kyoso {

std::optional<Date> ParseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const size_t starts[3] = {0, 5, 8};
    const size_t lens[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (size_t j = 0; j < lens[i]; ++j) {
            char c = text[starts[i] + j];
            if (c < '0' || c > '9') return std::nullopt;
            parts[i] = parts[i] * 10 + (c - '0');
        }
    }
    Date d = MakeDate(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]));
    if (!d.ok()) return std::nullopt;
    return d;
}

std::string FormatIsoDate(Date date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return buf;
}

}  // namespace kyoso
