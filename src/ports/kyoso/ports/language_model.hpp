#pragma once

#include <string>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// What a follow-up mail is drafted from.
struct FollowUpContext {
    std::string government_name;  // 宛先の団体 (e.g. 桐生市)
    std::string official_name;    // the contact, "" when unknown
    std::string deal_title;
    std::string sender_name;              // the signed-in user
    std::vector<std::string> notes;       // meeting notes, oldest first
    std::vector<std::string> next_steps;  // agreed next steps (with their dates)
};

// An optional large language model (docs/ml.md, "Note analysis and the optional LLM"):
// off unless an administrator configures an endpoint; Kyoso works fully without it.
// Errors (timeout, refused connection, non-200, malformed answer) come back as
// Unavailable with a message that names the endpoint's host but never the API key.
// Implementations are safe for concurrent use.
class LanguageModel {
public:
    virtual ~LanguageModel() = default;
    // A short Japanese summary (要約) of the notes, oldest first.
    virtual Result<std::string> Summarise(const std::vector<std::string>& notes) = 0;
    // A Japanese follow-up mail draft (フォローメール下書き) from the context.
    virtual Result<std::string> DraftFollowUpMail(const FollowUpContext& context) = 0;
    // The model's name, for the API's status ("gpt-4o-mini").
    virtual std::string ModelName() const = 0;
};

}  // namespace kyoso::ports
