#pragma once

#include <string>
#include <string_view>

#include "kyoso/ports/mac.hpp"

namespace kyoso::crypto {

// ports::Mac over OpenSSL libcrypto's one-shot HMAC. Stateless and safe for
// concurrent use. Aborts only if libcrypto itself fails (a broken installation):
// an unsigned webhook must never go out.
class OpenSslMac final : public ports::Mac {
public:
    std::string HmacSha256Hex(std::string_view key, std::string_view message) const override;
};

// ports::SecretSource over OpenSSL's RAND_bytes (the OS entropy source). Safe for
// concurrent use; aborts if the generator cannot be seeded.
class OpenSslSecretSource final : public ports::SecretSource {
public:
    std::string RandomHex(int bytes) const override;
};

}  // namespace kyoso::crypto
