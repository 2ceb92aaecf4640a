#include "kyoso/domain/nba/nba.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kyoso::domain::nba {

namespace {

std::string Num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::string MonthDay(Date d) {
    return std::to_string(static_cast<unsigned>(d.month())) + "/" + std::to_string(static_cast<unsigned>(d.day()));
}

Action Base(const RecordFacts& f, Rule rule, Date anchor) {
    Action a;
    a.rule = rule;
    a.record_kind = f.record_kind;
    a.record_id = f.record_id;
    a.deal_id = f.deal_id;
    a.government_code = f.government_code;
    a.government_name = f.government_name;
    a.title = f.title;
    a.anchor = anchor;
    a.key = std::string(RuleSlug(rule)) + ":" + f.record_kind + ":" + f.record_id + ":" + FormatIsoDate(anchor);
    return a;
}

bool Contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

void ProposeHandoffs(const RecordFacts& f, std::vector<Action>& out) {
    for (const auto& h : f.handoffs) {
        double score = 0;
        std::string reason;
        if (h.breached) {
            score = 95;
            reason = "引き継ぎのSLA超過（期限 " + MonthDay(h.due_on) + "）";
        } else if (h.business_days_left == 0) {
            score = 85;
            reason = "引き継ぎの期限は本日";
        } else if (h.business_days_left == 1) {
            score = 75;
            reason = "引き継ぎの期限まであと1営業日";
        } else {
            continue;
        }
        Action a = Base(f, Rule::kHandoffSla, h.due_on);
        a.key += ":" + std::to_string(h.id);
        a.action_ja = "引き継ぎを完了";
        a.reason_ja = reason;
        a.score = score;
        out.push_back(std::move(a));
    }
}

void ProposeCalendar(const RecordFacts& f, const Params& p, std::vector<Action>& out) {
    if (!f.deadline) return;
    const DeadlineFact& d = *f.deadline;
    if (d.missed) {
        Action a = Base(f, Rule::kBudgetCalendar, d.action_date);
        a.action_ja = "補正予算に向けて再提案を準備";
        a.reason_ja = d.text_ja;
        a.score = 40;
        out.push_back(std::move(a));
        return;
    }
    const int n = d.business_days_left;
    if (n < 0 || n > p.calendar_window_business_days) return;
    const std::string when = d.label_ja + (n == 0 ? "は本日" : "まであと" + std::to_string(n) + "営業日");
    Action a = Base(f, Rule::kBudgetCalendar, d.due);
    if (d.slug == "spec_window" || d.slug == "budget_request_deadline") {
        a.action_ja = "参考見積を提出";
        a.score = 90 - 2.0 * n;
    } else if (d.slug == "fiscal_year_start" || d.slug == "fiscal_year_end") {
        a.action_ja = "契約・執行手続きを確認";
        a.score = 70 - 2.0 * n;
    } else {
        a.action_ja = "訪問して査定状況を確認";
        a.score = 80 - 2.0 * n;
    }
    a.reason_ja = when;
    out.push_back(std::move(a));
}

void ProposeRotations(const RecordFacts& f, std::vector<Action>& out) {
    for (const auto& r : f.rotations) {
        const int days = DaysBetween(r.posted_on, f.today);
        if (days < 0) continue;
        Action a = Base(f, Rule::kRotation, r.posted_on);
        a.key += ":" + std::to_string(r.official_id);
        a.action_ja = "新任の担当者に挨拶: " + r.name;
        a.reason_ja = r.title + "に" + r.name + "さんが着任（" + FormatIsoDate(r.posted_on) + "）" +
                      (r.predecessor_name.empty() ? "" : "・前任 " + r.predecessor_name) + "、着任後の接触なし";
        a.score = days <= 30 ? 80.0 : std::max(50.0, 80.0 - (days - 30) / 3.0);
        out.push_back(std::move(a));
    }
}

void ProposeTasks(const RecordFacts& f, std::vector<Action>& out) {
    for (const auto& t : f.overdue_tasks) {
        const int days = DaysBetween(t.due_on, f.today);
        if (days <= 0) continue;
        Action a = Base(f, Rule::kOverdueTask, t.due_on);
        a.key += ":" + std::to_string(t.id);
        a.action_ja = "期限切れのタスクを完了: " + t.title;
        a.reason_ja = "期限 " + FormatIsoDate(t.due_on) + "（" + std::to_string(days) + "日超過）";
        a.score = std::min(90.0, 60.0 + 3.0 * days);
        out.push_back(std::move(a));
    }
}

void ProposeModel(const RecordFacts& f, std::vector<Action>& out) {
    if (f.negative_factors.empty()) return;
    const FactorFact& top = f.negative_factors.front();
    if (top.contribution >= 0) return;
    Action a = Base(f, Rule::kModelFactor, f.today);
    // The key's date is the factor, not the day: the same factor stays the same action.
    a.key = std::string(RuleSlug(Rule::kModelFactor)) + ":" + f.record_kind + ":" + f.record_id + ":" + top.key;
    a.action_ja = RemedyOfFactor(top);
    a.reason_ja = "勝率モデルの減点要因: " + top.label_ja + "（" + Num(top.contribution) + "）";
    a.score = std::min(70.0, 40.0 + 20.0 * std::fabs(top.contribution));
    out.push_back(std::move(a));
}

void ProposeAdoption(const RecordFacts& f, std::vector<Action>& out) {
    if (f.adopters.empty()) return;
    const AdopterFact& nearest = f.adopters.front();
    Action a = Base(f, Rule::kSimilarAdoption, nearest.won_on);
    a.key += ":" + nearest.code;
    a.action_ja = "導入事例を紹介: " + nearest.name;
    std::string names;
    for (size_t i = 0; i < f.adopters.size() && i < 3; ++i) {
        if (i) names += "、";
        names += f.adopters[i].name + "（距離" + Num(f.adopters[i].distance) + "）";
    }
    a.reason_ja = "近い自治体" + std::to_string(f.adopters.size()) + "団体が" +
                  (f.product_name.empty() ? std::string("導入済み") : f.product_name + "を導入済み") + ": " + names;
    a.score = 30.0 + 10.0 * static_cast<double>(std::min<size_t>(4, f.adopters.size()));
    out.push_back(std::move(a));
}

void ProposeContact(const RecordFacts& f, const Params& p, std::vector<Action>& out) {
    if (!f.last_contact) {
        Action a = Base(f, Rule::kNoContact, f.today);
        a.key = std::string(RuleSlug(Rule::kNoContact)) + ":" + f.record_kind + ":" + f.record_id + ":never";
        a.action_ja = "連絡を取る（電話・メール）";
        a.reason_ja = "接触記録なし";
        a.score = 50;
        out.push_back(std::move(a));
        return;
    }
    const int days = DaysBetween(*f.last_contact, f.today);
    if (days < p.no_contact_days) return;
    Action a = Base(f, Rule::kNoContact, *f.last_contact);
    a.action_ja = "連絡を取る（電話・メール）";
    a.reason_ja = "最終接触から" + std::to_string(days) + "日（" + FormatIsoDate(*f.last_contact) + "）";
    a.score = std::min(80.0, 30.0 + (days - p.no_contact_days) / 2.0);
    out.push_back(std::move(a));
}

}  // namespace

std::string_view RuleSlug(Rule rule) {
    switch (rule) {
        case Rule::kHandoffSla:
            return "handoff_sla";
        case Rule::kBudgetCalendar:
            return "budget_calendar";
        case Rule::kRotation:
            return "rotation";
        case Rule::kOverdueTask:
            return "overdue_task";
        case Rule::kModelFactor:
            return "model_factor";
        case Rule::kSimilarAdoption:
            return "similar_adoption";
        case Rule::kNoContact:
            return "no_contact";
    }
    return "unknown";
}

std::vector<Action> Propose(const RecordFacts& facts, const Params& params) {
    std::vector<Action> out;
    ProposeHandoffs(facts, out);
    ProposeCalendar(facts, params, out);
    ProposeRotations(facts, out);
    ProposeTasks(facts, out);
    ProposeModel(facts, out);
    ProposeAdoption(facts, out);
    ProposeContact(facts, params, out);
    return out;
}

std::string RuleRecordOf(std::string_view action_key) {
    // rule:kind:id:...
    size_t pos = 0;
    for (int i = 0; i < 3; ++i) {
        pos = action_key.find(':', pos);
        if (pos == std::string_view::npos) return std::string(action_key);
        if (i < 2) ++pos;
    }
    return std::string(action_key.substr(0, pos));
}

bool Suppressed(const Action& action, const std::vector<Feedback>& feedback, Date today, const Params& params) {
    const std::string rule_record = RuleRecordOf(action.key);
    for (const auto& fb : feedback) {
        if (fb.decision == "accept" && fb.action_key == action.key) return true;
        if (fb.decision == "dismiss" && RuleRecordOf(fb.action_key) == rule_record) {
            const int since = DaysBetween(fb.decided_on, today);
            if (since >= 0 && since < params.dismiss_days) return true;
        }
    }
    return false;
}

std::vector<Action> Rank(std::vector<Action> actions, const std::vector<Feedback>& feedback, Date today, size_t limit,
                         const Params& params) {
    std::vector<Action> kept;
    kept.reserve(actions.size());
    for (auto& a : actions) {
        if (!Suppressed(a, feedback, today, params)) kept.push_back(std::move(a));
    }
    std::sort(kept.begin(), kept.end(), [](const Action& x, const Action& y) {
        if (x.score != y.score) return x.score > y.score;
        if (x.rule != y.rule) return static_cast<int>(x.rule) < static_cast<int>(y.rule);
        return x.key < y.key;
    });
    if (limit > 0 && kept.size() > limit) kept.resize(limit);
    return kept;
}

std::string RemedyOfFactor(const FactorFact& factor) {
    const std::string& k = factor.key;
    if (Contains(k, "visit")) return "訪問を設定";
    if (Contains(k, "quote")) return "参考見積を提出";
    if (Contains(k, "champion") || Contains(k, "rotation")) return "担当者との関係を再構築";
    if (Contains(k, "since") || Contains(k, "recency") || Contains(k, "contact") || Contains(k, "activit")) {
        return "連絡を取る（電話・メール）";
    }
    if (Contains(k, "budget") || Contains(k, "deadline")) return "予算化の見通しを確認";
    if (Contains(k, "demo")) return "デモを実施";
    return "「" + factor.label_ja + "」を改善";
}

}  // namespace kyoso::domain::nba
