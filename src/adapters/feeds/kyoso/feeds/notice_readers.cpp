#include "kyoso/feeds/notice_readers.hpp"

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <set>

#include "kyoso/domain/intel/notice_rules.hpp"
#include "kyoso/text/csv_reader.hpp"

namespace kyoso::feeds {

namespace {

std::string Trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

// The 1-based line of byte `offset` in `bytes`.
long long LineOf(std::string_view bytes, ptrdiff_t offset) {
    offset = std::clamp<ptrdiff_t>(offset, 0, static_cast<ptrdiff_t>(bytes.size()));
    return 1 + std::count(bytes.begin(), bytes.begin() + offset, '\n');
}

Status LoadXml(std::string_view bytes, pugi::xml_document& doc, std::string_view what) {
    if (bytes.size() > kMaxNoticeFileBytes) {
        return InvalidArgument(std::string(what) + ": file of " + std::to_string(bytes.size()) +
                               " bytes is larger than the limit of " + std::to_string(kMaxNoticeFileBytes));
    }
    // parse_default expands only the predefined and numeric entities; pugixml has no
    // DTD processing, so external entities are never loaded.
    pugi::xml_parse_result parsed =
        doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto);
    if (!parsed) {
        return InvalidArgument(std::string(what) + ": not well-formed XML at line " +
                               std::to_string(LineOf(bytes, parsed.offset)) + ": " + parsed.description());
    }
    if (!doc.document_element()) return InvalidArgument(std::string(what) + ": the file has no root element");
    return Status::Ok();
}

std::string Child(const pugi::xml_node& node, const char* name) { return Trim(node.child(name).text().get()); }

// An optional date element: absent or empty → nullopt; malformed → error naming it.
Status OptionalDate(const std::string& where, const char* element, const std::string& value, std::optional<Date>* out) {
    if (value.empty()) return Status::Ok();
    auto date = domain::ParseNoticeDate(value);
    if (!date) {
        return InvalidArgument(where + " <" + element + ">: '" + value +
                               "' is not a date (YYYY-MM-DD, optionally with a time)");
    }
    *out = date;
    return Status::Ok();
}

void ApplyAwardText(domain::TenderNotice& n) {
    auto award = domain::ExtractAwardText(n.description);
    if (award.winner.empty()) return;
    n.award_winner = award.winner;
    n.award_amount = award.amount;
    n.awarded_on = n.issued_on;
}

// The value of `name` in a URL's query ("anken=0000000000000345492").
std::string QueryValue(std::string_view url, std::string_view name) {
    size_t q = url.find('?');
    if (q == std::string_view::npos) return "";
    std::string_view query = url.substr(q + 1);
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=') {
            return std::string(pair.substr(name.size() + 1));
        }
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return "";
}

Result<long long> ParseAmount(const std::string& where, const std::string& value) {
    long long amount = 0;
    int digits = 0;
    std::string folded = domain::FoldNoticeText(value);
    static constexpr std::string_view kYen = "円";
    if (folded.size() >= kYen.size() && folded.compare(folded.size() - kYen.size(), kYen.size(), kYen) == 0) {
        folded.resize(folded.size() - kYen.size());
    }
    for (char c : folded) {
        if (c >= '0' && c <= '9') {
            if (++digits > 15) return InvalidArgument(where + ": '" + value + "' is too large an amount");
            amount = amount * 10 + (c - '0');
        } else if (c != ',' || digits == 0) {
            return InvalidArgument(where + ": '" + value + "' is not an amount in yen (digits, commas allowed)");
        }
    }
    if (digits == 0) return InvalidArgument(where + ": '" + value + "' is not an amount in yen");
    return amount;
}

}  // namespace

Result<std::vector<domain::TenderNotice>> ReadKkjXml(std::string_view bytes) {
    pugi::xml_document doc;
    KYOSO_RETURN_IF_ERROR(LoadXml(bytes, doc, "官公需 XML"));
    pugi::xml_node root = doc.document_element();
    if (std::string_view(root.name()) != "Results") {
        return InvalidArgument(std::string("官公需 XML: the root element is <") + root.name() +
                               ">, expected <Results> (the search API's response)");
    }
    if (pugi::xml_node error = root.child("Error")) {
        return InvalidArgument("官公需 XML: the response is an error: " + Trim(error.text().get()));
    }
    pugi::xml_node results = root.child("SearchResults");
    if (!results) return InvalidArgument("官公需 XML: <Results> has no <SearchResults>");
    std::vector<domain::TenderNotice> out;
    int index = 0;
    for (pugi::xml_node item : results.children("SearchResult")) {
        ++index;
        const std::string where = "SearchResult " + std::to_string(index);
        domain::TenderNotice n;
        n.title = Child(item, "ProjectName");
        if (n.title.empty()) return InvalidArgument(where + " <ProjectName>: missing or empty");
        n.url = Child(item, "ExternalDocumentURI");
        n.key = Child(item, "Key");
        if (n.key.empty()) n.key = n.url;
        if (n.key.empty()) return InvalidArgument(where + " <Key>: missing, and no <ExternalDocumentURI> either");
        n.description = Child(item, "ProjectDescription");
        n.organization_name = Child(item, "OrganizationName");
        n.lg_code = Child(item, "LgCode");
        n.city_code = Child(item, "CityCode");
        n.prefecture_name = Child(item, "PrefectureName");
        n.city_name = Child(item, "CityName");
        n.category = Child(item, "Category");
        n.procedure_type = Child(item, "ProcedureType");
        KYOSO_RETURN_IF_ERROR(OptionalDate(where, "CftIssueDate", Child(item, "CftIssueDate"), &n.issued_on));
        KYOSO_RETURN_IF_ERROR(
            OptionalDate(where, "TenderSubmissionDeadline", Child(item, "TenderSubmissionDeadline"), &n.due_on));
        if (n.organization_name.empty()) {
            n.organization_name = n.prefecture_name + n.city_name;
        }
        ApplyAwardText(n);
        out.push_back(std::move(n));
    }
    return out;
}

Result<std::vector<domain::TenderNotice>> ReadRss(std::string_view bytes) {
    pugi::xml_document doc;
    KYOSO_RETURN_IF_ERROR(LoadXml(bytes, doc, "RSS"));
    pugi::xml_node root = doc.document_element();
    std::vector<domain::TenderNotice> out;
    const std::string root_name = root.name();
    if (root_name == "rss") {
        pugi::xml_node channel = root.child("channel");
        if (!channel) return InvalidArgument("RSS: <rss> has no <channel>");
        const std::string channel_title = Child(channel, "title");
        int index = 0;
        for (pugi::xml_node item : channel.children("item")) {
            ++index;
            const std::string where = "item " + std::to_string(index);
            domain::TenderNotice n;
            n.title = Child(item, "title");
            if (n.title.empty()) return InvalidArgument(where + " <title>: missing or empty");
            n.url = Child(item, "link");
            n.key = Child(item, "guid");
            if (n.key.empty()) n.key = n.url;
            if (n.key.empty()) return InvalidArgument(where + " <guid>: missing, and no <link> either");
            n.description = Child(item, "description");
            n.organization_name = Child(item, "dc:creator");
            if (n.organization_name.empty()) n.organization_name = Child(item, "author");
            if (n.organization_name.empty()) n.organization_name = channel_title;
            n.category = Child(item, "category");
            const std::string pub = Child(item, "pubDate");
            if (!pub.empty()) {
                n.issued_on = domain::ParseRfc822Date(pub);
                if (!n.issued_on) return InvalidArgument(where + " <pubDate>: '" + pub + "' is not an RFC 822 date");
            }
            ApplyAwardText(n);
            out.push_back(std::move(n));
        }
        return out;
    }
    if (root_name == "feed") {
        const std::string feed_title = Child(root, "title");
        int index = 0;
        for (pugi::xml_node entry : root.children("entry")) {
            ++index;
            const std::string where = "entry " + std::to_string(index);
            domain::TenderNotice n;
            n.title = Child(entry, "title");
            if (n.title.empty()) return InvalidArgument(where + " <title>: missing or empty");
            n.url = Trim(entry.child("link").attribute("href").value());
            n.key = Child(entry, "id");
            if (n.key.empty()) n.key = n.url;
            if (n.key.empty()) return InvalidArgument(where + " <id>: missing, and no <link href> either");
            n.description = Child(entry, "summary");
            if (n.description.empty()) n.description = Child(entry, "content");
            n.organization_name = Trim(entry.child("author").child("name").text().get());
            if (n.organization_name.empty()) n.organization_name = feed_title;
            const char* element = entry.child("published") ? "published" : "updated";
            const std::string when = Child(entry, element);
            if (!when.empty()) {
                n.issued_on = domain::ParseNoticeDate(when);
                if (!n.issued_on) {
                    return InvalidArgument(where + " <" + element + ">: '" + when + "' is not an RFC 3339 date");
                }
            }
            ApplyAwardText(n);
            out.push_back(std::move(n));
        }
        return out;
    }
    return InvalidArgument("RSS: the root element is <" + root_name + ">, expected <rss> (RSS 2.0) or <feed> (Atom)");
}

Result<std::vector<domain::TenderNotice>> ReadNoticeCsv(std::string_view bytes) {
    text::CsvTableReader reader;
    auto table = reader.ReadBytes(bytes, "notice CSV");
    if (!table.ok()) return table.status();
    std::map<std::string, size_t> column;
    for (size_t i = 0; i < table->header.size(); ++i) column[Trim(table->header[i])] = i;
    auto cell = [&](const ports::Table::Row& row, const std::string& name) -> std::string {
        auto it = column.find(name);
        if (it == column.end() || it->second >= row.cells.size()) return "";
        return Trim(row.cells[it->second]);
    };
    std::vector<domain::TenderNotice> out;
    if (column.count("タイトル") && column.count("URL") && column.count("更新日")) {
        // The デジタル庁 procurement news list: 更新日,URL,タイトル,備考.
        for (const auto& row : table->rows) {
            const std::string where = "row " + std::to_string(row.line);
            domain::TenderNotice n;
            n.title = cell(row, "タイトル");
            if (n.title.empty()) return InvalidArgument(where + " タイトル: empty");
            n.url = cell(row, "URL");
            if (n.url.empty()) return InvalidArgument(where + " URL: empty");
            n.key = QueryValue(n.url, "anken");
            if (n.key.empty()) n.key = n.url;
            n.description = cell(row, "備考");
            n.organization_name = "デジタル庁";
            const std::string date = cell(row, "更新日");
            n.issued_on = domain::ParseNoticeDate(date);
            if (!n.issued_on) return InvalidArgument(where + " 更新日: '" + date + "' is not a date (YYYY/MM/DD)");
            out.push_back(std::move(n));
        }
        return out;
    }
    static const std::set<std::string> kGeneric = {
        "key", "title",    "organization",   "lg_code",     "city_code",    "prefecture_name", "issued_on", "due_on",
        "url", "category", "procedure_type", "description", "award_winner", "award_amount",    "awarded_on"};
    if (!column.count("title")) {
        std::string got;
        for (const auto& h : table->header) got += (got.empty() ? "" : ",") + h;
        return InvalidArgument(
            "header: expected the デジタル庁 columns 更新日,URL,タイトル,備考 or the generic columns title, "
            "organization, lg_code, issued_on, url, category, procedure_type, description, award_winner, "
            "award_amount, awarded_on (got " +
            got + ")");
    }
    for (const auto& [name, index] : column) {
        if (!kGeneric.count(name)) return InvalidArgument("header: unknown column '" + name + "'");
    }
    for (const auto& row : table->rows) {
        const std::string where = "row " + std::to_string(row.line);
        domain::TenderNotice n;
        n.title = cell(row, "title");
        if (n.title.empty()) return InvalidArgument(where + " title: empty");
        n.organization_name = cell(row, "organization");
        n.lg_code = cell(row, "lg_code");
        n.city_code = cell(row, "city_code");
        n.prefecture_name = cell(row, "prefecture_name");
        n.url = cell(row, "url");
        n.category = cell(row, "category");
        n.procedure_type = cell(row, "procedure_type");
        n.description = cell(row, "description");
        n.award_winner = cell(row, "award_winner");
        for (auto [name, target] : {std::pair<const char*, std::optional<Date>*>{"issued_on", &n.issued_on},
                                    {"due_on", &n.due_on},
                                    {"awarded_on", &n.awarded_on}}) {
            const std::string value = cell(row, name);
            if (value.empty()) continue;
            *target = domain::ParseNoticeDate(value);
            if (!*target) return InvalidArgument(where + " " + name + ": '" + value + "' is not a date (YYYY-MM-DD)");
        }
        const std::string amount = cell(row, "award_amount");
        if (!amount.empty()) {
            auto parsed = ParseAmount(where + " award_amount", amount);
            if (!parsed.ok()) return parsed.status();
            n.award_amount = *parsed;
            if (n.award_winner.empty())
                return InvalidArgument(where + " award_winner: empty while award_amount is set");
        }
        n.key = cell(row, "key");
        if (n.key.empty()) n.key = n.url;
        if (n.key.empty()) n.key = domain::NoticeDedupeKey(n);
        out.push_back(std::move(n));
    }
    return out;
}

Result<std::vector<domain::TenderNotice>> FeedNoticeReader::Read(ports::NoticeFormat format, std::string_view bytes,
                                                                 const std::string& source_name) const {
    Result<std::vector<domain::TenderNotice>> read = InvalidArgument("unknown notice format");
    switch (format) {
        case ports::NoticeFormat::kKkj:
            read = ReadKkjXml(bytes);
            break;
        case ports::NoticeFormat::kCsv:
            if (bytes.size() > kMaxNoticeFileBytes) {
                return InvalidArgument("notice CSV: file of " + std::to_string(bytes.size()) +
                                       " bytes is larger than the limit of " + std::to_string(kMaxNoticeFileBytes));
            }
            read = ReadNoticeCsv(bytes);
            break;
        case ports::NoticeFormat::kRss:
            read = ReadRss(bytes);
            break;
    }
    if (!read.ok()) return read.status();
    const std::string source = source_name.empty() ? std::string(ports::NoticeFormatSlug(format)) : source_name;
    for (auto& n : *read) n.source = source;
    return read;
}

}  // namespace kyoso::feeds
