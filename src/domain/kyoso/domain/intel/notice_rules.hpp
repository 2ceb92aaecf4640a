#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/domain/intel/notice.hpp"

namespace kyoso::domain {

// A notice date as sources write it: "2026-04-20", "2026-04-20T00:00:00+09:00"
// (the 官公需 API; the date part is taken as published, in Japan), "2022/10/25" or
// "2022/1/5" (CSV). nullopt for anything else or an impossible date.
std::optional<Date> ParseNoticeDate(std::string_view text);

// An RFC 822 / RFC 1123 date-time as RSS 2.0 writes pubDate ("Wed, 02 Oct 2026 13:00:00
// GMT", "2 Oct 26 13:00 +0900"), converted to the date in Japan (UTC+9). nullopt when
// malformed.
std::optional<Date> ParseRfc822Date(std::string_view text);

// Text folded for comparing notices and names: full-width ASCII to ASCII, ASCII
// lower-cased, every space (ASCII, U+3000) removed, ヶ/ヵ as ケ/カ. UTF-8 in and out.
std::string FoldNoticeText(std::string_view text);

// The cross-source identity of a notice: the same folded title, organisation and
// issue date from two sources is one notice (docs/intel.md, "Deduplication").
std::string NoticeDedupeKey(const TenderNotice& notice);

// One government as the linker sees it.
struct GovernmentName {
    std::string code;             // 6-digit 団体コード
    std::string name;             // 札幌市
    std::string prefecture_code;  // 6-digit, e.g. 010006
    std::string prefecture_name;  // 北海道
    bool is_prefecture = false;
};

// How a notice was (or was not) linked to a government.
struct NoticeLink {
    std::string government_code;  // "" = not linked: the notice goes to the review queue
    std::string reason;     // why: "CityCode 072117", "name 田村市", "ambiguous: 府中市 (東京都, 広島県)"
    bool national = false;  // a central-government body (省, 庁, 内閣府…): stays in the queue as 国
};

// Links a notice by code, else by name (docs/intel.md, "Linking"): CityCode or a 5/6-digit
// LgCode that is a known government wins; otherwise OrganizationName (first word, with
// 役場/役所/庁 dropped) is matched by the longest government name it starts with, written
// with or without its prefecture, narrowed by PrefectureName or a 2-digit LgCode. Several
// equally long matches, or none, leave the notice unlinked with the reason.
NoticeLink LinkNoticeToGovernment(const TenderNotice& notice, const std::vector<GovernmentName>& governments);

// An award result written in a notice's text: "落札者：○○株式会社", "落札金額：1,234,000円"
// (also 契約金額 / 落札価格, full-width digits). Empty winner / no amount when absent.
struct AwardText {
    std::string winner;
    std::optional<long long> amount;
};
AwardText ExtractAwardText(std::string_view text);

}  // namespace kyoso::domain
