// Signals before the tender (docs/intel.md): importing council minutes, listing,
// searching, turning a signal into a lead, dismissing. Runs on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api_test_world.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

// The fake matcher: a product matches when one of its keywords occurs in the text; the
// keywords found are the terms (the real one is BM25 over MeCab tokens, docs/intel.md).
class KeywordMatcher final : public ports::ProductMatcher {
public:
    KeywordMatcher(long long product_id, std::vector<std::string> keywords)
        : product_id_(product_id), keywords_(std::move(keywords)) {}
    std::vector<ports::ProductMatch> Match(std::string_view text) const override {
        ports::ProductMatch m{product_id_, 0, {}};
        for (const auto& k : keywords_) {
            if (text.find(k) != std::string_view::npos) {
                m.terms.push_back(k);
                m.score += 4;
            }
        }
        if (m.terms.empty()) return {};
        return {m};
    }

private:
    long long product_id_;
    std::vector<std::string> keywords_;
};

// Percent-encodes every byte but unreserved ASCII (query values).
std::string UrlEncode(const std::string& s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class SignalApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new testing::ApiTestWorld("signal-api"); }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Call(const std::string& method, const std::string& path, const std::string& body, int expect_status,
                     const std::string& token = "") {
        auto res = world_->Send(method, path, body, token.empty() ? world_->admin_token() : token);
        EXPECT_TRUE(res) << method << " " << path;
        if (!res) return {};
        EXPECT_EQ(res->status, expect_status) << method << " " << path << " -> " << res->body.substr(0, 500);
        return json::parse(res->body, nullptr, false);
    }
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"].get<std::string>());
        return out;
    }
    static json ImportBody(const std::string& file, const std::string& government = "102032") {
        return {{"government_code", government}, {"name", file}, {"document", json::parse(ReadAll(file))}};
    }

    static testing::ApiTestWorld* world_;
};

testing::ApiTestWorld* SignalApiTest::world_ = nullptr;

const std::string kExcerpt = std::string(KYOSO_SOURCE_DIR) + "/tests/data/intel/kiryu-r7-1-excerpt.json";

TEST_F(SignalApiTest, ImportListSearchLeadAndDismiss) {
    json product = Call("POST", "/api/products", R"({"name":"AIチャットボット","price_min":1,"price_max":2})", 201);
    const long long product_id = product["id"].get<long long>();
    world_->SetSignalMatcher(std::make_shared<KeywordMatcher>(product_id, std::vector<std::string>{"チャットボット"}));

    json summary = Call("POST", "/api/signals/import", ImportBody(kExcerpt).dump(), 200);
    EXPECT_EQ(summary["files"], 1);
    EXPECT_EQ(summary["speeches"], 23);
    EXPECT_EQ(summary["matched"], true);
    const long long found = summary["signals"].get<long long>();
    EXPECT_GT(found, 0);
    EXPECT_EQ(summary["inserted"], found);
    // Re-importing the same file adds nothing.
    EXPECT_EQ(Call("POST", "/api/signals/import", ImportBody(kExcerpt).dump(), 200)["inserted"], 0);

    json page = Call("GET", "/api/signals?government=102032&limit=100", "", 200);
    EXPECT_EQ(page["total"], found);
    json commit;
    for (const auto& s : page["items"]) {
        EXPECT_EQ(s["government_code"], "102032");
        EXPECT_EQ(s["spoken_on"], "2025-03-18");
        EXPECT_EQ(s["session"], "令和7年第1回定例会");
        EXPECT_EQ(s["products"][0]["product_id"], product_id);
        EXPECT_EQ(s["products"][0]["terms"][0], "チャットボット");
        EXPECT_NE(s["passage"].get<std::string>().find("チャットボット"), std::string::npos);
        if (s["cue"] == "commit") commit = s;
    }
    // 総務部長's 「システム導入に向けて検討しているところでございます」 (speech 242).
    ASSERT_TRUE(commit.is_object()) << page.dump();
    EXPECT_EQ(commit["speaker"], "青木紀夫");
    EXPECT_EQ(commit["role"], "総務部長");
    EXPECT_EQ(commit["cue_phrase"], "導入に向けて");
    EXPECT_EQ(commit["source_url"],
              "https://ssp.kaigiroku.net/tenant/kiryu/MinuteView.html?council_id=376&schedule_id=2");

    EXPECT_EQ(Call("GET", "/api/signals?cue=commit", "", 200)["total"], 1);
    EXPECT_EQ(Call("GET", "/api/signals?product=" + std::to_string(product_id), "", 200)["total"], found);
    EXPECT_EQ(Call("GET", "/api/signals?product=999999", "", 200)["total"], 0);
    EXPECT_EQ(Call("GET", "/api/signals?from=2025-03-19", "", 200)["total"], 0);
    // Full-text: the index finds the passage, and so does the global search.
    json hits = Call("GET", "/api/signals?q=" + UrlEncode("導入に向けて"), "", 200);
    ASSERT_EQ(hits["total"], 1);
    EXPECT_EQ(hits["items"][0]["id"], commit["id"]);
    json global = Call("GET", "/api/search?types=signal&q=" + UrlEncode("デジタルディバイド"), "", 200);
    EXPECT_FALSE(global["items"].empty());

    const std::string id = std::to_string(commit["id"].get<long long>());
    EXPECT_EQ(Call("GET", "/api/signals/" + id, "", 200)["passage"], commit["passage"]);
    json made = Call("POST", "/api/signals/" + id + "/lead", "", 201);
    EXPECT_EQ(made["lead"]["source"], "signal");
    EXPECT_EQ(made["lead"]["government_code"], "102032");
    EXPECT_EQ(made["lead"]["product_id"], product_id);
    EXPECT_NE(made["lead"]["notes"].get<std::string>().find("青木紀夫（総務部長） 2025-03-18"), std::string::npos);
    EXPECT_EQ(made["signal"]["lead_id"], made["lead"]["id"]);
    Call("GET", "/api/leads/" + std::to_string(made["lead"]["id"].get<long long>()), "", 200);
    Call("POST", "/api/signals/" + id + "/lead", "", 409);

    EXPECT_EQ(Call("POST", "/api/signals/" + id + "/dismiss", "", 200)["dismissed"], true);
    EXPECT_EQ(Call("GET", "/api/signals?cue=commit", "", 200)["total"], 0);
    EXPECT_EQ(Call("GET", "/api/signals?cue=commit&dismissed=true", "", 200)["total"], 1);
    Call("GET", "/api/signals/999999", "", 404);
}

TEST_F(SignalApiTest, BadRequestsNameTheField) {
    EXPECT_EQ(Fields(Call("GET", "/api/signals?cue=maybe", "", 400)), std::vector<std::string>{"cue"});
    EXPECT_EQ(Fields(Call("GET", "/api/signals?from=2025-13-01", "", 400)), std::vector<std::string>{"from"});
    EXPECT_EQ(Fields(Call("GET", "/api/signals?color=red", "", 400)), std::vector<std::string>{"color"});
    EXPECT_EQ(Fields(Call("POST", "/api/signals/import", ImportBody(kExcerpt, "999999").dump(), 400)),
              std::vector<std::string>{"government_code"});
    json bad = {
        {"government_code", "102032"},
        {"name", "bad.json"},
        {"document", {{"session", "令和7年第1回定例会"}, {"councilId", 1}, {"sourceUrl", "u"}, {"schedules", 3}}}};
    json refused = Call("POST", "/api/signals/import", bad.dump(), 400);
    EXPECT_NE(refused["error"]["message"].get<std::string>().find("bad.json: schedules must be an array"),
              std::string::npos)
        << refused.dump();
    // Only roles that may import (managers, administrators) import.
    const std::string bdr = world_->CreateUserToken("signals-bdr", "bdr");
    Call("POST", "/api/signals/import", ImportBody(kExcerpt).dump(), 403, bdr);
    Call("GET", "/api/signals", "", 200, bdr);
}

TEST_F(SignalApiTest, ARealSessionGivesSignalsWithSpeakersAndDates) {
    KYOSO_REQUIRE_SHARED_DATA(path, "jp-kiryu-council/minutes/r7-3-teireikai.json");
    world_->SetSignalMatcher(nullptr);  // cue-only
    json summary = Call("POST", "/api/signals/import", ImportBody(path).dump(), 200);
    EXPECT_EQ(summary["speeches"], 1278);
    EXPECT_EQ(summary["matched"], false);
    EXPECT_GT(summary["signals"].get<long long>(), 20);
    EXPECT_GT(summary["by_cue"]["consider"].get<long long>(), 0);
    json page = Call("GET", "/api/signals?from=2025-09-01&to=2025-09-30&limit=500", "", 200);
    EXPECT_EQ(page["total"], summary["signals"]);
    for (const auto& s : page["items"]) {
        EXPECT_FALSE(s["speaker"].get<std::string>().empty()) << s.dump();
        EXPECT_FALSE(s["role"].get<std::string>().empty()) << s.dump();
        EXPECT_EQ(s["spoken_on"].get<std::string>().substr(0, 8), "2025-09-") << s.dump();
        EXPECT_TRUE(s["products"].empty());
    }
}

}  // namespace
}  // namespace kyoso::api
