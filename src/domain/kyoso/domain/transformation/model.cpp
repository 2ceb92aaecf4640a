#include "kyoso/domain/transformation/model.hpp"

namespace kyoso::domain {

const std::vector<TransformationDimension>& AllTransformationDimensions() {
    static const std::vector<TransformationDimension> all = {
        TransformationDimension::kData, TransformationDimension::kDivisionOfLabour, TransformationDimension::kAi,
        TransformationDimension::kLearningCulture, TransformationDimension::kPublicSector};
    return all;
}

std::string_view DimensionSlug(TransformationDimension d) {
    switch (d) {
        case TransformationDimension::kData: return "data";
        case TransformationDimension::kDivisionOfLabour: return "division_of_labour";
        case TransformationDimension::kAi: return "ai";
        case TransformationDimension::kLearningCulture: return "learning_culture";
        case TransformationDimension::kPublicSector: return "public_sector";
    }
    return "data";
}

std::optional<TransformationDimension> DimensionFromSlug(std::string_view slug) {
    for (auto d : AllTransformationDimensions()) {
        if (DimensionSlug(d) == slug) return d;
    }
    return std::nullopt;
}

std::string_view DimensionLabelJa(TransformationDimension d) {
    switch (d) {
        case TransformationDimension::kData: return "データ活用";
        case TransformationDimension::kDivisionOfLabour: return "分業";
        case TransformationDimension::kAi: return "AI活用";
        case TransformationDimension::kLearningCulture: return "学習文化";
        case TransformationDimension::kPublicSector: return "自治体営業の実務";
    }
    return "";
}

OrgSizeBand OrgSizeBandOf(int sales_staff) {
    if (sales_staff < 10) return OrgSizeBand::kSmall;
    if (sales_staff <= 50) return OrgSizeBand::kMedium;
    return OrgSizeBand::kLarge;
}

std::string_view OrgSizeBandSlug(OrgSizeBand b) {
    switch (b) {
        case OrgSizeBand::kSmall: return "small";
        case OrgSizeBand::kMedium: return "medium";
        case OrgSizeBand::kLarge: return "large";
    }
    return "small";
}

std::optional<OrgSizeBand> OrgSizeBandFromSlug(std::string_view slug) {
    for (auto b : {OrgSizeBand::kSmall, OrgSizeBand::kMedium, OrgSizeBand::kLarge}) {
        if (OrgSizeBandSlug(b) == slug) return b;
    }
    return std::nullopt;
}

std::string_view GovernmentFocusSlug(GovernmentFocus f) {
    switch (f) {
        case GovernmentFocus::kLargeCities: return "large_cities";
        case GovernmentFocus::kMixed: return "mixed";
        case GovernmentFocus::kTownsAndVillages: return "towns_villages";
    }
    return "mixed";
}

std::optional<GovernmentFocus> GovernmentFocusFromSlug(std::string_view slug) {
    for (auto f : {GovernmentFocus::kLargeCities, GovernmentFocus::kMixed, GovernmentFocus::kTownsAndVillages}) {
        if (GovernmentFocusSlug(f) == slug) return f;
    }
    return std::nullopt;
}

}  // namespace kyoso::domain
