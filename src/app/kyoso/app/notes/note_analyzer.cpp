#include "kyoso/app/notes/note_analyzer.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "kyoso/domain/intel/signal.hpp"

namespace kyoso::app {

namespace {

Status CheckText(std::string_view text) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return InvalidArgument("text is empty", {{"text", "required: the note to analyse"}});
    }
    if (text.size() > kMaxNoteBytes) {
        return InvalidArgument("text is too long", {{"text", "at most " + std::to_string(kMaxNoteBytes) + " bytes"}});
    }
    return Status::Ok();
}

std::vector<NoteKeyword> RankKeywords(const std::map<std::string, std::pair<int, size_t>>& counts, size_t limit) {
    std::vector<std::pair<size_t, NoteKeyword>> ranked;  // first occurrence, keyword
    for (const auto& [term, value] : counts) {
        const auto chars = static_cast<double>(domain::CharCount(term));
        ranked.push_back({value.second, {term, value.first, value.first * std::sqrt(chars)}});
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        if (a.second.score != b.second.score) return a.second.score > b.second.score;
        return a.first < b.first;
    });
    std::vector<NoteKeyword> out;
    for (auto& [first, k] : ranked) {
        if (out.size() >= limit) break;
        out.push_back(std::move(k));
    }
    return out;
}

// Words every sales note has (the matcher's stop words are not enough for notes):
// left out of the keywords.
bool NoteStopWord(std::string_view term) {
    static const std::set<std::string_view> kWords = {
        "確認", "打合せ", "打ち合わせ", "訪問", "設定", "説明", "提出", "継続",       "面談", "送付", "結果", "次回",
        "予定", "連絡",   "相談",       "話題", "資料", "本日", "今回", "ヒアリング", "案内", "共有", "済",   "方向"};
    return kWords.count(term) > 0;
}

std::string Unconfigured() { return "LLM not configured: an administrator sets llm-url (docs/ml.md)"; }

}  // namespace

namespace {

// The whole activity (GetActivity gives only its deal, author and government): the
// first activity with id ≥ activity_id of that government and author, in id order.
Result<domain::Activity> FullActivity(ports::Store& store, long long activity_id) {
    auto head = store.deals().GetActivity(activity_id);
    if (!head.ok()) return head.status();
    ports::ActivityQuery q;
    q.government_code = head->government_code;
    q.user_id = head->user_id;
    q.limit = 1;
    q.sort.field = "id";
    q.sort.descending = false;
    q.sort.after_value = std::to_string(activity_id - 1);
    q.sort.after_id = activity_id - 1;
    auto page = store.deals().ListActivities(q);
    if (!page.ok()) return page.status();
    if (page->items.empty() || page->items[0].activity.id != activity_id) {
        return NotFound("activity " + std::to_string(activity_id));
    }
    return page->items[0].activity;
}

}  // namespace

std::string ActivityNoteText(const domain::Activity& activity) {
    std::string text = activity.notes;
    if (!activity.outcome.empty()) {
        if (!text.empty()) text += "\n";
        text += "結果: " + activity.outcome;
    }
    return text;
}

const ports::Tokenizer* NoteAnalyzer::Tokenizer() const {
    std::call_once(tokenizer_once_, [this] { tokenizer_ = tokenizer_source_ ? tokenizer_source_() : nullptr; });
    return tokenizer_;
}

std::vector<NoteKeyword> NoteAnalyzer::Keywords(const std::vector<std::string>& texts, size_t limit) const {
    const ports::Tokenizer* tokenizer = Tokenizer();
    if (!tokenizer) return {};
    std::map<std::string, std::pair<int, size_t>> counts;  // term → count, first position
    size_t position = 0;
    for (const auto& text : texts) {
        tokenizer->ForEachTerm(text, [&](std::string_view term) {
            // Single ASCII characters and bare numbers are not keywords.
            if (term.size() < 2 || term.find_first_not_of("0123456789.,") == std::string_view::npos) return;
            if (NoteStopWord(term)) return;
            auto [it, inserted] = counts.try_emplace(std::string(term), 0, position);
            ++it->second.first;
            ++position;
        });
    }
    return RankKeywords(counts, limit);
}

Result<NoteAnalysis> NoteAnalyzer::Analyze(std::string_view text, Date date) const {
    if (Status st = CheckText(text); !st.ok()) return st;
    if (!date.ok()) return InvalidArgument("invalid date", {{"date", "YYYY-MM-DD"}});
    NoteAnalysis out;
    out.date = date;
    out.tokenizer = Tokenizer() != nullptr;
    out.keywords = Keywords({std::string(text)}, 10);
    out.dates = domain::FindDateMentions(text, date);
    out.next_steps = domain::FindNextSteps(text, date);
    out.budget_cues = domain::FindBudgetCues(text);
    out.budget_signal = domain::BudgetSignal(out.budget_cues);
    out.tags = domain::FindPolicyTags(text);
    return out;
}

Result<ActivityNoteAnalysis> NoteAnalyzer::AnalyzeActivity(long long activity_id) const {
    if (!store_) return FailedPrecondition("no database: only a text can be analysed");
    auto activity = FullActivity(*store_, activity_id);
    if (!activity.ok()) return activity.status();
    ActivityNoteAnalysis out;
    out.activity = *activity;
    out.text = ActivityNoteText(*activity);
    if (out.text.empty()) {  // nothing written: an empty analysis, not an error
        out.analysis.date = activity->occurred_on;
        out.analysis.tokenizer = Tokenizer() != nullptr;
        out.analysis.budget_signal = "none";
        return out;
    }
    if (out.text.size() > kMaxNoteBytes) out.text.resize(kMaxNoteBytes);
    auto analysis = Analyze(out.text, activity->occurred_on);
    if (!analysis.ok()) return analysis.status();
    out.analysis = std::move(*analysis);
    return out;
}

Result<std::vector<ActivityNoteAnalysis>> NoteAnalyzer::DealActivities(long long deal_id) const {
    if (!store_) return FailedPrecondition("no database: only a text can be analysed");
    auto deal = store_->deals().Get(deal_id);
    if (!deal.ok()) return deal.status();
    auto activities = store_->deals().ActivitiesOfDeal(deal_id);
    if (!activities.ok()) return activities.status();
    std::vector<ActivityNoteAnalysis> out;
    for (const auto& a : *activities) {
        ActivityNoteAnalysis one;
        one.activity = a;
        one.text = ActivityNoteText(a);
        out.push_back(std::move(one));
    }
    return out;
}

Result<DealNotesAnalysis> NoteAnalyzer::AnalyzeDeal(long long deal_id) const {
    auto activities = DealActivities(deal_id);
    if (!activities.ok()) return activities.status();
    DealNotesAnalysis out;
    out.deal_id = deal_id;
    out.activities = static_cast<long long>(activities->size());
    out.tokenizer = Tokenizer() != nullptr;
    const Date today = clock_.Today();
    std::vector<domain::BudgetCue> all_cues;  // oldest first, for the signal
    std::vector<std::string> texts;
    std::map<std::string, domain::PolicyTag> tags;
    std::vector<std::string> tag_order;
    for (const auto& a : *activities) {  // oldest first
        if (a.text.empty()) continue;
        ++out.with_text;
        std::string text = a.text.substr(0, kMaxNoteBytes);
        texts.push_back(text);
        std::set<std::string> seen;
        for (auto& cue : domain::FindBudgetCues(text)) {
            if (!seen.insert(cue.phrase).second) continue;
            all_cues.push_back(cue);
            out.budget_cues.push_back({a.activity.id, a.activity.occurred_on, std::move(cue)});
        }
        for (auto& step : domain::FindNextSteps(text, a.activity.occurred_on)) {
            const bool upcoming = step.due_to && *step.due_to >= today;
            out.next_steps.push_back({a.activity.id, a.activity.occurred_on, std::move(step), upcoming});
        }
        for (auto& tag : domain::FindPolicyTags(text)) {
            auto [it, inserted] = tags.try_emplace(tag.tag, domain::PolicyTag{tag.tag, {}, 0});
            if (inserted) tag_order.push_back(tag.tag);
            it->second.hits += tag.hits;
            for (auto& k : tag.keywords) {
                if (std::find(it->second.keywords.begin(), it->second.keywords.end(), k) == it->second.keywords.end()) {
                    it->second.keywords.push_back(k);
                }
            }
        }
    }
    out.budget_signal = domain::BudgetSignal(all_cues);
    // Newest activity first; within one activity in text order.
    auto newer = [](const auto& a, const auto& b) {
        if (a.occurred_on != b.occurred_on) return a.occurred_on > b.occurred_on;
        return a.activity_id > b.activity_id;
    };
    std::stable_sort(out.budget_cues.begin(), out.budget_cues.end(), newer);
    std::stable_sort(out.next_steps.begin(), out.next_steps.end(), newer);
    out.keywords = Keywords(texts, 15);
    // Tags in the order of the policy table, then most hits first.
    for (const auto& rule : domain::PolicyTagRules()) {
        auto it = tags.find(std::string(rule.tag));
        if (it != tags.end()) out.tags.push_back(it->second);
    }
    std::stable_sort(out.tags.begin(), out.tags.end(),
                     [](const domain::PolicyTag& a, const domain::PolicyTag& b) { return a.hits > b.hits; });
    return out;
}

Result<std::string> NoteAnalyzer::Summarise(std::string_view text, long long deal_id) const {
    ports::LanguageModel* llm = llm_.load();
    if (!llm) return Unavailable(Unconfigured());
    std::vector<std::string> notes;
    if (deal_id > 0) {
        auto activities = DealActivities(deal_id);
        if (!activities.ok()) return activities.status();
        size_t bytes = 0;
        for (const auto& a : *activities) {
            if (a.text.empty()) continue;
            std::string line = FormatIsoDate(a.activity.occurred_on) + " " +
                               std::string(domain::ActivityTypeLabelJa(a.activity.type)) + ": " + a.text;
            bytes += line.size();
            notes.push_back(std::move(line));
        }
        while (bytes > kMaxNoteBytes && !notes.empty()) {  // keep the newest notes within the limit
            bytes -= notes.front().size();
            notes.erase(notes.begin());
        }
        if (notes.empty()) return FailedPrecondition("deal " + std::to_string(deal_id) + " has no notes to summarise");
    } else {
        if (Status st = CheckText(text); !st.ok()) return st;
        notes.emplace_back(text);
    }
    return llm->Summarise(notes);
}

Result<std::string> NoteAnalyzer::DraftFollowUpMail(std::string_view text, long long deal_id,
                                                    const std::string& sender_name) const {
    ports::LanguageModel* llm = llm_.load();
    if (!llm) return Unavailable(Unconfigured());
    ports::FollowUpContext context;
    context.sender_name = sender_name;
    if (deal_id > 0) {
        auto activities = DealActivities(deal_id);  // checks the store and the deal
        if (!activities.ok()) return activities.status();
        auto deal = store_->deals().Get(deal_id);
        if (!deal.ok()) return deal.status();
        context.deal_title = deal->title;
        if (auto names = store_->deals().Names(deal_id); names.ok()) context.government_name = names->government_name;
        if (deal->champion_id > 0) {
            if (auto official = store_->officials().Get(deal->champion_id); official.ok()) {
                context.official_name = official->department + " " + official->name + " " + official->title;
            }
        }
        auto analysis = AnalyzeDeal(deal_id);
        if (!analysis.ok()) return analysis.status();
        for (const auto& s : analysis->next_steps) {
            if (!s.upcoming) continue;
            std::string line = s.step.sentence;
            if (s.step.due_from) {
                line += "（" + FormatIsoDate(*s.step.due_from) + "〜" + FormatIsoDate(*s.step.due_to) + "）";
            }
            context.next_steps.push_back(std::move(line));
        }
        size_t bytes = 0;
        for (auto it = activities->rbegin(); it != activities->rend() && context.notes.size() < 5; ++it) {
            if (it->text.empty() || bytes + it->text.size() > kMaxNoteBytes) continue;
            bytes += it->text.size();
            context.notes.insert(context.notes.begin(), FormatIsoDate(it->activity.occurred_on) + ": " + it->text);
        }
        if (context.notes.empty()) {
            return FailedPrecondition("deal " + std::to_string(deal_id) + " has no notes to draft a mail from");
        }
    } else {
        if (Status st = CheckText(text); !st.ok()) return st;
        context.notes.emplace_back(text);
        for (const auto& s : domain::FindNextSteps(text, clock_.Today())) context.next_steps.push_back(s.sentence);
    }
    return llm->DraftFollowUpMail(context);
}

}  // namespace kyoso::app
