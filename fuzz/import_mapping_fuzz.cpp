// Fuzz target: mapping files of the generic import (JSON and the TOML subset).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kyoso/text/mapping_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    kyoso::text::MappingFileParser parser;
    auto mapping = parser.Parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
    if (mapping.ok()) {
        for (const auto& [column, fields] : mapping->columns) {
            if (fields.empty() && column.empty()) continue;
        }
    } else if (mapping.status().message().empty() || mapping.status().details().empty()) {
        __builtin_trap();  // every error must name where it is
    }
    return 0;
}
