// Fuzz target: 団体コード parsing (every CSV row and URL path goes through it).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kyoso/domain/government/government_code.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto code = kyoso::domain::GovernmentCode::Parse(std::string_view(reinterpret_cast<const char*>(data), size));
    if (code.ok()) {
        const auto& s = code->str();
        if (s.size() != 6) __builtin_trap();
        if (kyoso::domain::GovernmentCode::CheckDigit(s.substr(0, 5)) != s[5] - '0') __builtin_trap();
        auto again = kyoso::domain::GovernmentCode::Parse(s);
        if (!again.ok() || again->str() != s) __builtin_trap();
    }
    return 0;
}
