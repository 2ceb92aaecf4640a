#pragma once

#include "kyoso/ports/master_data.hpp"

namespace kyoso::text {

// CSV (RFC 4180, via libcsv in strict mode) in UTF-8, UTF-8 with BOM or
// Shift_JIS (Windows-31J, as Excel in Japan writes it; decoded with ICU). The
// first row is the header. Errors name the line.
class CsvTableReader final : public ports::TableReader {
public:
    // Files larger than this are refused (a statistics file is a few MB).
    static constexpr size_t kMaxBytes = 256u << 20;

    Result<ports::Table> ReadFile(const std::string& path) const override;
    Result<ports::Table> ReadBytes(std::string_view bytes, const std::string& name) const override;
};

}  // namespace kyoso::text
