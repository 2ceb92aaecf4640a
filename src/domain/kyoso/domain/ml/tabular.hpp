#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/ml/dataset.hpp"

namespace kyoso::domain::ml {

// Turns a user's table of text (a CSV of past leads) into a feature matrix and back
// again at scoring time (docs/ml.md "Lead scoring on your own data").
//
// Column types are inferred from the non-empty cells (an empty cell is missing):
//  - number: every cell parses with ParseNumber (1,234 / １２３ / -5.5 / ¥1,000 / 12%);
//  - date: every cell parses with ParseDate (YYYY-MM-DD, YYYY/MM/DD, 令和/平成N年M月D日)
//    → three features: days since 1970-01-01, month (1–12) and fiscal month (April = 1);
//  - category: anything else → one-hot columns for the `max_levels` most frequent values
//    (ties by text) plus one "other" column for the rest; a missing cell is missing in all.
// Dropped with a note: columns with no value or one value and no blanks (constant), and
// id-like columns: text columns whose values are all different, and number columns named
// like an id ("id", "…_id", "…ID", "…番号") whose values are all different.

enum class ColumnKind { kNumber, kDate, kCategory };
std::string_view ColumnKindName(ColumnKind kind);  // "number" | "date" | "category"

// The fitted encoding of one source column.
struct ColumnEncoding {
    std::string name;
    ColumnKind kind = ColumnKind::kNumber;
    std::vector<std::string> levels;  // category only: the one-hot levels ("other" follows)
};

// The fitted encoding of a table: which columns, how, in feature order.
struct TabularEncoding {
    std::vector<ColumnEncoding> columns;

    // The model's feature columns: number → 1, date → 3, category → levels + 1.
    std::vector<FeatureInfo> Features() const;
    // For each feature, the index into `columns` of its source column.
    std::vector<std::size_t> SourceOfFeatures() const;

    // A text form saved with the model: one line per column, tab-separated, with
    // \t, \n and \\ escaped; Decode reads it back (INVALID_ARGUMENT when it is not one).
    std::string Encode() const;
    static Result<TabularEncoding> Decode(std::string_view text);
};

// A table of text: a header and rows of the same width.
struct TextTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

// Fits an encoding on the columns `use` of `table` (indices into the header); `notes`
// receives one line per dropped column. Fails when no usable column remains.
Result<TabularEncoding> FitEncoding(const TextTable& table, const std::vector<std::size_t>& use, int max_levels,
                                    std::vector<std::string>* notes);

// The result of applying an encoding.
struct EncodedTable {
    FeatureMatrix x;
    long long missing_cells = 0;                   // empty cells in the used columns
    std::map<std::string, long long> unseen;       // column → cells of a level not seen in training
    std::map<std::string, long long> unparseable;  // column → cells that are not a number/date
    std::vector<std::size_t> column_index;         // per encoding column, its index in table.header
};

// Applies `encoding` to `table`, finding columns by name (extra columns are ignored).
// A column of the encoding missing from the header is INVALID_ARGUMENT naming it. An
// unseen category goes to "other"; a cell that does not parse as its column's type
// is missing; both are counted.
Result<EncodedTable> ApplyEncoding(const TabularEncoding& encoding, const TextTable& table);

// A number from a cell: optional sign, thousands separators, full-width digits/signs,
// a leading ¥/￥ or trailing 円/%, surrounding spaces. nullopt for anything else.
std::optional<double> ParseNumber(std::string_view text);

// Days since 1970-01-01 of a date cell: YYYY-MM-DD, YYYY/MM/DD (1- or 2-digit month
// and day; a time after a space or 'T' is ignored), or 令和/平成N年M月D日 (元年 = 1).
std::optional<int> ParseDate(std::string_view text);

// The label of a target cell. Without `positive`: the values of the target (trimmed,
// blanks left out) must be exactly two, one of which is a "yes" word (1, true, yes, y,
// won, win, converted, success, 受注, 成約, 成立, 契約, 採択, 導入, 有, あり, はい, ○;
// case-insensitive) and the other not; otherwise an error listing the values asks for
// --positive. With `positive`: label 1 when the trimmed cell equals it.
struct TargetRule {
    std::string positive;  // the value that means 1
};
Result<TargetRule> InferTargetRule(const std::vector<std::string>& values, const std::optional<std::string>& positive);

// Escapes backslash, tab, LF and CR as two-character sequences (\\ \t \n \r) for one field of a tab-separated line;
// UnescapeField reverses it (nullopt for a dangling or unknown escape).
std::string EscapeField(std::string_view text);
std::optional<std::string> UnescapeField(std::string_view text);

// Trims ASCII and ideographic (U+3000) spaces.
std::string Trim(std::string_view text);

}  // namespace kyoso::domain::ml
