#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/intel/notice.hpp"

namespace kyoso::ports {

// The formats of tender notices Kyoso reads (docs/intel.md, "Tender notices").
enum class NoticeFormat {
    kKkj,  // 官公需情報ポータルサイト search API XML (<Results><SearchResults><SearchResult>…)
    kCsv,  // the デジタル庁 notice CSV (更新日,URL,タイトル,備考) or the generic notice CSV
    kRss,  // RSS 2.0 (channel/item) or Atom (feed/entry)
};
// kkj, csv, rss.
inline std::string_view NoticeFormatSlug(NoticeFormat format) {
    switch (format) {
        case NoticeFormat::kKkj:
            return "kkj";
        case NoticeFormat::kCsv:
            return "csv";
        case NoticeFormat::kRss:
            return "rss";
    }
    return "";
}
// nullopt for an unknown slug.
inline std::optional<NoticeFormat> NoticeFormatFromSlug(std::string_view slug) {
    for (auto f : {NoticeFormat::kKkj, NoticeFormat::kCsv, NoticeFormat::kRss}) {
        if (NoticeFormatSlug(f) == slug) return f;
    }
    return std::nullopt;
}

// Reads a whole file of notices. All or nothing: one malformed item, row or field is an
// InvalidArgument naming it ("item 12 <pubDate>: 'Foo' is not an RFC 822 date") and no
// notice is returned. Never touches the network; external entities are not loaded.
// Every notice gets `source` = `source_name` (or the format slug when empty).
// Implementations are stateless and thread-safe.
class NoticeReader {
public:
    virtual ~NoticeReader() = default;
    virtual Result<std::vector<domain::TenderNotice>> Read(NoticeFormat format, std::string_view bytes,
                                                           const std::string& source_name) const = 0;
};

}  // namespace kyoso::ports
