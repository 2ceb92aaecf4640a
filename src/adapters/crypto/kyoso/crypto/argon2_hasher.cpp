#include "kyoso/crypto/argon2_hasher.hpp"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <string>
#include <vector>

namespace kyoso::crypto {

namespace {
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
}  // namespace

Result<std::string> Argon2Hasher::Hash(std::string_view password) const {
    if (password.size() > 4096) return InvalidArgument("password: longer than 4096 bytes");
    std::array<unsigned char, kSaltBytes> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
        return Internal("cannot draw a random salt from the OS entropy source");
    }
    const size_t len = argon2_encodedlen(params_.iterations, params_.memory_kib, params_.parallelism, kSaltBytes,
                                         kHashBytes, Argon2_id);
    std::vector<char> encoded(len);
    const int rc =
        argon2id_hash_encoded(params_.iterations, params_.memory_kib, params_.parallelism, password.data(),
                              password.size(), salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) return Internal(std::string("argon2id failed: ") + argon2_error_message(rc));
    return std::string(encoded.data());
}

bool Argon2Hasher::Verify(std::string_view encoded, std::string_view password) const {
    if (encoded.rfind("$argon2id$", 0) != 0) return false;
    const std::string z(encoded);  // argon2 wants a NUL-terminated string
    return argon2id_verify(z.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace kyoso::crypto
