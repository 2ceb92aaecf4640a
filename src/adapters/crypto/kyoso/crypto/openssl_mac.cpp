#include "kyoso/crypto/openssl_mac.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace kyoso::crypto {

namespace {

[[noreturn]] void Die(const char* what) {
    std::fprintf(stderr, "fatal: OpenSSL failed in %s\n", what);
    std::abort();
}

std::string Hex(const unsigned char* bytes, size_t length) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (size_t i = 0; i < length; ++i) {
        out += kDigits[bytes[i] >> 4];
        out += kDigits[bytes[i] & 15];
    }
    return out;
}

}  // namespace

std::string OpenSslMac::HmacSha256Hex(std::string_view key, std::string_view message) const {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // HMAC() copes with an empty key, but its key pointer must not be null.
    static const unsigned char kEmpty[1] = {0};
    const void* key_data = key.empty() ? kEmpty : static_cast<const void*>(key.data());
    const auto* data = reinterpret_cast<const unsigned char*>(message.empty() ? "" : message.data());
    if (HMAC(EVP_sha256(), key_data, static_cast<int>(key.size()), data, message.size(), md, &length) == nullptr) {
        Die("HMAC");
    }
    return Hex(md, length);
}

std::string OpenSslSecretSource::RandomHex(int bytes) const {
    std::vector<unsigned char> buf(static_cast<size_t>(bytes > 0 ? bytes : 1));
    if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1) Die("RAND_bytes");
    return Hex(buf.data(), buf.size());
}

}  // namespace kyoso::crypto
