#include "kyoso/crypto/openssl_digest.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace kyoso::crypto {

namespace {
struct ContextDeleter {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

[[noreturn]] void Die(const char* what) {
    std::fprintf(stderr, "fatal: OpenSSL SHA-256 failed in %s\n", what);
    std::abort();
}
}  // namespace

std::string OpenSslDigest::Sha256Hex(std::string_view bytes) const {
    std::unique_ptr<EVP_MD_CTX, ContextDeleter> ctx(EVP_MD_CTX_new());
    if (!ctx) Die("EVP_MD_CTX_new");
    if (EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) Die("EVP_DigestInit_ex");
    if (EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1) Die("EVP_DigestUpdate");
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), md, &length) != 1) Die("EVP_DigestFinal_ex");
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += kDigits[md[i] >> 4];
        out += kDigits[md[i] & 15];
    }
    return out;
}

}  // namespace kyoso::crypto
