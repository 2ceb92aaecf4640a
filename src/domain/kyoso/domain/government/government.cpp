#include "kyoso/domain/government/government.hpp"

namespace kyoso::domain {

std::string_view KindSlug(GovernmentKind kind) {
    switch (kind) {
        case GovernmentKind::kPrefecture:
            return "prefecture";
        case GovernmentKind::kDesignatedCity:
            return "designated_city";
        case GovernmentKind::kWard:
            return "ward";
        case GovernmentKind::kCoreCity:
            return "core_city";
        case GovernmentKind::kSpecialWard:
            return "special_ward";
        case GovernmentKind::kCity:
            return "city";
        case GovernmentKind::kTown:
            return "town";
        case GovernmentKind::kVillage:
            return "village";
    }
    return "city";
}

std::string_view KindLabelJa(GovernmentKind kind) {
    switch (kind) {
        case GovernmentKind::kPrefecture:
            return "都道府県";
        case GovernmentKind::kDesignatedCity:
            return "政令指定都市";
        case GovernmentKind::kWard:
            return "行政区";
        case GovernmentKind::kCoreCity:
            return "中核市";
        case GovernmentKind::kSpecialWard:
            return "特別区";
        case GovernmentKind::kCity:
            return "市";
        case GovernmentKind::kTown:
            return "町";
        case GovernmentKind::kVillage:
            return "村";
    }
    return "市";
}

std::optional<GovernmentKind> KindFromSlug(std::string_view slug) {
    for (auto k : {GovernmentKind::kPrefecture, GovernmentKind::kDesignatedCity, GovernmentKind::kWard,
                   GovernmentKind::kCoreCity, GovernmentKind::kSpecialWard, GovernmentKind::kCity,
                   GovernmentKind::kTown, GovernmentKind::kVillage}) {
        if (KindSlug(k) == slug) return k;
    }
    return std::nullopt;
}

}  // namespace kyoso::domain
