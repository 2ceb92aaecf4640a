// The note-analysis routes (docs/ml.md "Note analysis and the optional LLM"): analyse a
// pasted text, a stored activity and a deal's activities; the LLM routes answer 503
// while no LLM is configured and use it once it is; record-level sharing applies.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

// A language model that echoes what it was given.
class FakeLlm final : public ports::LanguageModel {
public:
    Result<std::string> Summarise(const std::vector<std::string>& notes) override {
        return "要約(" + std::to_string(notes.size()) + "件): " + notes.back();
    }
    Result<std::string> DraftFollowUpMail(const ports::FollowUpContext& c) override {
        std::string out = "件名: " + c.deal_title + " 宛先: " + c.government_name + " 差出人: " + c.sender_name;
        for (const auto& s : c.next_steps) out += "\n- " + s;
        return out;
    }
    std::string ModelName() const override { return "fake-model"; }
};

class NotesApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("notes-api", [](sql::SqlStore& store) {
            testing::SeedProductAndTeam(store.sales());  // users 1 and 2, 東日本チーム
        });
        osaka_ = world_->CreateUserToken("osaka-field", "field_sales", "北チーム", {"27"});
        auto& sales = world_->store().sales();
        ASSERT_TRUE(sales.InsertDeals({testing::TestDeal(1, "131016", 1)}).ok());
        auto activity = [](long long id, Date on, const char* notes, const char* outcome) {
            domain::Activity a;
            a.id = id;
            a.deal_id = 1;
            a.government_code = "131016";
            a.user_id = 1;
            a.type = domain::ActivityType::kVisit;
            a.occurred_on = on;
            a.notes = notes;
            a.outcome = outcome;
            return a;
        };
        ASSERT_TRUE(sales
                        .InsertActivities({
                            activity(20, MakeDate(2026, 10, 1), "防災課長と面談。今年度は予算が厳しいとのこと。",
                                     "来年度要求を検討"),
                            activity(21, MakeDate(2026, 11, 20),
                                     "避難所運営の課題をヒアリング。補正で対応できないか財政課に相談予定。"
                                     "次回は12月上旬に見積を持参。",
                                     ""),
                            activity(22, MakeDate(2026, 11, 25), "", ""),
                        })
                        .ok());
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }
    static testing::ApiTestWorld* world_;
    static std::string osaka_;
};

testing::ApiTestWorld* NotesApiTest::world_ = nullptr;
std::string NotesApiTest::osaka_;

TEST_F(NotesApiTest, AnalysesAPastedNote) {
    auto a = world_->PostJson(
        "/api/notes/analyze",
        json{{"text", "年明けに課長へ説明予定。予算がないので令和9年度の当初予算で要求予定。"}, {"date", "2026-12-20"}}
            .dump(),
        200);
    EXPECT_EQ(a["date"], "2026-12-20");
    // 年明け → 2027-01-04..15; 令和9年度 → FY2027.
    ASSERT_EQ(a["dates"].size(), 2u);
    EXPECT_EQ(a["dates"][0]["text"], "年明け");
    EXPECT_EQ(a["dates"][0]["from"], "2027-01-04");
    EXPECT_EQ(a["dates"][0]["to"], "2027-01-15");
    EXPECT_EQ(a["dates"][1]["from"], "2027-04-01");
    EXPECT_EQ(a["dates"][1]["to"], "2028-03-31");
    ASSERT_EQ(a["next_steps"].size(), 2u);
    EXPECT_EQ(a["next_steps"][0]["due_from"], "2027-01-04");
    // 予算がない (negative), 当初予算 (neutral), 要求予定 (positive): the signal is positive.
    ASSERT_EQ(a["budget_cues"].size(), 3u);
    EXPECT_EQ(a["budget_cues"][0]["polarity"], "negative");
    EXPECT_EQ(a["budget_cues"][1]["phrase"], "当初予算");
    EXPECT_EQ(a["budget_cues"][2]["phrase"], "要求予定");
    EXPECT_EQ(a["budget_signal"], "positive");
    EXPECT_TRUE(a["tags"].is_array());
    EXPECT_TRUE(a["keywords"].is_array());
    // Without a date: today (the world's clock, 2026-11-27).
    auto today = world_->PostJson("/api/notes/analyze", R"({"text":"来週訪問"})", 200);
    EXPECT_EQ(today["date"], "2026-11-27");
    EXPECT_EQ(today["dates"][0]["from"], "2026-11-30");  // Friday 11-27: next Monday
}

TEST_F(NotesApiTest, BadBodiesNameTheField) {
    auto no_text = world_->PostJson("/api/notes/analyze", R"({"date":"2026-11-20"})", 400);
    EXPECT_EQ(no_text["error"]["details"][0]["field"], "text");
    auto bad_date = world_->PostJson("/api/notes/analyze", R"({"text":"来週","date":"2026-13-01"})", 400);
    EXPECT_EQ(bad_date["error"]["details"][0]["field"], "date");
    auto empty = world_->PostJson("/api/notes/analyze", R"({"text":"  "})", 400);
    EXPECT_EQ(empty["error"]["details"][0]["field"], "text");
    auto unknown = world_->PostJson("/api/notes/analyze", R"({"text":"x","foo":1})", 400);
    EXPECT_EQ(unknown["error"]["details"][0]["field"], "foo");
}

TEST_F(NotesApiTest, AnalysesAStoredActivity) {
    auto a = world_->GetJson("/api/activities/20/analysis", 200);
    EXPECT_EQ(a["activity_id"], 20);
    EXPECT_EQ(a["deal_id"], 1);
    EXPECT_EQ(a["date"], "2026-10-01");
    EXPECT_EQ(a["text"], "防災課長と面談。今年度は予算が厳しいとのこと。\n結果: 来年度要求を検討");
    ASSERT_EQ(a["budget_cues"].size(), 2u);
    EXPECT_EQ(a["budget_cues"][0]["phrase"], "予算が厳しい");
    EXPECT_EQ(a["budget_cues"][1]["phrase"], "来年度要求");
    EXPECT_EQ(a["tags"][0]["tag"], "防災");
    auto empty = world_->GetJson("/api/activities/22/analysis", 200);  // nothing written: empty, not an error
    EXPECT_EQ(empty["budget_signal"], "none");
    EXPECT_TRUE(empty["next_steps"].empty());
    world_->GetJson("/api/activities/999/analysis", 404);
}

TEST_F(NotesApiTest, AggregatesADealsNotes) {
    auto d = world_->GetJson("/api/deals/1/notes-analysis", 200);
    EXPECT_EQ(d["deal_id"], 1);
    EXPECT_EQ(d["activities"], 3);
    EXPECT_EQ(d["with_text"], 2);
    // Newest activity first: 21's 補正で, then 20's 予算が厳しい and 来年度要求.
    ASSERT_EQ(d["budget_cues"].size(), 3u);
    EXPECT_EQ(d["budget_cues"][0]["phrase"], "補正で");
    EXPECT_EQ(d["budget_cues"][0]["activity_id"], 21);
    EXPECT_EQ(d["budget_cues"][0]["occurred_on"], "2026-11-20");
    EXPECT_EQ(d["budget_signal"], "supplementary");  // the newest non-neutral cue
    // Activity 21's two next steps (相談予定, 次回 12月上旬 = 12-01..12-10; today is 2026-11-27),
    // then 20's 「結果: 来年度要求を検討」 (a future date: 来年度).
    ASSERT_EQ(d["next_steps"].size(), 3u);
    EXPECT_EQ(d["next_steps"][2]["activity_id"], 20);
    EXPECT_EQ(d["next_steps"][2]["due_from"], "2027-04-01");
    EXPECT_EQ(d["next_steps"][1]["sentence"], "次回は12月上旬に見積を持参。");
    EXPECT_EQ(d["next_steps"][1]["due_from"], "2026-12-01");
    EXPECT_EQ(d["next_steps"][1]["due_to"], "2026-12-10");
    EXPECT_EQ(d["next_steps"][1]["upcoming"], true);
    // 防災 (防災, 避難) first.
    EXPECT_EQ(d["tags"][0]["tag"], "防災");
    EXPECT_EQ(d["tags"][0]["hits"], 2);
    world_->GetJson("/api/deals/999/notes-analysis", 404);
}

TEST_F(NotesApiTest, SharingApplies) {
    // Field sales covering Osaka cannot read the Tokyo deal or its activities.
    auto deal = world_->Send("GET", "/api/deals/1/notes-analysis", "", osaka_);
    ASSERT_TRUE(deal);
    EXPECT_TRUE(deal->status == 403 || deal->status == 404) << deal->status;
    auto activity = world_->Send("GET", "/api/activities/20/analysis", "", osaka_);
    ASSERT_TRUE(activity);
    EXPECT_EQ(activity->status, 403);
    // A pasted text is anyone's.
    auto pasted = world_->Send("POST", "/api/notes/analyze", R"({"text":"来週訪問"})", osaka_);
    ASSERT_TRUE(pasted);
    EXPECT_EQ(pasted->status, 200);
}

TEST_F(NotesApiTest, LlmRoutesAre503UntilConfigured) {
    auto status = world_->GetJson("/api/notes/status", 200);
    EXPECT_EQ(status["llm"]["configured"], false);
    EXPECT_TRUE(status["llm"]["model"].is_null());
    auto off = world_->PostJson("/api/notes/summarize", R"({"text":"来週訪問"})", 503);
    EXPECT_NE(off["error"]["message"].get<std::string>().find("LLM not configured"), std::string::npos);
    world_->PostJson("/api/notes/draft-mail", R"({"deal_id":1})", 503);

    FakeLlm fake;
    world_->notes().SetLanguageModel(&fake);
    EXPECT_EQ(world_->GetJson("/api/notes/status", 200)["llm"]["model"], "fake-model");
    auto summary = world_->PostJson("/api/notes/summarize", R"({"deal_id":1})", 200);
    // The deal's two activities with text, dated and typed, oldest first.
    EXPECT_EQ(summary["model"], "fake-model");
    EXPECT_NE(summary["summary"].get<std::string>().find("要約(2件): 2026-11-20 訪問"), std::string::npos)
        << summary["summary"];
    auto mail = world_->PostJson("/api/notes/draft-mail", R"({"deal_id":1})", 200);
    const std::string draft = mail["draft"];
    EXPECT_NE(draft.find("宛先: 千代田区"), std::string::npos) << draft;
    EXPECT_NE(draft.find("次回は12月上旬に見積を持参。（2026-12-01〜2026-12-10）"), std::string::npos) << draft;
    auto both = world_->PostJson("/api/notes/summarize", R"({"text":"x","deal_id":1})", 400);
    EXPECT_EQ(both["error"]["details"][0]["field"], "deal_id");
    auto other = world_->Send("POST", "/api/notes/summarize", R"({"deal_id":1})", osaka_);
    ASSERT_TRUE(other);
    EXPECT_TRUE(other->status == 403 || other->status == 404) << other->status;
    world_->notes().SetLanguageModel(nullptr);
}

}  // namespace
}  // namespace kyoso::api
