#pragma once

#include "kyoso/ports/services.hpp"

namespace kyoso::text {

// Search folding with ICU: NFKC (全角英数→半角, 半角カナ→全角), katakana→hiragana,
// lower case, whitespace removed. Chosen over a hand-written table because NFKC
// composes half-width voiced marks (ﾀﾞ → ダ) correctly. Thread-safe.
class IcuTextNormalizer final : public ports::TextNormalizer {
public:
    std::string Fold(std::string_view text) const override;
};

// Unicode NFKC only (全角ＡＩ → AI, 半角ｶﾅ → カナ, ① → 1), without the search folding
// above: what the tokeniser sees before MeCab. Pure-ASCII text is returned as is
// without the ICU round trip. Invalid UTF-8 is replaced by U+FFFD. Thread-safe.
std::string Nfkc(std::string_view text);

}  // namespace kyoso::text
