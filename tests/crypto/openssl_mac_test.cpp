#include "kyoso/crypto/openssl_mac.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kyoso::crypto {
namespace {

// RFC 4231 section 4: HMAC-SHA-256 test vectors.
TEST(OpenSslMac, MatchesTheRfc4231TestVectors) {
    struct Case {
        std::string key;
        std::string data;
        const char* expected;
    };
    const Case cases[] = {
        {std::string(20, '\x0b'), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {"Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {std::string(20, '\xaa'), std::string(50, '\xdd'),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    };
    OpenSslMac mac;
    for (const auto& c : cases) EXPECT_EQ(mac.HmacSha256Hex(c.key, c.data), c.expected) << c.data;
}

TEST(OpenSslMac, DifferentKeysGiveDifferentTagsAndEmptyInputsWork) {
    OpenSslMac mac;
    EXPECT_NE(mac.HmacSha256Hex("key-one", "body"), mac.HmacSha256Hex("key-two", "body"));
    // HMAC-SHA256 with an empty key and message (a well-known value).
    EXPECT_EQ(mac.HmacSha256Hex("", ""), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(OpenSslSecretSource, GivesHexOfTheRequestedLengthThatDoesNotRepeat) {
    OpenSslSecretSource source;
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        const std::string s = source.RandomHex(32);
        ASSERT_EQ(s.size(), 64u);
        EXPECT_EQ(s.find_first_not_of("0123456789abcdef"), std::string::npos) << s;
        seen.insert(s);
    }
    EXPECT_EQ(seen.size(), 50u);
}

}  // namespace
}  // namespace kyoso::crypto
