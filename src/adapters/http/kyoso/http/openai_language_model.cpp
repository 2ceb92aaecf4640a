#include "kyoso/http/openai_language_model.hpp"

#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace kyoso::http {

namespace {

using nlohmann::json;

bool StartsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
bool EndsWith(const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// "https://host:8443" and "/v1/chat/completions" from the configured URL.
void SplitEndpoint(const std::string& url, std::string* origin, std::string* path) {
    const auto scheme_end = url.find("://");
    const auto path_start = scheme_end == std::string::npos ? std::string::npos : url.find('/', scheme_end + 3);
    *origin = url.substr(0, path_start);
    std::string p = path_start == std::string::npos ? "" : url.substr(path_start);
    while (!p.empty() && p.back() == '/') p.pop_back();
    if (!EndsWith(p, "/chat/completions")) p += "/chat/completions";
    *path = p;
}

// At most `n` bytes of a body for an error message, cut at a character boundary.
std::string Excerpt(const std::string& body, size_t n = 200) {
    if (body.size() <= n) return body;
    size_t cut = n;
    while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
    return body.substr(0, cut) + "…";
}

}  // namespace

Status ValidateLlmConfig(const LlmConfig& config) {
    if (config.url.empty()) return Status::Ok();
    if (!StartsWith(config.url, "http://") && !StartsWith(config.url, "https://")) {
        return InvalidArgument("llm-url must be an http:// or https:// URL",
                               {{"llm-url", "an http(s) URL of an OpenAI-compatible endpoint"}});
    }
    const auto host_start = config.url.find("://") + 3;
    if (host_start >= config.url.size() || config.url[host_start] == '/') {
        return InvalidArgument("llm-url has no host", {{"llm-url", "an http(s) URL with a host"}});
    }
    if (config.model.empty()) {
        return InvalidArgument("llm-model is required with llm-url", {{"llm-model", "the model name to request"}});
    }
    if (config.timeout_seconds < 1 || config.timeout_seconds > 600) {
        return InvalidArgument("llm-timeout must be 1-600 seconds", {{"llm-timeout", "1-600"}});
    }
    return Status::Ok();
}

Result<std::unique_ptr<OpenAiLanguageModel>> OpenAiLanguageModel::Create(const LlmConfig& config) {
    if (config.url.empty()) return InvalidArgument("llm-url is not set", {{"llm-url", "required"}});
    if (Status st = ValidateLlmConfig(config); !st.ok()) return st;
    std::string key;
    if (!config.api_key_env.empty()) {
        const char* value = std::getenv(config.api_key_env.c_str());
        if (!value || !*value) {
            return InvalidArgument("llm-api-key-env names " + config.api_key_env + ", which is not set",
                                   {{"llm-api-key-env", "the name of a set environment variable"}});
        }
        key = value;
    }
    return std::make_unique<OpenAiLanguageModel>(config, std::move(key));
}

OpenAiLanguageModel::OpenAiLanguageModel(LlmConfig config, std::string api_key)
    : config_(std::move(config)), api_key_(std::move(api_key)) {
    SplitEndpoint(config_.url, &origin_, &path_);
}

Result<std::string> OpenAiLanguageModel::Complete(const std::string& system, const std::string& user) {
    const std::string where = "LLM endpoint " + origin_ + path_;
    json request = {
        {"model", config_.model},
        {"messages", json::array({{{"role", "system"}, {"content", system}}, {{"role", "user"}, {"content", user}}})},
        {"temperature", 0.2}};
    try {
        httplib::Client client(origin_);
        if (!client.is_valid()) return Unavailable(where + ": cannot use this URL");
        const auto timeout = static_cast<time_t>(config_.timeout_seconds);
        client.set_connection_timeout(timeout, 0);
        client.set_read_timeout(timeout, 0);
        client.set_write_timeout(timeout, 0);
        client.set_follow_location(false);
        client.set_keep_alive(false);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
        client.enable_server_certificate_verification(true);
        std::error_code ec;
        if (std::filesystem::is_regular_file("/etc/ssl/certs/ca-certificates.crt", ec)) {
            client.set_ca_cert_path("/etc/ssl/certs/ca-certificates.crt");
        }
#endif
        httplib::Headers headers = {{"User-Agent", "Kyoso-LLM/1"}, {"Accept", "application/json"}};
        if (!api_key_.empty()) headers.emplace("Authorization", "Bearer " + api_key_);
        auto res = client.Post(path_.c_str(), headers, request.dump(), "application/json");
        if (!res) {
            const auto error = res.error();
            if (error == httplib::Error::Read || error == httplib::Error::Write ||
                error == httplib::Error::ConnectionTimeout) {
                return Unavailable(where + " did not answer within " + std::to_string(config_.timeout_seconds) +
                                   " s (" + httplib::to_string(error) + ")");
            }
            return Unavailable(where + " could not be reached: " + httplib::to_string(error));
        }
        if (res->status != 200) {
            return Unavailable(where + " answered HTTP " + std::to_string(res->status) + ": " + Excerpt(res->body));
        }
        json body = json::parse(res->body, nullptr, false);
        if (body.is_discarded()) return Unavailable(where + " answered with malformed JSON: " + Excerpt(res->body));
        const json* content = nullptr;
        if (body.is_object() && body.contains("choices") && body["choices"].is_array() && !body["choices"].empty()) {
            const json& choice = body["choices"][0];
            if (choice.is_object() && choice.contains("message") && choice["message"].is_object() &&
                choice["message"].contains("content") && choice["message"]["content"].is_string()) {
                content = &choice["message"]["content"];
            }
        }
        if (!content) return Unavailable(where + " answered without choices[0].message.content");
        return content->get<std::string>();
    } catch (const std::exception& e) {
        return Unavailable(where + " failed: " + e.what());
    }
}

Result<std::string> OpenAiLanguageModel::Summarise(const std::vector<std::string>& notes) {
    std::string user = "次の商談メモ（古い順）を要約してください。\n";
    for (size_t i = 0; i < notes.size(); ++i) user += "---\n" + notes[i] + "\n";
    return Complete(
        "あなたは自治体向け営業（自治体の予算サイクルに沿った商談）を支援するアシスタントです。"
        "商談メモを日本語で3〜5行に要約し、予算の状況、決まった次のステップと期日、懸念点を含めてください。"
        "メモにない事実を加えないでください。",
        user);
}

Result<std::string> OpenAiLanguageModel::DraftFollowUpMail(const ports::FollowUpContext& c) {
    std::string user = "宛先の団体: " + c.government_name + "\n";
    if (!c.official_name.empty()) user += "宛先のご担当者: " + c.official_name + "\n";
    if (!c.deal_title.empty()) user += "案件: " + c.deal_title + "\n";
    if (!c.sender_name.empty()) user += "差出人: " + c.sender_name + "\n";
    if (!c.next_steps.empty()) {
        user += "合意した次のステップ:\n";
        for (const auto& s : c.next_steps) user += "- " + s + "\n";
    }
    user += "商談メモ（古い順）:\n";
    for (const auto& n : c.notes) user += "---\n" + n + "\n";
    return Complete(
        "あなたは自治体向け営業の担当者のために、面談後のお礼とフォローアップのメールを下書きします。"
        "自治体職員宛ての丁寧なビジネス日本語で、件名と本文を書き、次のステップと期日を確認してください。"
        "メモにない約束や金額を書かないでください。",
        user);
}

}  // namespace kyoso::http
