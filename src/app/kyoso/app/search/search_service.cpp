#include "kyoso/app/search/search_service.hpp"

#include <algorithm>
#include <set>

#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/search/search_query.hpp"

namespace kyoso::app {

namespace {

constexpr int kRefreshBatch = 2000;
constexpr int kMaxOffset = 1000;
constexpr const char* kCursorPrefix = "search:v1:";
constexpr size_t kSnippetBefore = 30;  // units of context before the match
constexpr size_t kSnippetAfter = 60;   // units after the match start
constexpr size_t kChunkUnits = 48;
constexpr size_t kChunkOverlap = 24;

// Splits text into units: one code point plus any following combining or
// half-width voiced marks (ﾎﾞ is one unit), byte ranges into the text.
std::vector<std::pair<size_t, size_t>> Units(const std::string& s) {
    std::vector<std::pair<size_t, size_t>> units;
    size_t i = 0;
    auto cp_len = [&](size_t at) -> size_t {
        const auto b = static_cast<unsigned char>(s[at]);
        size_t n = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
        return std::min(n, s.size() - at);
    };
    auto is_mark = [&](size_t at) {
        std::string_view v(s.data() + at, std::min<size_t>(3, s.size() - at));
        return v == "\uFF9E" || v == "\uFF9F" || v == "\u3099" || v == "\u309A";
    };
    while (i < s.size()) {
        size_t end = i + cp_len(i);
        while (end < s.size() && is_mark(end)) end += cp_len(end);
        units.emplace_back(i, end);
        i = end;
    }
    return units;
}

void AppendEscaped(std::string* out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '<':
                *out += "&lt;";
                break;
            case '>':
                *out += "&gt;";
                break;
            case '&':
                *out += "&amp;";
                break;
            case '"':
                *out += "&quot;";
                break;
            case '\n':
            case '\r':
            case '\t':
                *out += ' ';
                break;
            default:
                *out += c;
        }
    }
}

// Words of text split at ASCII white space and the 全角 space U+3000.
std::vector<std::string_view> SplitOnSpace(std::string_view text) {
    std::vector<std::string_view> words;
    size_t start = 0, i = 0;
    while (i < text.size()) {
        size_t sep = 0;
        if (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r') {
            sep = 1;
        } else if (text.compare(i, 3, "\u3000") == 0) {
            sep = 3;
        }
        if (sep == 0) {
            ++i;
            continue;
        }
        if (i > start) words.push_back(text.substr(start, i - start));
        i += sep;
        start = i;
    }
    if (i > start) words.push_back(text.substr(start, i - start));
    return words;
}

}  // namespace

const std::vector<std::string>& SearchTypes() {
    static const std::vector<std::string> kTypes = {"government", "official", "deal", "activity", "contact", "signal"};
    return kTypes;
}

Result<long long> SearchService::Refresh() {
    long long total = 0;
    for (;;) {
        long long batch = 0;
        // Read the queue and write the index in one transaction, so a change made
        // meanwhile re-queues its record after this batch instead of being lost.
        Status st = store_.InTransaction([&]() -> Status {
            auto pending = store_.search().PendingSources(kRefreshBatch);
            if (!pending.ok()) return pending.status();
            std::vector<ports::IndexedDocument> docs;
            docs.reserve(pending->size());
            for (auto& source : *pending) {
                ports::IndexedDocument d;
                if (source.exists) {
                    std::vector<std::string> pieces;
                    // Fold word by word: the normalizer removes white space, which
                    // must still separate runs.
                    for (const auto& text : source.texts) {
                        for (const auto& word : SplitOnSpace(text)) pieces.push_back(normalizer_.Fold(word));
                    }
                    d.grams = domain::IndexGrams(pieces);
                }
                d.source = std::move(source);
                docs.push_back(std::move(d));
            }
            batch = static_cast<long long>(docs.size());
            return store_.search().Apply(docs);
        });
        if (!st.ok()) return st;
        total += batch;
        if (batch < kRefreshBatch) return total;
    }
}

std::string SearchService::Snippet(const std::string& text, const std::vector<std::string>& needles) const {
    const auto units = Units(text);
    size_t match_begin = units.size(), match_end = units.size();
    // Find the chunk holding a needle cheaply, then pin it down unit by unit.
    for (size_t c = 0; c < units.size() && match_begin == units.size(); c += kChunkUnits) {
        const size_t c_end = std::min(units.size(), c + kChunkUnits + kChunkOverlap);
        const std::string folded =
            normalizer_.Fold(std::string_view(text).substr(units[c].first, units[c_end - 1].second - units[c].first));
        bool any = false;
        for (const auto& n : needles) any = any || (!n.empty() && folded.find(n) != std::string::npos);
        if (!any) continue;
        std::string acc;
        std::vector<size_t> unit_of_byte;
        for (size_t u = c; u < c_end; ++u) {
            const std::string f =
                normalizer_.Fold(std::string_view(text).substr(units[u].first, units[u].second - units[u].first));
            acc += f;
            unit_of_byte.insert(unit_of_byte.end(), f.size(), u);
        }
        for (const auto& n : needles) {
            if (n.empty()) continue;
            const size_t at = acc.find(n);
            if (at == std::string::npos) continue;
            match_begin = unit_of_byte[at];
            match_end = unit_of_byte[at + n.size() - 1] + 1;
            break;
        }
    }
    std::string out;
    if (match_begin == units.size()) {
        const size_t end = std::min(units.size(), kSnippetBefore + kSnippetAfter);
        if (end > 0) AppendEscaped(&out, std::string_view(text).substr(0, units[end - 1].second));
        if (end < units.size()) out += "…";
        return out;
    }
    const size_t from = match_begin > kSnippetBefore ? match_begin - kSnippetBefore : 0;
    const size_t to = std::min(units.size(), match_begin + kSnippetAfter);
    auto bytes = [&](size_t a, size_t b) {
        return std::string_view(text).substr(units[a].first, units[b - 1].second - units[a].first);
    };
    if (from > 0) out += "…";
    if (match_begin > from) AppendEscaped(&out, bytes(from, match_begin));
    out += "<mark>";
    AppendEscaped(&out, bytes(match_begin, std::min(match_end, units.size())));
    out += "</mark>";
    if (to > match_end) AppendEscaped(&out, bytes(match_end, to));
    if (to < units.size()) out += "…";
    return out;
}

Result<SearchResult> SearchService::Search(const ListParams& params) {
    static const std::set<std::string> kKnown = {"q", "types", "limit", "cursor"};
    for (const auto& [key, value] : params) {
        if (!kKnown.count(key)) return ParamError(key, "unknown parameter (known: q, types, limit, cursor)");
    }
    auto it = params.find("q");
    if (it == params.end()) return ParamError("q", "required: the words to search for");
    auto parsed = domain::ParseSearchQuery(it->second);
    if (!parsed.ok()) return ParamError("q", parsed.status().message());
    ports::SearchIndexQuery q;
    if (auto t = params.find("types"); t != params.end()) {
        for (const auto& raw : Split(t->second, ',')) {
            const std::string type = Trim(raw);
            if (std::find(SearchTypes().begin(), SearchTypes().end(), type) == SearchTypes().end()) {
                return ParamError(
                    "types", "unknown type '" + type + "' (government, official, deal, activity, contact, signal)");
            }
            if (std::find(q.kinds.begin(), q.kinds.end(), type) == q.kinds.end()) q.kinds.push_back(type);
        }
    } else {
        q.kinds = SearchTypes();
    }
    if (auto l = params.find("limit"); l != params.end()) {
        auto n = ParseInt(l->second);
        if (!n || *n < 1 || *n > 100)
            return ParamError("limit", "must be an integer from 1 to 100, got '" + l->second + "'");
        q.limit = static_cast<int>(*n);
    }
    if (auto c = params.find("cursor"); c != params.end()) {
        auto raw = FromHex(c->second, 128);
        const std::string prefix = kCursorPrefix;
        std::optional<long long> offset;
        if (raw && raw->rfind(prefix, 0) == 0) offset = ParseInt(std::string_view(*raw).substr(prefix.size()));
        if (!offset || *offset < 0 || *offset > kMaxOffset) {
            return ParamError("cursor", "not a cursor issued by this server; start again without it");
        }
        q.offset = static_cast<int>(*offset);
    }
    std::vector<std::vector<std::string>> folded_terms;
    std::vector<std::string> needles;
    for (const auto& term : parsed->terms) {
        std::vector<std::string> words;
        for (const auto& w : term.words) {
            words.push_back(normalizer_.Fold(w));
            needles.push_back(words.back());
        }
        folded_terms.push_back(std::move(words));
    }
    // Longest needle first: the snippet marks the most specific match.
    std::stable_sort(needles.begin(), needles.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    q.phrases = domain::MatchPhrases(folded_terms);
    SearchResult out;
    if (q.phrases.empty()) return out;  // only punctuation: nothing can match

    auto refreshed = Refresh();
    if (!refreshed.ok()) return refreshed.status();
    auto hits = store_.search().Query(q);
    if (!hits.ok()) return hits.status();
    if (hits->size() > static_cast<size_t>(q.limit)) {
        hits->pop_back();
        if (q.offset + q.limit <= kMaxOffset)
            out.next_cursor = ToHex(kCursorPrefix + std::to_string(q.offset + q.limit));
    }
    for (auto& h : *hits) {
        SearchHit hit;
        hit.type = h.kind;
        hit.id = h.ref;
        hit.government_code = h.government_code;
        hit.title = h.title;
        hit.snippet = Snippet(h.body, needles);
        hit.score = h.score;
        out.items.push_back(std::move(hit));
    }
    return out;
}

}  // namespace kyoso::app
