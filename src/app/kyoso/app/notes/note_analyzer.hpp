#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/notes/note_cues.hpp"
#include "kyoso/domain/notes/note_dates.hpp"
#include "kyoso/domain/sales/sales.hpp"
#include "kyoso/ports/language_model.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"
#include "kyoso/ports/tokenizer.hpp"

namespace kyoso::app {

// Longest note text analysed or sent to the LLM (bytes).
inline constexpr size_t kMaxNoteBytes = 20000;

// A keyword of a note: a MeCab term (docs/intel.md "Terms") with its count and score
// = count × √(length in characters), so compounds (電子申請) outrank their parts.
struct NoteKeyword {
    std::string term;
    int count = 0;
    double score = 0;
};

// Everything read from one note text (docs/ml.md, "Note analysis and the optional LLM").
struct NoteAnalysis {
    Date date{};                                 // the note's date, against which expressions resolve
    std::vector<NoteKeyword> keywords;           // best first, at most 10; empty without a tokenizer
    std::vector<domain::DateMention> dates;      // every time expression, in text order
    std::vector<domain::NextStep> next_steps;    // in text order
    std::vector<domain::BudgetCue> budget_cues;  // in text order
    std::string budget_signal;                   // domain::BudgetSignal
    std::vector<domain::PolicyTag> tags;         // most hits first
    bool tokenizer = false;                      // keywords came from MeCab
};

// One stored activity's analysis.
struct ActivityNoteAnalysis {
    domain::Activity activity;
    std::string text;  // what was analysed: notes, then "結果: " + outcome
    NoteAnalysis analysis;
};

// A cue or next step with the activity it came from.
struct DealCue {
    long long activity_id = 0;
    Date occurred_on{};
    domain::BudgetCue cue;
};
struct DealNextStep {
    long long activity_id = 0;
    Date occurred_on{};
    domain::NextStep step;
    bool upcoming = false;  // its due date ends on or after today
};

// A deal's notes analysed together.
struct DealNotesAnalysis {
    long long deal_id = 0;
    long long activities = 0;              // activities of the deal
    long long with_text = 0;               // of which with notes or an outcome
    std::string budget_signal;             // over every cue, oldest activity first
    std::vector<DealCue> budget_cues;      // newest activity first (one per phrase and activity)
    std::vector<DealNextStep> next_steps;  // newest activity first
    std::vector<NoteKeyword> keywords;     // summed over the activities, best first, at most 15
    std::vector<domain::PolicyTag> tags;   // summed, most hits first
    bool tokenizer = false;
};

// Japanese note analysis over ports::Tokenizer (MeCab) and the pure tables of
// domain/notes, plus the optional LLM. Thread-safe when the store, tokenizer and model are.
class NoteAnalyzer {
public:
    // Gives the tokenizer on first use (null = none: no keywords); called once.
    using TokenizerSource = std::function<const ports::Tokenizer*()>;

    // `store` may be null (only Analyze then; the others FailedPrecondition);
    // `tokenizer` may be null (no keywords); `llm` null = the LLM is off.
    NoteAnalyzer(ports::Store* store, const ports::Clock& clock, const ports::Tokenizer* tokenizer,
                 ports::LanguageModel* llm = nullptr)
        : NoteAnalyzer(store, clock, TokenizerSource([tokenizer] { return tokenizer; }), llm) {}
    // The tokenizer is loaded lazily (MeCab's dictionary only when a note is analysed).
    NoteAnalyzer(ports::Store* store, const ports::Clock& clock, TokenizerSource tokenizer,
                 ports::LanguageModel* llm = nullptr)
        : store_(store), clock_(clock), tokenizer_source_(std::move(tokenizer)), llm_(llm) {}

    // InvalidArgument (field "text") for an empty text or one over kMaxNoteBytes.
    Result<NoteAnalysis> Analyze(std::string_view text, Date date) const;
    // The activity's notes and outcome, dated by its occurred_on. NotFound for an unknown id.
    Result<ActivityNoteAnalysis> AnalyzeActivity(long long activity_id) const;
    // Every activity of the deal. NotFound for an unknown deal.
    Result<DealNotesAnalysis> AnalyzeDeal(long long deal_id) const;

    // Today in Japan (the service clock): the default note date.
    Date Today() const { return clock_.Today(); }

    bool llm_configured() const { return llm_.load() != nullptr; }
    std::string llm_model() const {
        auto* llm = llm_.load();
        return llm ? llm->ModelName() : "";
    }
    // Switches the LLM on (or off with null); `llm` must outlive this analyzer.
    void SetLanguageModel(ports::LanguageModel* llm) { llm_.store(llm); }

    // The LLM's summary of a text, or of the deal's notes (deal_id > 0). Unavailable
    // "LLM not configured" when off; the model's errors as Unavailable.
    Result<std::string> Summarise(std::string_view text, long long deal_id) const;
    // The LLM's follow-up mail for the deal (with its next steps) or for a text.
    Result<std::string> DraftFollowUpMail(std::string_view text, long long deal_id,
                                          const std::string& sender_name) const;

private:
    std::vector<NoteKeyword> Keywords(const std::vector<std::string>& texts, size_t limit) const;
    Result<std::vector<ActivityNoteAnalysis>> DealActivities(long long deal_id) const;

    ports::Store* store_;
    const ports::Clock& clock_;
    const ports::Tokenizer* Tokenizer() const;

    TokenizerSource tokenizer_source_;
    mutable std::once_flag tokenizer_once_;
    mutable const ports::Tokenizer* tokenizer_ = nullptr;
    std::atomic<ports::LanguageModel*> llm_;
};

// The text of an activity that is analysed: its notes, and "結果: <outcome>" on a new line.
std::string ActivityNoteText(const domain::Activity& activity);

}  // namespace kyoso::app
