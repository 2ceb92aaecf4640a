#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"

namespace kyoso::domain::nba {

// The rules that propose next best actions, in tie-break order (docs/ml.md, "Next best
// actions and similar governments").
enum class Rule {
    kHandoffSla,       // a pending hand-off past or near its SLA → 引き継ぎを完了
    kBudgetCalendar,   // the deal's next budget milestone → 参考見積を提出 / 訪問
    kRotation,         // a new official in the champion's post → 新任の担当者に挨拶
    kOverdueTask,      // an open task past due → 期限切れのタスクを完了
    kModelFactor,      // the win model's strongest negative factor → its remedy
    kSimilarAdoption,  // similar governments adopted the product → 導入事例を紹介
    kNoContact,        // no contact for 30+ days → 連絡を取る
};

std::string_view RuleSlug(Rule rule);  // "handoff_sla", "budget_calendar", ...

// The deal's next budget milestone (domain::DealDeadline, flattened).
struct DeadlineFact {
    std::string slug;  // MilestoneSlug, "fiscal_year_start" or "fiscal_year_end"
    std::string label_ja;
    Date due{};
    int business_days_left = 0;
    bool missed = false;
    std::string text_ja;  // DealDeadline::TextJa()
    Date action_date{};   // DealDeadline::ActionDate()
};

// A newer holder of the champion's post, not met since being posted.
struct RotationFact {
    long long official_id = 0;
    std::string name;
    std::string title;
    Date posted_on{};
    std::string predecessor_name;  // "" when the champion is the new holder
};

// A similar government (nearest neighbour or the same 類似団体) that won the product.
struct AdopterFact {
    std::string code;
    std::string name;
    double distance = 0;
    Date won_on{};
};

// A pending hand-off of the record that the user has to answer or chase.
struct HandoffFact {
    long long id = 0;
    std::string kind;  // bdr_to_is, is_to_fs, fs_to_cs
    Date due_on{};
    int business_days_left = 0;  // BusinessDaysBetween(today, due_on)
    bool breached = false;       // today > due_on
};

// An open task past its due date.
struct TaskFact {
    long long id = 0;
    std::string title;
    Date due_on{};
};

// One of the win model's factors (log-odds contribution).
struct FactorFact {
    std::string key;
    std::string label_ja;
    double contribution = 0;
};

// Everything known about one deal or government on `today`, gathered by app::NbaService.
struct RecordFacts {
    std::string record_kind;  // "deal" or "government"
    std::string record_id;    // deal id or 団体コード
    long long deal_id = 0;    // 0 for a government
    std::string government_code;
    std::string government_name;
    std::string title;         // deal title or government name
    std::string product_name;  // the deal's product ("" for a government)
    Date today{};
    std::optional<DeadlineFact> deadline;
    std::vector<RotationFact> rotations;
    std::vector<AdopterFact> adopters;  // nearest first
    std::vector<HandoffFact> handoffs;
    std::vector<TaskFact> overdue_tasks;
    std::vector<FactorFact> negative_factors;  // most negative first
    bool model_skipped = false;                // no DealScorer: the model rule did not run
    std::optional<Date> last_contact;          // latest activity; nullopt = never contacted
};

// A proposed action with its reason and score (0..100).
struct Action {
    std::string key;  // "<rule>:<record_kind>:<record_id>:<anchor date>" — stable across requests
    Rule rule = Rule::kNoContact;
    std::string record_kind;
    std::string record_id;
    long long deal_id = 0;
    std::string government_code;
    std::string government_name;
    std::string title;
    std::string action_ja;  // 参考見積を提出
    std::string reason_ja;  // 予算要求締切まであと5営業日
    double score = 0;
    Date anchor{};  // the date the trigger hangs on (due day, posting day, ...)
};

// The thresholds of the rules.
struct Params {
    int calendar_window_business_days = 30;  // budget milestones this close count
    int no_contact_days = 30;                // silence this long proposes a contact
    int dismiss_days = 14;                   // a dismissed rule stays hidden this long per record
};

// The actions the rules propose for one record (unranked). Formulas (n = business days
// left, d = calendar days):
//   handoff_sla      breached 95; due today 85; due next business day 75
//   budget_calendar  spec window / 予算要求締切 (before the request): 90 − 2n;
//                    hearings, 査定, 内示, 予算案, 3月議会 (requested): 80 − 2n;
//                    start / end of the budgeted year: 70 − 2n (0 ≤ n ≤ window);
//                    missed with a next chance: 40
//   rotation         80 when posted ≤ 30 days ago, else max(50, 80 − (d − 30)/3)
//   overdue_task     min(90, 60 + 3·d overdue), one per task
//   model_factor     min(70, 40 + 20·|contribution|) for the most negative factor
//   similar_adoption 30 + 10·min(4, adopters)
//   no_contact       min(80, 30 + (d − 30)/2) after ≥ 30 days; 50 when never contacted
std::vector<Action> Propose(const RecordFacts& facts, const Params& params = {});

// A stored decision on an action.
struct Feedback {
    std::string action_key;
    std::string decision;  // accept | dismiss
    Date decided_on{};
};

// "<rule>:<record_kind>:<record_id>" of an action key (the key without its date).
std::string RuleRecordOf(std::string_view action_key);

// Whether `feedback` hides `action` on `today`: an accepted key is hidden for good; a
// dismissal hides every action of the same rule and record (any date) for
// params.dismiss_days calendar days after the dismissal.
bool Suppressed(const Action& action, const std::vector<Feedback>& feedback, Date today, const Params& params = {});

// Drops suppressed actions and orders the rest: score descending, then rule order, then
// key ascending (deterministic); keeps at most `limit` (0 = all).
std::vector<Action> Rank(std::vector<Action> actions, const std::vector<Feedback>& feedback, Date today,
                         size_t limit = 0, const Params& params = {});

// The remedy of a model factor, by its key: visits → 訪問を設定, quotes → 参考見積を提出,
// contact recency → 連絡を取る, champion/rotation → 担当者との関係を再構築, budget → 予算化の見通しを確認,
// else 「<label>」を改善.
std::string RemedyOfFactor(const FactorFact& factor);

}  // namespace kyoso::domain::nba
