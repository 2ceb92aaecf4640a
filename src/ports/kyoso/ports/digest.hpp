#pragma once

#include <string>
#include <string_view>

namespace kyoso::ports {

// A cryptographic hash function. Implementations (crypto/OpenSslDigest) are
// stateless and safe for concurrent use.
class Digest {
public:
    virtual ~Digest() = default;
    // SHA-256 of `bytes` as 64 lowercase hexadecimal digits.
    virtual std::string Sha256Hex(std::string_view bytes) const = 0;
};

}  // namespace kyoso::ports
