#include "kyoso/app/demo/demo_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/demo/demo_division.hpp"
#include "kyoso/domain/fiscal/fiscal_calendar.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"
#include "kyoso/domain/government/government.hpp"
#include "kyoso/domain/pipeline/stage.hpp"
#include "kyoso/domain/sales/sales.hpp"

// The demo company is a small simulation of selling to Japanese local
// governments. Every number that later models are checked against is a named
// constant in the "planted truth" block below and is documented, with the same
// values, in docs/demo-data.md: change one, change the other.

namespace kyoso::app {
namespace {

using domain::ActivityType;
using domain::BudgetStatus;
using domain::GovernmentKind;
using domain::ProcurementMethod;
using domain::Stage;

// ---------------------------------------------------------------------------
// Planted truth (docs/demo-data.md, "Planted effects").
//
// A deal that reaches the budget cycle goes through two independent gates:
//   budget gate: P(pass) = min(kMaxBudgetPass, kBaseBudgetPass × budget lifts)
//   tender gate: P(win | budget passed) = min(kMaxTenderWin, kBaseTenderWin × tender lifts)
// so, below the caps, each lift multiplies the overall win rate by exactly its value.
constexpr double kBaseBudgetPass = 0.25;
constexpr double kMaxBudgetPass = 0.92;
constexpr double kBaseTenderWin = 0.62;
constexpr double kMaxTenderWin = 0.92;

// (1) A 参考見積 handed over before the budget-request deadline gets the item into
// the department's request: ×2 on the budget gate. A late quote (after the
// deadline) gets no lift: timing, not the quote itself, is the effect.
constexpr double kQuoteBeforeDeadlineLift = 2.0;
constexpr double kQuoteBeforeDeadlineShare = 0.50;  // of deals
constexpr double kQuoteLateShare = 0.15;            // the rest (0.35) get no quote

// (2) 横並び: a peer (same prefecture, or same similar group / kind group) won the
// same product before this deal was created.
constexpr double kPeerAdoptionDiscoveryLift = 1.8;  // relative propensity to open a deal
constexpr double kPeerAdoptionBudgetLift = 1.5;     // budget gate

// (3) Size: amount = price_min × (price_max / price_min)^e,
// e = clamp(size + triangular(±kAmountNoise), 0, 1),
// size = clamp((log10(population) − kSizeLog10Floor) / kSizeLog10Span, 0, 1).
constexpr double kSizeLog10Floor = 3.0;
constexpr double kSizeLog10Span = 4.0;
constexpr double kAmountNoise = 0.15;
// Propensity to open a deal also grows with size: weight = kSizeWeightBase + kSizeWeightSlope × size.
constexpr double kSizeWeightBase = 0.25;
constexpr double kSizeWeightSlope = 1.75;

// (4) The champion (the department's 担当, slot role "owner") rotates on 1 April
// with probability kRotationRate per year, independently of everything else. A
// rotation while the deal is open (after the budget passed, before the tender)
// multiplies the tender gate by kRotationTenderLift and pushes the tender back.
constexpr double kRotationRate = 0.25;
constexpr double kRotationTenderLift = 0.55;
constexpr int kRotationDelayMinBusinessDays = 20;
constexpr int kRotationDelayMaxBusinessDays = 45;

// (5) Field visits (ActivityType::kVisit) before the request deadline:
// budget gate × (1 + kVisitLiftPerVisit × min(visits, kVisitLiftCap)).
constexpr double kVisitLiftPerVisit = 0.15;
constexpr int kVisitLiftCap = 4;
constexpr std::array<double, 6> kVisitCountWeights = {0.20, 0.22, 0.22, 0.16, 0.12, 0.08};  // 0..5 visits

// (6) 財政力指数, only when the statistics import provided it: strong bodies pass
// more budgets and buy bigger; weak ones less. Unknown index: no effect.
constexpr double kStrongFinanceThreshold = 0.8;  // index ≥ this
constexpr double kWeakFinanceThreshold = 0.4;    // index < this
constexpr double kStrongFinanceBudgetLift = 1.25;
constexpr double kWeakFinanceBudgetLift = 0.8;
constexpr double kStrongFinanceAmountLift = 1.15;
constexpr double kWeakFinanceAmountLift = 0.9;

// (7) A deal converted from an inbound inquiry (lead source "inquiry") comes from
// a department that already has the need: budget gate ×kInquiryBudgetLift.
constexpr double kInquiryBudgetLift = 1.4;

// Synthetic size when a body has no population: median log10 population of its
// kind (国勢調査 2020, rounded) plus triangular noise of ±kProxyNoiseLog10, seeded
// by (seed, code).
constexpr double kProxyNoiseLog10 = 0.35;
double ProxyLog10Population(GovernmentKind kind) {
    switch (kind) {
        case GovernmentKind::kPrefecture:
            return 6.2;  // ~1.6M
        case GovernmentKind::kDesignatedCity:
            return 6.0;  // ~1.0M
        case GovernmentKind::kCoreCity:
            return 5.55;  // ~350k
        case GovernmentKind::kSpecialWard:
            return 5.5;  // ~320k
        case GovernmentKind::kCity:
            return 4.7;  // ~50k
        case GovernmentKind::kTown:
            return 4.05;  // ~11k
        case GovernmentKind::kVillage:
            return 3.5;  // ~3k
        case GovernmentKind::kWard:
            return 5.3;
    }
    return 4.5;
}

// ---------------------------------------------------------------------------
// Pipeline mechanics (not effects, but documented too).
constexpr double kFailAtRequestShare = 0.5;  // of budget-gate failures: dropped before the request; rest cut at 査定
constexpr double kCarryOverRate = 0.6;       // deferred deals re-opened for the next fiscal year
constexpr int kContractYears = 5;            // a won pair is a customer for 5 fiscal years, then re-tendered
constexpr int kLostCooldownYears = 2;        // after a loss the competitor holds the contract
constexpr double kLeadShare = 0.45;          // new deals that come from a lead
constexpr double kUnconvertedLeadsPerDeal = 0.5;
constexpr double kInfluencerShare = 0.5;  // deals that also involve a junior influencer
// Most tenders run in spring (spec work from April); a quarter run in the autumn,
// so at a 1 November as_of part of the current year's deals are still open.
constexpr double kAutumnTenderShare = 0.25;
// 少額随契 ceilings for "other" contracts (地方自治法施行令 別表第五, from April 2025).
constexpr long long kSmallValueCeilingMunicipality = 1'000'000;
constexpr long long kSmallValueCeilingWide = 2'000'000;  // 都道府県・政令市
constexpr size_t kActivityBatch = 50'000;

struct ScaleSpec {
    int fiscal_years;        // contract years simulated end to end (the last one contains as_of)
    int new_deals_per_year;  // expected fresh deals per cohort (carried deals come on top)
    int home_prefectures;    // territory: 0 = every government is an account
    double home_account_share;
    int nurture_min, nurture_max;
    int cs_touch_interval_business_days;
};
constexpr ScaleSpec kSmallSpec{3, 105, 10, 0.6, 1, 4, 40};
constexpr ScaleSpec kJapanSpec{10, 16'200, 0, 1.0, 5, 12, 7};

// ---------------------------------------------------------------------------
// Deterministic randomness. std::*_distribution output is implementation-
// defined, so only the raw mt19937_64 stream (fully specified) is used.

std::uint64_t SplitMix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}
std::uint64_t SubSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index = 0) {
    return SplitMix64(SplitMix64(SplitMix64(seed) ^ stream) ^ index);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t Next() { return engine_(); }
    // Uniform in [0, n) by rejection: no modulo bias.
    std::uint64_t Below(std::uint64_t n) {
        const std::uint64_t threshold = (0 - n) % n;
        for (;;) {
            const std::uint64_t x = Next();
            if (x >= threshold) return x % n;
        }
    }
    // Uniform integer in [lo, hi].
    int Between(int lo, int hi) {
        if (hi <= lo) return lo;
        return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    // Uniform in [0, 1) from the top 53 bits.
    double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
    double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
    bool Chance(double p) { return Uniform() < p; }
    // Symmetric triangular noise in (−half_width, half_width).
    double Triangular(double half_width) { return (Uniform() + Uniform() - 1.0) * half_width; }
    // Index drawn with probability proportional to its weight.
    size_t Pick(std::span<const double> weights) {
        double total = 0;
        for (double w : weights) total += w;
        double x = Uniform() * total;
        for (size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }
    template <typename T>
    const T& PickOne(const std::vector<T>& items) {
        return items[static_cast<size_t>(Below(items.size()))];
    }

private:
    std::mt19937_64 engine_;
};

// ---------------------------------------------------------------------------
// Catalog data.

enum class Dept {
    kDigital,
    kDisaster,
    kChildcare,
    kWelfare,
    kEducation,
    kCouncil,
    kUrbanPlanning,
    kResidents,
    kFinance,
    kTourism,
    kEnvironment,
};
constexpr int kDeptCount = 11;

// Department names by body type: {都道府県, 市・特別区, 町村}. Unique within a column
// so that (government, department, title) identifies one post.
struct DeptNames {
    const char* wide;
    const char* city;
    const char* town;
};
constexpr std::array<DeptNames, kDeptCount> kDeptNames = {{
    {"総務部 デジタル推進課", "総務部 情報政策課", "総務課 情報推進係"},
    {"危機管理部 防災危機管理課", "危機管理部 危機管理課", "総務課 防災係"},
    {"健康福祉部 子ども家庭課", "こども未来部 子育て支援課", "住民福祉課 子育て支援係"},
    {"健康福祉部 福祉政策課", "福祉部 福祉総務課", "住民福祉課 福祉係"},
    {"教育庁 生涯学習課", "教育委員会 生涯学習課", "教育委員会 生涯学習係"},
    {"議会事務局 議事課", "議会事務局 議事課", "議会事務局 議事係"},
    {"県土整備部 都市計画課", "都市整備部 都市計画課", "建設課 管理係"},
    {"県民生活部 県民生活課", "市民部 市民課", "住民課 住民係"},
    {"総務部 財政課", "財政部 財政課", "総務課 財政係"},
    {"観光文化部 観光振興課", "産業観光部 観光課", "産業振興課 観光係"},
    {"環境森林部 環境政策課", "環境部 環境政策課", "住民課 環境係"},
}};

// The policy domain (施策分野) of each department, as the department tree records it.
constexpr std::array<const char*, kDeptCount> kDeptPolicyDomain = {
    "DX", "防災", "子育て", "福祉", "教育", "議会", "まちづくり", "住民サービス", "財政", "観光", "環境",
};

struct ProductSpec {
    const char* name;
    std::vector<std::string> policy_domains;
    long long price_min;
    long long price_max;
    std::vector<std::string> keywords;
    Dept dept;
    double popularity;      // relative propensity to open a deal
    double proposal_share;  // above the 少額随契 ceiling: share bought by プロポーザル (else open tender)
};

// The product demo's catalog (kSmall): seven services.
// clang-format off
std::vector<ProductSpec> CoreProducts() {
    return {
        {"電子申請サービス", {"DX", "子育て"}, 600'000, 6'000'000,
         {"電子申請", "オンライン申請", "行政手続オンライン化", "書かない窓口"}, Dept::kDigital, 1.3, 0.4},
        {"防災情報配信システム", {"防災"}, 1'500'000, 15'000'000,
         {"避難情報", "緊急速報メール", "防災アプリ", "Lアラート"}, Dept::kDisaster, 1.0, 0.5},
        {"子育て支援アプリ", {"子育て", "福祉"}, 800'000, 5'000'000, {"母子手帳", "予防接種", "子育て応援", "プッシュ通知"},
         Dept::kChildcare, 1.0, 0.6},
        {"AI-OCR", {"DX"}, 400'000, 3'000'000, {"手書き帳票", "OCR", "RPA", "業務効率化"}, Dept::kDigital, 1.2, 0.2},
        {"統合型GIS", {"DX", "防災", "環境"}, 2'000'000, 20'000'000, {"地図", "固定資産", "都市計画", "ハザードマップ"},
         Dept::kUrbanPlanning, 0.6, 0.3},
        {"議事録作成支援", {"DX", "議会"}, 300'000, 2'400'000, {"音声認識", "会議録", "議会", "文字起こし"},
         Dept::kCouncil, 0.9, 0.2},
        {"公共施設予約システム", {"DX", "教育", "観光"}, 1'000'000, 8'000'000,
         {"施設予約", "公民館", "体育館", "キャッシュレス"}, Dept::kEducation, 0.8, 0.4},
    };
}
// clang-format on

// A Japan-wide vendor (kJapan) sells a wider line.
// clang-format off
std::vector<ProductSpec> ExtendedProducts() {
    return {
        {"窓口DXシステム", {"DX", "福祉"}, 1'500'000, 12'000'000, {"書かない窓口", "ワンストップ", "申請書作成支援"},
         Dept::kResidents, 1.0, 0.5},
        {"公金収納・キャッシュレス決済", {"DX"}, 800'000, 6'000'000, {"キャッシュレス", "コンビニ収納", "スマホ決済"},
         Dept::kResidents, 0.9, 0.3},
        {"介護認定審査会支援", {"福祉"}, 1'000'000, 8'000'000, {"介護保険", "認定審査", "ペーパーレス"}, Dept::kWelfare,
         0.8, 0.4},
        {"健康管理システム", {"福祉"}, 2'000'000, 15'000'000, {"健診", "保健指導", "予防接種"}, Dept::kWelfare, 0.7, 0.3},
        {"校務支援システム", {"教育"}, 2'000'000, 18'000'000, {"GIGAスクール", "校務DX", "成績処理"}, Dept::kEducation,
         0.8, 0.4},
        {"図書館システム", {"教育"}, 1'500'000, 10'000'000, {"蔵書検索", "電子図書館", "予約"}, Dept::kEducation, 0.6,
         0.3},
        {"ごみ分別アプリ", {"環境"}, 500'000, 3'000'000, {"ごみ収集", "分別", "プッシュ通知"}, Dept::kEnvironment, 0.9,
         0.3},
        {"観光DXプラットフォーム", {"観光", "DX"}, 1'000'000, 10'000'000, {"観光", "インバウンド", "人流データ"},
         Dept::kTourism, 0.7, 0.7},
        {"ふるさと納税管理", {"観光", "DX"}, 600'000, 5'000'000, {"ふるさと納税", "返礼品", "寄附管理"},
         Dept::kTourism, 0.8, 0.4},
        {"財務会計システム", {"DX"}, 3'000'000, 30'000'000, {"予算編成", "財務会計", "公会計"}, Dept::kFinance, 0.5, 0.3},
        {"電子入札システム", {"DX"}, 2'000'000, 15'000'000, {"電子入札", "契約管理"}, Dept::kFinance, 0.5, 0.2},
        {"文書管理・電子決裁", {"DX"}, 2'000'000, 20'000'000, {"電子決裁", "文書管理", "ペーパーレス"},
         Dept::kDigital, 0.8, 0.3},
        {"RPA導入支援", {"DX"}, 500'000, 4'000'000, {"RPA", "自動化", "業務改善"}, Dept::kDigital, 0.9, 0.3},
        {"AIチャットボット", {"DX"}, 400'000, 3'600'000, {"チャットボット", "FAQ", "24時間対応"}, Dept::kDigital, 1.0,
         0.4},
        {"避難所運営支援", {"防災"}, 600'000, 5'000'000, {"避難所", "受付", "備蓄管理"}, Dept::kDisaster, 0.8, 0.4},
        {"ハザードマップ作成", {"防災"}, 1'000'000, 8'000'000, {"ハザードマップ", "浸水想定", "土砂災害"},
         Dept::kDisaster, 0.6, 0.5},
        {"保育所入所AIマッチング", {"子育て"}, 800'000, 5'000'000, {"保育所", "入所選考", "AI"}, Dept::kChildcare, 0.7,
         0.5},
        {"児童相談記録システム", {"子育て", "福祉"}, 1'000'000, 6'000'000, {"児童相談", "見守り", "記録"},
         Dept::kChildcare, 0.6, 0.4},
        {"地域ポイントアプリ", {"観光", "DX"}, 1'000'000, 8'000'000, {"地域通貨", "ポイント", "健康ポイント"},
         Dept::kTourism, 0.6, 0.7},
        {"オープンデータ公開基盤", {"DX"}, 500'000, 4'000'000, {"オープンデータ", "CKAN", "データ連携"},
         Dept::kDigital, 0.6, 0.3},
        {"議会中継配信", {"DX", "議会"}, 800'000, 6'000'000, {"議会中継", "録画配信", "字幕"}, Dept::kCouncil, 0.6, 0.3},
        {"公共施設マネジメント", {"DX"}, 1'000'000, 8'000'000, {"施設台帳", "長寿命化", "個別施設計画"},
         Dept::kFinance, 0.5, 0.5},
        {"水道スマートメーター", {"環境", "DX"}, 2'000'000, 20'000'000, {"水道", "検針", "IoT"}, Dept::kEnvironment, 0.4,
         0.3},
        {"脱炭素支援プラットフォーム", {"環境"}, 1'000'000, 7'000'000, {"ゼロカーボン", "CO2見える化", "地域エネルギー"},
         Dept::kEnvironment, 0.5, 0.6},
        {"福祉総合相談システム", {"福祉"}, 1'200'000, 9'000'000, {"重層的支援", "相談記録", "ケース管理"},
         Dept::kWelfare, 0.6, 0.5},
    };
}
// clang-format on

struct NamePart {
    const char* kanji;
    const char* kana;
};
// clang-format off
constexpr NamePart kFamilyNames[] = {
    {"佐藤", "サトウ"},     {"鈴木", "スズキ"},     {"高橋", "タカハシ"},   {"田中", "タナカ"},   {"伊藤", "イトウ"},
    {"渡辺", "ワタナベ"},   {"山本", "ヤマモト"},   {"中村", "ナカムラ"},   {"小林", "コバヤシ"}, {"加藤", "カトウ"},
    {"吉田", "ヨシダ"},     {"山田", "ヤマダ"},     {"佐々木", "ササキ"},   {"山口", "ヤマグチ"}, {"松本", "マツモト"},
    {"井上", "イノウエ"},   {"木村", "キムラ"},     {"林", "ハヤシ"},       {"斎藤", "サイトウ"}, {"清水", "シミズ"},
    {"山崎", "ヤマザキ"},   {"森", "モリ"},         {"池田", "イケダ"},     {"橋本", "ハシモト"}, {"阿部", "アベ"},
    {"石川", "イシカワ"},   {"山下", "ヤマシタ"},   {"中島", "ナカジマ"},   {"石井", "イシイ"},   {"小川", "オガワ"},
    {"前田", "マエダ"},     {"岡田", "オカダ"},     {"長谷川", "ハセガワ"}, {"藤田", "フジタ"},   {"後藤", "ゴトウ"},
    {"近藤", "コンドウ"},   {"村上", "ムラカミ"},   {"遠藤", "エンドウ"},   {"青木", "アオキ"},   {"坂本", "サカモト"},
    {"斉藤", "サイトウ"},   {"福田", "フクダ"},     {"太田", "オオタ"},     {"西村", "ニシムラ"}, {"藤井", "フジイ"},
    {"金子", "カネコ"},     {"岡本", "オカモト"},   {"藤原", "フジワラ"},   {"中野", "ナカノ"},   {"三浦", "ミウラ"},
    {"原田", "ハラダ"},     {"中川", "ナカガワ"},   {"松田", "マツダ"},     {"竹内", "タケウチ"}, {"小野", "オノ"},
    {"田村", "タムラ"},     {"中山", "ナカヤマ"},   {"和田", "ワダ"},       {"石田", "イシダ"},   {"森田", "モリタ"},
    {"上田", "ウエダ"},     {"原", "ハラ"},         {"内田", "ウチダ"},     {"柴田", "シバタ"},   {"酒井", "サカイ"},
    {"宮崎", "ミヤザキ"},   {"横山", "ヨコヤマ"},   {"高木", "タカギ"},     {"安藤", "アンドウ"}, {"宮本", "ミヤモト"},
    {"大野", "オオノ"},     {"小島", "コジマ"},     {"谷口", "タニグチ"},   {"今井", "イマイ"},   {"工藤", "クドウ"},
    {"高田", "タカダ"},     {"増田", "マスダ"},     {"丸山", "マルヤマ"},   {"杉山", "スギヤマ"}, {"村田", "ムラタ"},
};
constexpr NamePart kGivenNames[] = {
    {"浩", "ヒロシ"},       {"誠", "マコト"},       {"健一", "ケンイチ"},   {"大輔", "ダイスケ"},   {"直樹", "ナオキ"},
    {"拓也", "タクヤ"},     {"翔太", "ショウタ"},   {"健太", "ケンタ"},     {"和也", "カズヤ"},     {"隆", "タカシ"},
    {"修", "オサム"},       {"剛", "ツヨシ"},       {"達也", "タツヤ"},     {"亮", "リョウ"},       {"聡", "サトシ"},
    {"博之", "ヒロユキ"},   {"雅人", "マサト"},     {"大樹", "ダイキ"},     {"健二", "ケンジ"},     {"学", "マナブ"},
    {"陽介", "ヨウスケ"},   {"慎也", "シンヤ"},     {"恵子", "ケイコ"},     {"裕子", "ユウコ"},     {"美穂", "ミホ"},
    {"直子", "ナオコ"},     {"真由美", "マユミ"},   {"明美", "アケミ"},     {"智子", "トモコ"},     {"由美", "ユミ"},
    {"美咲", "ミサキ"},     {"彩", "アヤ"},         {"愛", "アイ"},         {"麻衣", "マイ"},       {"千尋", "チヒロ"},
    {"里奈", "リナ"},       {"香織", "カオリ"},     {"陽子", "ヨウコ"},     {"沙織", "サオリ"},     {"舞", "マイ"},
    {"優子", "ユウコ"},     {"奈々", "ナナ"},       {"遥", "ハルカ"},       {"葵", "アオイ"},       {"悠斗", "ユウト"},
    {"蓮", "レン"},         {"颯太", "ソウタ"},     {"結衣", "ユイ"},
};
// clang-format on

const char* const kCompetitors[] = {
    "ミライ行政システムズ",         "ジチタイクラウド",   "公共ソリューション研究所",
    "日本ローカルガバメントテック", "さくら自治体ソフト", "エヌシー公共情報",
};

// ---------------------------------------------------------------------------
// Helpers.

bool IsWide(GovernmentKind kind) {
    return kind == GovernmentKind::kPrefecture || kind == GovernmentKind::kDesignatedCity;
}
bool IsTownOrVillage(GovernmentKind kind) { return kind == GovernmentKind::kTown || kind == GovernmentKind::kVillage; }

const char* DepartmentName(Dept dept, GovernmentKind kind) {
    const DeptNames& n = kDeptNames[static_cast<size_t>(dept)];
    if (kind == GovernmentKind::kPrefecture) return n.wide;
    return IsTownOrVillage(kind) ? n.town : n.city;
}

// Large bodies have junior staff (主任・主事) working a topic next to the 係長;
// in smaller ones the 係長 or 主査 is the whole team.
bool HasJuniorPosts(GovernmentKind kind) {
    return kind == GovernmentKind::kPrefecture || kind == GovernmentKind::kDesignatedCity ||
           kind == GovernmentKind::kCoreCity || kind == GovernmentKind::kSpecialWard;
}

// In a 町村 one 課長 approves for every 係 of the 課 (総務課 → 情報推進係, 防災係,
// 財政係): the approver's post is the 課, named without the 係.
Dept ApproverDept(Dept dept, GovernmentKind kind) {
    if (!IsTownOrVillage(kind)) return dept;
    const std::string_view name = kDeptNames[static_cast<size_t>(dept)].town;
    const std::string_view section = name.substr(0, name.find(' '));
    for (int i = 0; i < kDeptCount; ++i) {
        const std::string_view other = kDeptNames[static_cast<size_t>(i)].town;
        if (other.substr(0, other.find(' ')) == section) return static_cast<Dept>(i);
    }
    return dept;
}

std::string FormatYen(long long yen) {
    std::string digits = std::to_string(yen);
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[static_cast<size_t>(i)];
    }
    return out + "円";
}

long long RoundToThousand(double yen) { return static_cast<long long>(std::llround(yen / 1000.0)) * 1000; }

bool Before(Date a, Date b) { return std::chrono::sys_days{a} < std::chrono::sys_days{b}; }
Date Min(Date a, Date b) { return Before(b, a) ? b : a; }
Date Max(Date a, Date b) { return Before(a, b) ? b : a; }

enum class SlotRole { kApprover, kOwner, kInfluencer };
constexpr int kSlotRoles = 3;
const char* DecisionRole(SlotRole role) {
    switch (role) {
        case SlotRole::kApprover:
            return "approver";
        case SlotRole::kOwner:
            return "owner";
        case SlotRole::kInfluencer:
            return "influencer";
    }
    return "influencer";
}

enum class QuoteTiming { kNone, kBeforeDeadline, kLate };
enum class Outcome { kWon, kLost, kDeferredAtRequest, kDeferredAtAssessment };

// One government as the simulation sees it.
struct Gov {
    domain::Government g;
    double log10_population = 0;
    bool population_is_proxy = false;
    double size = 0;  // 0..1, see kSizeLog10Floor
    int prefecture_index = -1;
    int peer_group = -1;  // -1: no group beyond the prefecture
    int region = 0;       // team territory
    long long owner_id = 0;
    long long cs_id = 0;
};

// A post in a department: one holder at a time; holders change on the 1 April of
// each rotation year. Holders are created when first needed.
struct Slot {
    int gov = 0;
    SlotRole role = SlotRole::kOwner;
    std::string department;
    long long department_id = 0;  // the leaf of `department` in the department tree
    std::string title;
    Date first_posted{};
    std::vector<int> rotation_years;    // fiscal years whose 1 April changes the holder
    std::vector<long long> holder_ids;  // size rotation_years + 1; 0 = not created yet
};

struct UserRec {
    long long id;
    domain::SalesRole role;
    int team;
};

// The whole life of one deal, decided when it is opened; the stored row shows it
// as of options.as_of.
struct DealPlan {
    long long id = 0;
    int gov = 0;
    int product = 0;
    int cohort = 0;  // fiscal year the deal is opened in; the contract year is cohort + 1
    bool carried = false;
    bool renewal = false;  // the pair was a customer before: the contract is re-tendered
    bool peer_adopted = false;
    long long owner_id = 0, is_id = 0, bdr_id = 0, cs_id = 0, manager_id = 0;
    long long champion_id = 0, approver_id = 0, influencer_id = 0, successor_id = 0;
    std::string lead_source;  // empty when not from a lead
    Date created{}, qualified{}, quote{}, deadline{}, decision{}, council{}, prep{}, notice{}, submit{}, outcome_on{};
    QuoteTiming quote_timing = QuoteTiming::kNone;
    int visits_before_deadline = 0;
    bool demo = false;
    Outcome outcome = Outcome::kLost;
    bool rotated = false;
    long long amount = 0;
    long long award = 0;
    ProcurementMethod method = ProcurementMethod::kOpenTender;
    std::string competitor;
    std::string reason;
};

struct LeadPlan {
    long long id = 0;
    int gov = 0;
    int product = 0;
    std::string source;
    long long official_id = 0;
    long long deal_id = 0;
    Date created{};
    std::string status;
    long long bdr_id = 0, is_id = 0;
};

struct Adoption {
    Date closed;
    int gov;
};

struct CalendarDates {
    Date deadline;
    Date council;
};

// ---------------------------------------------------------------------------

class Generator {
public:
    Generator(ports::Store& store, AuditTrail& audit, const domain::BusinessCalendar& business_days,
              const DemoOptions& options, ports::ProgressSink& progress, std::vector<domain::Government> governments)
        : store_(store),
          audit_(audit),
          cal_(business_days),
          options_(options),
          spec_(options.scale == DemoScale::kSmall ? kSmallSpec : kJapanSpec),
          progress_(progress),
          rng_(SubSeed(options.seed, 1)),
          history_rng_(SubSeed(options.seed, 7)) {
        last_fy_ = domain::FiscalYear::Containing(options.as_of).year();
        first_fy_ = last_fy_ - spec_.fiscal_years + 1;
        // Deals for contract year N are opened in FY N-1: the first cohort is opened
        // the year before the first contract year, the last one (the pipeline for
        // last_fy_ + 1) in the as-of year.
        first_cohort_ = first_fy_ - 1;
        products_ = CoreProducts();
        if (options.scale == DemoScale::kJapan) {
            for (auto& p : ExtendedProducts()) products_.push_back(std::move(p));
        }
        govs_.reserve(governments.size());
        for (auto& g : governments) govs_.push_back(Gov{std::move(g)});
    }

    Status Run() {
        PrepareGovernments();
        KYOSO_RETURN_IF_ERROR(WriteProductsAndTeam());
        ChooseAccounts();
        KYOSO_RETURN_IF_ERROR(WriteCustomFields());
        next_eligible_.assign(govs_.size() * products_.size(), first_cohort_);
        won_before_.assign(govs_.size() * products_.size(), 0);
        pref_adoptions_.assign(products_.size(), std::vector<std::vector<Adoption>>(prefecture_count_));
        group_adoptions_.assign(products_.size(), std::vector<std::vector<Adoption>>(group_count_));
        slot_index_.assign(govs_.size() * kDeptCount * kSlotRoles, -1);

        std::vector<std::pair<int, int>> carried;  // (gov, product) deferred last year, re-opened this year
        const int cohorts = last_fy_ - first_cohort_ + 1;
        for (int fy = first_cohort_; fy <= last_fy_; ++fy) {
            progress_.Report("fiscal years", fy - first_cohort_, cohorts);
            std::vector<DealPlan> plans;
            std::vector<LeadPlan> leads;
            PlanCohort(fy, carried, plans, leads);
            KYOSO_RETURN_IF_ERROR(WriteCohort(plans, leads));
            KYOSO_RETURN_IF_ERROR(WriteActivities(plans, leads));
            carried = FinishCohort(fy, plans);
        }
        KYOSO_RETURN_IF_ERROR(FlushActivities());
        progress_.Report("fiscal years", cohorts, cohorts);
        return Status::Ok();
    }

    ports::SalesCounts counts() const { return counts_; }
    const std::vector<std::pair<std::string, long long>>& sample_users() const { return sample_users_; }
    int first_fiscal_year() const { return first_fy_; }
    int last_fiscal_year() const { return last_fy_; }

private:
    // ---- setup -------------------------------------------------------------

    void PrepareGovernments() {
        std::map<std::string, int> prefectures, groups;
        for (size_t i = 0; i < govs_.size(); ++i) {
            Gov& v = govs_[i];
            const auto& g = v.g;
            if (g.population && *g.population > 0) {
                v.log10_population = std::log10(static_cast<double>(*g.population));
            } else {
                // Seeded by (seed, code), not by list position, so the proxy of a body
                // does not change when the master gains or loses other bodies.
                Rng noise(SubSeed(options_.seed, 2, std::stoull(g.code.str())));
                v.log10_population = ProxyLog10Population(g.kind) + noise.Triangular(kProxyNoiseLog10);
                v.population_is_proxy = true;
            }
            v.size = std::clamp((v.log10_population - kSizeLog10Floor) / kSizeLog10Span, 0.0, 1.0);
            if (g.kind != GovernmentKind::kPrefecture) {
                auto [it, inserted] = prefectures.emplace(g.prefecture_code, static_cast<int>(prefectures.size()));
                v.prefecture_index = it->second;
            }
            const std::string group = PeerGroupKey(g);
            if (!group.empty()) {
                auto [it, inserted] = groups.emplace(group, static_cast<int>(groups.size()));
                v.peer_group = it->second;
            }
            v.region = Region(v.g);
        }
        prefecture_count_ = prefectures.size();
        group_count_ = groups.size();
    }

    // 類似団体区分 when the statistics import derived it; otherwise the kinds that
    // form their own group (DOMAIN.md §1) — prefectures compare with prefectures.
    static std::string PeerGroupKey(const domain::Government& g) {
        if (!g.similar_group.empty()) return g.similar_group;
        switch (g.kind) {
            case GovernmentKind::kPrefecture:
            case GovernmentKind::kDesignatedCity:
            case GovernmentKind::kCoreCity:
            case GovernmentKind::kSpecialWard:
                return std::string(domain::KindSlug(g.kind));
            default:
                return "";
        }
    }

    // Team territory: 0 = 広域自治体チーム (prefectures and designated cities); 1..n regional.
    int Region(const domain::Government& g) const {
        if (IsWide(g.kind)) return 0;
        const int pref = g.code.prefecture_number();
        if (options_.scale == DemoScale::kSmall) return pref <= 23 ? 1 : 2;  // 東日本 = 北海道〜愛知
        if (pref <= 7) return 1;                                             // 北海道・東北
        if (pref <= 14) return 2;                                            // 関東
        if (pref <= 23) return 3;                                            // 中部
        if (pref <= 30) return 4;                                            // 近畿
        if (pref <= 39) return 5;                                            // 中国・四国
        return 6;                                                            // 九州・沖縄
    }

    Status WriteProductsAndTeam() {
        std::vector<domain::Product> rows;
        for (size_t i = 0; i < products_.size(); ++i) {
            const auto& p = products_[i];
            rows.push_back(
                {static_cast<long long>(i + 1), p.name, p.policy_domains, p.price_min, p.price_max, p.keywords});
        }
        counts_.products = static_cast<long long>(rows.size());

        struct TeamSpec {
            const char* name;
            int region;  // -1: not a territory team
            int managers, field, bdr, inside, success;
        };
        std::vector<TeamSpec> teams;
        if (options_.scale == DemoScale::kSmall) {
            teams = {{"営業本部", -1, 1, 0, 0, 0, 0},
                     {"広域自治体チーム", 0, 1, 4, 0, 0, 0},
                     {"東日本チーム", 1, 1, 7, 0, 0, 0},
                     {"西日本チーム", 2, 1, 7, 0, 0, 0},
                     {"インサイドセールス部", -1, 1, 0, 5, 6, 0},
                     {"カスタマーサクセス部", -1, 1, 0, 0, 0, 6}};
        } else {
            teams = {{"営業本部", -1, 1, 0, 0, 0, 0},
                     {"広域自治体チーム", 0, 1, 8, 0, 0, 0},
                     {"北海道・東北チーム", 1, 1, 8, 0, 0, 0},
                     {"関東チーム", 2, 1, 8, 0, 0, 0},
                     {"中部チーム", 3, 1, 8, 0, 0, 0},
                     {"近畿チーム", 4, 1, 8, 0, 0, 0},
                     {"中国・四国チーム", 5, 1, 8, 0, 0, 0},
                     {"九州・沖縄チーム", 6, 1, 8, 0, 0, 0},
                     {"インサイドセールス部", -1, 1, 0, 10, 12, 0},
                     {"カスタマーサクセス部", -1, 1, 0, 0, 0, 14}};
        }
        std::vector<domain::SalesUser> users;
        std::vector<std::string> used_names;
        auto add = [&](const TeamSpec& t, domain::SalesRole role) {
            std::string name;
            do {
                const NamePart& f = kFamilyNames[rng_.Below(std::size(kFamilyNames))];
                const NamePart& g = kGivenNames[rng_.Below(std::size(kGivenNames))];
                name = std::string(f.kanji) + " " + g.kanji;
            } while (std::find(used_names.begin(), used_names.end(), name) != used_names.end());
            used_names.push_back(name);
            const long long id = static_cast<long long>(users.size()) + 1;
            users.push_back({id, name, role, t.name});
            if (role == domain::SalesRole::kFieldSales) field_by_region_[t.region].push_back(id);
            if (role == domain::SalesRole::kManager && t.region >= 0) manager_by_region_[t.region] = id;
            if (role == domain::SalesRole::kBdr) bdr_.push_back(id);
            if (role == domain::SalesRole::kInsideSales) inside_.push_back(id);
            if (role == domain::SalesRole::kCustomerSuccess) success_.push_back(id);
        };
        for (const auto& t : teams) {
            for (int i = 0; i < t.managers; ++i) add(t, domain::SalesRole::kManager);
            for (int i = 0; i < t.field; ++i) add(t, domain::SalesRole::kFieldSales);
            for (int i = 0; i < t.bdr; ++i) add(t, domain::SalesRole::kBdr);
            for (int i = 0; i < t.inside; ++i) add(t, domain::SalesRole::kInsideSales);
            for (int i = 0; i < t.success; ++i) add(t, domain::SalesRole::kCustomerSuccess);
        }
        counts_.users = static_cast<long long>(users.size());
        // Territories (docs/security.md): a regional team's field sales and manager
        // cover the prefectures of its region; the wide-area team all of Japan.
        std::map<int, std::vector<std::string>> region_prefectures;
        for (int pref = 1; pref <= 47; ++pref) {
            const std::string code = (pref < 10 ? "0" : "") + std::to_string(pref);
            region_prefectures[0].push_back(code);
            auto parsed = domain::GovernmentCode::Parse(code + "300");
            if (parsed.ok()) {
                domain::Government probe{*parsed};
                probe.kind = domain::GovernmentKind::kTown;
                region_prefectures[Region(probe)].push_back(code);
            }
        }
        std::map<std::string, int> team_region;
        for (const auto& t : teams) team_region[t.name] = t.region;
        sample_users_.clear();
        for (const auto& u : users) {
            const std::string role(domain::SalesRoleSlug(u.role));
            const bool regional = team_region[u.team] > 0;
            // The sample manager and field sales person come from a regional team.
            if ((u.role == domain::SalesRole::kManager || u.role == domain::SalesRole::kFieldSales) && !regional) {
                continue;
            }
            if (std::none_of(sample_users_.begin(), sample_users_.end(),
                             [&](const auto& s) { return s.first == role; })) {
                sample_users_.emplace_back(role, u.id);
            }
        }
        return store_.InTransaction([&]() -> Status {
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertProducts(rows));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertUsers(users));
            for (const auto& u : users) {
                const int region = team_region[u.team];
                if (region < 0 || (u.role != domain::SalesRole::kFieldSales && u.role != domain::SalesRole::kManager)) {
                    continue;
                }
                auto account = store_.accounts().FindById(u.id);
                if (!account.ok()) return account.status();
                account->territory = region_prefectures[region];
                KYOSO_RETURN_IF_ERROR(store_.accounts().UpdateAccount(*account));
            }
            return AuditBatch(AuditJson()
                                  .Int("seed", static_cast<long long>(options_.seed))
                                  .Int("products", static_cast<long long>(rows.size()))
                                  .Int("users", static_cast<long long>(users.size())));
        });
    }

    // The company's own fields (docs/crm-catalog.md): when each account renews its
    // core systems (a government field), the 調達案件番号 of tendered deals and the
    // campaign a seminar lead came from. Values come from the history stream.
    Status WriteCustomFields() {
        using domain::CustomFieldEntity;
        using domain::CustomFieldType;
        const std::vector<domain::CustomFieldDefinition> defs = {
            {0,
             CustomFieldEntity::kGovernment,
             "core_system_renewal_fy",
             "基幹系システム更改年度",
             CustomFieldType::kNumber,
             {},
             false},
            {0,
             CustomFieldEntity::kGovernment,
             "bid_qualification",
             "入札参加資格（等級）",
             CustomFieldType::kChoice,
             {"A", "B", "C", "D"},
             false},
            {0, CustomFieldEntity::kDeal, "procurement_number", "調達案件番号", CustomFieldType::kText, {}, false},
            {0,
             CustomFieldEntity::kLead,
             "campaign",
             "キャンペーン",
             CustomFieldType::kChoice,
             {"自治体DXセミナー", "防災DXフォーラム", "子育て支援ウェビナー"},
             false},
        };
        return store_.InTransaction([&]() -> Status {
            std::vector<long long> ids;
            for (const auto& d : defs) {
                auto id = store_.custom_fields().Insert(d);
                if (!id.ok()) return id.status();
                ids.push_back(*id);
            }
            procurement_field_ = ids[2];
            campaign_field_ = ids[3];
            static const char* kGrades[] = {"A", "A", "B", "B", "C"};
            for (int gov : accounts_) {
                const std::string code = govs_[static_cast<size_t>(gov)].g.code.str();
                const int fy = last_fy_ + static_cast<int>(history_rng_.Below(5));
                KYOSO_RETURN_IF_ERROR(store_.custom_fields().SetValue(ids[0], code, std::to_string(fy)));
                KYOSO_RETURN_IF_ERROR(store_.custom_fields().SetValue(ids[1], code, kGrades[history_rng_.Below(5)]));
            }
            return AuditBatch(AuditJson()
                                  .Int("custom_fields", static_cast<long long>(defs.size()))
                                  .Int("government_values", 2 * static_cast<long long>(accounts_.size())));
        });
    }

    // kSmall: a vendor of ~40 people sells nationwide to the big bodies (都道府県,
    // 政令市, 中核市) and, in its home prefectures, to a share of the other
    // municipalities. kJapan: every government is an account.
    void ChooseAccounts() {
        for (auto& v : govs_) {
            v.owner_id = rng_.PickOne(field_by_region_[v.region]);
            v.cs_id = rng_.PickOne(success_);
        }
        accounts_.clear();
        if (spec_.home_prefectures == 0) {
            for (size_t i = 0; i < govs_.size(); ++i) accounts_.push_back(static_cast<int>(i));
            return;
        }
        std::vector<std::string> prefectures;
        for (const auto& v : govs_) {
            if (v.g.kind == GovernmentKind::kPrefecture) prefectures.push_back(v.g.code.str());
        }
        std::vector<std::string> home;
        while (static_cast<int>(home.size()) < spec_.home_prefectures && home.size() < prefectures.size()) {
            const std::string& code = rng_.PickOne(prefectures);
            if (std::find(home.begin(), home.end(), code) == home.end()) home.push_back(code);
        }
        for (size_t i = 0; i < govs_.size(); ++i) {
            const auto& g = govs_[i].g;
            const bool national = g.kind == GovernmentKind::kPrefecture || g.kind == GovernmentKind::kDesignatedCity ||
                                  g.kind == GovernmentKind::kCoreCity;
            const bool in_home = std::find(home.begin(), home.end(), g.prefecture_code) != home.end();
            if (national || (in_home && rng_.Chance(spec_.home_account_share))) {
                accounts_.push_back(static_cast<int>(i));
            }
        }
    }

    // ---- dates -------------------------------------------------------------

    Date RandomBusinessDay(Rng& rng, Date from, Date to) const {
        const int span = std::max(0, DaysBetween(from, to));
        Date d = cal_.NextBusinessDayOnOrAfter(AddDays(from, rng.Between(0, span)));
        if (Before(to, d)) d = cal_.PreviousBusinessDayOnOrBefore(to);
        if (Before(d, from)) d = from;
        return d;
    }

    const CalendarDates& CalendarFor(int fy, GovernmentKind kind) {
        const auto key = std::make_pair(fy, static_cast<int>(kind));
        auto it = calendars_.find(key);
        if (it != calendars_.end()) return it->second;
        const auto fc = domain::FiscalCalendar::Build(domain::FiscalYear(fy), kind, {}, cal_);
        CalendarDates dates{fc.Find(domain::MilestoneKind::kBudgetRequestDeadline)->end,
                            cal_.PreviousBusinessDayOnOrBefore(fc.Find(domain::MilestoneKind::kMarchCouncil)->end)};
        return calendars_.emplace(key, dates).first->second;
    }

    // Discovery happens in spring and summer: April–August, peaking May–June.
    Date DiscoveryDate(int fy) {
        static constexpr std::array<double, 5> kMonthWeights = {0.15, 0.25, 0.25, 0.20, 0.15};
        const unsigned month = 4 + static_cast<unsigned>(rng_.Pick(kMonthWeights));
        const Date first = MakeDate(fy, month, month == 4 ? 8 : 1);
        const Date last = Date{std::chrono::year{fy} / std::chrono::month{month} / std::chrono::last};
        return RandomBusinessDay(rng_, first, last);
    }

    // ---- officials ----------------------------------------------------------

    int SlotFor(int gov, Dept dept, SlotRole role, Date needed_on) {
        const GovernmentKind kind = govs_[static_cast<size_t>(gov)].g.kind;
        if (role == SlotRole::kApprover) dept = ApproverDept(dept, kind);
        const size_t key = (static_cast<size_t>(gov) * kDeptCount + static_cast<size_t>(dept)) * kSlotRoles +
                           static_cast<size_t>(role);
        if (slot_index_[key] >= 0) return slot_index_[key];
        Slot s;
        s.gov = gov;
        s.role = role;
        s.department = DepartmentName(dept, kind);
        if (role == SlotRole::kApprover && IsTownOrVillage(kind)) s.department.resize(s.department.find(' '));
        s.department_id = DepartmentId(gov, dept, s.department);
        switch (role) {
            case SlotRole::kApprover: {
                static const std::vector<std::string> kWide = {"課長", "課長", "課長", "次長", "部長"};
                static const std::vector<std::string> kOther = {"課長", "課長", "課長", "課長", "部長"};
                s.title = rng_.PickOne(IsWide(kind) ? kWide : kOther);
                break;
            }
            case SlotRole::kOwner: {
                static const std::vector<std::string> kCity = {"課長補佐", "係長", "係長", "主査"};
                static const std::vector<std::string> kTown = {"係長", "係長", "主査"};
                s.title = rng_.PickOne(IsTownOrVillage(kind) ? kTown : kCity);
                break;
            }
            case SlotRole::kInfluencer: {
                static const std::vector<std::string> kJunior = {"主任", "主事"};
                s.title = rng_.PickOne(kJunior);
                break;
            }
        }
        // The first holder took the post on an earlier 1 April (0–3 years before).
        const int fy = domain::FiscalYear::Containing(needed_on).year();
        s.first_posted = MakeDate(fy - rng_.Between(0, 3), 4, 1);
        for (int y = fy + 1; y <= last_fy_; ++y) {
            if (rng_.Chance(kRotationRate)) s.rotation_years.push_back(y);
        }
        s.holder_ids.assign(s.rotation_years.size() + 1, 0);
        slots_.push_back(std::move(s));
        slot_index_[key] = static_cast<int>(slots_.size()) - 1;
        return slot_index_[key];
    }

    bool RotatesOn(int slot, int fy) const {
        const auto& years = slots_[static_cast<size_t>(slot)].rotation_years;
        return std::find(years.begin(), years.end(), fy) != years.end();
    }

    long long HolderAt(int slot_id, Date date) {
        Slot& s = slots_[static_cast<size_t>(slot_id)];
        size_t k = 0;
        while (k < s.rotation_years.size() && !Before(date, MakeDate(s.rotation_years[k], 4, 1))) ++k;
        if (s.holder_ids[k] != 0) return s.holder_ids[k];
        const Gov& v = govs_[static_cast<size_t>(s.gov)];
        const NamePart& f = kFamilyNames[rng_.Below(std::size(kFamilyNames))];
        const NamePart& g = kGivenNames[rng_.Below(std::size(kGivenNames))];
        domain::Official o;
        o.id = ++official_seq_;
        o.government_code = v.g.code.str();
        o.department = s.department;
        o.name = std::string(f.kanji) + " " + g.kanji;
        o.kana = std::string(f.kana) + " " + g.kana;
        o.title = s.title;
        o.decision_role = DecisionRole(s.role);
        o.posted_from = k == 0 ? s.first_posted : MakeDate(s.rotation_years[k - 1], 4, 1);
        o.department_id = s.department_id;
        RecordPostings(s, k, o);
        official_department_.resize(static_cast<size_t>(official_seq_) + 1, 0);
        official_department_[static_cast<size_t>(official_seq_)] = s.department_id;
        pending_officials_.push_back(std::move(o));
        s.holder_ids[k] = official_seq_;
        // 人事異動: link the holder before and after this one on the post, once both exist.
        if (k > 0 && s.holder_ids[k - 1] != 0) {
            pending_successions_.push_back(
                {s.holder_ids[k - 1], official_seq_, s.department_id, MakeDate(s.rotation_years[k - 1], 4, 1)});
        }
        if (k + 1 < s.holder_ids.size() && s.holder_ids[k + 1] != 0) {
            pending_successions_.push_back(
                {official_seq_, s.holder_ids[k + 1], s.department_id, MakeDate(s.rotation_years[k], 4, 1)});
        }
        return official_seq_;
    }

    // The posting history of holder `k` of slot `s` as of options.as_of: the post
    // itself, and — when the holder has rotated out by then — the department they
    // moved to on that 1 April (chosen from its own random stream, so that history
    // details never shift the simulation). Updates `o` to the current posting.
    void RecordPostings(const Slot& s, size_t k, domain::Official& o) {
        const std::string code = o.government_code;
        ports::PostingRow post{o.id, code, s.department_id, s.department, s.title, *o.posted_from, std::nullopt};
        if (k < s.rotation_years.size()) {
            const Date moved_on = MakeDate(s.rotation_years[k], 4, 1);
            if (!Before(options_.as_of, moved_on)) {
                post.to = AddDays(moved_on, -1);
                pending_postings_.push_back(post);
                const GovernmentKind kind = govs_[static_cast<size_t>(s.gov)].g.kind;
                const Dept to = static_cast<Dept>(history_rng_.Below(kDeptCount));
                std::string name = DepartmentName(to, kind);
                if (s.role == SlotRole::kApprover && IsTownOrVillage(kind)) name.resize(name.find(' '));
                if (name == s.department) {
                    name = DepartmentName(static_cast<Dept>((static_cast<int>(to) + 1) % kDeptCount), kind);
                    if (s.role == SlotRole::kApprover && IsTownOrVillage(kind)) name.resize(name.find(' '));
                }
                const long long to_id = DepartmentId(s.gov, to, name);
                pending_postings_.push_back({o.id, code, to_id, name, s.title, moved_on, std::nullopt});
                o.department = name;
                o.department_id = to_id;
                o.posted_from = moved_on;
                return;
            }
        }
        pending_postings_.push_back(std::move(post));
    }

    // The id of department `name` ("総務部 情報政策課", or one level: "総務課") of a
    // government, creating it and its parent on first use. The leaf carries the
    // policy domain of `dept` when the name is that department's own.
    long long DepartmentId(int gov, Dept dept, const std::string& name) {
        const auto key = std::make_pair(gov, name);
        if (auto it = department_ids_.find(key); it != department_ids_.end()) return it->second;
        const Gov& v = govs_[static_cast<size_t>(gov)];
        const bool small = IsTownOrVillage(v.g.kind);
        const size_t space = name.find(' ');
        long long parent = 0;
        std::string leaf = name;
        if (space != std::string::npos) {
            const std::string top = name.substr(0, space);
            const auto top_key = std::make_pair(gov, top);
            if (auto it = department_ids_.find(top_key); it != department_ids_.end()) {
                parent = it->second;
            } else {
                parent = ++department_seq_;
                pending_departments_.push_back({parent, v.g.code.str(), 0, top, small ? "division" : "bureau", {}});
                department_ids_.emplace(top_key, parent);
            }
            leaf = name.substr(space + 1);
        }
        const long long id = ++department_seq_;
        std::vector<std::string> domains;
        if (space != std::string::npos || !small) domains.push_back(kDeptPolicyDomain[static_cast<size_t>(dept)]);
        const char* level =
            space == std::string::npos ? (small ? "division" : "bureau") : (small ? "section" : "division");
        pending_departments_.push_back({id, v.g.code.str(), parent, leaf, level, std::move(domains)});
        department_ids_.emplace(key, id);
        return id;
    }

    // ---- peers --------------------------------------------------------------

    // Did a peer (another body in the same prefecture, or in the same peer group)
    // win this product with a contract closed before `date`?
    bool PeerAdopted(int gov, int product, Date date) const {
        const Gov& v = govs_[static_cast<size_t>(gov)];
        auto any = [&](const std::vector<Adoption>& list) {
            for (const auto& a : list) {
                if (a.gov != gov && Before(a.closed, date)) return true;
            }
            return false;
        };
        const auto p = static_cast<size_t>(product);
        if (v.prefecture_index >= 0 && any(pref_adoptions_[p][static_cast<size_t>(v.prefecture_index)])) return true;
        return v.peer_group >= 0 && any(group_adoptions_[p][static_cast<size_t>(v.peer_group)]);
    }

    // ---- planning -----------------------------------------------------------

    void PlanCohort(int fy, const std::vector<std::pair<int, int>>& carried, std::vector<DealPlan>& plans,
                    std::vector<LeadPlan>& leads) {
        const size_t n_products = products_.size();
        // Deferred deals from last year come back first, in spring.
        for (const auto& [gov, product] : carried) {
            const Date created = RandomBusinessDay(rng_, MakeDate(fy, 4, 5), MakeDate(fy, 5, 31));
            next_eligible_[static_cast<size_t>(gov) * n_products + static_cast<size_t>(product)] = fy + 1;
            if (Before(options_.as_of, created)) continue;
            plans.push_back(PlanDeal(fy, gov, product, created, true, leads));
        }
        // Fresh deals: every eligible (account, product) pair is a candidate with a
        // weight; the expected number opened is spec_.new_deals_per_year.
        struct Candidate {
            int gov;
            int product;
            Date created;
            bool peer;
            double weight;
        };
        std::vector<Candidate> candidates;
        double total = 0;
        for (int gov : accounts_) {
            for (size_t p = 0; p < n_products; ++p) {
                if (next_eligible_[static_cast<size_t>(gov) * n_products + p] > fy) continue;
                Candidate c{gov, static_cast<int>(p), DiscoveryDate(fy), false, 0};
                c.peer = PeerAdopted(gov, c.product, c.created);
                c.weight = (kSizeWeightBase + kSizeWeightSlope * govs_[static_cast<size_t>(gov)].size) *
                           products_[p].popularity * (c.peer ? kPeerAdoptionDiscoveryLift : 1.0);
                total += c.weight;
                candidates.push_back(c);
            }
        }
        for (const auto& c : candidates) {
            const double p = std::min(1.0, spec_.new_deals_per_year * c.weight / total);
            if (!rng_.Chance(p) || Before(options_.as_of, c.created)) continue;
            plans.push_back(PlanDeal(fy, c.gov, c.product, c.created, false, leads));
        }
        PlanUnconvertedLeads(fy, plans, leads);
    }

    DealPlan PlanDeal(int fy, int gov, int product, Date created, bool carried, std::vector<LeadPlan>& leads) {
        const Gov& v = govs_[static_cast<size_t>(gov)];
        const ProductSpec& spec = products_[static_cast<size_t>(product)];
        DealPlan d;
        d.id = ++deal_seq_;
        d.gov = gov;
        d.product = product;
        d.cohort = fy;
        d.carried = carried;
        d.renewal = won_before_[static_cast<size_t>(gov) * products_.size() + static_cast<size_t>(product)] != 0;
        d.created = created;
        d.peer_adopted = PeerAdopted(gov, product, created);
        d.owner_id = v.owner_id;
        d.cs_id = v.cs_id;
        d.manager_id = manager_by_region_[v.region];
        d.is_id = rng_.PickOne(inside_);
        d.bdr_id = rng_.PickOne(bdr_);

        const int owner_slot = SlotFor(gov, spec.dept, SlotRole::kOwner, created);
        d.champion_id = HolderAt(owner_slot, created);
        d.approver_id = HolderAt(SlotFor(gov, spec.dept, SlotRole::kApprover, created), created);
        if (HasJuniorPosts(v.g.kind) && rng_.Chance(kInfluencerShare)) {
            d.influencer_id = HolderAt(SlotFor(gov, spec.dept, SlotRole::kInfluencer, created), created);
        }

        // Where it came from: a lead (seminar, inquiry, notice, referral) or the owner's own prospecting.
        if (!carried && rng_.Chance(kLeadShare)) {
            static constexpr std::array<double, 4> kSourceWeights = {0.35, 0.25, 0.15, 0.25};
            static const char* kSources[] = {"seminar", "inquiry", "notice", "referral"};
            d.lead_source = kSources[rng_.Pick(kSourceWeights)];
            LeadPlan l;
            l.id = ++lead_seq_;
            l.gov = gov;
            l.product = product;
            l.source = d.lead_source;
            l.official_id = d.influencer_id ? d.influencer_id : d.champion_id;
            l.deal_id = d.id;
            l.created = Max(cal_.AddBusinessDays(created, -rng_.Between(5, 30)),
                            cal_.NextBusinessDayOnOrAfter(MakeDate(first_cohort_, 4, 1)));
            l.status = "converted";
            l.bdr_id = d.bdr_id;
            l.is_id = d.is_id;
            leads.push_back(std::move(l));
        }

        // Amount: effect (3) size and effect (6) finance.
        const double fsi = v.g.fiscal_strength_index.value_or(-1);
        double finance_amount = 1.0, finance_budget = 1.0;
        if (v.g.fiscal_strength_index) {
            if (fsi >= kStrongFinanceThreshold) {
                finance_amount = kStrongFinanceAmountLift;
                finance_budget = kStrongFinanceBudgetLift;
            } else if (fsi < kWeakFinanceThreshold) {
                finance_amount = kWeakFinanceAmountLift;
                finance_budget = kWeakFinanceBudgetLift;
            }
        }
        const double e = std::clamp(v.size + rng_.Triangular(kAmountNoise), 0.0, 1.0);
        const double ratio = static_cast<double>(spec.price_max) / static_cast<double>(spec.price_min);
        d.amount = RoundToThousand(static_cast<double>(spec.price_min) * std::pow(ratio, e) * finance_amount);
        const long long ceiling = IsWide(v.g.kind) ? kSmallValueCeilingWide : kSmallValueCeilingMunicipality;
        if (d.amount < ceiling) {
            d.method = ProcurementMethod::kSmallValue;
        } else {
            d.method = rng_.Chance(spec.proposal_share) ? ProcurementMethod::kProposal : ProcurementMethod::kOpenTender;
        }

        // Before the budget request: hearing, visits, maybe a demo and a quote.
        const CalendarDates& c = CalendarFor(fy, v.g.kind);
        d.deadline = c.deadline;
        d.qualified = cal_.AddBusinessDays(created, rng_.Between(5, 25));
        const double u = rng_.Uniform();
        d.quote_timing = u < kQuoteBeforeDeadlineShare                     ? QuoteTiming::kBeforeDeadline
                         : u < kQuoteBeforeDeadlineShare + kQuoteLateShare ? QuoteTiming::kLate
                                                                           : QuoteTiming::kNone;
        const Date day_before_deadline = cal_.AddBusinessDays(d.deadline, -1);
        if (d.quote_timing == QuoteTiming::kBeforeDeadline) {
            const Date from = Min(Max(cal_.AddBusinessDays(d.qualified, 3), MakeDate(fy, 7, 1)), day_before_deadline);
            d.quote = RandomBusinessDay(rng_, from, day_before_deadline);
        } else if (d.quote_timing == QuoteTiming::kLate) {
            d.quote = RandomBusinessDay(rng_, cal_.AddBusinessDays(d.deadline, 1), MakeDate(fy, 12, 20));
        }
        d.visits_before_deadline = static_cast<int>(rng_.Pick(kVisitCountWeights));
        d.demo = rng_.Chance(0.5);

        // Budget gate: effects (1), (2), (5), (6), (7).
        double p_budget = kBaseBudgetPass;
        if (d.quote_timing == QuoteTiming::kBeforeDeadline) p_budget *= kQuoteBeforeDeadlineLift;
        if (d.peer_adopted) p_budget *= kPeerAdoptionBudgetLift;
        p_budget *= 1.0 + kVisitLiftPerVisit * std::min(d.visits_before_deadline, kVisitLiftCap);
        p_budget *= finance_budget;
        if (d.lead_source == "inquiry") p_budget *= kInquiryBudgetLift;
        p_budget = std::min(p_budget, kMaxBudgetPass);

        if (!rng_.Chance(p_budget)) {
            if (rng_.Chance(kFailAtRequestShare)) {
                d.outcome = Outcome::kDeferredAtRequest;
                d.decision = cal_.AddBusinessDays(d.deadline, rng_.Between(3, 15));
                // A late quote can only arrive before the department gives up.
                if (d.quote_timing == QuoteTiming::kLate && !Before(d.quote, d.decision)) {
                    d.decision = cal_.AddBusinessDays(d.quote, rng_.Between(2, 5));
                }
                static const std::vector<std::string> kReasons = {"予算要求に至らず（課内で優先度が下がった）",
                                                                  "予算要求に至らず（他事業を優先）"};
                d.reason = rng_.PickOne(kReasons);
            } else {
                d.outcome = Outcome::kDeferredAtAssessment;
                d.decision = RandomBusinessDay(rng_, MakeDate(fy + 1, 1, 15), MakeDate(fy + 1, 2, 10));
                static const std::vector<std::string> kReasons = {"財政課査定で予算削減", "首長査定で見送り"};
                d.reason = rng_.PickOne(kReasons);
            }
            d.outcome_on = d.decision;
            return d;
        }

        // Budget passed in the March council; the tender runs in the contract year.
        d.decision = RandomBusinessDay(rng_, MakeDate(fy + 1, 1, 15), MakeDate(fy + 1, 1, 31));  // 内示
        d.council = c.council;
        const int contract_fy = fy + 1;
        const Date april_first = MakeDate(contract_fy, 4, 1);
        d.rotated = RotatesOn(owner_slot, contract_fy);  // effect (4)
        if (d.rotated) d.successor_id = HolderAt(owner_slot, april_first);
        int prep_offset = rng_.Chance(kAutumnTenderShare) ? rng_.Between(50, 120) : rng_.Between(0, 50);
        if (d.rotated) prep_offset += rng_.Between(kRotationDelayMinBusinessDays, kRotationDelayMaxBusinessDays);
        d.prep = cal_.AddBusinessDays(cal_.NextBusinessDayOnOrAfter(april_first), prep_offset);
        if (d.method == ProcurementMethod::kSmallValue) {
            d.notice = cal_.AddBusinessDays(d.prep, rng_.Between(5, 10));  // 見積依頼
            d.submit = cal_.AddBusinessDays(d.notice, rng_.Between(5, 10));
            d.outcome_on = cal_.AddBusinessDays(d.submit, rng_.Between(2, 5));
        } else {
            d.notice = cal_.AddBusinessDays(d.prep, rng_.Between(10, 25));
            d.submit = cal_.AddBusinessDays(d.notice, rng_.Between(10, 20));
            d.outcome_on = cal_.AddBusinessDays(d.submit, rng_.Between(5, 12));
        }

        // Tender gate: effect (4).
        double p_win = kBaseTenderWin;
        if (d.rotated) p_win *= kRotationTenderLift;
        p_win = std::min(p_win, kMaxTenderWin);
        const double amount = static_cast<double>(d.amount);
        if (rng_.Chance(p_win)) {
            d.outcome = Outcome::kWon;
            const double discount = d.method == ProcurementMethod::kOpenTender ? rng_.Uniform(0.82, 0.98)
                                    : d.method == ProcurementMethod::kProposal ? rng_.Uniform(0.92, 1.0)
                                                                               : rng_.Uniform(0.90, 1.0);
            d.award = RoundToThousand(amount * discount);
        } else {
            d.outcome = Outcome::kLost;
            d.competitor = kCompetitors[rng_.Below(std::size(kCompetitors))];
            if (d.method == ProcurementMethod::kProposal) {
                static const std::vector<std::string> kReasons = {"提案評価で次点", "他社の導入実績が評価された",
                                                                  "操作性の評価で劣後"};
                d.reason = rng_.PickOne(kReasons);
                d.award = RoundToThousand(amount * rng_.Uniform(0.85, 1.05));
            } else {
                static const std::vector<std::string> kReasons = {"価格差", "価格差", "仕様要件の一部を満たさず"};
                d.reason = rng_.PickOne(kReasons);
                d.award = RoundToThousand(amount * rng_.Uniform(0.60, 0.92));
            }
            if (d.rotated && rng_.Chance(0.5)) d.reason = "担当者異動後に仕様が見直され他社が採用";
        }
        return d;
    }

    // Leads that did not (yet) become deals: seminar attendees, inquiries and
    // notices that went nowhere, or are still being worked.
    void PlanUnconvertedLeads(int fy, const std::vector<DealPlan>& plans, std::vector<LeadPlan>& leads) {
        const int n = static_cast<int>(std::lround(kUnconvertedLeadsPerDeal * static_cast<double>(plans.size())));
        static constexpr std::array<double, 4> kSourceWeights = {0.45, 0.15, 0.25, 0.15};
        static const char* kSources[] = {"seminar", "inquiry", "notice", "referral"};
        std::vector<double> popularity;
        for (const auto& p : products_) popularity.push_back(p.popularity);
        const Date fy_end = Min(domain::FiscalYear(fy).last_day(), options_.as_of);
        for (int i = 0; i < n; ++i) {
            const int gov = rng_.PickOne(accounts_);
            const int product = static_cast<int>(rng_.Pick(popularity));
            const std::string source = kSources[rng_.Pick(kSourceWeights)];
            const Date created = RandomBusinessDay(rng_, MakeDate(fy, 4, 1), fy_end);
            const bool junior = HasJuniorPosts(govs_[static_cast<size_t>(gov)].g.kind) && rng_.Chance(0.6);
            const Dept dept = products_[static_cast<size_t>(product)].dept;
            const int slot = SlotFor(gov, dept, junior ? SlotRole::kInfluencer : SlotRole::kOwner, created);
            LeadPlan l;
            l.id = ++lead_seq_;
            l.gov = gov;
            l.product = product;
            l.source = source;
            l.official_id = HolderAt(slot, created);
            l.created = created;
            const int age = DaysBetween(created, options_.as_of);
            const double r = rng_.Uniform();
            if (age <= 30) {
                l.status = "new";
            } else if (age <= 120) {
                l.status = r < 0.6 ? "working" : "qualified";
            } else {
                l.status = r < 0.85 ? "disqualified" : "working";
            }
            l.bdr_id = rng_.PickOne(bdr_);
            l.is_id = rng_.PickOne(inside_);
            leads.push_back(std::move(l));
        }
    }

    // After a cohort: record wins for the peer effect, update which pairs may be
    // approached again, and pick the deferred deals that come back next year.
    std::vector<std::pair<int, int>> FinishCohort(int fy, const std::vector<DealPlan>& plans) {
        const size_t n_products = products_.size();
        std::vector<std::pair<int, int>> carried;
        for (const auto& d : plans) {
            const size_t pair = static_cast<size_t>(d.gov) * n_products + static_cast<size_t>(d.product);
            switch (d.outcome) {
                case Outcome::kWon: {
                    next_eligible_[pair] = fy + kContractYears;
                    won_before_[pair] = 1;
                    const Gov& v = govs_[static_cast<size_t>(d.gov)];
                    const Adoption a{d.outcome_on, d.gov};
                    const auto p = static_cast<size_t>(d.product);
                    if (v.prefecture_index >= 0) {
                        pref_adoptions_[p][static_cast<size_t>(v.prefecture_index)].push_back(a);
                    }
                    if (v.peer_group >= 0) group_adoptions_[p][static_cast<size_t>(v.peer_group)].push_back(a);
                    break;
                }
                case Outcome::kLost:
                    next_eligible_[pair] = fy + 1 + kLostCooldownYears;
                    break;
                case Outcome::kDeferredAtRequest:
                case Outcome::kDeferredAtAssessment:
                    next_eligible_[pair] = fy + 1;
                    if (rng_.Chance(kCarryOverRate)) carried.emplace_back(d.gov, d.product);
                    break;
            }
        }
        return carried;
    }

    // ---- rows ---------------------------------------------------------------

    bool Seen(Date date) const { return !Before(options_.as_of, date); }

    // The stored row of plan `p` as of options.as_of; appends the stage moves that
    // led there to `history` (by the owner, dated, with a Japanese note).
    domain::Deal DealRow(const DealPlan& p, std::vector<ports::StageHistoryRow>& history) const {
        const Gov& v = govs_[static_cast<size_t>(p.gov)];
        const ProductSpec& spec = products_[static_cast<size_t>(p.product)];
        domain::Deal d;
        d.id = p.id;
        d.government_code = v.g.code.str();
        d.product_id = p.product + 1;
        d.owner_id = p.owner_id;
        d.champion_id = p.champion_id;
        if (p.champion_id > 0 && static_cast<size_t>(p.champion_id) < official_department_.size()) {
            d.department_id = official_department_[static_cast<size_t>(p.champion_id)];
        }
        d.title = v.g.name + " " + spec.name + (p.carried ? "（再提案）" : p.renewal ? "（更新）" : " 導入");
        d.amount = p.amount;
        d.fiscal_year = p.cohort + 1;
        d.procurement = p.method;
        d.created_on = p.created;

        // Replay the plan up to as_of; stages only move forward.
        Stage stage = Stage::kDiscovery;
        BudgetStatus budget = BudgetStatus::kNone;
        auto move = [&](Date date, Stage to, std::string note) {
            history.push_back({p.id, stage, to, p.owner_id, date, std::move(note)});
            stage = to;
        };
        // Milestones are applied in date order (a late quote can follow the request
        // deadline); a stage is only ever entered moving forward.
        std::vector<std::pair<Date, Stage>> milestones;
        auto reach = [&](Date date, Stage s) {
            if (Seen(date)) milestones.emplace_back(date, s);
        };
        auto settle = [&]() {
            std::stable_sort(milestones.begin(), milestones.end(),
                             [](const auto& a, const auto& b) { return Before(a.first, b.first); });
            for (const auto& [date, s] : milestones) {
                if (static_cast<int>(s) > static_cast<int>(stage)) move(date, s, StageNote(s));
            }
            milestones.clear();
        };
        reach(p.qualified, Stage::kQualified);
        if (p.quote_timing != QuoteTiming::kNone) reach(p.quote, Stage::kBudgetProposal);
        const bool deferred = p.outcome == Outcome::kDeferredAtRequest || p.outcome == Outcome::kDeferredAtAssessment;
        if (p.outcome != Outcome::kDeferredAtRequest && Seen(p.deadline)) {
            reach(p.deadline, Stage::kRequested);
            budget = BudgetStatus::kRequested;
        }
        if (deferred) {
            settle();
            if (Seen(p.decision)) {
                move(p.decision, Stage::kDeferred, "見送り: " + p.reason);
                if (p.outcome == Outcome::kDeferredAtAssessment) budget = BudgetStatus::kCut;
                d.closed_on = p.decision;
                d.lost_reason = p.reason;
            }
        } else {
            if (Seen(p.council)) {
                reach(p.council, Stage::kBudgeted);
                budget = BudgetStatus::kPassed;
                d.budget_amount = RoundToThousand(static_cast<double>(p.amount) * 1.1);  // 予算額 with 10% tax
            }
            reach(p.prep, Stage::kTenderPrep);
            reach(p.submit, Stage::kBidding);
            settle();
            if (Seen(p.outcome_on)) {
                move(p.outcome_on, p.outcome == Outcome::kWon ? Stage::kWon : Stage::kLost,
                     p.outcome == Outcome::kWon
                         ? "落札・受注（" + FormatYen(p.award) + "）"
                         : "失注: " + p.reason + (p.competitor.empty() ? "" : "（落札: " + p.competitor + "）"));
                d.closed_on = p.outcome_on;
                d.award_amount = p.award;
                if (p.outcome == Outcome::kLost) {
                    d.lost_reason = p.reason;
                    d.competitor = p.competitor;
                }
            }
        }
        d.stage = stage;
        d.budget_status = budget;
        // The champion rotated out on 1 April and the deal is still open: someone
        // has to meet the successor (the flag `kyoso import rotations` sets).
        d.needs_follow_up = p.rotated && Seen(MakeDate(p.cohort + 1, 4, 1)) && !domain::IsClosed(stage);
        return d;
    }

    static const char* LeadTitleSuffix(const std::string& source) {
        if (source == "seminar") return "（セミナー参加）";
        if (source == "inquiry") return "（問い合わせ）";
        if (source == "notice") return "（公告・予算書から）";
        if (source == "referral") return "（紹介）";
        return "";
    }

    static std::string StageNote(Stage s) {
        switch (s) {
            case Stage::kQualified:
                return "課題と予算化の意向を担当者と確認";
            case Stage::kBudgetProposal:
                return "予算要求に向けた参考見積を提出";
            case Stage::kRequested:
                return "予算要求に計上（財政課へ提出）";
            case Stage::kBudgeted:
                return "議会で予算成立";
            case Stage::kTenderPrep:
                return "仕様書作成に向けた情報提供";
            case Stage::kBidding:
                return "公告を確認し入札・提案書を提出";
            default:
                return std::string(domain::StageSlug(s));
        }
    }

    Status WriteCohort(const std::vector<DealPlan>& plans, const std::vector<LeadPlan>& leads) {
        std::vector<domain::Deal> deals;
        std::vector<ports::StageHistoryRow> history;
        std::vector<ports::LineItemRow> line_items;
        std::vector<ports::TeamMemberRow> team;
        deals.reserve(plans.size());
        for (const auto& p : plans) {
            deals.push_back(DealRow(p, history));
            const ProductSpec& spec = products_[static_cast<size_t>(p.product)];
            line_items.push_back({p.id, p.product + 1, std::string(spec.name) + "（年間利用料）", 1, p.amount});
            team.push_back({p.id, p.owner_id, domain::SalesRole::kFieldSales});
            if (p.is_id) team.push_back({p.id, p.is_id, domain::SalesRole::kInsideSales});
            if (p.bdr_id && !p.lead_source.empty()) team.push_back({p.id, p.bdr_id, domain::SalesRole::kBdr});
            if (p.cs_id) team.push_back({p.id, p.cs_id, domain::SalesRole::kCustomerSuccess});
            if (p.manager_id) team.push_back({p.id, p.manager_id, domain::SalesRole::kManager});
        }
        std::vector<domain::Lead> lead_rows;
        lead_rows.reserve(leads.size());
        for (const auto& l : leads) {
            const Gov& v = govs_[static_cast<size_t>(l.gov)];
            domain::Lead row{l.id, l.source, v.g.code.str(), l.official_id, l.status, l.created, l.deal_id};
            if (l.official_id > 0 && static_cast<size_t>(l.official_id) < official_department_.size()) {
                row.department_id = official_department_[static_cast<size_t>(l.official_id)];
            }
            row.product_id = l.product + 1;
            row.owner_id = l.bdr_id;
            row.title = v.g.name + " " + products_[static_cast<size_t>(l.product)].name + LeadTitleSuffix(l.source);
            lead_rows.push_back(std::move(row));
        }
        counts_.officials += static_cast<long long>(pending_officials_.size());
        counts_.deals += static_cast<long long>(deals.size());
        counts_.leads += static_cast<long long>(lead_rows.size());
        // Officials first: deals and leads refer to them; leads refer to deals.
        Status st = store_.InTransaction([&]() -> Status {
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertDepartments(pending_departments_));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertOfficials(pending_officials_));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertPostings(pending_postings_));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertSuccessions(pending_successions_));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertDeals(deals));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertStageHistory(history));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertLineItems(line_items));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertTeamMembers(team));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertLeads(lead_rows));
            // 調達案件番号 of every deal whose tender notice is out (令和N年度-課-連番).
            for (const auto& d : deals) {
                if (static_cast<int>(d.stage) < static_cast<int>(Stage::kBidding) || d.stage == Stage::kDeferred) {
                    continue;
                }
                const std::string number =
                    "R" + std::to_string(d.fiscal_year - 2018) + "-" + std::to_string(1000 + d.id % 9000);
                KYOSO_RETURN_IF_ERROR(
                    store_.custom_fields().SetValue(procurement_field_, std::to_string(d.id), number));
            }
            for (const auto& l : lead_rows) {
                if (l.source != "seminar") continue;
                static const char* kCampaigns[] = {"自治体DXセミナー", "防災DXフォーラム", "子育て支援ウェビナー"};
                KYOSO_RETURN_IF_ERROR(
                    store_.custom_fields().SetValue(campaign_field_, std::to_string(l.id), kCampaigns[l.id % 3]));
            }
            AuditJson summary;
            summary.Int("departments", static_cast<long long>(pending_departments_.size()))
                .Int("officials", static_cast<long long>(pending_officials_.size()))
                .Int("postings", static_cast<long long>(pending_postings_.size()))
                .Int("stage_moves", static_cast<long long>(history.size()))
                .Int("deals", static_cast<long long>(deals.size()))
                .Int("leads", static_cast<long long>(lead_rows.size()));
            if (!deals.empty()) summary.Int("first_deal_id", deals.front().id).Int("last_deal_id", deals.back().id);
            return AuditBatch(summary);
        });
        pending_officials_.clear();
        pending_departments_.clear();
        pending_postings_.clear();
        pending_successions_.clear();
        return st;
    }

    // ---- activities ---------------------------------------------------------

    struct Draft {
        Date date;
        ActivityType type;
        long long user;
        long long official;
        std::string notes;
        std::string outcome;
    };

    Status WriteActivities(const std::vector<DealPlan>& plans, const std::vector<LeadPlan>& leads) {
        std::vector<Draft> drafts;
        for (const auto& l : leads) {
            drafts.clear();
            Rng rng(SubSeed(options_.seed, 4, static_cast<std::uint64_t>(l.id)));
            LeadActivities(rng, l, drafts);
            KYOSO_RETURN_IF_ERROR(Emit(0, govs_[static_cast<size_t>(l.gov)].g.code.str(), drafts));
        }
        for (const auto& p : plans) {
            drafts.clear();
            Rng rng(SubSeed(options_.seed, 3, static_cast<std::uint64_t>(p.id)));
            DealActivities(rng, p, drafts);
            KYOSO_RETURN_IF_ERROR(Emit(p.id, govs_[static_cast<size_t>(p.gov)].g.code.str(), drafts));
        }
        return Status::Ok();
    }

    void LeadActivities(Rng& rng, const LeadPlan& l, std::vector<Draft>& out) const {
        const std::string product = products_[static_cast<size_t>(l.product)].name;
        if (l.source == "seminar") {
            out.push_back({l.created, ActivityType::kSeminar, l.bdr_id, l.official_id,
                           "オンラインセミナー参加: " + product, "参加"});
        } else if (l.source == "inquiry") {
            out.push_back(
                {l.created, ActivityType::kCall, l.is_id, l.official_id, "問い合わせ対応: " + product, "資料送付"});
        } else if (l.source == "notice") {
            out.push_back({l.created, ActivityType::kEmail, l.bdr_id, l.official_id,
                           "予算書・会議録から把握し情報提供: " + product, "送付"});
        } else {
            out.push_back(
                {l.created, ActivityType::kCall, l.bdr_id, l.official_id, "他団体からの紹介: " + product, "面談打診"});
        }
        if (l.status == "new") return;
        const int follow_ups = l.status == "converted" ? 1 : rng.Between(1, 2);
        for (int i = 0; i < follow_ups; ++i) {
            const Date day = cal_.AddBusinessDays(l.created, rng.Between(3, 20));
            const bool call = rng.Chance(0.6);
            std::string outcome = l.status == "disqualified" ? "今年度は検討予定なし"
                                  : l.status == "converted"  ? "商談化"
                                                             : "検討中";
            out.push_back({day, call ? ActivityType::kCall : ActivityType::kEmail, l.is_id, l.official_id,
                           call ? "リードフォロー（電話）" : "リードフォロー（資料送付）", std::move(outcome)});
        }
    }

    void DealActivities(Rng& rng, const DealPlan& p, std::vector<Draft>& out) const {
        const std::string product = products_[static_cast<size_t>(p.product)].name;
        const bool deferred = p.outcome == Outcome::kDeferredAtRequest || p.outcome == Outcome::kDeferredAtAssessment;
        const Date day_before_deadline = cal_.AddBusinessDays(p.deadline, -1);
        const Date early_end = deferred ? Min(day_before_deadline, p.decision) : day_before_deadline;

        // Discovery and the hearing that qualifies the deal.
        out.push_back({p.created, p.carried ? ActivityType::kCall : ActivityType::kEmail,
                       p.carried ? p.owner_id : p.bdr_id, p.champion_id,
                       p.carried ? "前年度見送り案件の再提案打診: " + product : "情報提供: " + product,
                       p.carried ? "再検討の意向" : "関心あり"});
        out.push_back({p.qualified, ActivityType::kOnlineMeeting, p.is_id, p.champion_id, "課題ヒアリング",
                       "課題と導入時期を確認"});
        // Inside-sales nurture until the request deadline.
        static const std::vector<std::pair<ActivityType, std::string>> kNurture = {
            {ActivityType::kEmail, "導入事例の送付"},
            {ActivityType::kCall, "検討状況の確認"},
            {ActivityType::kEmail, "セミナー案内"},
            {ActivityType::kCall, "他団体の導入状況を紹介"},
            {ActivityType::kOnlineMeeting, "機能説明（オンライン）"},
        };
        const int nurture = rng.Between(spec_.nurture_min, spec_.nurture_max);
        for (int i = 0; i < nurture; ++i) {
            const auto& [type, note] = rng.PickOne(kNurture);
            out.push_back({RandomBusinessDay(rng, p.qualified, early_end), type, p.is_id,
                           rng.Chance(0.7) ? p.champion_id : (p.influencer_id ? p.influencer_id : p.champion_id), note,
                           "継続"});
        }
        // Field visits before the deadline: the count is effect (5).
        static const std::vector<std::string> kVisitNotes = {"訪問: 業務課題の深掘り", "訪問: 仕様の相談",
                                                             "訪問: 導入効果の説明", "訪問: 課長への説明"};
        for (int i = 0; i < p.visits_before_deadline; ++i) {
            const bool to_approver = rng.Chance(0.3);
            const bool with_manager = p.amount >= 5'000'000 && rng.Chance(0.3);
            out.push_back({RandomBusinessDay(rng, p.created, day_before_deadline), ActivityType::kVisit,
                           with_manager ? p.manager_id : p.owner_id, to_approver ? p.approver_id : p.champion_id,
                           rng.PickOne(kVisitNotes), "次回打合せを設定"});
        }
        if (p.demo) {
            out.push_back({RandomBusinessDay(rng, p.qualified, early_end), ActivityType::kDemo, p.owner_id,
                           p.champion_id, "製品デモ: " + product, "好評"});
        }
        if (p.quote_timing == QuoteTiming::kBeforeDeadline) {
            out.push_back({p.quote, ActivityType::kReferenceQuote, p.owner_id, p.champion_id,
                           "参考見積（" + FormatYen(p.amount) + "/年）と仕様書案を提出", "予算要求資料に採用"});
        } else if (p.quote_timing == QuoteTiming::kLate) {
            out.push_back({p.quote, ActivityType::kReferenceQuote, p.owner_id, p.champion_id,
                           "参考見積（" + FormatYen(p.amount) + "/年）を提出", "要求締切後の提出"});
        }

        // The budget cycle.
        if (p.outcome == Outcome::kDeferredAtRequest) {
            out.push_back(
                {p.decision, ActivityType::kCall, p.owner_id, p.champion_id, "予算要求の見送りを確認", "見送り"});
            return;
        }
        out.push_back({RandomBusinessDay(rng, cal_.AddBusinessDays(p.deadline, 1), cal_.AddBusinessDays(p.deadline, 8)),
                       ActivityType::kCall, p.is_id, p.champion_id, "予算要求への計上を確認", "要求済"});
        if (rng.Chance(0.5)) {
            out.push_back({RandomBusinessDay(rng, cal_.AddBusinessDays(p.deadline, 2), MakeDate(p.cohort, 12, 20)),
                           ActivityType::kEmail, p.owner_id, p.champion_id, "財政課ヒアリング用の補足資料を提供",
                           "送付済"});
        }
        if (p.outcome == Outcome::kDeferredAtAssessment) {
            out.push_back(
                {p.decision, ActivityType::kCall, p.owner_id, p.champion_id, "内示結果の確認", "査定で削減（見送り）"});
            return;
        }
        out.push_back({p.decision, ActivityType::kCall, p.owner_id, p.champion_id, "内示結果の確認", "予算計上"});
        out.push_back({cal_.AddBusinessDays(p.council, 1), ActivityType::kEmail, p.is_id, p.champion_id,
                       "当初予算の成立を確認", "成立"});

        // The contract year: after a rotation the successor is the contact.
        const Date april_first = MakeDate(p.cohort + 1, 4, 1);
        const long long contact = p.rotated ? p.successor_id : p.champion_id;
        if (p.rotated) {
            out.push_back({cal_.AddBusinessDays(april_first, rng.Between(1, 10)), ActivityType::kVisit, p.owner_id,
                           p.successor_id, "異動に伴う後任者への挨拶と引継ぎ", "経緯を説明"});
        }
        out.push_back(
            {p.prep, ActivityType::kEmail, p.owner_id, contact, "仕様書案に関する情報提供（RFI回答）", "回答済"});
        // From the notice to the result the vendor does not contact the department
        // (入札期間中の接触は控える): the submission goes to the contract section.
        if (p.method == ProcurementMethod::kProposal) {
            out.push_back({p.submit, ActivityType::kProposal, p.owner_id, 0, "企画提案書を提出", "提出済"});
        } else if (p.method == ProcurementMethod::kSmallValue) {
            out.push_back({p.submit, ActivityType::kBid, p.owner_id, 0, "見積書を提出（少額随契）", "提出済"});
        } else {
            out.push_back({p.submit, ActivityType::kBid, p.owner_id, 0, "入札書を提出", "提出済"});
        }
        if (p.outcome == Outcome::kLost) {
            out.push_back({p.outcome_on, ActivityType::kCall, p.owner_id, contact, "結果通知の確認",
                           "失注（" + p.competitor + " " + FormatYen(p.award) + "）"});
            return;
        }
        out.push_back({p.outcome_on, ActivityType::kCall, p.owner_id, contact, "結果通知の確認",
                       "受注（" + FormatYen(p.award) + "）"});
        // Customer success until the end of the contract year.
        const Date fy_end = domain::FiscalYear(p.cohort + 1).last_day();
        Date day = cal_.AddBusinessDays(p.outcome_on, rng.Between(5, 15));
        out.push_back(
            {day, ActivityType::kOnlineMeeting, p.cs_id, contact, "導入キックオフ", "体制とスケジュールを合意"});
        static const std::vector<std::pair<ActivityType, std::string>> kSuccess = {
            {ActivityType::kCall, "定例: 利用状況の確認"},
            {ActivityType::kOnlineMeeting, "操作研修"},
            {ActivityType::kEmail, "活用事例の共有"},
            {ActivityType::kOnlineMeeting, "効果測定の打合せ（処理時間・オンライン申請率）"},
        };
        const int interval = spec_.cs_touch_interval_business_days;
        for (;;) {
            day = cal_.AddBusinessDays(day, rng.Between(interval, interval * 2));
            if (Before(fy_end, day)) break;
            const auto& [type, note] = rng.PickOne(kSuccess);
            out.push_back({day, type, p.cs_id, contact, note, "順調"});
        }
    }

    // Appends a deal's (or lead's) activities in date order, dropping the future.
    Status Emit(long long deal_id, const std::string& government_code, std::vector<Draft>& drafts) {
        std::stable_sort(drafts.begin(), drafts.end(),
                         [](const Draft& a, const Draft& b) { return Before(a.date, b.date); });
        for (auto& dr : drafts) {
            if (!Seen(dr.date)) continue;
            domain::Activity a;
            a.id = ++activity_seq_;
            a.deal_id = deal_id;
            a.government_code = government_code;
            a.user_id = dr.user;
            a.official_id = dr.official;
            a.type = dr.type;
            a.occurred_on = dr.date;
            a.notes = std::move(dr.notes);
            a.outcome = std::move(dr.outcome);
            participants_.push_back({a.id, a.user_id, 0});
            if (a.official_id != 0) participants_.push_back({a.id, 0, a.official_id});
            activities_.push_back(std::move(a));
            if (activities_.size() >= kActivityBatch) KYOSO_RETURN_IF_ERROR(FlushActivities());
        }
        return Status::Ok();
    }

    Status FlushActivities() {
        if (activities_.empty()) return Status::Ok();
        const Status written = store_.InTransaction([&]() -> Status {
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertActivities(activities_));
            KYOSO_RETURN_IF_ERROR(store_.sales().InsertParticipants(participants_));
            // 接触記録 for every official met, as LogActivity writes them (docs/compliance.md).
            auto contacts = store_.contact_log().AppendForActivities(activities_.front().id, activities_.back().id, "");
            if (!contacts.ok()) return contacts.status();
            return AuditBatch(AuditJson()
                                  .Int("activities", static_cast<long long>(activities_.size()))
                                  .Int("contact_log_entries", *contacts)
                                  .Int("first_activity_id", activities_.front().id)
                                  .Int("last_activity_id", activities_.back().id));
        });
        if (!written.ok()) return written;
        counts_.activities += static_cast<long long>(activities_.size());
        activities_.clear();
        participants_.clear();
        progress_.Report("activities", counts_.activities, 0);
        return Status::Ok();
    }

    // One summary entry per table batch, in the batch's transaction: per-row
    // entries would double the demo's write volume.
    Status AuditBatch(const AuditJson& summary) {
        return audit_.Append({std::string(kSystemActor), "demo.insert_batch", "demo", "", "", summary.str()});
    }

    ports::Store& store_;
    AuditTrail& audit_;
    const domain::BusinessCalendar& cal_;
    const DemoOptions& options_;
    const ScaleSpec spec_;
    ports::ProgressSink& progress_;
    Rng rng_;
    int first_fy_ = 0;
    int last_fy_ = 0;
    int first_cohort_ = 0;

    std::vector<ProductSpec> products_;
    std::vector<Gov> govs_;
    std::vector<int> accounts_;
    size_t prefecture_count_ = 0;
    size_t group_count_ = 0;

    std::map<int, std::vector<long long>> field_by_region_;
    std::map<int, long long> manager_by_region_;
    std::vector<long long> bdr_, inside_, success_;

    std::vector<int> next_eligible_;  // per (gov, product): first fiscal year a new deal may be opened
    std::vector<char> won_before_;    // per (gov, product)
    std::vector<std::vector<std::vector<Adoption>>> pref_adoptions_;   // [product][prefecture]
    std::vector<std::vector<std::vector<Adoption>>> group_adoptions_;  // [product][peer group]
    std::vector<int> slot_index_;
    std::vector<Slot> slots_;
    std::map<std::pair<int, int>, CalendarDates> calendars_;

    long long official_seq_ = 0, deal_seq_ = 0, lead_seq_ = 0, activity_seq_ = 0;
    std::vector<domain::Official> pending_officials_;
    std::vector<domain::Activity> activities_;
    std::vector<ports::ParticipantRow> participants_;
    Rng history_rng_;  // posting-history details only; never feeds the simulation
    long long department_seq_ = 0;
    long long procurement_field_ = 0, campaign_field_ = 0;             // custom field ids
    std::map<std::pair<int, std::string>, long long> department_ids_;  // (gov, "部 課") → id
    std::vector<long long> official_department_;                       // official id → department id
    std::vector<ports::DepartmentRow> pending_departments_;
    std::vector<ports::PostingRow> pending_postings_;
    std::vector<ports::SuccessionRow> pending_successions_;
    ports::SalesCounts counts_;
    std::vector<std::pair<std::string, long long>> sample_users_;
};

Result<std::vector<domain::Government>> LoadGovernments(ports::GovernmentRepository& repo) {
    std::vector<domain::Government> out;
    ports::GovernmentQuery q;  // default kinds: all but wards; no 北方領土 villages
    q.sort = ports::GovernmentSort::kCode;
    q.limit = 500;
    for (;;) {
        auto page = repo.List(q);
        if (!page.ok()) return page.status();
        for (auto& g : page->items) out.push_back(std::move(g));
        if (!page->has_more || out.empty()) break;
        q.after_code = out.back().code.str();
        q.after_sort_value = out.back().code.str();
    }
    return out;
}

std::vector<PlantedEffect> Effects() {
    auto f = [](double x) {
        std::string s = std::to_string(x);
        while (s.size() > 1 && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    };
    return {
        {"reference_quote_before_deadline",
         "A reference quote (参考見積) handed over before the budget-request deadline multiplies the budget gate by " +
             f(kQuoteBeforeDeadlineLift) + " (base " + f(kBaseBudgetPass) + ", cap " + f(kMaxBudgetPass) +
             "): roughly doubles the win rate. A late quote (after the deadline) has no effect."},
        {"peer_adoption",
         "If another body in the same prefecture, or in the same similar group (類似団体; else "
         "政令市/中核市/特別区/都道府県 "
         "by kind), won the same product before the deal was opened: the pair is " +
             f(kPeerAdoptionDiscoveryLift) + "x as likely to become a deal, and the budget gate is multiplied by " +
             f(kPeerAdoptionBudgetLift) + "."},
        {"size_scales_amount",
         "amount = price_min * (price_max/price_min)^e, e = clamp((log10(population) - " + f(kSizeLog10Floor) + ")/" +
             f(kSizeLog10Span) + " + triangular noise +/-" + f(kAmountNoise) +
             ", 0, 1); population is a per-kind proxy when not imported. Bigger bodies also open more deals."},
        {"champion_rotation_cools_deal",
         "The champion rotates on 1 April with probability " + f(kRotationRate) +
             " a year; a rotation while the deal is open multiplies the tender gate (base " + f(kBaseTenderWin) +
             ") by " + f(kRotationTenderLift) + " and delays the tender by " +
             std::to_string(kRotationDelayMinBusinessDays) + "-" + std::to_string(kRotationDelayMaxBusinessDays) +
             " business days."},
        {"field_visits_before_deadline",
         "Each field visit before the budget-request deadline multiplies the budget gate by (1 + " +
             f(kVisitLiftPerVisit) + " * min(visits, " + std::to_string(kVisitLiftCap) + "))."},
        {"fiscal_strength", "When 財政力指数 is known: >= " + f(kStrongFinanceThreshold) +
                                " multiplies the budget gate by " + f(kStrongFinanceBudgetLift) +
                                " and the amount by " + f(kStrongFinanceAmountLift) + "; < " +
                                f(kWeakFinanceThreshold) + " by " + f(kWeakFinanceBudgetLift) + " and " +
                                f(kWeakFinanceAmountLift) + ". Unknown index: no effect."},
        {"inbound_inquiry",
         "Deals converted from an inbound inquiry lead (source 'inquiry') have the budget gate multiplied by " +
             f(kInquiryBudgetLift) + "."},
    };
}

}  // namespace

Result<DemoSummary> DemoBuilder::Build(const DemoOptions& options, ports::ProgressSink& progress) {
    auto governments = LoadGovernments(store_.governments());
    if (!governments.ok()) return governments.status();
    if (governments->empty()) return FailedPrecondition("load the government master first (kyoso governments load)");
    auto counts = store_.sales().Counts();
    if (!counts.ok()) return counts.status();
    const ports::SalesCounts& c = *counts;
    if (c.products + c.users + c.officials + c.leads + c.deals + c.activities > 0) {
        return FailedPrecondition("the database is not empty (" + std::to_string(c.deals) + " deals, " +
                                  std::to_string(c.products) + " products, " + std::to_string(c.users) +
                                  " users): build the demo into a fresh database");
    }

    AuditTrail audit(store_, clock_, digest_);
    Generator gen(store_, audit, business_days_, options, progress, std::move(governments).value());
    // The small demo is one transaction: a failure leaves nothing behind. The
    // Japan-wide build commits per batch to bound memory and journal size.
    const DemoDivisionContext division{store_, options, business_days_, progress, case_repo_, experiments_};
    auto run = [&]() -> Status {
        KYOSO_RETURN_IF_ERROR(gen.Run());
        return SeedDivisionOfLabour(division);
    };
    Status st = options.scale == DemoScale::kSmall ? store_.InTransaction(run) : run();
    KYOSO_RETURN_IF_ERROR(st);

    DemoSummary summary;
    summary.counts = gen.counts();
    summary.sample_users = gen.sample_users();
    summary.first_fiscal_year = gen.first_fiscal_year();
    summary.last_fiscal_year = gen.last_fiscal_year();
    summary.effects = Effects();
    return summary;
}

std::vector<domain::Product> DemoCatalogue(DemoScale scale) {
    std::vector<ProductSpec> specs = CoreProducts();
    if (scale == DemoScale::kJapan) {
        for (auto& p : ExtendedProducts()) specs.push_back(std::move(p));
    }
    std::vector<domain::Product> rows;
    for (size_t i = 0; i < specs.size(); ++i) {
        const auto& p = specs[i];
        rows.push_back({static_cast<long long>(i + 1), p.name, p.policy_domains, p.price_min, p.price_max, p.keywords});
    }
    return rows;
}

}  // namespace kyoso::app
