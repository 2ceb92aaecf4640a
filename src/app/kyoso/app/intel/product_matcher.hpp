#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/intel/bm25.hpp"
#include "kyoso/domain/sales/sales.hpp"
#include "kyoso/ports/product_matcher.hpp"
#include "kyoso/ports/store.hpp"
#include "kyoso/ports/tokenizer.hpp"

namespace kyoso::app {

// The score a product must reach to be a match, calibrated on the hand labels
// (tests/data/intel/notice_labels.csv; docs/intel.md has the precision/recall table).
inline constexpr double kDefaultMatchThreshold = 5.0;

// How much each source of a product's profile counts (docs/intel.md).
struct ProfileWeights {
    double keyword = 1.0;        // the product's keywords
    double name = 1.0;           // its name
    double policy_domain = 0.1;  // 防災, 子育て, DX: broad, so low
    double won_deal = 0.3;       // terms of its won deals (titles, activity notes) that tell it apart
    double part = 0.5;           // factor for a part of a compound keyword (電子 of 電子申請)
};

// The texts of one product's past won deals (titles, activity notes).
using WonDealTexts = std::map<long long, std::vector<std::string>>;

// Builds the BM25 query profile of each product from its name, keywords, policy
// domains and the texts of its won deals, tokenised with `tokenizer`. Won-deal terms
// shared by the won deals of more than a tenth of the products are left out.
std::vector<domain::ProductProfile> BuildProductProfiles(const ports::Tokenizer& tokenizer,
                                                         const std::vector<domain::Product>& products,
                                                         const WonDealTexts& won_deals,
                                                         const ProfileWeights& weights = {});

// Document frequencies of `texts` (one text per line of `lines` when it is a block).
domain::DocumentFrequencies CorpusFrequencies(const ports::Tokenizer& tokenizer, const std::vector<std::string>& texts);
// The built-in reference corpus (ReferenceNoticeTitles) plus `extra` texts.
domain::DocumentFrequencies ReferenceFrequencies(const ports::Tokenizer& tokenizer,
                                                 const std::vector<std::string>& extra = {});

// ports::ProductMatcher over a BM25 index of the product profiles. Immutable and
// thread-safe (the tokenizer must be too).
class Bm25ProductMatcher final : public ports::ProductMatcher {
public:
    Bm25ProductMatcher(std::shared_ptr<const ports::Tokenizer> tokenizer, domain::Bm25Index index,
                       double threshold = kDefaultMatchThreshold);

    std::vector<ports::ProductMatch> Match(std::string_view text) const override;
    // Like Match with another threshold (> 0; for evaluation).
    std::vector<ports::ProductMatch> MatchAbove(std::string_view text, double threshold) const;
    // How many products are matched in `text` at the threshold, without building the
    // explanation lists (the benchmark's fast path); adds their ids to `checksum`.
    size_t CountMatches(std::string_view text, unsigned long long* checksum) const;
    double threshold() const { return threshold_; }
    const domain::Bm25Index& index() const { return index_; }

private:
    std::shared_ptr<const ports::Tokenizer> tokenizer_;
    domain::Bm25Index index_;
    double threshold_;
};

// Matched terms for display: drops a term that a longer listed term contains
// (申請 when 電子申請 is there); keeps the order.
std::vector<std::string> ExplanationTerms(const std::vector<std::string>& terms);

// Builds the matcher from the store's products and won deals and keeps it until they
// change (checked on each Get by a fingerprint: the products' fields, the number of
// won deals and the newest won deal id). Thread-safe.
class ProductMatcherCache {
public:
    ProductMatcherCache(ports::Store& store, std::shared_ptr<const ports::Tokenizer> tokenizer,
                        double threshold = kDefaultMatchThreshold);

    // The matcher for the catalogue as it is now.
    Result<std::shared_ptr<const ports::ProductMatcher>> Get();
    // A provider for services; the cache must outlive it.
    ports::ProductMatcherProvider Provider();

private:
    Result<std::string> Fingerprint(std::vector<domain::Product>* products);

    ports::Store& store_;
    std::shared_ptr<const ports::Tokenizer> tokenizer_;
    double threshold_;
    std::mutex mu_;
    std::string fingerprint_;
    std::shared_ptr<const ports::ProductMatcher> matcher_;
    std::shared_ptr<const domain::DocumentFrequencies> corpus_;
};

// Loads every product of the store (all pages).
Result<std::vector<domain::Product>> LoadAllProducts(ports::Store& store);
// How many of a product's newest won deals contribute their activity notes.
inline constexpr int kWonDealsWithNotes = 100;

// Loads the titles of every won deal and the activity notes of the newest
// kWonDealsWithNotes won deals of each product, by product.
Result<WonDealTexts> LoadWonDealTexts(ports::Store& store);

}  // namespace kyoso::app
