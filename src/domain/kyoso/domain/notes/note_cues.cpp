#include "kyoso/domain/notes/note_cues.hpp"

#include <algorithm>

namespace kyoso::domain {

namespace {

size_t Utf8Length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

size_t CountOf(std::string_view text, std::string_view word) {
    size_t n = 0;
    for (size_t pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + word.size())) ++n;
    return n;
}

std::string Trim(std::string_view s) {
    auto starts = [&](std::string_view p) { return s.substr(0, p.size()) == p; };
    auto ends = [&](std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; };
    bool changed = true;
    while (changed && !s.empty()) {
        changed = false;
        for (std::string_view p : {" ", "\t", "\r", "　", "・", "-", "*", "●", "○", "■", "□"}) {
            if (starts(p)) {
                s.remove_prefix(p.size());
                changed = true;
            }
        }
        for (std::string_view p : {" ", "\t", "\r", "　"}) {
            if (ends(p)) {
                s.remove_suffix(p.size());
                changed = true;
            }
        }
    }
    return std::string(s);
}

}  // namespace

const std::vector<BudgetCueRule>& BudgetCueRules() {
    // Longest phrase first is not needed: FindBudgetCues tries every phrase at each position.
    static const std::vector<BudgetCueRule> kRules = {
        // No money: the deal waits for a budget.
        {"予算がない", "no_budget", "negative", "予算がない"},
        {"予算が無い", "no_budget", "negative", "予算がない"},
        {"予算はない", "no_budget", "negative", "予算がない"},
        {"予算なし", "no_budget", "negative", "予算がない"},
        {"予算がつかない", "no_budget", "negative", "予算がつかない"},
        {"予算が付かない", "no_budget", "negative", "予算がつかない"},
        {"予算が取れない", "no_budget", "negative", "予算が取れない"},
        {"予算化は難しい", "no_budget", "negative", "予算化が難しい"},
        {"予算化が難しい", "no_budget", "negative", "予算化が難しい"},
        {"予算要求しない", "no_budget", "negative", "予算要求しない"},
        {"予算要求は難しい", "no_budget", "negative", "予算要求が難しい"},
        {"予算が厳しい", "tight", "negative", "予算が厳しい"},
        {"予算が厳しく", "tight", "negative", "予算が厳しい"},
        {"財政が厳しい", "tight", "negative", "財政が厳しい"},
        {"財政状況が厳しい", "tight", "negative", "財政が厳しい"},
        {"見送り", "deferred", "negative", "見送り"},
        {"見送る", "deferred", "negative", "見送り"},
        {"先送り", "deferred", "negative", "先送り"},
        {"凍結", "deferred", "negative", "凍結"},
        {"削減", "cut", "negative", "削減"},
        {"ゼロ査定", "cut", "negative", "査定で削られた"},
        {"査定で落ち", "cut", "negative", "査定で削られた"},
        {"査定で削", "cut", "negative", "査定で削られた"},
        // A request is being made.
        {"来年度要求", "request", "positive", "来年度に予算要求"},
        {"次年度要求", "request", "positive", "来年度に予算要求"},
        {"予算要求する", "request", "positive", "予算要求する"},
        {"予算要求します", "request", "positive", "予算要求する"},
        {"予算要求予定", "request", "positive", "予算要求の予定"},
        {"予算要求の予定", "request", "positive", "予算要求の予定"},
        {"要求予定", "request", "positive", "予算要求の予定"},
        {"要求済", "request", "positive", "予算要求済み"},
        {"予算要求に計上", "request", "positive", "予算要求に計上"},
        {"予算要求資料", "request", "positive", "予算要求資料"},
        // Money granted.
        {"予算計上", "secured", "positive", "予算計上"},
        {"予算化する", "secured", "positive", "予算化"},
        {"予算化された", "secured", "positive", "予算化"},
        {"予算確保", "secured", "positive", "予算確保"},
        {"予算がついた", "secured", "positive", "予算がついた"},
        {"予算が付いた", "secured", "positive", "予算がついた"},
        {"予算が通った", "secured", "positive", "予算が通った"},
        {"予算措置", "secured", "positive", "予算措置"},
        {"内示", "secured", "neutral", "内示（結果を確認）"},
        // Other channels and forms.
        {"補正で", "supplementary", "supplementary", "補正予算で対応"},
        {"補正予算", "supplementary", "supplementary", "補正予算"},
        {"補正対応", "supplementary", "supplementary", "補正予算で対応"},
        {"補正に", "supplementary", "supplementary", "補正予算で対応"},
        {"当初予算", "initial", "neutral", "当初予算"},
        {"債務負担行為", "multi_year", "neutral", "債務負担行為（複数年契約）"},
        {"債務負担", "multi_year", "neutral", "債務負担行為（複数年契約）"},
        {"交付金", "subsidy", "positive", "交付金の活用"},
        {"補助金", "subsidy", "positive", "補助金の活用"},
    };
    return kRules;
}

std::vector<BudgetCue> FindBudgetCues(std::string_view text) {
    std::vector<BudgetCue> out;
    for (const std::string& sentence : SplitSentences(text)) {
        const std::string s = NormalizeNoteText(sentence);
        size_t i = 0;
        while (i < s.size()) {
            const BudgetCueRule* best = nullptr;
            for (const auto& rule : BudgetCueRules()) {
                if (std::string_view(s).substr(i, rule.phrase.size()) == rule.phrase &&
                    (!best || rule.phrase.size() > best->phrase.size())) {
                    best = &rule;
                }
            }
            if (best) {
                out.push_back({std::string(best->phrase), std::string(best->category), std::string(best->polarity),
                               std::string(best->label_ja), sentence});
                i += best->phrase.size();
            } else {
                i += std::min(Utf8Length(static_cast<unsigned char>(s[i])), s.size() - i);
            }
        }
    }
    return out;
}

std::string BudgetSignal(const std::vector<BudgetCue>& cues) {
    if (cues.empty()) return "none";
    for (auto it = cues.rbegin(); it != cues.rend(); ++it) {
        if (it->polarity != "neutral") return it->polarity;
    }
    return "neutral";
}

const std::vector<PolicyTagRule>& PolicyTagRules() {
    static const std::vector<PolicyTagRule> kRules = {
        {"防災", {"防災", "災害", "避難", "ハザード", "地震", "豪雨", "洪水", "土砂", "危機管理", "Lアラート", "備蓄"}},
        {"子育て", {"子育て", "保育", "児童", "母子", "妊娠", "出産", "乳幼児", "子ども", "こども", "待機児童"}},
        {"DX",
         {"DX", "デジタル", "電子申請", "オンライン", "ペーパーレス", "RPA", "AI", "クラウド", "書かない窓口",
          "キャッシュレス", "システム標準化", "マイナンバー", "電子決裁"}},
        {"福祉", {"福祉", "介護", "高齢者", "障害", "障がい", "生活保護", "地域包括", "健診", "保健"}},
        {"教育", {"教育", "学校", "GIGA", "校務", "児童生徒", "教員", "図書館", "公民館", "生涯学習"}},
        {"議会", {"議会", "議員", "定例会", "会議録", "議事録", "一般質問", "委員会"}},
        {"観光", {"観光", "インバウンド", "ふるさと納税", "誘客", "イベント", "観光客"}},
        {"環境", {"環境", "脱炭素", "ごみ", "ゴミ", "リサイクル", "温暖化", "カーボン", "省エネ", "水道"}},
        {"まちづくり", {"まちづくり", "都市計画", "公共施設", "空き家", "交通", "移住", "地域活性"}},
    };
    return kRules;
}

std::vector<PolicyTag> FindPolicyTags(std::string_view text) {
    const std::string s = NormalizeNoteText(text);
    std::vector<PolicyTag> out;
    for (const auto& rule : PolicyTagRules()) {
        PolicyTag tag;
        tag.tag = std::string(rule.tag);
        for (std::string_view word : rule.keywords) {
            const size_t n = CountOf(s, word);
            if (n == 0) continue;
            tag.keywords.emplace_back(word);
            tag.hits += static_cast<int>(n);
        }
        if (tag.hits > 0) out.push_back(std::move(tag));
    }
    std::stable_sort(out.begin(), out.end(), [](const PolicyTag& a, const PolicyTag& b) { return a.hits > b.hits; });
    return out;
}

std::vector<std::string> SplitSentences(std::string_view text) {
    std::vector<std::string> out;
    size_t start = 0;
    auto flush = [&](size_t end) {
        std::string t = Trim(text.substr(start, end - start));
        if (!t.empty()) out.push_back(std::move(t));
    };
    size_t i = 0;
    while (i < text.size()) {
        const std::string_view rest = text.substr(i);
        size_t len = 0;
        bool include = true;
        for (std::string_view end : {"。", "！", "？", "!", "?"}) {
            if (rest.substr(0, end.size()) == end) len = end.size();
        }
        if (len == 0 && (rest[0] == '\n')) {
            len = 1;
            include = false;
        }
        if (len > 0) {
            flush(include ? i + len : i);
            i += len;
            start = i;
            continue;
        }
        i += std::min(Utf8Length(static_cast<unsigned char>(text[i])), text.size() - i);
    }
    flush(text.size());
    return out;
}

const std::vector<std::string_view>& NextStepMarkers() {
    static const std::vector<std::string_view> kMarkers = {
        "次回",       "予定",       "までに", "依頼", "宿題",   "検討します",   "検討する", "確認します", "連絡します",
        "送付します", "提出します", "ご連絡", "再訪", "調整中", "お願いしたい", "TODO",     "ToDo",       "対応します"};
    return kMarkers;
}

std::vector<NextStep> FindNextSteps(std::string_view text, Date note_date) {
    std::vector<NextStep> out;
    for (const std::string& sentence : SplitSentences(text)) {
        NextStep step;
        const std::string s = NormalizeNoteText(sentence);
        for (std::string_view marker : NextStepMarkers()) {
            if (s.find(marker) != std::string::npos) step.markers.emplace_back(marker);
        }
        step.dates = FindDateMentions(sentence, note_date);
        bool future = false;
        for (const auto& d : step.dates) {
            if (d.from > note_date) future = true;
        }
        if (step.markers.empty() && !future) continue;
        for (const auto& d : step.dates) {
            if (d.to < note_date) continue;                             // a past date is context, not the due date
            const Date from = d.from < note_date ? note_date : d.from;  // 今年度: from the note on
            if (!step.due_from || from < *step.due_from) {
                step.due_from = from;
                step.due_to = d.to;
            }
        }
        step.sentence = sentence;
        out.push_back(std::move(step));
    }
    return out;
}

}  // namespace kyoso::domain
