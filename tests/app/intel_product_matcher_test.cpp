#include <gtest/gtest.h>

#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/intel/product_matcher.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/mecab/mecab_tokenizer.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "sales_seed.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

std::shared_ptr<const ports::Tokenizer> Tokenizer() {
    static auto tokenizer = mecab::MecabTokenizer::Open();
    if (!tokenizer.ok()) return nullptr;
    return *tokenizer;
}

#define KYOSO_REQUIRE_TOKENIZER(var) \
    auto var = Tokenizer();          \
    if (!(var)) GTEST_SKIP() << "no MeCab dictionary (install mecab-ipadic-utf8): skipping"

std::string NameOf(long long id) {
    for (const auto& p : DemoCatalogue(DemoScale::kJapan)) {
        if (p.id == id) return p.name;
    }
    return "";
}

Bm25ProductMatcher DemoMatcher(const std::shared_ptr<const ports::Tokenizer>& tok) {
    domain::Bm25Index index(BuildProductProfiles(*tok, DemoCatalogue(DemoScale::kJapan), {}),
                            ReferenceFrequencies(*tok));
    return Bm25ProductMatcher(tok, std::move(index));
}

struct ExplainCase {
    const char* title;  // real デジタル庁 notice titles
    const char* product;
    std::string first_term;
};

TEST(Bm25ProductMatcherTest, MatchesRealTitlesAndExplainsWithTerms) {
    KYOSO_REQUIRE_TOKENIZER(tok);
    auto matcher = DemoMatcher(tok);
    const std::vector<ExplainCase> cases = {
        {"令和6年度住民向け汎用電子申請サービスの設計・開発等", "電子申請サービス", "電子申請"},
        {"国・地方共通相談チャットボットの設計・開発等", "AIチャットボット", "チャットボット"},
        {"令和５年度電子決裁システム（EASY）のガイドライン改正等対応に係る設計・開発等業務の請負", "文書管理・電子決裁",
         "電子決裁"},
        {"国の行政手続のキャッシュレス化に関する調査研究", "公金収納・キャッシュレス決済", "キャッシュレス"},
    };
    for (const auto& c : cases) {
        auto matches = matcher.Match(c.title);
        ASSERT_FALSE(matches.empty()) << c.title;
        EXPECT_EQ(NameOf(matches[0].product_id), c.product) << c.title;
        ASSERT_FALSE(matches[0].terms.empty());
        EXPECT_EQ(matches[0].terms[0], c.first_term) << c.title;
        EXPECT_GE(matches[0].score, matcher.threshold());
    }
}

TEST(Bm25ProductMatcherTest, UnrelatedNoticesMatchNothing) {
    KYOSO_REQUIRE_TOKENIZER(tok);
    auto matcher = DemoMatcher(tok);
    for (const char* title : {"庁舎警備業務の委託", "令和6年度コピー用紙の購入", ""}) {
        EXPECT_TRUE(matcher.Match(title).empty()) << title;
    }
}

TEST(ExplanationTermsTest, DropsTermsALongerTermContains) {
    EXPECT_EQ(ExplanationTerms({"電子申請", "申請", "電子", "住民"}), (std::vector<std::string>{"電子申請", "住民"}));
    EXPECT_TRUE(ExplanationTerms({}).empty());
}

// A store with product 1 (電子申請サービス, no keywords) and 千代田区.
class ProductMatcherCacheTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        GovernmentService governments(*store_, normalizer_, clock_, digest_, calendar_);
        ASSERT_TRUE(governments.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        testing::SeedProductAndTeam(store_->sales());
    }

    testing::TempDb db_{"product-matcher-cache"};
    testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    text::IcuTextNormalizer normalizer_;
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    std::unique_ptr<sqlite::SqliteStore> store_;
};

TEST_F(ProductMatcherCacheTest, RebuildsWhenWonDealsOrProductsChange) {
    KYOSO_REQUIRE_TOKENIZER(tok);
    ProductMatcherCache cache(*store_, tok, 0.5);
    auto provider = cache.Provider();
    auto first = provider();
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_TRUE((*first)->Match("避難所の受付をデジタル化").empty());
    auto again = provider();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->get(), first->get());  // nothing changed: the same matcher

    // A won deal's title joins the product's profile.
    auto deal = testing::TestDeal(1, "131016", 1);
    deal.title = "避難所受付システム導入";
    deal.stage = domain::Stage::kWon;
    ASSERT_TRUE(store_->sales().InsertDeals({deal}).ok());
    auto rebuilt = provider();
    ASSERT_TRUE(rebuilt.ok());
    EXPECT_NE(rebuilt->get(), first->get());
    auto matches = (*rebuilt)->Match("避難所の受付をデジタル化");
    ASSERT_EQ(matches.size(), 1u);
    EXPECT_EQ(matches[0].product_id, 1);
    EXPECT_EQ(matches[0].terms.front(), "避難所");

    // A changed product (keywords) rebuilds too.
    auto product = store_->products().Get(1);
    ASSERT_TRUE(product.ok());
    product->keywords = {"ハザードマップ"};
    ASSERT_TRUE(store_->products().Update(*product).ok());
    auto third = provider();
    ASSERT_TRUE(third.ok());
    EXPECT_NE(third->get(), rebuilt->get());
    EXPECT_FALSE((*third)->Match("ハザードマップの作成").empty());
}

}  // namespace
}  // namespace kyoso::app
