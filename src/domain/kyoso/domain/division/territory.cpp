#include "kyoso/domain/division/territory.hpp"

#include <charconv>

namespace kyoso::domain {

const std::vector<Region>& Regions() {
    static const std::vector<Region> kRegions = {
        {"hokkaido", "北海道", 1, 1}, {"tohoku", "東北", 2, 7},
        {"kanto", "関東", 8, 14},     {"chubu", "中部", 15, 23},
        {"kinki", "近畿", 24, 30},    {"chugoku", "中国", 31, 35},
        {"shikoku", "四国", 36, 39},  {"kyushu_okinawa", "九州・沖縄", 40, 47},
    };
    return kRegions;
}

const Region* RegionOfPrefecture(std::string_view prefecture_code) {
    if (prefecture_code.size() != 2) return nullptr;
    int n = 0;
    auto [p, ec] = std::from_chars(prefecture_code.data(), prefecture_code.data() + 2, n);
    if (ec != std::errc() || p != prefecture_code.data() + 2) return nullptr;
    for (const Region& r : Regions()) {
        if (n >= r.first_prefecture && n <= r.last_prefecture) return &r;
    }
    return nullptr;
}

const Region* RegionBySlug(std::string_view slug) {
    for (const Region& r : Regions()) {
        if (r.slug == slug) return &r;
    }
    return nullptr;
}

std::vector<std::string> PrefecturesOfRegion(std::string_view slug) {
    std::vector<std::string> out;
    const Region* r = RegionBySlug(slug);
    if (!r) return out;
    for (int n = r->first_prefecture; n <= r->last_prefecture; ++n) {
        out.push_back((n < 10 ? "0" : "") + std::to_string(n));
    }
    return out;
}

bool TerritoryCovers(const Territory& t, const CoverageTarget& g, std::string_view policy_domain) {
    if (!t.policy_domain.empty() && t.policy_domain != policy_domain) return false;
    if (!t.government_kind.empty() && t.government_kind != g.kind) return false;
    if (!t.government_code.empty() && t.government_code != g.code && t.government_code != g.parent_code) return false;
    if (!t.prefecture_code.empty() && t.prefecture_code != g.prefecture_code) return false;
    if (!t.region.empty()) {
        const Region* r = RegionOfPrefecture(g.prefecture_code);
        if (!r || r->slug != t.region) return false;
    }
    return true;
}

bool TerritoryCoversAny(const Territory& t, const CoverageTarget& g, const std::vector<std::string>& domains) {
    if (domains.empty()) return TerritoryCovers(t, g, "");
    for (const auto& d : domains) {
        if (TerritoryCovers(t, g, d)) return true;
    }
    return false;
}

std::optional<std::string> PopulationBandSlug(std::optional<long long> population) {
    if (!population) return std::nullopt;
    if (*population < 10'000) return "under_10k";
    if (*population < 50'000) return "10k_50k";
    if (*population < 200'000) return "50k_200k";
    return "200k_plus";
}

bool IsRoutingPopulationBand(std::string_view slug) {
    return slug == "under_10k" || slug == "10k_50k" || slug == "50k_200k" || slug == "200k_plus";
}

std::string PopulationBandLabelJa(std::string_view slug) {
    if (slug == "under_10k") return "1万人未満";
    if (slug == "10k_50k") return "1万〜5万人";
    if (slug == "50k_200k") return "5万〜20万人";
    if (slug == "200k_plus") return "20万人以上";
    return std::string(slug);
}

}  // namespace kyoso::domain
