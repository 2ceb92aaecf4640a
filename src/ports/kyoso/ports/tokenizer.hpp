#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kyoso::ports {

// Splits a Japanese text into the terms the product matcher compares (docs/intel.md):
// NFKC-normalised content nouns minus stop words, plus each pair of adjacent nouns
// joined into a compound (電子+申請 → 電子申請). Implementations are safe for
// concurrent use from many threads.
class Tokenizer {
public:
    virtual ~Tokenizer() = default;
    // Calls `term` with each term of `text` in text order (repeats included). The views
    // are only valid during the call.
    virtual void ForEachTerm(std::string_view text, const std::function<void(std::string_view)>& term) const = 0;

    // The terms of `text` as strings, in text order (repeats included).
    std::vector<std::string> Terms(std::string_view text) const {
        std::vector<std::string> out;
        ForEachTerm(text, [&](std::string_view t) { out.emplace_back(t); });
        return out;
    }
};

}  // namespace kyoso::ports
