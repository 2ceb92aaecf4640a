#include "kyoso/crypto/openssl_digest.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kyoso::crypto {
namespace {

// FIPS 180-2 test vectors.
TEST(OpenSslDigest, Sha256OfAbcMatchesTheStandardVector) {
    OpenSslDigest digest;
    EXPECT_EQ(digest.Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(OpenSslDigest, Sha256OfEmptyInputMatchesTheStandardVector) {
    OpenSslDigest digest;
    EXPECT_EQ(digest.Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(OpenSslDigest, HashesEmbeddedNulAndUtf8Bytes) {
    OpenSslDigest digest;
    const std::string with_nul("a\0b", 3);
    EXPECT_NE(digest.Sha256Hex(with_nul), digest.Sha256Hex("a"));
    EXPECT_EQ(digest.Sha256Hex("見送り").size(), 64u);
}

}  // namespace
}  // namespace kyoso::crypto
