#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "kyoso/app/notes/note_analyzer.hpp"
#include "kyoso/http/openai_language_model.hpp"
#include "kyoso/mecab/mecab_tokenizer.hpp"
#include "test_support.hpp"

namespace kyoso {
namespace {

using nlohmann::json;

const ports::Tokenizer* Mecab() {
    static auto tokenizer = mecab::MecabTokenizer::Open();
    return tokenizer.ok() ? tokenizer->get() : nullptr;
}

// A field-sales note as people write them (the names are made up).
constexpr const char* kNote =
    "情報政策課の佐藤課長と面談。電子申請サービスの導入について説明し、書かない窓口との連携に関心あり。"
    "今年度は予算がないが、来年度要求する方向で検討します。\n"
    "・次回は来週、参考見積を持参予定。\n"
    "・見積は11月末までに送付します。\n"
    "子育て世帯向けのオンライン申請も話題に。";

TEST(NoteAnalyzerTest, AnalysesARealLookingNote) {
    const testing::FixedClock clock(MakeDate(2026, 11, 20));
    app::NoteAnalyzer analyzer(nullptr, clock, Mecab());
    auto a = analyzer.Analyze(kNote, MakeDate(2026, 11, 20));
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    // Budget: 予算がない (negative), then 来年度要求 (positive): the newest statement wins.
    ASSERT_EQ(a->budget_cues.size(), 2u);
    EXPECT_EQ(a->budget_cues[0].phrase, "予算がない");
    EXPECT_EQ(a->budget_cues[0].polarity, "negative");
    EXPECT_EQ(a->budget_cues[1].phrase, "来年度要求");
    EXPECT_EQ(a->budget_signal, "positive");
    // Next steps: 検討します (今年度 → from the note date), 次回…予定 (来週 = Mon 11-23..Fri 11-27),
    // までに送付します (11月末 = 11-25..11-30).
    ASSERT_EQ(a->next_steps.size(), 3u);
    EXPECT_EQ(FormatIsoDate(*a->next_steps[0].due_from), "2026-11-20");
    EXPECT_EQ(a->next_steps[1].sentence, "次回は来週、参考見積を持参予定。");
    EXPECT_EQ(FormatIsoDate(*a->next_steps[1].due_from), "2026-11-23");
    EXPECT_EQ(FormatIsoDate(*a->next_steps[1].due_to), "2026-11-27");
    EXPECT_EQ(FormatIsoDate(*a->next_steps[2].due_from), "2026-11-25");
    EXPECT_EQ(FormatIsoDate(*a->next_steps[2].due_to), "2026-11-30");
    // Tags: DX (電子申請, オンライン, 書かない窓口: 3 hits) before 子育て (1).
    ASSERT_GE(a->tags.size(), 2u);
    EXPECT_EQ(a->tags[0].tag, "DX");
    EXPECT_EQ(a->tags[0].hits, 3);
    EXPECT_EQ(a->tags[1].tag, "子育て");
    // Dates in text order: 今年度, 来年度, 来週, 11月末.
    ASSERT_EQ(a->dates.size(), 4u);
    EXPECT_EQ(a->dates[1].text, "来年度");
    EXPECT_EQ(FormatIsoDate(a->dates[1].from), "2027-04-01");
    if (!Mecab()) GTEST_SKIP() << "no MeCab dictionary: keywords not checked";
    EXPECT_TRUE(a->tokenizer);
    bool has_compound = false;
    for (const auto& k : a->keywords) has_compound = has_compound || k.term == "電子申請";
    EXPECT_TRUE(has_compound);
    EXPECT_LE(a->keywords.size(), 10u);
    for (size_t i = 1; i < a->keywords.size(); ++i) EXPECT_GE(a->keywords[i - 1].score, a->keywords[i].score);
}

TEST(NoteAnalyzerTest, RefusesEmptyAndOversizedText) {
    const testing::FixedClock clock(MakeDate(2026, 11, 20));
    app::NoteAnalyzer analyzer(nullptr, clock, static_cast<const ports::Tokenizer*>(nullptr));
    auto empty = analyzer.Analyze("  \n", MakeDate(2026, 11, 20));
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.status().details().at(0).field, "text");
    auto big = analyzer.Analyze(std::string(app::kMaxNoteBytes + 1, 'a'), MakeDate(2026, 11, 20));
    EXPECT_FALSE(big.ok());
    auto stored = analyzer.AnalyzeActivity(1);  // no store
    EXPECT_EQ(stored.status().code(), ErrorCode::kFailedPrecondition);
    // Without keywords the rest still works.
    auto a = analyzer.Analyze("来週訪問予定。", MakeDate(2026, 11, 20));
    ASSERT_TRUE(a.ok());
    EXPECT_FALSE(a->tokenizer);
    EXPECT_TRUE(a->keywords.empty());
    EXPECT_EQ(a->next_steps.size(), 1u);
}

TEST(NoteAnalyzerTest, WithoutAnLlmSummariesAreUnavailable) {
    const testing::FixedClock clock(MakeDate(2026, 11, 20));
    app::NoteAnalyzer analyzer(nullptr, clock, static_cast<const ports::Tokenizer*>(nullptr));
    EXPECT_FALSE(analyzer.llm_configured());
    auto s = analyzer.Summarise(kNote, 0);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), ErrorCode::kUnavailable);
    EXPECT_NE(s.status().message().find("LLM not configured"), std::string::npos);
    EXPECT_EQ(analyzer.DraftFollowUpMail(kNote, 0, "営業 太郎").status().code(), ErrorCode::kUnavailable);
}

// A fake OpenAI-compatible server on a loopback port: records the last request and
// answers with `reply` (status, body), after `delay`.
class FakeLlmServer {
public:
    FakeLlmServer() {
        server_.Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
            {
                std::lock_guard lock(mu_);
                last_body_ = req.body;
                last_auth_ = req.get_header_value("Authorization");
            }
            std::this_thread::sleep_for(delay_);
            res.status = status_;
            res.set_content(body_, "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~FakeLlmServer() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
    void Reply(int status, std::string body, std::chrono::milliseconds delay = std::chrono::milliseconds(0)) {
        status_ = status;
        body_ = std::move(body);
        delay_ = delay;
    }
    json last_body() {
        std::lock_guard lock(mu_);
        return json::parse(last_body_);
    }
    std::string last_auth() {
        std::lock_guard lock(mu_);
        return last_auth_;
    }

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mu_;
    std::string last_body_, last_auth_;
    int status_ = 200;
    std::string body_;
    std::chrono::milliseconds delay_{0};
};

std::string Completion(const std::string& content) {
    return json{
        {"id", "chatcmpl-1"},
        {"object", "chat.completion"},
        {"choices",
         json::array(
             {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}}, {"finish_reason", "stop"}}})}}
        .dump();
}

TEST(OpenAiLanguageModelTest, SendsTheNotesAndReturnsTheCompletion) {
    FakeLlmServer fake;
    fake.Reply(200, Completion("要約: 来年度要求の方向。次回は来週訪問。"));
    ::setenv("KYOSO_TEST_LLM_KEY", "sk-test-secret-123", 1);
    auto model = http::OpenAiLanguageModel::Create({fake.url(), "test-model", "KYOSO_TEST_LLM_KEY", 5});
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    const testing::FixedClock clock(MakeDate(2026, 11, 20));
    app::NoteAnalyzer analyzer(nullptr, clock, static_cast<const ports::Tokenizer*>(nullptr), model->get());
    EXPECT_TRUE(analyzer.llm_configured());
    EXPECT_EQ(analyzer.llm_model(), "test-model");
    auto summary = analyzer.Summarise(kNote, 0);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    EXPECT_EQ(*summary, "要約: 来年度要求の方向。次回は来週訪問。");
    const json body = fake.last_body();
    EXPECT_EQ(body["model"], "test-model");
    ASSERT_EQ(body["messages"].size(), 2u);
    EXPECT_EQ(body["messages"][0]["role"], "system");
    EXPECT_EQ(body["messages"][1]["role"], "user");
    EXPECT_NE(body["messages"][1]["content"].get<std::string>().find("来年度要求する方向で検討します"),
              std::string::npos);
    EXPECT_EQ(fake.last_auth(), "Bearer sk-test-secret-123");

    auto mail = analyzer.DraftFollowUpMail(kNote, 0, "営業 太郎");
    ASSERT_TRUE(mail.ok()) << mail.status().ToString();
    const std::string user = fake.last_body()["messages"][1]["content"];
    EXPECT_NE(user.find("差出人: 営業 太郎"), std::string::npos);
    EXPECT_NE(user.find("次回は来週、参考見積を持参予定。"), std::string::npos);  // a next step
}

TEST(OpenAiLanguageModelTest, ErrorsAreClearAndNeverShowTheKey) {
    FakeLlmServer fake;
    ::setenv("KYOSO_TEST_LLM_KEY", "sk-test-secret-123", 1);
    auto model = http::OpenAiLanguageModel::Create({fake.url() + "/chat/completions", "m", "KYOSO_TEST_LLM_KEY", 1});
    ASSERT_TRUE(model.ok());
    auto check = [&](const char* want) {
        auto r = (*model)->Summarise({"メモ"});
        ASSERT_FALSE(r.ok()) << want;
        EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
        EXPECT_NE(r.status().message().find(want), std::string::npos) << r.status().message();
        EXPECT_EQ(r.status().message().find("sk-test-secret"), std::string::npos);
    };
    fake.Reply(500, R"({"error":{"message":"overloaded"}})");
    check("answered HTTP 500");
    fake.Reply(200, "not json");
    check("malformed JSON");
    fake.Reply(200, R"({"choices":[]})");
    check("without choices[0].message.content");
    fake.Reply(200, Completion("late"), std::chrono::milliseconds(2500));
    check("did not answer within 1 s");
}

TEST(OpenAiLanguageModelTest, ConfigurationIsChecked) {
    EXPECT_TRUE(http::ValidateLlmConfig({}).ok());  // empty url: the LLM is off
    EXPECT_EQ(http::ValidateLlmConfig({"ftp://x", "m", "", 30}).details().at(0).field, "llm-url");
    EXPECT_EQ(http::ValidateLlmConfig({"http://127.0.0.1:1/v1", "", "", 30}).details().at(0).field, "llm-model");
    EXPECT_EQ(http::ValidateLlmConfig({"http://127.0.0.1:1/v1", "m", "", 0}).details().at(0).field, "llm-timeout");
    ::unsetenv("KYOSO_TEST_LLM_UNSET");
    auto missing = http::OpenAiLanguageModel::Create({"http://127.0.0.1:1/v1", "m", "KYOSO_TEST_LLM_UNSET", 5});
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.status().message().find("KYOSO_TEST_LLM_UNSET"), std::string::npos);
    // Nothing listens on port 1: a clear "could not be reached", not a crash.
    auto model = http::OpenAiLanguageModel::Create({"http://127.0.0.1:1/v1", "m", "", 2});
    ASSERT_TRUE(model.ok());
    auto r = (*model)->Summarise({"メモ"});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("could not be reached"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace kyoso
