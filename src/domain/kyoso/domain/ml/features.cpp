#include "kyoso/domain/ml/features.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "kyoso/domain/fiscal/fiscal_calendar.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"
#include "kyoso/domain/government/government.hpp"
#include "kyoso/domain/pipeline/stage.hpp"

namespace kyoso::domain::ml {

namespace {

// Deal-win columns (the order of DealWinFeatures()).
enum DealCol {
    kStage,
    kBusinessDaysInStage,
    kBudgetStatus,
    kDaysToDeadline,
    kQuoteBeforeDeadline,
    kQuotes,
    kVisitsBeforeDeadline,
    kVisits,
    kCalls,
    kEmails,
    kDemos,
    kActivities90,
    kDaysSinceLast,
    kPeerAdoption,
    kPeerAdopters,
    kRotation,
    kInquiry,
    kFromLead,
    kKind,
    kLogPopulation,
    kFiscalStrength,
    kLogAmount,
    kDealAge,
    kYearsToBudget,
    kDealColumns
};

constexpr const char* kKinds[] = {"prefecture", "designated_city", "ward", "core_city", "special_ward", "city",
                                  "town",       "village"};

float KindOrdinal(const std::string& kind) {
    for (int i = 0; i < 8; ++i) {
        if (kind == kKinds[i]) return static_cast<float>(i);
    }
    return kMissing;
}

float LogOrMissing(double v) { return std::isnan(v) || v <= 0 ? kMissing : static_cast<float>(std::log10(v)); }
float OrMissing(double v) { return std::isnan(v) ? kMissing : static_cast<float>(v); }

}  // namespace

FeatureBuilder::FeatureBuilder(const History& history, const BusinessCalendar& calendar)
    : h_(history), calendar_(calendar), deals_by_government_(history.governments.size()) {
    for (std::size_t i = 0; i < h_.deals.size(); ++i) {
        const int g = h_.deals[i].government;
        if (g >= 0 && static_cast<std::size_t>(g) < deals_by_government_.size()) {
            deals_by_government_[static_cast<std::size_t>(g)].push_back(i);
        }
    }
}

const std::vector<FeatureInfo>& FeatureBuilder::DealWinFeatures() {
    static const std::vector<FeatureInfo> kFeatures = {
        {"stage", "ステージ"},
        {"business_days_in_stage", "ステージ滞留日数（営業日）"},
        {"budget_status", "予算状況"},
        {"days_to_request_deadline", "予算要求締切までの日数"},
        {"quote_before_deadline", "締切前の参考見積"},
        {"reference_quotes", "参考見積の回数"},
        {"visits_before_deadline", "締切前の訪問回数"},
        {"visits", "訪問回数"},
        {"calls", "電話回数"},
        {"emails", "メール回数"},
        {"demos", "デモ回数"},
        {"activities_90d", "直近90日の活動件数"},
        {"days_since_last_activity", "最終活動からの日数"},
        {"peer_adoption", "類似団体・近隣の導入"},
        {"peer_adopters", "類似団体・近隣の導入件数"},
        {"champion_rotated", "担当者異動"},
        {"inbound_inquiry", "問い合わせ起点"},
        {"from_lead", "リード起点"},
        {"government_kind", "団体区分"},
        {"log_population", "人口規模"},
        {"fiscal_strength_index", "財政力指数"},
        {"log_amount", "商談金額"},
        {"deal_age_days", "商談開始からの日数"},
        {"years_to_budget_year", "予算年度までの年数"},
    };
    return kFeatures;
}

int FeatureBuilder::RequestDeadline(const std::string& kind, int fy) const {
    std::lock_guard lock(mu_);
    auto key = std::make_pair(kind, fy);
    auto it = deadlines_.find(key);
    if (it != deadlines_.end()) return it->second;
    const GovernmentKind k = KindFromSlug(kind).value_or(GovernmentKind::kCity);
    const FiscalCalendar cal = FiscalCalendar::Build(FiscalYear(fy), k, {}, calendar_);
    const Milestone* m = cal.Find(MilestoneKind::kBudgetRequestDeadline);
    const int day = m ? DayNumber(m->end) : DayNumber(MakeDate(fy, 11, 15));
    deadlines_.emplace(key, day);
    return day;
}

int FeatureBuilder::BusinessDays(int from, int to) const {
    if (to <= from) return 0;
    // Whole weeks have five business days less holidays; count exactly only when short.
    if (to - from > 400) return (to - from) * 5 / 7;
    return calendar_.BusinessDaysBetween(FromDayNumber(from), FromDayNumber(to));
}

std::vector<float> FeatureBuilder::DealAt(const DealFacts& d, int t) const {
    std::vector<float> row(kDealColumns, kMissing);
    const GovernmentFacts* g = d.government >= 0 ? &h_.governments[static_cast<std::size_t>(d.government)] : nullptr;
    const std::string kind = g ? g->kind : "city";
    // Stage at t: the last move on or before t (情報収集 before any move).
    int stage = 0;
    int stage_since = d.created;
    for (const auto& m : d.moves) {
        if (m.day > t) break;
        stage = m.to_stage;
        stage_since = m.day;
    }
    row[kStage] = static_cast<float>(stage);
    row[kBusinessDaysInStage] = static_cast<float>(BusinessDays(stage_since, t));
    // Budget status at t follows the stage: 要求中 once requested, 成立 once budgeted.
    row[kBudgetStatus] = stage >= 4 ? 2.0f : (stage == 3 ? 1.0f : 0.0f);
    const int fy_t = FiscalYear::Containing(FromDayNumber(t)).year();
    int next_deadline = RequestDeadline(kind, fy_t);
    if (next_deadline < t) next_deadline = RequestDeadline(kind, fy_t + 1);
    row[kDaysToDeadline] = static_cast<float>(next_deadline - t);
    // The deadline that decides this deal's budget: FY N−1's request deadline.
    const int deadline = RequestDeadline(kind, d.fiscal_year - 1);
    int quotes = 0, quotes_before = 0, visits = 0, visits_before = 0, calls = 0, emails = 0, demos = 0, recent = 0;
    int last = kNoDay;
    for (const auto& a : d.activities) {
        if (a.day > t) break;
        last = a.day;
        if (a.day > t - 90) ++recent;
        switch (a.kind) {
            case ActivityKind::kReferenceQuote:
                ++quotes;
                if (a.day <= deadline) ++quotes_before;
                break;
            case ActivityKind::kVisit:
                ++visits;
                if (a.day < deadline) ++visits_before;
                break;
            case ActivityKind::kCall:
                ++calls;
                break;
            case ActivityKind::kEmail:
                ++emails;
                break;
            case ActivityKind::kDemo:
            case ActivityKind::kOnlineMeeting:
                ++demos;
                break;
            default:
                break;
        }
    }
    row[kQuoteBeforeDeadline] = quotes_before > 0 ? 1.0f : 0.0f;
    row[kQuotes] = static_cast<float>(quotes);
    row[kVisitsBeforeDeadline] = static_cast<float>(visits_before);
    row[kVisits] = static_cast<float>(visits);
    row[kCalls] = static_cast<float>(calls);
    row[kEmails] = static_cast<float>(emails);
    row[kDemos] = static_cast<float>(demos);
    row[kActivities90] = static_cast<float>(recent);
    row[kDaysSinceLast] = last == kNoDay ? kMissing : static_cast<float>(t - last);
    // Peers' wins closed before the deal was opened (the planted definition), counted at t.
    row[kPeerAdoption] = h_.peers.AdoptersBefore(d.government, d.product_id, d.created) > 0 ? 1.0f : 0.0f;
    row[kPeerAdopters] = static_cast<float>(h_.peers.AdoptersBefore(d.government, d.product_id, t + 1));
    bool rotated = false;
    for (int r : d.rotations) {
        if (r > t) break;
        if (r > d.created) rotated = true;
    }
    row[kRotation] = rotated ? 1.0f : 0.0f;
    row[kInquiry] = d.lead_source == "inquiry" ? 1.0f : 0.0f;
    row[kFromLead] = d.lead_source.empty() ? 0.0f : 1.0f;
    row[kKind] = KindOrdinal(kind);
    if (g) {
        row[kLogPopulation] = LogOrMissing(g->population);
        row[kFiscalStrength] = OrMissing(g->fiscal_strength);
    }
    row[kLogAmount] = d.amount > 0 ? static_cast<float>(std::log10(static_cast<double>(d.amount))) : kMissing;
    row[kDealAge] = static_cast<float>(t - d.created);
    row[kYearsToBudget] = static_cast<float>(d.fiscal_year - fy_t);
    return row;
}

const std::vector<FeatureInfo>& FeatureBuilder::PropensityFeatures() {
    static const std::vector<FeatureInfo> kFeatures = {
        {"product_id", "製品"},
        {"government_kind", "団体区分"},
        {"log_population", "人口規模"},
        {"fiscal_strength_index", "財政力指数"},
        {"peer_adopters", "類似団体・近隣の導入件数"},
        {"peer_adoption", "類似団体・近隣の導入"},
        {"adopted_before", "導入済み"},
        {"lost_or_deferred_before", "過去の失注・見送り"},
        {"open_deal", "進行中の商談"},
        {"deals_any_product", "他製品を含む商談数"},
        {"won_any_product", "他製品を含む受注数"},
        {"activities_365d", "直近1年の活動件数"},
    };
    return kFeatures;
}

std::vector<float> FeatureBuilder::PropensityAt(int government, long long product_id, int t) const {
    std::vector<float> row(PropensityFeatures().size(), kMissing);
    row[0] = static_cast<float>(product_id);
    if (government >= 0 && static_cast<std::size_t>(government) < h_.governments.size()) {
        const GovernmentFacts& g = h_.governments[static_cast<std::size_t>(government)];
        row[1] = KindOrdinal(g.kind);
        row[2] = LogOrMissing(g.population);
        row[3] = OrMissing(g.fiscal_strength);
    }
    const int adopters = h_.peers.AdoptersBefore(government, product_id, t);
    row[4] = static_cast<float>(adopters);
    row[5] = adopters > 0 ? 1.0f : 0.0f;
    int adopted = 0, lost = 0, open = 0, deals = 0, won = 0, activities = 0;
    if (government >= 0 && static_cast<std::size_t>(government) < deals_by_government_.size()) {
        for (std::size_t i : deals_by_government_[static_cast<std::size_t>(government)]) {
            const DealFacts& d = h_.deals[i];
            if (d.created > t) continue;
            ++deals;
            const bool closed = d.closed != kNoDay && d.closed <= t;
            if (closed && d.stage == 7) ++won;
            for (const auto& a : d.activities) {
                if (a.day > t) break;
                if (a.day > t - 365) ++activities;
            }
            if (d.product_id != product_id) continue;
            if (!closed) {
                ++open;
            } else if (d.stage == 7) {
                ++adopted;
            } else {
                ++lost;
            }
        }
    }
    row[6] = static_cast<float>(adopted);
    row[7] = static_cast<float>(lost);
    row[8] = static_cast<float>(open);
    row[9] = static_cast<float>(deals);
    row[10] = static_cast<float>(won);
    row[11] = static_cast<float>(activities);
    return row;
}

const std::vector<FeatureInfo>& FeatureBuilder::LeadFeatures() {
    static const std::vector<FeatureInfo> kFeatures = {
        {"source_inquiry", "問い合わせ起点"},
        {"source_seminar", "セミナー起点"},
        {"source_notice", "公告起点"},
        {"source_referral", "紹介起点"},
        {"source_outbound", "アウトバウンド起点"},
        {"source_signal", "議会シグナル起点"},
        {"government_kind", "団体区分"},
        {"log_population", "人口規模"},
        {"fiscal_strength_index", "財政力指数"},
        {"deals_before", "過去の商談数"},
        {"won_before", "過去の受注数"},
        {"peer_adopters", "類似団体・近隣の導入件数"},
    };
    return kFeatures;
}

std::vector<float> FeatureBuilder::LeadAt(const LeadFacts& lead) const {
    std::vector<float> row(LeadFeatures().size(), kMissing);
    static const char* kSources[] = {"inquiry", "seminar", "notice", "referral", "outbound", "signal"};
    for (int i = 0; i < 6; ++i) row[static_cast<std::size_t>(i)] = lead.source == kSources[i] ? 1.0f : 0.0f;
    const int t = lead.created;
    if (lead.government >= 0 && static_cast<std::size_t>(lead.government) < h_.governments.size()) {
        const GovernmentFacts& g = h_.governments[static_cast<std::size_t>(lead.government)];
        row[6] = KindOrdinal(g.kind);
        row[7] = LogOrMissing(g.population);
        row[8] = OrMissing(g.fiscal_strength);
        int deals = 0, won = 0;
        for (std::size_t i : deals_by_government_[static_cast<std::size_t>(lead.government)]) {
            const DealFacts& d = h_.deals[i];
            if (d.created >= t) continue;
            ++deals;
            if (d.stage == 7 && d.closed < t) ++won;
        }
        row[9] = static_cast<float>(deals);
        row[10] = static_cast<float>(won);
    }
    row[11] = static_cast<float>(h_.peers.AdoptersBefore(lead.government, 0, t));
    return row;
}

std::string FeatureValueText(const std::string& key, float value) {
    if (IsMissing(value)) return "不明";
    if (key == "quote_before_deadline" || key == "peer_adoption" || key == "champion_rotated" ||
        key == "inbound_inquiry" || key == "from_lead" || key.rfind("source_", 0) == 0) {
        return value >= 0.5f ? "あり" : "なし";
    }
    if (key == "stage") {
        const int s = static_cast<int>(value);
        static const char* kLabels[] = {"情報収集",   "課題把握",   "予算化提案", "予算要求中", "予算成立",
                                        "公告・仕様", "入札・提案", "受注",       "失注",       "見送り"};
        return s >= 0 && s < 10 ? kLabels[s] : "不明";
    }
    if (key == "budget_status") return value >= 2 ? "成立" : (value >= 1 ? "要求中" : "未計上");
    if (key == "government_kind") {
        const int k = static_cast<int>(value);
        static const char* kLabels[] = {"都道府県", "政令指定都市", "行政区", "中核市", "特別区", "市", "町", "村"};
        return k >= 0 && k < 8 ? kLabels[k] : "不明";
    }
    char buf[64];
    if (key == "log_population") {
        std::snprintf(buf, sizeof buf, "%.0f人", std::pow(10.0, static_cast<double>(value)));
        return buf;
    }
    if (key == "log_amount") {
        std::snprintf(buf, sizeof buf, "%.0f円", std::pow(10.0, static_cast<double>(value)));
        return buf;
    }
    if (key == "fiscal_strength_index") {
        std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(value));
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(value));
    return buf;
}

std::vector<std::string> FeatureValuesText(const std::vector<FeatureInfo>& features, const std::vector<float>& row) {
    std::vector<std::string> out;
    out.reserve(features.size());
    for (std::size_t i = 0; i < features.size() && i < row.size(); ++i)
        out.push_back(FeatureValueText(features[i].key, row[i]));
    return out;
}

double StageBaseRate(int stage) {
    static constexpr double kRates[] = {0.15, 0.18, 0.22, 0.28, 0.55, 0.58, 0.62};
    if (stage < 0) return kRates[0];
    if (stage > 6) return stage == 7 ? 1.0 : 0.0;
    return kRates[stage];
}

RuleScore DealWinRules(const std::vector<float>& f, int k) {
    RuleScore out;
    const auto& features = FeatureBuilder::DealWinFeatures();
    const int stage = static_cast<int>(f[kStage]);
    const double base = StageBaseRate(stage);
    if (base <= 0.0 || base >= 1.0) {
        out.probability = base;
        return out;
    }
    // Contributions in log-odds, one per rule cue (docs/ml.md "Rule-based fallback").
    std::vector<float> contributions(features.size(), 0.0f);
    const bool budget_open = stage <= 3;  // the budget gate is still ahead
    // FY N−1's deadline has passed when t is in FY N or later, or late in FY N−1 (the
    // next deadline is then next year's, more than 228 days away).
    const bool deadline_passed = f[kYearsToBudget] <= 0 || (f[kYearsToBudget] <= 1 && f[kDaysToDeadline] > 228);
    if (budget_open) {
        if (f[kQuoteBeforeDeadline] >= 0.5f) {
            contributions[kQuoteBeforeDeadline] = static_cast<float>(std::log(2.0));
        } else if (deadline_passed) {
            contributions[kQuoteBeforeDeadline] = static_cast<float>(std::log(0.75));
        }
        if (f[kPeerAdoption] >= 0.5f) contributions[kPeerAdoption] = static_cast<float>(std::log(1.5));
        const double visits = std::min(4.0, static_cast<double>(f[kVisitsBeforeDeadline]));
        if (visits > 0) contributions[kVisitsBeforeDeadline] = static_cast<float>(std::log(1.0 + 0.15 * visits));
        if (f[kInquiry] >= 0.5f) contributions[kInquiry] = static_cast<float>(std::log(1.4));
        if (!IsMissing(f[kFiscalStrength])) {
            if (f[kFiscalStrength] >= 0.8f) contributions[kFiscalStrength] = static_cast<float>(std::log(1.25));
            if (f[kFiscalStrength] < 0.4f) contributions[kFiscalStrength] = static_cast<float>(std::log(0.8));
        }
    }
    if (f[kRotation] >= 0.5f) contributions[kRotation] = static_cast<float>(std::log(0.55));
    if (!IsMissing(f[kDaysSinceLast]) && f[kDaysSinceLast] > 90) {
        contributions[kDaysSinceLast] = static_cast<float>(std::log(0.8));
    }
    double margin = Logit(base);
    for (float c : contributions) margin += static_cast<double>(c);
    out.probability = Sigmoid(margin);
    out.factors = PickTopFactors(contributions, features, FeatureValuesText(features, f), k);
    return out;
}

namespace {

RuleScore FromContributions(double base, const std::vector<float>& contributions,
                            const std::vector<FeatureInfo>& features, const std::vector<float>& f, int k) {
    RuleScore out;
    double margin = Logit(base);
    for (float c : contributions) margin += static_cast<double>(c);
    out.probability = Sigmoid(margin);
    out.factors = PickTopFactors(contributions, features, FeatureValuesText(features, f), k);
    return out;
}

}  // namespace

RuleScore PropensityRules(const std::vector<float>& f, int k) {
    const auto& features = FeatureBuilder::PropensityFeatures();
    std::vector<float> c(features.size(), 0.0f);
    if (f[5] >= 0.5f) c[5] = static_cast<float>(std::log(1.8));
    if (f[7] >= 0.5f) c[7] = static_cast<float>(std::log(2.0));
    if (f[8] >= 0.5f) c[8] = static_cast<float>(std::log(3.0));
    if (f[6] >= 0.5f) c[6] = static_cast<float>(std::log(0.2));
    return FromContributions(0.03, c, features, f, k);
}

RuleScore LeadRules(const std::vector<float>& f, int k) {
    const auto& features = FeatureBuilder::LeadFeatures();
    std::vector<float> c(features.size(), 0.0f);
    if (f[0] >= 0.5f) c[0] = static_cast<float>(std::log(1.5));
    if (f[1] >= 0.5f) c[1] = static_cast<float>(std::log(1.2));
    if (f[4] >= 0.5f) c[4] = static_cast<float>(std::log(0.7));
    if (f[10] >= 0.5f) c[10] = static_cast<float>(std::log(1.3));
    return FromContributions(0.3, c, features, f, k);
}

}  // namespace kyoso::domain::ml
