#pragma once

#include <cstdint>

#include "kyoso/ports/password_hasher.hpp"

namespace kyoso::crypto {

// Cost parameters of Argon2id. The defaults follow OWASP's password storage
// guidance (m = 19 MiB, t = 2, p = 1); tests use cheaper ones.
struct Argon2Params {
    uint32_t memory_kib = 19 * 1024;
    uint32_t iterations = 2;
    uint32_t parallelism = 1;
};

// ports::PasswordHasher over libargon2's Argon2id with a 16-byte salt from
// OpenSSL's RAND_bytes and a 32-byte tag. Stateless and thread-safe.
class Argon2Hasher final : public ports::PasswordHasher {
public:
    explicit Argon2Hasher(Argon2Params params = {}) : params_(params) {}
    Result<std::string> Hash(std::string_view password) const override;
    bool Verify(std::string_view encoded, std::string_view password) const override;

private:
    Argon2Params params_;
};

}  // namespace kyoso::crypto
