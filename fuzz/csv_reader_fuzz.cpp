// Fuzz target: the CSV reader (encoding detection, Shift_JIS decoding, libcsv).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kyoso/text/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    kyoso::text::CsvTableReader reader;
    auto table = reader.ReadBytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    if (table.ok()) {
        for (const auto& row : table->rows) {
            if (row.cells.size() != table->header.size()) __builtin_trap();  // rows are padded to the header
        }
    } else if (table.status().message().empty()) {
        __builtin_trap();  // every error must explain itself
    }
    return 0;
}
