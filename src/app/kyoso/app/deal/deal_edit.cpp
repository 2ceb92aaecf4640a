// Creating and editing deals (DealService::Create / Update): the fields outside
// the pipeline, line items, team and custom fields.
#include <algorithm>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/catalog/references.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/domain/deal/deal_parts.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::app {

namespace {

constexpr size_t kMaxTitleBytes = 500;
constexpr size_t kMaxExternalIdBytes = 200;
constexpr size_t kMaxLineItems = 200;
constexpr size_t kMaxTeam = 50;

std::string LineItemsAuditJson(const std::vector<domain::DealLineItem>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        AuditJson j;
        j.Int("product_id", items[i].product_id).Str("description", items[i].description);
        j.Int("quantity", items[i].quantity).Int("unit_price", items[i].unit_price);
        out += (i ? "," : "") + j.str();
    }
    return out + "]";
}

std::string TeamAuditJson(const std::vector<domain::DealTeamMember>& team) {
    std::string out = "[";
    for (size_t i = 0; i < team.size(); ++i) {
        AuditJson j;
        j.Int("user_id", team[i].user_id).Str("role", domain::SalesRoleSlug(team[i].role));
        out += (i ? "," : "") + j.str();
    }
    return out + "]";
}

std::string DetailAuditJson(const DealDetail& d) {
    return AuditJson()
        .Raw("deal", DealAuditJson(d.deal))
        .Raw("line_items", LineItemsAuditJson(d.line_items))
        .Raw("team", TeamAuditJson(d.team))
        .Raw("custom_fields", CustomFieldsAuditJson(d.custom_fields))
        .str();
}

}  // namespace

Result<DealDetail> DealService::Create(const DealRequest& r) {
    std::vector<ErrorDetail> errors;
    if (!r.government_code) errors.push_back({"government_code", "required"});
    if (!r.title) errors.push_back({"title", "required"});
    if (!r.product_id) errors.push_back({"product_id", "required"});
    if (!r.owner_id) errors.push_back({"owner_id", "required"});
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    return Save(0, r);
}

Result<DealDetail> DealService::Update(long long deal_id, const DealRequest& r) {
    if (deal_id <= 0) return NotFound("no deal with id " + std::to_string(deal_id));
    return Save(deal_id, r);
}

Result<DealDetail> DealService::Save(long long deal_id, const DealRequest& r) {
    const bool creating = deal_id == 0;
    const Date today = clock_.Today();
    DealDetail before;
    if (!creating) {
        auto stored = Get(deal_id);
        if (!stored.ok()) return stored.status();
        before = std::move(*stored);
    } else {
        before.deal.stage = domain::Stage::kDiscovery;
        before.deal.created_on = today;
        // DOMAIN.md §2: a deal found now is budgeted this year and bought next fiscal year.
        before.deal.fiscal_year = domain::FiscalYear::Containing(today).next().year();
    }
    domain::Deal d = before.deal;
    std::vector<ErrorDetail> errors;
    if (r.government_code) {
        std::string code;
        KYOSO_RETURN_IF_ERROR(CheckGovernmentRef(store_, *r.government_code, "government_code", &code, &errors));
        if (!creating && !code.empty() && code != before.deal.government_code) {
            errors.push_back({"government_code", "a deal cannot move to another government; create a new deal"});
        }
        d.government_code = code;
    }
    const std::string gov = d.government_code;  // "" when invalid: references are then checked for existence only
    if (r.department_id) {
        d.department_id = *r.department_id;
        if (d.department_id) {
            KYOSO_RETURN_IF_ERROR(CheckDepartmentRef(store_, d.department_id, gov, "department_id", &errors));
        }
    }
    if (r.champion_id) {
        d.champion_id = *r.champion_id;
        if (d.champion_id) KYOSO_RETURN_IF_ERROR(CheckOfficialRef(store_, d.champion_id, gov, "champion_id", &errors));
    }
    if (r.product_id) {
        d.product_id = *r.product_id;
        KYOSO_RETURN_IF_ERROR(CheckProductRef(store_, d.product_id, "product_id", &errors));
    }
    if (r.owner_id) {
        d.owner_id = *r.owner_id;
        KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, d.owner_id, "owner_id", &errors));
    }
    if (r.actor_id) KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, *r.actor_id, "actor_id", &errors));
    if (r.title) {
        if (r.title->empty() || r.title->size() > kMaxTitleBytes) errors.push_back({"title", "must be 1-500 bytes"});
        d.title = *r.title;
    }
    if (r.fiscal_year) {
        if (*r.fiscal_year < 1990 || *r.fiscal_year > 2200) {
            errors.push_back({"fiscal_year", "must be a year such as 2027"});
        } else {
            d.fiscal_year = static_cast<int>(*r.fiscal_year);
        }
    }
    if (r.procurement_method) {
        if (auto p = domain::ProcurementFromSlug(*r.procurement_method)) {
            d.procurement = *p;
        } else {
            errors.push_back({"procurement_method", "unknown procurement method '" + *r.procurement_method +
                                                        "' (open_tender, nominated_tender, proposal, small_value, "
                                                        "sole_source)"});
        }
    }
    if (r.budget_status) {
        if (auto b = domain::BudgetStatusFromSlug(*r.budget_status)) {
            d.budget_status = *b;
        } else {
            errors.push_back({"budget_status", "unknown budget status '" + *r.budget_status +
                                                   "' (none, requested, passed, supplementary, cut)"});
        }
    }
    if (r.external_id) {
        if (r.external_id->size() > kMaxExternalIdBytes) errors.push_back({"external_id", "at most 200 bytes"});
        d.external_id = *r.external_id;
    }

    std::vector<domain::DealLineItem> items = before.line_items;
    if (r.line_items) {
        items.clear();
        if (r.line_items->size() > kMaxLineItems) errors.push_back({"line_items", "at most 200 line items"});
        for (size_t i = 0; i < r.line_items->size() && i < kMaxLineItems; ++i) {
            const auto& in = (*r.line_items)[i];
            const std::string at = "line_items[" + std::to_string(i) + "]";
            domain::DealLineItem item;
            item.product_id = in.product_id.value_or(0);
            if (in.product_id)
                KYOSO_RETURN_IF_ERROR(CheckProductRef(store_, *in.product_id, at + ".product_id", &errors));
            if (in.description.empty() || in.description.size() > kMaxTitleBytes) {
                errors.push_back({at + ".description", "must be 1-500 bytes"});
            }
            item.description = in.description;
            item.quantity = in.quantity;
            item.unit_price = in.unit_price;
            items.push_back(std::move(item));
        }
    }
    if (!items.empty()) {
        auto total = domain::LineItemsTotal(items);
        if (!total.ok()) {
            for (const auto& e : total.status().details()) errors.push_back(e);
        } else {
            if (r.amount && *r.amount != *total) {
                errors.push_back(
                    {"amount", "must equal the sum of the line items (" + std::to_string(*total) + ") or be omitted"});
            }
            d.amount = *total;
        }
    } else if (r.amount) {
        if (*r.amount < 0) errors.push_back({"amount", "must not be negative"});
        d.amount = *r.amount;
    }

    std::vector<domain::DealTeamMember> team = before.team;
    if (r.team) {
        team.clear();
        if (r.team->size() > kMaxTeam) errors.push_back({"team", "at most 50 members"});
        for (size_t i = 0; i < r.team->size() && i < kMaxTeam; ++i) {
            const auto& in = (*r.team)[i];
            const std::string at = "team[" + std::to_string(i) + "]";
            KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, in.user_id, at + ".user_id", &errors));
            auto role = domain::SalesRoleFromSlug(in.role);
            if (!role) {
                errors.push_back({at + ".role", "unknown role '" + in.role +
                                                    "' (bdr, inside_sales, field_sales, customer_success, manager)"});
                continue;
            }
            domain::DealTeamMember m{in.user_id, *role};
            const bool dup = std::any_of(team.begin(), team.end(),
                                         [&](const auto& t) { return t.user_id == m.user_id && t.role == m.role; });
            if (dup) {
                errors.push_back({at, "listed twice"});
            } else {
                team.push_back(m);
            }
        }
    }

    PreparedCustomFields prepared;
    KYOSO_RETURN_IF_ERROR(
        PrepareCustomFields(store_, domain::CustomFieldEntity::kDeal, r.custom_fields, creating, &prepared, &errors));
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));

    const std::string actor = UserActor(r.actor_id.value_or(d.owner_id));
    long long id = deal_id;
    Status st = store_.InTransaction([&]() -> Status {
        if (creating) {
            auto new_id = store_.deals().InsertDeal(d);
            if (!new_id.ok()) return new_id.status();
            id = *new_id;
        } else {
            KYOSO_RETURN_IF_ERROR(store_.deals().UpdateDeal(d));
        }
        if (r.line_items) KYOSO_RETURN_IF_ERROR(store_.deals().ReplaceLineItems(id, items));
        if (r.team) KYOSO_RETURN_IF_ERROR(store_.deals().ReplaceTeam(id, team));
        KYOSO_RETURN_IF_ERROR(ApplyCustomFields(store_, std::to_string(id), prepared));
        auto after = Get(id);
        if (!after.ok()) return after.status();
        return audit_.Append({actor, creating ? "deal.create" : "deal.update", "deal", std::to_string(id),
                              creating ? "" : DetailAuditJson(before), DetailAuditJson(*after)});
    });
    if (!st.ok()) {
        if (st.code() == ErrorCode::kAlreadyExists) {
            return Status(ErrorCode::kAlreadyExists, "another deal has external_id " + d.external_id,
                          {{"external_id", "already used by another deal"}});
        }
        return st;
    }
    return Get(id);
}

}  // namespace kyoso::app
