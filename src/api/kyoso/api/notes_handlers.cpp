#include "kyoso/api/notes_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/notes/note_analyzer.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json RangeJson(const domain::DateMention& d) {
    return {{"text", d.text},
            {"kind", d.kind},
            {"from", FormatIsoDate(d.from)},
            {"to", FormatIsoDate(d.to)},
            {"open_end", d.open_end}};
}

json StepJson(const domain::NextStep& s) {
    json dates = json::array();
    for (const auto& d : s.dates) dates.push_back(RangeJson(d));
    return {{"sentence", s.sentence},
            {"markers", s.markers},
            {"dates", std::move(dates)},
            {"due_from", s.due_from ? json(FormatIsoDate(*s.due_from)) : json(nullptr)},
            {"due_to", s.due_to ? json(FormatIsoDate(*s.due_to)) : json(nullptr)}};
}

json CueJson(const domain::BudgetCue& c) {
    return {{"phrase", c.phrase},
            {"category", c.category},
            {"polarity", c.polarity},
            {"label", c.label_ja},
            {"sentence", c.sentence}};
}

json KeywordsJson(const std::vector<app::NoteKeyword>& keywords) {
    json out = json::array();
    for (const auto& k : keywords) out.push_back({{"term", k.term}, {"count", k.count}, {"score", k.score}});
    return out;
}

json TagsJson(const std::vector<domain::PolicyTag>& tags) {
    json out = json::array();
    for (const auto& t : tags) out.push_back({{"tag", t.tag}, {"keywords", t.keywords}, {"hits", t.hits}});
    return out;
}

}  // namespace

json NoteAnalysisJson(const app::NoteAnalysis& a) {
    json dates = json::array();
    for (const auto& d : a.dates) dates.push_back(RangeJson(d));
    json steps = json::array();
    for (const auto& s : a.next_steps) steps.push_back(StepJson(s));
    json cues = json::array();
    for (const auto& c : a.budget_cues) cues.push_back(CueJson(c));
    return {{"date", FormatIsoDate(a.date)},  {"keywords", KeywordsJson(a.keywords)},
            {"dates", std::move(dates)},      {"next_steps", std::move(steps)},
            {"budget_cues", std::move(cues)}, {"budget_signal", a.budget_signal},
            {"tags", TagsJson(a.tags)},       {"tokenizer", a.tokenizer}};
}

json DealNotesAnalysisJson(const app::DealNotesAnalysis& d) {
    json cues = json::array();
    for (const auto& c : d.budget_cues) {
        json one = CueJson(c.cue);
        one["activity_id"] = c.activity_id;
        one["occurred_on"] = FormatIsoDate(c.occurred_on);
        cues.push_back(std::move(one));
    }
    json steps = json::array();
    for (const auto& s : d.next_steps) {
        json one = StepJson(s.step);
        one["activity_id"] = s.activity_id;
        one["occurred_on"] = FormatIsoDate(s.occurred_on);
        one["upcoming"] = s.upcoming;
        steps.push_back(std::move(one));
    }
    return {{"deal_id", d.deal_id},
            {"activities", d.activities},
            {"with_text", d.with_text},
            {"budget_signal", d.budget_signal},
            {"budget_cues", std::move(cues)},
            {"next_steps", std::move(steps)},
            {"keywords", KeywordsJson(d.keywords)},
            {"tags", TagsJson(d.tags)},
            {"tokenizer", d.tokenizer}};
}

namespace {

// {text} or {deal_id} (exactly one) of an LLM request; a deal must be readable.
struct LlmInput {
    std::string text;
    long long deal_id = 0;
};
Result<LlmInput> ReadLlmInput(const httplib::Request& req, app::AccessGuard& guard) {
    BodyReader body(req.body, {"text", "deal_id"});
    auto text = body.String("text", false);
    auto deal = body.Int("deal_id", false);
    if (body.parsed() && !text && !deal) body.AddError("text", "required: the note text, or give deal_id");
    if (text && deal) body.AddError("deal_id", "give either text or deal_id, not both");
    if (Status st = body.Finish(); !st.ok()) return st;
    LlmInput in;
    if (text) in.text = *text;
    if (deal) {
        if (*deal <= 0) return InvalidArgument("invalid deal_id", {{"deal_id", "a positive deal id"}});
        if (Status st = guard.CanReadDeal(CurrentPrincipal(), *deal); !st.ok()) return st;
        in.deal_id = *deal;
    }
    return in;
}

}  // namespace

void RegisterNotesRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.notes) return;
    app::NoteAnalyzer& notes = *services.notes;
    app::AccessGuard& guard = *services.guard;

    server.Get("/api/notes/status",
               wrap("/api/notes/status", [&notes](const httplib::Request&, httplib::Response& res) {
                   SendJson(res, 200,
                            {{"llm",
                              {{"configured", notes.llm_configured()},
                               {"model", notes.llm_configured() ? json(notes.llm_model()) : json(nullptr)}}},
                             {"max_text_bytes", app::kMaxNoteBytes}});
               }));

    server.Post("/api/notes/analyze",
                wrap("/api/notes/analyze", [&notes](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"text", "date"});
                    auto text = body.String("text", true);
                    auto date_text = body.String("date", false);
                    std::optional<Date> date;
                    if (date_text) {
                        date = ParseIsoDate(*date_text);
                        if (!date) body.AddError("date", "a date YYYY-MM-DD");
                    }
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto analysis = notes.Analyze(*text, date ? *date : notes.Today());
                    if (!analysis.ok()) return SendError(res, analysis.status());
                    SendJson(res, 200, NoteAnalysisJson(*analysis));
                }));

    server.Get(
        R"(/api/activities/(\d+)/analysis)",
        wrap("/api/activities/{id}/analysis", [&notes, &guard](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "activity");
            if (!id.ok()) return SendError(res, id.status());
            auto a = notes.AnalyzeActivity(*id);
            if (!a.ok()) return SendError(res, a.status());
            if (!guard.SearchHitVisible(CurrentPrincipal(), "activity", std::to_string(*id))) {
                return SendError(res, PermissionDenied("activity " + std::to_string(*id) + " is not shared with you"));
            }
            json body = NoteAnalysisJson(a->analysis);
            body["activity_id"] = a->activity.id;
            body["deal_id"] = IdOrNull(a->activity.deal_id);
            body["text"] = a->text;
            SendJson(res, 200, body);
        }));

    server.Get(
        R"(/api/deals/(\d+)/notes-analysis)",
        wrap("/api/deals/{id}/notes-analysis", [&notes, &guard](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "deal");
            if (!id.ok()) return SendError(res, id.status());
            if (Status st = guard.CanReadDeal(CurrentPrincipal(), *id); !st.ok()) {
                return SendError(res, st);
            }
            auto d = notes.AnalyzeDeal(*id);
            if (!d.ok()) return SendError(res, d.status());
            SendJson(res, 200, DealNotesAnalysisJson(*d));
        }));

    server.Post("/api/notes/summarize",
                wrap("/api/notes/summarize", [&notes, &guard](const httplib::Request& req, httplib::Response& res) {
                    auto in = ReadLlmInput(req, guard);  // a bad request is 400 with or without an LLM
                    if (!in.ok()) return SendError(res, in.status());
                    auto summary = notes.Summarise(in->text, in->deal_id);
                    if (!summary.ok()) return SendError(res, summary.status());
                    SendJson(res, 200, {{"summary", *summary}, {"model", notes.llm_model()}});
                }));

    server.Post("/api/notes/draft-mail",
                wrap("/api/notes/draft-mail", [&notes, &guard](const httplib::Request& req, httplib::Response& res) {
                    auto in = ReadLlmInput(req, guard);  // a bad request is 400 with or without an LLM
                    if (!in.ok()) return SendError(res, in.status());
                    auto mail = notes.DraftFollowUpMail(in->text, in->deal_id, CurrentPrincipal().name);
                    if (!mail.ok()) return SendError(res, mail.status());
                    SendJson(res, 200, {{"draft", *mail}, {"model", notes.llm_model()}});
                }));
}

}  // namespace kyoso::api
