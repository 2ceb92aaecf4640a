#pragma once

// Conformance cases for the catalogue repositories (products, leads, custom
// fields) and the deal editing calls, written against ports only. A backend
// instantiates CatalogConformance with the same factory as StoreConformance.

#include "store_conformance.hpp"

namespace kyoso::testing {

template <typename Factory>
class CatalogConformance : public StoreConformance<Factory> {};

TYPED_TEST_SUITE_P(CatalogConformance);

TYPED_TEST_P(CatalogConformance, ProductsRoundTripPageAndReportTheirUsage) {
    this->SeedDeals(2);  // product 1 is on both deals
    auto& repo = this->store_->products();
    domain::Product p{0, "防災アプリ", {"防災", "DX"}, 500'000, 2'000'000, {"避難"}, "P-1"};
    auto id = repo.Insert(p);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    auto got = repo.Get(*id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->policy_domains, (std::vector<std::string>{"防災", "DX"}));
    EXPECT_EQ(got->external_id, "P-1");
    EXPECT_EQ(repo.Insert(p).status().code(), ErrorCode::kAlreadyExists);  // name taken
    p.name = "別名";
    EXPECT_EQ(repo.Insert(p).status().code(), ErrorCode::kAlreadyExists);  // external id taken
    p.external_id = "";
    p.price_min = 100;
    ASSERT_TRUE(repo.Insert(p).ok());

    ports::ProductQuery q;
    q.policy_domain = "防災";
    EXPECT_EQ(repo.List(q)->total, 2);
    q.policy_domain = "防";  // whole domains only
    EXPECT_EQ(repo.List(q)->total, 0);
    ports::ProductQuery by_price;
    by_price.sort.field = "price_min";
    by_price.sort.descending = true;
    by_price.limit = 1;
    std::vector<long long> prices;
    for (int guard = 0; guard < 10; ++guard) {
        auto page = repo.List(by_price);
        ASSERT_TRUE(page.ok()) << page.status().ToString();
        EXPECT_EQ(page->total, 3);
        for (const auto& item : page->items) prices.push_back(item.price_min);
        if (!page->has_more) break;
        by_price.sort.after_value = std::to_string(page->items.back().price_min);
        by_price.sort.after_id = page->items.back().id;
    }
    EXPECT_EQ(prices, (std::vector<long long>{1'000'000, 500'000, 100}));

    EXPECT_EQ(repo.Usage(1)->deals, 2);
    EXPECT_EQ(repo.Usage(*id)->deals, 0);
    got->price_max = 9;
    ASSERT_TRUE(repo.Update(*got).ok());
    EXPECT_EQ(repo.Get(*id)->price_max, 9);
    ASSERT_TRUE(repo.Delete(*id).ok());
    EXPECT_EQ(repo.Delete(*id).code(), ErrorCode::kNotFound);
    EXPECT_EQ(repo.Get(*id).status().code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(CatalogConformance, LeadsRoundTripFilterAndUpdateOnlyFromTheExpectedStatus) {
    this->SeedDeals(1);
    auto& repo = this->store_->leads();
    domain::Lead l;
    l.source = "seminar";
    l.government_code = "131016";
    l.official_id = 1;
    l.status = "new";
    l.created_on = MakeDate(2026, 11, 1);
    l.product_id = 1;
    l.owner_id = 2;
    l.title = "防災セミナー";
    l.notes = "資料請求";
    l.external_id = "L-1";
    auto id = repo.Insert(l);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    l.external_id = "";
    l.created_on = MakeDate(2026, 11, 5);
    l.source = "inquiry";
    ASSERT_TRUE(repo.Insert(l).ok());
    auto got = repo.Get(*id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->title, "防災セミナー");
    EXPECT_EQ(got->owner_id, 2);
    EXPECT_EQ(got->external_id, "L-1");
    EXPECT_EQ(got->created_on, MakeDate(2026, 11, 1));

    ports::LeadQuery q;
    q.source = "inquiry";
    EXPECT_EQ(repo.List(q)->total, 1);
    ports::LeadQuery newest;
    newest.sort.field = "created_on";
    newest.sort.descending = true;
    auto page = repo.List(newest);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->items.size(), 2u);
    EXPECT_EQ(page->items[0].source, "inquiry");

    got->status = "qualified";
    EXPECT_EQ(repo.Update(*got, "working").code(), ErrorCode::kConflict);  // someone moved it
    EXPECT_EQ(repo.Get(*id)->status, "new");
    ASSERT_TRUE(repo.Update(*got, "new").ok());
    EXPECT_EQ(repo.Get(*id)->status, "qualified");
    got->id = 999;
    EXPECT_EQ(repo.Update(*got, "new").code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(CatalogConformance, CustomFieldValuesBelongToTheirEntityAndGoWithTheirDefinition) {
    this->Seed();
    auto& repo = this->store_->custom_fields();
    domain::CustomFieldDefinition def;
    def.entity = domain::CustomFieldEntity::kDeal;
    def.key = "rank";
    def.label = "ランク";
    def.type = domain::CustomFieldType::kChoice;
    def.choices = {"A", "B"};
    auto deal_field = repo.Insert(def);
    ASSERT_TRUE(deal_field.ok()) << deal_field.status().ToString();
    EXPECT_EQ(repo.Insert(def).status().code(), ErrorCode::kAlreadyExists);
    def.entity = domain::CustomFieldEntity::kLead;  // same key on another entity is fine
    auto lead_field = repo.Insert(def);
    ASSERT_TRUE(lead_field.ok());
    EXPECT_EQ(repo.Definitions(domain::CustomFieldEntity::kLead)->size(), 1u);
    EXPECT_EQ(repo.Definitions(std::nullopt)->size(), 2u);
    EXPECT_EQ(repo.Get(*deal_field)->choices, (std::vector<std::string>{"A", "B"}));

    ASSERT_TRUE(repo.SetValue(*deal_field, "7", "A").ok());
    ASSERT_TRUE(repo.SetValue(*deal_field, "7", "B").ok());  // replaces
    ASSERT_TRUE(repo.SetValue(*lead_field, "7", "A").ok());  // lead 7, not deal 7
    auto deal_values = repo.ValuesOf(domain::CustomFieldEntity::kDeal, "7");
    ASSERT_TRUE(deal_values.ok());
    ASSERT_EQ(deal_values->size(), 1u);
    EXPECT_EQ((*deal_values)[0].value, "B");
    EXPECT_EQ(repo.CountValues(*deal_field).value(), 1);
    EXPECT_EQ(repo.DistinctValues(*deal_field).value(), std::vector<std::string>{"B"});
    ASSERT_TRUE(repo.SetValue(*deal_field, "7", std::nullopt).ok());
    EXPECT_TRUE(repo.ValuesOf(domain::CustomFieldEntity::kDeal, "7")->empty());

    ASSERT_TRUE(repo.Delete(*lead_field).ok());
    EXPECT_TRUE(repo.ValuesOf(domain::CustomFieldEntity::kLead, "7")->empty());
    EXPECT_EQ(repo.Delete(*lead_field).code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(CatalogConformance, DealEditsReplaceLineItemsTeamAndRecordParticipants) {
    this->SeedDeals(3);
    auto& repo = this->store_->deals();
    auto deal = repo.Get(1);
    ASSERT_TRUE(deal.ok());
    deal->title = "改題";
    deal->amount = 42;
    deal->external_id = "D-1";
    deal->champion_id = 1;
    ASSERT_TRUE(repo.UpdateDeal(*deal).ok());
    auto again = repo.Get(1);
    EXPECT_EQ(again->title, "改題");
    EXPECT_EQ(again->external_id, "D-1");
    EXPECT_EQ(again->champion_id, 1);
    EXPECT_EQ(again->stage, domain::Stage::kDiscovery);

    ASSERT_TRUE(repo.ReplaceLineItems(1, {{0, 0, 1, "ライセンス", 2, 10}, {0, 0, 0, "導入支援", 1, 5}}).ok());
    ASSERT_TRUE(repo.ReplaceLineItems(1, {{0, 0, 0, "年額", 3, 7}}).ok());
    auto items = repo.LineItems(1);
    ASSERT_TRUE(items.ok());
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ((*items)[0].description, "年額");
    EXPECT_EQ((*items)[0].product_id, 0);

    ASSERT_TRUE(repo.ReplaceTeam(1, {{2, domain::SalesRole::kInsideSales}, {1, domain::SalesRole::kFieldSales}}).ok());
    auto team = repo.Team(1);
    ASSERT_TRUE(team.ok());
    ASSERT_EQ(team->size(), 2u);
    EXPECT_EQ((*team)[0].role, domain::SalesRole::kFieldSales);

    domain::Activity a;
    a.deal_id = 1;
    a.government_code = "131016";
    a.user_id = 1;
    a.type = domain::ActivityType::kVisit;
    a.occurred_on = MakeDate(2026, 11, 20);
    a.occurred_at = "14:30";
    auto activity = repo.InsertActivity(a);
    ASSERT_TRUE(activity.ok());
    ASSERT_TRUE(repo.InsertParticipants(*activity, {{2}, {1}}).ok());
    auto participants = repo.ParticipantsOfDeal(1);
    ASSERT_TRUE(participants.ok());
    ASSERT_EQ(participants->size(), 1u);
    EXPECT_EQ((*participants)[0].first, *activity);
    EXPECT_EQ((*participants)[0].second.user_ids, std::vector<long long>{2});
    EXPECT_EQ((*participants)[0].second.official_ids, std::vector<long long>{1});
    EXPECT_EQ(repo.ActivitiesOfDeal(1)->at(0).occurred_at, "14:30");
    EXPECT_EQ(repo.DepartmentGovernment(99).status().code(), ErrorCode::kNotFound);

    ports::DealQuery by_amount;
    by_amount.sort.field = "amount";
    by_amount.sort.descending = true;
    auto page = repo.List(by_amount);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    ASSERT_EQ(page->items.size(), 3u);
    EXPECT_EQ(page->items.back().deal.id, 1);  // amount 42 now
}

REGISTER_TYPED_TEST_SUITE_P(CatalogConformance, ProductsRoundTripPageAndReportTheirUsage,
                            LeadsRoundTripFilterAndUpdateOnlyFromTheExpectedStatus,
                            CustomFieldValuesBelongToTheirEntityAndGoWithTheirDefinition,
                            DealEditsReplaceLineItemsTeamAndRecordParticipants);

}  // namespace kyoso::testing
