// Fuzz target: what a client sends to the accounts and authorisation routes —
// an access policy document (PUT /api/access-policy), the Cookie header, and a
// sign-in body. The first byte picks the parser; the rest is the input.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "kyoso/api/auth_handlers.hpp"
#include "kyoso/api/request_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 3) {
        case 0: {
            auto json = nlohmann::json::parse(input, nullptr, false);
            if (json.is_discarded()) return 0;
            auto policy = kyoso::api::ParseAccessPolicy(json);
            // An accepted policy must survive its own round trip unchanged.
            if (policy.ok()) {
                const auto shown = kyoso::api::AccessPolicyJson(*policy);
                auto again = kyoso::api::ParseAccessPolicy(shown);
                if (!again.ok() || kyoso::api::AccessPolicyJson(*again) != shown) __builtin_trap();
            }
            break;
        }
        case 1:
            (void)kyoso::api::CookieValue(input, kyoso::api::kSessionCookie);
            break;
        default: {
            kyoso::api::BodyReader body(input, {"login", "password"});
            (void)body.String("login", true);
            (void)body.String("password", true);
            (void)body.Finish();
            break;
        }
    }
    return 0;
}
