#include "kyoso/mecab/mecab_tokenizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "test_support.hpp"

namespace kyoso::mecab {
namespace {

using Terms = std::vector<std::string>;

std::shared_ptr<const MecabTokenizer> Tokenizer() {
    static auto tokenizer = MecabTokenizer::Open();
    if (!tokenizer.ok()) return nullptr;
    return *tokenizer;
}

#define KYOSO_REQUIRE_TOKENIZER(var) \
    auto var = Tokenizer();          \
    if (!(var)) GTEST_SKIP() << "no MeCab dictionary (install mecab-ipadic-utf8): skipping"

bool Has(const Terms& terms, const std::string& t) { return std::find(terms.begin(), terms.end(), t) != terms.end(); }

// The real-data directory: $KYOSO_SHARED_DATA, else ../shared/data; "" when absent.
std::string Data(const std::string& rel) {
    if (const char* env = std::getenv("KYOSO_SHARED_DATA"); env != nullptr && *env != '\0') {
        std::string p = std::string(env) + "/" + rel;
        if (std::ifstream(p).good()) return p;
    }
    return testing::SharedData(rel);
}

TEST(FindDictionaryTest, FindsTheInstalledDictionaryAndRefusesABadOverride) {
    auto dir = FindDictionary("");
    if (!dir.ok()) GTEST_SKIP() << dir.status().message();
    EXPECT_FALSE(dir->empty());
    auto bad = FindDictionary("/nonexistent/dic");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("/nonexistent/dic"), std::string::npos);
}

struct TitleCase {
    const char* title;  // real デジタル庁 notice titles (jp-go-digital-news-procurement.csv)
    Terms present;
    Terms absent;
};

TEST(MecabTokenizerTest, RealNoticeTitles) {
    KYOSO_REQUIRE_TOKENIZER(tok);
    const std::vector<TitleCase> cases = {
        // Full-width 令和６年度: NFKC folds the digit; 令和 and 年度 are stop words.
        {"令和６年度住民向け汎用電子申請サービスの設計・開発等",
         {"電子申請", "住民", "汎用", "申請"},
         {"令和", "年度", "6", "設計", "開発", "等", "サービス"}},
        {"国・地方共通相談チャットボットの設計・開発等", {"チャットボット", "相談", "相談チャットボット"}, {"設計"}},
        {"令和5年度電子決裁システム（EASY）のガイドライン改正等対応に係る設計・開発等業務の請負",
         {"電子決裁", "EASY", "決裁"},
         {"業務", "請負", "システム", "係る"}},
        {"広域災害を対象とした避難者支援業務のデジタル業務改善に関する調査研究",
         {"避難者", "広域災害"},
         {"業務", "調査", "研究", "調査研究", "デジタル"}},
        // Full-width ＡＩ and Ｇ: NFKC gives ASCII.
        {"令和5年度ＧビズＩＤのオペレーションセンター運用業務", {"ID"}, {"ＩＤ", "令和"}},
    };
    for (const auto& c : cases) {
        Terms terms = tok->Terms(c.title);
        for (const auto& t : c.present) EXPECT_TRUE(Has(terms, t)) << c.title << " lacks " << t;
        for (const auto& t : c.absent) EXPECT_FALSE(Has(terms, t)) << c.title << " has " << t;
    }
}

TEST(MecabTokenizerTest, NfkcFoldsFullWidthLatin) {
    KYOSO_REQUIRE_TOKENIZER(tok);
    Terms terms = tok->Terms("ＡＩを活用した防災アプリの導入");
    EXPECT_TRUE(Has(terms, "AI"));
    EXPECT_TRUE(Has(terms, "防災アプリ"));  // a compound of a term and a stop word
    EXPECT_TRUE(Has(terms, "防災"));
    EXPECT_FALSE(Has(terms, "アプリ"));  // a stop word alone
    EXPECT_FALSE(Has(terms, "ＡＩ"));
}

TEST(MecabTokenizerTest, ProductKeywordsTokeniseLikeTitles) {
    KYOSO_REQUIRE_TOKENIZER(tok);
    // A keyword and a title containing it share the keyword's compound.
    for (const char* keyword : {"電子申請", "防災アプリ", "緊急速報メール", "ハザードマップ", "オープンデータ"}) {
        Terms k = tok->Terms(keyword);
        ASSERT_FALSE(k.empty()) << keyword;
        Terms t = tok->Terms(std::string("令和6年度") + keyword + "の導入に係る業務委託");
        for (const auto& term : k) EXPECT_TRUE(Has(t, term)) << keyword << ": " << term;
    }
}

TEST(MecabTokenizerTest, EmptyAndPunctuationOnlyTextsHaveNoTerms) {
    KYOSO_REQUIRE_TOKENIZER(tok);
    EXPECT_TRUE(tok->Terms("").empty());
    EXPECT_TRUE(tok->Terms("・（）-、。").empty());
    EXPECT_TRUE(tok->Terms("令和6年度 業務委託 一式").empty());
}

TEST(MecabTokenizerTest, SafeFromManyThreads) {
    KYOSO_REQUIRE_TOKENIZER(tok);
    const Terms expected = tok->Terms("住民向け汎用電子申請サービスの設計・開発等");
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                if (tok->Terms("住民向け汎用電子申請サービスの設計・開発等") != expected) ++mismatches[t];
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(MecabTokenizerTest, KiryuCouncilPassage) {
    KYOSO_REQUIRE_TOKENIZER(tok);
    const std::string path = Data("jp-kiryu-council/minutes/r6-1-teireikai.json");
    if (path.empty()) GTEST_SKIP() << "jp-kiryu-council is absent (set KYOSO_SHARED_DATA): skipping";
    std::ifstream in(path);
    auto doc = nlohmann::json::parse(in);
    std::string passage;
    for (const auto& schedule : doc["schedules"]) {
        for (const auto& speech : schedule["speeches"]) {
            const std::string body = speech["body"];
            if (body.find("ＳＩＰ４Ｄ") != std::string::npos &&
                body.find("総合防災情報システム") != std::string::npos) {
                passage = body;
                break;
            }
        }
        if (!passage.empty()) break;
    }
    ASSERT_FALSE(passage.empty()) << "the 総合防災情報システム answer of 令和6年第1回定例会";
    Terms terms = tok->Terms(passage);
    EXPECT_TRUE(Has(terms, "SIP"));       // ＳＩＰ４Ｄ folded by NFKC
    EXPECT_TRUE(Has(terms, "防災情報"));  // 総合防災情報システム: compounds
    EXPECT_TRUE(Has(terms, "総合防災"));
    EXPECT_TRUE(Has(terms, "地理空間"));
    for (const auto& t : terms) {
        EXPECT_EQ(t.find("ＳＩＰ"), std::string::npos) << t;
        EXPECT_NE(t, "令和");
        EXPECT_NE(t, "年度");
        EXPECT_NE(t, "システム");
    }
}

}  // namespace
}  // namespace kyoso::mecab
