// Teams, territories, absences and lead routing through the API (docs/division-of-labour.md):
// leads created without an owner are routed by the rules (weights 3:1, absent members
// skipped), every assignment is recorded with its reason, re-routing moves the leads of an
// owner away past the rule's limit, and the simulator writes nothing. SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "api_test_world.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

std::vector<std::string> Fields(const json& error) {
    std::vector<std::string> out;
    for (const auto& d : error["error"]["details"]) out.push_back(d["field"].get<std::string>());
    return out;
}

// 防災情報システム (product 1, policy domain 防災) and 奥多摩町's population (4,800).
void Seed(sql::SqlStore& store) {
    ASSERT_TRUE(store.sales()
                    .InsertProducts({{1, "防災情報システム", {"防災"}, 1'000'000, 5'000'000, {}},
                                     {2, "子育てアプリ", {"子育て"}, 500'000, 2'000'000, {}}})
                    .ok());
    ASSERT_TRUE(
        store.governments().ApplyStats({{"133086", 4'800, std::nullopt, std::nullopt, std::nullopt, "", ""}}).ok());
}

TEST(RoutingApiTest, TeamsTerritoriesAndAbsences) {
    testing::ApiTestWorld world("routing-teams", Seed);
    long long manager = 0, a = 0, b = 0;
    (void)world.CreateUserToken("bousai-mgr", "manager", "防災チーム", {}, &manager);
    (void)world.CreateUserToken("bousai-a", "bdr", "防災チーム", {}, &a);
    const std::string bdr = world.CreateUserToken("bousai-b", "bdr", "防災チーム", {}, &b);

    // The teams named in users.team exist, with the team's manager and members.
    json teams = world.GetJson("/api/teams", 200);
    const json* bousai = nullptr;
    for (const auto& t : teams["items"]) {
        if (t["name"] == "防災チーム") bousai = &t;
    }
    ASSERT_NE(bousai, nullptr) << teams.dump();
    EXPECT_EQ((*bousai)["manager_id"], manager);
    EXPECT_EQ((*bousai)["role"], "bdr");  // every non-manager member is a BDR
    EXPECT_EQ((*bousai)["members"].size(), 3u);
    const long long team_id = (*bousai)["id"];

    // Writes need manage_sales_ops; a BDR reads but does not change.
    EXPECT_EQ(world.Send("POST", "/api/teams", R"({"name":"新チーム"})", bdr)->status, 403);
    EXPECT_EQ(world.Send("GET", "/api/teams", "", bdr)->status, 200);

    json made = world.PostJson("/api/teams", R"({"name":"広域チーム","role":"field_sales"})", 201);
    world.PostJson("/api/teams", R"({"name":"広域チーム"})", 409);
    EXPECT_EQ(Fields(world.PostJson("/api/teams", R"({"name":"","role":"wizard"})", 400)),
              (std::vector<std::string>{"name", "role"}));
    // Moving a user sets users.team; renaming a team renames its members' team.
    json moved = world.PostJson("/api/teams/" + std::to_string(made["id"].get<long long>()) + "/members",
                                json({{"user_id", b}}).dump(), 200);
    ASSERT_EQ(moved["members"].size(), 1u);
    EXPECT_EQ(moved["members"][0]["id"], b);
    json renamed = world.PatchJson("/api/teams/" + std::to_string(made["id"].get<long long>()),
                                   R"({"name":"広域自治体チーム"})", 200);
    EXPECT_EQ(renamed["name"], "広域自治体チーム");
    auto account = world.store().accounts().FindById(b);
    ASSERT_TRUE(account.ok());
    EXPECT_EQ(account->team, "広域自治体チーム");

    // Territories: validated field by field, listed with the team.
    json bad = world.PostJson(
        "/api/territories",
        json({{"team_id", team_id}, {"region", "mars"}, {"prefecture_code", "48"}, {"government_kind", "castle"}})
            .dump(),
        400);
    EXPECT_EQ(Fields(bad), (std::vector<std::string>{"prefecture_code", "region", "government_kind"}));
    json terr = world.PostJson(
        "/api/territories", json({{"team_id", team_id}, {"region", "kanto"}, {"policy_domain", "防災"}}).dump(), 201);
    EXPECT_EQ(terr["region"], "kanto");
    EXPECT_EQ(world.GetJson("/api/teams/" + std::to_string(team_id), 200)["territories"].size(), 1u);
    world.DeleteJson("/api/territories/" + std::to_string(terr["id"].get<long long>()), 200);
    world.DeleteJson("/api/territories/" + std::to_string(terr["id"].get<long long>()), 404);

    // Absences: a member absent today (2026-11-27) shows so on the team.
    EXPECT_EQ(Fields(world.PostJson(
                  "/api/absences",
                  json({{"user_id", a}, {"starts_on", "2026-11-30"}, {"ends_on", "2026-11-20"}}).dump(), 400)),
              std::vector<std::string>{"ends_on"});
    json absence = world.PostJson(
        "/api/absences",
        json({{"user_id", a}, {"starts_on", "2026-11-25"}, {"ends_on", "2026-11-30"}, {"reason", "年休"}}).dump(), 201);
    EXPECT_EQ(absence["user_name"], "bousai-a");
    json team = world.GetJson("/api/teams/" + std::to_string(team_id), 200);
    for (const auto& m : team["members"]) {
        EXPECT_EQ(m["absent_today"], m["id"] == a) << m.dump();
        if (m["id"] == a) {
            EXPECT_EQ(m["absent_until"], "2026-11-30");
        }
    }
    EXPECT_EQ(world.GetJson("/api/absences", 200)["items"].size(), 1u);
    world.DeleteJson("/api/absences/" + std::to_string(absence["id"].get<long long>()), 200);
    EXPECT_EQ(world.GetJson("/api/absences", 200)["items"].size(), 0u);
}

TEST(RoutingApiTest, LeadsAreRoutedRecordedSimulatedAndRerouted) {
    testing::ApiTestWorld world("routing-leads", Seed);
    long long a = 0, b = 0, other = 0;
    (void)world.CreateUserToken("route-mgr", "manager", "防災チーム");
    (void)world.CreateUserToken("route-a", "bdr", "防災チーム", {}, &a);
    (void)world.CreateUserToken("route-b", "bdr", "防災チーム", {}, &b);
    (void)world.CreateUserToken("route-other", "field_sales", "東チーム", {}, &other);
    const long long team_id = world.GetJson("/api/teams", 200)["items"][1]["id"];  // 東チーム, 防災チーム by name
    ASSERT_EQ(world.GetJson("/api/teams/" + std::to_string(team_id), 200)["name"], "防災チーム");

    const std::string lead =
        R"({"source":"inquiry","government_code":"133086","title":"防災の相談","product_id":1,"owner_id":null})";
    // No rules: the lead stays unassigned and nothing is recorded, as before routing existed.
    json first = world.PostJson("/api/leads", lead, 201);
    EXPECT_TRUE(first["owner_id"].is_null());
    EXPECT_EQ(world.GetJson("/api/leads/" + std::to_string(first["id"].get<long long>()) + "/assignments", 200)["items"]
                  .size(),
              0u);

    // Bad rules are refused naming each field.
    json bad = world.PostJson("/api/routing-rules",
                              json({{"name", "x"},
                                    {"team_id", team_id},
                                    {"strategy", "named_owner"},
                                    {"conditions", {{"regions", {"mars"}}, {"sources", {"pigeon"}}}}})
                                  .dump(),
                              400);
    EXPECT_EQ(Fields(bad), (std::vector<std::string>{"owner_id", "conditions.sources[0]", "conditions.regions[0]"}));
    EXPECT_EQ(world.GetJson("/api/routing-rules", 200)["items"].size(), 0u);

    // Rule 1: 子育て leads go to route-other; rule 2: 防災 × 町村 → 防災チーム, weights a:3, b:1.
    json kosodate = world.PostJson("/api/routing-rules",
                                   json({{"name", "子育ては東へ"},
                                         {"team_id", world.GetJson("/api/teams", 200)["items"][0]["id"]},
                                         {"strategy", "named_owner"},
                                         {"owner_id", other},
                                         {"conditions", {{"policy_domains", {"子育て"}}}}})
                                       .dump(),
                                   201);
    json rule = world.PostJson("/api/routing-rules",
                               json({{"name", "防災の町村"},
                                     {"team_id", team_id},
                                     {"strategy", "round_robin"},
                                     {"conditions",
                                      {{"policy_domains", {"防災"}},
                                       {"government_kinds", {"town", "village"}},
                                       {"population_bands", {"under_10k"}}}},
                                     {"weights", {{{"user_id", a}, {"weight", 3}}, {{"user_id", b}, {"weight", 1}}}}})
                                   .dump(),
                               201);
    EXPECT_EQ(rule["position"], 2);
    EXPECT_EQ(rule["conditions_ja"], "防災 × 町村 × 1万人未満");

    // The simulator writes nothing: asked twice, it answers the same.
    const std::string sim = R"({"source":"inquiry","government_code":"133086","product_id":1})";
    json s1 = world.PostJson("/api/routing/simulate", sim, 200);
    json s2 = world.PostJson("/api/routing/simulate", sim, 200);
    EXPECT_EQ(s1["user_id"], a);
    EXPECT_EQ(s2["user_id"], a);
    EXPECT_EQ(s1["reason"], "ルール2: 防災 × 町村 × 1万人未満 → 防災チーム（重み付きラウンドロビン）");
    EXPECT_EQ(s1["facts"]["population"], 4800);

    // Eight leads with weights 3:1 (smooth weighted round robin, by hand): a a b a a a b a.
    std::vector<long long> owners;
    std::vector<long long> lead_ids;
    for (int i = 0; i < 8; ++i) {
        json made = world.PostJson("/api/leads", lead, 201);
        owners.push_back(made["owner_id"].is_null() ? 0 : made["owner_id"].get<long long>());
        lead_ids.push_back(made["id"]);
    }
    EXPECT_EQ(owners, (std::vector<long long>{a, a, b, a, a, a, b, a}));
    json history = world.GetJson("/api/leads/" + std::to_string(lead_ids[0]) + "/assignments", 200);
    ASSERT_EQ(history["items"].size(), 1u);
    EXPECT_EQ(history["items"][0]["kind"], "routed");
    EXPECT_EQ(history["items"][0]["user_id"], a);
    EXPECT_EQ(history["items"][0]["rule_name"], "防災の町村");
    EXPECT_EQ(history["items"][0]["reason"], "ルール2: 防災 × 町村 × 1万人未満 → 防災チーム（重み付きラウンドロビン）");

    // A 子育て lead goes to the named owner; a lead no rule matches stays unassigned with the reason.
    json kid = world.PostJson(
        "/api/leads",
        R"({"source":"seminar","government_code":"133086","title":"子育て","product_id":2,"owner_id":null})", 201);
    EXPECT_EQ(kid["owner_id"], other);
    json none = world.PostJson(
        "/api/leads", R"({"source":"seminar","government_code":"131016","title":"千代田区","owner_id":null})", 201);
    EXPECT_TRUE(none["owner_id"].is_null());
    json none_history =
        world.GetJson("/api/leads/" + std::to_string(none["id"].get<long long>()) + "/assignments", 200);
    ASSERT_EQ(none_history["items"].size(), 1u);
    EXPECT_TRUE(none_history["items"][0]["user_id"].is_null());
    EXPECT_EQ(none_history["items"][0]["reason"], "該当ルールなし");

    // Reorder: the 防災 rule first.
    json reordered = world.PostJson(
        "/api/routing-rules/reorder",
        json({{"rule_ids", {rule["id"].get<long long>(), kosodate["id"].get<long long>()}}}).dump(), 200);
    EXPECT_EQ(reordered["items"][0]["id"], rule["id"]);
    EXPECT_EQ(reordered["items"][0]["position"], 1);
    world.PostJson("/api/routing-rules/reorder", json({{"rule_ids", {rule["id"].get<long long>()}}}).dump(), 400);

    // route-a is away from 11-25 to 12-10: the next lead goes to route-b and says why.
    world.PostJson(
        "/api/absences",
        json({{"user_id", a}, {"starts_on", "2026-11-25"}, {"ends_on", "2026-12-10"}, {"reason", "育休"}}).dump(), 201);
    json skipped = world.PostJson("/api/leads", lead, 201);
    EXPECT_EQ(skipped["owner_id"], b);
    json skipped_history =
        world.GetJson("/api/leads/" + std::to_string(skipped["id"].get<long long>()) + "/assignments", 200);
    EXPECT_EQ(skipped_history["items"][0]["reason"],
              "ルール1: 防災 × 町村 × 1万人未満 → 防災チーム（重み付きラウンドロビン）／不在のため除外: route-a");

    // Re-routing: route-a's six open leads; 12-10 is 9 business days after 11-27 (> 3).
    json rerouted = world.PostJson("/api/routing/reroute", "", 200);
    EXPECT_EQ(rerouted["checked"], 6);
    ASSERT_EQ(rerouted["rerouted"].size(), 6u);
    for (const auto& r : rerouted["rerouted"]) {
        EXPECT_EQ(r["from_user_id"], a);
        EXPECT_EQ(r["to_user_id"], b);
    }
    json moved = world.GetJson("/api/leads/" + std::to_string(lead_ids[0]), 200);
    EXPECT_EQ(moved["owner_id"], b);
    json moved_history = world.GetJson("/api/leads/" + std::to_string(lead_ids[0]) + "/assignments", 200);
    ASSERT_EQ(moved_history["items"].size(), 2u);
    EXPECT_EQ(moved_history["items"][0]["kind"], "rerouted");
    EXPECT_EQ(moved_history["items"][0]["previous_user_id"], a);
    EXPECT_EQ(moved_history["items"][0]["reason"].get<std::string>().rfind(
                  "担当者不在（12/10まで）のため再割当: ルール1:", 0),
              0u)
        << moved_history.dump();
    // Nothing left to move the second time.
    EXPECT_EQ(world.PostJson("/api/routing/reroute", "", 200)["rerouted"].size(), 0u);

    // An owner changed by hand is a manual assignment.
    world.PatchJson("/api/leads/" + std::to_string(lead_ids[1]), json({{"owner_id", other}}).dump(), 200);
    json manual = world.GetJson("/api/leads/" + std::to_string(lead_ids[1]) + "/assignments", 200);
    EXPECT_EQ(manual["items"][0]["kind"], "manual");
    EXPECT_EQ(manual["items"][0]["previous_user_id"], b);

    // Every change is audited: rules, absences, routed and re-routed leads.
    auto entries = world.store().audit().ReadAfter(0, 10'000);
    ASSERT_TRUE(entries.ok());
    std::map<std::string, int> actions;
    for (const auto& e : *entries) ++actions[e.action];
    EXPECT_EQ(actions["routing_rule.create"], 2);
    EXPECT_EQ(actions["routing_rule.reorder"], 1);
    EXPECT_EQ(actions["absence.create"], 1);
    EXPECT_EQ(actions["lead.route"], 11);  // 8 round robin, 子育て, no match, the skip (not the rule-less first)
    EXPECT_EQ(actions["lead.reroute"], 6);
    world.DeleteJson("/api/routing-rules/" + std::to_string(kosodate["id"].get<long long>()), 200);
    json left = world.GetJson("/api/routing-rules", 200);
    ASSERT_EQ(left["items"].size(), 1u);
    EXPECT_EQ(left["items"][0]["position"], 1);
}

}  // namespace
}  // namespace kyoso::api
