#include "kyoso/mecab/mecab_tokenizer.hpp"

#include <mecab.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unordered_set>
#include <vector>

#include "kyoso/text/icu_normalizer.hpp"

namespace kyoso::mecab {

namespace {

bool HasSysDic(const std::string& dir) {
    std::error_code ec;
    return !dir.empty() && std::filesystem::exists(std::filesystem::path(dir) / "sys.dic", ec);
}

// The "dicdir = ..." line of a mecabrc file; "" when absent.
std::string DicdirFromRc(const std::string& rc) {
    std::ifstream in(rc);
    std::string line;
    while (std::getline(in, line)) {
        auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == ';' || line[start] == '#') continue;
        if (line.compare(start, 6, "dicdir") != 0) continue;
        auto eq = line.find('=', start);
        if (eq == std::string::npos) continue;
        auto v = line.find_first_not_of(" \t", eq + 1);
        if (v == std::string::npos) continue;
        auto e = line.find_last_not_of(" \t\r");
        return line.substr(v, e - v + 1);
    }
    return "";
}

// Why each word is a stop word: docs/intel.md "Stop words".
constexpr std::string_view kStopWords[] = {
    // Dates and counters in every title (令和6年度, 第2期, 一式).
    "令和", "平成", "年度", "年", "月", "日", "期", "第", "次期", "上半期", "下半期", "一式", "単価", "件",
    // The procurement frame itself (…に係る業務の委託, 請負, 調達, 再度公告).
    "業務", "委託", "請負", "調達", "事業", "作業", "支援", "等", "公告", "再度", "再", "契約",
    // Generic IT work steps shared by all kinds of system.
    "整備", "運用", "保守", "開発", "設計", "構築", "導入", "提供", "改修", "追加", "拡充", "機能", "対応", "実施",
    "利用", "活用", "推進", "検討", "調査", "研究", "実証", "検証", "作成", "改善", "要件", "定義",
    // Generic nouns: every notice has them, and product names carry them (…システム, …支援アプリ).
    "システム", "サービス", "管理", "情報", "関係", "関連", "全体", "向け", "化", "用", "版", "分", "各種", "デジタル",
    "庁", "政府", "府省", "基盤", "環境", "アプリ", "プラットフォーム"};

// The part of speech of a token, for the rules above.
enum class Kind { kBreak, kContent, kSuffix };

// True when `s` holds no letter, digit, kana or kanji: only ASCII punctuation, CJK
// punctuation (U+3000..U+303F: 、。「」) and the middle dot ・ (U+30FB).
bool SymbolsOnly(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return false;
            ++i;
            continue;
        }
        if (c == 0xE3 && i + 2 < s.size()) {
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            const auto c2 = static_cast<unsigned char>(s[i + 2]);
            if (c1 == 0x80 || (c1 == 0x83 && c2 == 0xBB)) {  // U+3000..U+303F, U+30FB
                i += 3;
                continue;
            }
        }
        return false;
    }
    return true;
}

Kind Classify(const MeCab::Node* node) {
    // The feature is "品詞,細分類1,...": compare prefixes instead of measuring it.
    static constexpr std::string_view kNoun = "名詞,";
    const char* feature = node->feature;
    if (std::strncmp(feature, kNoun.data(), kNoun.size()) != 0) return Kind::kBreak;
    const char* sub_start = feature + kNoun.size();
    const char* sub_end = std::strchr(sub_start, ',');
    std::string_view sub =
        sub_end == nullptr ? std::string_view(sub_start) : std::string_view(sub_start, sub_end - sub_start);
    if (sub == "接尾") return Kind::kSuffix;
    if (sub == "一般" || sub == "固有名詞" || sub == "サ変接続" || sub == "形容動詞語幹" || sub == "ナイ形容詞語幹") {
        // Runs of unknown symbols come out as nouns too ("-" and "()-、。" as サ変接続).
        if (SymbolsOnly(std::string_view(node->surface, node->length))) return Kind::kBreak;
        return Kind::kContent;
    }
    return Kind::kBreak;  // 数, 代名詞, 非自立, 副詞可能, 特殊, ...
}

std::atomic<unsigned long long> g_generation{0};

// One tagger and lattice per thread, for the tokenizer of `generation`.
struct ThreadState {
    unsigned long long generation = 0;
    std::shared_ptr<MeCab::Model> model;  // keeps the model alive while the tagger lives
    std::unique_ptr<MeCab::Lattice> lattice;
    std::unique_ptr<MeCab::Tagger> tagger;
    std::string normalised;
    std::string compound;
    ~ThreadState() {
        lattice.reset();
        tagger.reset();
        model.reset();
    }
};

}  // namespace

bool IsStopWord(std::string_view term) {
    // Every stop word is 1-8 characters (3-24 bytes in UTF-8): most terms are decided
    // without hashing.
    if (term.empty() || term.size() > 24) return false;
    static const std::unordered_set<std::string_view> kSet(std::begin(kStopWords), std::end(kStopWords));
    return kSet.count(term) != 0;
}

std::vector<std::string_view> StopWords() { return {std::begin(kStopWords), std::end(kStopWords)}; }

Result<std::string> FindDictionary(const std::string& override_dir) {
    std::vector<std::string> tried;
    auto accept = [&](const std::string& dir) {
        tried.push_back(dir);
        return HasSysDic(dir);
    };
    if (!override_dir.empty()) {
        if (accept(override_dir)) return override_dir;
        return InvalidArgument("mecab dictionary: no sys.dic in " + override_dir);
    }
    if (const char* env = std::getenv("KYOSO_MECAB_DICDIR"); env != nullptr && *env != '\0') {
        if (accept(env)) return std::string(env);
        return InvalidArgument(std::string("KYOSO_MECAB_DICDIR: no sys.dic in ") + env);
    }
    for (const char* rc : {"/etc/mecabrc", "/usr/local/etc/mecabrc"}) {
        std::string dir = DicdirFromRc(rc);
        if (!dir.empty() && accept(dir)) return dir;
    }
    for (const char* dir : {"/var/lib/mecab/dic/debian", "/var/lib/mecab/dic/ipadic-utf8",
                            "/usr/lib/x86_64-linux-gnu/mecab/dic/ipadic-utf8", "/usr/lib/mecab/dic/ipadic-utf8",
                            "/usr/local/lib/mecab/dic/ipadic-utf8", "/usr/local/lib/mecab/dic/ipadic"}) {
        if (accept(dir)) return std::string(dir);
    }
    std::string list;
    for (const auto& t : tried) list += (list.empty() ? "" : ", ") + t;
    return NotFound("mecab dictionary not found (install mecab-ipadic-utf8 or set KYOSO_MECAB_DICDIR); tried " + list);
}

Result<std::shared_ptr<const MecabTokenizer>> MecabTokenizer::Open(const std::string& dicdir_override) {
    auto dir = FindDictionary(dicdir_override);
    if (!dir.ok()) return dir.status();
    // -r /dev/null: the dictionary's own dicrc is enough; no mecabrc needed.
    std::string args = "-r /dev/null -d " + *dir;
    std::shared_ptr<MeCab::Model> model(MeCab::createModel(args.c_str()));
    if (!model) return Internal("mecab: cannot load " + *dir + ": " + MeCab::getLastError());
    return std::make_shared<const MecabTokenizer>(std::move(model), *dir);
}

MecabTokenizer::MecabTokenizer(std::shared_ptr<MeCab::Model> model, std::string dicdir)
    : model_(std::move(model)), dicdir_(std::move(dicdir)), generation_(++g_generation) {}

MecabTokenizer::~MecabTokenizer() = default;

void MecabTokenizer::ForEachTerm(std::string_view text, const std::function<void(std::string_view)>& term) const {
    thread_local ThreadState state;
    if (state.generation != generation_) {
        state.lattice.reset();
        state.tagger.reset();
        state.model = model_;
        state.tagger.reset(model_->createTagger());
        state.lattice.reset(model_->createLattice());
        state.generation = generation_;
    }
    if (!state.tagger || !state.lattice) return;
    state.normalised = text::Nfkc(text);
    state.lattice->set_sentence(state.normalised.c_str());
    if (!state.tagger->parse(state.lattice.get())) return;

    // Walk the nodes: content nouns are terms; adjacent nouns (suffixes too) are joined
    // in pairs into compounds. A pair never starts with a suffix: 三春+町 and 統合+型 are
    // compounds, 町+防災 and 型+GIS are fragments across two words.
    std::string_view previous;  // the previous run member, "" after a break
    bool previous_stop = true;
    bool previous_suffix = false;
    for (const MeCab::Node* node = state.lattice->bos_node(); node != nullptr; node = node->next) {
        if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE) continue;
        Kind kind = Classify(node);
        if (kind == Kind::kBreak) {
            previous = {};
            continue;
        }
        std::string_view surface(node->surface, node->length);
        bool stop = IsStopWord(surface);
        if (kind == Kind::kContent && !stop &&
            !(surface.size() == 1 && static_cast<unsigned char>(surface[0]) < 0x80)) {
            term(surface);
        }
        if (!previous.empty() && !previous_suffix && !(stop && previous_stop)) {
            state.compound.assign(previous);
            state.compound.append(surface);
            if (!IsStopWord(state.compound)) term(state.compound);  // 次+期 = 次期
        }
        previous = surface;
        previous_stop = stop;
        previous_suffix = kind == Kind::kSuffix;
    }
}

}  // namespace kyoso::mecab
