#include "kyoso/app/deal/deal_service.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/catalog/references.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/app/compliance/contact_log_service.hpp"
#include "kyoso/app/deal/deal_filters.hpp"
#include "kyoso/domain/fiscal/fiscal_calendar.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

using domain::Stage;

constexpr size_t kMaxNotesBytes = 20'000;
constexpr size_t kMaxShortTextBytes = 2'000;

Status FieldErrors(std::vector<ErrorDetail> details) {
    std::string message = "invalid request: " + details.front().field + ": " + details.front().message;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more)";
    return InvalidArgument(std::move(message), std::move(details));
}

bool After(Date a, Date b) { return std::chrono::sys_days{a} > std::chrono::sys_days{b}; }

// The deal as recorded in the audit trail.
std::string DealJson(const domain::Deal& d) {
    AuditJson j;
    j.Int("id", d.id).Str("government_code", d.government_code).Int("product_id", d.product_id);
    j.Int("owner_id", d.owner_id).Int("champion_id", d.champion_id).Str("title", d.title).Int("amount", d.amount);
    j.Int("fiscal_year", d.fiscal_year).Str("stage", domain::StageSlug(d.stage));
    j.Str("procurement", domain::ProcurementSlug(d.procurement));
    j.Str("budget_status", domain::BudgetStatusSlug(d.budget_status)).Str("created_on", FormatIsoDate(d.created_on));
    j.Str("closed_on", d.closed_on ? FormatIsoDate(*d.closed_on) : "");
    j.Str("lost_reason", d.lost_reason).Str("competitor", d.competitor).OptInt("award_amount", d.award_amount);
    j.OptInt("budget_amount", d.budget_amount).Str("notice_url", d.notice_url);
    j.Int("carried_from_deal_id", d.carried_from_deal_id).Int("carried_to_deal_id", d.carried_to_deal_id);
    j.Bool("needs_follow_up", d.needs_follow_up)
        .Int("department_id", d.department_id)
        .Str("external_id", d.external_id);
    return j.str();
}

std::string IdsJson(const std::vector<long long>& ids) {
    std::string out = "[";
    for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
    return out + "]";
}

std::string ActivityJson(const domain::Activity& a, const ports::ActivityParticipants& p = {}) {
    AuditJson j;
    j.Int("id", a.id).Str("type", domain::ActivityTypeSlug(a.type)).Str("occurred_on", FormatIsoDate(a.occurred_on));
    j.Str("government_code", a.government_code).Int("user_id", a.user_id).Int("official_id", a.official_id);
    j.Int("deal_id", a.deal_id).Str("notes", a.notes).Str("outcome", a.outcome).Str("occurred_at", a.occurred_at);
    j.Raw("participant_user_ids", IdsJson(p.user_ids)).Raw("participant_official_ids", IdsJson(p.official_ids));
    return j.str();
}

std::string DealSortValue(const domain::Deal& d, const std::string& field) {
    if (field == "amount") return std::to_string(d.amount);
    if (field == "fiscal_year") return std::to_string(d.fiscal_year);
    if (field == "created_on") return FormatIsoDate(d.created_on);
    if (field == "title") return d.title;
    return std::to_string(d.id);
}

// "HH:MM", 00:00-23:59.
bool IsClockTime(const std::string& t) {
    auto digit = [&](size_t i) { return t[i] >= '0' && t[i] <= '9'; };
    if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) return false;
    return (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

constexpr size_t kMaxParticipants = 50;

}  // namespace

std::string DealAuditJson(const domain::Deal& deal) { return DealJson(deal); }

Result<DealListResult> DealService::List(const ListParams& params, const ports::Visibility& visible) {
    KYOSO_RETURN_IF_ERROR(
        CheckKnownParams(params, {"government", "stage", "fiscal_year", "owner", "product", "kind", "prefecture",
                                  "status", "limit", "cursor", "sort", "order", "fields"}));
    // The members of a deal in the API, selectable with `fields`.
    static const std::vector<std::string> kSelectable = Split(
        "id,government_code,department_id,product_id,owner_id,champion_id,title,amount,fiscal_year,"
        "fiscal_year_label,stage,stage_label,procurement_method,budget_status,created_on,closed_on,lost_reason,"
        "competitor,award_amount,budget_amount,notice_url,carried_from_deal_id,carried_to_deal_id,needs_follow_up,"
        "external_id,government_name,prefecture_code,government_kind,product_name,owner_name",
        ',');
    auto options =
        ParseListOptions(params, "deals", {"id", "amount", "fiscal_year", "created_on", "title"}, kSelectable);
    if (!options.ok()) return options.status();
    ports::DealQuery q;
    q.visible = visible;
    q.sort = options->sort;
    KYOSO_RETURN_IF_ERROR(ParseDealFilters(params, q));
    if (auto it = params.find("limit"); it != params.end()) {
        auto n = ParseInt(it->second);
        if (!n || *n < 1 || *n > 500) {
            return ParamError("limit", "must be an integer from 1 to 500, got '" + it->second + "'");
        }
        q.limit = static_cast<int>(*n);
    }
    auto page = store_.deals().List(q);
    if (!page.ok()) return page.status();
    DealListResult out;
    out.total = page->total;
    out.fields = options->fields;
    if (page->has_more && !page->items.empty()) {
        const auto& last = page->items.back().deal;
        out.next_cursor = MakeListCursor("deals", q.sort, DealSortValue(last, q.sort.field), last.id);
    }
    out.items = std::move(page->items);
    return out;
}

Result<DealDetail> DealService::Get(long long deal_id) {
    auto deal = store_.deals().Get(deal_id);
    if (!deal.ok()) return deal.status();
    auto history = store_.deals().History(deal_id);
    if (!history.ok()) return history.status();
    auto activities = store_.deals().ActivitiesOfDeal(deal_id);
    if (!activities.ok()) return activities.status();
    auto items = store_.deals().LineItems(deal_id);
    if (!items.ok()) return items.status();
    auto team = store_.deals().Team(deal_id);
    if (!team.ok()) return team.status();
    auto fields = CustomFieldsOf(store_, domain::CustomFieldEntity::kDeal, std::to_string(deal_id));
    if (!fields.ok()) return fields.status();
    auto participants = store_.deals().ParticipantsOfDeal(deal_id);
    if (!participants.ok()) return participants.status();
    auto names = store_.deals().Names(deal_id);
    if (!names.ok()) return names.status();
    return DealDetail{std::move(*deal),  std::move(*names), std::move(*history), std::move(*activities),
                      std::move(*items), std::move(*team),  std::move(*fields),  std::move(*participants)};
}

Result<ports::DealNames> DealService::Names(long long deal_id) { return store_.deals().Names(deal_id); }

Result<std::optional<Date>> DealService::RequestDeadlineFor(const domain::Deal& deal) {
    // The 参考見積 must reach the department before the budget requests of the year
    // before the target fiscal year are due (DOMAIN.md §2).
    auto gov = store_.governments().Get(deal.government_code);
    if (!gov.ok()) return gov.status();
    auto overrides = store_.governments().ListMilestoneOverrides(deal.government_code);
    if (!overrides.ok()) return overrides.status();
    const auto calendar =
        domain::FiscalCalendar::Build(domain::FiscalYear(deal.fiscal_year - 1), gov->kind, *overrides, business_days_);
    const domain::Milestone* deadline = calendar.Find(domain::MilestoneKind::kBudgetRequestDeadline);
    if (!deadline) return std::optional<Date>();
    return std::optional<Date>(deadline->end);
}

Result<StageMoveResult> DealService::MoveStage(long long deal_id, const StageMoveRequest& r) {
    std::vector<ErrorDetail> errors;
    const auto to = domain::StageFromSlug(r.to);
    if (!to) errors.push_back({"to", "unknown stage '" + r.to + "'"});
    if (r.actor_id <= 0) {
        errors.push_back({"actor_id", "required: the id of the user moving the deal"});
    } else {
        auto exists = store_.deals().UserExists(r.actor_id);
        if (!exists.ok()) return exists.status();
        if (!*exists) errors.push_back({"actor_id", "no user with id " + std::to_string(r.actor_id)});
    }
    if (r.award_amount && *r.award_amount < 0) errors.push_back({"award_amount", "must not be negative"});
    if (r.budget_amount && *r.budget_amount <= 0) errors.push_back({"budget_amount", "must be positive"});
    if (r.note.size() > kMaxNotesBytes) errors.push_back({"note", "at most 20,000 bytes"});
    for (auto [name, text] :
         {std::pair{"lost_reason", &r.lost_reason}, {"competitor", &r.competitor}, {"notice_url", &r.notice_url}}) {
        if (*text && (*text)->size() > kMaxShortTextBytes) errors.push_back({name, "at most 2,000 bytes"});
    }
    if (!errors.empty()) return FieldErrors(std::move(errors));

    auto deal = store_.deals().Get(deal_id);
    if (!deal.ok()) return deal.status();
    KYOSO_RETURN_IF_ERROR(domain::CheckTransition(deal->stage, *to));

    domain::StageEvidence evidence;
    auto activities = store_.deals().ActivitiesOfDeal(deal_id);
    if (!activities.ok()) return activities.status();
    evidence.activities = std::move(*activities);
    const auto& required = policy_.For(*to);
    if (std::find(required.begin(), required.end(), domain::EvidenceKind::kReferenceQuoteBeforeDeadline) !=
        required.end()) {
        auto deadline = RequestDeadlineFor(*deal);
        if (!deadline.ok()) return deadline.status();
        evidence.budget_request_deadline = *deadline;
    }
    evidence.note = r.note;
    evidence.budget_amount = r.budget_amount ? r.budget_amount : deal->budget_amount;
    evidence.notice_url = r.notice_url.value_or(deal->notice_url);
    evidence.lost_reason = r.lost_reason.value_or(deal->lost_reason);
    evidence.competitor = r.competitor.value_or(deal->competitor);
    evidence.award_amount = r.award_amount ? r.award_amount : deal->award_amount;
    auto missing = domain::MissingEvidence(*to, policy_, evidence);
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m.field;
        return Status(
            ErrorCode::kFailedPrecondition,
            "cannot enter " + std::string(domain::StageLabelJa(*to)) + " (" + r.to + ") without its evidence: " + list,
            std::move(missing));
    }

    const Date today = clock_.Today();
    ports::StageMove move;
    move.deal_id = deal_id;
    move.from = deal->stage;
    move.to = *to;
    move.moved_by = r.actor_id;
    move.moved_on = today;
    move.note = r.note;
    if (domain::IsClosed(*to)) move.closed_on = today;
    move.lost_reason = r.lost_reason;
    move.competitor = r.competitor;
    move.award_amount = r.award_amount;
    move.budget_amount = r.budget_amount;
    move.notice_url = r.notice_url;

    StageMoveResult result;
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.deals().MoveStage(move));
        if (*to == Stage::kDeferred) {
            domain::Deal next;
            next.government_code = deal->government_code;
            next.product_id = deal->product_id;
            next.owner_id = deal->owner_id;
            next.champion_id = deal->champion_id;
            next.title = deal->title;
            next.amount = deal->amount;
            next.fiscal_year = deal->fiscal_year + 1;
            next.stage = Stage::kDiscovery;
            next.procurement = deal->procurement;
            next.budget_status = domain::BudgetStatus::kNone;
            next.created_on = today;
            next.carried_from_deal_id = deal_id;
            auto id = store_.deals().InsertDeal(next);
            if (!id.ok()) return id.status();
            KYOSO_RETURN_IF_ERROR(store_.deals().LinkCarryOver(deal_id, *id));
            auto stored = store_.deals().Get(*id);
            if (!stored.ok()) return stored.status();
            result.carried_over = std::move(*stored);
        }
        auto moved = store_.deals().Get(deal_id);
        if (!moved.ok()) return moved.status();
        result.deal = std::move(*moved);
        const std::string actor = UserActor(r.actor_id);
        const std::string after = AuditJson()
                                      .Raw("deal", DealJson(result.deal))
                                      .Str("from", domain::StageSlug(move.from))
                                      .Str("to", domain::StageSlug(move.to))
                                      .Str("note", move.note)
                                      .str();
        KYOSO_RETURN_IF_ERROR(
            audit_.Append({actor, "deal.move_stage", "deal", std::to_string(deal_id), DealJson(*deal), after}));
        if (result.carried_over) {
            KYOSO_RETURN_IF_ERROR(
                audit_.Append({actor, "deal.carry_over", "deal", std::to_string(result.carried_over->id), "",
                               DealJson(*result.carried_over)}));
        }
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return result;
}

Result<LoggedActivity> DealService::LogActivity(const ActivityRequest& r) {
    std::vector<ErrorDetail> errors;
    domain::Activity a;
    if (auto type = domain::ActivityTypeFromSlug(r.type)) {
        a.type = *type;
    } else {
        errors.push_back({"type", "unknown activity type '" + r.type +
                                      "' (visit, call, email, online_meeting, seminar, demo, reference_quote, "
                                      "proposal, bid)"});
    }
    const Date today = clock_.Today();
    if (auto date = ParseIsoDate(r.occurred_on)) {
        if (After(*date, today)) {
            errors.push_back({"occurred_on", "is in the future (today is " + FormatIsoDate(today) + ")"});
        }
        a.occurred_on = *date;
    } else {
        errors.push_back({"occurred_on", "must be a date YYYY-MM-DD, got '" + r.occurred_on + "'"});
    }
    auto code = domain::GovernmentCode::Parse(r.government_code);
    if (!code.ok()) {
        errors.push_back({"government_code", code.status().message()});
    } else {
        a.government_code = code->str();
        auto gov = store_.governments().Get(a.government_code);
        if (!gov.ok()) {
            if (gov.status().code() != ErrorCode::kNotFound) return gov.status();
            errors.push_back({"government_code", "no government with code " + a.government_code});
        } else if (gov->has_no_functioning_government) {
            errors.push_back({"government_code", gov->name + " has no functioning government (北方領土)"});
        }
    }
    if (r.user_id <= 0) {
        errors.push_back({"user_id", "required: the id of the user who had the contact"});
    } else {
        auto exists = store_.deals().UserExists(r.user_id);
        if (!exists.ok()) return exists.status();
        if (!*exists) errors.push_back({"user_id", "no user with id " + std::to_string(r.user_id)});
        a.user_id = r.user_id;
    }
    if (r.official_id) {
        auto gov = store_.deals().OfficialGovernment(*r.official_id);
        if (!gov.ok()) {
            if (gov.status().code() != ErrorCode::kNotFound) return gov.status();
            errors.push_back({"official_id", "no official with id " + std::to_string(*r.official_id)});
        } else if (code.ok() && *gov != code->str()) {
            errors.push_back({"official_id", "official " + std::to_string(*r.official_id) + " belongs to " + *gov +
                                                 ", not " + code->str()});
        }
        a.official_id = *r.official_id;
    }
    if (r.deal_id) {
        auto deal = store_.deals().Get(*r.deal_id);
        if (!deal.ok()) {
            if (deal.status().code() != ErrorCode::kNotFound) return deal.status();
            errors.push_back({"deal_id", "no deal with id " + std::to_string(*r.deal_id)});
        } else if (code.ok() && deal->government_code != code->str()) {
            errors.push_back({"deal_id", "deal " + std::to_string(*r.deal_id) + " belongs to " + deal->government_code +
                                             ", not " + code->str()});
        }
        a.deal_id = *r.deal_id;
    }
    if (r.notes.size() > kMaxNotesBytes) errors.push_back({"notes", "at most 20,000 bytes"});
    if (r.outcome.size() > kMaxShortTextBytes) errors.push_back({"outcome", "at most 2,000 bytes"});
    if (!r.occurred_at.empty() && !IsClockTime(r.occurred_at)) {
        errors.push_back({"occurred_at", "must be a time HH:MM (JST), got '" + r.occurred_at + "'"});
    }
    ports::ActivityParticipants participants;
    if (r.participant_user_ids.size() > kMaxParticipants || r.participant_official_ids.size() > kMaxParticipants) {
        errors.push_back({"participants", "at most 50 users and 50 officials"});
    } else {
        for (size_t i = 0; i < r.participant_user_ids.size(); ++i) {
            const long long id = r.participant_user_ids[i];
            KYOSO_RETURN_IF_ERROR(
                CheckUserRef(store_, id, "participants.user_ids[" + std::to_string(i) + "]", &errors));
            if (std::find(participants.user_ids.begin(), participants.user_ids.end(), id) ==
                participants.user_ids.end())
                participants.user_ids.push_back(id);
        }
        for (size_t i = 0; i < r.participant_official_ids.size(); ++i) {
            const long long id = r.participant_official_ids[i];
            KYOSO_RETURN_IF_ERROR(CheckOfficialRef(store_, id, code.ok() ? code->str() : "",
                                                   "participants.official_ids[" + std::to_string(i) + "]", &errors));
            if (std::find(participants.official_ids.begin(), participants.official_ids.end(), id) ==
                participants.official_ids.end())
                participants.official_ids.push_back(id);
        }
    }
    if (!errors.empty()) return FieldErrors(std::move(errors));
    a.notes = r.notes;
    a.outcome = r.outcome;
    a.occurred_at = r.occurred_at;

    LoggedActivity out;
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.deals().InsertActivity(a);
        if (!id.ok()) return id.status();
        out.id = *id;
        domain::Activity stored = a;
        stored.id = *id;
        KYOSO_RETURN_IF_ERROR(store_.deals().InsertParticipants(*id, participants));
        KYOSO_RETURN_IF_ERROR(audit_.Append({UserActor(a.user_id), "activity.log", "activity", std::to_string(*id), "",
                                             ActivityJson(stored, participants)}));
        // 接触記録: one contact log entry per official met (docs/compliance.md). Keep last:
        // participants inserted above in this transaction are included.
        return AppendActivityContacts(store_, clock_, stored);
    });
    if (!st.ok()) return st;

    auto tender = store_.deals().DealsInTender(a.government_code);
    if (!tender.ok()) return tender.status();
    if (!tender->empty()) {
        std::string ids;
        for (long long id : *tender) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
        out.warnings.push_back({"blackout", "入札・公告期間中の接触です (官製談合防止法): " + a.government_code +
                                                " has deal(s) " + ids +
                                                " in tender preparation or bidding; keep contact with its officials "
                                                "to what the procedure allows and record it fully"});
    }
    if (a.official_id != 0) {
        auto official = store_.officials().Get(a.official_id);
        if (!official.ok()) return official.status();
        if (official->do_not_contact) {
            out.warnings.push_back({"do_not_contact", official->name + " (official " + std::to_string(a.official_id) +
                                                          ") is marked do-not-contact (連絡不可)"});
        }
    }
    return out;
}

}  // namespace kyoso::app
