// Fuzz target: the product matcher's tokeniser on arbitrary bytes (notice titles and
// council passages come from outside: feeds, CSV, scraped minutes). Every term must be
// non-empty, valid for a string, and no longer than the NFKC text it came from allows.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kyoso/mecab/mecab_tokenizer.hpp"
#include "kyoso/text/icu_normalizer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static auto tokenizer = kyoso::mecab::MecabTokenizer::Open();
    if (!tokenizer.ok()) return 0;  // no dictionary installed: nothing to fuzz
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string normalised = kyoso::text::Nfkc(input);
    (*tokenizer)->ForEachTerm(input, [&](std::string_view term) {
        if (term.empty()) __builtin_trap();
        if (term.size() > normalised.size()) __builtin_trap();
        if (kyoso::mecab::IsStopWord(term)) __builtin_trap();
    });
    return 0;
}
