#include "kyoso/api/deal_json.hpp"

#include "kyoso/api/responses.hpp"
#include "kyoso/domain/division/phase.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::api {

using nlohmann::json;

json DealJson(const domain::Deal& d) {
    return {
        {"id", d.id},
        {"government_code", d.government_code},
        {"product_id", d.product_id},
        {"owner_id", d.owner_id},
        {"champion_id", IdOrNull(d.champion_id)},
        {"title", d.title},
        {"amount", d.amount},
        {"fiscal_year", d.fiscal_year},
        {"fiscal_year_label", domain::FiscalYear(d.fiscal_year).WarekiLabel()},
        {"stage", domain::StageSlug(d.stage)},
        {"stage_label", domain::StageLabelJa(d.stage)},
        {"procurement_method", domain::ProcurementSlug(d.procurement)},
        {"budget_status", domain::BudgetStatusSlug(d.budget_status)},
        {"created_on", FormatIsoDate(d.created_on)},
        {"closed_on", d.closed_on ? json(FormatIsoDate(*d.closed_on)) : json(nullptr)},
        {"lost_reason", d.lost_reason},
        {"competitor", d.competitor},
        {"award_amount", OrNull(d.award_amount)},
        {"budget_amount", OrNull(d.budget_amount)},
        {"notice_url", d.notice_url},
        {"carried_from_deal_id", IdOrNull(d.carried_from_deal_id)},
        {"carried_to_deal_id", IdOrNull(d.carried_to_deal_id)},
        {"needs_follow_up", d.needs_follow_up},
        {"department_id", IdOrNull(d.department_id)},
        {"external_id", d.external_id.empty() ? json(nullptr) : json(d.external_id)},
        // 政策形成支援 / 導入・実装支援 (docs/division-of-labour.md): derived unless overridden.
        {"support_phase",
         domain::SupportPhaseSlug(domain::EffectiveSupportPhase(d.stage, d.budget_status, d.support_phase))},
        {"support_phase_override", d.support_phase},
    };
}

json NamedDealJson(const domain::Deal& d, const ports::DealNames& n) {
    json j = DealJson(d);
    j["government_name"] = n.government_name;
    j["prefecture_code"] = n.prefecture_code;
    j["government_kind"] = n.government_kind;
    j["product_name"] = n.product_name;
    j["owner_name"] = n.owner_name;
    return j;
}

json ActivityJson(const domain::Activity& a) {
    return {
        {"id", a.id},
        {"type", domain::ActivityTypeSlug(a.type)},
        {"occurred_on", FormatIsoDate(a.occurred_on)},
        {"deal_id", IdOrNull(a.deal_id)},
        {"government_code", a.government_code},
        {"user_id", a.user_id},
        {"official_id", IdOrNull(a.official_id)},
        {"notes", a.notes},
        {"outcome", a.outcome},
        {"occurred_at", a.occurred_at.empty() ? json(nullptr) : json(a.occurred_at)},
    };
}

json Redacted(json deal, const std::vector<std::string>& hidden) {
    if (hidden.empty()) return deal;
    for (const auto& f : hidden) {
        if (!deal.contains(f)) continue;
        deal[f] = deal[f].is_array() ? json::array() : json(nullptr);
    }
    deal["hidden_fields"] = hidden;
    return deal;
}

}  // namespace kyoso::api
