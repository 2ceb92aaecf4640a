// Fuzz target: the 人事異動 rotation list parser (CSV reading, header aliases, row checks).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kyoso/app/official/rotation_import.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const kyoso::text::IcuTextNormalizer normalizer;
    kyoso::text::CsvTableReader reader;
    auto table = reader.ReadBytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    if (!table.ok()) return 0;
    for (bool with_default : {false, true}) {
        auto rows = kyoso::app::ParseRotationTable(
            *table, normalizer, with_default ? std::optional(kyoso::MakeDate(2027, 4, 1)) : std::nullopt);
        if (rows.ok()) {
            for (const auto& r : *rows) {
                if (r.name.empty() || r.to_department.empty() || r.government_code.size() != 6) __builtin_trap();
                if (!r.effective_on.ok()) __builtin_trap();
            }
        } else if (rows.status().details().empty()) {
            __builtin_trap();  // every refusal names its rows or the header
        }
    }
    return 0;
}
