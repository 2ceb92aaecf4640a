#pragma once

// Conformance of the compliance ports (contact log, search index) for every Store
// backend, reusing StoreConformance's fixture and seed rows. A backend
// instantiates it like StoreConformance (tests/storage/sqlite_compliance_conformance_test.cpp).

#include "store_conformance.hpp"

namespace kyoso::testing {

template <typename Factory>
class ComplianceConformance : public StoreConformance<Factory> {
protected:
    domain::ContactEntry Entry(const char* date, long long corrects = 0) {
        domain::ContactEntry e;
        e.government_code = "131016";
        e.official_id = 1;
        e.official_name = "山田 太郎";
        e.department = "政策経営部 情報政策課";
        e.user_id = 1;
        e.occurred_on = *ParseIsoDate(date);
        e.channel = "gift";
        e.summary = "お歳暮を辞退された";
        e.deal_id = 1;
        e.value_given = {"菓子折り", 3000};
        e.corrects_id = corrects;
        e.recorded_at = "2026-11-27T00:00:00Z";
        return e;
    }
    // Drains the search queue as the application does, with `grams` for every document.
    void Index(const std::string& grams) {
        auto pending = this->store_->search().PendingSources(100000);
        ASSERT_TRUE(pending.ok()) << pending.status().ToString();
        std::vector<ports::IndexedDocument> docs;
        for (auto& s : *pending) docs.push_back({std::move(s), grams});
        ASSERT_TRUE(this->store_->search().Apply(docs).ok());
    }
};

TYPED_TEST_SUITE_P(ComplianceConformance);

TYPED_TEST_P(ComplianceConformance, ContactLogRoundTripsFiltersAndPages) {
    this->SeedDeals(2);
    auto& log = this->store_->contact_log();
    auto first = log.Append(this->Entry("2026-11-01"));
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    ASSERT_TRUE(log.Append(this->Entry("2026-10-01", *first)).ok());
    auto got = log.Get(*first);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->entry.official_name, "山田 太郎");
    EXPECT_EQ(got->entry.value_given.estimated_yen, 3000);
    EXPECT_FALSE(got->entry.value_received.estimated_yen.has_value());
    EXPECT_EQ(got->user_name, "佐藤 花子");
    EXPECT_EQ(got->deal_title, "案件 1");
    EXPECT_EQ(log.Get(999).status().code(), ErrorCode::kNotFound);
    ports::ContactQuery q;
    q.limit = 1;
    auto page = log.List(q);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->items.size(), 1u);
    EXPECT_TRUE(page->has_more);
    EXPECT_EQ(page->items[0].entry.corrects_id, *first) << "oldest first";
    q.after = std::pair{page->items[0].entry.occurred_on, page->items[0].entry.id};
    auto next = log.List(q);
    ASSERT_EQ(next->items.size(), 1u);
    EXPECT_FALSE(next->has_more);
    ports::ContactQuery none;
    none.government_code = "132012";
    EXPECT_TRUE(log.List(none)->items.empty());
    EXPECT_EQ(log.Official(1)->department, "政策経営部 情報政策課");
    EXPECT_EQ(log.Official(42).status().code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(ComplianceConformance, ContactLogAppendRollsBackWithItsTransaction) {
    this->SeedDeals(1);
    Status st = this->store_->InTransaction([&]() -> Status {
        auto id = this->store_->contact_log().Append(this->Entry("2026-11-01"));
        if (!id.ok()) return id.status();
        return Internal("the change failed");
    });
    EXPECT_FALSE(st.ok());
    EXPECT_TRUE(this->store_->contact_log().List({})->items.empty());
}

TYPED_TEST_P(ComplianceConformance, SearchQueueFollowsWritesAndQueriesByKind) {
    this->SeedDeals(2);
    this->Index("あい");
    auto pending = this->store_->search().PendingCount();
    ASSERT_TRUE(pending.ok());
    EXPECT_EQ(*pending, 0);
    // Re-loading the master (an upsert) re-queues the governments and must not fail.
    this->Seed();
    EXPECT_GT(*this->store_->search().PendingCount(), 0);
    this->Index("かき");
    ports::SearchIndexQuery q;
    q.phrases = {{{"かき"}}};
    q.kinds = {"government"};
    auto hits = this->store_->search().Query(q);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    EXPECT_EQ(hits->size(), 7u) << "the 7 re-indexed governments";
    for (const auto& h : *hits) EXPECT_EQ(h.kind, "government");
    q.kinds = {"deal"};
    q.phrases = {{{"あい"}}};
    EXPECT_EQ(this->store_->search().Query(q)->size(), 2u);
    q.phrases = {{{"かき"}}};
    EXPECT_TRUE(this->store_->search().Query(q)->empty());
}

REGISTER_TYPED_TEST_SUITE_P(ComplianceConformance, ContactLogRoundTripsFiltersAndPages,
                            ContactLogAppendRollsBackWithItsTransaction, SearchQueueFollowsWritesAndQueriesByKind);

}  // namespace kyoso::testing
