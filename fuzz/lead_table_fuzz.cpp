// Fuzz target: a user's lead CSV → table → inferred encoding → feature matrix, plus the
// encoding's text form (lead scoring, docs/ml.md). Invariants: errors explain
// themselves; an encoding round-trips through Encode/Decode; the matrix has the
// encoding's feature count; a round-tripped encoding encodes the same cells.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "kyoso/app/leadscore/lead_scoring.hpp"
#include "kyoso/text/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace ml = kyoso::domain::ml;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // The text form of an encoding is read from the model file: it must never crash.
    (void)ml::TabularEncoding::Decode(bytes);

    kyoso::text::CsvStreamReader reader;
    std::string used;
    auto table = kyoso::app::ReadLeadTable(bytes, "fuzz.csv", reader, kyoso::ports::TextEncoding::kAuto, &used);
    if (!table.ok()) {
        if (table.status().message().empty()) __builtin_trap();
        return 0;
    }
    for (const auto& row : table->rows) {
        if (row.size() != table->header.size()) __builtin_trap();
        for (const auto& cell : row) {
            (void)ml::ParseNumber(cell);
            (void)ml::ParseDate(cell);
        }
    }
    if (!table->header.empty()) {
        std::vector<std::string> last;
        for (const auto& row : table->rows) last.push_back(row.back());
        auto rule = ml::InferTargetRule(last, std::nullopt);
        if (!rule.ok() && rule.status().message().empty()) __builtin_trap();
    }
    std::vector<std::size_t> use;
    for (std::size_t i = 0; i < table->header.size(); ++i) use.push_back(i);
    std::vector<std::string> notes;
    auto enc = ml::FitEncoding(*table, use, 3, &notes);
    if (!enc.ok()) {
        if (enc.status().message().empty()) __builtin_trap();
        return 0;
    }
    auto x = ml::ApplyEncoding(*enc, *table);
    if (!x.ok()) __builtin_trap();  // the columns it was fitted on are there
    if (x->x.cols != enc->Features().size() || x->x.rows != table->rows.size()) __builtin_trap();
    if (enc->SourceOfFeatures().size() != x->x.cols) __builtin_trap();
    auto back = ml::TabularEncoding::Decode(enc->Encode());
    if (!back.ok() || back->columns.size() != enc->columns.size()) __builtin_trap();
    auto y = ml::ApplyEncoding(*back, *table);
    if (!y.ok() || y->x.values.size() != x->x.values.size()) __builtin_trap();
    for (std::size_t i = 0; i < x->x.values.size(); ++i) {
        const float a = x->x.values[i];
        const float b = y->x.values[i];
        if (!(std::isnan(a) && std::isnan(b)) && std::memcmp(&a, &b, sizeof a) != 0) __builtin_trap();
    }
    return 0;
}
