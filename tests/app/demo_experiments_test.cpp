// The experiments of the small demo (seed 1, as of 2026-11-01, today 2026-11-27;
// docs/transformation.md "Experiments"): the BDR cadence's A/B test concluded with a test
// and a verdict, the pilot-team experiment still running with its verdict withheld.
#include <gtest/gtest.h>

#include <cstdio>

#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/transformation/experiment_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sql/experiment_repository.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using kyoso::testing::FixedClock;
using kyoso::testing::TempDb;

TEST(DemoExperiments, OneConcludedAbTestAndOneRunningPilot) {
    TempDb db("demo-experiments");
    auto opened = sqlite::SqliteStore::Open(db.path());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    auto store = std::move(opened).value();
    const domain::BusinessCalendar calendar(masterdata::BundledHolidays());
    const FixedClock clock(MakeDate(2026, 11, 27));
    text::IcuTextNormalizer norm;
    crypto::OpenSslDigest digest;
    GovernmentService govs(*store, norm, clock, digest, calendar);
    ASSERT_TRUE(govs.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
    auto repo = sql::MakeExperimentRepository(store.get());
    DemoBuilder builder(*store, clock, digest, calendar);
    builder.set_experiment_repository(repo.get());
    ports::NullProgress progress;
    DemoOptions options;
    ASSERT_TRUE(builder.Build(options, progress).ok());

    Authorizer authorizer;
    ExperimentService experiments(*store, *repo, clock, digest, authorizer);
    auto list = experiments.List();
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    ASSERT_EQ(list->size(), 2u);
    const ExperimentView* ab = nullptr;
    const ExperimentView* pilot = nullptr;
    for (const auto& v : *list) {
        (v.experiment.kind == domain::ExperimentKind::kCadenceAb ? ab : pilot) = &v;
    }
    ASSERT_TRUE(ab && pilot);
    EXPECT_EQ(ab->status, domain::ExperimentStatus::kConcluded);
    EXPECT_EQ(ab->experiment.horizon_on, MakeDate(2026, 10, 24));
    EXPECT_EQ(pilot->status, domain::ExperimentStatus::kRunning);
    EXPECT_EQ(pilot->experiment.horizon_on, MakeDate(2027, 1, 29));

    auto r = experiments.ResultOf(ab->experiment);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->comparison.has_value()) << r->message_ja;
    std::printf("demo A/B: A %lld/%lld, B %lld/%lld, %s p = %.6f, d = %.4f [%.4f, %.4f], %s\n",
                r->arms[0].counts.successes, r->arms[0].counts.n, r->arms[1].counts.successes, r->arms[1].counts.n,
                std::string(domain::ExperimentTestSlug(r->comparison->test)).c_str(), r->comparison->p_value,
                r->comparison->difference.difference, r->comparison->difference.ci_low,
                r->comparison->difference.ci_high, r->message_ja.c_str());
    EXPECT_GE(r->arms[0].counts.n, 20);
    EXPECT_GE(r->arms[1].counts.n, 20);
    // The demo plants B's meeting rate at 2.6× A's (docs/demo-data.md, "Cadences").
    EXPECT_GT(r->arms[1].counts.rate().value_or(0), r->arms[0].counts.rate().value_or(1));

    auto running = experiments.ResultOf(pilot->experiment);
    ASSERT_TRUE(running.ok());
    std::printf("demo pilot: %s %lld/%lld vs %s %lld/%lld, %s\n", running->arms[0].label.c_str(),
                running->arms[0].counts.successes, running->arms[0].counts.n, running->arms[1].label.c_str(),
                running->arms[1].counts.successes, running->arms[1].counts.n, running->message_ja.c_str());
    EXPECT_EQ(running->verdict, domain::ExperimentVerdict::kPending);
    EXPECT_FALSE(running->comparison.has_value());
    EXPECT_EQ(running->message_ja, "判定は期日 2027-01-29 まで保留");
}

}  // namespace
}  // namespace kyoso::app
