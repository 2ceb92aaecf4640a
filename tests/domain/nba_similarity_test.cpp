#include <gtest/gtest.h>

#include "kyoso/domain/nba/nba.hpp"
#include "kyoso/domain/similarity/similarity.hpp"

namespace kyoso::domain {
namespace {

using similarity::GovernmentProfile;

// Three governments whose log10 populations are 4, 5, 3 and 財政力指数 0.5, 0.7, 0.3:
// both columns have mean = middle value and population sd = sqrt(2/3)·step, so the
// z-scores are 0, +1.224745, −1.224745 (√1.5), and a one-step difference squared is 1.5.
std::vector<GovernmentProfile> Three() {
    return {
        {"000001", "city", "kanto", 10000, 0.5, {1}},
        {"000002", "city", "kanto", 100000, 0.7, {2, 1}},
        {"000003", "town", "tohoku", 1000, 0.3, {}},
    };
}

TEST(Similarity, StandardisesLogPopulationAndFiscalIndex) {
    const auto pts = similarity::Standardise(Three());
    ASSERT_EQ(pts.size(), 3u);
    EXPECT_NEAR(pts[0].log_population_z, 0.0, 1e-9);
    EXPECT_NEAR(pts[1].log_population_z, 1.224745, 1e-6);
    EXPECT_NEAR(pts[2].log_population_z, -1.224745, 1e-6);
    EXPECT_NEAR(pts[1].fiscal_z, 1.224745, 1e-6);
    EXPECT_FALSE(pts[0].fiscal_imputed);
    EXPECT_EQ(pts[1].products, (std::vector<long long>{1, 2}));  // sorted
}

struct DistanceCase {
    const char* what;
    size_t a, b;
    double expected;  // by hand
};

TEST(Similarity, DistancesByHand) {
    const auto pts = similarity::Standardise(Three());
    const DistanceCase cases[] = {
        // Δpop² 1.5 + Δfsi² 1.5 + same kind 0 + same region 0 + Jaccard({1},{1,2}) = 0.5 → 0.25:
        // √3.25 = 1.802776.
        {"same kind and region, half the products shared", 0, 1, 1.802776},
        // 1.5 + 1.5 + kind 1 + region 0.5 + Jaccard({1},{}) = 1 → 1: √5.5 = 2.345208.
        {"other kind, other region, nothing shared", 0, 2, 2.345208},
        // Δz = 2·1.224745 → 6 each: 6 + 6 + 1 + 0.5 + 1 = 14.5 → 3.807887.
        {"two steps apart", 1, 2, 3.807887},
        {"itself", 1, 1, 0.0},
    };
    for (const auto& c : cases) {
        EXPECT_NEAR(similarity::Distance(pts[c.a], pts[c.b]), c.expected, 1e-6) << c.what;
        EXPECT_NEAR(similarity::Distance(pts[c.b], pts[c.a]), c.expected, 1e-6) << c.what << " (symmetric)";
    }
}

TEST(Similarity, MissingFiscalIndexImputedByKindMedianAndDownWeighted) {
    // City fiscal indices 0.4 and 0.8: the kind median 0.6 fills the gap. Values 0.6, 0.4,
    // 0.8 → z 0, −1.224745, +1.224745. Populations all equal → sd 0 → 1 → all z 0.
    const std::vector<GovernmentProfile> profiles = {
        {"000010", "city", "kanto", 10000, std::nullopt, {}},
        {"000011", "city", "kanto", 10000, 0.4, {}},
        {"000012", "city", "kanto", 10000, 0.8, {}},
        {"000013", "town", "kanto", 10000, 0.1, {}},  // another kind: not in the city median
    };
    const auto pts = similarity::Standardise(profiles);
    EXPECT_TRUE(pts[0].fiscal_imputed);
    EXPECT_FALSE(pts[1].fiscal_imputed);
    // Imputed: weight 0.5 on Δfsi². Values 0.6, 0.4, 0.8, 0.1: mean 0.475, sd
    // sqrt((0.015625 + 0.005625 + 0.105625 + 0.140625)/4) = sqrt(0.066875) = 0.258602.
    // Δfsi(0,1) = 0.2/0.258602 = 0.773389 → ² 0.598131 × 0.5 = 0.299065 → d = 0.546869.
    EXPECT_NEAR(similarity::Distance(pts[0], pts[1]), 0.546869, 1e-5);
    // Both known: Δ = 0.4/0.258602 = 1.546779 → ² 2.392524 → d = 1.546779.
    EXPECT_NEAR(similarity::Distance(pts[1], pts[2]), 1.546779, 1e-5);
}

TEST(Similarity, JaccardByHand) {
    EXPECT_DOUBLE_EQ(similarity::JaccardDistance({}, {}), 0.0);
    EXPECT_DOUBLE_EQ(similarity::JaccardDistance({1, 2, 3}, {2, 3, 4}), 0.5);  // 2 of 4
    EXPECT_DOUBLE_EQ(similarity::JaccardDistance({1}, {2}), 1.0);
}

TEST(Similarity, NearestIsSortedWithTiesByCode) {
    std::vector<GovernmentProfile> profiles = Three();
    profiles.push_back({"000000", "city", "kanto", 100000, 0.7, {1, 2}});  // a twin of 000002
    const auto pts = similarity::Standardise(profiles);
    std::vector<std::string> codes;
    for (const auto& p : profiles) codes.push_back(p.code);
    const auto n = similarity::Nearest(pts, codes, 0, {0, 1, 2, 3}, 3);
    ASSERT_EQ(n.size(), 3u);
    EXPECT_EQ(codes[n[0].index], "000000");  // tied with 000002: the smaller code first
    EXPECT_EQ(codes[n[1].index], "000002");
    EXPECT_EQ(codes[n[2].index], "000003");
    EXPECT_NEAR(n[0].distance, n[1].distance, 1e-12);
}

// ---- next best actions ----

nba::RecordFacts Deal(Date today) {
    nba::RecordFacts f;
    f.record_kind = "deal";
    f.record_id = "7";
    f.deal_id = 7;
    f.government_code = "132012";
    f.government_name = "八王子市";
    f.title = "電子申請";
    f.product_name = "電子申請";
    f.today = today;
    f.last_contact = today;  // contacted today: no contact rule
    return f;
}

struct ScoreCase {
    const char* what;
    nba::RecordFacts facts;
    std::string action;  // the expected single action ("" = none)
    double score;
};

TEST(NextBestActions, EachRuleScoresByHand) {
    const Date today = MakeDate(2026, 11, 2);
    auto with_deadline = [&](std::string slug, std::string label, int n, bool missed = false) {
        auto f = Deal(today);
        f.deadline = nba::DeadlineFact{slug, label, AddDays(today, n), n, missed, "見送り: 次の機会は 12月補正", today};
        return f;
    };
    auto with_handoff = [&](int left, bool breached) {
        auto f = Deal(today);
        f.handoffs.push_back({3, "is_to_fs", today, left, breached});
        return f;
    };
    auto with_rotation = [&](int days_ago) {
        auto f = Deal(today);
        f.rotations.push_back({9, "佐藤 花子", "情報政策課 係長", AddDays(today, -days_ago), "鈴木 一郎"});
        return f;
    };
    auto with_task = [&](int days_overdue) {
        auto f = Deal(today);
        f.overdue_tasks.push_back({4, "見積送付", AddDays(today, -days_overdue)});
        return f;
    };
    auto with_factor = [&](double c) {
        auto f = Deal(today);
        f.negative_factors.push_back({"visits_before_deadline", "締切前の訪問回数", c});
        return f;
    };
    auto with_adopters = [&](int count) {
        auto f = Deal(today);
        for (int i = 0; i < count; ++i) {
            f.adopters.push_back({"00000" + std::to_string(i), "市" + std::to_string(i), 0.5 + i, today});
        }
        return f;
    };
    auto silent = [&](std::optional<int> days) {
        auto f = Deal(today);
        f.last_contact = days ? std::optional<Date>(AddDays(today, -*days)) : std::nullopt;
        return f;
    };
    const ScoreCase cases[] = {
        {"request deadline in 5 business days: 90 − 2·5", with_deadline("budget_request_deadline", "予算要求締切", 5),
         "参考見積を提出", 80},
        {"spec window today: 90 − 0", with_deadline("spec_window", "仕様・参考見積の提出時期", 0), "参考見積を提出",
         90},
        {"査定 in 3: 80 − 6", with_deadline("assessment", "査定", 3), "訪問して査定状況を確認", 74},
        {"year end in 10: 70 − 20", with_deadline("fiscal_year_end", "年度末", 10), "契約・執行手続きを確認", 50},
        {"31 business days: outside the window", with_deadline("budget_request_deadline", "予算要求締切", 31), "", 0},
        {"missed: 40", with_deadline("budget_request_deadline", "予算要求締切", -9, true),
         "補正予算に向けて再提案を準備", 40},
        {"hand-off breached", with_handoff(-1, true), "引き継ぎを完了", 95},
        {"hand-off due today", with_handoff(0, false), "引き継ぎを完了", 85},
        {"hand-off due next business day", with_handoff(1, false), "引き継ぎを完了", 75},
        {"hand-off due in 2: nothing yet", with_handoff(2, false), "", 0},
        {"new official 10 days ago", with_rotation(10), "新任の担当者に挨拶: 佐藤 花子", 80},
        {"90 days ago: 80 − 60/3", with_rotation(90), "新任の担当者に挨拶: 佐藤 花子", 60},
        {"150 days ago: floor 50", with_rotation(150), "新任の担当者に挨拶: 佐藤 花子", 50},
        {"task 2 days overdue: 60 + 6", with_task(2), "期限切れのタスクを完了: 見積送付", 66},
        {"task 15 days overdue: capped 90", with_task(15), "期限切れのタスクを完了: 見積送付", 90},
        {"model factor −0.6: 40 + 12", with_factor(-0.6), "訪問を設定", 52},
        {"model factor −2: capped 70", with_factor(-2.0), "訪問を設定", 70},
        {"2 adopters: 30 + 20", with_adopters(2), "導入事例を紹介: 市0", 50},
        {"6 adopters: 30 + 40", with_adopters(6), "導入事例を紹介: 市0", 70},
        {"29 days silent: nothing", silent(29), "", 0},
        {"30 days silent: 30", silent(30), "連絡を取る（電話・メール）", 30},
        {"70 days: 30 + 40/2", silent(70), "連絡を取る（電話・メール）", 50},
        {"200 days: capped 80", silent(200), "連絡を取る（電話・メール）", 80},
        {"never contacted: 50", silent(std::nullopt), "連絡を取る（電話・メール）", 50},
    };
    for (const auto& c : cases) {
        const auto actions = nba::Propose(c.facts);
        if (c.action.empty()) {
            EXPECT_TRUE(actions.empty()) << c.what;
            continue;
        }
        ASSERT_EQ(actions.size(), 1u) << c.what;
        EXPECT_EQ(actions[0].action_ja, c.action) << c.what;
        EXPECT_DOUBLE_EQ(actions[0].score, c.score) << c.what;
        EXPECT_FALSE(actions[0].reason_ja.empty()) << c.what;
    }
}

TEST(NextBestActions, ReasonsAndKeys) {
    const Date today = MakeDate(2026, 11, 2);
    auto f = Deal(today);
    f.deadline = nba::DeadlineFact{"budget_request_deadline", "予算要求締切", MakeDate(2026, 11, 13), 9, false, "", {}};
    const auto a = nba::Propose(f);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].reason_ja, "予算要求締切まであと9営業日");
    EXPECT_EQ(a[0].key, "budget_calendar:deal:7:2026-11-13");
    EXPECT_EQ(nba::RuleRecordOf(a[0].key), "budget_calendar:deal:7");
}

TEST(NextBestActions, RankingOrdersByScoreThenRuleThenKey) {
    const Date today = MakeDate(2026, 11, 2);
    auto f = Deal(today);
    f.deadline = nba::DeadlineFact{"budget_request_deadline", "予算要求締切", AddDays(today, 10), 10, false, "", {}};
    f.handoffs.push_back({3, "is_to_fs", today, 0, false});                // 85
    f.overdue_tasks.push_back({4, "電話", AddDays(today, -3)});            // 69
    f.overdue_tasks.push_back({5, "資料送付", AddDays(today, -3)});        // 69, key …:5
    f.adopters.push_back({"000001", "A市", 0.4, today});                   // 40
    f.last_contact = AddDays(today, -50);                                  // 30 + 10 = 40
    f.rotations.push_back({9, "新任", "係長", AddDays(today, -240), ""});  // 80 − 70 → 50
    // Budget: 90 − 20 = 70.
    const auto ranked = nba::Rank(nba::Propose(f), {}, today);
    std::vector<std::pair<std::string, double>> got;
    for (const auto& a : ranked) got.emplace_back(std::string(nba::RuleSlug(a.rule)) + "/" + a.key, a.score);
    const std::vector<std::pair<std::string, double>> want = {
        {"handoff_sla/handoff_sla:deal:7:2026-11-02:3", 85},
        {"budget_calendar/budget_calendar:deal:7:2026-11-12", 70},
        {"overdue_task/overdue_task:deal:7:2026-10-30:4", 69},
        {"overdue_task/overdue_task:deal:7:2026-10-30:5", 69},
        {"rotation/rotation:deal:7:2026-03-07:9", 50},
        // 40 and 40: similar_adoption comes before no_contact in rule order.
        {"similar_adoption/similar_adoption:deal:7:2026-11-02:000001", 40},
        {"no_contact/no_contact:deal:7:2026-09-13", 40},
    };
    EXPECT_EQ(got, want);
    EXPECT_EQ(nba::Rank(nba::Propose(f), {}, today, 2).size(), 2u);
}

TEST(NextBestActions, FeedbackHidesDismissedRulesForNDaysAndAcceptedKeys) {
    const Date today = MakeDate(2026, 11, 20);
    auto f = Deal(today);
    f.last_contact = MakeDate(2026, 9, 1);  // 80 days → 55
    const auto proposed = nba::Propose(f);
    ASSERT_EQ(proposed.size(), 1u);
    const std::string key = proposed[0].key;  // no_contact:deal:7:2026-09-01
    struct Case {
        const char* what;
        nba::Feedback fb;
        bool hidden;
    };
    const Case cases[] = {
        {"dismissed today", {key, "dismiss", today}, true},
        {"dismissed 13 days ago (< 14)", {key, "dismiss", AddDays(today, -13)}, true},
        {"dismissed 14 days ago: back", {key, "dismiss", AddDays(today, -14)}, false},
        {"dismissed under an older date, same rule and record",
         {"no_contact:deal:7:2026-08-01", "dismiss", today},
         true},
        {"dismissed another record", {"no_contact:deal:8:2026-09-01", "dismiss", today}, false},
        {"accepted this key long ago", {key, "accept", MakeDate(2025, 1, 1)}, true},
        {"accepted an older key", {"no_contact:deal:7:2026-08-01", "accept", today}, false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(nba::Rank(proposed, {c.fb}, today).empty(), c.hidden) << c.what;
    }
}

TEST(NextBestActions, RemediesOfModelFactors) {
    EXPECT_EQ(nba::RemedyOfFactor({"visits_90d", "訪問回数", -1}), "訪問を設定");
    EXPECT_EQ(nba::RemedyOfFactor({"has_reference_quote", "参考見積", -1}), "参考見積を提出");
    EXPECT_EQ(nba::RemedyOfFactor({"days_since_last_activity", "最終接触からの日数", -1}),
              "連絡を取る（電話・メール）");
    EXPECT_EQ(nba::RemedyOfFactor({"population_band", "人口規模", -1}), "「人口規模」を改善");
}

}  // namespace
}  // namespace kyoso::domain
