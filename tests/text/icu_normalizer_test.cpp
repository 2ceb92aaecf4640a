#include "kyoso/text/icu_normalizer.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace kyoso::text {
namespace {

TEST(IcuTextNormalizer, FoldsWidthAndKanaAndCase) {
    IcuTextNormalizer n;
    EXPECT_EQ(n.Fold("ちよだ"), "ちよだ");
    EXPECT_EQ(n.Fold("チヨダ"), "ちよだ");
    EXPECT_EQ(n.Fold("ﾁﾖﾀﾞ"), "ちよだ");  // half-width with a separate voiced mark
    EXPECT_EQ(n.Fold("ＡＢＣ　ｄｅｆ"), "abcdef");
    EXPECT_EQ(n.Fold("千代田 区"), "千代田区");
    EXPECT_EQ(n.Fold("ｶﾞｯｺｳ"), "がっこう");
}

TEST(IcuTextNormalizer, IsSafeToUseFromManyThreads) {
    IcuTextNormalizer n;
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                if (n.Fold("ﾁﾖﾀﾞｸ") != "ちよだく") ++wrong;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace kyoso::text
