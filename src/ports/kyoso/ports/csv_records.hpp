#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// Which character encoding a user's CSV file is in. kAuto: a UTF-8 BOM means UTF-8;
// otherwise valid UTF-8 is UTF-8 and anything else is tried as Shift_JIS (CP932).
enum class TextEncoding { kAuto, kUtf8, kShiftJis };

// Streams the records of a CSV file (RFC 4180) decoded to UTF-8, one callback per
// record, without building the whole table: the import of a million rows reuses one
// buffer of cells. Implementations are stateless and thread-safe.
class CsvRecordReader {
public:
    virtual ~CsvRecordReader() = default;
    // Calls `record(number, cells)` for each record in file order; number 1 is the
    // header. The cells are valid only during the call. Malformed CSV or undecodable
    // bytes are an InvalidArgument naming the record ("line 12"); a non-OK status
    // from `record` stops the reading and is returned. `*encoding` receives the
    // encoding used: "UTF-8", "UTF-8 (BOM)" or "Shift_JIS".
    virtual Status Read(std::string_view bytes, TextEncoding encoding, const std::string& name,
                        const std::function<Status(long long number, std::span<const std::string> cells)>& record,
                        std::string* encoding_used) const = 0;
};

}  // namespace kyoso::ports
