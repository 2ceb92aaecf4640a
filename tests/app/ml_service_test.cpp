#include "kyoso/app/ml/ml_service.hpp"

#include <gtest/gtest.h>

#include "kyoso/xgboost/xgboost_booster.hpp"

namespace kyoso::app {
namespace {

namespace ml = domain::ml;

class FixedClock final : public ports::Clock {
public:
    Date Today() const override { return MakeDate(2026, 6, 1); }
};

// An in-memory registry over a hand-built history.
class FakeMlRepository final : public ports::MlRepository {
public:
    explicit FakeMlRepository(ml::History h) : history_(std::move(h)) {}
    Result<ml::History> LoadHistory() override { return history_; }
    Result<ports::MlModelRecord> SaveModel(const ports::MlModelRecord& m, bool activate) override {
        ports::MlModelRecord r = m;
        int version = 0;
        for (auto& x : models_) {
            if (x.name == m.name) {
                version = std::max(version, x.version);
                if (activate) x.active = false;
            }
        }
        r.version = version + 1;
        r.id = static_cast<long long>(models_.size()) + 1;
        r.active = activate;
        models_.push_back(r);
        return r;
    }
    Result<std::vector<ports::MlModelRecord>> ListModels() override { return models_; }
    Result<std::optional<ports::MlModelRecord>> ActiveModel(const std::string& name) override {
        for (const auto& m : models_) {
            if (m.name == name && m.active) return std::optional<ports::MlModelRecord>(m);
        }
        return std::optional<ports::MlModelRecord>();
    }
    std::vector<ports::MlModelRecord> models_;

private:
    ml::History history_;
};

int D(int y, unsigned m, unsigned d) { return ml::DayNumber(MakeDate(y, m, d)); }

// `n` closed deals opened 2019–2023 in 30 cities; a 参考見積 before the request deadline
// (half the deals) lifts the win rate from 0.2 to 0.5 — the planted effect to recover.
// Plus `open` open deals created in May 2026.
ml::History Synthetic(int n, int open) {
    ml::History h;
    for (int g = 0; g < 30; ++g) {
        h.governments.push_back({std::to_string(100000 + g), "13", "city", "", 10000.0 * (g + 1), 0.5});
        h.government_index[h.governments.back().code] = g;
    }
    unsigned long long state = 12345;
    auto next = [&]() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    for (int i = 0; i < n + open; ++i) {
        ml::DealFacts d;
        d.id = i + 1;
        d.government = i % 30;
        d.product_id = 1 + i % 3;
        d.amount = 1000000;
        const bool is_open = i >= n;
        // Opened April–September of 2019–2023 for the budget of the next fiscal year, so a
        // quote 10 days later is always before that year's request deadline (mid-November).
        const int year = 2019 + static_cast<int>(next() * 5);
        d.created = is_open ? D(2026, 5, 1) : D(year, 4, 1) + static_cast<int>(next() * 180);
        d.fiscal_year = is_open ? 2027 : year + 1;
        const bool quote = next() < 0.5;
        if (quote) d.activities.push_back({d.created + 10, ml::ActivityKind::kReferenceQuote});
        d.activities.push_back({d.created + 5, ml::ActivityKind::kVisit});
        d.moves.push_back({d.created + 20, 1});
        if (is_open) {
            d.stage = 1;
        } else {
            d.closed = D(d.fiscal_year, 6, 1) + static_cast<int>(next() * 30);
            d.stage = next() < (quote ? 0.5 : 0.2) ? 7 : 8;
        }
        h.deals.push_back(d);
    }
    h.Finish({}, {});
    return h;
}

struct World {
    explicit World(ml::History h) : repo(std::move(h)), calendar({}), svc(repo, boosting, calendar, clock) {
        ports::BoostingParams p;
        p.rounds = 40;
        p.max_depth = 3;
        p.learning_rate = 0.1;
        p.threads = 1;
        svc.set_params(p);
        svc.set_history_ttl(std::chrono::seconds(0));
    }
    FakeMlRepository repo;
    xgboost::XgboostBoosting boosting;
    domain::BusinessCalendar calendar;
    FixedClock clock;
    MlService svc;
};

TEST(MlService, TrainsRegistersAndRecoversThePlantedQuoteEffect) {
    World w(Synthetic(2000, 5));
    auto r = w.svc.Train(ModelKind::kDealWin, MakeDate(2026, 6, 1));
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_TRUE(r->trained) << r->message;
    EXPECT_GT(r->metrics.auc, 0.6);
    EXPECT_GT(r->metrics.n_test, 0u);
    ASSERT_EQ(w.repo.models_.size(), 1u);
    EXPECT_EQ(w.repo.models_[0].version, 1);
    EXPECT_TRUE(w.repo.models_[0].active);
    EXPECT_NE(w.repo.models_[0].features_json.find("締切前の参考見積"), std::string::npos);

    auto bt = w.svc.Backtest(ModelKind::kDealWin, MakeDate(2026, 6, 1), std::nullopt);
    ASSERT_TRUE(bt.ok()) << bt.status().message();
    ASSERT_FALSE(bt->effects.empty());
    EXPECT_EQ(bt->effects[0].effect, "reference_quote_before_deadline");
    EXPECT_TRUE(bt->effects[0].recovered) << bt->effects[0].difference;
    EXPECT_GT(bt->model.auc, bt->baseline_auc);

    // Today the active model scores; its factors are in Japanese.
    auto open = w.svc.ScoreOpenDeals(MakeDate(2026, 6, 1), true);
    ASSERT_TRUE(open.ok());
    ASSERT_EQ(open->size(), 5u);
    EXPECT_EQ((*open)[0].source, "model");
    EXPECT_EQ((*open)[0].model_version, "1");
    auto one = w.svc.ScoreDeal((*open)[0].deal_id, MakeDate(2026, 6, 1), true);
    ASSERT_TRUE(one.ok());
    EXPECT_NEAR(one->probability, (*open)[0].probability, 1e-9);
    EXPECT_FALSE(one->factors.positive.empty() && one->factors.negative.empty());
}

TEST(MlService, DealScorerIsPointInTime) {
    World w(Synthetic(2000, 5));
    ASSERT_TRUE(w.svc.Train(ModelKind::kDealWin, MakeDate(2026, 6, 1)).ok());
    // Before the active model's window ends: a temporary model on outcomes before as_of …
    auto mid = w.svc.ScoreDeal(1, MakeDate(2023, 7, 1), false);
    ASSERT_TRUE(mid.ok()) << mid.status().message();
    EXPECT_EQ(mid->model_version, "as-of-2023-07-01");
    // … and when too few outcomes were known, the rules.
    auto early = w.svc.ScoreOpenDeals(MakeDate(2020, 7, 1), false);
    ASSERT_TRUE(early.ok());
    ASSERT_FALSE(early->empty());
    for (const auto& s : *early) EXPECT_EQ(s.source, "rules");
    // A deal created after as_of did not exist then.
    EXPECT_FALSE(w.svc.ScoreDeal(2005, MakeDate(2020, 7, 1), false).ok());
}

TEST(MlService, TooLittleHistoryFallsBackToRulesWithAMessage) {
    World w(Synthetic(150, 3));
    auto r = w.svc.Train(ModelKind::kDealWin, MakeDate(2026, 6, 1));
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->trained);
    EXPECT_NE(r->message.find("学習データが不足"), std::string::npos) << r->message;
    EXPECT_NE(r->message.find("200"), std::string::npos);
    EXPECT_TRUE(w.repo.models_.empty());
    auto open = w.svc.ScoreOpenDeals(MakeDate(2026, 6, 1), true);
    ASSERT_TRUE(open.ok());
    ASSERT_EQ(open->size(), 3u);
    EXPECT_EQ((*open)[0].source, "rules");
    EXPECT_TRUE((*open)[0].model_version.empty());
    auto message = w.svc.FallbackMessage(ModelKind::kDealWin, MakeDate(2026, 6, 1));
    ASSERT_TRUE(message.ok());
    EXPECT_FALSE(message->empty());
}

TEST(MlService, ExportWritesKeysAndLabelsInTimeOrder) {
    World w(Synthetic(300, 0));
    auto csv = w.svc.ExportCsv(ModelKind::kDealWin, MakeDate(2026, 6, 1));
    ASSERT_TRUE(csv.ok());
    EXPECT_EQ(csv->rfind("stage,business_days_in_stage,", 0), 0u);
    EXPECT_NE(csv->find(",label\n"), std::string::npos);
    auto rows = w.svc.BuildTrainingRows(ModelKind::kDealWin, MakeDate(2026, 6, 1));
    ASSERT_TRUE(rows.ok());
    for (std::size_t i = 1; i < rows->order_day.size(); ++i) EXPECT_LE(rows->order_day[i - 1], rows->order_day[i]);
}

}  // namespace
}  // namespace kyoso::app
