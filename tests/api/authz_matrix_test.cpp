// The authorisation matrix (docs/security.md): every documented API operation ×
// every role (and no credentials) × ownership of the record it addresses (own,
// a teammate's, another team's in the caller's territory, another team's
// elsewhere). Expectations come from the shipped policy as the docs state it,
// written out here by hand, not from the Authorizer under test.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

enum class Variant { kOwn, kTeam, kTerritory, kOther };
constexpr Variant kVariants[] = {Variant::kOwn, Variant::kTeam, Variant::kTerritory, Variant::kOther};
const char* Name(Variant v) {
    switch (v) {
        case Variant::kOwn:
            return "own";
        case Variant::kTeam:
            return "team";
        case Variant::kTerritory:
            return "territory";
        case Variant::kOther:
            return "other";
    }
    return "";
}

const std::vector<std::string> kRoles = {"admin", "manager", "bdr", "inside_sales", "field_sales", "customer_success"};

// docs/security.md, "Shipped policy": who reads and who changes owned records.
bool Reads(const std::string& role, Variant v) {
    if (role == "admin" || role == "manager" || role == "customer_success") return true;
    if (role == "field_sales") return v == Variant::kOwn || v == Variant::kTerritory;
    return v == Variant::kOwn || v == Variant::kTeam;  // bdr, inside_sales: their team
}
bool Writes(const std::string& role, Variant v) {
    if (role == "admin") return true;
    if (role == "manager") return v == Variant::kOwn || v == Variant::kTeam;
    return v == Variant::kOwn;
}

// docs/security.md, "Capabilities": roles holding each one.
bool HasCapability(const std::string& role, const std::string& capability) {
    static const std::map<std::string, std::set<std::string>> kHolders = {
        {"edit_reference", {"admin", "manager", "bdr", "inside_sales", "field_sales", "customer_success"}},
        {"edit_governments", {"admin", "manager"}},
        {"manage_catalog", {"admin", "manager"}},
        {"import", {"admin", "manager"}},
        {"export_disclosure", {"admin", "manager"}},
        {"manage_webhooks", {"admin"}},
        {"manage_users", {"admin"}},
        {"manage_sales_ops", {"admin", "manager"}},
    };
    return kHolders.at(capability).count(role) > 0;
}

// The capability an operation needs, by the product's rules (docs/security.md).
std::string CapabilityOf(const std::string& method, const std::string& path) {
    auto starts = [&](const char* p) { return path.rfind(p, 0) == 0; };
    if (starts("/api/webhook")) return "manage_webhooks";
    if (starts("/api/users") || starts("/api/access-policy")) return "manage_users";
    if (starts("/api/imports") || starts("/api/import-jobs")) return "import";
    // Notices and council minutes come in by import; a notice is linked or dismissed by
    // whoever may import them.
    if (method == "POST" && (path == "/api/notices/import" || path == "/api/signals/import" ||
                             path == "/api/notices/{id}/link" || path == "/api/notices/{id}/dismiss"))
        return "import";
    // Evaluating lead scoring on an uploaded CSV is an import of the company's own data.
    if (method == "POST" && path == "/api/leads/evaluate") return "import";
    if (path.find("/disclosure.") != std::string::npos) return "export_disclosure";
    // Hand-off types and the SLA sweep are sales operations (docs/division-of-labour.md).
    if ((method == "PUT" && path == "/api/handoff-types/{kind}") || (method == "POST" && path == "/api/handoffs/sweep"))
        return "manage_sales_ops";
    // Cadence definitions are sales-ops writes; enrolments, outcomes and tasks are everyone's work.
    if (method != "GET" && (path == "/api/cadences" || path == "/api/cadences/{id}")) return "manage_sales_ops";
    if (method == "GET") return "";
    // Teams, territories, absences and routing rules are sales operations; simulating
    // a lead's routing writes nothing and is open to everyone signed in.
    if (starts("/api/teams") || starts("/api/territories") || starts("/api/absences") || starts("/api/routing-rules") ||
        path == "/api/routing/reroute")
        return "manage_sales_ops";
    if (path == "/api/quotas") return "manage_sales_ops";
    if (path == "/api/transformation/assessments") return "manage_sales_ops";
    if (starts("/api/forecast/adjustments")) return "manage_sales_ops";
    if (path == "/api/ml/train") return "manage_sales_ops";
    if (starts("/api/experiments")) return "manage_sales_ops";
    if (starts("/api/transformation/plan/actions/")) return "manage_sales_ops";
    if (starts("/api/products") || starts("/api/custom-fields")) return "manage_catalog";
    if (starts("/api/departments") || starts("/api/officials")) return "edit_reference";
    if (path == "/api/governments/{code}" || starts("/api/governments/{code}/milestone-overrides"))
        return "edit_governments";
    return "";
}

class AuthzMatrixTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("authz-matrix", [](sql::SqlStore& store) {
            ASSERT_TRUE(store.sales().InsertProducts({{1, "電子申請サービス", {"DX"}, 1'000'000, 5'000'000, {}}}).ok());
        });
        // One caller per role, all in 東チーム with Tokyo (13) as territory; a teammate
        // covering Hokkaido and a member of 西チーム covering Osaka own the rest.
        for (const auto& role : kRoles) {
            long long id = 0;
            tokens_[role] = world_->CreateUserToken("u-" + role, role, "東チーム", {"13"}, &id);
            users_[role] = id;
        }
        (void)world_->CreateUserToken("teammate", "field_sales", "東チーム", {"01"}, &teammate_);
        (void)world_->CreateUserToken("west", "field_sales", "西チーム", {"27"}, &west_);
        std::vector<domain::Deal> deals;
        std::vector<domain::Lead> leads;
        long long next = 1;
        auto add = [&](const std::string& key, const std::string& gov, long long owner) {
            domain::Deal d = testing::TestDeal(next, gov, owner);
            d.title = "案件 " + key;
            deals.push_back(d);
            domain::Lead l;
            l.id = next;
            l.source = "seminar";
            l.government_code = gov;
            l.status = "converted";
            l.created_on = MakeDate(2026, 6, 1);
            l.converted_deal_id = next;
            l.owner_id = owner;
            l.product_id = 1;
            l.title = "リード " + key;
            leads.push_back(l);
            ids_[key] = next++;
        };
        for (const auto& role : kRoles) add("own:" + role, "131016", users_[role]);
        add("team", "012025", teammate_);   // 札幌市, a teammate's
        add("territory", "131016", west_);  // 千代田区, 西チーム's, inside Tokyo
        add("other", "271004", west_);      // 大阪市, 西チーム's
        ASSERT_TRUE(world_->store().sales().InsertDeals(deals).ok());
        ASSERT_TRUE(world_->store().sales().InsertLeads(leads).ok());
        auto spec = world_->GetJson("/api/openapi.json", 200);
        spec_ = new json(spec);
    }
    static void TearDownTestSuite() {
        delete spec_;
        delete world_;
        world_ = nullptr;
    }

    static long long RecordId(const std::string& role, Variant v) {
        switch (v) {
            case Variant::kOwn:
                return ids_.at("own:" + role);
            case Variant::kTeam:
                return ids_.at("team");
            case Variant::kTerritory:
                return ids_.at("territory");
            case Variant::kOther:
                return ids_.at("other");
        }
        return 0;
    }
    static long long OwnerOf(const std::string& role, Variant v) {
        return v == Variant::kOwn ? users_.at(role) : v == Variant::kTeam ? teammate_ : west_;
    }

    static httplib::Result Call(const std::string& method, const std::string& path, const std::string& body,
                                const std::string& token) {
        return world_->Send(method, path, body, token);
    }

    static testing::ApiTestWorld* world_;
    static json* spec_;
    static std::map<std::string, std::string> tokens_;
    static std::map<std::string, long long> users_;
    static std::map<std::string, long long> ids_;
    static long long teammate_, west_;
};

testing::ApiTestWorld* AuthzMatrixTest::world_ = nullptr;
json* AuthzMatrixTest::spec_ = nullptr;
std::map<std::string, std::string> AuthzMatrixTest::tokens_;
std::map<std::string, long long> AuthzMatrixTest::users_;
std::map<std::string, long long> AuthzMatrixTest::ids_;
long long AuthzMatrixTest::teammate_ = 0;
long long AuthzMatrixTest::west_ = 0;

// Record-level operations: the path template, and for each the request made.
bool IsRecordOperation(const std::string& method, const std::string& path) {
    return path == "/api/deals/{id}" || path == "/api/deals/{id}/stage" || path == "/api/leads/{id}" ||
           path == "/api/leads/{id}/convert" || (method == "POST" && path == "/api/activities") ||
           (method == "POST" && path == "/api/contact-log");
}

TEST_F(AuthzMatrixTest, EveryOperationForEveryRoleAndOwnership) {
    int checked = 0;
    for (const auto& [path, item] : (*spec_)["paths"].items()) {
        for (const auto& [lower, op] : item.items()) {
            std::string method = lower;
            for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            const bool is_public = op.value("x-kyoso-access", "") == "public";
            const std::string capability = CapabilityOf(method, path);
            // The served description agrees with the rule this test expects.
            if (!is_public) {
                EXPECT_EQ(op.value("x-kyoso-access", ""),
                          capability.empty() ? std::string("signed_in") : "capability:" + capability)
                    << method << " " << path;
            }
            // Non-record operations address a record that does not exist, so an
            // allowed caller changes nothing; a refused one gets 401/403 first.
            std::string concrete = path;
            for (const char* param : {"{id}", "{code}"}) {
                if (auto at = concrete.find(param); at != std::string::npos) {
                    concrete.replace(at, std::string(param).size(), param[1] == 'c' ? "131016" : "999999");
                }
            }
            if (!IsRecordOperation(method, path)) {
                auto anon = Call(method, concrete, "{}", "");
                ASSERT_TRUE(anon);
                if (is_public) {
                    EXPECT_NE(anon->status, 401) << method << " " << path;
                } else {
                    EXPECT_EQ(anon->status, 401) << "anonymous " << method << " " << path;
                }
                ++checked;
                if (is_public) continue;
                for (const auto& role : kRoles) {
                    auto res = Call(method, concrete, "{}", tokens_[role]);
                    ASSERT_TRUE(res);
                    if (!capability.empty() && !HasCapability(role, capability)) {
                        EXPECT_EQ(res->status, 403) << role << " " << method << " " << path << " -> " << res->body;
                    } else {
                        EXPECT_TRUE(res->status != 401 && res->status != 403 && res->status < 500)
                            << role << " " << method << " " << path << " -> " << res->status << " " << res->body;
                    }
                    ++checked;
                }
                continue;
            }
            for (const auto& role : kRoles) {
                for (Variant v : kVariants) {
                    const long long id = RecordId(role, v);
                    const bool reads = Reads(role, v), writes = Writes(role, v);
                    std::string url = path, body = "{}";
                    if (auto at = url.find("{id}"); at != std::string::npos) url.replace(at, 4, std::to_string(id));
                    int want = 0;  // 0: allowed (any status but 401/403/404)
                    if (path == "/api/deals/{id}" || path == "/api/leads/{id}") {
                        body = method == "PATCH" ? R"({"title":"変更なし"})" : "";
                        want = !reads ? 404 : (method == "PATCH" && !writes) ? 403 : 0;
                    } else if (path == "/api/deals/{id}/stage") {
                        body = R"({"to":"nope"})";  // allowed → 400 for the unknown stage, nothing moves
                        want = !reads ? 404 : !writes ? 403 : 400;
                    } else if (path == "/api/leads/{id}/convert") {
                        want = !reads ? 404 : !writes ? 403 : 409;  // the leads are already converted
                    } else if (path == "/api/activities") {
                        // Logging on a deal needs only to see it; the invalid type keeps it unwritten.
                        const std::string gov = v == Variant::kTeam    ? "012025"
                                                : v == Variant::kOther ? "271004"
                                                                       : "131016";
                        body = R"({"type":"telepathy","occurred_on":"2026-11-01","government_code":")" + gov +
                               R"(","deal_id":)" + std::to_string(id) + "}";
                        want = 400;
                    } else {  // POST /api/contact-log for the record's owner
                        body = R"({"government_code":"131016","occurred_on":"2026-11-01","channel":"visit",)"
                               R"("summary":"権限確認","user_id":)" +
                               std::to_string(OwnerOf(role, v)) + "}";
                        want = writes ? 201 : 403;
                    }
                    auto res = Call(method, url, body, tokens_[role]);
                    ASSERT_TRUE(res);
                    const std::string what = role + " × " + Name(v) + ": " + method + " " + url + " -> " +
                                             std::to_string(res->status) + " " + res->body;
                    if (want == 0) {
                        EXPECT_TRUE(res->status != 401 && res->status != 403 && res->status != 404 && res->status < 500)
                            << what;
                    } else {
                        EXPECT_EQ(res->status, want) << what;
                    }
                    if (path == "/api/activities") {
                        // A deal outside the caller's sharing is named as missing, never shown.
                        auto j = json::parse(res->body, nullptr, false);
                        bool missing = false;
                        for (const auto& d : j["error"]["details"]) {
                            missing = missing || (d["field"] == "deal_id" &&
                                                  d["message"].get<std::string>().rfind("no deal with id", 0) == 0);
                        }
                        EXPECT_EQ(missing, !reads) << what;
                    }
                    auto anon = Call(method, url, body, "");
                    ASSERT_TRUE(anon);
                    EXPECT_EQ(anon->status, 401) << "anonymous " << method << " " << url;
                    checked += 2;
                }
            }
        }
    }
    EXPECT_GT(checked, 300);
}

TEST_F(AuthzMatrixTest, ListsAndSearchShowOnlyWhatTheRoleMaySee) {
    for (const auto& role : kRoles) {
        for (const char* list : {"/api/deals?limit=500", "/api/leads?limit=500"}) {
            auto page = world_->Send("GET", list, "", tokens_[role]);
            ASSERT_TRUE(page);
            ASSERT_EQ(page->status, 200) << page->body;
            std::set<long long> got;
            const json body = json::parse(page->body);
            for (const auto& item : body["items"]) got.insert(item["id"].get<long long>());
            for (Variant v : kVariants) {
                EXPECT_EQ(got.count(RecordId(role, v)) > 0, Reads(role, v)) << role << " " << list << " " << Name(v);
            }
            // Another role's own record is a teammate's, in Tokyo: visible to the
            // team-readers and, by territory, to field sales.
            const std::string peer = role == "bdr" ? "inside_sales" : "bdr";
            EXPECT_EQ(got.count(ids_.at("own:" + peer)) > 0, Reads(role, Variant::kTeam) || role == "field_sales")
                << role << " " << list;
        }
        // Search finds the other team's Osaka deal only for roles that read everything.
        auto hits = world_->Send("GET", "/api/search?q=%E6%A1%88%E4%BB%B6%20other&types=deal", "", tokens_[role]);
        ASSERT_TRUE(hits);
        ASSERT_EQ(hits->status, 200) << hits->body;
        bool found = false;
        const json found_items = json::parse(hits->body);
        for (const auto& h : found_items["items"]) {
            found = found || h["id"] == std::to_string(ids_.at("other"));
        }
        EXPECT_EQ(found, Reads(role, Variant::kOther)) << role << " " << hits->body;
    }
}

TEST_F(AuthzMatrixTest, EveryRoleReadsTheSamePeopleDirectory) {
    json first;
    for (const auto& role : kRoles) {
        auto res = world_->Send("GET", "/api/people", "", tokens_[role]);
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << role << " " << res->body;
        const json body = json::parse(res->body);
        if (first.is_null()) first = body;
        EXPECT_EQ(body, first) << role << ": the directory does not depend on the caller";
    }
    std::set<long long> ids;
    for (const auto& p : first["items"]) ids.insert(p["id"].get<long long>());
    for (long long id : {teammate_, west_, users_["bdr"]}) EXPECT_TRUE(ids.count(id)) << id;
}

TEST_F(AuthzMatrixTest, TheBoardShowsExactlyTheVisibleDealsAndNoAmountsToBdrs) {
    for (const auto& role : kRoles) {
        auto res = world_->Send("GET", "/api/pipeline/board?fiscal_year=2027&limit=200", "", tokens_[role]);
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << role << " " << res->body;
        const json board = json::parse(res->body);
        std::set<long long> got;
        long long counted = 0;
        for (const auto& column : board["columns"]) {
            counted += column["count"].get<long long>();
            EXPECT_EQ(column["amount_total"].is_null(), role == "bdr") << role << " " << column.dump();
            for (const auto& d : column["deals"]) {
                got.insert(d["id"].get<long long>());
                EXPECT_EQ(d["amount"].is_null(), role == "bdr") << role << " " << d.dump();
            }
        }
        EXPECT_EQ(counted, static_cast<long long>(got.size())) << role;
        for (Variant v : kVariants) EXPECT_EQ(got.count(RecordId(role, v)) > 0, Reads(role, v)) << role << Name(v);
        // The dashboards aggregate the same deals: every one is at 情報収集 in FY2027.
        auto funnel = world_->Send("GET", "/api/dashboards/funnel?fiscal_year=2027", "", tokens_[role]);
        ASSERT_TRUE(funnel);
        const json stages = json::parse(funnel->body)["stages"];
        EXPECT_EQ(stages[0]["reached"], counted) << role;
        EXPECT_EQ(stages[0]["amount"].is_null(), role == "bdr") << role;
        auto years = world_->Send("GET", "/api/dashboards/pipeline-by-year", "", tokens_[role]);
        ASSERT_TRUE(years);
        const json year = json::parse(years->body)["years"][0];
        EXPECT_EQ(year["open_count"], counted) << role;
        EXPECT_EQ(year["open_amount"].is_null(), role == "bdr") << role;
    }
}

TEST_F(AuthzMatrixTest, DealAmountsAreHiddenFromBdrsAndCannotBeSetByThem) {
    const long long own = ids_.at("own:bdr");
    auto deal = json::parse(world_->Send("GET", "/api/deals/" + std::to_string(own), "", tokens_["bdr"])->body);
    EXPECT_TRUE(deal["amount"].is_null()) << deal.dump();
    EXPECT_TRUE(deal["budget_amount"].is_null());
    EXPECT_EQ(deal["line_items"], json::array());
    EXPECT_NE(std::find(deal["hidden_fields"].begin(), deal["hidden_fields"].end(), "amount"),
              deal["hidden_fields"].end());
    auto list = json::parse(world_->Send("GET", "/api/deals", "", tokens_["bdr"])->body);
    for (const auto& d : list["items"]) EXPECT_TRUE(d["amount"].is_null()) << d.dump();
    // Sorting by the hidden field would reveal its order.
    EXPECT_EQ(world_->Send("GET", "/api/deals?sort=amount", "", tokens_["bdr"])->status, 403);
    // Writing it is refused and changes nothing.
    auto patch = world_->Send("PATCH", "/api/deals/" + std::to_string(own), R"({"amount":1})", tokens_["bdr"]);
    EXPECT_EQ(patch->status, 403) << patch->body;
    auto seen = json::parse(world_->Send("GET", "/api/deals/" + std::to_string(own), "", tokens_["manager"])->body);
    EXPECT_EQ(seen["amount"], 3'000'000);
    EXPECT_FALSE(seen.contains("hidden_fields"));
}

TEST_F(AuthzMatrixTest, OwnersCannotBeAssignedOutsideTheWriteScope) {
    // Field sales create deals for themselves only; a manager for the team, not another team.
    const std::string deal = R"({"government_code":"131016","title":"新規","product_id":1,"owner_id":)";
    EXPECT_EQ(
        world_->Send("POST", "/api/deals", deal + std::to_string(teammate_) + "}", tokens_["field_sales"])->status,
        403);
    EXPECT_EQ(
        world_->Send("POST", "/api/deals", deal + std::to_string(users_["field_sales"]) + "}", tokens_["field_sales"])
            ->status,
        201);
    EXPECT_EQ(world_->Send("POST", "/api/deals", deal + std::to_string(teammate_) + "}", tokens_["manager"])->status,
              201);
    EXPECT_EQ(world_->Send("POST", "/api/deals", deal + std::to_string(west_) + "}", tokens_["manager"])->status, 403);
    // Acting as someone else (actor_id) is the same check.
    const std::string own = std::to_string(ids_.at("own:field_sales"));
    EXPECT_EQ(world_
                  ->Send("POST", "/api/deals/" + own + "/stage",
                         R"({"to":"qualified","actor_id":)" + std::to_string(teammate_) + "}", tokens_["field_sales"])
                  ->status,
              403);
}

TEST_F(AuthzMatrixTest, EveryRoleReadsTheScorecardAndOnlyBdrsMissTheRevenue) {
    for (const auto& role : kRoles) {
        auto res = world_->Send("GET", "/api/transformation/scorecard?quarters=2", "", tokens_[role]);
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << role << " " << res->body;
        const json body = json::parse(res->body);
        EXPECT_EQ(body["amounts_hidden"], role == "bdr") << role;
        for (const auto& q : body["quarters"]) {
            EXPECT_EQ(q["metrics"]["revenue"]["value"].is_null(), role == "bdr") << role << " " << q.dump();
        }
    }
}

}  // namespace
}  // namespace kyoso::api
