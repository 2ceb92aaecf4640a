#include "kyoso/app/signal/signal_service.hpp"

#include <algorithm>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

constexpr size_t kTitleChars = 40;

// The first `n` characters of UTF-8 text, with "…" when cut.
std::string FirstChars(const std::string& text, size_t n) {
    size_t chars = 0, i = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == n) return text.substr(0, i) + "…";
            ++chars;
        }
    }
    return text;
}

// Fills cue, products and score of `s` from the passage; false when it is no signal.
bool Score(domain::Signal* s, const std::string& match_text, domain::SignalCue cue, std::string phrase,
           const ports::ProductMatcher* matcher) {
    double best = 0;
    if (matcher) {
        for (auto& m : matcher->Match(match_text)) {
            best = std::max(best, m.score);
            s->products.push_back({m.product_id, m.score, std::move(m.terms)});
        }
        if (s->products.empty()) return false;
    }
    s->cue = std::string(domain::SignalCueName(cue));
    s->cue_phrase = std::move(phrase);
    s->score = domain::SignalScore(cue, best);
    return true;
}

}  // namespace

std::vector<domain::Signal> ExtractSignals(const CouncilDocument& doc, const std::string& government_code,
                                           const ports::ProductMatcher* matcher, long long* passages) {
    std::vector<domain::Signal> out;
    if (doc.minutes) {
        const auto& m = *doc.minutes;
        for (const auto& schedule : m.schedules) {
            const std::string date = schedule.date ? FormatIsoDate(*schedule.date) : "";
            for (const auto& speech : schedule.speeches) {
                const auto side = domain::ClassifySpeaker(speech.type, speech.role);
                if (side == domain::SpeakerSide::kOther) continue;
                const auto pieces = domain::SplitPassages(speech.body);
                for (size_t p = 0; p < pieces.size(); ++p) {
                    if (passages) ++*passages;
                    auto cue = domain::ClassifyCue(pieces[p], side);
                    if (!cue) continue;
                    domain::Signal s;
                    s.government_code = government_code;
                    s.source_kind = "minutes";
                    s.session = m.session;
                    s.spoken_on = date;
                    s.speaker = speech.speaker;
                    s.role = speech.role;
                    s.passage = pieces[p];
                    s.source_url = m.source_url;
                    s.source_ref = "minutes:" + std::to_string(m.council_id) + ":" +
                                   std::to_string(schedule.schedule_id) + ":" + std::to_string(speech.speech_id) + ":" +
                                   std::to_string(p);
                    if (Score(&s, pieces[p], cue->cue, cue->phrase, matcher)) out.push_back(std::move(s));
                }
            }
        }
    }
    if (doc.questions) {
        const auto& n = *doc.questions;
        for (const auto& q : n.questions) {
            for (size_t i = 0; i < q.items.size(); ++i) {
                const auto& item = q.items[i];
                if (passages) ++*passages;
                std::string text = item.title;
                for (const auto& d : item.details) text += "\n" + d;
                domain::Signal s;
                s.government_code = government_code;
                s.source_kind = "question";
                s.session = n.session;
                s.speaker = q.member_name;
                s.role = "一般質問通告";
                s.passage = text;
                s.source_url = n.source_url;
                s.source_ref = "question:" + n.session + ":" + std::to_string(q.order) + ":" + std::to_string(i);
                if (Score(&s, text, domain::SignalCue::kNeed, "", matcher)) out.push_back(std::move(s));
            }
        }
    }
    return out;
}

std::string SignalAuditJson(const domain::Signal& s) {
    AuditJson j;
    j.Int("id", s.id).Str("government_code", s.government_code).Str("source_kind", s.source_kind);
    j.Str("session", s.session).Str("spoken_on", s.spoken_on).Str("speaker", s.speaker).Str("role", s.role);
    j.Str("cue", s.cue).Str("source_ref", s.source_ref).Int("lead_id", s.lead_id).Bool("dismissed", s.dismissed);
    return j.str();
}

Result<SignalImportSummary> SignalService::Import(const std::string& government_code,
                                                  const std::vector<SignalSourceFile>& files, const std::string& actor,
                                                  ports::ProgressSink& progress) {
    auto code = domain::GovernmentCode::Parse(government_code);
    if (!code.ok()) return InvalidArgument("invalid government", {{"government_code", code.status().message()}});
    if (auto gov = store_.governments().Get(code->str()); !gov.ok()) {
        if (gov.status().code() == ErrorCode::kNotFound) {
            return InvalidArgument("invalid government", {{"government_code", "no government " + code->str()}});
        }
        return gov.status();
    }
    if (files.empty()) return InvalidArgument("nothing to import", {{"files", "give at least one file"}});
    if (!reader_) return FailedPrecondition("no council file reader configured");
    SignalImportSummary summary;
    std::vector<CouncilDocument> docs;
    for (size_t i = 0; i < files.size(); ++i) {
        auto doc = reader_(files[i].bytes, files[i].name);
        if (!doc.ok()) return doc.status();
        if (doc->minutes) {
            for (const auto& s : doc->minutes->schedules) summary.speeches += static_cast<long long>(s.speeches.size());
        }
        if (doc->questions) {
            for (const auto& q : doc->questions->questions) summary.speeches += static_cast<long long>(q.items.size());
        }
        docs.push_back(std::move(*doc));
        progress.Report("read", static_cast<long long>(i + 1), static_cast<long long>(files.size()));
    }
    summary.files = static_cast<long long>(files.size());
    std::shared_ptr<const ports::ProductMatcher> matcher;
    if (matchers_) {
        auto m = matchers_();
        if (!m.ok()) return m.status();
        matcher = *m;
    }
    summary.matched = matcher != nullptr;
    std::vector<domain::Signal> signals;
    for (size_t i = 0; i < docs.size(); ++i) {
        auto found = ExtractSignals(docs[i], code->str(), matcher.get(), &summary.passages);
        for (auto& s : found) signals.push_back(std::move(s));
        progress.Report("extract", static_cast<long long>(i + 1), static_cast<long long>(docs.size()));
    }
    summary.signals = static_cast<long long>(signals.size());
    for (const auto& s : signals) ++summary.by_cue[s.cue];
    Status st = store_.InTransaction([&]() -> Status {
        summary.inserted = 0;
        for (size_t i = 0; i < signals.size(); ++i) {
            auto id = store_.signals().InsertIfNew(signals[i]);
            if (!id.ok()) return id.status();
            if (*id) ++summary.inserted;
            if ((i + 1) % 100 == 0 || i + 1 == signals.size()) {
                progress.Report("store", static_cast<long long>(i + 1), static_cast<long long>(signals.size()));
            }
        }
        AuditJson j;
        j.Str("government_code", code->str()).Int("files", summary.files).Int("speeches", summary.speeches);
        j.Int("signals", summary.signals).Int("inserted", summary.inserted);
        return audit_.Append({actor, "signal.import", "signal", "", "", j.str()});
    });
    if (!st.ok()) return st;
    return summary;
}

Result<SignalListResult> SignalService::List(const ListParams& raw) {
    KYOSO_RETURN_IF_ERROR(CheckKnownParams(
        raw, {"government", "product", "cue", "q", "from", "to", "dismissed", "sort", "order", "limit", "cursor"}));
    ListParams params = raw;
    if (!params.count("sort")) {
        params["sort"] = "spoken_on";
        if (!params.count("order")) params["order"] = "desc";
    }
    auto options = ParseListOptions(params, "signals", {"spoken_on", "id"}, {});
    if (!options.ok()) return options.status();
    ports::SignalQuery q;
    q.sort = options->sort;
    if (auto it = params.find("government"); it != params.end()) {
        auto code = domain::GovernmentCode::Parse(it->second);
        if (!code.ok()) return ParamError("government", code.status().message());
        q.government_code = code->str();
    }
    if (auto it = params.find("product"); it != params.end()) {
        auto n = ParseInt(it->second);
        if (!n || *n < 1) return ParamError("product", "must be a positive integer id, got '" + it->second + "'");
        q.product_id = *n;
    }
    if (auto it = params.find("cue"); it != params.end()) {
        if (!domain::ParseSignalCue(it->second)) {
            return ParamError("cue", "unknown cue '" + it->second + "' (commit, consider, study, negative, need)");
        }
        q.cue = it->second;
    }
    for (auto [name, target] : {std::pair{"from", &q.from}, {"to", &q.to}}) {
        if (auto it = params.find(name); it != params.end()) {
            if (!ParseIsoDate(it->second)) return ParamError(name, "must be YYYY-MM-DD, got '" + it->second + "'");
            *target = it->second;
        }
    }
    if (auto it = params.find("dismissed"); it != params.end()) {
        if (it->second != "true" && it->second != "false") {
            return ParamError("dismissed", "must be true or false, got '" + it->second + "'");
        }
        q.include_dismissed = it->second == "true";
    }
    if (auto it = params.find("limit"); it != params.end()) {
        auto n = ParseInt(it->second);
        if (!n || *n < 1 || *n > 500)
            return ParamError("limit", "must be an integer from 1 to 500, got '" + it->second + "'");
        q.limit = static_cast<int>(*n);
    }
    if (auto it = params.find("q"); it != params.end()) {
        auto hits = search_.Search({{"q", it->second}, {"types", "signal"}, {"limit", "100"}});
        if (!hits.ok()) return hits.status();
        std::vector<long long> ids;
        for (const auto& h : hits->items) {
            if (auto n = ParseInt(h.id)) ids.push_back(*n);
        }
        q.ids = std::move(ids);
    }
    auto page = store_.signals().List(q);
    if (!page.ok()) return page.status();
    SignalListResult out;
    out.total = page->total;
    if (page->has_more && !page->items.empty()) {
        const auto& last = page->items.back();
        out.next_cursor =
            MakeListCursor("signals", q.sort, q.sort.field == "id" ? std::to_string(last.id) : last.spoken_on, last.id);
    }
    out.items = std::move(page->items);
    return out;
}

Result<domain::Signal> SignalService::Get(long long id) { return store_.signals().Get(id); }

Result<SignalLeadResult> SignalService::CreateLead(long long id, long long actor_id, std::optional<long long> owner_id,
                                                   const std::function<Status(LeadRequest&)>& check) {
    SignalLeadResult out;
    Status st = store_.InTransaction([&]() -> Status {
        auto signal = store_.signals().Get(id);
        if (!signal.ok()) return signal.status();
        if (signal->lead_id) {
            return {ErrorCode::kConflict,
                    "signal " + std::to_string(id) + " already has lead " + std::to_string(signal->lead_id)};
        }
        LeadRequest r;
        r.source = "signal";
        r.government_code = signal->government_code;
        r.title = "議会: " + FirstChars(signal->passage, kTitleChars);
        if (!signal->products.empty()) r.product_id = signal->products.front().product_id;
        r.owner_id = owner_id ? *owner_id : actor_id;
        r.actor_id = actor_id;
        std::string notes = signal->speaker + "（" + signal->role + "）" +
                            (signal->spoken_on.empty() ? "" : " " + signal->spoken_on) + " " + signal->session +
                            "\n「" + signal->passage + "」\n" + signal->source_url;
        if (!signal->products.empty() && !signal->products.front().terms.empty()) {
            notes += "\n一致した語: ";
            for (size_t t = 0; t < signal->products.front().terms.size(); ++t) {
                notes += (t ? "、" : "") + signal->products.front().terms[t];
            }
        }
        r.notes = FirstChars(notes, 6000);
        if (check) KYOSO_RETURN_IF_ERROR(check(r));
        auto lead = leads_.Create(r);
        if (!lead.ok()) return lead.status();
        KYOSO_RETURN_IF_ERROR(store_.signals().SetLead(id, lead->lead.id));
        domain::Signal after = *signal;
        after.lead_id = lead->lead.id;
        KYOSO_RETURN_IF_ERROR(audit_.Append({UserActor(actor_id), "signal.lead", "signal", std::to_string(id),
                                             SignalAuditJson(*signal), SignalAuditJson(after)}));
        out.signal = std::move(after);
        out.lead = std::move(*lead);
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
}

Result<domain::Signal> SignalService::Dismiss(long long id, long long actor_id) {
    domain::Signal after;
    Status st = store_.InTransaction([&]() -> Status {
        auto signal = store_.signals().Get(id);
        if (!signal.ok()) return signal.status();
        KYOSO_RETURN_IF_ERROR(store_.signals().SetDismissed(id, true));
        after = *signal;
        after.dismissed = true;
        return audit_.Append({UserActor(actor_id), "signal.dismiss", "signal", std::to_string(id),
                              SignalAuditJson(*signal), SignalAuditJson(after)});
    });
    if (!st.ok()) return st;
    return after;
}

}  // namespace kyoso::app
