#pragma once

#include <string>
#include <string_view>

namespace kyoso::ports {

// Keyed message authentication for webhook signatures. Implementations
// (crypto/OpenSslMac) are stateless and safe for concurrent use.
class Mac {
public:
    virtual ~Mac() = default;
    // HMAC-SHA256(key, message) as 64 lowercase hexadecimal digits (RFC 2104).
    virtual std::string HmacSha256Hex(std::string_view key, std::string_view message) const = 0;
};

// Unpredictable bytes for secrets. Safe for concurrent use.
class SecretSource {
public:
    virtual ~SecretSource() = default;
    // `bytes` bytes from a cryptographically secure generator, as 2*bytes lowercase hex digits.
    virtual std::string RandomHex(int bytes) const = 0;
};

}  // namespace kyoso::ports
