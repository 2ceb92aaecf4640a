#include "kyoso/office/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kyoso::office {

namespace {

constexpr size_t kMaxCellBytes = 32767;  // Excel's limit is in characters; bytes is stricter

// Cuts at a UTF-8 boundary at most `max` bytes in.
std::string Cut(const std::string& s, size_t max) {
    if (s.size() <= max) return s;
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut);
}

Status Write(const ports::Sheet& sheet, const std::string& file) {
    // constant_memory: rows stream to disk and strings are stored inline in
    // xl/worksheets/sheet1.xml (no shared-string table), so big exports stay small in RAM.
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
    if (!wb) return Unavailable("cannot create the spreadsheet " + file);
    const std::string name = sheet.name.empty() ? "Sheet1" : sheet.name;
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) {
        workbook_close(wb);
        return InvalidArgument("invalid worksheet name '" + name + "'");
    }
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    for (size_t c = 0; c < sheet.column_widths.size(); ++c) {
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), sheet.column_widths[c], nullptr);
    }
    lxw_error err = LXW_NO_ERROR;
    for (size_t c = 0; c < sheet.header.size() && err == LXW_NO_ERROR; ++c) {
        err = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
    }
    for (size_t r = 0; r < sheet.rows.size() && err == LXW_NO_ERROR; ++r) {
        const auto& row = sheet.rows[r];
        for (size_t c = 0; c < row.size() && err == LXW_NO_ERROR; ++c) {
            if (row[c].empty()) continue;
            err = worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                         Cut(row[c], kMaxCellBytes).c_str(), wrap);
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    const lxw_error close_err = workbook_close(wb);
    if (err != LXW_NO_ERROR) return Internal(std::string("writing the spreadsheet failed: ") + lxw_strerror(err));
    if (close_err != LXW_NO_ERROR) {
        return Unavailable("cannot write " + file + ": " + lxw_strerror(close_err));
    }
    return Status::Ok();
}

std::string TempName(const std::filesystem::path& target) {
    static std::atomic<unsigned> counter{0};
    return (target.parent_path() / ("." + target.filename().string() + ".tmp" + std::to_string(getpid()) + "." +
                                    std::to_string(counter.fetch_add(1))))
        .string();
}

}  // namespace

Status XlsxWriter::WriteXlsx(const ports::Sheet& sheet, const std::string& path) const {
    const std::filesystem::path target(path);
    const std::string tmp = TempName(target.has_parent_path() ? target : std::filesystem::path(".") / target);
    Status st = Write(sheet, tmp);
    std::error_code ec;
    if (!st.ok()) {
        std::filesystem::remove(tmp, ec);
        return st;
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return Unavailable("cannot move the spreadsheet into place at " + path + ": " + ec.message());
    }
    return Status::Ok();
}

Result<std::string> XlsxWriter::RenderXlsx(const ports::Sheet& sheet) const {
    const std::string tmp = TempName(std::filesystem::temp_directory_path() / "kyoso-export.xlsx");
    Status st = Write(sheet, tmp);
    std::error_code ec;
    if (!st.ok()) {
        std::filesystem::remove(tmp, ec);
        return st;
    }
    std::ifstream in(tmp, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::filesystem::remove(tmp, ec);
    if (!in) return Unavailable("cannot read back the spreadsheet " + tmp);
    return bytes.str();
}

}  // namespace kyoso::office
