#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"

namespace kyoso::domain {

// Signals before the tender (docs/intel.md): passages of council minutes, 一般質問
// notices and budget text that announce a need or a commitment, graded by cue.

// Who is speaking, from the speech type and role of the minutes.
enum class SpeakerSide {
    kMember,     // a council member (質問; role "19番")
    kExecutive,  // 市長, 副市長, 教育長, any 部長/局長/課長/室長/消防長, 監査委員 (答弁)
    kOther,      // the chair (議長, 副議長), agenda lines, the roll
};

// The side of a speech: type 答弁 or an executive role is the executive; type 質問 or a
// seat number ("19番", "６番") a member; everything else other.
SpeakerSide ClassifySpeaker(std::string_view type, std::string_view role);

// The cue of a passage, strongest first for answers: commit > consider > study >
// negative. need = a member asking for something (a question's proposal).
enum class SignalCue { kCommit, kConsider, kStudy, kNegative, kNeed };

// "commit", "consider", "study", "negative", "need".
std::string_view SignalCueName(SignalCue cue);
// Parses a name of SignalCueName; nullopt for anything else.
std::optional<SignalCue> ParseSignalCue(std::string_view name);
// The cue's weight in a signal's score (commit 1.0, consider 0.7, need 0.6, study 0.4,
// negative 0.1).
double SignalCueWeight(SignalCue cue);

// One phrase of the cue table: the phrase, its cue and who may say it.
struct CueRule {
    std::string_view phrase;
    SignalCue cue;
    SpeakerSide side;
};
// The whole table (docs/intel.md lists it).
const std::vector<CueRule>& CueRules();

struct CueMatch {
    SignalCue cue;
    std::string phrase;  // the table phrase found
};

// The cue of a passage spoken by `side`: of the table phrases for that side found in
// the passage, the one ending last wins (a Japanese answer states its conclusion at the
// end: 「…考えておりませんが、研究してまいります」 is study); on the same end the
// stronger cue. nullopt when none is found or the side is kOther.
std::optional<CueMatch> ClassifyCue(std::string_view passage, SpeakerSide side);

// Passage length bounds in characters (code points).
inline constexpr size_t kMinPassageChars = 20;
inline constexpr size_t kMaxPassageChars = 300;

// Splits a speech body into passages: paragraphs (lines) with the minutes' 全角
// indentation and stage directions (〔…〕 lines) removed; a paragraph longer than
// kMaxPassageChars is cut after a 「。」 so each piece stays within the bound (a single
// longer sentence stays whole); pieces shorter than kMinPassageChars (「以上です。」,
// 「御答弁申し上げます。」) are dropped.
std::vector<std::string> SplitPassages(std::string_view body);

// The score of a signal from its cue and the best product match score (0 = none):
// 0.6 × cue weight + 0.4 × min(1, product_score / kProductScoreSaturation).
inline constexpr double kProductScoreSaturation = 10.0;
double SignalScore(SignalCue cue, double best_product_score);

// The code point count of UTF-8 text (continuation bytes not counted).
size_t CharCount(std::string_view text);

}  // namespace kyoso::domain

namespace kyoso::domain {

// One product a signal's passage was matched to, with the terms both shared.
struct SignalProduct {
    long long product_id = 0;
    double score = 0;
    std::vector<std::string> terms;
};

// A signal before the tender: a passage with who said it, when, its cue and the
// products it matched (docs/intel.md).
struct Signal {
    long long id = 0;
    std::string government_code;
    std::string source_kind;  // minutes, question, budget
    std::string session;      // 令和7年第3回定例会
    std::string spoken_on;    // YYYY-MM-DD, "" when the source has no date (通告)
    std::string speaker;
    std::string role;
    std::string passage;
    std::string cue;         // SignalCueName
    std::string cue_phrase;  // the table phrase found ("" for a 通告)
    std::vector<SignalProduct> products;
    double score = 0;
    std::string source_url;
    std::string source_ref;  // unique per government: re-importing skips it
    long long lead_id = 0;   // 0 = none
    bool dismissed = false;
};

// The products as stored: a JSON array [{"product_id":3,"score":1.25,"terms":["…"]}].
std::string SignalProductsJson(const std::vector<SignalProduct>& products);
// Reads what SignalProductsJson wrote; an empty list for anything else.
std::vector<SignalProduct> ParseSignalProductsJson(std::string_view json);

}  // namespace kyoso::domain
