// Fuzz target: the RSS 2.0 / Atom notice reader (pugixml).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kyoso/feeds/notice_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto read = kyoso::feeds::ReadRss(std::string_view(reinterpret_cast<const char*>(data), size));
    if (read.ok()) {
        for (const auto& n : *read) {
            if (n.title.empty() || n.key.empty()) __builtin_trap();  // every notice has a title and a key
        }
    } else if (read.status().message().empty()) {
        __builtin_trap();  // every error must explain itself
    }
    return 0;
}
