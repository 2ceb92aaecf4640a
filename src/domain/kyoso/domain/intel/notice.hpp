#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kyoso/core/date.hpp"

namespace kyoso::domain {

// One tender notice (入札公告・調達情報) as read from a source: the 官公需情報ポータルサイト
// search API's XML, a CSV of notices, or an RSS feed (docs/intel.md). Fields a source
// does not carry stay empty.
struct TenderNotice {
    long long id = 0;
    std::string source;             // "kkj" (官公需 XML), "csv", "rss", or the --source-name given
    std::string key;                // the source's own key (Key, 案件番号, RSS guid); dedupe
    std::string title;              // ProjectName / タイトル
    std::string description;        // ProjectDescription
    std::string url;                // ExternalDocumentURI / link
    std::string organization_name;  // OrganizationName (発注機関), as published
    std::string lg_code;            // LgCode as published ("07" prefecture in the 官公需 API, or a 団体コード)
    std::string city_code;          // CityCode as published (5- or 6-digit 団体コード), "" = none
    std::string prefecture_name;    // PrefectureName (福島県), "" = none
    std::string city_name;          // CityName (田村市), "" = none
    std::string government_code;    // the linked government, "" = not linked (review queue)
    std::string category;           // Category: 物品 / 役務 / 工事
    std::string procedure_type;     // ProcedureType: 一般競争入札, 随意契約, ...
    std::optional<Date> issued_on;  // CftIssueDate / 更新日 / pubDate
    std::optional<Date> due_on;     // 入札締切 (TenderSubmissionDeadline), when published
    // Award result (落札結果), when the source carries it: competitor data.
    std::string award_winner;
    std::optional<long long> award_amount;  // yen
    std::optional<Date> awarded_on;
};

// Where a stored notice stands with its government: linked to one, waiting in the
// review queue (unknown, ambiguous or central-government organisation), or dismissed.
enum class NoticeReviewState { kLinked, kNeedsReview, kDismissed };
std::string_view NoticeReviewStateSlug(NoticeReviewState state);  // linked, needs_review, dismissed
std::optional<NoticeReviewState> NoticeReviewStateFromSlug(std::string_view slug);

}  // namespace kyoso::domain
