#include "kyoso/domain/division/routing.hpp"

#include <gtest/gtest.h>

#include "kyoso/domain/division/territory.hpp"

namespace kyoso::domain {
namespace {

// Governments used below (団体コード, parent, prefecture, kind).
const CoverageTarget kShinjuku{"131041", "130001", "13", "special_ward"};
const CoverageTarget kTokyo{"130001", "", "13", "prefecture"};
const CoverageTarget kOkutama{"133086", "130001", "13", "town"};
const CoverageTarget kSapporo{"011002", "010006", "01", "designated_city"};
const CoverageTarget kChuoKuSapporo{"011011", "011002", "01", "ward"};
const CoverageTarget kNaha{"472018", "470007", "47", "city"};

TEST(Regions, EveryPrefectureHasExactlyOneRegion) {
    // Hand-listed: first and last prefecture of each region, and a few in between.
    struct Case {
        const char* pref;
        const char* region;  // "" = none
    };
    const Case cases[] = {
        {"01", "hokkaido"},       {"02", "tohoku"},  {"07", "tohoku"},  {"08", "kanto"},   {"13", "kanto"},
        {"14", "kanto"},          {"15", "chubu"},   {"23", "chubu"},   {"24", "kinki"},   {"30", "kinki"},
        {"31", "chugoku"},        {"35", "chugoku"}, {"36", "shikoku"}, {"39", "shikoku"}, {"40", "kyushu_okinawa"},
        {"47", "kyushu_okinawa"}, {"48", ""},        {"00", ""},        {"1", ""},         {"ab", ""}};
    for (const auto& c : cases) {
        const Region* r = RegionOfPrefecture(c.pref);
        if (*c.region == '\0') {
            EXPECT_EQ(r, nullptr) << c.pref;
        } else {
            ASSERT_NE(r, nullptr) << c.pref;
            EXPECT_EQ(r->slug, c.region) << c.pref;
        }
    }
    int total = 0;
    for (const auto& r : Regions()) total += r.last_prefecture - r.first_prefecture + 1;
    EXPECT_EQ(total, 47);
    EXPECT_EQ(PrefecturesOfRegion("shikoku"), (std::vector<std::string>{"36", "37", "38", "39"}));
}

TEST(TerritoryCovers, RollsUpFromMunicipalityToPrefectureToRegion) {
    struct Case {
        const char* what;
        Territory t;
        CoverageTarget g;
        const char* domain;
        bool want;
    };
    auto T = [](std::string pref, std::string gov, std::string region, std::string kind, std::string domain) {
        Territory t;
        t.prefecture_code = std::move(pref);
        t.government_code = std::move(gov);
        t.region = std::move(region);
        t.government_kind = std::move(kind);
        t.policy_domain = std::move(domain);
        return t;
    };
    const Case cases[] = {
        {"empty territory covers everything", T("", "", "", "", ""), kNaha, "", true},
        {"prefecture covers its municipality", T("13", "", "", "", ""), kShinjuku, "", true},
        {"prefecture covers itself", T("13", "", "", "", ""), kTokyo, "", true},
        {"prefecture does not cover another", T("13", "", "", "", ""), kSapporo, "", false},
        {"region covers a prefecture in it", T("", "", "kanto", "", ""), kTokyo, "", true},
        {"region covers a town in it", T("", "", "kanto", "", ""), kOkutama, "", true},
        {"region does not cover Okinawa", T("", "", "kanto", "", ""), kNaha, "", false},
        {"kyushu_okinawa covers Naha", T("", "", "kyushu_okinawa", "", ""), kNaha, "", true},
        {"one municipality", T("", "131041", "", "", ""), kShinjuku, "", true},
        {"one municipality, not its neighbour", T("", "131041", "", "", ""), kOkutama, "", false},
        {"a designated city covers its wards", T("", "011002", "", "", ""), kChuoKuSapporo, "", true},
        {"kind narrows: towns of Tokyo", T("13", "", "", "town", ""), kOkutama, "", true},
        {"kind narrows: not a special ward", T("13", "", "", "town", ""), kShinjuku, "", false},
        {"domain must match", T("", "", "", "", "防災"), kShinjuku, "防災", true},
        {"other domain", T("", "", "", "", "防災"), kShinjuku, "子育て", false},
        {"domain territory, lead without domain", T("", "", "", "", "防災"), kShinjuku, "", false},
        {"all narrowing together", T("13", "", "kanto", "town", "防災"), kOkutama, "防災", true},
    };
    for (const auto& c : cases) EXPECT_EQ(TerritoryCovers(c.t, c.g, c.domain), c.want) << c.what;
}

TEST(PopulationBands, Boundaries) {
    struct Case {
        std::optional<long long> population;
        const char* want;  // "" = none
    };
    const Case cases[] = {{std::nullopt, ""},    {0, "under_10k"},       {9'999, "under_10k"},
                          {10'000, "10k_50k"},   {49'999, "10k_50k"},    {50'000, "50k_200k"},
                          {199'999, "50k_200k"}, {200'000, "200k_plus"}, {3'700'000, "200k_plus"}};
    for (const auto& c : cases) {
        auto band = PopulationBandSlug(c.population);
        EXPECT_EQ(band.value_or(""), c.want) << c.population.value_or(-1);
    }
}

// A small world: 防災チーム (team 1: users 11, 12, 13), 関東チーム (team 2: users 21, 22),
// インサイドセールス部 BDR (team 3: users 31 weight 3, 32 weight 1).
RoutingInput World() {
    RoutingInput in;
    in.teams[1] = {
        "防災チーム", {{11, "防災一", 1, false, 4}, {12, "防災二", 1, false, 2}, {13, "防災三", 1, false, 2}}, {}};
    in.teams[2] = {"関東チーム", {{21, "関東一", 1, false, 0}, {22, "関東二", 1, false, 0}}, {}};
    Territory kanto;
    kanto.team_id = 2;
    kanto.region = "kanto";
    in.teams[2].territories.push_back(kanto);
    in.teams[3] = {"インサイドセールス部", {{31, "BDR一", 3, false, 0}, {32, "BDR二", 1, false, 0}}, {}};
    return in;
}

RoutingRule Rule(long long id, int position, long long team, RoutingStrategy s, RoutingConditions c = {}) {
    RoutingRule r;
    r.id = id;
    r.position = position;
    r.team_id = team;
    r.strategy = s;
    r.conditions = std::move(c);
    return r;
}

LeadFacts Lead(std::string source, CoverageTarget g, std::optional<long long> population,
               std::vector<std::string> domains, long long product = 0) {
    return {std::move(source), std::move(g), population, std::move(domains), product};
}

TEST(RouteLead, EachConditionKindAndRuleOrder) {
    RoutingConditions bousai_towns;
    bousai_towns.policy_domains = {"防災"};
    bousai_towns.government_kinds = {"town", "village"};
    RoutingConditions kanto_territory;
    kanto_territory.in_team_territory = true;
    RoutingConditions seminars;
    seminars.sources = {"seminar"};
    RoutingConditions small;
    small.population_bands = {"under_10k"};
    RoutingConditions okinawa;
    okinawa.regions = {"kyushu_okinawa"};
    RoutingConditions pref01;
    pref01.prefectures = {"01"};
    RoutingConditions product7;
    product7.product_ids = {7};

    struct Case {
        const char* what;
        std::vector<RoutingRule> rules;
        LeadFacts lead;
        long long want_user;
        long long want_rule;
    };
    // least_open in 防災チーム picks user 12 (open 2, ties with 13 → lower id); in
    // 関東チーム user 21 (0 open, ties with 22). Expectations written out by hand.
    const Case cases[] = {
        {"policy domain × kind matches rule 1",
         {Rule(1, 1, 1, RoutingStrategy::kLeastOpen, bousai_towns), Rule(2, 2, 2, RoutingStrategy::kLeastOpen)},
         Lead("inquiry", kOkutama, 5'000, {"防災"}),
         12,
         1},
        {"wrong kind falls to rule 2",
         {Rule(1, 1, 1, RoutingStrategy::kLeastOpen, bousai_towns), Rule(2, 2, 2, RoutingStrategy::kLeastOpen)},
         Lead("inquiry", kShinjuku, 340'000, {"防災"}),
         21,
         2},
        {"position, not list order, decides",
         {Rule(2, 2, 2, RoutingStrategy::kLeastOpen), Rule(1, 1, 1, RoutingStrategy::kLeastOpen, bousai_towns)},
         Lead("inquiry", kOkutama, 5'000, {"防災"}),
         12,
         1},
        {"inactive rule is ignored",
         {[&] {
              auto r = Rule(1, 1, 1, RoutingStrategy::kLeastOpen);
              r.active = false;
              return r;
          }(),
          Rule(2, 2, 2, RoutingStrategy::kLeastOpen)},
         Lead("inquiry", kOkutama, 5'000, {}),
         21,
         2},
        {"team territory: Tokyo is in kanto",
         {Rule(5, 1, 2, RoutingStrategy::kLeastOpen, kanto_territory)},
         Lead("notice", kShinjuku, 340'000, {}),
         21,
         5},
        {"team territory: Naha is not",
         {Rule(5, 1, 2, RoutingStrategy::kLeastOpen, kanto_territory)},
         Lead("notice", kNaha, 317'000, {}),
         0,
         0},
        {"source", {Rule(6, 1, 2, RoutingStrategy::kLeastOpen, seminars)}, Lead("seminar", kNaha, 1, {}), 21, 6},
        {"other source", {Rule(6, 1, 2, RoutingStrategy::kLeastOpen, seminars)}, Lead("referral", kNaha, 1, {}), 0, 0},
        {"population band",
         {Rule(7, 1, 1, RoutingStrategy::kLeastOpen, small)},
         Lead("inquiry", kOkutama, 4'800, {}),
         12,
         7},
        {"population unknown never matches a band",
         {Rule(7, 1, 1, RoutingStrategy::kLeastOpen, small)},
         Lead("inquiry", kOkutama, std::nullopt, {}),
         0,
         0},
        {"region", {Rule(8, 1, 2, RoutingStrategy::kLeastOpen, okinawa)}, Lead("inquiry", kNaha, 317'000, {}), 21, 8},
        {"prefecture",
         {Rule(9, 1, 2, RoutingStrategy::kLeastOpen, pref01)},
         Lead("inquiry", kSapporo, 1'970'000, {}),
         21,
         9},
        {"prefecture, other",
         {Rule(9, 1, 2, RoutingStrategy::kLeastOpen, pref01)},
         Lead("inquiry", kNaha, 1, {}),
         0,
         0},
        {"product", {Rule(10, 1, 1, RoutingStrategy::kLeastOpen, product7)}, Lead("inquiry", kNaha, 1, {}, 7), 12, 10},
        {"product, other",
         {Rule(10, 1, 1, RoutingStrategy::kLeastOpen, product7)},
         Lead("inquiry", kNaha, 1, {}, 8),
         0,
         0},
        {"no rules at all", {}, Lead("inquiry", kNaha, 1, {}), 0, 0},
    };
    for (const auto& c : cases) {
        RoutingInput in = World();
        in.rules = c.rules;
        in.lead = c.lead;
        RoutingDecision d = RouteLead(in);
        EXPECT_EQ(d.user_id, c.want_user) << c.what;
        EXPECT_EQ(d.rule_id, c.want_rule) << c.what;
        if (c.want_user == 0) {
            EXPECT_EQ(d.reason, "該当ルールなし") << c.what;
        }
    }
}

TEST(RouteLead, ReasonNamesRuleConditionsTeamAndStrategy) {
    RoutingConditions c;
    c.policy_domains = {"防災"};
    c.government_kinds = {"town", "village"};
    RoutingInput in = World();
    in.rules = {Rule(1, 1, 2, RoutingStrategy::kLeastOpen), Rule(2, 2, 2, RoutingStrategy::kLeastOpen),
                Rule(9, 3, 1, RoutingStrategy::kRoundRobin, c)};
    in.rules[0].conditions.sources = {"seminar"};
    in.rules[1].conditions.sources = {"referral"};
    in.lead = Lead("inquiry", kOkutama, 5'000, {"防災"});
    RoutingDecision d = RouteLead(in);
    EXPECT_EQ(d.rule_id, 9);
    EXPECT_EQ(d.user_id, 11);  // a fresh round robin over 11, 12, 13 (weights 1) starts with 11
    EXPECT_EQ(d.reason, "ルール3: 防災 × 町村 → 防災チーム（重み付きラウンドロビン）");
}

TEST(RouteLead, WeightsThreeToOneOverEightLeads) {
    // Smooth weighted round robin, 31 weight 3, 32 weight 1 (total 4), by hand:
    // lead 1: (3,1) → 31, 31 = 3-4 = -1     lead 5: (3,1) → 31 (-1, 1)
    // lead 2: (2,2) tie → 31 (first), -2    lead 6: (2,2) → 31 (-2, 2)
    // lead 3: (1,3) → 32, 32 = 3-4 = -1     lead 7: (1,3) → 32 (1, -1)
    // lead 4: (4,0) → 31, back to (0,0)     lead 8: (4,0) → 31 (0, 0)
    const long long want[] = {31, 31, 32, 31, 31, 31, 32, 31};
    RoutingInput in = World();
    in.rules = {Rule(4, 1, 3, RoutingStrategy::kRoundRobin)};
    in.lead = Lead("seminar", kNaha, 1, {});
    for (int i = 0; i < 8; ++i) {
        RoutingDecision d = RouteLead(in);
        EXPECT_EQ(d.user_id, want[i]) << "lead " << i + 1;
        ASSERT_TRUE(d.round_robin_after);
        in.round_robin[4] = *d.round_robin_after;
    }
    EXPECT_EQ(in.round_robin[4], (RoundRobinState{{31, 0}, {32, 0}}));

    // A rule weight overrides the team weight: 1:1 alternates 31, 32, 31, 32.
    RoutingInput even = World();
    even.rules = {Rule(4, 1, 3, RoutingStrategy::kRoundRobin)};
    even.rule_weights[4] = {{31, 1}};
    even.lead = in.lead;
    const long long want_even[] = {31, 32, 31, 32};
    for (long long w : want_even) {
        RoutingDecision d = RouteLead(even);
        EXPECT_EQ(d.user_id, w);
        even.round_robin[4] = *d.round_robin_after;
    }
}

TEST(RouteLead, AbsentMembersAreSkippedAndNamed) {
    RoutingInput in = World();
    in.teams[3].members[0].absent = true;  // 31 (weight 3) is on leave
    in.rules = {Rule(4, 1, 3, RoutingStrategy::kRoundRobin)};
    in.lead = Lead("seminar", kNaha, 1, {});
    RoutingDecision d = RouteLead(in);
    EXPECT_EQ(d.user_id, 32);
    EXPECT_EQ(d.skipped_absent, std::vector<long long>{31});
    EXPECT_EQ(d.reason, "ルール1: すべて → インサイドセールス部（重み付きラウンドロビン）／不在のため除外: BDR一");
    // The absent member's state is untouched: only 32 took weight (1) and lost the total (1).
    EXPECT_EQ(*d.round_robin_after, (RoundRobinState{{32, 0}}));
}

TEST(RouteLead, EveryMemberAbsentPassesToTheNextRuleOrLeavesUnassigned) {
    RoutingInput in = World();
    for (auto& m : in.teams[1].members) m.absent = true;
    in.rules = {Rule(1, 1, 1, RoutingStrategy::kLeastOpen), Rule(2, 2, 2, RoutingStrategy::kLeastOpen)};
    in.lead = Lead("inquiry", kOkutama, 5'000, {});
    RoutingDecision d = RouteLead(in);
    EXPECT_EQ(d.user_id, 21);
    EXPECT_EQ(d.rule_id, 2);
    EXPECT_EQ(d.reason, "ルール2: すべて → 関東チーム（担当件数最少: 0件）／ルール1: 防災チームは全員不在");

    in.rules.pop_back();
    d = RouteLead(in);
    EXPECT_EQ(d.user_id, 0);
    EXPECT_EQ(d.rule_id, 0);
    EXPECT_EQ(d.reason, "該当ルールなし（ルール1: 防災チームは全員不在）");
}

TEST(RouteLead, LeastOpenTiesGoToTheLowestUserId) {
    struct Case {
        std::vector<long long> open;  // open work of 11, 12, 13
        long long want;
    };
    const Case cases[] = {{{4, 2, 2}, 12}, {{0, 0, 0}, 11}, {{5, 3, 1}, 13}, {{1, 2, 1}, 11}};
    for (const auto& c : cases) {
        RoutingInput in = World();
        for (size_t i = 0; i < 3; ++i) in.teams[1].members[i].open_work = c.open[i];
        in.rules = {Rule(1, 1, 1, RoutingStrategy::kLeastOpen)};
        in.lead = Lead("inquiry", kOkutama, 5'000, {});
        EXPECT_EQ(RouteLead(in).user_id, c.want);
    }
}

TEST(RouteLead, NamedOwnerAndItsAbsence) {
    RoutingInput in = World();
    RoutingRule r = Rule(3, 1, 1, RoutingStrategy::kNamedOwner);
    r.owner_id = 13;
    in.rules = {r};
    in.lead = Lead("inquiry", kOkutama, 5'000, {});
    RoutingDecision d = RouteLead(in);
    EXPECT_EQ(d.user_id, 13);
    EXPECT_EQ(d.reason, "ルール1: すべて → 防災チーム（指名担当）");
    // Absent named owner: round robin among 11 and 12 (weights 1) starts with 11.
    in.teams[1].members[2].absent = true;
    d = RouteLead(in);
    EXPECT_EQ(d.user_id, 11);
    EXPECT_EQ(
        d.reason,
        "ルール1: すべて → 防災チーム（指名担当 防災三 不在のため重み付きラウンドロビン）／不在のため除外: 防災三");
}

TEST(RouteLead, ReroutingExcludesTheOwner) {
    RoutingInput in = World();
    in.rules = {Rule(1, 1, 2, RoutingStrategy::kLeastOpen)};
    in.lead = Lead("inquiry", kShinjuku, 340'000, {});
    in.excluded_users = {21};
    EXPECT_EQ(RouteLead(in).user_id, 22);
}

}  // namespace
}  // namespace kyoso::domain
