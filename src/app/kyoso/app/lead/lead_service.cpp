#include "kyoso/app/lead/lead_service.hpp"

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/catalog/references.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/routing/routing_service.hpp"
#include "kyoso/domain/deal/deal_parts.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"
#include "kyoso/domain/government/government_code.hpp"
#include "kyoso/domain/lead/lead_status.hpp"

namespace kyoso::app {

namespace {

constexpr size_t kMaxTitleBytes = 500;
constexpr size_t kMaxNotesBytes = 20'000;
constexpr size_t kMaxExternalIdBytes = 200;

std::string SortValue(const domain::Lead& l, const std::string& field) {
    if (field == "created_on") return FormatIsoDate(l.created_on);
    if (field == "status") return l.status;
    if (field == "source") return l.source;
    return std::to_string(l.id);
}

std::string Actor(const std::optional<long long>& actor_id, long long owner_id) {
    if (actor_id) return UserActor(*actor_id);
    if (owner_id) return UserActor(owner_id);
    return std::string(kSystemActor);
}

}  // namespace

std::string LeadAuditJson(const domain::Lead& l) {
    AuditJson j;
    j.Int("id", l.id).Str("source", l.source).Str("government_code", l.government_code);
    j.Int("department_id", l.department_id).Int("official_id", l.official_id).Int("product_id", l.product_id);
    j.Int("owner_id", l.owner_id).Str("title", l.title).Str("notes", l.notes).Str("status", l.status);
    j.Str("created_on", FormatIsoDate(l.created_on)).Int("converted_deal_id", l.converted_deal_id);
    j.Str("external_id", l.external_id);
    return j.str();
}

Result<LeadListResult> LeadService::List(const ListParams& params, const ports::Visibility& visible) {
    KYOSO_RETURN_IF_ERROR(CheckKnownParams(
        params, {"government", "status", "source", "owner", "product", "sort", "order", "limit", "cursor", "fields"}));
    auto options =
        ParseListOptions(params, "leads", {"id", "created_on", "status", "source"},
                         {"id", "source", "government_code", "department_id", "official_id", "product_id", "owner_id",
                          "title", "notes", "status", "created_on", "converted_deal_id", "external_id"});
    if (!options.ok()) return options.status();
    ports::LeadQuery q;
    q.visible = visible;
    q.sort = options->sort;
    if (auto it = params.find("government"); it != params.end()) {
        auto code = domain::GovernmentCode::Parse(it->second);
        if (!code.ok()) return ParamError("government", code.status().message());
        q.government_code = code->str();
    }
    if (auto it = params.find("status"); it != params.end()) {
        if (!domain::LeadStatusFromSlug(it->second)) {
            return ParamError("status",
                              "unknown status '" + it->second + "' (new, working, qualified, disqualified, converted)");
        }
        q.status = it->second;
    }
    if (auto it = params.find("source"); it != params.end()) {
        if (!domain::IsLeadSource(it->second)) {
            return ParamError("source",
                              "unknown source '" + it->second + "' (" + std::string(domain::LeadSourceList()) + ")");
        }
        q.source = it->second;
    }
    for (auto [param, target] : {std::pair{"owner", &q.owner_id}, {"product", &q.product_id}}) {
        if (auto it = params.find(param); it != params.end()) {
            auto n = ParseInt(it->second);
            if (!n || *n < 1) return ParamError(param, "must be a positive integer id, got '" + it->second + "'");
            *target = *n;
        }
    }
    if (auto it = params.find("limit"); it != params.end()) {
        auto n = ParseInt(it->second);
        if (!n || *n < 1 || *n > 500) {
            return ParamError("limit", "must be an integer from 1 to 500, got '" + it->second + "'");
        }
        q.limit = static_cast<int>(*n);
    }
    auto page = store_.leads().List(q);
    if (!page.ok()) return page.status();
    LeadListResult out;
    out.total = page->total;
    out.fields = options->fields;
    if (page->has_more && !page->items.empty()) {
        const auto& last = page->items.back();
        out.next_cursor = MakeListCursor("leads", q.sort, SortValue(last, q.sort.field), last.id);
    }
    out.items = std::move(page->items);
    return out;
}

Result<LeadDetail> LeadService::Get(long long id) {
    auto lead = store_.leads().Get(id);
    if (!lead.ok()) return lead.status();
    auto fields = CustomFieldsOf(store_, domain::CustomFieldEntity::kLead, std::to_string(id));
    if (!fields.ok()) return fields.status();
    return LeadDetail{std::move(*lead), std::move(*fields)};
}

Result<LeadDetail> LeadService::Create(const LeadRequest& r) {
    std::vector<ErrorDetail> errors;
    if (!r.source) errors.push_back({"source", "required"});
    if (!r.government_code) errors.push_back({"government_code", "required"});
    if (!r.title) errors.push_back({"title", "required"});
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    return Save(0, r);
}

Result<LeadDetail> LeadService::Update(long long id, const LeadRequest& r) {
    if (id <= 0) return NotFound("no lead with id " + std::to_string(id));
    return Save(id, r);
}

Result<LeadDetail> LeadService::Save(long long id, const LeadRequest& r) {
    const bool creating = id == 0;
    domain::Lead before;
    if (!creating) {
        auto stored = store_.leads().Get(id);
        if (!stored.ok()) return stored.status();
        before = *stored;
    } else {
        before.status = "new";
        before.created_on = clock_.Today();
    }
    domain::Lead l = before;
    std::vector<ErrorDetail> errors;
    if (r.source) {
        if (!domain::IsLeadSource(*r.source)) {
            errors.push_back(
                {"source", "unknown source '" + *r.source + "' (" + std::string(domain::LeadSourceList()) + ")"});
        }
        l.source = *r.source;
    }
    if (r.government_code) {
        std::string code;
        KYOSO_RETURN_IF_ERROR(CheckGovernmentRef(store_, *r.government_code, "government_code", &code, &errors));
        l.government_code = code;
    }
    if (r.department_id) l.department_id = *r.department_id;
    if (r.official_id) l.official_id = *r.official_id;
    if (r.product_id) l.product_id = *r.product_id;
    if (r.owner_id) l.owner_id = *r.owner_id;
    const bool gov_ok = !l.government_code.empty();
    // References are checked when given, and again when the government changes.
    const bool gov_changed = r.government_code && l.government_code != before.government_code;
    if (l.department_id && (r.department_id || gov_changed) && gov_ok) {
        KYOSO_RETURN_IF_ERROR(CheckDepartmentRef(store_, l.department_id, l.government_code, "department_id", &errors));
    }
    if (l.official_id && (r.official_id || gov_changed) && gov_ok) {
        KYOSO_RETURN_IF_ERROR(CheckOfficialRef(store_, l.official_id, l.government_code, "official_id", &errors));
    }
    if (r.product_id && l.product_id)
        KYOSO_RETURN_IF_ERROR(CheckProductRef(store_, l.product_id, "product_id", &errors));
    if (r.owner_id && l.owner_id) KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, l.owner_id, "owner_id", &errors));
    if (r.actor_id) KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, *r.actor_id, "actor_id", &errors));
    if (r.title) {
        if (r.title->empty() || r.title->size() > kMaxTitleBytes) errors.push_back({"title", "must be 1-500 bytes"});
        l.title = *r.title;
    }
    if (r.notes) {
        if (r.notes->size() > kMaxNotesBytes) errors.push_back({"notes", "at most 20,000 bytes"});
        l.notes = *r.notes;
    }
    if (r.external_id) {
        if (r.external_id->size() > kMaxExternalIdBytes) errors.push_back({"external_id", "at most 200 bytes"});
        l.external_id = *r.external_id;
    }
    std::optional<Status> transition;
    if (r.status) {
        auto to = domain::LeadStatusFromSlug(*r.status);
        if (!to) {
            errors.push_back(
                {"status", "unknown status '" + *r.status + "' (new, working, qualified, disqualified, converted)"});
        } else {
            auto from = domain::LeadStatusFromSlug(before.status).value_or(domain::LeadStatus::kNew);
            Status st = creating ? (*to == domain::LeadStatus::kConverted
                                        ? domain::CheckLeadTransition(domain::LeadStatus::kNew, *to)
                                        : Status::Ok())
                                 : domain::CheckLeadTransition(from, *to);
            if (!st.ok()) transition = st;
            l.status = *r.status;
        }
    }
    PreparedCustomFields prepared;
    KYOSO_RETURN_IF_ERROR(
        PrepareCustomFields(store_, domain::CustomFieldEntity::kLead, r.custom_fields, creating, &prepared, &errors));
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    if (transition) return *transition;

    const std::string actor = Actor(r.actor_id, l.owner_id);
    Status st = store_.InTransaction([&]() -> Status {
        std::string before_json;
        if (creating) {
            auto new_id = store_.leads().Insert(l);
            if (!new_id.ok()) return new_id.status();
            l.id = *new_id;
        } else {
            auto fields_before = CustomFieldsOf(store_, domain::CustomFieldEntity::kLead, std::to_string(id));
            if (!fields_before.ok()) return fields_before.status();
            before_json = AuditJson()
                              .Raw("lead", LeadAuditJson(before))
                              .Raw("custom_fields", CustomFieldsAuditJson(*fields_before))
                              .str();
            KYOSO_RETURN_IF_ERROR(store_.leads().Update(l, before.status));
        }
        KYOSO_RETURN_IF_ERROR(ApplyCustomFields(store_, std::to_string(l.id), prepared));
        auto fields = CustomFieldsOf(store_, domain::CustomFieldEntity::kLead, std::to_string(l.id));
        if (!fields.ok()) return fields.status();
        const std::string after_json =
            AuditJson().Raw("lead", LeadAuditJson(l)).Raw("custom_fields", CustomFieldsAuditJson(*fields)).str();
        KYOSO_RETURN_IF_ERROR(audit_.Append(
            {actor, creating ? "lead.create" : "lead.update", "lead", std::to_string(l.id), before_json, after_json}));
        // A lead created without an owner goes through the routing rules; an owner
        // changed by hand is recorded as a manual assignment (docs/division-of-labour.md).
        if (creating && l.owner_id == 0) return RouteNewLead(store_, audit_, clock_.Today(), actor, &l);
        if (!creating && l.owner_id != before.owner_id) {
            ports::LeadAssignment a;
            a.lead_id = l.id;
            a.user_id = l.owner_id;
            a.previous_user_id = before.owner_id;
            a.kind = "manual";
            a.reason = "手動で割当";
            a.assigned_on = clock_.Today();
            a.created_at = FormatUtc(clock_.Now());
            auto assigned = store_.routing().InsertAssignment(a);
            if (!assigned.ok()) return assigned.status();
        }
        return Status::Ok();
    });
    if (!st.ok()) {
        if (st.code() == ErrorCode::kAlreadyExists) {
            return Status(ErrorCode::kAlreadyExists, "another lead has external_id " + l.external_id,
                          {{"external_id", "already used by another lead"}});
        }
        return st;
    }
    return Get(l.id);
}

Result<LeadConversion> LeadService::Convert(long long id, const LeadConversionRequest& r) {
    auto lead = store_.leads().Get(id);
    if (!lead.ok()) return lead.status();
    std::vector<ErrorDetail> errors;
    if (r.actor_id <= 0) {
        errors.push_back({"actor_id", "required: the id of the user converting the lead"});
    } else {
        KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, r.actor_id, "actor_id", &errors));
    }
    const Date today = clock_.Today();
    domain::Deal d;
    d.government_code = lead->government_code;
    d.department_id = lead->department_id;
    d.champion_id = lead->official_id;
    d.product_id = r.product_id.value_or(lead->product_id);
    if (d.product_id == 0) {
        errors.push_back({"product_id", "required: the lead names no product"});
    } else if (r.product_id) {
        KYOSO_RETURN_IF_ERROR(CheckProductRef(store_, d.product_id, "product_id", &errors));
    }
    d.owner_id = r.owner_id.value_or(lead->owner_id ? lead->owner_id : r.actor_id);
    if (r.owner_id) KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, *r.owner_id, "owner_id", &errors));
    d.title = r.title.value_or(lead->title);
    if (d.title.empty() || d.title.size() > kMaxTitleBytes) errors.push_back({"title", "must be 1-500 bytes"});
    d.amount = r.amount.value_or(0);
    if (d.amount < 0) errors.push_back({"amount", "must not be negative"});
    // DOMAIN.md §2: a deal found now is budgeted this year and bought next fiscal year.
    d.fiscal_year = r.fiscal_year.value_or(domain::FiscalYear::Containing(today).next().year());
    if (d.fiscal_year < 1990 || d.fiscal_year > 2200) errors.push_back({"fiscal_year", "must be a year such as 2027"});
    if (r.procurement_method) {
        if (auto p = domain::ProcurementFromSlug(*r.procurement_method)) {
            d.procurement = *p;
        } else {
            errors.push_back({"procurement_method", "unknown procurement method '" + *r.procurement_method +
                                                        "' (open_tender, nominated_tender, proposal, small_value, "
                                                        "sole_source)"});
        }
    }
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    auto status = domain::LeadStatusFromSlug(lead->status).value_or(domain::LeadStatus::kNew);
    KYOSO_RETURN_IF_ERROR(domain::CheckLeadConversion(status));
    d.stage = domain::Stage::kDiscovery;
    d.created_on = today;

    LeadConversion out;
    const std::string actor = UserActor(r.actor_id);
    Status st = store_.InTransaction([&]() -> Status {
        auto deal_id = store_.deals().InsertDeal(d);
        if (!deal_id.ok()) return deal_id.status();
        auto deal = store_.deals().Get(*deal_id);
        if (!deal.ok()) return deal.status();
        out.deal = std::move(*deal);
        domain::Lead converted = *lead;
        converted.status = std::string(domain::LeadStatusSlug(domain::LeadStatus::kConverted));
        converted.converted_deal_id = *deal_id;
        KYOSO_RETURN_IF_ERROR(store_.leads().Update(converted, lead->status));
        out.lead = converted;
        KYOSO_RETURN_IF_ERROR(
            audit_.Append({actor, "deal.create", "deal", std::to_string(*deal_id), "",
                           AuditJson().Raw("deal", DealAuditJson(out.deal)).Int("lead_id", id).str()}));
        return audit_.Append(
            {actor, "lead.convert", "lead", std::to_string(id), LeadAuditJson(*lead), LeadAuditJson(converted)});
    });
    if (!st.ok()) return st;
    return out;
}

}  // namespace kyoso::app
