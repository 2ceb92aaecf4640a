// Fuzz target: webhook URLs and event patterns (client input of POST/PATCH /api/webhooks).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kyoso/domain/webhook/webhook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto url = kyoso::domain::ParseWebhookUrl(input);
    if (url.ok()) {
        if (url->scheme != "http" && url->scheme != "https") __builtin_trap();
        if (url->host.empty() || url->port < 1 || url->port > 65535) __builtin_trap();
        if (url->path.empty() || url->path[0] != '/') __builtin_trap();
        if (input.size() > 2000) __builtin_trap();
    }
    if (kyoso::domain::CheckEventPattern(input).ok()) {
        // A valid pattern never matches a webhook.* action unless it names webhook.
        const bool names_webhook = input.substr(0, 8) == "webhook.";
        if (!names_webhook && kyoso::domain::EventMatches(input, "webhook.create")) __builtin_trap();
        if (input != "*" && input.find(' ') != std::string_view::npos) __builtin_trap();
    }
    return 0;
}
