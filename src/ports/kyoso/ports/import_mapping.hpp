#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// How another system's CSV maps onto a Kyoso record type (docs/data-import.md,
// "Mapping files"). Field names are the canonical English headers of
// domain::SpecFor(type). Order is kept as written in the file.
struct ImportMapping {
    std::string type;  // record type slug, "" = given on the command line
    // Source column → one or more fields (a column may feed two fields).
    std::vector<std::pair<std::string, std::vector<std::string>>> columns;
    // Field → value for every row (e.g. government_code = "131016").
    std::vector<std::pair<std::string, std::string>> constants;
    // Field → value used when the row's own value is empty.
    std::vector<std::pair<std::string, std::string>> defaults;
    // Field → text with {source column} placeholders, e.g. "{account}: {product}".
    std::vector<std::pair<std::string, std::string>> templates;
    // Field → (value in the file → value for Kyoso), e.g. stage "Won" → "won".
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> values;
};

// Reads a mapping file (JSON or TOML). Implementations are stateless and thread-safe.
class ImportMappingParser {
public:
    virtual ~ImportMappingParser() = default;
    // InvalidArgument naming the key or line on anything malformed or unknown.
    virtual Result<ImportMapping> Parse(std::string_view text, const std::string& name) const = 0;
};

}  // namespace kyoso::ports
