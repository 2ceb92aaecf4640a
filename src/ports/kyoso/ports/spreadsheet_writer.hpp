#pragma once

#include <string>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// One worksheet: a header row and data rows of text cells (numbers as text).
struct Sheet {
    std::string name;  // worksheet name, at most 31 characters
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<double> column_widths;  // optional, in characters
};

// Writes spreadsheets in the Office Open XML format (.xlsx). Thread-safe.
class SpreadsheetWriter {
public:
    virtual ~SpreadsheetWriter() = default;
    // Writes `sheet` to `path` atomically: a temporary file in the same folder,
    // renamed into place when complete (nothing half-written is ever visible).
    virtual Status WriteXlsx(const Sheet& sheet, const std::string& path) const = 0;
    // The .xlsx file's bytes (for HTTP downloads).
    virtual Result<std::string> RenderXlsx(const Sheet& sheet) const = 0;
};

}  // namespace kyoso::ports
