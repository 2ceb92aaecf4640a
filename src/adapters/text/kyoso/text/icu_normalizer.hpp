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

}  // namespace kyoso::text
