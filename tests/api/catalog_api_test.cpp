#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "kyoso/sqlite/sqlite_connection.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

// One server for the suite: product 1 (used by deals 1-2), users 1-2, official 1
// of 千代田区, official 2 of 八王子市, departments 10 (千代田区) and 20 (八王子市).
class CatalogApiTest : public ::testing::Test {
protected:
    static void Seed(sql::SqlStore& store) {
        auto& sales = store.sales();
        testing::SeedProductAndTeam(sales);
        domain::Official hachioji = testing::ChiyodaOfficial();
        hachioji.id = 2;
        hachioji.government_code = "132012";
        ASSERT_TRUE(sales.InsertOfficials({testing::ChiyodaOfficial(), hachioji}).ok());
        ASSERT_TRUE(sales.InsertDeals({testing::TestDeal(1, "131016", 1), testing::TestDeal(2, "132012", 2)}).ok());
        ASSERT_TRUE(store
                        .Write([](sql::Connection* db) {
                            KYOSO_RETURN_IF_ERROR(db->Exec(
                                "INSERT INTO departments(id, government_code, name, level) VALUES"
                                " (10, '131016', '情報政策課', 'division'), (20, '132012', '情報管理課', 'division')"));
                            return db->SyncIdentity("departments");
                        })
                        .ok());
    }
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld(
            "catalog-api", [](sql::SqlStore& store) { Seed(store); }, [](HttpConfig& c) { c.max_body_bytes = 8192; });
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Get(const std::string& path, int status) { return world_->GetJson(path, status); }
    static json Post(const std::string& path, const std::string& body, int status) {
        return world_->PostJson(path, body, status);
    }
    static json Patch(const std::string& path, const std::string& body, int status) {
        return world_->PatchJson(path, body, status);
    }
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"].get<std::string>());
        return out;
    }
    static bool HasField(const json& error, const std::string& field) {
        auto f = Fields(error);
        return std::find(f.begin(), f.end(), field) != f.end();
    }
    // Row counts of every table this API writes, to prove a failed request wrote nothing.
    static std::vector<long long> Snapshot() {
        std::vector<long long> out;
        auto lease = world_->store().Reader();
        for (const char* table :
             {"products", "leads", "deals", "deal_line_items", "deal_team_members", "activities",
              "activity_participants", "custom_field_definitions", "custom_field_values", "audit_log"}) {
            sql::Statement q(lease.db(), std::string("SELECT COUNT(*) FROM ") + table);
            Status st;
            EXPECT_TRUE(q.Step(&st)) << st.ToString();
            out.push_back(q.Int(0));
        }
        return out;
    }

    static testing::ApiTestWorld* world_;
};

testing::ApiTestWorld* CatalogApiTest::world_ = nullptr;

TEST_F(CatalogApiTest, ProductsAreCreatedListedUpdatedAndDeleted) {
    json p = Post("/api/products",
                  R"({"name":"防災アプリ","policy_domains":["防災"],"price_min":500000,"price_max":2000000,)"
                  R"("keywords":["避難","ハザードマップ"],"external_id":"P-100"})",
                  201);
    ASSERT_TRUE(p.contains("id"));
    EXPECT_EQ(p["policy_domains"], json::array({"防災"}));
    EXPECT_EQ(p["external_id"], "P-100");
    const std::string path = "/api/products/" + std::to_string(p["id"].get<long long>());
    EXPECT_EQ(Get(path, 200)["name"], "防災アプリ");
    json patched = Patch(path, R"({"price_max":3000000,"keywords":[]})", 200);
    EXPECT_EQ(patched["price_max"], 3000000);
    EXPECT_EQ(patched["price_min"], 500000);
    EXPECT_EQ(patched["keywords"], json::array());

    json filtered = Get("/api/products?policy_domain=%E9%98%B2%E7%81%BD&fields=name", 200);
    ASSERT_EQ(filtered["items"].size(), 1u);
    EXPECT_EQ(filtered["items"][0], (json{{"id", p["id"]}, {"name", "防災アプリ"}}));

    EXPECT_EQ(world_->DeleteJson(path, 200)["deleted"], true);
    Get(path, 404);
}

TEST_F(CatalogApiTest, ProductListPagesBySortWithCursors) {
    for (const char* name : {"か製品", "あ製品", "さ製品"}) {
        Post("/api/products", std::string(R"({"name":")") + name + R"(","price_min":1,"price_max":2})", 201);
    }
    std::vector<std::string> names;
    std::string cursor;
    for (int page = 0; page < 10; ++page) {
        json r = Get("/api/products?sort=name&order=desc&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), 200);
        for (const auto& item : r["items"]) names.push_back(item["name"]);
        if (r["next_cursor"].is_null()) break;
        cursor = r["next_cursor"];
    }
    ASSERT_GE(names.size(), 4u);
    EXPECT_TRUE(std::is_sorted(names.rbegin(), names.rend()));
    // A cursor of another sort order is refused.
    json first = Get("/api/products?sort=name&limit=1", 200);
    ASSERT_TRUE(first["next_cursor"].is_string());
    json bad = Get("/api/products?sort=price_min&cursor=" + first["next_cursor"].get<std::string>(), 400);
    EXPECT_EQ(Fields(bad), std::vector<std::string>{"cursor"});
    EXPECT_EQ(Fields(Get("/api/products?cursor=zz", 400)), std::vector<std::string>{"cursor"});
    EXPECT_EQ(Fields(Get("/api/products?colour=red", 400)), std::vector<std::string>{"colour"});
    EXPECT_EQ(Fields(Get("/api/products?fields=name,secret", 400)), std::vector<std::string>{"fields"});
    EXPECT_EQ(Fields(Get("/api/products?sort=popularity", 400)), std::vector<std::string>{"sort"});
}

TEST_F(CatalogApiTest, BadProductRequestsWriteNothing) {
    const auto before = Snapshot();
    EXPECT_EQ(Fields(Post("/api/products", R"({"name":)", 400)), std::vector<std::string>{"body"});
    EXPECT_EQ(Fields(Post("/api/products", R"([1])", 400)), std::vector<std::string>{"body"});
    json e = Post("/api/products", R"({"name":7,"price_min":"x","colour":"red","keywords":[1]})", 400);
    EXPECT_TRUE(HasField(e, "name"));
    EXPECT_TRUE(HasField(e, "price_min"));
    EXPECT_TRUE(HasField(e, "colour"));
    EXPECT_TRUE(HasField(e, "keywords[0]"));
    EXPECT_EQ(Fields(Post("/api/products", R"({"name":"x","price_min":10,"price_max":5})", 400)),
              std::vector<std::string>{"price_max"});
    EXPECT_EQ(Fields(Post("/api/products", R"({"name":"電子申請サービス"})", 409)), std::vector<std::string>{"name"});
    Patch("/api/products/999999", R"({"name":"x"})", 404);
    Get("/api/products/abc", 400);
    // Product 1 is on deals: refused.
    EXPECT_EQ(world_->DeleteJson("/api/products/1", 409)["error"]["code"], "CONFLICT");
    auto big = world_->Post("/api/products", R"({"name":")" + std::string(10000, 'a') + R"("})");
    ASSERT_TRUE(big);
    EXPECT_EQ(big->status, 413);
    EXPECT_EQ(Snapshot(), before);
}

TEST_F(CatalogApiTest, DealIsCreatedWithLineItemsTeamAndCustomFields) {
    Post("/api/custom-fields",
         R"({"entity":"deal","key":"bid_rank","label":"入札参加資格","type":"choice",)"
         R"("choices":["A","B","C"]})",
         201);
    json d = Post("/api/deals",
                  R"({"government_code":"13101","department_id":10,"title":"防災DX","product_id":1,"owner_id":1,)"
                  R"("champion_id":1,"fiscal_year":2027,"procurement_method":"proposal","budget_status":"requested",)"
                  R"("line_items":[{"product_id":1,"description":"ライセンス","quantity":3,"unit_price":1000000},)"
                  R"({"description":"導入支援","quantity":1,"unit_price":500000}],)"
                  R"("team":[{"user_id":1,"role":"field_sales"},{"user_id":2,"role":"inside_sales"}],)"
                  R"("custom_fields":{"bid_rank":"A"},"external_id":"D-1"})",
                  201);
    EXPECT_EQ(d["amount"], 3500000);
    EXPECT_EQ(d["stage"], "discovery");
    EXPECT_EQ(d["government_code"], "131016");
    EXPECT_EQ(d["department_id"], 10);
    EXPECT_EQ(d["line_items"].size(), 2u);
    EXPECT_EQ(d["line_items"][0]["amount"], 3000000);
    EXPECT_EQ(d["team"].size(), 2u);
    EXPECT_EQ(d["custom_fields"]["bid_rank"], "A");
    const std::string path = "/api/deals/" + std::to_string(d["id"].get<long long>());
    json got = Get(path, 200);
    EXPECT_EQ(got["line_items"], d["line_items"]);
    EXPECT_EQ(got["external_id"], "D-1");

    // Amount follows the items; clearing the champion with null.
    json p = Patch(path,
                   R"({"line_items":[{"description":"年額","quantity":2,"unit_price":100}],"champion_id":null,)"
                   R"("custom_fields":{"bid_rank":null},"actor_id":2})",
                   200);
    EXPECT_EQ(p["amount"], 200);
    EXPECT_TRUE(p["champion_id"].is_null());
    EXPECT_EQ(p["custom_fields"], json::object());
    EXPECT_EQ(p["team"].size(), 2u);  // untouched
    const auto before = Snapshot();
    EXPECT_EQ(Fields(Patch(path, R"({"amount":999})", 400)), std::vector<std::string>{"amount"});
    EXPECT_EQ(Fields(Patch(path, R"({"government_code":"132012"})", 400)), std::vector<std::string>{"government_code"});
    EXPECT_EQ(Snapshot(), before);
    Patch("/api/deals/999999", R"({"title":"x"})", 404);
}

TEST_F(CatalogApiTest, BadDealRequestsNameEveryFieldAndWriteNothing) {
    const auto before = Snapshot();
    json e = Post("/api/deals",
                  R"({"government_code":"131016","department_id":20,"title":"","product_id":999,"owner_id":77,)"
                  R"("champion_id":2,"procurement_method":"auction","line_items":[{"description":"x","quantity":0,)"
                  R"("unit_price":-1}],"team":[{"user_id":1,"role":"ceo"}],"custom_fields":{"nope":1}})",
                  400);
    for (const char* f : {"department_id", "title", "product_id", "owner_id", "champion_id", "procurement_method",
                          "line_items[0].quantity", "line_items[0].unit_price", "team[0].role", "custom_fields.nope"}) {
        EXPECT_TRUE(HasField(e, f)) << f << " in " << e.dump();
    }
    // Shape errors (unknown members, wrong types) are reported before references are looked up.
    json shape = Post("/api/deals", R"({"government_code":1,"line_items":[{"colour":1}],"team":{}})", 400);
    for (const char* f : {"government_code", "line_items[0].colour", "line_items[0].description", "team"}) {
        EXPECT_TRUE(HasField(shape, f)) << f << " in " << shape.dump();
    }
    EXPECT_EQ(Fields(Post("/api/deals", R"({"title":"x"})", 400)),
              (std::vector<std::string>{"government_code", "product_id", "owner_id"}));
    EXPECT_EQ(Fields(Post("/api/deals", "{", 400)), std::vector<std::string>{"body"});
    EXPECT_EQ(Snapshot(), before);
}

TEST_F(CatalogApiTest, DealListSortsAndSelectsFields) {
    json r = Get("/api/deals?sort=amount&order=desc&fields=title,amount&limit=1", 200);
    ASSERT_EQ(r["items"].size(), 1u);
    EXPECT_EQ(r["items"][0].size(), 3u);  // id, title, amount
    long long prev = r["items"][0]["amount"];
    std::string cursor = r["next_cursor"].is_null() ? "" : r["next_cursor"].get<std::string>();
    while (!cursor.empty()) {
        json page = Get("/api/deals?sort=amount&order=desc&fields=title,amount&limit=1&cursor=" + cursor, 200);
        for (const auto& item : page["items"]) {
            EXPECT_LE(item["amount"].get<long long>(), prev);
            prev = item["amount"];
        }
        cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
    }
    EXPECT_EQ(Fields(Get("/api/deals?fields=password", 400)), std::vector<std::string>{"fields"});
}

TEST_F(CatalogApiTest, ActivityParticipantsAreStoredAndShownOnTheDeal) {
    json logged =
        Post("/api/activities",
             R"({"type":"visit","occurred_on":"2026-11-20","occurred_at":"14:30","government_code":"131016",)"
             R"("user_id":1,"deal_id":1,"notes":"課長と打合せ","participants":{"user_ids":[2,2],"official_ids":[1]}})",
             201);
    json deal = Get("/api/deals/1", 200);
    bool found = false;
    for (const auto& a : deal["activities"]) {
        if (a["id"] != logged["id"]) continue;
        found = true;
        EXPECT_EQ(a["occurred_at"], "14:30");
        EXPECT_EQ(a["participants"]["user_ids"], json::array({2}));
        EXPECT_EQ(a["participants"]["official_ids"], json::array({1}));
    }
    EXPECT_TRUE(found);
    const auto before = Snapshot();
    json e = Post("/api/activities",
                  R"({"type":"visit","occurred_on":"2026-11-20","occurred_at":"25:00","government_code":"131016",)"
                  R"("user_id":1,"participants":{"user_ids":[9],"official_ids":[2]}})",
                  400);
    EXPECT_EQ(Fields(Post("/api/activities", R"({"type":"call","participants":{"guests":[]}})", 400)),
              (std::vector<std::string>{"occurred_on", "government_code", "participants.guests"}));
    for (const char* f : {"occurred_at", "participants.user_ids[0]", "participants.official_ids[0]"}) {
        EXPECT_TRUE(HasField(e, f)) << f << " in " << e.dump();
    }
    EXPECT_EQ(Snapshot(), before);
}

TEST_F(CatalogApiTest, LeadMovesThroughItsStatusesAndConvertsOnce) {
    json l = Post("/api/leads",
                  R"({"source":"seminar","government_code":"131016","department_id":10,"official_id":1,)"
                  R"("product_id":1,"owner_id":2,"title":"防災セミナー参加","notes":"資料請求あり"})",
                  201);
    EXPECT_EQ(l["status"], "new");
    EXPECT_EQ(l["created_on"], "2026-11-27");
    const std::string path = "/api/leads/" + std::to_string(l["id"].get<long long>());
    EXPECT_EQ(Patch(path, R"({"status":"qualified"})", 200)["status"], "qualified");
    EXPECT_EQ(Fields(Patch(path, R"({"status":"new"})", 422)), std::vector<std::string>{"status"});
    EXPECT_EQ(Fields(Patch(path, R"({"status":"converted"})", 422)), std::vector<std::string>{"status"});
    json listed = Get("/api/leads?status=qualified&source=seminar&fields=title", 200);
    ASSERT_GE(listed["items"].size(), 1u);
    EXPECT_EQ(listed["items"][0].size(), 2u);

    json converted = Post(path + "/convert", R"({"actor_id":1})", 201);
    EXPECT_EQ(converted["lead"]["status"], "converted");
    const long long deal_id = converted["deal_id"];
    EXPECT_EQ(converted["lead"]["converted_deal_id"], deal_id);
    json deal = Get("/api/deals/" + std::to_string(deal_id), 200);
    EXPECT_EQ(deal["stage"], "discovery");
    EXPECT_EQ(deal["fiscal_year"], 2027);  // the year after FY2026 (today 2026-11-27)
    EXPECT_EQ(deal["champion_id"], 1);
    EXPECT_EQ(deal["department_id"], 10);
    EXPECT_EQ(deal["owner_id"], 2);
    EXPECT_EQ(deal["title"], "防災セミナー参加");

    const auto before = Snapshot();
    EXPECT_EQ(Post(path + "/convert", R"({"actor_id":1})", 409)["error"]["code"], "CONFLICT");
    Post("/api/leads/999999/convert", R"({"actor_id":1})", 404);
    // Without actor_id the signed-in user converts; a bad one is named.
    EXPECT_EQ(Fields(Post(path + "/convert", R"({"actor_id":"me"})", 400)), std::vector<std::string>{"actor_id"});
    EXPECT_EQ(Snapshot(), before);
}

TEST_F(CatalogApiTest, DisqualifiedLeadIsNotConvertedAndBadLeadsWriteNothing) {
    json l = Post("/api/leads",
                  R"({"source":"inquiry","government_code":"132012","title":"問合せ","status":"disqualified"})", 201);
    const std::string path = "/api/leads/" + std::to_string(l["id"].get<long long>());
    const auto before = Snapshot();
    Post(path + "/convert", R"({"actor_id":1,"product_id":1})", 422);
    json e = Post("/api/leads",
                  R"({"source":"telepathy","government_code":"131016","official_id":2,"department_id":20,)"
                  R"("owner_id":9,"title":"x","status":"won"})",
                  400);
    for (const char* f : {"source", "official_id", "department_id", "owner_id", "status"}) {
        EXPECT_TRUE(HasField(e, f)) << f << " in " << e.dump();
    }
    EXPECT_EQ(Fields(Post("/api/leads", R"({"source":"seminar","government_code":"131017","title":"x"})", 400)),
              std::vector<std::string>{"government_code"});
    EXPECT_EQ(Fields(Get("/api/leads?status=won", 400)), std::vector<std::string>{"status"});
    EXPECT_EQ(Fields(Get("/api/leads?cursor=00", 400)), std::vector<std::string>{"cursor"});
    Get("/api/leads/0", 400);
    Get("/api/leads/999999", 404);
    EXPECT_EQ(Snapshot(), before);
}

TEST_F(CatalogApiTest, CustomFieldsAreValidatedPerTypeAndRequiredOnCreate) {
    json def = Post("/api/custom-fields",
                    R"({"entity":"lead","key":"budget_size","label":"予算規模","type":"number","required":true})", 201);
    Post("/api/custom-fields", R"({"entity":"lead","key":"decided_on","label":"決定日","type":"date"})", 201);
    const auto before = Snapshot();
    EXPECT_EQ(Fields(Post("/api/leads", R"({"source":"seminar","government_code":"131016","title":"x"})", 400)),
              std::vector<std::string>{"custom_fields.budget_size"});
    json e = Post("/api/leads",
                  R"({"source":"seminar","government_code":"131016","title":"x",)"
                  R"("custom_fields":{"budget_size":"many","decided_on":"2026-13-01"}})",
                  400);
    EXPECT_TRUE(HasField(e, "custom_fields.budget_size"));
    EXPECT_TRUE(HasField(e, "custom_fields.decided_on"));
    EXPECT_EQ(
        Fields(Post("/api/custom-fields", R"({"entity":"lead","key":"budget_size","label":"x","type":"text"})", 409)),
        std::vector<std::string>{"key"});
    EXPECT_EQ(
        Fields(Post("/api/custom-fields", R"({"entity":"user","key":"Bad Key","label":"","type":"colour"})", 400)),
        (std::vector<std::string>{"entity", "type", "key", "label"}));
    EXPECT_EQ(Snapshot(), before);

    json l = Post("/api/leads",
                  R"({"source":"seminar","government_code":"131016","title":"x",)"
                  R"("custom_fields":{"budget_size":12.5,"decided_on":"2026-12-01"}})",
                  201);
    EXPECT_EQ(l["custom_fields"]["budget_size"], 12.5);
    EXPECT_EQ(l["custom_fields"]["decided_on"], "2026-12-01");
    json listed = Get("/api/custom-fields?entity=lead", 200);
    EXPECT_GE(listed["items"].size(), 2u);
    Get("/api/custom-fields?entity=user", 400);

    const std::string path = "/api/custom-fields/" + std::to_string(def["id"].get<long long>());
    EXPECT_EQ(Patch(path, R"({"label":"予算規模（千円）","required":false})", 200)["required"], false);
    Patch(path, R"({"type":"text"})", 400);
    json deleted = world_->DeleteJson(path, 200);
    EXPECT_GE(deleted["values_deleted"].get<long long>(), 1);
    world_->DeleteJson(path, 404);
}

TEST_F(CatalogApiTest, ChoiceStillInUseCannotBeRemoved) {
    json def = Post(
        "/api/custom-fields",
        R"({"entity":"government","key":"dx_level","label":"DX成熟度","type":"choice","choices":["高","中","低"]})",
        201);
    json g = Patch("/api/governments/13101", R"({"custom_fields":{"dx_level":"中"}})", 200);
    EXPECT_EQ(g["code"], "131016");
    EXPECT_EQ(Get("/api/governments/131016", 200)["custom_fields"]["dx_level"], "中");
    const auto before = Snapshot();
    const std::string path = "/api/custom-fields/" + std::to_string(def["id"].get<long long>());
    EXPECT_EQ(Fields(Patch(path, R"({"choices":["高","低"]})", 422)), std::vector<std::string>{"choices"});
    EXPECT_EQ(Fields(Patch("/api/governments/131016", R"({"custom_fields":{"dx_level":"最高"}})", 400)),
              std::vector<std::string>{"custom_fields.dx_level"});
    EXPECT_EQ(Fields(Patch("/api/governments/131016", R"({"name":"x"})", 400)),
              (std::vector<std::string>{"name", "custom_fields"}));
    Patch("/api/governments/131017", R"({"custom_fields":{}})", 400);
    Patch("/api/governments/139998", R"({"custom_fields":{}})", 404);
    EXPECT_EQ(Snapshot(), before);
}

TEST_F(CatalogApiTest, LeadListPagesBySortAndRefusesOversizeBodies) {
    for (const char* source : {"event", "partner", "website"}) {
        Post("/api/leads", std::string(R"({"source":")") + source + R"(","government_code":"131016","title":"ページ"})",
             201);
    }
    std::vector<std::string> sources;
    std::string cursor;
    for (int page = 0; page < 50; ++page) {
        json r = Get("/api/leads?sort=source&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), 200);
        for (const auto& item : r["items"]) sources.push_back(item["source"]);
        if (r["next_cursor"].is_null()) break;
        cursor = r["next_cursor"];
    }
    EXPECT_GE(sources.size(), 3u);
    EXPECT_TRUE(std::is_sorted(sources.begin(), sources.end()));
    EXPECT_EQ(Get("/api/leads?limit=1", 200)["total"].get<size_t>(), sources.size());

    const auto before = Snapshot();
    const std::string big = std::string(R"({"title":")") + std::string(9000, 'x') + R"("})";
    for (const char* path : {"/api/leads", "/api/deals", "/api/custom-fields"}) {
        auto res = world_->Post(path, big);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 413) << path;
    }
    auto patch = world_->Patch("/api/deals/1", big);
    ASSERT_TRUE(patch);
    EXPECT_EQ(patch->status, 413);
    Patch("/api/deals/abc", R"({"title":"x"})", 400);
    Patch("/api/leads/-1", R"({"title":"x"})", 400);
    EXPECT_EQ(Snapshot(), before);
}

}  // namespace
}  // namespace kyoso::api
