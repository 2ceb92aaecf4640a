#pragma once

// Storage conformance for the department tree and officials (docs/crm-people.md):
// every Store backend instantiates it next to StoreConformance.

#include "store_conformance.hpp"

namespace kyoso::testing {

template <typename Factory>
class PeopleStoreConformance : public StoreConformance<Factory> {};

TYPED_TEST_SUITE_P(PeopleStoreConformance);

TYPED_TEST_P(PeopleStoreConformance, DepartmentsRoundTripWithUniqueNamesPerParent) {
    this->Seed();
    auto& deps = this->store_->departments();
    domain::Department bureau{0, "131016", 0, "政策経営部", domain::DepartmentLevel::kBureau, {"DX", "防災"}, "03-1"};
    auto b = deps.Insert(bureau);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    domain::Department division{0, "131016", *b, "情報政策課", domain::DepartmentLevel::kDivision, {}, ""};
    auto d = deps.Insert(division);
    ASSERT_TRUE(d.ok());
    auto got = deps.Get(*b);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->name, "政策経営部");
    EXPECT_EQ(got->policy_domains, (std::vector<std::string>{"DX", "防災"}));
    EXPECT_EQ(got->phone, "03-1");
    EXPECT_EQ(got->parent_id, 0);
    EXPECT_EQ(deps.Get(*d)->parent_id, *b);
    // Same name under the same parent is refused; under another parent or government it is fine.
    EXPECT_EQ(deps.Insert(division).status().code(), ErrorCode::kAlreadyExists);
    domain::Department top = division;
    top.parent_id = 0;
    EXPECT_TRUE(deps.Insert(top).ok());
    top.government_code = "132012";
    EXPECT_TRUE(deps.Insert(top).ok());
    EXPECT_EQ(deps.FindByName("131016", "情報政策課")->size(), 2u);
    auto child = deps.FindChild("131016", *b, "情報政策課");
    ASSERT_TRUE(child.ok());
    ASSERT_TRUE(child->has_value());
    EXPECT_EQ((*child)->id, *d);
    EXPECT_FALSE(deps.FindChild("131016", *d, "情報政策課")->has_value());
    EXPECT_EQ(deps.ListByGovernment("131016")->size(), 3u);

    auto usage = deps.Usage(*b);
    ASSERT_TRUE(usage.ok());
    EXPECT_EQ(usage->children, 1);
    domain::Department renamed = *deps.Get(*d);
    renamed.name = "DX推進課";
    EXPECT_TRUE(deps.Update(renamed).ok());
    EXPECT_EQ(deps.Get(*d)->name, "DX推進課");
    renamed.id = 999999;
    EXPECT_EQ(deps.Update(renamed).code(), ErrorCode::kNotFound);
    EXPECT_TRUE(deps.Delete(*d).ok());
    EXPECT_EQ(deps.Get(*d).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(deps.Delete(*d).code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(PeopleStoreConformance, OfficialsPostingsSuccessionsAndChampionedDeals) {
    this->Seed();
    auto& store = *this->store_;
    auto dept = store.departments().Insert({0, "131016", 0, "情報政策課", domain::DepartmentLevel::kDivision, {}, ""});
    ASSERT_TRUE(dept.ok());
    domain::Official a;
    a.government_code = "131016";
    a.department_id = *dept;
    a.department = "情報政策課";
    a.name = "山田 太郎";
    a.kana = "やまだ たろう";
    a.title = "課長";
    a.decision_role = "approver";
    a.email = "yamada@example.jp";
    a.do_not_contact = true;
    a.name_key = "山田太郎|やまだたろう";
    a.posted_from = MakeDate(2024, 4, 1);
    auto ida = store.officials().Insert(a);
    ASSERT_TRUE(ida.ok()) << ida.status().ToString();
    auto got = store.officials().Get(*ida);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->department_id, *dept);
    EXPECT_EQ(got->email, "yamada@example.jp");
    EXPECT_TRUE(got->do_not_contact);
    EXPECT_TRUE(got->active);
    EXPECT_EQ(got->posted_from, MakeDate(2024, 4, 1));
    EXPECT_EQ(store.officials().FindByNameKey("131016", "山田太郎|やまだたろう", false)->size(), 1u);
    EXPECT_EQ(store.officials().FindByNameKey("131016", "山田太郎|", true)->size(), 1u);
    EXPECT_TRUE(store.officials().FindByNameKey("132012", "山田太郎|", true)->empty());
    EXPECT_EQ(store.officials().Get(999999).status().code(), ErrorCode::kNotFound);

    // A row written by the foundation's bulk insert has no name key until set.
    domain::Official legacy{0, "131016", "総務部", "鈴木 一郎", "すずき いちろう", "係長", "owner", {}};
    legacy.id = 500;
    ASSERT_TRUE(store.sales().InsertOfficials({legacy}).ok());
    auto missing = store.officials().WithoutNameKey(10);
    ASSERT_TRUE(missing.ok());
    ASSERT_EQ(missing->size(), 1u);
    EXPECT_EQ((*missing)[0].id, 500);
    ASSERT_TRUE(store.officials().SetNameKey(500, "鈴木一郎|すずきいちろう").ok());
    EXPECT_TRUE(store.officials().WithoutNameKey(10)->empty());

    // Postings: newest first; open ones found by department and title.
    domain::Posting first{0, *ida, "131016", *dept, "情報政策課", "係長", MakeDate(2020, 4, 1), MakeDate(2024, 3, 31)};
    domain::Posting second{0, *ida, "131016", *dept, "情報政策課", "課長", MakeDate(2024, 4, 1), std::nullopt};
    ASSERT_TRUE(store.officials().InsertPosting(first).ok());
    auto open_id = store.officials().InsertPosting(second);
    ASSERT_TRUE(open_id.ok());
    auto postings = store.officials().Postings(*ida);
    ASSERT_TRUE(postings.ok());
    ASSERT_EQ(postings->size(), 2u);
    EXPECT_EQ((*postings)[0].title, "課長");
    EXPECT_EQ((*postings)[1].to, MakeDate(2024, 3, 31));
    EXPECT_EQ(store.officials().OpenPostingsAt("131016", *dept, "", "課長")->size(), 1u);
    EXPECT_TRUE(store.officials().OpenPostingsAt("131016", *dept, "", "係長")->empty());
    ASSERT_TRUE(store.officials().ClosePosting(*open_id, MakeDate(2027, 3, 31)).ok());
    EXPECT_TRUE(store.officials().OpenPostingsAt("131016", *dept, "", "課長")->empty());
    EXPECT_EQ(store.officials().ClosePosting(999999, MakeDate(2027, 3, 31)).code(), ErrorCode::kNotFound);

    // Successions both ways; the same link twice is refused.
    domain::Succession link{*ida, 500, *dept, MakeDate(2027, 4, 1)};
    ASSERT_TRUE(store.officials().InsertSuccession(link).ok());
    EXPECT_EQ(store.officials().InsertSuccession(link).code(), ErrorCode::kAlreadyExists);
    ASSERT_EQ(store.officials().Successors(*ida)->size(), 1u);
    EXPECT_EQ(store.officials().Predecessors(500)->front().predecessor_id, *ida);
    EXPECT_TRUE(store.officials().Predecessors(*ida)->empty());

    // List: filters, total and keyset paging by name key.
    ports::OfficialQuery q;
    q.government_code = "131016";
    q.sort = ports::OfficialSort::kNameDesc;
    q.limit = 1;
    auto page = store.officials().List(q);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 2);
    ASSERT_TRUE(page->has_more);
    q.after_key = page->items[0].name_key;
    q.after_id = page->items[0].id;
    auto next = store.officials().List(q);
    ASSERT_TRUE(next.ok());
    ASSERT_EQ(next->items.size(), 1u);
    EXPECT_NE(next->items[0].id, page->items[0].id);
    EXPECT_FALSE(next->has_more);
    ports::OfficialQuery dnc;
    dnc.do_not_contact = true;
    EXPECT_EQ(store.officials().List(dnc)->total, 1);
    ports::OfficialQuery text;
    text.folded_text = "すずき";
    EXPECT_EQ(store.officials().List(text)->items.at(0).id, 500);

    // Open deals championed by the official; flagging sets needs_follow_up.
    ASSERT_TRUE(store.sales().InsertProducts({{1, "電子申請サービス", {"DX"}, 1, 2, {}}}).ok());
    ASSERT_TRUE(store.sales().InsertUsers({{1, "佐藤 花子", domain::SalesRole::kFieldSales, "東日本"}}).ok());
    domain::Deal d;
    d.id = 1;
    d.government_code = "131016";
    d.product_id = 1;
    d.owner_id = 1;
    d.champion_id = *ida;
    d.title = "t";
    d.fiscal_year = 2027;
    d.created_on = MakeDate(2026, 6, 1);
    domain::Deal lost = d;
    lost.id = 2;
    lost.stage = domain::Stage::kLost;
    ASSERT_TRUE(store.sales().InsertDeals({d, lost}).ok());
    auto championed = store.officials().OpenDealsChampionedBy(*ida);
    ASSERT_TRUE(championed.ok());
    ASSERT_EQ(championed->size(), 1u);
    EXPECT_EQ((*championed)[0].deal_id, 1);
    ASSERT_TRUE(store.officials().FlagDealForFollowUp(1).ok());
    EXPECT_TRUE(store.deals().Get(1)->needs_follow_up);
    EXPECT_EQ(store.officials().FlagDealForFollowUp(99).code(), ErrorCode::kNotFound);
}

REGISTER_TYPED_TEST_SUITE_P(PeopleStoreConformance, DepartmentsRoundTripWithUniqueNamesPerParent,
                            OfficialsPostingsSuccessionsAndChampionedDeals);

}  // namespace kyoso::testing
