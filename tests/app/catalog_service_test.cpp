#include <gtest/gtest.h>

#include "kyoso/app/catalog/catalog_services.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "sales_seed.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

std::vector<std::string> Fields(const Status& st) {
    std::vector<std::string> out;
    for (const auto& d : st.details()) out.push_back(d.field);
    return out;
}

// The real government master, product 1, users 1-2, official 1 of 千代田区 and
// deal 1 of 千代田区 (product 1). Today is 2026-11-27 (FY2026).
class CatalogServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        GovernmentService governments(*store_, normalizer_, clock_, digest_, calendar_);
        ASSERT_TRUE(governments.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        testing::SeedProductAndTeam(store_->sales());
        ASSERT_TRUE(store_->sales().InsertOfficials({testing::ChiyodaOfficial()}).ok());
        ASSERT_TRUE(store_->sales().InsertDeals({testing::TestDeal(1, "131016", 1, 1)}).ok());
        products_ = std::make_unique<ProductService>(*store_, clock_, digest_);
        leads_ = std::make_unique<LeadService>(*store_, clock_, digest_);
        fields_ = std::make_unique<CustomFieldService>(*store_, clock_, digest_);
        deals_ = std::make_unique<DealService>(*store_, clock_, digest_, calendar_);
    }
    std::optional<domain::AuditEntry> LastAudit() { return store_->audit().LastEntry().value(); }
    long long AuditSeq() {
        auto last = LastAudit();
        return last ? last->seq : 0;
    }

    testing::TempDb db_{"catalog-service"};
    testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    text::IcuTextNormalizer normalizer_;
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    std::unique_ptr<sqlite::SqliteStore> store_;
    std::unique_ptr<ProductService> products_;
    std::unique_ptr<LeadService> leads_;
    std::unique_ptr<CustomFieldService> fields_;
    std::unique_ptr<DealService> deals_;
};

TEST_F(CatalogServiceTest, ProductWritesAreAuditedWithBeforeAndAfter) {
    ProductRequest r;
    r.name = "防災アプリ";
    r.price_min = 100;
    auto created = products_->Create(r);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    EXPECT_EQ(created->price_max, 100);  // defaults to the minimum
    EXPECT_EQ(LastAudit()->action, "product.create");
    ProductRequest change;
    change.price_max = 500;
    ASSERT_TRUE(products_->Update(created->id, change).ok());
    auto entry = LastAudit();
    EXPECT_EQ(entry->action, "product.update");
    EXPECT_NE(entry->before_json.find("\"price_max\":100"), std::string::npos);
    EXPECT_NE(entry->after_json.find("\"price_max\":500"), std::string::npos);
    ASSERT_TRUE(products_->Delete(created->id).ok());
    EXPECT_EQ(LastAudit()->action, "product.delete");

    const long long seq = AuditSeq();
    Status refused = products_->Delete(1);  // on deal 1
    EXPECT_EQ(refused.code(), ErrorCode::kConflict);
    EXPECT_TRUE(store_->products().Get(1).ok());
    EXPECT_EQ(AuditSeq(), seq);
}

TEST_F(CatalogServiceTest, ProductListParametersAreValidated) {
    EXPECT_EQ(Fields(products_->List({{"sort", "colour"}}).status()), std::vector<std::string>{"sort"});
    EXPECT_EQ(Fields(products_->List({{"order", "up"}}).status()), std::vector<std::string>{"order"});
    EXPECT_EQ(Fields(products_->List({{"limit", "0"}}).status()), std::vector<std::string>{"limit"});
    EXPECT_EQ(Fields(products_->List({{"nope", "1"}}).status()), std::vector<std::string>{"nope"});
    auto selected = products_->List({{"fields", "name, keywords"}});
    ASSERT_TRUE(selected.ok());
    EXPECT_EQ(selected->fields, (std::vector<std::string>{"id", "name", "keywords"}));
}

TEST_F(CatalogServiceTest, ConversionCreatesTheDealAndMarksTheLeadInOneTransaction) {
    LeadRequest r;
    r.source = "notice";
    r.government_code = "13101";
    r.official_id = 1;
    r.product_id = 1;
    r.title = "RFI 回答";
    auto lead = leads_->Create(r);
    ASSERT_TRUE(lead.ok()) << lead.status().ToString();
    EXPECT_EQ(lead->lead.government_code, "131016");
    EXPECT_EQ(LastAudit()->actor, "system");  // no owner, no actor

    LeadConversionRequest c;
    c.actor_id = 2;
    c.amount = 1'200'000;
    auto converted = leads_->Convert(lead->lead.id, c);
    ASSERT_TRUE(converted.ok()) << converted.status().ToString();
    EXPECT_EQ(converted->deal.fiscal_year, 2027);
    EXPECT_EQ(converted->deal.owner_id, 2);  // the lead had no owner: the actor
    EXPECT_EQ(converted->deal.champion_id, 1);
    EXPECT_EQ(converted->deal.amount, 1'200'000);
    EXPECT_EQ(store_->leads().Get(lead->lead.id)->converted_deal_id, converted->deal.id);
    auto entries = store_->audit().Newest(2).value();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].action, "lead.convert");
    EXPECT_EQ(entries[1].action, "deal.create");
    EXPECT_EQ(entries[0].actor, "user:2");

    const long long deals = store_->sales().Counts()->deals;
    const long long seq = AuditSeq();
    EXPECT_EQ(leads_->Convert(lead->lead.id, c).status().code(), ErrorCode::kConflict);
    EXPECT_EQ(store_->sales().Counts()->deals, deals);
    EXPECT_EQ(AuditSeq(), seq);
}

TEST_F(CatalogServiceTest, ConversionNeedsAProductAndAnExistingActor) {
    LeadRequest r;
    r.source = "referral";
    r.government_code = "131016";
    r.title = "紹介";
    auto lead = leads_->Create(r);
    ASSERT_TRUE(lead.ok());
    LeadConversionRequest c;
    c.actor_id = 99;
    c.fiscal_year = 2028;
    EXPECT_EQ(Fields(leads_->Convert(lead->lead.id, c).status()), (std::vector<std::string>{"actor_id", "product_id"}));
    c.actor_id = 1;
    c.product_id = 1;
    c.procurement_method = "sole_source";
    auto converted = leads_->Convert(lead->lead.id, c);
    ASSERT_TRUE(converted.ok()) << converted.status().ToString();
    EXPECT_EQ(converted->deal.fiscal_year, 2028);
    EXPECT_EQ(converted->deal.procurement, domain::ProcurementMethod::kSoleSource);
}

TEST_F(CatalogServiceTest, DealUpdateIsAuditedWithItemsTeamAndCustomFields) {
    CustomFieldCreateRequest f;
    f.entity = "deal";
    f.key = "budget_code";
    f.label = "予算科目";
    f.type = "text";
    ASSERT_TRUE(fields_->Create(f).ok());
    DealRequest r;
    r.line_items = std::vector<DealLineItemRequest>{{1, "ライセンス", 2, 1'500'000}};
    r.team = std::vector<DealTeamRequest>{{2, "bdr"}};
    r.custom_fields["budget_code"] = {domain::CustomFieldInput::Kind::kString, "総務費", 0};
    r.actor_id = 2;
    auto updated = deals_->Update(1, r);
    ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    EXPECT_EQ(updated->deal.amount, 3'000'000);
    ASSERT_EQ(updated->custom_fields.size(), 1u);
    EXPECT_EQ(updated->custom_fields[0].value, "総務費");
    auto entry = LastAudit();
    EXPECT_EQ(entry->action, "deal.update");
    EXPECT_EQ(entry->actor, "user:2");
    EXPECT_NE(entry->before_json.find("\"line_items\":[]"), std::string::npos);
    EXPECT_NE(entry->after_json.find("\"unit_price\":1500000"), std::string::npos);
    EXPECT_NE(entry->after_json.find("\"budget_code\":\"総務費\""), std::string::npos);

    // Dropping the items leaves the amount to set by hand.
    DealRequest clear;
    clear.line_items = std::vector<DealLineItemRequest>{};
    clear.amount = 10;
    auto cleared = deals_->Update(1, clear);
    ASSERT_TRUE(cleared.ok()) << cleared.status().ToString();
    EXPECT_EQ(cleared->deal.amount, 10);
    EXPECT_TRUE(cleared->line_items.empty());
}

TEST_F(CatalogServiceTest, NewDealDefaultsToTheNextFiscalYearAtDiscovery) {
    DealRequest r;
    r.government_code = "131016";
    r.title = "新規";
    r.product_id = 1;
    r.owner_id = 1;
    r.amount = 5;
    auto created = deals_->Create(r);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    EXPECT_EQ(created->deal.fiscal_year, 2027);
    EXPECT_EQ(created->deal.stage, domain::Stage::kDiscovery);
    EXPECT_EQ(created->deal.created_on, MakeDate(2026, 11, 27));
    EXPECT_EQ(LastAudit()->action, "deal.create");
    r.government_code = "016951";  // 色丹村: no functioning government
    EXPECT_EQ(Fields(deals_->Create(r).status()), std::vector<std::string>{"government_code"});
}

TEST_F(CatalogServiceTest, GovernmentCustomFieldsAreKeyedByTheSixDigitCode) {
    CustomFieldCreateRequest f;
    f.entity = "government";
    f.key = "vendor_count";
    f.label = "既存ベンダー数";
    f.type = "number";
    ASSERT_TRUE(fields_->Create(f).ok());
    CustomFieldInputs in;
    in["vendor_count"] = {domain::CustomFieldInput::Kind::kNumber, "3", 3};
    auto set = fields_->SetForGovernment("13101", in);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    EXPECT_EQ(LastAudit()->entity_id, "131016");
    auto got = fields_->OfGovernment("131016");
    ASSERT_TRUE(got.ok());
    ASSERT_EQ(got->size(), 1u);
    EXPECT_EQ((*got)[0].value, "3");
    EXPECT_EQ(fields_->OfGovernment("131017").status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace kyoso::app
