#include "kyoso/domain/intel/signal.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace kyoso::domain {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Drops leading and trailing ASCII and 全角 spaces.
std::string_view TrimSpaces(std::string_view s) {
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
            s.remove_prefix(1);
        } else if (s.substr(0, 3) == "　") {
            s.remove_prefix(3);
        } else {
            break;
        }
    }
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
            s.remove_suffix(1);
        } else if (EndsWith(s, "　")) {
            s.remove_suffix(3);
        } else {
            break;
        }
    }
    return s;
}

int CueStrength(SignalCue cue) {
    switch (cue) {
        case SignalCue::kCommit:
            return 5;
        case SignalCue::kConsider:
            return 4;
        case SignalCue::kNeed:
            return 3;
        case SignalCue::kStudy:
            return 2;
        case SignalCue::kNegative:
            return 1;
    }
    return 0;
}

}  // namespace

SpeakerSide ClassifySpeaker(std::string_view type, std::string_view role) {
    if (type == "答弁") return SpeakerSide::kExecutive;
    if (role == "議長" || role == "副議長") return SpeakerSide::kOther;
    if (EndsWith(role, "番") && type != "議長") return SpeakerSide::kMember;
    if (type == "質問") return SpeakerSide::kMember;
    if (role == "監査委員" || EndsWith(role, "市長") || EndsWith(role, "部長") || EndsWith(role, "局長") ||
        EndsWith(role, "課長") || EndsWith(role, "室長") || EndsWith(role, "教育長") || EndsWith(role, "消防長")) {
        return SpeakerSide::kExecutive;
    }
    return SpeakerSide::kOther;
}

std::string_view SignalCueName(SignalCue cue) {
    switch (cue) {
        case SignalCue::kCommit:
            return "commit";
        case SignalCue::kConsider:
            return "consider";
        case SignalCue::kStudy:
            return "study";
        case SignalCue::kNegative:
            return "negative";
        case SignalCue::kNeed:
            return "need";
    }
    return "";
}

std::optional<SignalCue> ParseSignalCue(std::string_view name) {
    for (SignalCue c :
         {SignalCue::kCommit, SignalCue::kConsider, SignalCue::kStudy, SignalCue::kNegative, SignalCue::kNeed}) {
        if (SignalCueName(c) == name) return c;
    }
    return std::nullopt;
}

double SignalCueWeight(SignalCue cue) {
    switch (cue) {
        case SignalCue::kCommit:
            return 1.0;
        case SignalCue::kConsider:
            return 0.7;
        case SignalCue::kNeed:
            return 0.6;
        case SignalCue::kStudy:
            return 0.4;
        case SignalCue::kNegative:
            return 0.1;
    }
    return 0;
}

const std::vector<CueRule>& CueRules() {
    using enum SignalCue;
    constexpr SpeakerSide E = SpeakerSide::kExecutive;
    constexpr SpeakerSide M = SpeakerSide::kMember;
    static const std::vector<CueRule> kRules = {
        // An executive commits: money or a start date.
        {"予算化", kCommit, E},
        {"予算計上", kCommit, E},
        {"予算に計上", kCommit, E},
        {"導入に向けて", kCommit, E},
        {"実施に向けて", kCommit, E},
        {"整備に向けて", kCommit, E},
        {"導入してまいります", kCommit, E},
        {"導入する予定", kCommit, E},
        {"来年度", kCommit, E},
        {"次年度", kCommit, E},
        // ... considers.
        {"前向きに検討", kConsider, E},
        {"検討してまいります", kConsider, E},
        {"検討してまいりたい", kConsider, E},
        {"検討いたします", kConsider, E},
        {"検討を進めて", kConsider, E},
        // ... will study (a weaker promise).
        {"研究してまいります", kStudy, E},
        {"研究してまいりたい", kStudy, E},
        {"研究いたします", kStudy, E},
        {"調査研究", kStudy, E},
        {"情報収集に努め", kStudy, E},
        {"先進事例", kStudy, E},
        // ... declines.
        {"考えておりません", kNegative, E},
        {"予定はございません", kNegative, E},
        {"予定はありません", kNegative, E},
        {"困難であると", kNegative, E},
        {"難しいと考え", kNegative, E},
        // A member raises a need (一般質問, 質疑).
        {"導入してはいかが", kNeed, M},
        {"導入を求め", kNeed, M},
        {"導入すべき", kNeed, M},
        {"導入を提案", kNeed, M},
        {"提案いたします", kNeed, M},
        {"検討すべき", kNeed, M},
        {"考えはあるか", kNeed, M},
        {"お考えをお聞かせ", kNeed, M},
        {"いかがでしょうか", kNeed, M},
        {"要望", kNeed, M},
    };
    return kRules;
}

std::optional<CueMatch> ClassifyCue(std::string_view passage, SpeakerSide side) {
    if (side == SpeakerSide::kOther) return std::nullopt;
    const CueRule* best = nullptr;
    size_t best_end = 0;
    for (const auto& rule : CueRules()) {
        if (rule.side != side) continue;
        const size_t at = passage.rfind(rule.phrase);
        if (at == std::string_view::npos) continue;
        const size_t end = at + rule.phrase.size();
        if (!best || end > best_end || (end == best_end && CueStrength(rule.cue) > CueStrength(best->cue))) {
            best = &rule;
            best_end = end;
        }
    }
    if (!best) return std::nullopt;
    return CueMatch{best->cue, std::string(best->phrase)};
}

size_t CharCount(std::string_view text) {
    size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

std::vector<std::string> SplitPassages(std::string_view body) {
    std::vector<std::string> out;
    auto keep = [&](std::string_view piece) {
        piece = TrimSpaces(piece);
        if (CharCount(piece) >= kMinPassageChars) out.emplace_back(piece);
    };
    size_t start = 0;
    while (start <= body.size()) {
        size_t nl = body.find('\n', start);
        if (nl == std::string_view::npos) nl = body.size();
        std::string_view line = TrimSpaces(body.substr(start, nl - start));
        start = nl + 1;
        if (line.empty() || line.substr(0, 3) == "〔") continue;  // stage direction
        if (CharCount(line) <= kMaxPassageChars) {
            keep(line);
            continue;
        }
        // Cut a long paragraph after sentences, keeping each piece within the bound.
        constexpr std::string_view kStop = "。";
        size_t piece_begin = 0, last_cut = 0;
        size_t pos = 0;
        while ((pos = line.find(kStop, pos)) != std::string_view::npos) {
            const size_t cut = pos + kStop.size();
            if (CharCount(line.substr(piece_begin, cut - piece_begin)) > kMaxPassageChars && last_cut > piece_begin) {
                keep(line.substr(piece_begin, last_cut - piece_begin));
                piece_begin = last_cut;
            }
            last_cut = cut;
            pos = cut;
        }
        if (piece_begin < line.size()) {
            std::string_view rest = line.substr(piece_begin);
            if (CharCount(rest) > kMaxPassageChars && last_cut > piece_begin && last_cut < line.size()) {
                keep(line.substr(piece_begin, last_cut - piece_begin));
                keep(line.substr(last_cut));
            } else {
                keep(rest);
            }
        }
    }
    return out;
}

double SignalScore(SignalCue cue, double best_product_score) {
    const double product = std::clamp(best_product_score / kProductScoreSaturation, 0.0, 1.0);
    return 0.6 * SignalCueWeight(cue) + 0.4 * product;
}

}  // namespace kyoso::domain

namespace kyoso::domain {

namespace {

void AppendJsonString(std::string* out, std::string_view s) {
    *out += '"';
    for (char c : s) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            *out += '\\';
            *out += c;
        } else if (u < 0x20) {
            static const char* kHex = "0123456789abcdef";
            *out += "\\u00";
            *out += kHex[u >> 4];
            *out += kHex[u & 15];
        } else {
            *out += c;
        }
    }
    *out += '"';
}

// A cursor over the JSON SignalProductsJson writes (no general JSON).
struct MiniJson {
    std::string_view s;
    size_t i = 0;
    bool ok = true;
    void Ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n')) ++i;
    }
    bool Eat(char c) {
        Ws();
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    void Expect(char c) { ok = ok && Eat(c); }
    std::string String() {
        std::string out;
        if (!Eat('"')) {
            ok = false;
            return out;
        }
        while (i < s.size() && s[i] != '"') {
            if (s[i] == '\\' && i + 1 < s.size()) {
                ++i;
                if (s[i] == 'u' && i + 4 < s.size()) {
                    out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 4)), nullptr, 16) & 0x7f);
                    i += 5;
                    continue;
                }
            }
            out += s[i++];
        }
        if (i >= s.size()) ok = false;
        ++i;
        return out;
    }
    double Number() {
        Ws();
        size_t start = i;
        while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '-' ||
                                s[i] == 'e' || s[i] == 'E' || s[i] == '+'))
            ++i;
        if (start == i) {
            ok = false;
            return 0;
        }
        try {
            return std::stod(std::string(s.substr(start, i - start)));
        } catch (...) {
            ok = false;
            return 0;
        }
    }
};

}  // namespace

std::string SignalProductsJson(const std::vector<SignalProduct>& products) {
    std::string out = "[";
    for (size_t p = 0; p < products.size(); ++p) {
        if (p) out += ',';
        char score[32];
        std::snprintf(score, sizeof score, "%.4f", products[p].score);
        out += "{\"product_id\":" + std::to_string(products[p].product_id) + ",\"score\":" + score + ",\"terms\":[";
        for (size_t t = 0; t < products[p].terms.size(); ++t) {
            if (t) out += ',';
            AppendJsonString(&out, products[p].terms[t]);
        }
        out += "]}";
    }
    out += ']';
    return out;
}

std::vector<SignalProduct> ParseSignalProductsJson(std::string_view json) {
    MiniJson j{json};
    std::vector<SignalProduct> out;
    j.Expect('[');
    if (j.Eat(']')) return out;
    do {
        SignalProduct p;
        j.Expect('{');
        do {
            const std::string key = j.String();
            j.Expect(':');
            if (key == "product_id") {
                p.product_id = static_cast<long long>(j.Number());
            } else if (key == "score") {
                p.score = j.Number();
            } else if (key == "terms") {
                j.Expect('[');
                if (!j.Eat(']')) {
                    do p.terms.push_back(j.String());
                    while (j.ok && j.Eat(','));
                    j.Expect(']');
                }
            } else {
                j.ok = false;
            }
        } while (j.ok && j.Eat(','));
        j.Expect('}');
        if (!j.ok) return {};
        out.push_back(std::move(p));
    } while (j.Eat(','));
    j.Expect(']');
    if (!j.ok) return {};
    return out;
}

}  // namespace kyoso::domain
