#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kyoso::domain {

// One of the 8 standard regions of Japan (地方区分) with its prefectures, by 2-digit
// prefecture code "01".."47" (contiguous ranges in JIS X 0401 order).
struct Region {
    std::string_view slug;      // "kanto"
    std::string_view label_ja;  // "関東"
    int first_prefecture = 0;   // 8 (茨城県)
    int last_prefecture = 0;    // 14 (神奈川県)
};

// The 8 regions: hokkaido 北海道 (01), tohoku 東北 (02-07), kanto 関東 (08-14), chubu 中部
// (15-23), kinki 近畿 (24-30), chugoku 中国 (31-35), shikoku 四国 (36-39), kyushu_okinawa
// 九州・沖縄 (40-47).
const std::vector<Region>& Regions();
// The region of a 2-digit prefecture code; nullptr for anything else.
const Region* RegionOfPrefecture(std::string_view prefecture_code);
// The region with that slug; nullptr when unknown.
const Region* RegionBySlug(std::string_view slug);
// The prefecture codes of a region ("08".."14" for kanto); empty for an unknown slug.
std::vector<std::string> PrefecturesOfRegion(std::string_view slug);

// A territory (担当地域) of a team or of one member: every non-empty field narrows it.
// A territory on a prefecture covers the prefecture and every municipality in it; on a
// region, every prefecture of the region; on a government code, that body and (for a
// designated city) its wards.
struct Territory {
    long long id = 0;
    long long team_id = 0;
    long long user_id = 0;        // 0 = the whole team
    std::string prefecture_code;  // "" = any
    std::string government_code;  // "" = any; one municipality
    std::string region;           // "" = any; a Region slug
    std::string government_kind;  // "" = any; a GovernmentKind slug
    std::string policy_domain;    // "" = any; 防災, 子育て, DX, ...
};

// What a territory is matched against: a government and the lead's product domains.
struct CoverageTarget {
    std::string code;             // 6-digit 団体コード
    std::string parent_code;      // the city of a ward, the prefecture of a municipality; "" for prefectures
    std::string prefecture_code;  // "13"
    std::string kind;             // GovernmentKind slug
};

// Whether `t` covers government `g` for policy domain `policy_domain` ("" = the lead has
// none: only territories without a policy domain cover it).
bool TerritoryCovers(const Territory& t, const CoverageTarget& g, std::string_view policy_domain);
// Whether `t` covers `g` for any of the domains (or, when `domains` is empty, for none).
bool TerritoryCoversAny(const Territory& t, const CoverageTarget& g, const std::vector<std::string>& domains);

// Population bands of routing conditions (from governments.population):
// under_10k (<10,000), 10k_50k, 50k_200k, 200k_plus (>=200,000).
std::optional<std::string> PopulationBandSlug(std::optional<long long> population);
bool IsRoutingPopulationBand(std::string_view slug);
// Japanese label of a band slug ("1万人未満"); the slug itself when unknown.
std::string PopulationBandLabelJa(std::string_view slug);

}  // namespace kyoso::domain
