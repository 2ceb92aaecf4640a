#pragma once

// Conformance cases for the signals repository (docs/intel.md), written against ports
// only. A backend instantiates SignalConformance with the same factory as StoreConformance.

#include "store_conformance.hpp"

namespace kyoso::testing {

template <typename Factory>
class SignalConformance : public StoreConformance<Factory> {
protected:
    static domain::Signal MakeSignal(const std::string& ref, const std::string& day, const std::string& cue,
                                     long long product_id) {
        domain::Signal s;
        s.government_code = "131016";
        s.source_kind = "minutes";
        s.session = "令和7年第3回定例会";
        s.spoken_on = day;
        s.speaker = "青木紀夫";
        s.role = "総務部長";
        s.passage = "システム導入に向けて検討しているところでございます。" + ref;
        s.cue = cue;
        s.cue_phrase = "導入に向けて";
        if (product_id) s.products = {{product_id, 4.5, {"チャットボット", "\"AI\""}}};
        s.score = 0.78;
        s.source_url = "https://ssp.kaigiroku.net/tenant/kiryu/MinuteView.html?council_id=385";
        s.source_ref = ref;
        return s;
    }
};

TYPED_TEST_SUITE_P(SignalConformance);

TYPED_TEST_P(SignalConformance, InsertOnceFilterPageLinkAndDismiss) {
    this->SeedDeals(1);  // governments, product 1, users 1-2
    auto& repo = this->store_->signals();
    auto first = repo.InsertIfNew(this->MakeSignal("minutes:385:4:10:0", "2025-09-25", "commit", 1));
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_GT(*first, 0);
    auto again = repo.InsertIfNew(this->MakeSignal("minutes:385:4:10:0", "2025-09-25", "commit", 1));
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(*again, 0);  // same government and source_ref: skipped
    ASSERT_TRUE(repo.InsertIfNew(this->MakeSignal("minutes:385:4:12:0", "2025-09-26", "study", 0)).ok());
    ASSERT_TRUE(repo.InsertIfNew(this->MakeSignal("minutes:385:2:3:1", "2025-09-01", "commit", 0)).ok());

    auto got = repo.Get(*first);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->speaker, "青木紀夫");
    EXPECT_EQ(got->spoken_on, "2025-09-25");
    ASSERT_EQ(got->products.size(), 1u);
    EXPECT_EQ(got->products[0].terms, (std::vector<std::string>{"チャットボット", "\"AI\""}));
    EXPECT_DOUBLE_EQ(got->score, 0.78);
    EXPECT_EQ(got->lead_id, 0);
    EXPECT_EQ(repo.Get(999).status().code(), ErrorCode::kNotFound);

    ports::SignalQuery q;
    EXPECT_EQ(repo.List(q)->total, 3);
    q.cue = "commit";
    EXPECT_EQ(repo.List(q)->total, 2);
    q.cue.reset();
    q.product_id = 1;
    EXPECT_EQ(repo.List(q)->total, 1);
    q.product_id.reset();
    q.from = "2025-09-02";
    q.to = "2025-09-25";
    EXPECT_EQ(repo.List(q)->total, 1);
    q.from.reset();
    q.to.reset();
    q.ids = std::vector<long long>{*first};
    EXPECT_EQ(repo.List(q)->total, 1);
    q.ids = std::vector<long long>{};
    EXPECT_EQ(repo.List(q)->total, 0);
    q.ids.reset();

    // Newest first, one per page.
    ports::SignalQuery by_day;
    by_day.sort.field = "spoken_on";
    by_day.sort.descending = true;
    by_day.limit = 1;
    std::vector<std::string> days;
    for (int guard = 0; guard < 10; ++guard) {
        auto page = repo.List(by_day);
        ASSERT_TRUE(page.ok()) << page.status().ToString();
        for (const auto& s : page->items) days.push_back(s.spoken_on);
        if (!page->has_more) break;
        by_day.sort.after_value = page->items.back().spoken_on;
        by_day.sort.after_id = page->items.back().id;
    }
    EXPECT_EQ(days, (std::vector<std::string>{"2025-09-26", "2025-09-25", "2025-09-01"}));

    domain::Lead lead;
    lead.source = "signal";
    lead.government_code = "131016";
    lead.status = "new";
    lead.created_on = MakeDate(2026, 11, 27);
    lead.title = "議会: チャットボット";
    auto lead_id = this->store_->leads().Insert(lead);
    ASSERT_TRUE(lead_id.ok()) << lead_id.status().ToString();
    ASSERT_TRUE(repo.SetLead(*first, *lead_id).ok());
    EXPECT_EQ(repo.Get(*first)->lead_id, *lead_id);
    EXPECT_EQ(repo.SetLead(999, *lead_id).code(), ErrorCode::kNotFound);

    ASSERT_TRUE(repo.SetDismissed(*first, true).ok());
    EXPECT_EQ(repo.List(q)->total, 2);
    q.include_dismissed = true;
    EXPECT_EQ(repo.List(q)->total, 3);
    EXPECT_TRUE(repo.Get(*first)->dismissed);
}

TYPED_TEST_P(SignalConformance, SignalsAreQueuedForTheSearchIndex) {
    this->SeedDeals(1);
    auto id = this->store_->signals().InsertIfNew(this->MakeSignal("question:x:1:0", "", "need", 0));
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    auto pending = this->store_->search().PendingSources(1000);
    ASSERT_TRUE(pending.ok()) << pending.status().ToString();
    bool found = false;
    for (const auto& s : *pending) {
        if (s.kind == "signal" && s.ref == std::to_string(*id)) {
            found = true;
            EXPECT_TRUE(s.exists);
            EXPECT_EQ(s.government_code, "131016");
            ASSERT_FALSE(s.texts.empty());
            EXPECT_NE(s.texts[0].find("導入に向けて"), std::string::npos);
        }
    }
    EXPECT_TRUE(found);
}

REGISTER_TYPED_TEST_SUITE_P(SignalConformance, InsertOnceFilterPageLinkAndDismiss, SignalsAreQueuedForTheSearchIndex);

}  // namespace kyoso::testing
