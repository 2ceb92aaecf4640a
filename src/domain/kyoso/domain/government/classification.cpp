#include "kyoso/domain/government/classification.hpp"

#include <algorithm>
#include <array>

namespace kyoso::domain {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Public lists (総務省). These are facts of law, not data any maintained package
// ships, so they are kept here with their date; update them when a city is promoted.
constexpr std::array<std::string_view, 62> kCoreCities = {
    "012025", "012041", "022012", "022039", "032018", "052019", "062014", "072010", "072036", "072044", "082015",
    "092011", "102016", "102024", "112011", "112038", "112224", "122041", "122173", "132012", "142018", "162019",
    "172014", "182010", "192015", "202011", "202029", "212016", "232017", "232025", "232114", "232033", "252018",
    "272035", "272051", "272078", "272108", "272124", "272159", "272272", "282014", "282022", "282031", "282049",
    "292010", "302015", "312011", "322016", "332020", "342025", "342076", "352012", "372013", "382019", "392014",
    "402036", "422011", "422029", "442011", "452017", "462012", "472018",
};
constexpr std::array<std::string_view, 23> kFormerSpecialCities = {
    "082201",  // つくば市
    "102041",  // 伊勢崎市
    "102059",  // 太田市
    "112020",  // 熊谷市
    "112089",  // 所沢市
    "112143",  // 春日部市
    "112216",  // 草加市
    "142034",  // 平塚市
    "142069",  // 小田原市
    "142077",  // 茅ヶ崎市
    "142123",  // 厚木市
    "142131",  // 大和市
    "152021",  // 長岡市
    "152226",  // 上越市
    "222038",  // 沼津市
    "222101",  // 富士市
    "232068",  // 春日井市
    "242021",  // 四日市市
    "272027",  // 岸和田市
    "272116",  // 茨木市
    "282103",  // 加古川市
    "282146",  // 宝塚市
    "412015",  // 佐賀市
};
constexpr std::array<std::string_view, 6> kNorthernTerritories = {"016951", "016969", "016977",
                                                                  "016985", "016993", "017001"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& list, const GovernmentCode& code) {
    return std::find(list.begin(), list.end(), code.str()) != list.end();
}

}  // namespace

bool IsCoreCity(const GovernmentCode& code) { return Contains(kCoreCities, code); }
bool IsFormerSpecialCity(const GovernmentCode& code) { return Contains(kFormerSpecialCities, code); }
bool IsNorthernTerritoriesVillage(const GovernmentCode& code) { return Contains(kNorthernTerritories, code); }
int CoreCityCount() { return static_cast<int>(kCoreCities.size()); }
int FormerSpecialCityCount() { return static_cast<int>(kFormerSpecialCities.size()); }

std::optional<GovernmentKind> ClassifyKind(TreePosition position, const GovernmentCode& code, std::string_view name,
                                           bool has_wards) {
    switch (position) {
        case TreePosition::kPrefecture:
            return GovernmentKind::kPrefecture;
        case TreePosition::kWard:
            return GovernmentKind::kWard;
        case TreePosition::kMunicipality:
            break;
    }
    if (has_wards) return GovernmentKind::kDesignatedCity;
    if (EndsWith(name, "区") && code.prefecture_number() == 13) return GovernmentKind::kSpecialWard;
    if (EndsWith(name, "市")) return IsCoreCity(code) ? GovernmentKind::kCoreCity : GovernmentKind::kCity;
    if (EndsWith(name, "町")) return GovernmentKind::kTown;
    if (EndsWith(name, "村")) return GovernmentKind::kVillage;
    return std::nullopt;
}

std::string PopulationBand(long long population) {
    struct Band {
        long long upper;
        const char* label;
    };
    static constexpr Band kBands[] = {{5'000, "〜5千"},       {10'000, "5千〜1万"},   {20'000, "1万〜2万"},
                                      {50'000, "2万〜5万"},   {100'000, "5万〜10万"}, {200'000, "10万〜20万"},
                                      {500'000, "20万〜50万"}};
    for (const auto& band : kBands) {
        if (population < band.upper) return band.label;
    }
    return "50万〜";
}

std::string SimilarGroup(const Government& g) {
    switch (g.kind) {
        case GovernmentKind::kPrefecture:
        case GovernmentKind::kWard:
            return "";
        case GovernmentKind::kDesignatedCity:
            return "政令指定都市";
        case GovernmentKind::kCoreCity:
            return "中核市";
        case GovernmentKind::kSpecialWard:
            return "特別区";
        case GovernmentKind::kCity:
        case GovernmentKind::kTown:
        case GovernmentKind::kVillage:
            break;
    }
    if (!g.population) return "";
    const long long pop = *g.population;
    static const char* kRoman[] = {"I", "II", "III", "IV", "V"};
    const bool has_shares = g.secondary_tertiary_share.has_value() && g.tertiary_share.has_value();
    if (g.kind == GovernmentKind::kCity) {
        const int band = pop < 50'000 ? 0 : pop < 100'000 ? 1 : pop < 150'000 ? 2 : 3;
        std::string group = std::string("一般市 ") + kRoman[band];
        if (!has_shares) return group;
        const double st = *g.secondary_tertiary_share, t = *g.tertiary_share;
        const int digit = st >= 0.95 ? (t >= 0.65 ? 3 : 2) : (t >= 0.55 ? 1 : 0);
        return group + "-" + std::to_string(digit);
    }
    const int band = pop < 5'000 ? 0 : pop < 10'000 ? 1 : pop < 15'000 ? 2 : pop < 20'000 ? 3 : 4;
    std::string group = std::string("町村 ") + kRoman[band];
    if (!has_shares) return group;
    const double st = *g.secondary_tertiary_share, t = *g.tertiary_share;
    const int digit = st >= 0.80 ? (t >= 0.55 ? 2 : 1) : 0;
    return group + "-" + std::to_string(digit);
}

}  // namespace kyoso::domain
