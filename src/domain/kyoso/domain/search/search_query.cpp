#include "kyoso/domain/search/search_query.hpp"

namespace kyoso::domain {

namespace {

// Decodes one UTF-8 code point at s[i]; returns its length (0 = invalid byte).
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    char32_t c = 0;
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        c = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        c = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        c = b0 & 0x07;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        c = (c << 6) | (b & 0x3F);
    }
    // Reject overlong forms, surrogates and out-of-range values.
    if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF)) {
        return 0;
    }
    *cp = c;
    return len;
}

bool IsWordChar(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c >= 0x80 && c <= 0xBF) return false;      // Latin-1 punctuation and symbols
    if (c >= 0x2000 && c <= 0x2BFF) return false;  // general punctuation, arrows, symbols, box drawing
    if (c >= 0x3000 && c <= 0x303F) return c == 0x3005 || c == 0x3006 || c == 0x3007;  // 々 〆 〇
    if (c == 0x30FB) return false;                                                     // ・
    if (c >= 0xFF01 && c <= 0xFF0F) return false;  // 全角 punctuation (normally folded away)
    if (c >= 0xFE30 && c <= 0xFE4F) return false;  // CJK compatibility forms
    if (c >= 0x0300 && c <= 0x036F) return false;  // combining marks
    if (c == 0x3099 || c == 0x309A || c == 0x309B || c == 0x309C) return false;  // lone (semi-)voiced marks
    return true;
}

bool IsSpace(std::string_view s, size_t i, size_t* len) {
    const char ch = s[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
        *len = 1;
        return true;
    }
    if (s.substr(i, 3) == "\u3000") {
        *len = 3;
        return true;
    }
    return false;
}

bool IsQuote(std::string_view s, size_t i, size_t* len) {
    if (s[i] == '"') {
        *len = 1;
        return true;
    }
    if (s.substr(i, 3) == "\uFF02") {
        *len = 3;
        return true;
    }
    return false;
}

std::vector<std::string> SplitWords(std::string_view s) {
    std::vector<std::string> words;
    std::string cur;
    for (size_t i = 0; i < s.size();) {
        size_t len = 0;
        if (IsSpace(s, i, &len)) {
            if (!cur.empty()) words.push_back(std::move(cur));
            cur.clear();
            i += len;
        } else {
            cur.push_back(s[i]);
            ++i;
        }
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    return words;
}

void AppendRunTokens(const std::vector<std::string>& run, bool last_run_of_query, std::vector<std::string>* out,
                     bool* prefix) {
    if (run.size() == 1) {
        out->push_back(run[0]);
        if (last_run_of_query) *prefix = true;
        return;
    }
    for (size_t i = 0; i + 1 < run.size(); ++i) out->push_back(run[i] + run[i + 1]);
    // Inside a phrase the run ends where the text's run ends, so its final
    // unigram (which the index has after every run) must follow too.
    if (!last_run_of_query) out->push_back(run.back());
}

}  // namespace

Result<SearchQuery> ParseSearchQuery(std::string_view raw) {
    if (raw.size() > kMaxSearchQueryBytes) {
        return InvalidArgument("search query too long (at most " + std::to_string(kMaxSearchQueryBytes) + " bytes)",
                               {{"q", "at most " + std::to_string(kMaxSearchQueryBytes) + " bytes"}});
    }
    for (size_t i = 0; i < raw.size();) {
        char32_t cp = 0;
        const size_t len = DecodeUtf8(raw, i, &cp);
        if (len == 0 || cp == 0)
            return InvalidArgument("search query is not valid UTF-8 text", {{"q", "invalid UTF-8"}});
        i += len;
    }
    SearchQuery query;
    size_t i = 0;
    while (i < raw.size()) {
        size_t len = 0;
        if (IsSpace(raw, i, &len)) {
            i += len;
            continue;
        }
        SearchTerm term;
        std::string_view body;
        if (IsQuote(raw, i, &len)) {
            i += len;
            const size_t start = i;
            size_t end = raw.size();
            size_t close_len = 0;
            while (i < raw.size()) {
                if (IsQuote(raw, i, &close_len)) {
                    end = i;
                    i += close_len;
                    break;
                }
                ++i;
            }
            body = raw.substr(start, end - start);
            term.phrase = true;
            if (i < raw.size() && raw[i] == '*') {
                term.prefix = true;
                ++i;
            }
        } else {
            const size_t start = i;
            while (i < raw.size() && !IsSpace(raw, i, &len) && !IsQuote(raw, i, &len)) ++i;
            body = raw.substr(start, i - start);
            while (!body.empty() && body.back() == '*') {
                term.prefix = true;
                body.remove_suffix(1);
            }
        }
        term.words = SplitWords(body);
        if (term.words.empty()) continue;
        if (query.terms.size() == kMaxSearchTerms) {
            return InvalidArgument("too many search terms (at most " + std::to_string(kMaxSearchTerms) + ")",
                                   {{"q", "at most " + std::to_string(kMaxSearchTerms) + " terms"}});
        }
        query.terms.push_back(std::move(term));
    }
    if (query.terms.empty()) return InvalidArgument("empty search query", {{"q", "required: words to search for"}});
    return query;
}

std::vector<std::vector<std::string>> WordRuns(std::string_view folded) {
    std::vector<std::vector<std::string>> runs;
    std::vector<std::string> cur;
    for (size_t i = 0; i < folded.size();) {
        char32_t cp = 0;
        const size_t len = DecodeUtf8(folded, i, &cp);
        if (len == 0 || !IsWordChar(cp)) {
            if (!cur.empty()) runs.push_back(std::move(cur));
            cur.clear();
            i += len == 0 ? 1 : len;
            continue;
        }
        std::string ch(folded.substr(i, len));
        if (cp < 0x80 && cp >= 'A' && cp <= 'Z') ch[0] = static_cast<char>(ch[0] - 'A' + 'a');
        cur.push_back(std::move(ch));
        i += len;
    }
    if (!cur.empty()) runs.push_back(std::move(cur));
    return runs;
}

std::string IndexGrams(const std::vector<std::string>& folded_pieces) {
    std::vector<std::string> tokens;
    for (const auto& piece : folded_pieces) {
        for (const auto& run : WordRuns(piece)) {
            bool unused = false;
            AppendRunTokens(run, false, &tokens, &unused);
        }
    }
    std::string out;
    for (const auto& t : tokens) {
        if (!out.empty()) out.push_back(' ');
        out += t;
    }
    return out;
}

std::vector<MatchPhrase> MatchPhrases(const std::vector<std::vector<std::string>>& folded_terms) {
    std::vector<MatchPhrase> phrases;
    for (const auto& words : folded_terms) {
        std::vector<std::vector<std::string>> runs;
        for (const auto& w : words) {
            for (auto& r : WordRuns(w)) runs.push_back(std::move(r));
        }
        if (runs.empty()) continue;
        MatchPhrase p;
        for (size_t r = 0; r < runs.size(); ++r) AppendRunTokens(runs[r], r + 1 == runs.size(), &p.tokens, &p.prefix);
        phrases.push_back(std::move(p));
    }
    return phrases;
}

std::string MatchExpression(const std::vector<MatchPhrase>& phrases) {
    std::string expr;
    for (const auto& p : phrases) {
        if (!expr.empty()) expr += " AND ";
        // Tokens never contain '"' (a separator), so quoting needs no escaping.
        expr += "\"";
        for (size_t t = 0; t < p.tokens.size(); ++t) expr += (t ? " " : "") + p.tokens[t];
        expr += "\"";
        if (p.prefix) expr += "*";
    }
    return expr;
}

}  // namespace kyoso::domain
