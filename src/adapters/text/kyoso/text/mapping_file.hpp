#pragma once

#include "kyoso/ports/import_mapping.hpp"

namespace kyoso::text {

// Mapping files for the generic import, in JSON (nlohmann-json) or in a TOML
// subset (tables [columns] [constants] [defaults] [templates] [values.<field>],
// bare or "quoted" keys, "string" values and ["string", ...] arrays, # comments),
// told apart by the first character ('{' = JSON). Unknown sections and keys are
// errors, so a typo never silently maps nothing.
class MappingFileParser final : public ports::ImportMappingParser {
public:
    // Files larger than this are refused (a mapping is a few KB).
    static constexpr size_t kMaxBytes = 1u << 20;

    Result<ports::ImportMapping> Parse(std::string_view text, const std::string& name) const override;
};

}  // namespace kyoso::text
