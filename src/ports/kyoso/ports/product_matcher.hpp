#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// One product a text was matched to: its score and the terms both shared, which are
// shown to the user as the explanation (docs/intel.md).
struct ProductMatch {
    long long product_id = 0;
    double score = 0;                // ranking score (BM25), comparable within one matcher
    std::vector<std::string> terms;  // matched terms, strongest first (NFKC-normalised)
};

// Ranks the catalogue's products against a Japanese text: a notice's title and
// description, a council passage. Built from the product profiles (keywords,
// descriptions, texts of past won deals); immutable and safe to share across threads.
class ProductMatcher {
public:
    virtual ~ProductMatcher() = default;
    // The products whose score reaches the matcher's threshold, best first.
    virtual std::vector<ProductMatch> Match(std::string_view text) const = 0;
};

// Returns the matcher for the catalogue as it is now (rebuilt when products or won
// deals changed). Services that match texts take one of these.
using ProductMatcherProvider = std::function<Result<std::shared_ptr<const ProductMatcher>>()>;

}  // namespace kyoso::ports
