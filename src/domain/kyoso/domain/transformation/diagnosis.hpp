#pragma once

// The organisation diagnosis of the transformation programme (docs/transformation.md,
// "Diagnosis"): a fixed question bank per dimension answered on an anchored 1–5 scale,
// the measured signals computed from plain rows, measured levels with fixed bands, and
// the findings where self-assessment and data agree or disagree. Pure: no I/O.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/status.hpp"
#include "kyoso/domain/transformation/model.hpp"

namespace kyoso::domain {

// ---- the questionnaire --------------------------------------------------------------

// One question of the bank. The key is stable ("data.same_day_logging"); answers are
// stored by key, so questions may be reworded but never re-keyed.
struct DiagnosisQuestion {
    std::string key;
    TransformationDimension dimension = TransformationDimension::kData;
    std::string text_ja;
    std::string text_en;
    std::array<std::string, 5> levels_ja;  // what level 1 … 5 means for this question
};

// The fixed bank: 4–5 questions per dimension, in AllTransformationDimensions() order.
const std::vector<DiagnosisQuestion>& DiagnosisQuestionBank();
// nullptr for an unknown key.
const DiagnosisQuestion* FindDiagnosisQuestion(std::string_view key);
// The generic anchored scale: 1 属人的・記録なし … 5 定着・自動化 (level outside 1–5: "").
std::string_view DiagnosisScaleLabelJa(int level);
std::string_view DiagnosisScaleLabelEn(int level);

// One answer of an assessment.
struct DiagnosisAnswer {
    std::string question_key;
    int level = 0;  // 1–5
    std::string comment;
};

// InvalidArgument naming "answers[i].question_key" (unknown or duplicate key) and
// "answers[i].level" (outside 1–5); OK for an empty list (every answer is optional).
Status ValidateDiagnosisAnswers(const std::vector<DiagnosisAnswer>& answers);

// Round half up (2.5 → 3), clamped to 1–5.
int DiagnosisLevelOfMean(double mean);

// A dimension's self-assessment: the mean of its answered questions and its level;
// both empty when none of its questions was answered. Answers of other dimensions and
// unknown keys are ignored.
struct DiagnosisSelfScore {
    std::optional<double> score;
    std::optional<int> level;
    int answered = 0;
};
DiagnosisSelfScore ScoreDiagnosisDimension(TransformationDimension dimension,
                                           const std::vector<DiagnosisAnswer>& answers);

// ---- the rows the signals read -----------------------------------------------------

// An activity: who logged it, the day it happened and when its record was created
// (UTC ISO "2026-11-02T01:30:00Z", or "" when unknown; see JstDayOfTimestamp).
struct DiagnosisActivityRow {
    long long user_id = 0;
    Date occurred_on{};
    std::string created_at;
};

// A deal with the key fields the completeness signal checks.
struct DiagnosisDealRow {
    long long id = 0;
    std::string stage;          // StageSlug
    std::string budget_status;  // BudgetStatusSlug
    long long amount = 0;
    int fiscal_year = 0;
    bool has_champion = false;
    bool has_department = false;
    bool has_award_amount = false;
    bool has_lost_reason = false;
    Date created_on{};
    std::optional<Date> closed_on;
};

// A hand-off with its SLA due day.
struct DiagnosisHandoffRow {
    long long id = 0;
    std::string status;  // pending | accepted | returned | cancelled
    Date due_on{};
    std::optional<Date> responded_on;
};

// A user with their sales role ("" = not in sales).
struct DiagnosisUserRow {
    long long id = 0;
    std::string role;
};

// One use of a score by a user on a day (a next-best-action accept/dismiss).
struct DiagnosisScoreUseRow {
    long long user_id = 0;
    Date used_on{};
};

// Everything MeasureDiagnosisSignals reads. Rows outside [from, to] are allowed (they
// are filtered here), so a repository may read generously.
struct DiagnosisSignalRows {
    Date from{};
    Date to{};
    std::vector<DiagnosisActivityRow> activities;
    std::vector<DiagnosisDealRow> deals;
    std::vector<DiagnosisHandoffRow> handoffs;
    std::vector<DiagnosisUserRow> users;
    std::vector<DiagnosisScoreUseRow> score_uses;
};

// The JST calendar day of a timestamp: "…Z" or no offset is UTC (+9 hours), an explicit
// "+09:00" is taken as is, a bare date "YYYY-MM-DD" is that day. None for "" or garbage.
std::optional<Date> JstDayOfTimestamp(std::string_view timestamp);

// Whether a deal is in scope for [from, to]: created on or before `to` and not closed
// before `from` (open during the period, or closed in it).
bool DiagnosisDealInScope(const DiagnosisDealRow& deal, Date from, Date to);

// The key fields of one deal that apply to it and how many of them are filled:
// amount > 0, fiscal year, champion, department (always); budget status ≠ none (stage
// requested or later, won and lost included); award amount (won); loss reason (lost,
// deferred).
struct DiagnosisFieldCount {
    int filled = 0;
    int applicable = 0;
};
DiagnosisFieldCount DiagnosisDealFields(const DiagnosisDealRow& deal);

// Whether a deal is in the denominator of fiscal_year_and_budget_set: every deal in
// scope except those in discovery, qualified or budget_proposal and those deferred
// without a budget request, where 未計上 (none) is the truthful status.
bool DiagnosisBudgetStatusExpected(const DiagnosisDealRow& deal);

// The five signals over [rows.from, rows.to] (docs/transformation.md, "Signals"):
//   same_day_logging       activities in the period with a known creation time whose
//                          creation JST day equals occurred_on / those activities
//   deal_field_completeness filled / applicable key fields over the deals in scope
//   handoff_sla_compliance hand-offs due in the period (not cancelled) answered on or
//                          before their due day / those hand-offs
//   fiscal_year_and_budget_set deals in scope with a fiscal year and a budget status
//                          other than none / deals in scope where one is expected
//   score_use              active sales users (role set, ≥ 1 activity in the period)
//                          with a score use in the period / active sales users
MeasuredSignals MeasureDiagnosisSignals(const DiagnosisSignalRows& rows);

// ---- levels, gaps, findings --------------------------------------------------------

// A share as a level: < 20% → 1, < 40% → 2, < 60% → 3, < 80% → 4, else 5.
int DiagnosisLevelOfShare(double share);

// The measured level of a dimension from the signals, none when nothing applies:
//   data               mean of the available values of same_day_logging,
//                      deal_field_completeness and fiscal_year_and_budget_set
//   division_of_labour handoff_sla_compliance
//   ai                 score_use
//   learning_culture   none: the data does not measure it (データでは測れない)
//   public_sector      fiscal_year_and_budget_set
std::optional<int> DiagnosisMeasuredLevel(TransformationDimension dimension, const MeasuredSignals& signals);

// "attention" (|gap| ≥ 2, 要注意), "minor" (|gap| = 1, 軽微), "agree" (0) or
// "unknown" (no gap).
std::string_view DiagnosisGapSeverity(std::optional<int> gap);

// One dimension: self score and level from the answers, measured level, gap and the
// findings ("自己評価 4 に対しデータは 2：同日記録率 31%…").
DimensionDiagnosis DiagnoseDimension(TransformationDimension dimension, const std::vector<DiagnosisAnswer>& answers,
                                     const MeasuredSignals& signals);

// The whole diagnosis, dimensions in AllTransformationDimensions() order.
Diagnosis ComposeDiagnosis(long long assessment_id, Date assessed_on, const std::vector<DiagnosisAnswer>& answers,
                           const MeasuredSignals& signals);

// "31%" (rounded to a whole percent), "—" without a value.
std::string DiagnosisPercent(const Ratio& ratio);

}  // namespace kyoso::domain
