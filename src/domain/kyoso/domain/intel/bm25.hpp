#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kyoso::domain {

// Okapi BM25 with the product profile as the query and the text (a notice title) as
// the document (docs/intel.md "Matching notices to products"). Pure: terms come in
// already tokenised.

// BM25's free parameters. k1 = 1.2 and b = 0.75 are the usual defaults; titles are
// short, so tf is almost always 1 and b matters more than k1.
struct Bm25Params {
    double k1 = 1.2;
    double b = 0.75;
};

// Transparent hashing so lookups by string_view allocate nothing.
struct TermHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Document frequencies of a reference corpus: how many documents hold each term.
class DocumentFrequencies {
public:
    // Counts one document; `terms` may repeat (each term counts once per document).
    void AddDocument(std::span<const std::string> terms);
    long long documents() const { return documents_; }
    // Mean number of terms per document (repeats included); 0 for an empty corpus.
    double AverageLength() const;
    // Documents holding `term` (0 when unseen).
    long long Of(std::string_view term) const;
    // BM25's IDF: ln(1 + (N - df + 0.5) / (df + 0.5)); never negative.
    double Idf(std::string_view term) const;

private:
    long long documents_ = 0;
    long long total_terms_ = 0;
    std::unordered_map<std::string, long long, TermHash, std::equal_to<>> df_;
};

// One query term of a profile and its weight (keywords 1.0, won-deal texts lower).
struct WeightedTerm {
    std::string term;
    double weight = 1.0;
};

// A product as a bag of weighted query terms.
struct ProductProfile {
    long long product_id = 0;
    std::vector<WeightedTerm> terms;  // a term listed twice has its weights summed
};

// One scored profile: its score and the matched terms, largest contribution first.
struct Bm25Hit {
    long long product_id = 0;
    double score = 0;
    std::vector<std::string> terms;
};

// The inverted index of the profiles: term → (profile, weight · IDF). Immutable after
// construction; Score is safe to call from many threads.
class Bm25Index {
public:
    Bm25Index(std::vector<ProductProfile> profiles, const DocumentFrequencies& corpus, Bm25Params params = {});

    // The id of a profile term, or -1 when no profile holds it (such terms add nothing).
    int TermId(std::string_view term) const;
    const std::string& TermText(int id) const { return terms_[static_cast<size_t>(id)]; }
    size_t profile_count() const { return product_ids_.size(); }

    // Scores the document whose known terms are `term_ids` (repeats = tf; unknown terms
    // left out) and whose length, unknown terms included, is `length`. Returns the
    // profiles scoring at least `threshold` (> 0), best first (ties: lower product id).
    std::vector<Bm25Hit> Score(std::span<const int> term_ids, size_t length, double threshold) const;

    // Scores a document given as term strings (a convenience over TermId + Score).
    std::vector<Bm25Hit> ScoreTerms(std::span<const std::string> terms, double threshold) const;

    // One profile holding a term: its index (0-based, in construction order) and the
    // term's query weight · IDF.
    struct Posting {
        int profile;
        double weight_idf;
    };
    // The profiles holding term `id`, for exporting the index (the benchmark baseline).
    const std::vector<Posting>& PostingsOf(int id) const { return postings_[static_cast<size_t>(id)]; }
    size_t term_count() const { return terms_.size(); }
    long long ProductIdAt(size_t profile) const { return product_ids_[profile]; }
    double average_length() const { return average_length_; }
    const Bm25Params& params() const { return params_; }

private:
    Bm25Params params_;
    double average_length_ = 1;
    std::vector<long long> product_ids_;
    std::vector<std::string> terms_;
    std::vector<std::vector<Posting>> postings_;  // by term id
    std::unordered_map<std::string, int, TermHash, std::equal_to<>> ids_;
};

}  // namespace kyoso::domain
