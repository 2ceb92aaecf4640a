#include "kyoso/app/access/access_guard.hpp"

#include <algorithm>
#include <charconv>

namespace kyoso::app {

namespace {

using domain::RecordKind;

Status NoDeal(long long id) { return NotFound("no deal with id " + std::to_string(id)); }
Status NoLead(long long id) { return NotFound("no lead with id " + std::to_string(id)); }

Status Denied(const Principal& p, const std::string& what) {
    return PermissionDenied("the role '" + std::string(domain::AccessRoleSlug(p.role)) + "' may not " + what +
                            " (docs/security.md)");
}

// PermissionDenied naming each hidden field the request sets (`sent`: field → present).
Status RefuseHidden(const Principal& p, const std::vector<std::string>& hidden,
                    const std::vector<std::pair<std::string, bool>>& sent) {
    std::vector<ErrorDetail> refused;
    for (const auto& [field, present] : sent) {
        if (present && std::find(hidden.begin(), hidden.end(), field) != hidden.end()) {
            refused.push_back({field, "hidden from your role; you cannot set it"});
        }
    }
    if (refused.empty()) return Status::Ok();
    return Status(ErrorCode::kPermissionDenied,
                  "the role '" + std::string(domain::AccessRoleSlug(p.role)) + "' may not set deal amounts",
                  std::move(refused));
}

std::optional<long long> ParseId(const std::string& text) {
    long long v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return v;
}

}  // namespace

Result<std::pair<domain::Deal, RecordRef>> AccessGuard::DealRef(long long deal_id) const {
    auto deal = store_.deals().Get(deal_id);
    if (!deal.ok()) return deal.status().code() == ErrorCode::kNotFound ? NoDeal(deal_id) : deal.status();
    RecordRef r{RecordKind::kDeal, deal->owner_id, deal->government_code, {}};
    auto team = store_.deals().Team(deal_id);
    if (!team.ok()) return team.status();
    for (const auto& m : *team) r.members.push_back(m.user_id);
    return std::make_pair(std::move(*deal), std::move(r));
}

Status AccessGuard::CanReadDeal(const Principal& p, long long deal_id) const {
    auto ref = DealRef(deal_id);
    if (!ref.ok()) return ref.status();
    return authorizer_.CanRead(p, ref->second) ? Status::Ok() : NoDeal(deal_id);
}

Result<domain::Deal> AccessGuard::WritableDeal(const Principal& p, long long deal_id) const {
    auto ref = DealRef(deal_id);
    if (!ref.ok()) return ref.status();
    if (!authorizer_.CanRead(p, ref->second)) return NoDeal(deal_id);
    if (!authorizer_.CanWrite(p, ref->second)) return Denied(p, "change deal " + std::to_string(deal_id));
    return std::move(ref->first);
}

Status AccessGuard::CanWriteDeal(const Principal& p, long long deal_id) const {
    return WritableDeal(p, deal_id).status();
}

Status AccessGuard::CheckDealListParams(const Principal& p, const ListParams& params) const {
    auto sort = params.find("sort");
    if (sort == params.end() || !authorizer_.FieldHidden(p, RecordKind::kDeal, sort->second)) return Status::Ok();
    return Status(ErrorCode::kPermissionDenied, "sort: '" + sort->second + "' is hidden from your role",
                  {{"sort", "hidden from your role"}});
}

Status AccessGuard::CheckActor(const Principal& p, RecordKind kind, std::optional<long long>& actor_id,
                               const std::string& government_code) const {
    if (!actor_id || *actor_id == p.user_id) {
        actor_id = p.user_id;
        return Status::Ok();
    }
    // Recording on behalf of someone else (a manager entering a member's visit).
    return authorizer_.CheckOwnerAssignable(p, kind, *actor_id, government_code, "actor_id");
}

Status AccessGuard::CheckDealRequest(const Principal& p, DealRequest& r, const domain::Deal* existing) const {
    KYOSO_RETURN_IF_ERROR(RefuseHidden(p, authorizer_.HiddenFields(p, RecordKind::kDeal),
                                       {{"amount", r.amount.has_value()}, {"line_items", r.line_items.has_value()}}));
    const std::string gov = existing ? existing->government_code : r.government_code.value_or("");
    if (!existing && !r.owner_id) r.owner_id = p.user_id;  // a new deal is the creator's by default
    if (r.owner_id && (!existing || *r.owner_id != existing->owner_id)) {
        KYOSO_RETURN_IF_ERROR(authorizer_.CheckOwnerAssignable(p, RecordKind::kDeal, *r.owner_id, gov, "owner_id"));
    }
    return CheckActor(p, RecordKind::kDeal, r.actor_id, gov);
}

Status AccessGuard::CheckStageMove(const Principal& p, long long deal_id, StageMoveRequest& r) const {
    auto deal = WritableDeal(p, deal_id);
    if (!deal.ok()) return deal.status();
    KYOSO_RETURN_IF_ERROR(
        RefuseHidden(p, authorizer_.HiddenFields(p, RecordKind::kDeal),
                     {{"award_amount", r.award_amount.has_value()}, {"budget_amount", r.budget_amount.has_value()}}));
    std::optional<long long> actor = r.actor_id > 0 ? std::optional<long long>(r.actor_id) : std::nullopt;
    KYOSO_RETURN_IF_ERROR(CheckActor(p, RecordKind::kDeal, actor, deal->government_code));
    r.actor_id = *actor;
    return Status::Ok();
}

Status AccessGuard::CheckActivity(const Principal& p, ActivityRequest& r) const {
    if (r.user_id <= 0) r.user_id = p.user_id;
    if (r.user_id != p.user_id) {
        KYOSO_RETURN_IF_ERROR(
            authorizer_.CheckOwnerAssignable(p, RecordKind::kActivity, r.user_id, r.government_code, "user_id"));
    }
    if (r.deal_id && *r.deal_id > 0) {
        Status readable = CanReadDeal(p, *r.deal_id);
        if (readable.code() == ErrorCode::kNotFound) {
            return InvalidArgument("invalid activity", {{"deal_id", "no deal with id " + std::to_string(*r.deal_id)}});
        }
        KYOSO_RETURN_IF_ERROR(readable);
    }
    return Status::Ok();
}

Status AccessGuard::CanReadLead(const Principal& p, long long lead_id) const {
    auto lead = store_.leads().Get(lead_id);
    if (!lead.ok()) return lead.status().code() == ErrorCode::kNotFound ? NoLead(lead_id) : lead.status();
    RecordRef r{RecordKind::kLead, lead->owner_id, lead->government_code, {}};
    return authorizer_.CanRead(p, r) ? Status::Ok() : NoLead(lead_id);
}

Result<domain::Lead> AccessGuard::WritableLead(const Principal& p, long long lead_id) const {
    auto lead = store_.leads().Get(lead_id);
    if (!lead.ok()) return lead.status().code() == ErrorCode::kNotFound ? NoLead(lead_id) : lead.status();
    RecordRef r{RecordKind::kLead, lead->owner_id, lead->government_code, {}};
    if (!authorizer_.CanRead(p, r)) return NoLead(lead_id);
    if (!authorizer_.CanWrite(p, r)) return Denied(p, "change lead " + std::to_string(lead_id));
    return lead;
}

Status AccessGuard::CanWriteLead(const Principal& p, long long lead_id) const {
    return WritableLead(p, lead_id).status();
}

Status AccessGuard::CheckLeadRequest(const Principal& p, LeadRequest& r, const domain::Lead* existing) const {
    const std::string gov = existing ? existing->government_code : r.government_code.value_or("");
    if (!existing && !r.owner_id) r.owner_id = p.user_id;
    if (r.owner_id && *r.owner_id > 0 && (!existing || *r.owner_id != existing->owner_id)) {
        KYOSO_RETURN_IF_ERROR(authorizer_.CheckOwnerAssignable(p, RecordKind::kLead, *r.owner_id, gov, "owner_id"));
    }
    return CheckActor(p, RecordKind::kLead, r.actor_id, gov);
}

Status AccessGuard::CheckLeadConversion(const Principal& p, long long lead_id, LeadConversionRequest& r) const {
    auto lead = WritableLead(p, lead_id);
    if (!lead.ok()) return lead.status();
    KYOSO_RETURN_IF_ERROR(
        RefuseHidden(p, authorizer_.HiddenFields(p, RecordKind::kDeal), {{"amount", r.amount.has_value()}}));
    if (r.owner_id) {
        KYOSO_RETURN_IF_ERROR(
            authorizer_.CheckOwnerAssignable(p, RecordKind::kDeal, *r.owner_id, lead->government_code, "owner_id"));
    }
    std::optional<long long> actor = r.actor_id > 0 ? std::optional<long long>(r.actor_id) : std::nullopt;
    KYOSO_RETURN_IF_ERROR(CheckActor(p, RecordKind::kLead, actor, lead->government_code));
    r.actor_id = *actor;
    return Status::Ok();
}

Status AccessGuard::CheckContactEntry(const Principal& p, ContactRequest& r) const {
    if (r.user_id <= 0) r.user_id = p.user_id;
    if (r.user_id != p.user_id) {
        KYOSO_RETURN_IF_ERROR(
            authorizer_.CheckOwnerAssignable(p, RecordKind::kContactEntry, r.user_id, r.government_code, "user_id"));
    }
    if (r.deal_id && *r.deal_id > 0) {
        Status readable = CanReadDeal(p, *r.deal_id);
        if (readable.code() == ErrorCode::kNotFound) {
            return InvalidArgument("invalid contact entry",
                                   {{"deal_id", "no deal with id " + std::to_string(*r.deal_id)}});
        }
        KYOSO_RETURN_IF_ERROR(readable);
    }
    return Status::Ok();
}

bool AccessGuard::SearchHitVisible(const Principal& p, const std::string& type, const std::string& id) const {
    if (type != "deal" && type != "activity" && type != "contact") return true;
    auto n = ParseId(id);
    if (!n) return false;
    if (type == "deal") return CanReadDeal(p, *n).ok();
    if (type == "contact") {
        auto row = store_.contact_log().Get(*n);
        if (!row.ok()) return false;
        return authorizer_.CanRead(p, {RecordKind::kContactEntry, row->entry.user_id, row->entry.government_code, {}});
    }
    // An activity: visible when its deal is, or (without a deal) by its author.
    auto activity = store_.deals().GetActivity(*n);
    if (!activity.ok()) return false;
    if (activity->deal_id > 0 && CanReadDeal(p, activity->deal_id).ok()) return true;
    return authorizer_.CanRead(p, {RecordKind::kActivity, activity->user_id, activity->government_code, {}});
}

}  // namespace kyoso::app
