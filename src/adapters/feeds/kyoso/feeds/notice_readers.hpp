#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/intel/notice.hpp"
#include "kyoso/ports/notice_reader.hpp"

namespace kyoso::feeds {

// Files larger than this are refused (a search API page of 1,000 results is a few MB).
inline constexpr size_t kMaxNoticeFileBytes = 64u << 20;

// The 官公需情報ポータルサイト search API response (docs/intel.md): <Results> with
// <SearchResults>/<SearchResult> items. All or nothing; errors name the item and element.
Result<std::vector<domain::TenderNotice>> ReadKkjXml(std::string_view bytes);

// RSS 2.0 (rss/channel/item) or Atom (feed/entry). All or nothing.
Result<std::vector<domain::TenderNotice>> ReadRss(std::string_view bytes);

// The デジタル庁 notice CSV (更新日,URL,タイトル,備考) or the generic notice CSV (title,
// organization, …; docs/intel.md), UTF-8 or Shift_JIS. All or nothing; errors name the row.
Result<std::vector<domain::TenderNotice>> ReadNoticeCsv(std::string_view bytes);

// ports::NoticeReader over the three readers above (pugixml for XML; no network, no
// external entities: pugixml never loads them).
class FeedNoticeReader final : public ports::NoticeReader {
public:
    Result<std::vector<domain::TenderNotice>> Read(ports::NoticeFormat format, std::string_view bytes,
                                                   const std::string& source_name) const override;
};

}  // namespace kyoso::feeds
