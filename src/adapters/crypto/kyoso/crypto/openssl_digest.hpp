#pragma once

#include <string>
#include <string_view>

#include "kyoso/ports/digest.hpp"

namespace kyoso::crypto {

// ports::Digest over OpenSSL libcrypto's EVP interface. Stateless: each call uses
// its own context, so one instance is safe for concurrent use.
class OpenSslDigest final : public ports::Digest {
public:
    // Aborts only if libcrypto cannot allocate or run SHA-256 (out of memory or a
    // broken installation): a hash that silently failed would defeat the audit trail.
    std::string Sha256Hex(std::string_view bytes) const override;
};

}  // namespace kyoso::crypto
