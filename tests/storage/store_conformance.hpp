#pragma once

// The storage conformance suite: every Store backend must pass it. It is written
// against ports only. A backend instantiates it with a factory type that has
//   static std::unique_ptr<kyoso::ports::Store> Make();   // an empty, migrated store
// e.g. tests/storage/sqlite_conformance_test.cpp; the PostgreSQL adapter adds its own.

#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "kyoso/ports/store.hpp"

namespace kyoso::testing {

inline domain::Government MakeGovernment(const char* code, const char* name, const char* kana,
                                         domain::GovernmentKind kind, const char* pref_code = "130001",
                                         const char* pref_name = "東京都") {
    domain::Government g{*domain::GovernmentCode::Parse(code)};
    g.name = name;
    g.kana = kana;
    g.kind = kind;
    g.prefecture_code = pref_code;
    g.prefecture_name = pref_name;
    if (kind != domain::GovernmentKind::kPrefecture) g.parent_code = pref_code;
    return g;
}

template <typename Factory>
class StoreConformance : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = Factory::Make();
        ASSERT_NE(store_, nullptr);
    }
    // 東京都, 千代田区, 中央区, 八王子市 (core city), 札幌市中央区 (ward) with search keys.
    void Seed() {
        using K = domain::GovernmentKind;
        std::vector<domain::Government> gs = {
            MakeGovernment("130001", "東京都", "とうきょうと", K::kPrefecture),
            MakeGovernment("131016", "千代田区", "ちよだく", K::kSpecialWard),
            MakeGovernment("131024", "中央区", "ちゅうおうく", K::kSpecialWard),
            MakeGovernment("132012", "八王子市", "はちおうじし", K::kCoreCity),
            MakeGovernment("011011", "中央区", "ちゅうおうく", K::kWard, "010006", "北海道"),
            MakeGovernment("010006", "北海道", "ほっかいどう", K::kPrefecture, "010006", "北海道"),
            MakeGovernment("016951", "色丹村", "しこたんむら", K::kVillage, "010006", "北海道"),
        };
        gs[3].population = 580'000;
        gs[1].population = 66'680;
        gs[6].has_no_functioning_government = true;
        std::vector<std::string> keys;
        for (const auto& g : gs) keys.push_back(g.name + "|" + g.kana);
        ASSERT_TRUE(store_->governments().UpsertMasterData(gs, keys).ok());
        // Population is statistics, applied separately.
        ASSERT_TRUE(store_->governments()
                        .ApplyStats({{"132012", 580'000, std::nullopt, std::nullopt, std::nullopt, "50万〜", "中核市"},
                                     {"131016", 66'680, std::nullopt, std::nullopt, std::nullopt, "5万〜10万", "特別区"}})
                        .ok());
    }
    std::unique_ptr<ports::Store> store_;
};

TYPED_TEST_SUITE_P(StoreConformance);

TYPED_TEST_P(StoreConformance, StartsEmptyAndMigrated) {
    auto count = this->store_->governments().Count();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 0);
    auto version = this->store_->SchemaVersion();
    ASSERT_TRUE(version.ok());
    EXPECT_GE(*version, 2);
    EXPECT_TRUE(this->store_->Ping().ok());
}

TYPED_TEST_P(StoreConformance, UpsertThenGetRoundTripsEveryField) {
    this->Seed();
    auto g = this->store_->governments().Get("132012");
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    EXPECT_EQ(g->name, "八王子市");
    EXPECT_EQ(g->kana, "はちおうじし");
    EXPECT_EQ(g->kind, domain::GovernmentKind::kCoreCity);
    EXPECT_EQ(g->prefecture_name, "東京都");
    EXPECT_EQ(g->parent_code, "130001");
    EXPECT_EQ(g->population, 580'000);
    EXPECT_EQ(g->population_band, "50万〜");
    EXPECT_EQ(g->similar_group, "中核市");
    auto missing = this->store_->governments().Get("131032");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(StoreConformance, UpsertIsIdempotentAndKeepsStatistics) {
    this->Seed();
    this->Seed();
    auto count = this->store_->governments().Count();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 7);
    EXPECT_EQ(this->store_->governments().Get("132012")->population, 580'000);
}

TYPED_TEST_P(StoreConformance, ListExcludesWardsAndNorthernTerritoriesByDefault) {
    this->Seed();
    ports::GovernmentQuery q;
    auto page = this->store_->governments().List(q);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 5);
    q.kinds = {domain::GovernmentKind::kWard};
    EXPECT_EQ(this->store_->governments().List(q)->total, 1);
    q.kinds = {};
    q.include_no_government = true;
    EXPECT_EQ(this->store_->governments().List(q)->total, 6);
}

TYPED_TEST_P(StoreConformance, ListFiltersByPrefectureTextAndPopulation) {
    this->Seed();
    ports::GovernmentQuery q;
    q.prefecture_code = "130001";
    EXPECT_EQ(this->store_->governments().List(q)->total, 4);
    q.normalized_text = "ちよだ";
    auto page = this->store_->governments().List(q);
    ASSERT_EQ(page->items.size(), 1u);
    EXPECT_EQ(page->items[0].code.str(), "131016");
    ports::GovernmentQuery pop;
    pop.population_min = 100'000;
    EXPECT_EQ(this->store_->governments().List(pop)->total, 1);
    ports::GovernmentQuery like;
    like.normalized_text = "%";  // LIKE wildcards are matched literally
    EXPECT_EQ(this->store_->governments().List(like)->total, 0);
}

TYPED_TEST_P(StoreConformance, KeysetPagingVisitsEveryRowOnceInEachSortOrder) {
    this->Seed();
    for (auto sort : {ports::GovernmentSort::kCode, ports::GovernmentSort::kKana, ports::GovernmentSort::kPopulation}) {
        for (bool desc : {false, true}) {
            ports::GovernmentQuery q;
            q.sort = sort;
            q.descending = desc;
            q.limit = 2;
            std::vector<std::string> seen;
            for (int guard = 0; guard < 10; ++guard) {
                auto page = this->store_->governments().List(q);
                ASSERT_TRUE(page.ok()) << page.status().ToString();
                for (const auto& g : page->items) seen.push_back(g.code.str());
                if (!page->has_more) break;
                const auto& last = page->items.back();
                q.after_code = last.code.str();
                q.after_sort_value = sort == ports::GovernmentSort::kKana         ? last.kana
                                     : sort == ports::GovernmentSort::kPopulation ? std::to_string(last.population.value_or(-1))
                                                                                  : last.code.str();
            }
            std::vector<std::string> sorted = seen;
            std::sort(sorted.begin(), sorted.end());
            EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end()) << "duplicates";
            EXPECT_EQ(seen.size(), 5u) << "sort " << static_cast<int>(sort) << " desc " << desc;
        }
    }
}

TYPED_TEST_P(StoreConformance, StatsForAnUnknownCodeChangeNothing) {
    this->Seed();
    Status st = this->store_->InTransaction([&] {
        return this->store_->governments().ApplyStats(
            {{"131024", 170'000, std::nullopt, std::nullopt, std::nullopt, "10万〜20万", "特別区"},
             {"131032", 1, std::nullopt, std::nullopt, std::nullopt, "", ""}});
    });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), ErrorCode::kNotFound);
    EXPECT_FALSE(this->store_->governments().Get("131024")->population.has_value());
}

TYPED_TEST_P(StoreConformance, FailedTransactionRollsBackEverything) {
    this->Seed();
    Status st = this->store_->InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(this->store_->governments().ApplyStats(
            {{"131024", 170'000, std::nullopt, std::nullopt, std::nullopt, "10万〜20万", "特別区"}}));
        // Reads inside the transaction see its own writes.
        if (this->store_->governments().Get("131024")->population != 170'000) return Internal("not visible");
        return Internal("abort on purpose");
    });
    EXPECT_EQ(st.message(), "abort on purpose");
    EXPECT_FALSE(this->store_->governments().Get("131024")->population.has_value());
}

TYPED_TEST_P(StoreConformance, MilestoneOverridesAreStoredPerGovernment) {
    this->Seed();
    domain::MilestoneOverride every{domain::MilestoneKind::kJuneCouncil, std::nullopt, {6, 10}, {6, 20}};
    domain::MilestoneOverride once{domain::MilestoneKind::kJuneCouncil, 2027, {6, 3}, {6, 19}};
    ASSERT_TRUE(this->store_->governments().PutMilestoneOverride("131016", every).ok());
    ASSERT_TRUE(this->store_->governments().PutMilestoneOverride("131016", once).ok());
    once.end = {6, 21};
    ASSERT_TRUE(this->store_->governments().PutMilestoneOverride("131016", once).ok());  // replaces
    auto list = this->store_->governments().ListMilestoneOverrides("131016");
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ(this->store_->governments().ListMilestoneOverrides("131024")->size(), 0u);
    auto bad = this->store_->governments().PutMilestoneOverride("131032", every);
    EXPECT_FALSE(bad.ok());
}

TYPED_TEST_P(StoreConformance, SalesRowsNeedTheirGovernment) {
    this->Seed();
    domain::Product p{1, "電子申請サービス", {"DX"}, 1'000'000, 5'000'000, {"申請"}};
    domain::SalesUser u{1, "佐藤 花子", domain::SalesRole::kFieldSales, "東日本チーム"};
    ASSERT_TRUE(this->store_->sales().InsertProducts({p}).ok());
    ASSERT_TRUE(this->store_->sales().InsertUsers({u}).ok());
    domain::Deal d;
    d.id = 1;
    d.government_code = "131016";
    d.product_id = 1;
    d.owner_id = 1;
    d.title = "千代田区 電子申請";
    d.amount = 3'000'000;
    d.fiscal_year = 2027;
    d.created_on = MakeDate(2026, 7, 1);
    ASSERT_TRUE(this->store_->sales().InsertDeals({d}).ok());
    d.id = 2;
    d.government_code = "131032";  // not in the store
    EXPECT_FALSE(this->store_->sales().InsertDeals({d}).ok());
    auto counts = this->store_->sales().Counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->deals, 1);
    auto deals = this->store_->sales().DealsForGovernment("131016");
    ASSERT_TRUE(deals.ok());
    ASSERT_EQ(deals->size(), 1u);
    EXPECT_EQ((*deals)[0].amount, 3'000'000);
}

TYPED_TEST_P(StoreConformance, ConcurrentReadersAndAWriterDoNotInterfere) {
    this->Seed();
    std::atomic<int> failures{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t) {
        readers.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                ports::GovernmentQuery q;
                auto page = this->store_->governments().List(q);
                if (!page.ok() || page->total != 5) ++failures;
            }
        });
    }
    for (int i = 0; i < 50; ++i) {
        Status st = this->store_->governments().ApplyStats(
            {{"131024", 1000 + i, std::nullopt, std::nullopt, std::nullopt, "〜5千", "特別区"}});
        if (!st.ok()) ++failures;
    }
    for (auto& t : readers) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(this->store_->governments().Get("131024")->population, 1049);
}

REGISTER_TYPED_TEST_SUITE_P(StoreConformance, StartsEmptyAndMigrated, UpsertThenGetRoundTripsEveryField,
                            UpsertIsIdempotentAndKeepsStatistics, ListExcludesWardsAndNorthernTerritoriesByDefault,
                            ListFiltersByPrefectureTextAndPopulation, KeysetPagingVisitsEveryRowOnceInEachSortOrder,
                            StatsForAnUnknownCodeChangeNothing, FailedTransactionRollsBackEverything,
                            MilestoneOverridesAreStoredPerGovernment, SalesRowsNeedTheirGovernment,
                            ConcurrentReadersAndAWriterDoNotInterfere);

}  // namespace kyoso::testing
