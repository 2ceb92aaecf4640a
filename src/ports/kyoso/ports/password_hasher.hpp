#pragma once

#include <string>
#include <string_view>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// Password hashing for sign-in (Argon2id in the crypto adapter). Thread-safe.
class PasswordHasher {
public:
    virtual ~PasswordHasher() = default;
    // A self-describing encoded hash ("$argon2id$v=19$m=...") with a fresh random salt.
    virtual Result<std::string> Hash(std::string_view password) const = 0;
    // True when `password` matches `encoded`; false for a mismatch or a malformed hash.
    virtual bool Verify(std::string_view encoded, std::string_view password) const = 0;
};

}  // namespace kyoso::ports
