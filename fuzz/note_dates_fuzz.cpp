// Fuzz target: Japanese date expressions, budget cues, tags and next steps of a sales
// note (domain/notes). The first two bytes pick the note date (days from 2019-01-01).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kyoso/domain/notes/note_cues.hpp"
#include "kyoso/domain/notes/note_dates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const int offset = (data[0] << 8 | data[1]) % 4000;
    const kyoso::Date note = kyoso::AddDays(kyoso::MakeDate(2019, 1, 1), offset);
    const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
    const std::string normalised = kyoso::domain::NormalizeNoteText(text);
    size_t previous_end = 0;
    for (const auto& m : kyoso::domain::FindDateMentions(text, note)) {
        if (!m.from.ok() || !m.to.ok() || m.to < m.from) __builtin_trap();  // a range, ordered
        if (m.begin < previous_end || m.end <= m.begin || m.end > normalised.size()) __builtin_trap();
        if (normalised.substr(m.begin, m.end - m.begin) != m.text) __builtin_trap();
        previous_end = m.end;
    }
    for (const auto& step : kyoso::domain::FindNextSteps(text, note)) {
        if (step.due_from && (!step.due_to || *step.due_to < *step.due_from)) __builtin_trap();
    }
    for (const auto& cue : kyoso::domain::FindBudgetCues(text)) {
        if (cue.polarity.empty() || cue.phrase.empty()) __builtin_trap();
    }
    (void)kyoso::domain::FindPolicyTags(text);
    return 0;
}
