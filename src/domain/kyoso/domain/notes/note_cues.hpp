#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/domain/notes/note_dates.hpp"

namespace kyoso::domain {

// Budget cues, next steps and policy-domain tags of a sales note (docs/ml.md, "Note
// analysis and the optional LLM"). Pure: phrase tables over NormalizeNoteText.

// One phrase of the budget cue table.
struct BudgetCueRule {
    std::string_view phrase;
    std::string_view category;  // no_budget, tight, request, secured, supplementary, initial, multi_year, deferred, cut
    std::string_view polarity;  // positive, negative, supplementary, neutral
    std::string_view label_ja;  // what the cue means, for the screen
};
// The whole table (docs/ml.md lists it).
const std::vector<BudgetCueRule>& BudgetCueRules();

// A budget cue found in a note.
struct BudgetCue {
    std::string phrase;  // the table phrase
    std::string category;
    std::string polarity;
    std::string label_ja;
    std::string sentence;  // the sentence it was found in
};

// The budget cues of `text` in text order. At each position the longest table phrase
// wins and matches do not overlap, so 予算要求しない is negative, not the positive
// 予算要求.
std::vector<BudgetCue> FindBudgetCues(std::string_view text);

// The overall budget signal of some cues: "negative" when the last cue (the newest
// statement) is negative, "positive" when positive, "supplementary" when the last
// positive-or-supplementary cue is a 補正; "neutral" for only neutral cues; "none"
// without cues.
std::string BudgetSignal(const std::vector<BudgetCue>& cues);

// One policy domain (施策分野) and the words that tag a note with it.
struct PolicyTagRule {
    std::string_view tag;  // the catalogue's policy domain name (防災, 子育て, DX, ...)
    std::vector<std::string_view> keywords;
};
// The table (docs/ml.md lists it): the catalogue's policy domains DX, 防災, 子育て,
// 福祉, 教育, 議会, 観光, 環境 plus まちづくり.
const std::vector<PolicyTagRule>& PolicyTagRules();

struct PolicyTag {
    std::string tag;
    std::vector<std::string> keywords;  // the table words found, in table order
    int hits = 0;                       // occurrences of those words
};
// The tags of `text`, most hits first (ties in table order).
std::vector<PolicyTag> FindPolicyTags(std::string_view text);

// The sentences of a note: split after 。！？!? and at line breaks, trimmed of
// spaces (ASCII and U+3000) and list bullets (・, -, *); empty ones dropped.
std::vector<std::string> SplitSentences(std::string_view text);

// Words that make a sentence a next step (docs/ml.md lists them).
const std::vector<std::string_view>& NextStepMarkers();

struct NextStep {
    std::string sentence;
    std::vector<std::string> markers;  // the markers found, in table order
    std::vector<DateMention> dates;    // its time expressions (offsets relative to the sentence)
    std::optional<Date> due_from;      // the earliest start of its dates not in the past (at least the note date)
    std::optional<Date> due_to;        // the end of that same date
};
// The next steps of a note written on `note_date`: every sentence with a marker or with
// a time expression that starts after the note date (来週, 10月中旬; not 先週).
std::vector<NextStep> FindNextSteps(std::string_view text, Date note_date);

}  // namespace kyoso::domain
