#include "kyoso/domain/intel/bm25.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace kyoso::domain {

void DocumentFrequencies::AddDocument(std::span<const std::string> terms) {
    ++documents_;
    total_terms_ += static_cast<long long>(terms.size());
    std::vector<std::string_view> distinct(terms.begin(), terms.end());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (std::string_view t : distinct) {
        auto it = df_.find(t);
        if (it == df_.end()) {
            df_.emplace(std::string(t), 1);
        } else {
            ++it->second;
        }
    }
}

double DocumentFrequencies::AverageLength() const {
    return documents_ == 0 ? 0.0 : static_cast<double>(total_terms_) / static_cast<double>(documents_);
}

long long DocumentFrequencies::Of(std::string_view term) const {
    auto it = df_.find(term);
    return it == df_.end() ? 0 : it->second;
}

double DocumentFrequencies::Idf(std::string_view term) const {
    const double n = static_cast<double>(documents_);
    const double df = static_cast<double>(Of(term));
    return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

Bm25Index::Bm25Index(std::vector<ProductProfile> profiles, const DocumentFrequencies& corpus, Bm25Params params)
    : params_(params) {
    average_length_ = corpus.AverageLength() > 0 ? corpus.AverageLength() : 1.0;
    for (size_t p = 0; p < profiles.size(); ++p) {
        product_ids_.push_back(profiles[p].product_id);
        std::map<std::string, double> weights;  // summed per term, ordered for determinism
        for (const auto& wt : profiles[p].terms) {
            if (!wt.term.empty() && wt.weight > 0) weights[wt.term] += wt.weight;
        }
        for (const auto& [term, weight] : weights) {
            auto [it, inserted] = ids_.emplace(term, static_cast<int>(terms_.size()));
            if (inserted) {
                terms_.push_back(term);
                postings_.emplace_back();
            }
            postings_[static_cast<size_t>(it->second)].push_back({static_cast<int>(p), weight * corpus.Idf(term)});
        }
    }
}

int Bm25Index::TermId(std::string_view term) const {
    auto it = ids_.find(term);
    return it == ids_.end() ? -1 : it->second;
}

std::vector<Bm25Hit> Bm25Index::Score(std::span<const int> term_ids, size_t length, double threshold) const {
    std::vector<Bm25Hit> hits;
    if (term_ids.empty() || product_ids_.empty()) return hits;
    // Distinct terms with their frequencies; a title has a few dozen terms at most.
    thread_local std::vector<int> sorted;
    thread_local std::vector<double> scores;
    sorted.assign(term_ids.begin(), term_ids.end());
    std::sort(sorted.begin(), sorted.end());
    scores.assign(product_ids_.size(), 0.0);
    const double norm = params_.k1 * (1.0 - params_.b + params_.b * static_cast<double>(length) / average_length_);
    auto contribution = [&](size_t tf, double weight_idf) {
        const double f = static_cast<double>(tf);
        return weight_idf * f * (params_.k1 + 1.0) / (f + norm);
    };
    for (size_t i = 0; i < sorted.size();) {
        size_t j = i;
        while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
        for (const Posting& post : postings_[static_cast<size_t>(sorted[i])]) {
            scores[static_cast<size_t>(post.profile)] += contribution(j - i, post.weight_idf);
        }
        i = j;
    }
    for (size_t p = 0; p < scores.size(); ++p) {
        if (scores[p] <= 0 || scores[p] < threshold) continue;
        // The explanation: this profile's matched terms by contribution.
        std::vector<std::pair<double, int>> parts;
        for (size_t i = 0; i < sorted.size();) {
            size_t j = i;
            while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
            for (const Posting& post : postings_[static_cast<size_t>(sorted[i])]) {
                if (static_cast<size_t>(post.profile) == p)
                    parts.emplace_back(contribution(j - i, post.weight_idf), sorted[i]);
            }
            i = j;
        }
        std::sort(parts.begin(), parts.end(), [&](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first
                                      : terms_[static_cast<size_t>(a.second)] < terms_[static_cast<size_t>(b.second)];
        });
        Bm25Hit hit{product_ids_[p], scores[p], {}};
        for (const auto& part : parts) hit.terms.push_back(terms_[static_cast<size_t>(part.second)]);
        hits.push_back(std::move(hit));
    }
    std::sort(hits.begin(), hits.end(), [](const Bm25Hit& a, const Bm25Hit& b) {
        return a.score != b.score ? a.score > b.score : a.product_id < b.product_id;
    });
    return hits;
}

std::vector<Bm25Hit> Bm25Index::ScoreTerms(std::span<const std::string> terms, double threshold) const {
    std::vector<int> ids;
    for (const auto& t : terms) {
        int id = TermId(t);
        if (id >= 0) ids.push_back(id);
    }
    return Score(ids, terms.size(), threshold);
}

}  // namespace kyoso::domain
