#include "kyoso/text/csv_reader.hpp"

#include <csv.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace kyoso::text {

namespace {

long long LineAt(std::string_view text, size_t offset) {
    long long line = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') ++line;
    }
    return line;
}

// Offset of the first invalid UTF-8 sequence, or npos.
size_t FirstInvalidUtf8(std::string_view s) {
    int32_t i = 0;
    const auto n = static_cast<int32_t>(s.size());
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    while (i < n) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return static_cast<size_t>(start);
    }
    return std::string_view::npos;
}

Result<std::string> FromShiftJis(std::string_view bytes, const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open("windows-31j", &status);
    if (U_FAILURE(status)) return Internal("ICU has no Shift_JIS converter");
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    std::u16string u16(bytes.size() + 1, u'\0');
    const char* src = bytes.data();
    const char* src_end = bytes.data() + bytes.size();
    UChar* dst = u16.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv, &dst, u16.data() + u16.size(), &src, src_end, nullptr, true, &status);
    ucnv_close(conv);
    if (U_FAILURE(status)) {
        const size_t at = static_cast<size_t>(src - bytes.data());
        const long long line = LineAt(bytes, at > 0 ? at - 1 : 0);
        return InvalidArgument(name + ": line " + std::to_string(line) +
                                   " is neither UTF-8 nor Shift_JIS; save the file as UTF-8 (CSV UTF-8) and retry",
                               {{"line " + std::to_string(line), "undecodable bytes"}});
    }
    u16.resize(static_cast<size_t>(dst - u16.data()));
    std::string out;
    out.reserve(u16.size() * 3);
    for (size_t i = 0; i < u16.size();) {
        UChar32 c;
        U16_NEXT(u16.data(), i, u16.size(), c);
        uint8_t buf[4];
        int32_t len = 0;
        UBool unencodable = false;
        U8_APPEND(buf, len, 4, c, unencodable);
        if (unencodable) continue;  // cannot happen for a code point from a valid UTF-16 string
        out.append(reinterpret_cast<char*>(buf), static_cast<size_t>(len));
    }
    return out;
}

struct ParseState {
    ports::Table* table;
    std::vector<std::string> current;
    long long record = 0;  // 1-based record number; the header is record 1
    std::string error;
    std::string_view text;
    const csv_parser* parser;
};

void OnField(void* data, size_t len, void* user) {
    auto* st = static_cast<ParseState*>(user);
    st->current.emplace_back(static_cast<const char*>(data), len);
}

void OnRow(int, void* user) {
    auto* st = static_cast<ParseState*>(user);
    ++st->record;
    if (st->record == 1) {
        st->table->header = std::move(st->current);
    } else if (st->error.empty()) {
        if (st->current.size() > st->table->header.size()) {
            st->error = "line " + std::to_string(st->record) + " has " + std::to_string(st->current.size()) +
                        " fields but the header has " + std::to_string(st->table->header.size());
        }
        st->current.resize(st->table->header.size());
        st->table->rows.push_back({st->record, std::move(st->current)});
    }
    st->current.clear();
}

}  // namespace

Result<ports::Table> CsvTableReader::ReadFile(const std::string& path) const {
    std::ifstream in(path, std::ios::binary);
    if (!in) return InvalidArgument("cannot open '" + path + "'", {{"file", path}});
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    if (bytes.size() > kMaxBytes) return InvalidArgument("'" + path + "' is larger than 256 MB", {{"file", path}});
    return ReadBytes(bytes, path);
}

Result<ports::Table> CsvTableReader::ReadBytes(std::string_view bytes, const std::string& name) const {
    ports::Table table;
    std::string decoded;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
        table.encoding = "UTF-8 (BOM)";
        const size_t bad = FirstInvalidUtf8(bytes);
        if (bad != std::string_view::npos) {
            const long long line = LineAt(bytes, bad);
            return InvalidArgument(name + ": line " + std::to_string(line) + " has invalid UTF-8",
                                   {{"line " + std::to_string(line), "invalid UTF-8"}});
        }
        decoded.assign(bytes);
    } else if (FirstInvalidUtf8(bytes) == std::string_view::npos) {
        table.encoding = "UTF-8";
        decoded.assign(bytes);
    } else {
        auto sjis = FromShiftJis(bytes, name);
        if (!sjis.ok()) return sjis.status();
        decoded = std::move(*sjis);
        table.encoding = "Shift_JIS";
    }

    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return Internal("csv_init failed");
    ParseState st{&table, {}, 0, {}, decoded, &parser};
    const size_t parsed = csv_parse(&parser, decoded.data(), decoded.size(), OnField, OnRow, &st);
    int rc = 0;
    if (parsed == decoded.size()) rc = csv_fini(&parser, OnField, OnRow, &st);
    const int err = csv_error(&parser);
    csv_free(&parser);
    if (parsed != decoded.size() || rc != 0) {
        // Lines count CSV records (a quoted field spanning lines counts once), the
        // same numbering as Table::Row::line: the broken record is the next one.
        const long long line = st.record + 1;
        std::string why = err == CSV_EPARSE ? "malformed quoting (a stray or unterminated \")" : csv_strerror(err);
        return InvalidArgument(name + ": line " + std::to_string(line) + ": " + why,
                               {{"line " + std::to_string(line), why}});
    }
    if (!st.error.empty()) {
        return InvalidArgument(name + ": " + st.error, {{st.error.substr(0, st.error.find(" has")), st.error}});
    }
    if (table.header.empty()) return InvalidArgument(name + " is empty: a header row is required", {{"file", name}});
    return table;
}

}  // namespace kyoso::text

namespace kyoso::text {

namespace {

// The charset ICU's detector finds most likely in the first 64 KB, or "".
std::string DetectCharset(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector* det = ucsdet_open(&status);
    if (U_FAILURE(status)) return "";
    const auto n = static_cast<int32_t>(std::min<size_t>(bytes.size(), 64u << 10));
    ucsdet_setText(det, bytes.data(), n, &status);
    const UCharsetMatch* match = ucsdet_detect(det, &status);
    std::string name;
    if (U_SUCCESS(status) && match) {
        const char* found = ucsdet_getName(match, &status);
        if (U_SUCCESS(status) && found) name = found;
    }
    ucsdet_close(det);
    return name;
}

struct StreamState {
    std::vector<std::string> cells;  // reused: capacity survives from row to row
    size_t count = 0;
    long long number = 0;
    const std::function<Status(long long, std::span<const std::string>)>* record;
    Status status;
};

void OnStreamField(void* data, size_t len, void* user) {
    auto* st = static_cast<StreamState*>(user);
    if (st->count < st->cells.size()) {
        st->cells[st->count].assign(static_cast<const char*>(data), len);
    } else {
        st->cells.emplace_back(static_cast<const char*>(data), len);
    }
    ++st->count;
}

void OnStreamRow(int, void* user) {
    auto* st = static_cast<StreamState*>(user);
    ++st->number;
    if (st->status.ok())
        st->status = (*st->record)(st->number, std::span<const std::string>(st->cells.data(), st->count));
    st->count = 0;
}

}  // namespace

Status CsvStreamReader::Read(std::string_view bytes, ports::TextEncoding encoding, const std::string& name,
                             const std::function<Status(long long, std::span<const std::string>)>& record,
                             std::string* encoding_used) const {
    const bool bom = bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF";
    std::string converted;
    std::string_view text = bytes;
    if (encoding == ports::TextEncoding::kShiftJis) {
        if (bom)
            return InvalidArgument(name + " starts with a UTF-8 BOM but Shift_JIS was requested",
                                   {{"encoding", "UTF-8 BOM found"}});
        auto sjis = FromShiftJis(bytes, name);
        if (!sjis.ok()) return sjis.status();
        converted = std::move(*sjis);
        text = converted;
        *encoding_used = "Shift_JIS";
    } else {
        if (bom) text.remove_prefix(3);
        const size_t bad = FirstInvalidUtf8(text);
        if (bad == std::string_view::npos) {
            *encoding_used = bom ? "UTF-8 (BOM)" : "UTF-8";
        } else if (encoding == ports::TextEncoding::kUtf8 || bom) {
            const long long line = LineAt(text, bad);
            return InvalidArgument(name + ": line " + std::to_string(line) + " has invalid UTF-8",
                                   {{"line " + std::to_string(line), "invalid UTF-8"}});
        } else {
            const std::string detected = DetectCharset(bytes);
            if (detected == "EUC-JP" || detected == "ISO-2022-JP" || detected.rfind("UTF-16", 0) == 0 ||
                detected.rfind("UTF-32", 0) == 0) {
                return InvalidArgument(
                    name + " looks like " + detected + "; save it as UTF-8 (CSV UTF-8) or Shift_JIS and retry",
                    {{"encoding", "unsupported encoding " + detected}});
            }
            auto sjis = FromShiftJis(bytes, name);
            if (!sjis.ok()) return sjis.status();
            converted = std::move(*sjis);
            text = converted;
            *encoding_used = "Shift_JIS";
        }
    }

    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return Internal("csv_init failed");
    csv_set_delim(&parser, static_cast<unsigned char>(separator_));
    StreamState st;
    st.record = &record;
    const size_t parsed = csv_parse(&parser, text.data(), text.size(), OnStreamField, OnStreamRow, &st);
    int rc = 0;
    if (parsed == text.size() && st.status.ok()) rc = csv_fini(&parser, OnStreamField, OnStreamRow, &st);
    const int err = csv_error(&parser);
    csv_free(&parser);
    if (!st.status.ok()) return st.status;
    if (parsed != text.size() || rc != 0) {
        const long long line = st.number + 1;
        std::string why = err == CSV_EPARSE ? "malformed quoting (a stray or unterminated \")" : csv_strerror(err);
        return InvalidArgument(name + ": line " + std::to_string(line) + ": " + why,
                               {{"line " + std::to_string(line), why}});
    }
    if (st.number == 0) return InvalidArgument(name + " is empty: a header row is required", {{"file", name}});
    return Status::Ok();
}

}  // namespace kyoso::text
