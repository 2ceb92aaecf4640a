#pragma once

#include <memory>
#include <string>

#include "kyoso/core/result.hpp"
#include "kyoso/ports/language_model.hpp"

namespace kyoso::http {

// Where the optional LLM is (docs/ml.md, "Note analysis and the optional LLM"); set
// from `kyoso serve --llm-url ...` / the [serve] section of --config / KYOSO_LLM_*.
struct LlmConfig {
    // An OpenAI-compatible endpoint: the full .../v1/chat/completions URL or its base
    // (…/v1, "/chat/completions" is appended). "" = no LLM (nothing is contacted).
    std::string url;
    std::string model;         // the model name sent with each request (required with url)
    std::string api_key_env;   // the NAME of the environment variable holding the API key ("" = none)
    int timeout_seconds = 30;  // connect, read and write, each (1-600)
};

// InvalidArgument naming the setting (llm-url, llm-model, llm-timeout) when the
// configuration is unusable; OK for an empty url (the LLM is off).
Status ValidateLlmConfig(const LlmConfig& config);

// ports::LanguageModel over an OpenAI-compatible POST /v1/chat/completions (cpp-httplib;
// https verified against the system CA bundle). Each call sends one request with a
// system and a user message and returns choices[0].message.content. The API key is
// sent as "Authorization: Bearer …" and never logged or put in an error message.
class OpenAiLanguageModel final : public ports::LanguageModel {
public:
    // The key is read once from the environment variable config.api_key_env;
    // InvalidArgument when the configuration is invalid or that variable is unset.
    static Result<std::unique_ptr<OpenAiLanguageModel>> Create(const LlmConfig& config);
    OpenAiLanguageModel(LlmConfig config, std::string api_key);

    Result<std::string> Summarise(const std::vector<std::string>& notes) override;
    Result<std::string> DraftFollowUpMail(const ports::FollowUpContext& context) override;
    std::string ModelName() const override { return config_.model; }

    // One chat completion: Unavailable with a clear message on a timeout, a refused
    // connection, a non-200 answer or a malformed body.
    Result<std::string> Complete(const std::string& system, const std::string& user);

private:
    LlmConfig config_;
    std::string api_key_;
    std::string origin_;  // scheme://host:port
    std::string path_;    // /v1/chat/completions
};

}  // namespace kyoso::http
