#pragma once

#include "kyoso/ports/spreadsheet_writer.hpp"

namespace kyoso::office {

// ports::SpreadsheetWriter over libxlsxwriter: one worksheet with a bold, frozen
// header row. Cells are written as text (long text is cut at Excel's 32,767
// character limit). Thread-safe: each call uses its own workbook.
class XlsxWriter final : public ports::SpreadsheetWriter {
public:
    Status WriteXlsx(const ports::Sheet& sheet, const std::string& path) const override;
    Result<std::string> RenderXlsx(const ports::Sheet& sheet) const override;
};

}  // namespace kyoso::office
