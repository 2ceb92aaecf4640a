#include "kyoso/api/json_mapping.hpp"

#include "kyoso/api/responses.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::api {

nlohmann::json GovernmentJson(const domain::Government& g) {
    return {
        {"code", g.code.str()},
        {"name", g.name},
        {"kana", g.kana},
        {"kind", domain::KindSlug(g.kind)},
        {"kind_label", domain::KindLabelJa(g.kind)},
        {"parent_code", g.parent_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.parent_code)},
        {"prefecture_code", g.prefecture_code},
        {"prefecture_name", g.prefecture_name},
        {"is_core_city", g.is_core_city},
        {"is_former_special_city", g.is_former_special_city},
        {"has_no_functioning_government", g.has_no_functioning_government},
        {"population", OrNull(g.population)},
        {"fiscal_strength_index", OrNull(g.fiscal_strength_index)},
        {"population_band", g.population_band.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.population_band)},
        {"similar_group", g.similar_group.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.similar_group)},
    };
}

nlohmann::json MilestoneJson(const domain::Milestone& m) {
    return {{"kind", domain::MilestoneSlug(m.kind)},
            {"label", domain::MilestoneLabelJa(m.kind)},
            {"label_en", domain::MilestoneLabelEn(m.kind)},
            {"start", FormatIsoDate(m.start)},
            {"end", FormatIsoDate(m.end)},
            {"overridden", m.overridden}};
}

nlohmann::json GovernmentDetailJson(const app::GovernmentDetail& d) {
    nlohmann::json j = GovernmentJson(d.government);
    nlohmann::json milestones = nlohmann::json::array();
    for (const auto& m : d.calendar.milestones()) milestones.push_back(MilestoneJson(m));
    const auto fy = d.calendar.fiscal_year();
    j["fiscal_calendar"] = {
        {"fiscal_year", fy.year()},
        {"label", fy.WarekiLabel()},
        {"start", FormatIsoDate(fy.first_day())},
        {"end", FormatIsoDate(fy.last_day())},
        {"today", FormatIsoDate(d.today)},
        {"milestones", milestones},
        {"next", d.next_milestone ? MilestoneJson(*d.next_milestone) : nlohmann::json(nullptr)},
        {"business_days_to_next", d.next_milestone ? nlohmann::json(d.business_days_to_next) : nlohmann::json(nullptr)},
    };
    return j;
}

}  // namespace kyoso::api
