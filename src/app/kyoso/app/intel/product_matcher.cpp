#include "kyoso/app/intel/product_matcher.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "kyoso/app/intel/reference_corpus.hpp"
#include "kyoso/ports/deal_repository.hpp"
#include "kyoso/ports/product_repository.hpp"

namespace kyoso::app {

namespace {

// Adds the terms of one keyword (or name): a term that another term of the same text
// contains (電子 and 申請 of 電子申請) is a part, weighted `part` times less, so a
// keyword counts fully only when the text has it whole.
void AddTerms(const ports::Tokenizer& tokenizer, std::string_view text, double weight, double part,
              std::vector<domain::WeightedTerm>* out) {
    std::vector<std::string> terms = tokenizer.Terms(text);
    for (const auto& t : terms) {
        bool is_part = std::any_of(terms.begin(), terms.end(), [&](const std::string& other) {
            return other.size() > t.size() && other.find(t) != std::string::npos;
        });
        out->push_back({t, is_part ? weight * part : weight});
    }
}

std::vector<ports::ProductMatch> ToMatches(std::vector<domain::Bm25Hit> hits) {
    std::vector<ports::ProductMatch> out;
    out.reserve(hits.size());
    for (auto& hit : hits) out.push_back({hit.product_id, hit.score, ExplanationTerms(hit.terms)});
    return out;
}

}  // namespace

std::vector<domain::ProductProfile> BuildProductProfiles(const ports::Tokenizer& tokenizer,
                                                         const std::vector<domain::Product>& products,
                                                         const WonDealTexts& won_deals, const ProfileWeights& weights) {
    // The distinct terms of each product's won deals, kept only when they tell the
    // product apart: a term in the won deals of more than a tenth of the products
    // (government names in deal titles, "課題ヒアリング" in activity notes) is dropped.
    // Each term once per product, so fifty deals titled alike do not outweigh the
    // keywords.
    std::map<long long, std::set<std::string>> won_specific;
    std::map<std::string, int> product_frequency;
    for (const auto& [product_id, texts] : won_deals) {
        auto& terms = won_specific[product_id];
        for (const auto& text : texts) tokenizer.ForEachTerm(text, [&](std::string_view t) { terms.emplace(t); });
        for (const auto& t : terms) ++product_frequency[t];
    }
    const int max_products = std::max<int>(1, static_cast<int>(products.size()) / 10);
    for (auto& [product_id, terms] : won_specific) {
        std::erase_if(terms, [&](const std::string& t) { return product_frequency[t] > max_products; });
    }
    std::vector<domain::ProductProfile> profiles;
    for (const auto& product : products) {
        domain::ProductProfile profile{product.id, {}};
        AddTerms(tokenizer, product.name, weights.name, weights.part, &profile.terms);
        for (const auto& k : product.keywords) AddTerms(tokenizer, k, weights.keyword, weights.part, &profile.terms);
        for (const auto& d : product.policy_domains) {
            AddTerms(tokenizer, d, weights.policy_domain, weights.part, &profile.terms);
        }
        if (auto it = won_specific.find(product.id); it != won_specific.end()) {
            for (const auto& t : it->second) profile.terms.push_back({t, weights.won_deal});
        }
        profiles.push_back(std::move(profile));
    }
    return profiles;
}

domain::DocumentFrequencies CorpusFrequencies(const ports::Tokenizer& tokenizer,
                                              const std::vector<std::string>& texts) {
    domain::DocumentFrequencies df;
    for (const auto& text : texts) df.AddDocument(tokenizer.Terms(text));
    return df;
}

domain::DocumentFrequencies ReferenceFrequencies(const ports::Tokenizer& tokenizer,
                                                 const std::vector<std::string>& extra) {
    std::vector<std::string> texts = extra;
    std::string_view block = ReferenceNoticeTitles();
    while (!block.empty()) {
        auto nl = block.find('\n');
        std::string_view line = block.substr(0, nl);
        if (!line.empty()) texts.emplace_back(line);
        if (nl == std::string_view::npos) break;
        block.remove_prefix(nl + 1);
    }
    return CorpusFrequencies(tokenizer, texts);
}

std::vector<std::string> ExplanationTerms(const std::vector<std::string>& terms) {
    std::vector<std::string> out;
    for (const auto& t : terms) {
        bool covered = std::any_of(terms.begin(), terms.end(), [&](const std::string& other) {
            return other.size() > t.size() && other.find(t) != std::string::npos;
        });
        if (!covered) out.push_back(t);
    }
    return out;
}

Bm25ProductMatcher::Bm25ProductMatcher(std::shared_ptr<const ports::Tokenizer> tokenizer, domain::Bm25Index index,
                                       double threshold)
    : tokenizer_(std::move(tokenizer)), index_(std::move(index)), threshold_(threshold) {}

std::vector<ports::ProductMatch> Bm25ProductMatcher::Match(std::string_view text) const {
    return MatchAbove(text, threshold_);
}

std::vector<ports::ProductMatch> Bm25ProductMatcher::MatchAbove(std::string_view text, double threshold) const {
    thread_local std::vector<int> ids;
    ids.clear();
    size_t length = 0;
    tokenizer_->ForEachTerm(text, [&](std::string_view t) {
        ++length;
        int id = index_.TermId(t);
        if (id >= 0) ids.push_back(id);
    });
    return ToMatches(index_.Score(ids, length, threshold));
}

size_t Bm25ProductMatcher::CountMatches(std::string_view text, unsigned long long* checksum) const {
    thread_local std::vector<int> ids;
    ids.clear();
    size_t length = 0;
    tokenizer_->ForEachTerm(text, [&](std::string_view t) {
        ++length;
        int id = index_.TermId(t);
        if (id >= 0) ids.push_back(id);
    });
    if (ids.empty()) return 0;
    auto hits = index_.Score(ids, length, threshold_);
    for (const auto& h : hits) *checksum += static_cast<unsigned long long>(h.product_id);
    return hits.size();
}

Result<std::vector<domain::Product>> LoadAllProducts(ports::Store& store) {
    std::vector<domain::Product> all;
    ports::ProductQuery query;
    query.limit = 200;
    while (true) {
        auto page = store.products().List(query);
        if (!page.ok()) return page.status();
        for (auto& p : page->items) all.push_back(std::move(p));
        if (!page->has_more || all.empty()) break;
        query.sort.after_id = all.back().id;
        query.sort.after_value = std::to_string(all.back().id);
    }
    return all;
}

Result<WonDealTexts> LoadWonDealTexts(ports::Store& store) {
    WonDealTexts texts;
    ports::DealQuery query;
    query.status = ports::DealStatus::kWon;
    query.limit = 200;
    query.count_total = false;
    std::vector<std::pair<long long, long long>> deals;  // deal id, product id
    while (true) {
        auto page = store.deals().List(query);
        if (!page.ok()) return page.status();
        for (const auto& named : page->items) {
            texts[named.deal.product_id].push_back(named.deal.title);
            deals.emplace_back(named.deal.id, named.deal.product_id);
        }
        if (!page->has_more || page->items.empty()) break;
        query.after_id = page->items.back().deal.id;
    }
    // Activity notes of the newest kWonDealsWithNotes won deals of each product: one
    // query per deal, so bounded (a Japan-wide vendor has tens of thousands).
    std::map<long long, int> taken;
    for (auto it = deals.rbegin(); it != deals.rend(); ++it) {
        const auto [deal_id, product_id] = *it;
        if (taken[product_id]++ >= kWonDealsWithNotes) continue;
        auto activities = store.deals().ActivitiesOfDeal(deal_id);
        if (!activities.ok()) return activities.status();
        for (const auto& a : *activities) {
            if (!a.notes.empty()) texts[product_id].push_back(a.notes);
        }
    }
    return texts;
}

ProductMatcherCache::ProductMatcherCache(ports::Store& store, std::shared_ptr<const ports::Tokenizer> tokenizer,
                                         double threshold)
    : store_(store), tokenizer_(std::move(tokenizer)), threshold_(threshold) {}

Result<std::string> ProductMatcherCache::Fingerprint(std::vector<domain::Product>* products) {
    auto all = LoadAllProducts(store_);
    if (!all.ok()) return all.status();
    std::string fp;
    for (const auto& p : *all) {
        fp += std::to_string(p.id) + '\x1f' + p.name + '\x1f';
        for (const auto& k : p.keywords) fp += k + '\x1e';
        for (const auto& d : p.policy_domains) fp += d + '\x1e';
        fp += '\x1d';
    }
    ports::DealQuery won;
    won.status = ports::DealStatus::kWon;
    won.limit = 1;
    won.sort.field = "id";
    won.sort.descending = true;
    auto page = store_.deals().List(won);
    if (!page.ok()) return page.status();
    fp += "won:" + std::to_string(page->total) + ':' +
          (page->items.empty() ? std::string("0") : std::to_string(page->items.front().deal.id));
    *products = std::move(*all);
    return fp;
}

Result<std::shared_ptr<const ports::ProductMatcher>> ProductMatcherCache::Get() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<domain::Product> products;
    auto fp = Fingerprint(&products);
    if (!fp.ok()) return fp.status();
    if (matcher_ && *fp == fingerprint_) return matcher_;
    auto won = LoadWonDealTexts(store_);
    if (!won.ok()) return won.status();
    if (!corpus_) corpus_ = std::make_shared<const domain::DocumentFrequencies>(ReferenceFrequencies(*tokenizer_));
    domain::Bm25Index index(BuildProductProfiles(*tokenizer_, products, *won), *corpus_);
    matcher_ = std::make_shared<const Bm25ProductMatcher>(tokenizer_, std::move(index), threshold_);
    fingerprint_ = *fp;
    return matcher_;
}

ports::ProductMatcherProvider ProductMatcherCache::Provider() {
    return [this]() { return Get(); };
}

}  // namespace kyoso::app
