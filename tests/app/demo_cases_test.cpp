// The case library of the small demo (seed 1, as of 2026-11-01, docs/transformation.md
// "Case library and public value"): cases about real won and lost deals, spread over the two
// years before as_of, deterministic, searchable once indexed.
#include <gtest/gtest.h>

#include <map>

#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/transformation/cases_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sql/case_repository.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using kyoso::testing::FixedClock;
using kyoso::testing::TempDb;

std::vector<std::string> BuildAndList(const std::string& tag, std::map<std::string, int>* per_quarter,
                                      long long* budget_hits, long long* growth) {
    TempDb db(tag);
    auto opened = sqlite::SqliteStore::Open(db.path());
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return {};
    auto store = std::move(opened).value();
    const domain::BusinessCalendar calendar(masterdata::BundledHolidays());
    const FixedClock clock(MakeDate(2026, 11, 27));
    text::IcuTextNormalizer norm;
    crypto::OpenSslDigest digest;
    GovernmentService govs(*store, norm, clock, digest, calendar);
    EXPECT_TRUE(govs.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
    auto repo = sql::MakeCaseRepository(store.get());
    DemoBuilder builder(*store, clock, digest, calendar);
    builder.SetCaseRepository(repo.get());
    ports::NullProgress progress;
    EXPECT_TRUE(builder.Build(DemoOptions{}, progress).ok());

    Authorizer authorizer;
    CaseService cases(*store, *repo, norm, clock, digest, authorizer);
    Principal admin;
    admin.role = domain::AccessRole::kAdmin;
    CaseListQuery all;
    all.limit = 200;
    auto list = cases.List(admin, all);
    EXPECT_TRUE(list.ok());
    std::vector<std::string> out;
    if (!list.ok()) return out;
    for (const auto& v : list->items) {
        const auto& c = v.record;
        out.push_back(c.created_on + " " + c.kind + " " + c.government_code + " " + c.title);
        EXPECT_NE(c.deal_id, 0) << c.title;
        EXPECT_EQ(c.kind == "success", c.deal_stage == "won") << c.title;
        EXPECT_FALSE(c.lessons.empty());
        const int month = std::stoi(c.created_on.substr(5, 2));
        (*per_quarter)[c.created_on.substr(0, 4) + "Q" + std::to_string((month - 1) / 3 + 1)]++;
    }
    CaseListQuery search;
    search.q = "予算要求";
    auto found = cases.List(admin, search);
    EXPECT_TRUE(found.ok());
    *budget_hits = found.ok() ? static_cast<long long>(found->items.size()) : -1;
    auto n = cases.CasesCreatedBetween(MakeDate(2024, 11, 2), MakeDate(2026, 11, 1));
    *growth = n.ok() ? *n : -1;
    return out;
}

TEST(DemoCases, CasesComeFromRealDealsSpreadOverTwoYearsAndAreDeterministic) {
    std::map<std::string, int> quarters, again;
    long long hits = 0, hits2 = 0, growth = 0, growth2 = 0;
    const auto first = BuildAndList("demo-cases-1", &quarters, &hits, &growth);
    EXPECT_GE(first.size(), 15u);
    EXPECT_LE(first.size(), 24u);
    EXPECT_GE(quarters.size(), 6u) << "cases should be spread over the quarters";
    EXPECT_GT(hits, 0) << "「予算要求」 finds the budget-request lessons";
    EXPECT_EQ(growth, static_cast<long long>(first.size()));
    const auto second = BuildAndList("demo-cases-2", &again, &hits2, &growth2);
    EXPECT_EQ(first, second);
    for (const auto& line : first) std::printf("%s\n", line.c_str());
    for (const auto& [q, n] : quarters) std::printf("%s %d\n", q.c_str(), n);
}

}  // namespace
}  // namespace kyoso::app
