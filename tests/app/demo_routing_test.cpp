// The routing part of the small demo (seed 1, as of 2026-11-01, docs/division-of-labour.md
// "Demo data"): teams with managers, territories, ordered rules, absences, routed leads
// with reasons and leads re-routed from the absent BDR to other BDRs.
#include <gtest/gtest.h>

#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/routing/routing_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using kyoso::testing::FixedClock;
using kyoso::testing::TempDb;

TEST(DemoRouting, TheDemoExercisesRouting) {
    TempDb db("demo-routing");
    auto opened = sqlite::SqliteStore::Open(db.path());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    auto store = std::move(opened).value();
    const domain::BusinessCalendar calendar(masterdata::BundledHolidays());
    const FixedClock clock(MakeDate(2026, 11, 27));
    text::IcuTextNormalizer norm;
    crypto::OpenSslDigest digest;
    GovernmentService govs(*store, norm, clock, digest, calendar);
    ASSERT_TRUE(govs.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
    DemoBuilder builder(*store, clock, digest, calendar);
    ports::NullProgress progress;
    DemoOptions options;
    ASSERT_TRUE(builder.Build(options, progress).ok());

    RoutingService routing(*store, clock, digest, calendar);
    auto teams = routing.ListTeams();
    ASSERT_TRUE(teams.ok());
    int with_manager = 0, with_territory = 0;
    for (const auto& t : *teams) {
        with_manager += t.team.manager_id != 0;
        with_territory += !t.territories.empty();
    }
    EXPECT_EQ(teams->size(), 7u);  // six teams of users and 防災スペシャリスト
    EXPECT_EQ(with_manager, 6);
    EXPECT_EQ(with_territory, 4);  // 広域, 東日本, 西日本, 防災スペシャリスト

    auto rules = routing.ListRules();
    ASSERT_TRUE(rules.ok());
    ASSERT_EQ(rules->size(), 5u);
    EXPECT_EQ(rules->front().conditions_ja, "都道府県・政令指定都市");
    EXPECT_EQ(rules->back().rule.name, "リードはまずBDRへ");

    // On 2026-11-27 the 防災 specialist is on sick leave: a 防災 lead from a town falls
    // through the named-owner rule (nobody else in the team) to the BDR rule.
    RoutingSimulation sim;
    sim.source = "inquiry";
    sim.government_code = "133086";  // 奥多摩町
    sim.product_id = 2;              // 防災情報配信システム
    auto today = routing.Simulate(sim);
    ASSERT_TRUE(today.ok());
    EXPECT_EQ(today->decision.rule_id, rules->back().rule.id);
    EXPECT_NE(today->decision.reason.find("ルール2: 防災スペシャリストは全員不在"), std::string::npos)
        << today->decision.reason;
    sim.on = MakeDate(2026, 11, 20);  // before the leave: the specialist takes it
    auto before = routing.Simulate(sim);
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before->decision.reason, "ルール2: 防災 × 町村 → 防災スペシャリスト（指名担当）");

    // Routed history with reasons, and three leads re-routed from the absent BDR to BDRs.
    auto absences = routing.ListAbsences(true);
    ASSERT_TRUE(absences.ok());
    ASSERT_EQ(absences->size(), 3u);
    const long long absent_bdr = absences->front().absence.user_id;
    int routed = 0, rerouted = 0;
    auto users = store->routing().ListUsers();
    ASSERT_TRUE(users.ok());
    for (long long lead_id = 1; lead_id <= 1000; ++lead_id) {
        auto history = store->routing().ListAssignments(lead_id);
        ASSERT_TRUE(history.ok());
        for (const auto& a : *history) {
            if (a.kind == "routed") {
                ++routed;
                EXPECT_EQ(a.reason.rfind("ルール5: ", 0), 0u) << a.reason;
            }
            if (a.kind != "rerouted") continue;
            ++rerouted;
            EXPECT_EQ(a.previous_user_id, absent_bdr);
            EXPECT_EQ(a.reason.rfind("担当者不在（11/20まで）のため再割当: ルール5:", 0), 0u) << a.reason;
            for (const auto& u : *users) {
                if (u.user_id == a.user_id) {
                    EXPECT_EQ(u.role, "bdr");
                }
            }
        }
    }
    EXPECT_GT(routed, 20);
    EXPECT_EQ(rerouted, 3);
}

}  // namespace
}  // namespace kyoso::app
