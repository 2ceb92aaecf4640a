// Hand-offs between sales roles (docs/division-of-labour.md, "Hand-offs and SLAs"): the
// checklist rule, who may accept/return/cancel, ownership moves on acceptance, the SLA
// in business days, the sweep's breach and escalation, type settings and compliance.
// Today is Friday 2026-11-27 (the world's fixed clock).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class HandoffApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("handoff-api");
        bdr_ = world_->CreateUserToken("ho-bdr", "bdr", "東チーム", {}, &bdr_id_);
        bdr2_ = world_->CreateUserToken("ho-bdr2", "bdr", "東チーム", {}, &bdr2_id_);
        is_ = world_->CreateUserToken("ho-is", "inside_sales", "東チーム", {}, &is_id_);
        fs_ = world_->CreateUserToken("ho-fs", "field_sales", "東チーム", {}, &fs_id_);
        cs_ = world_->CreateUserToken("ho-cs", "customer_success", "西チーム", {}, &cs_id_);
        manager_ = world_->CreateUserToken("ho-manager", "manager", "東チーム", {}, &manager_id_);
        json p = world_->PostJson("/api/products",
                                  R"({"name":"引継ぎテスト製品","policy_domains":["防災"],"price_min":100,)"
                                  R"("price_max":1000,"keywords":["引継ぎ"]})",
                                  201);
        product_id_ = p["id"].get<long long>();
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Call(const std::string& method, const std::string& path, const json& body, const std::string& token,
                     int expect_status) {
        const std::string text = body.is_null() ? "" : body.dump();
        auto res = world_->Send(method, path, text, token);
        EXPECT_TRUE(res) << method << " " << path;
        if (!res) return {};
        EXPECT_EQ(res->status, expect_status) << method << " " << path << " " << text << " -> " << res->body;
        return json::parse(res->body, nullptr, false);
    }
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"].get<std::string>());
        return out;
    }
    static long long NewLead(long long owner, const std::string& title) {
        json l = world_->PostJson("/api/leads",
                                  json({{"source", "seminar"},
                                        {"government_code", "131016"},
                                        {"product_id", product_id_},
                                        {"owner_id", owner},
                                        {"title", title}})
                                      .dump(),
                                  201);
        return l["id"].get<long long>();
    }
    static long long NewDeal(long long owner, domain::Stage stage) {
        domain::Deal d;
        d.government_code = "131016";
        d.product_id = product_id_;
        d.owner_id = owner;
        d.title = "引継ぎテスト案件";
        d.amount = 1000000;
        d.fiscal_year = 2026;
        d.stage = stage;
        d.created_on = MakeDate(2026, 6, 1);
        if (stage == domain::Stage::kWon) d.closed_on = MakeDate(2026, 11, 2);
        auto id = world_->store().deals().InsertDeal(d);
        EXPECT_TRUE(id.ok()) << id.status().ToString();
        return id.ok() ? *id : 0;
    }
    static json Checklist(const std::vector<std::string>& items) {
        json out = json::array();
        for (const auto& i : items) out.push_back({{"item", i}, {"checked", true}});
        return out;
    }
    static json BdrChecklist() { return Checklist({"課題・関心", "担当者と決裁者", "予算状況", "次の接点"}); }

    static testing::ApiTestWorld* world_;
    static std::string bdr_, bdr2_, is_, fs_, cs_, manager_;
    static long long bdr_id_, bdr2_id_, is_id_, fs_id_, cs_id_, manager_id_, product_id_;
};

testing::ApiTestWorld* HandoffApiTest::world_ = nullptr;
std::string HandoffApiTest::bdr_, HandoffApiTest::bdr2_, HandoffApiTest::is_, HandoffApiTest::fs_, HandoffApiTest::cs_,
    HandoffApiTest::manager_;
long long HandoffApiTest::bdr_id_ = 0, HandoffApiTest::bdr2_id_ = 0, HandoffApiTest::is_id_ = 0,
          HandoffApiTest::fs_id_ = 0, HandoffApiTest::cs_id_ = 0, HandoffApiTest::manager_id_ = 0,
          HandoffApiTest::product_id_ = 0;

TEST_F(HandoffApiTest, TypesAreSeededWithTheirChecklistsAndSlas) {
    json types = Call("GET", "/api/handoff-types", nullptr, bdr_, 200);
    ASSERT_EQ(types["items"].size(), 3u);
    EXPECT_EQ(types["items"][0]["kind"], "bdr_to_is");
    EXPECT_EQ(types["items"][0]["checklist"], json({"課題・関心", "担当者と決裁者", "予算状況", "次の接点"}));
    EXPECT_EQ(types["items"][0]["sla_business_days"], 1);
    EXPECT_EQ(types["items"][1]["kind"], "is_to_fs");
    EXPECT_EQ(types["items"][1]["to_role"], "field_sales");
    EXPECT_EQ(types["items"][2]["kind"], "fs_to_cs");
    EXPECT_EQ(Call("GET", "/api/handoff-types/fs_to_cs", nullptr, cs_, 200)["sla_business_days"], 3);
    Call("GET", "/api/handoff-types/nope", nullptr, cs_, 404);
}

TEST_F(HandoffApiTest, CreateChecksTheChecklistTheReceiverAndTheOwner) {
    const long long lead = NewLead(bdr_id_, "防災セミナー参加 (作成検査)");
    json base = {{"kind", "bdr_to_is"}, {"lead_id", lead}, {"to_user_id", is_id_}, {"note", "よろしく"}};

    json missing = base;
    missing["checklist"] = Checklist({"課題・関心", "担当者と決裁者", "予算状況"});
    EXPECT_EQ(Fields(Call("POST", "/api/handoffs", missing, bdr_, 400)), std::vector<std::string>{"checklist"});

    json na_without_note = base;
    na_without_note["checklist"] = BdrChecklist();
    na_without_note["checklist"][2] = {{"item", "予算状況"}, {"not_applicable", true}};
    EXPECT_EQ(Fields(Call("POST", "/api/handoffs", na_without_note, bdr_, 400)),
              std::vector<std::string>{"checklist[2]"});

    json wrong_role = base;
    wrong_role["checklist"] = BdrChecklist();
    wrong_role["to_user_id"] = fs_id_;
    EXPECT_EQ(Fields(Call("POST", "/api/handoffs", wrong_role, bdr_, 400)), std::vector<std::string>{"to_user_id"});

    json ok = base;
    ok["checklist"] = BdrChecklist();
    ok["checklist"][2] = {{"item", "予算状況"}, {"not_applicable", true}, {"notes", "来年度予算は未着手"}};
    Call("POST", "/api/handoffs", ok, bdr2_, 403);  // not the lead's owner

    json deal_kind = ok;
    deal_kind["kind"] = "fs_to_cs";
    EXPECT_EQ(Fields(Call("POST", "/api/handoffs", deal_kind, bdr_, 400)), std::vector<std::string>{"lead_id"});

    json created = Call("POST", "/api/handoffs", ok, bdr_, 201);
    EXPECT_EQ(created["status"], "pending");
    EXPECT_EQ(created["created_on"], "2026-11-27");
    // Friday 11/27 + 1 business day: Sat, Sun closed → Monday 11/30.
    EXPECT_EQ(created["due_on"], "2026-11-30");
    EXPECT_EQ(created["business_days_left"], 1);
    EXPECT_EQ(created["breached"], false);
    EXPECT_EQ(created["checklist"][2]["not_applicable"], true);
    EXPECT_EQ(created["subject_title"], "防災セミナー参加 (作成検査)");
    Call("POST", "/api/handoffs", ok, bdr_, 409);  // one pending hand-off per lead
}

TEST_F(HandoffApiTest, ReturnKeepsTheLeadAcceptMovesIt) {
    const long long lead = NewLead(bdr_id_, "問合せ (受け渡し)");
    json body = {{"kind", "bdr_to_is"}, {"lead_id", lead}, {"to_user_id", is_id_}, {"checklist", BdrChecklist()}};
    json first = Call("POST", "/api/handoffs", body, bdr_, 201);
    const std::string path = "/api/handoffs/" + std::to_string(first["id"].get<long long>());

    json inbox = Call("GET", "/api/handoffs?box=incoming&status=pending", nullptr, is_, 200);
    bool seen = false;
    for (const auto& h : inbox["items"]) seen = seen || h["id"] == first["id"];
    EXPECT_TRUE(seen) << inbox.dump();
    Call("GET", path, nullptr, cs_, 404);  // not a party

    Call("POST", path + "/accept", nullptr, bdr_, 403);  // only the receiver
    EXPECT_EQ(Fields(Call("POST", path + "/return", json({{"reason", " "}}), is_, 400)),
              std::vector<std::string>{"return_reason"});
    json returned = Call("POST", path + "/return", json({{"reason", "決裁者が未確認"}}), is_, 200);
    EXPECT_EQ(returned["status"], "returned");
    EXPECT_EQ(returned["return_reason"], "決裁者が未確認");
    EXPECT_EQ(world_->GetJson("/api/leads/" + std::to_string(lead), 200)["owner_id"], bdr_id_);
    Call("POST", path + "/accept", nullptr, is_, 422);  // returned is final

    json again = Call("POST", "/api/handoffs", body, bdr_, 201);
    json accepted =
        Call("POST", "/api/handoffs/" + std::to_string(again["id"].get<long long>()) + "/accept", nullptr, is_, 200);
    EXPECT_EQ(accepted["status"], "accepted");
    EXPECT_EQ(accepted["responded_on"], "2026-11-27");
    json l = world_->GetJson("/api/leads/" + std::to_string(lead), 200);
    EXPECT_EQ(l["owner_id"], is_id_);
    EXPECT_EQ(l["status"], "working");

    // IS hands the lead on to field sales, who gets it qualified.
    json to_fs = Call("POST", "/api/handoffs",
                      json({{"kind", "is_to_fs"},
                            {"lead_id", lead},
                            {"to_user_id", fs_id_},
                            {"checklist", Checklist({"面談日程", "予算要求の時期", "競合", "調達方式の見込み"})}}),
                      is_, 201);
    // Friday + 2 business days: Mon 11/30, Tue 12/1.
    EXPECT_EQ(to_fs["due_on"], "2026-12-01");
    Call("POST", "/api/handoffs/" + std::to_string(to_fs["id"].get<long long>()) + "/accept", nullptr, fs_, 200);
    l = world_->GetJson("/api/leads/" + std::to_string(lead), 200);
    EXPECT_EQ(l["owner_id"], fs_id_);
    EXPECT_EQ(l["status"], "qualified");
}

TEST_F(HandoffApiTest, CustomerSuccessJoinsTheTeamOfAWonDeal) {
    const json checklist = Checklist({"契約内容", "導入スケジュール", "成果指標の合意", "主要担当者"});
    const long long open_deal = NewDeal(fs_id_, domain::Stage::kBidding);
    json refused =
        Call("POST", "/api/handoffs",
             json({{"kind", "fs_to_cs"}, {"deal_id", open_deal}, {"to_user_id", cs_id_}, {"checklist", checklist}}),
             fs_, 422);
    EXPECT_EQ(Fields(refused), std::vector<std::string>{"deal_id"});

    const long long won = NewDeal(fs_id_, domain::Stage::kWon);
    json h = Call("POST", "/api/handoffs",
                  json({{"kind", "fs_to_cs"}, {"deal_id", won}, {"to_user_id", cs_id_}, {"checklist", checklist}}), fs_,
                  201);
    // Friday + 3: Mon 11/30, Tue 12/1, Wed 12/2.
    EXPECT_EQ(h["due_on"], "2026-12-02");
    Call("POST", "/api/handoffs/" + std::to_string(h["id"].get<long long>()) + "/cancel", nullptr, cs_, 403);
    Call("POST", "/api/handoffs/" + std::to_string(h["id"].get<long long>()) + "/accept", nullptr, cs_, 200);
    json deal = world_->GetJson("/api/deals/" + std::to_string(won), 200);
    EXPECT_EQ(deal["owner_id"], fs_id_);
    bool cs_on_team = false;
    for (const auto& m : deal["team"]) cs_on_team = cs_on_team || (m["user_id"] == cs_id_);
    EXPECT_TRUE(cs_on_team) << deal["team"].dump();
}

TEST_F(HandoffApiTest, SenderOrManagerCancels) {
    const long long lead = NewLead(bdr_id_, "キャンセル検査");
    json body = {{"kind", "bdr_to_is"}, {"lead_id", lead}, {"to_user_id", is_id_}, {"checklist", BdrChecklist()}};
    json h = Call("POST", "/api/handoffs", body, bdr_, 201);
    const std::string path = "/api/handoffs/" + std::to_string(h["id"].get<long long>());
    Call("POST", path + "/cancel", nullptr, is_, 403);
    EXPECT_EQ(Call("POST", path + "/cancel", nullptr, bdr_, 200)["status"], "cancelled");
    json h2 = Call("POST", "/api/handoffs", body, bdr_, 201);
    EXPECT_EQ(Call("POST", "/api/handoffs/" + std::to_string(h2["id"].get<long long>()) + "/cancel", nullptr, manager_,
                   200)["status"],
              "cancelled");
}

TEST_F(HandoffApiTest, TheSweepMarksBreachesAndEscalatesToTheReceiversManagerOnce) {
    const long long lead = NewLead(bdr_id_, "期限超過検査");
    ports::HandoffRecord r;
    r.kind = "bdr_to_is";
    r.lead_id = lead;
    r.from_user_id = bdr_id_;
    r.to_user_id = is_id_;
    r.status = "pending";
    r.checklist = {{"課題・関心", true, false, ""}};
    r.created_on = "2026-11-20";
    r.created_at = "2026-11-20T01:00:00Z";
    // Fri 11/20 + 1: Sat, Sun, Mon 11/23 勤労感謝の日 closed → Tue 11/24.
    r.due_on = "2026-11-24";
    auto id = world_->store().handoffs().Insert(r);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    Call("POST", "/api/handoffs/sweep", nullptr, bdr_, 403);
    json swept = Call("POST", "/api/handoffs/sweep", nullptr, manager_, 200);
    EXPECT_GE(swept["breached"].get<long long>(), 1);
    EXPECT_GE(swept["escalated"].get<long long>(), 1);
    json h = Call("GET", "/api/handoffs/" + std::to_string(*id), nullptr, manager_, 200);
    EXPECT_EQ(h["breached"], true);
    EXPECT_EQ(h["breached_on"], "2026-11-25");
    // (11/24, 11/27] holds Wed 25, Thu 26, Fri 27: three business days overdue.
    EXPECT_EQ(h["business_days_left"], -3);
    EXPECT_EQ(h["escalated"], true);
    EXPECT_EQ(h["escalated_to_user_id"], manager_id_);
    EXPECT_EQ(h["escalated_on"], "2026-11-27");
    // Escalate at breach (bdr_to_is: 0): the first business day after 11/24 is Wed 11/25.
    EXPECT_EQ(h["escalate_on"], "2026-11-25");
    json again = Call("POST", "/api/handoffs/sweep", nullptr, manager_, 200);
    EXPECT_EQ(again, json({{"breached", 0}, {"escalated", 0}}));

    json team = Call("GET", "/api/handoffs?box=team&breached=true", nullptr, manager_, 200);
    bool seen = false;
    for (const auto& t : team["items"]) seen = seen || t["id"] == *id;
    EXPECT_TRUE(seen) << team.dump();
    json alerts = Call("GET", "/api/alerts", nullptr, manager_, 200);
    long long escalations = 0;
    for (const auto& a : alerts["items"]) escalations += a["kind"] == "handoff_escalation" ? 1 : 0;
    EXPECT_EQ(escalations, 1) << alerts.dump();
    Call("GET", "/api/handoffs?box=nope", nullptr, manager_, 400);
    Call("GET", "/api/handoffs?breached=maybe", nullptr, manager_, 400);
}

TEST_F(HandoffApiTest, ManagersEditTypesAndSeeCompliance) {
    Call("PUT", "/api/handoff-types/is_to_fs", json({{"sla_business_days", 3}}), bdr_, 403);
    EXPECT_EQ(Fields(Call("PUT", "/api/handoff-types/is_to_fs",
                          json({{"sla_business_days", -1}, {"checklist", json::array({"a", "a"})}}), manager_, 400)),
              (std::vector<std::string>{"checklist[1]", "sla_business_days"}));
    json t = Call("PUT", "/api/handoff-types/is_to_fs",
                  json({{"sla_business_days", 3}, {"escalate_after_business_days", 2}}), manager_, 200);
    EXPECT_EQ(t["sla_business_days"], 3);
    EXPECT_EQ(t["escalate_after_business_days"], 2);
    EXPECT_EQ(t["checklist"].size(), 4u);
    Call("PUT", "/api/handoff-types/is_to_fs", json({{"sla_business_days", 2}, {"escalate_after_business_days", 1}}),
         manager_, 200);

    json c = Call("GET", "/api/handoffs/compliance?from=2026-04-01&to=2026-11-27", nullptr, manager_, 200);
    ASSERT_EQ(c["items"].size(), 3u);
    EXPECT_EQ(c["items"][0]["kind"], "bdr_to_is");
    Call("GET", "/api/handoffs/compliance?from=yesterday", nullptr, manager_, 400);
}

}  // namespace
}  // namespace kyoso::api
