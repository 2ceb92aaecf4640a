#pragma once

// The storage conformance suite: every Store backend must pass it. It is written
// against ports only. A backend instantiates it with a factory type that has
//   static std::unique_ptr<kyoso::ports::Store> Make();   // an empty, migrated store
// e.g. tests/storage/sqlite_conformance_test.cpp; the PostgreSQL adapter adds its own.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

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
        // A factory returns null without a failure when its server is not configured.
        if (!store_ && !HasFailure()) GTEST_SKIP() << "this backend's test server is not configured";
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
        ASSERT_TRUE(
            store_->governments()
                .ApplyStats({{"132012", 580'000, std::nullopt, std::nullopt, std::nullopt, "50万〜", "中核市"},
                             {"131016", 66'680, std::nullopt, std::nullopt, std::nullopt, "5万〜10万", "特別区"}})
                .ok());
    }
    // One product, two users, an official of 千代田区 and deals 1..n: deal i belongs to
    // 千代田区 when odd, 八王子市 when even; owner 1 when i <= 3; fiscal year 2027 except
    // deal 5 (2028); all at 情報収集.
    void SeedDeals(int n) {
        this->Seed();
        ASSERT_TRUE(store_->sales().InsertProducts({{1, "電子申請サービス", {"DX"}, 1'000'000, 5'000'000, {}}}).ok());
        ASSERT_TRUE(store_->sales()
                        .InsertUsers({{1, "佐藤 花子", domain::SalesRole::kFieldSales, "東日本チーム"},
                                      {2, "鈴木 一郎", domain::SalesRole::kInsideSales, "東日本チーム"}})
                        .ok());
        domain::Official o;
        o.id = 1;
        o.government_code = "131016";
        o.department = "政策経営部 情報政策課";
        o.name = "山田 太郎";
        o.kana = "やまだ たろう";
        o.title = "課長";
        o.decision_role = "approver";
        ASSERT_TRUE(store_->sales().InsertOfficials({o}).ok());
        std::vector<domain::Deal> deals;
        for (int i = 1; i <= n; ++i) {
            domain::Deal d;
            d.id = i;
            d.government_code = i % 2 ? "131016" : "132012";
            d.product_id = 1;
            d.owner_id = i <= 3 ? 1 : 2;
            d.title = "案件 " + std::to_string(i);
            d.amount = 1'000'000 * i;
            d.fiscal_year = i == 5 ? 2028 : 2027;
            d.created_on = MakeDate(2026, 6, 1);
            deals.push_back(d);
        }
        ASSERT_TRUE(store_->sales().InsertDeals(deals).ok());
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
                q.after_sort_value = sort == ports::GovernmentSort::kKana ? last.kana
                                     : sort == ports::GovernmentSort::kPopulation
                                         ? std::to_string(last.population.value_or(-1))
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

TYPED_TEST_P(StoreConformance, DealGetRoundTripsAndUnknownIdIsNotFound) {
    this->SeedDeals(2);
    auto d = this->store_->deals().Get(1);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_EQ(d->government_code, "131016");
    EXPECT_EQ(d->title, "案件 1");
    EXPECT_EQ(d->stage, domain::Stage::kDiscovery);
    EXPECT_FALSE(d->budget_amount.has_value());
    EXPECT_EQ(d->carried_from_deal_id, 0);
    auto missing = this->store_->deals().Get(99);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(StoreConformance, DealListFiltersAndPagesByKeyset) {
    this->SeedDeals(7);
    auto& repo = this->store_->deals();
    ports::DealQuery q;
    q.government_code = "131016";
    EXPECT_EQ(repo.List(q)->total, 4);
    q.fiscal_year = 2027;
    EXPECT_EQ(repo.List(q)->total, 3);
    ports::DealQuery owner;
    owner.owner_id = 1;
    EXPECT_EQ(repo.List(owner)->total, 3);
    ports::DealQuery stage;
    stage.stage = domain::Stage::kBidding;
    EXPECT_EQ(repo.List(stage)->total, 0);
    ports::DealQuery paged;
    paged.limit = 3;
    std::vector<long long> seen;
    for (int guard = 0; guard < 10; ++guard) {
        auto page = repo.List(paged);
        ASSERT_TRUE(page.ok()) << page.status().ToString();
        EXPECT_EQ(page->total, 7);
        for (const auto& d : page->items) seen.push_back(d.deal.id);
        if (!page->has_more) break;
        paged.after_id = page->items.back().deal.id;
    }
    EXPECT_EQ(seen, (std::vector<long long>{1, 2, 3, 4, 5, 6, 7}));
}

TYPED_TEST_P(StoreConformance, MoveStageUpdatesTheDealAndAppendsHistory) {
    this->SeedDeals(1);
    auto& repo = this->store_->deals();
    ports::StageMove m;
    m.deal_id = 1;
    m.from = domain::Stage::kDiscovery;
    m.to = domain::Stage::kBudgeted;
    m.moved_by = 2;
    m.moved_on = MakeDate(2027, 3, 25);
    m.note = "3月議会で可決";
    m.budget_amount = 2'900'000;
    ASSERT_TRUE(repo.MoveStage(m).ok());
    auto d = repo.Get(1);
    EXPECT_EQ(d->stage, domain::Stage::kBudgeted);
    EXPECT_EQ(d->budget_amount, 2'900'000);
    auto history = repo.History(1);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 1u);
    EXPECT_EQ((*history)[0].from, domain::Stage::kDiscovery);
    EXPECT_EQ((*history)[0].to, domain::Stage::kBudgeted);
    EXPECT_EQ((*history)[0].moved_by, 2);
    EXPECT_EQ((*history)[0].moved_on, MakeDate(2027, 3, 25));
    EXPECT_EQ((*history)[0].note, "3月議会で可決");
    // A second move from the stage the caller saw earlier is a conflict and writes nothing.
    m.to = domain::Stage::kLost;
    Status stale = repo.MoveStage(m);
    EXPECT_EQ(stale.code(), ErrorCode::kConflict);
    EXPECT_EQ(repo.Get(1)->stage, domain::Stage::kBudgeted);
    EXPECT_EQ(repo.History(1)->size(), 1u);
    m.deal_id = 99;
    EXPECT_EQ(repo.MoveStage(m).code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(StoreConformance, MoveStageInsideAFailedTransactionLeavesNoTrace) {
    this->SeedDeals(1);
    auto& repo = this->store_->deals();
    Status st = this->store_->InTransaction([&]() -> Status {
        ports::StageMove m;
        m.deal_id = 1;
        m.from = domain::Stage::kDiscovery;
        m.to = domain::Stage::kDeferred;
        m.moved_by = 1;
        m.moved_on = MakeDate(2026, 12, 1);
        KYOSO_RETURN_IF_ERROR(repo.MoveStage(m));
        domain::Deal next = *repo.Get(1);
        next.fiscal_year = 2028;
        next.stage = domain::Stage::kDiscovery;
        auto id = repo.InsertDeal(next);
        if (!id.ok()) return id.status();
        KYOSO_RETURN_IF_ERROR(repo.LinkCarryOver(1, *id));
        return Internal("abort on purpose");
    });
    EXPECT_EQ(st.message(), "abort on purpose");
    EXPECT_EQ(repo.Get(1)->stage, domain::Stage::kDiscovery);
    EXPECT_EQ(repo.Get(1)->carried_to_deal_id, 0);
    EXPECT_TRUE(repo.History(1)->empty());
    EXPECT_EQ(this->store_->sales().Counts()->deals, 1);
}

TYPED_TEST_P(StoreConformance, InsertDealAndLinkCarryOver) {
    this->SeedDeals(1);
    auto& repo = this->store_->deals();
    domain::Deal next = *repo.Get(1);
    next.fiscal_year = 2028;
    next.budget_amount = 1'500'000;
    auto id = repo.InsertDeal(next);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_GT(*id, 1);
    ASSERT_TRUE(repo.LinkCarryOver(1, *id).ok());
    EXPECT_EQ(repo.Get(1)->carried_to_deal_id, *id);
    EXPECT_EQ(repo.Get(*id)->carried_from_deal_id, 1);
    EXPECT_EQ(repo.Get(*id)->budget_amount, 1'500'000);
    EXPECT_EQ(repo.LinkCarryOver(1, 999).code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(StoreConformance, ActivitiesGetIdsAndListPerDeal) {
    this->SeedDeals(2);
    auto& repo = this->store_->deals();
    domain::Activity a;
    a.deal_id = 1;
    a.government_code = "131016";
    a.user_id = 1;
    a.official_id = 1;
    a.type = domain::ActivityType::kReferenceQuote;
    a.occurred_on = MakeDate(2026, 9, 10);
    a.notes = "参考見積を提出";
    auto first = repo.InsertActivity(a);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    a.type = domain::ActivityType::kVisit;
    a.occurred_on = MakeDate(2026, 7, 1);
    auto second = repo.InsertActivity(a);
    ASSERT_TRUE(second.ok());
    EXPECT_NE(*first, *second);
    a.deal_id = 0;  // not linked
    ASSERT_TRUE(repo.InsertActivity(a).ok());
    auto listed = repo.ActivitiesOfDeal(1);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[0].id, *second);  // oldest first
    EXPECT_EQ((*listed)[1].type, domain::ActivityType::kReferenceQuote);
    EXPECT_EQ((*listed)[1].notes, "参考見積を提出");
    EXPECT_EQ((*listed)[1].official_id, 1);
    EXPECT_TRUE(repo.ActivitiesOfDeal(2)->empty());
    a.government_code = "131032";  // unknown government
    EXPECT_FALSE(repo.InsertActivity(a).ok());
}

TYPED_TEST_P(StoreConformance, DealsInTenderAndReferenceChecks) {
    this->SeedDeals(4);
    auto& repo = this->store_->deals();
    EXPECT_TRUE(repo.DealsInTender("131016")->empty());
    for (auto [id, to] :
         {std::pair{1LL, domain::Stage::kBidding}, {2LL, domain::Stage::kTenderPrep}, {3LL, domain::Stage::kWon}}) {
        ports::StageMove m;
        m.deal_id = id;
        m.to = to;
        m.moved_by = 1;
        m.moved_on = MakeDate(2027, 6, 1);
        ASSERT_TRUE(repo.MoveStage(m).ok());
    }
    EXPECT_EQ(*repo.DealsInTender("131016"), std::vector<long long>{1});
    EXPECT_EQ(*repo.DealsInTender("132012"), std::vector<long long>{2});
    EXPECT_TRUE(*repo.UserExists(2));
    EXPECT_FALSE(*repo.UserExists(3));
    EXPECT_EQ(*repo.OfficialGovernment(1), "131016");
    EXPECT_EQ(repo.OfficialGovernment(2).status().code(), ErrorCode::kNotFound);
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

inline domain::AuditEntry MakeAuditEntry(long long seq, const std::string& after) {
    domain::AuditEntry e;
    e.seq = seq;
    e.at = "2026-11-27T04:00:0" + std::to_string(seq % 10) + "Z";
    e.actor = "user:" + std::to_string(seq);
    e.action = "deal.move_stage";
    e.entity = "deal";
    e.entity_id = std::to_string(seq);
    e.before_json = seq == 1 ? "" : R"({"stage":"discovery"})";
    e.after_json = after;
    e.prev_hash = std::string(64, static_cast<char>('0' + seq % 10));
    e.hash = std::string(64, static_cast<char>('a' + seq % 6));
    return e;
}

inline void ExpectSameAuditEntry(const domain::AuditEntry& a, const domain::AuditEntry& b) {
    EXPECT_EQ(a.seq, b.seq);
    EXPECT_EQ(a.at, b.at);
    EXPECT_EQ(a.actor, b.actor);
    EXPECT_EQ(a.action, b.action);
    EXPECT_EQ(a.entity, b.entity);
    EXPECT_EQ(a.entity_id, b.entity_id);
    EXPECT_EQ(a.before_json, b.before_json);
    EXPECT_EQ(a.after_json, b.after_json);
    EXPECT_EQ(a.prev_hash, b.prev_hash);
    EXPECT_EQ(a.hash, b.hash);
}

TYPED_TEST_P(StoreConformance, AuditLogStoresEntriesAsGivenAndReadsThemInOrder) {
    auto& audit = this->store_->audit();
    auto empty = audit.LastEntry();
    ASSERT_TRUE(empty.ok()) << empty.status().ToString();
    EXPECT_FALSE(empty->has_value());
    const std::vector<domain::AuditEntry> entries = {
        MakeAuditEntry(1, R"({"title":"電子申請 \"第2期\"","note":"見送り\n来年度"})"),
        MakeAuditEntry(2, R"({"stage":"qualified"})"), MakeAuditEntry(3, "")};
    for (const auto& e : entries) ASSERT_TRUE(audit.Append(e).ok());

    auto last = audit.LastEntry();
    ASSERT_TRUE(last.ok() && last->has_value());
    ExpectSameAuditEntry(**last, entries[2]);
    auto all = audit.ReadAfter(0, 100);
    ASSERT_TRUE(all.ok()) << all.status().ToString();
    ASSERT_EQ(all->size(), 3u);
    for (size_t i = 0; i < entries.size(); ++i) ExpectSameAuditEntry((*all)[i], entries[i]);
    auto middle = audit.ReadAfter(1, 1);
    ASSERT_TRUE(middle.ok());
    ASSERT_EQ(middle->size(), 1u);
    EXPECT_EQ(middle->front().seq, 2);
    auto newest = audit.Newest(2);
    ASSERT_TRUE(newest.ok());
    ASSERT_EQ(newest->size(), 2u);
    EXPECT_EQ((*newest)[0].seq, 3);
    EXPECT_EQ((*newest)[1].seq, 2);
}

TYPED_TEST_P(StoreConformance, AuditLogRefusesATakenSeq) {
    auto& audit = this->store_->audit();
    ASSERT_TRUE(audit.Append(MakeAuditEntry(1, "{}")).ok());
    EXPECT_FALSE(audit.Append(MakeAuditEntry(1, R"({"forged":true})")).ok());
    auto all = audit.ReadAfter(0, 10);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ(all->front().after_json, "{}");
}

TYPED_TEST_P(StoreConformance, AuditEntriesRollBackWithTheirTransaction) {
    auto& audit = this->store_->audit();
    Status st = this->store_->InTransaction([&]() -> Status {
        Status appended = audit.Append(MakeAuditEntry(1, "{}"));
        if (!appended.ok()) return appended;
        auto seen = audit.LastEntry();  // the transaction sees its own entry
        if (!seen.ok() || !seen->has_value()) return Internal("own entry not visible");
        return Internal("the change failed");
    });
    EXPECT_EQ(st.message(), "the change failed");
    auto last = audit.LastEntry();
    ASSERT_TRUE(last.ok());
    EXPECT_FALSE(last->has_value());
}

inline domain::WebhookSubscription MakeSubscription(const char* url, std::vector<std::string> events) {
    domain::WebhookSubscription s;
    s.url = url;
    s.secret = "0123456789abcdef0123";
    s.events = std::move(events);
    s.description = "受信側";
    s.created_at = "2026-11-27T04:00:00Z";
    return s;
}

TYPED_TEST_P(StoreConformance, WebhookSubscriptionsRoundTripUpdateAndDeleteWithTheirDeliveries) {
    auto& w = this->store_->webhooks();
    auto id = w.InsertSubscription(MakeSubscription("https://example.jp/hook", {"deal.*", "activity.log"}));
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    auto s = w.GetSubscription(*id);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->url, "https://example.jp/hook");
    EXPECT_EQ(s->events, (std::vector<std::string>{"deal.*", "activity.log"}));
    EXPECT_TRUE(s->active);
    EXPECT_EQ(s->description, "受信側");
    s->active = false;
    s->events = {"*"};
    s->after_seq = 7;
    ASSERT_TRUE(w.UpdateSubscription(*s).ok());
    auto again = w.GetSubscription(*id);
    EXPECT_FALSE(again->active);
    EXPECT_EQ(again->events, std::vector<std::string>{"*"});
    EXPECT_EQ(again->after_seq, 7);
    domain::WebhookDelivery d;
    d.subscription_id = *id;
    d.audit_seq = 1;
    d.event = "deal.move_stage";
    d.payload = "{}";
    d.created_at = "2026-11-27T04:00:00Z";
    auto did = w.InsertDelivery(d);
    ASSERT_TRUE(did.ok());
    ASSERT_TRUE(w.InsertAttempt({*did, "2026-11-27T04:00:01Z", 500, "HTTP 500", 12}).ok());
    ASSERT_TRUE(w.DeleteSubscription(*id).ok());
    EXPECT_EQ(w.GetSubscription(*id).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(w.GetDelivery(*did).status().code(), ErrorCode::kNotFound);
    EXPECT_TRUE(w.Attempts(*did)->empty());
    EXPECT_EQ(w.DeleteSubscription(*id).code(), ErrorCode::kNotFound);
    s->id = 999;
    EXPECT_EQ(w.UpdateSubscription(*s).code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(StoreConformance, WebhookDeliveriesAreDueInOrderPagedNewestFirstAndCounted) {
    auto& w = this->store_->webhooks();
    auto active = w.InsertSubscription(MakeSubscription("http://127.0.0.1:9/a", {"*"}));
    auto paused_sub = MakeSubscription("http://127.0.0.1:9/b", {"*"});
    paused_sub.active = false;
    auto paused = w.InsertSubscription(paused_sub);
    ASSERT_TRUE(active.ok() && paused.ok());
    auto add = [&](long long sub, long long seq, domain::DeliveryStatus st, const char* due) {
        domain::WebhookDelivery d;
        d.subscription_id = sub;
        d.audit_seq = seq;
        d.event = "activity.log";
        d.payload = "{\"n\":" + std::to_string(seq) + "}";
        d.status = st;
        d.next_attempt_at = due;
        d.created_at = "2026-11-27T04:00:00Z";
        auto id = w.InsertDelivery(d);
        EXPECT_TRUE(id.ok()) << id.status().ToString();
        return id.ok() ? *id : 0;
    };
    using S = domain::DeliveryStatus;
    const long long late = add(*active, 1, S::kPending, "2026-11-27T05:00:00Z");
    const long long early = add(*active, 2, S::kFailed, "2026-11-27T04:30:00Z");
    add(*active, 3, S::kSucceeded, "");
    add(*active, 4, S::kDead, "");
    add(*paused, 5, S::kPending, "2026-11-27T04:00:00Z");
    EXPECT_FALSE(w.InsertDelivery(w.GetDelivery(early).value()).ok()) << "one delivery per subscription and seq";

    auto due = w.DueDeliveries("2026-11-27T05:00:00Z", 10);
    ASSERT_TRUE(due.ok());
    ASSERT_EQ(due->size(), 2u) << "succeeded, dead and inactive subscriptions' deliveries are not due";
    EXPECT_EQ((*due)[0].id, early);
    EXPECT_EQ((*due)[1].id, late);
    EXPECT_EQ(w.DueDeliveries("2026-11-27T04:59:59Z", 10)->size(), 1u);

    auto d = w.GetDelivery(early).value();
    d.status = S::kSucceeded;
    d.attempts = 2;
    d.last_status_code = 204;
    d.delivered_at = "2026-11-27T05:00:00Z";
    d.next_attempt_at = "";
    ASSERT_TRUE(w.UpdateDelivery(d).ok());
    auto stored = w.GetDelivery(early).value();
    EXPECT_EQ(stored.status, S::kSucceeded);
    EXPECT_EQ(stored.attempts, 2);
    EXPECT_EQ(stored.last_status_code, 204);
    EXPECT_EQ(stored.payload, "{\"n\":2}");

    ports::WebhookDeliveryQuery q;
    q.subscription_id = *active;
    q.limit = 3;
    auto page = w.ListDeliveries(q);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->items.size(), 3u);
    EXPECT_TRUE(page->has_more);
    EXPECT_EQ(page->items[0].audit_seq, 4);
    q.before_id = page->items.back().id;
    auto rest = w.ListDeliveries(q);
    ASSERT_EQ(rest->items.size(), 1u);
    EXPECT_FALSE(rest->has_more);
    EXPECT_EQ(rest->items[0].audit_seq, 1);
    q.before_id.reset();
    q.status = S::kSucceeded;
    EXPECT_EQ(w.ListDeliveries(q)->items.size(), 2u);

    auto counts = w.CountByStatus();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ((*counts)[S::kPending], 2);
    EXPECT_EQ((*counts)[S::kSucceeded], 2);
    EXPECT_EQ((*counts)[S::kDead], 1);
    EXPECT_EQ(counts->count(S::kFailed), 0u);

    ASSERT_TRUE(w.InsertAttempt({late, "2026-11-27T05:00:00Z", std::nullopt, "connection refused", 3}).ok());
    ASSERT_TRUE(w.InsertAttempt({late, "2026-11-27T05:00:31Z", 503, "HTTP 503", 40}).ok());
    auto attempts = w.Attempts(late);
    ASSERT_EQ(attempts->size(), 2u);
    EXPECT_FALSE((*attempts)[0].status_code.has_value());
    EXPECT_EQ((*attempts)[0].error, "connection refused");
    EXPECT_EQ((*attempts)[1].status_code, 503);
    EXPECT_EQ((*attempts)[1].duration_ms, 40);
}

TYPED_TEST_P(StoreConformance, WebhookCursorStartsAtZeroAndRollsBackWithItsTransaction) {
    auto& w = this->store_->webhooks();
    EXPECT_EQ(*w.Cursor(), 0);
    ASSERT_TRUE(w.SetCursor(41).ok());
    EXPECT_EQ(*w.Cursor(), 41);
    Status st = this->store_->InTransaction([&]() -> Status {
        EXPECT_TRUE(w.SetCursor(99).ok());
        return Internal("abort");
    });
    EXPECT_FALSE(st.ok());
    EXPECT_EQ(*w.Cursor(), 41);
}

REGISTER_TYPED_TEST_SUITE_P(StoreConformance, StartsEmptyAndMigrated, UpsertThenGetRoundTripsEveryField,
                            UpsertIsIdempotentAndKeepsStatistics, ListExcludesWardsAndNorthernTerritoriesByDefault,
                            ListFiltersByPrefectureTextAndPopulation, KeysetPagingVisitsEveryRowOnceInEachSortOrder,
                            StatsForAnUnknownCodeChangeNothing, FailedTransactionRollsBackEverything,
                            MilestoneOverridesAreStoredPerGovernment, SalesRowsNeedTheirGovernment,
                            DealGetRoundTripsAndUnknownIdIsNotFound, DealListFiltersAndPagesByKeyset,
                            MoveStageUpdatesTheDealAndAppendsHistory, MoveStageInsideAFailedTransactionLeavesNoTrace,
                            InsertDealAndLinkCarryOver, ActivitiesGetIdsAndListPerDeal, DealsInTenderAndReferenceChecks,
                            ConcurrentReadersAndAWriterDoNotInterfere, AuditLogStoresEntriesAsGivenAndReadsThemInOrder,
                            AuditLogRefusesATakenSeq, AuditEntriesRollBackWithTheirTransaction,
                            WebhookSubscriptionsRoundTripUpdateAndDeleteWithTheirDeliveries,
                            WebhookDeliveriesAreDueInOrderPagedNewestFirstAndCounted,
                            WebhookCursorStartsAtZeroAndRollsBackWithItsTransaction);

}  // namespace kyoso::testing
