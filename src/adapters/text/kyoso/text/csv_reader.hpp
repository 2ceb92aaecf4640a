#pragma once

#include "kyoso/ports/csv_records.hpp"
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

// The streaming reader of the generic import: the same decoding as
// CsvTableReader, plus a forced encoding, and ICU's charset detector to name an
// unsupported encoding (EUC-JP, UTF-16) instead of failing as Shift_JIS.
class CsvStreamReader final : public ports::CsvRecordReader {
public:
    // `separator`: the field delimiter (',' by default; e.g. ';' or '\t').
    explicit CsvStreamReader(char separator = ',') : separator_(separator) {}
    Status Read(std::string_view bytes, ports::TextEncoding encoding, const std::string& name,
                const std::function<Status(long long number, std::span<const std::string> cells)>& record,
                std::string* encoding_used) const override;

private:
    char separator_ = ',';
};

}  // namespace kyoso::text
