#include "kyoso/domain/compliance/contact_entry.hpp"

#include <algorithm>
#include <utility>

namespace kyoso::domain {

namespace {
const std::vector<std::pair<std::string_view, std::string_view>>& Table() {
    static const std::vector<std::pair<std::string_view, std::string_view>> kTable = {
        {"visit", "訪問"},
        {"call", "電話"},
        {"email", "メール"},
        {"online_meeting", "オンライン会議"},
        {"seminar", "セミナー"},
        {"demo", "デモ"},
        {"reference_quote", "参考見積"},
        {"proposal", "提案"},
        {"bid", "入札"},
        {"gift", "贈答"},
        {"meal", "会食"},
        {"event", "行事"},
        {"other", "その他"},
    };
    return kTable;
}
}  // namespace

const std::vector<std::string_view>& ContactChannels() {
    static const std::vector<std::string_view> kSlugs = [] {
        std::vector<std::string_view> v;
        for (const auto& [slug, label] : Table()) v.push_back(slug);
        return v;
    }();
    return kSlugs;
}

bool IsContactChannel(std::string_view slug) {
    const auto& v = ContactChannels();
    return std::find(v.begin(), v.end(), slug) != v.end();
}

std::string_view ContactChannelLabelJa(std::string_view slug) {
    for (const auto& [s, label] : Table()) {
        if (s == slug) return label;
    }
    return slug;
}

}  // namespace kyoso::domain
