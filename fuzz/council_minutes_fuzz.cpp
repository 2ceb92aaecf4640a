// Fuzz target: reading council minutes / 一般質問 notices (signals import, docs/intel.md)
// and extracting their passages and cues.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kyoso/app/signal/signal_service.hpp"
#include "kyoso/feeds/council_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto doc = kyoso::feeds::ReadCouncilDocument(text, "fuzz.json");
    if (doc.ok()) {
        long long passages = 0;
        (void)kyoso::app::ExtractSignals(*doc, "102032", nullptr, &passages);
    }
    (void)kyoso::domain::SplitPassages(text);
    return 0;
}
