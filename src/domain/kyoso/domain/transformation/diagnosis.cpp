#include "kyoso/domain/transformation/diagnosis.hpp"

#include <cmath>
#include <cstdio>
#include <set>

namespace kyoso::domain {

namespace {

using D = TransformationDimension;

std::vector<DiagnosisQuestion> BuildBank() {
    // Grounded in the book's closing chapter (最後に：変革への第一歩) and the chapters on
    // data-driven sales, division of labour, AI and public value, and in DOMAIN.md
    // (予算要求 calendar, 4月の人事異動, 随意契約・入札).
    return {
        // ---- データ活用 ----
        {"data.same_day_logging",
         D::kData,
         "顧客との接点で得た情報を、その日のうちに記録していますか。",
         "Do sales staff log what they learned from each contact on the same day?",
         {"記録していない／個人のメモのみ", "数日〜週末にまとめて記録", "半数程度がその日のうちに記録",
          "ほぼ全員がその日のうちに記録", "当日記録が定着し、入力漏れを自動で検知"}},
        {"data.deal_fields",
         D::kData,
         "案件の主要項目（金額・対象年度・予算状況・キーパーソン・担当課）は埋まっていますか。",
         "Are the key deal fields (amount, fiscal year, budget status, champion, department) filled in?",
         {"案件は個人の頭の中", "金額と名前程度", "主要項目の半分程度", "主要項目はほぼ埋まっている",
          "入力ルールが定着し、欠けは自動で指摘される"}},
        {"data.process_recorded",
         D::kData,
         "商談の結果だけでなく、プロセスや顧客の反応も記録していますか。",
         "Do you record the process and the customer's reactions, not only results?",
         {"結果も残らない", "受注・失注の結果のみ", "主要な商談のみ経緯を記録", "ほぼすべての商談で経緯を記録",
          "経緯の記録が分析に使われている"}},
        {"data.team_review",
         D::kData,
         "チームの活動データを定期的に集計し、フィードバックしていますか。",
         "Does the manager review the team's activity data regularly and give feedback?",
         {"集計していない", "期末に売上だけ見る", "月次で活動件数を見る", "週次でデータを見て打ち手を議論",
          "ダッシュボードが日常の会議の前提"}},
        {"data.decisions_on_data",
         D::kData,
         "目標設定や評価はデータに基づいていますか。",
         "Are targets and evaluations based on data?",
         {"経験と勘", "売上実績のみ", "一部の指標を参考にする", "指標に基づく目標と評価",
          "指標と評価が連動し、定期的に見直される"}},
        // ---- 分業 ----
        {"division.roles_defined",
         D::kDivisionOfLabour,
         "BDR・インサイドセールス・フィールドセールス・カスタマーサクセスの役割は分かれていますか。",
         "Are the roles of BDR, inside sales, field sales and customer success separated?",
         {"全員が何でもやる", "一部の担当が自然に分かれている", "試験的に分業しているチームがある",
          "全社で役割が決まっている", "役割ごとのKPIで運用が定着"}},
        {"division.handoff_rules",
         D::kDivisionOfLabour,
         "役割間の引き継ぎに、チェックリストと期限（SLA）がありますか。",
         "Do hand-offs between roles have a checklist and a deadline (SLA)?",
         {"口頭で引き継ぐ", "メモを渡す程度", "チェックリストはあるが期限はない", "チェックリストと期限で運用",
          "期限超過は自動でエスカレーション"}},
        {"division.handoff_on_time",
         D::kDivisionOfLabour,
         "引き継がれた案件は期限内に受け取られていますか。",
         "Are handed-over leads and deals accepted within their deadline?",
         {"分からない", "遅れが多い", "半分程度は期限内", "ほとんど期限内", "期限内が当たり前で、遅れは即座に対応"}},
        {"division.role_kpis",
         D::kDivisionOfLabour,
         "役割ごとに評価指標（KPI）が設定されていますか。",
         "Does each role have its own KPIs?",
         {"売上だけで評価", "役割に関係なく同じ指標", "一部の役割にだけKPI", "全役割にKPIがある",
          "KPIを定期的に見直し、分業の効果を測っている"}},
        // ---- AI活用 ----
        {"ai.scores_used",
         D::kAi,
         "受注確度やリードのスコアを、日々の優先順位づけに使っていますか。",
         "Do staff use win-probability and lead scores to prioritise their day?",
         {"スコアはない／見ない", "存在は知っているが使わない", "一部の担当者が時々使う", "多くの担当者が毎週使う",
          "スコアが日常の行動計画に組み込まれている"}},
        {"ai.next_actions",
         D::kAi,
         "次の一手の提案（ネクストベストアクション）に対し、採否を記録していますか。",
         "Do staff accept or dismiss the next-best-action suggestions (and so teach them)?",
         {"提案を使っていない", "見るだけ", "一部が採否を記録", "多くが採否を記録",
          "採否が提案の改善に生かされている"}},
        {"ai.forecast",
         D::kAi,
         "売上予測はモデルの数字とマネージャーの判断を組み合わせていますか。",
         "Does the revenue forecast combine the model's figures with the manager's judgement?",
         {"勘で見込む", "担当者の積み上げのみ", "モデルの数字を参考に見る", "モデル＋調整理由を記録",
          "予測誤差を検証し改善している"}},
        {"ai.notes_analysis",
         D::kAi,
         "商談メモの要約・分析に AI を使っていますか。",
         "Do you use AI to summarise and analyse meeting notes?",
         {"使っていない", "個人が試している", "一部のチームで使っている", "多くの担当者が日常的に使う",
          "分析結果が案件管理に自動で反映"}},
        // ---- 学習文化 ----
        {"learning.knowledge_sharing",
         D::kLearningCulture,
         "チーム内で知識や成功事例を共有する場が定期的にありますか。",
         "Is there a regular forum to share knowledge and successful cases within the team?",
         {"ない", "不定期に雑談で", "月に一度程度", "定例の共有会がある", "事例がライブラリに蓄積され検索できる"}},
        {"learning.failure_review",
         D::kLearningCulture,
         "失注や見送りから学ぶ振り返りをしていますか。",
         "Do you review lost and deferred deals to learn from them?",
         {"しない／責任追及になる", "大型案件だけ", "失注理由は記録する", "失注理由を定期的に振り返る",
          "失敗を学びの機会とする文化が定着"}},
        {"learning.small_experiments",
         D::kLearningCulture,
         "新しいアプローチを「小さな実験」として試し、効果を測っていますか。",
         "Do you try new approaches as small experiments and measure their effect?",
         {"試さない", "個人の工夫のみ", "試すが効果は測らない", "比較対象と期間を決めて試す",
          "実験の結果で標準のやり方を更新している"}},
        {"learning.training",
         D::kLearningCulture,
         "自治体の政策や予算について学ぶ機会（研修・勉強会）がありますか。",
         "Are there opportunities (training, study groups) to learn about municipal policy and budgets?",
         {"ない", "個人の自主学習のみ", "年に数回の研修", "定期的な勉強会", "学習が評価と育成計画に組み込まれている"}},
        // ---- 自治体営業の実務 ----
        {"public.budget_calendar",
         D::kPublicSector,
         "予算要求（夏〜秋）の前に提案と参考見積を出す、予算サイクルに沿った活動計画がありますか。",
         "Do you plan activity around the budget cycle, with proposals and reference quotes before the autumn "
         "budget requests?",
         {"予算サイクルを意識していない", "公告が出てから動く", "主要案件だけ要求時期を把握",
          "全案件で要求時期に合わせて提案", "予算カレンダーに沿った活動が仕組み化"}},
        {"public.fiscal_year_budget",
         D::kPublicSector,
         "案件ごとに対象年度と予算状況（要求中・成立など）を記録していますか。",
         "Does each deal record its fiscal year and budget status (requested, passed …)?",
         {"記録しない", "対象年度だけ", "主要案件のみ", "ほぼすべての案件で記録",
          "予算状況の更新が定着し予測に使われる"}},
        {"public.personnel_changes",
         D::kPublicSector,
         "4月の人事異動に備え、後任者への引き継ぎや関係づくりをしていますか。",
         "Do you prepare for the April personnel changes (meeting successors, keeping relationships)?",
         {"異動後に気づく", "担当者個人が対応", "主要顧客だけ対応", "異動情報を記録し計画的に対応",
          "異動の検知から後任訪問までが仕組み化"}},
        {"public.procurement",
         D::kPublicSector,
         "随意契約・プロポーザル・入札など調達方式に応じた進め方がありますか。",
         "Do you work differently by procurement method (sole source, proposal, tender)?",
         {"区別していない", "担当者の経験次第", "主要な方式だけ手順がある", "方式ごとの進め方が共有されている",
          "方式ごとの勝率を分析し改善している"}},
        {"public.public_value",
         D::kPublicSector,
         "導入後に住民サービスの成果（公共価値）を測り、次の提案に生かしていますか。",
         "Do you measure the public value of deployments and use it in the next proposal?",
         {"測っていない", "導入実績の件数のみ", "一部の導入で成果を聞く", "成果指標を合意し測定している",
          "成果が提案と横展開に使われている"}},
    };
}

std::string Pct(std::optional<double> v) {
    if (!v) return "—";
    return std::to_string(static_cast<long long>(std::floor(*v * 100.0 + 0.5))) + "%";
}

struct Evidence {
    std::string ja;
    std::string en;
};

void AddEvidence(Evidence& e, const char* ja, const char* en, const Ratio& r) {
    if (!e.ja.empty()) {
        e.ja += "、";
        e.en += ", ";
    }
    e.ja += std::string(ja) + " " + Pct(r.value());
    e.en += std::string(en) + " " + Pct(r.value());
}

Evidence EvidenceOf(TransformationDimension d, const MeasuredSignals& s) {
    Evidence e;
    switch (d) {
        case D::kData:
            AddEvidence(e, "同日記録率", "same-day logging", s.same_day_logging);
            AddEvidence(e, "案件項目の充足率", "deal field completeness", s.deal_field_completeness);
            AddEvidence(e, "年度・予算状況の設定率", "fiscal year and budget status set", s.fiscal_year_and_budget_set);
            break;
        case D::kDivisionOfLabour:
            AddEvidence(e, "引き継ぎSLA遵守率", "hand-off SLA compliance", s.handoff_sla_compliance);
            break;
        case D::kAi:
            AddEvidence(e, "スコア利用率", "score use", s.score_use);
            break;
        case D::kLearningCulture:
            break;
        case D::kPublicSector:
            AddEvidence(e, "年度・予算状況の設定率", "fiscal year and budget status set", s.fiscal_year_and_budget_set);
            break;
    }
    return e;
}

}  // namespace

const std::vector<DiagnosisQuestion>& DiagnosisQuestionBank() {
    static const std::vector<DiagnosisQuestion> bank = BuildBank();
    return bank;
}

const DiagnosisQuestion* FindDiagnosisQuestion(std::string_view key) {
    for (const auto& q : DiagnosisQuestionBank()) {
        if (q.key == key) return &q;
    }
    return nullptr;
}

std::string_view DiagnosisScaleLabelJa(int level) {
    switch (level) {
        case 1:
            return "属人的・記録なし";
        case 2:
            return "一部で実施";
        case 3:
            return "ルールはあるが定着途上";
        case 4:
            return "ほぼ全員が実施";
        case 5:
            return "定着・自動化";
        default:
            return "";
    }
}

std::string_view DiagnosisScaleLabelEn(int level) {
    switch (level) {
        case 1:
            return "ad hoc, not recorded";
        case 2:
            return "done by some";
        case 3:
            return "defined, not yet habitual";
        case 4:
            return "done by almost everyone";
        case 5:
            return "institutionalised, automated";
        default:
            return "";
    }
}

Status ValidateDiagnosisAnswers(const std::vector<DiagnosisAnswer>& answers) {
    std::vector<ErrorDetail> errors;
    std::set<std::string> seen;
    for (size_t i = 0; i < answers.size(); ++i) {
        const std::string at = "answers[" + std::to_string(i) + "]";
        const auto& a = answers[i];
        if (!FindDiagnosisQuestion(a.question_key)) {
            errors.push_back({at + ".question_key",
                              "unknown question '" + a.question_key + "'; see GET /api/transformation/questionnaire"});
        } else if (!seen.insert(a.question_key).second) {
            errors.push_back({at + ".question_key", "question '" + a.question_key + "' is answered twice"});
        }
        if (a.level < kMinMaturity || a.level > kMaxMaturity) {
            errors.push_back({at + ".level", "must be 1–5, got " + std::to_string(a.level)});
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid answers", std::move(errors));
    return Status::Ok();
}

int DiagnosisLevelOfMean(double mean) {
    int level = static_cast<int>(std::floor(mean + 0.5));
    if (level < kMinMaturity) level = kMinMaturity;
    if (level > kMaxMaturity) level = kMaxMaturity;
    return level;
}

DiagnosisSelfScore ScoreDiagnosisDimension(TransformationDimension dimension,
                                           const std::vector<DiagnosisAnswer>& answers) {
    DiagnosisSelfScore out;
    double sum = 0;
    for (const auto& a : answers) {
        const DiagnosisQuestion* q = FindDiagnosisQuestion(a.question_key);
        if (!q || q->dimension != dimension) continue;
        sum += a.level;
        ++out.answered;
    }
    if (out.answered > 0) {
        out.score = sum / out.answered;
        out.level = DiagnosisLevelOfMean(*out.score);
    }
    return out;
}

std::optional<Date> JstDayOfTimestamp(std::string_view ts) {
    if (ts.size() < 10) return std::nullopt;
    auto day = ParseIsoDate(ts.substr(0, 10));
    if (!day) return std::nullopt;
    if (ts.size() == 10) return day;
    if (ts.size() < 13 || (ts[10] != 'T' && ts[10] != ' ')) return std::nullopt;
    if (ts.find("+09:00") != std::string_view::npos) return day;
    const char h1 = ts[11], h2 = ts[12];
    if (h1 < '0' || h1 > '9' || h2 < '0' || h2 > '9') return std::nullopt;
    const int hour = (h1 - '0') * 10 + (h2 - '0');
    // UTC: JST is 9 hours ahead, so from 15:00 UTC it is the next day in Japan.
    return hour + 9 >= 24 ? AddDays(*day, 1) : *day;
}

bool DiagnosisDealInScope(const DiagnosisDealRow& deal, Date from, Date to) {
    if (deal.created_on > to) return false;
    if (deal.closed_on && *deal.closed_on < from) return false;
    return true;
}

DiagnosisFieldCount DiagnosisDealFields(const DiagnosisDealRow& d) {
    DiagnosisFieldCount c;
    auto check = [&c](bool filled) {
        ++c.applicable;
        if (filled) ++c.filled;
    };
    check(d.amount > 0);
    check(d.fiscal_year > 0);
    check(d.has_champion);
    check(d.has_department);
    const bool past_request = d.stage == "requested" || d.stage == "budgeted" || d.stage == "tender_prep" ||
                              d.stage == "bidding" || d.stage == "won" || d.stage == "lost";
    if (past_request) check(d.budget_status != "none" && !d.budget_status.empty());
    if (d.stage == "won") check(d.has_award_amount);
    if (d.stage == "lost" || d.stage == "deferred") check(d.has_lost_reason);
    return c;
}

bool DiagnosisBudgetStatusExpected(const DiagnosisDealRow& d) {
    if (d.stage == "discovery" || d.stage == "qualified" || d.stage == "budget_proposal") return false;
    if (d.stage == "deferred" && (d.budget_status == "none" || d.budget_status.empty())) return false;
    return true;
}

MeasuredSignals MeasureDiagnosisSignals(const DiagnosisSignalRows& rows) {
    MeasuredSignals s;
    s.from = rows.from;
    s.to = rows.to;
    auto in_period = [&](Date d) { return !(d < rows.from) && !(rows.to < d); };

    std::set<long long> active;
    for (const auto& a : rows.activities) {
        if (!in_period(a.occurred_on)) continue;
        active.insert(a.user_id);
        auto created = JstDayOfTimestamp(a.created_at);
        if (!created) continue;
        ++s.same_day_logging.denominator;
        if (*created == a.occurred_on) ++s.same_day_logging.numerator;
    }
    for (const auto& d : rows.deals) {
        if (!DiagnosisDealInScope(d, rows.from, rows.to)) continue;
        const auto fields = DiagnosisDealFields(d);
        s.deal_field_completeness.numerator += fields.filled;
        s.deal_field_completeness.denominator += fields.applicable;
        if (DiagnosisBudgetStatusExpected(d)) {
            ++s.fiscal_year_and_budget_set.denominator;
            if (d.fiscal_year > 0 && d.budget_status != "none" && !d.budget_status.empty()) {
                ++s.fiscal_year_and_budget_set.numerator;
            }
        }
    }
    for (const auto& h : rows.handoffs) {
        if (h.status == "cancelled" || !in_period(h.due_on)) continue;
        ++s.handoff_sla_compliance.denominator;
        const bool answered = h.status == "accepted" || h.status == "returned";
        if (answered && h.responded_on && !(h.due_on < *h.responded_on)) ++s.handoff_sla_compliance.numerator;
    }
    std::set<long long> sales;
    for (const auto& u : rows.users) {
        if (!u.role.empty()) sales.insert(u.id);
    }
    std::set<long long> users_with_use;
    for (const auto& u : rows.score_uses) {
        if (in_period(u.used_on)) users_with_use.insert(u.user_id);
    }
    for (long long id : active) {
        if (!sales.count(id)) continue;
        ++s.score_use.denominator;
        if (users_with_use.count(id)) ++s.score_use.numerator;
    }
    return s;
}

int DiagnosisLevelOfShare(double share) {
    if (share < 0.2) return 1;
    if (share < 0.4) return 2;
    if (share < 0.6) return 3;
    if (share < 0.8) return 4;
    return 5;
}

std::optional<int> DiagnosisMeasuredLevel(TransformationDimension dimension, const MeasuredSignals& s) {
    auto level_of = [](const Ratio& r) -> std::optional<int> {
        auto v = r.value();
        if (!v) return std::nullopt;
        return DiagnosisLevelOfShare(*v);
    };
    switch (dimension) {
        case D::kData: {
            double sum = 0;
            int n = 0;
            for (const Ratio* r : {&s.same_day_logging, &s.deal_field_completeness, &s.fiscal_year_and_budget_set}) {
                if (auto v = r->value()) {
                    sum += *v;
                    ++n;
                }
            }
            if (n == 0) return std::nullopt;
            return DiagnosisLevelOfShare(sum / n);
        }
        case D::kDivisionOfLabour:
            return level_of(s.handoff_sla_compliance);
        case D::kAi:
            return level_of(s.score_use);
        case D::kLearningCulture:
            return std::nullopt;
        case D::kPublicSector:
            return level_of(s.fiscal_year_and_budget_set);
    }
    return std::nullopt;
}

std::string_view DiagnosisGapSeverity(std::optional<int> gap) {
    if (!gap) return "unknown";
    const int g = std::abs(*gap);
    if (g >= 2) return "attention";
    if (g == 1) return "minor";
    return "agree";
}

DimensionDiagnosis DiagnoseDimension(TransformationDimension dimension, const std::vector<DiagnosisAnswer>& answers,
                                     const MeasuredSignals& signals) {
    DimensionDiagnosis out;
    out.dimension = dimension;
    const auto scored = ScoreDiagnosisDimension(dimension, answers);
    out.self_score = scored.score;
    out.self_level = scored.level;
    out.measured_level = DiagnosisMeasuredLevel(dimension, signals);
    if (out.self_level && out.measured_level) out.gap = *out.measured_level - *out.self_level;
    const Evidence e = EvidenceOf(dimension, signals);
    const std::string label(DimensionLabelJa(dimension));
    const std::string slug(DimensionSlug(dimension));

    if (!out.measured_level) {
        const std::string why_ja =
            dimension == D::kLearningCulture ? "データでは測れない" : "データでは測れない（期間内の対象データなし）";
        const std::string why_en = dimension == D::kLearningCulture
                                       ? "the data cannot measure it"
                                       : "the data cannot measure it (nothing to measure in the period)";
        if (out.self_level) {
            out.finding_ja = label + "は" + why_ja + "：自己評価 " + std::to_string(*out.self_level) +
                             " を振り返りの場で確かめてください。";
            out.finding_en = slug + ": " + why_en + "; self-assessed " + std::to_string(*out.self_level) +
                             " — check it in a team review.";
        } else {
            out.finding_ja = label + "は" + why_ja + "。自己評価の回答もありません。";
            out.finding_en = slug + ": " + why_en + ", and no self-assessment answers.";
        }
        return out;
    }
    const std::string m = std::to_string(*out.measured_level);
    if (!out.self_level) {
        out.finding_ja = label + "：自己評価の回答なし。データは " + m + "：" + e.ja + "。";
        out.finding_en = slug + ": no self-assessment; the data says " + m + ": " + e.en + ".";
        return out;
    }
    const std::string self = std::to_string(*out.self_level);
    const int gap = *out.gap;
    if (gap == 0) {
        out.finding_ja = label + "：自己評価 " + self + " とデータ " + m + " は一致：" + e.ja + "。";
        out.finding_en = slug + ": self-assessment " + self + " and data " + m + " agree: " + e.en + ".";
        return out;
    }
    const bool attention = std::abs(gap) >= 2;
    const std::string tag_ja = attention ? "【要注意】" : "【軽微】";
    const std::string tag_en = attention ? "[attention] " : "[minor] ";
    const std::string dir_ja = gap < 0 ? "（自己評価がデータより高い）" : "（データが自己評価より高い）";
    const std::string dir_en = gap < 0 ? " (self-assessment above the data)" : " (data above the self-assessment)";
    out.finding_ja = tag_ja + label + "：自己評価 " + self + " に対しデータは " + m + "：" + e.ja + dir_ja + "。";
    out.finding_en = tag_en + slug + ": self-assessed " + self + ", the data says " + m + ": " + e.en + dir_en + ".";
    return out;
}

Diagnosis ComposeDiagnosis(long long assessment_id, Date assessed_on, const std::vector<DiagnosisAnswer>& answers,
                           const MeasuredSignals& signals) {
    Diagnosis d;
    d.assessment_id = assessment_id;
    d.assessed_on = assessed_on;
    d.signals = signals;
    for (auto dim : AllTransformationDimensions()) d.dimensions.push_back(DiagnoseDimension(dim, answers, signals));
    return d;
}

std::string DiagnosisPercent(const Ratio& ratio) { return Pct(ratio.value()); }

}  // namespace kyoso::domain
