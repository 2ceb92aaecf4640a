#include "kyoso/xgboost/xgboost_booster.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kyoso/domain/ml/metrics.hpp"

namespace kyoso::xgboost {
namespace {

using domain::ml::FeatureMatrix;

// y = 1 when x0 > 0.5, with x1 pure noise and x2 sometimes missing.
struct Toy {
    FeatureMatrix x;
    std::vector<float> y;
};
Toy MakeToy(int n, unsigned seed) {
    std::mt19937 gen(seed);
    Toy t;
    t.x = FeatureMatrix(static_cast<std::size_t>(n), 3);
    for (int i = 0; i < n; ++i) {
        const float a = static_cast<float>(gen() % 1000) / 1000.f;
        t.x.at(static_cast<std::size_t>(i), 0) = a;
        t.x.at(static_cast<std::size_t>(i), 1) = static_cast<float>(gen() % 1000) / 1000.f;
        if (i % 3 != 0) t.x.at(static_cast<std::size_t>(i), 2) = static_cast<float>(i % 7);
        t.y.push_back(a > 0.5f ? 1.f : 0.f);
    }
    return t;
}

TEST(XgboostBoosting, LearnsASeparableRuleAndExplainsIt) {
    XgboostBoosting boosting;
    Toy train = MakeToy(400, 1);
    Toy test = MakeToy(200, 2);
    ports::BoostingParams params;
    params.rounds = 30;
    params.threads = 1;
    auto model = boosting.Train(train.x, train.y, {}, params);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    auto p = (*model)->Predict(test.x);
    ASSERT_TRUE(p.ok());
    ASSERT_EQ(p->size(), 200u);
    EXPECT_GT(*domain::ml::Auc(*p, test.y), 0.98);

    // Exact contributions: rows × (3 + 1), summing to the margin; x0 dominates.
    auto contrib = (*model)->Contributions(test.x, false);
    ASSERT_TRUE(contrib.ok());
    ASSERT_EQ(contrib->size(), 200u * 4);
    double x0 = 0, x1 = 0;
    for (std::size_t r = 0; r < 200; ++r) {
        const float* row = contrib->data() + r * 4;
        const double margin = row[0] + row[1] + row[2] + row[3];
        EXPECT_NEAR(1.0 / (1.0 + std::exp(-margin)), (*p)[r], 1e-4);
        x0 += std::abs(row[0]);
        x1 += std::abs(row[1]);
    }
    EXPECT_GT(x0, 5 * x1);
    auto approx = (*model)->Contributions(test.x, true);
    ASSERT_TRUE(approx.ok());
    EXPECT_EQ(approx->size(), contrib->size());
}

TEST(XgboostBoosting, SerializedModelPredictsTheSame) {
    XgboostBoosting boosting;
    Toy t = MakeToy(200, 3);
    ports::BoostingParams params;
    params.rounds = 10;
    params.threads = 1;
    auto model = boosting.Train(t.x, t.y, {}, params);
    ASSERT_TRUE(model.ok());
    auto bytes = (*model)->Serialize();
    ASSERT_TRUE(bytes.ok());
    auto loaded = boosting.Load(*bytes);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_EQ((*loaded)->FeatureCount(), 3u);
    EXPECT_EQ(*(*loaded)->Predict(t.x), *(*model)->Predict(t.x));
}

TEST(XgboostBoosting, RefusesBadInputWithClearErrors) {
    XgboostBoosting boosting;
    Toy t = MakeToy(20, 4);
    ports::BoostingParams params;
    params.rounds = 2;
    auto wrong_count = boosting.Train(t.x, std::vector<float>(19, 0.f), {}, params);
    ASSERT_FALSE(wrong_count.ok());
    EXPECT_NE(wrong_count.status().message().find("19 labels for 20 rows"), std::string::npos);
    std::vector<float> bad = t.y;
    bad[4] = 2.f;
    auto bad_label = boosting.Train(t.x, bad, {}, params);
    ASSERT_FALSE(bad_label.ok());
    EXPECT_NE(bad_label.status().message().find("row 5"), std::string::npos);
    EXPECT_FALSE(boosting.Load("not a model").ok());
    auto model = boosting.Train(t.x, t.y, {}, params);
    ASSERT_TRUE(model.ok());
    auto narrow = (*model)->Predict(FeatureMatrix(2, 2));
    ASSERT_FALSE(narrow.ok());
    EXPECT_NE(narrow.status().message().find("expects 3"), std::string::npos);
}

}  // namespace
}  // namespace kyoso::xgboost
