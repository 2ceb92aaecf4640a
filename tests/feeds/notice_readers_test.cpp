// The notice readers on committed samples, the shared デジタル庁 CSV, and malformed input.
#include "kyoso/feeds/notice_readers.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_support.hpp"

namespace kyoso::feeds {
namespace {

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string Sample(const std::string& name) {
    return Slurp(std::string(KYOSO_SOURCE_DIR) + "/tests/data/intel/" + name);
}

TEST(KkjXmlReader, ReadsTheSampleWithEveryPublishedField) {
    auto notices = ReadKkjXml(Sample("kkj_sample.xml"));
    ASSERT_TRUE(notices.ok()) << notices.status().ToString();
    ASSERT_EQ(notices->size(), 5u);
    const auto& miharu = (*notices)[0];
    EXPECT_EQ(miharu.title, "三春町防災情報配信システム構築業務委託（公募型プロポーザル）");
    EXPECT_EQ(miharu.key, "ZnVrdXNoaW1hL21paGFydS8yMDI2LzIwMjYxMTIwXzAwMQo=");
    EXPECT_EQ(miharu.url, "https://www.town.miharu.fukushima.jp/nyusatsu/2026/bousai-system.pdf");
    EXPECT_EQ(miharu.lg_code, "07");
    EXPECT_EQ(miharu.city_code, "075213");
    EXPECT_EQ(miharu.prefecture_name, "福島県");
    EXPECT_EQ(miharu.city_name, "三春町");
    EXPECT_EQ(miharu.organization_name, "福島県三春町");
    EXPECT_EQ(miharu.category, "役務");
    EXPECT_EQ(miharu.procedure_type, "公募型プロポーザル");
    EXPECT_EQ(miharu.issued_on, MakeDate(2026, 11, 20));
    EXPECT_EQ(miharu.due_on, MakeDate(2026, 12, 11));
    EXPECT_TRUE(miharu.award_winner.empty());
    const auto& award = (*notices)[1];
    EXPECT_EQ(award.issued_on, MakeDate(2026, 11, 10));  // date-only form
    EXPECT_EQ(award.award_winner, "上毛通信工業株式会社");
    EXPECT_EQ(award.award_amount, 123'450'000);
    EXPECT_EQ(award.awarded_on, MakeDate(2026, 11, 10));
}

TEST(KkjXmlReader, RefusesTheWholeFileWithAMessageNamingTheItemAndElement) {
    const std::string head = "<Results><SearchResults>";
    const std::string ok = "<SearchResult><Key>a</Key><ProjectName>清掃業務</ProjectName></SearchResult>";
    struct Case {
        std::string xml;
        std::string message;
    } cases[] = {
        {head + ok +
             "<SearchResult><Key>b</Key><ProjectName>x</ProjectName><CftIssueDate>2026-13-01"
             "</CftIssueDate></SearchResult></SearchResults></Results>",
         "SearchResult 2 <CftIssueDate>: '2026-13-01' is not a date"},
        {head + ok + "<SearchResult><Key>b</Key></SearchResult></SearchResults></Results>",
         "SearchResult 2 <ProjectName>: missing or empty"},
        {head + ok + "<SearchResult><ProjectName>x</ProjectName></SearchResult></SearchResults></Results>",
         "SearchResult 2 <Key>: missing"},
        {head + ok + "<SearchResult><Key>b</Key><ProjectName>x</Proj", "not well-formed XML at line 1"},
        {"<rss><channel/></rss>", "the root element is <rss>, expected <Results>"},
        {"<Results><Error>invalid parameter</Error></Results>", "the response is an error: invalid parameter"},
        {"<Results/>", "<Results> has no <SearchResults>"},
        {"", "not well-formed XML"},
    };
    for (const auto& c : cases) {
        auto read = ReadKkjXml(c.xml);
        ASSERT_FALSE(read.ok()) << c.xml;
        EXPECT_EQ(read.status().code(), ErrorCode::kInvalidArgument);
        EXPECT_NE(read.status().message().find(c.message), std::string::npos) << read.status().message();
    }
}

TEST(KkjXmlReader, NeverLoadsExternalEntities) {
    const std::string xml =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<Results><SearchResults><SearchResult><Key>k</Key><ProjectName>a&x;b</ProjectName>"
        "</SearchResult></SearchResults></Results>";
    auto read = ReadKkjXml(xml);
    // pugixml does not expand the entity: either the text keeps it unexpanded or the
    // parse fails; the file's content never appears.
    if (read.ok()) {
        ASSERT_EQ(read->size(), 1u);
        EXPECT_EQ((*read)[0].title.find("root:"), std::string::npos);
    }
}

TEST(RssReader, ReadsRss2AndConvertsPubDateToTheDateInJapan) {
    auto notices = ReadRss(Sample("rss_sample.xml"));
    ASSERT_TRUE(notices.ok()) << notices.status().ToString();
    ASSERT_EQ(notices->size(), 2u);
    EXPECT_EQ((*notices)[0].title, "ニセコ町ハザードマップ作成業務委託");
    EXPECT_EQ((*notices)[0].organization_name, "ニセコ町 入札・契約情報");  // the channel
    EXPECT_EQ((*notices)[0].issued_on, MakeDate(2026, 11, 20));
    EXPECT_EQ((*notices)[1].key, "niseko-2026-kekka-012");
    EXPECT_EQ((*notices)[1].issued_on, MakeDate(2026, 11, 16));  // 01:30 GMT = 10:30 JST
    EXPECT_EQ((*notices)[1].award_winner, "北海ネット株式会社");
    EXPECT_EQ((*notices)[1].award_amount, 4'800'000);
}

TEST(RssReader, ReadsAtomEntries) {
    auto notices = ReadRss(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>桐生市 入札情報</title>"
        "<entry><title>庁舎LED化工事</title><link href=\"https://example.lg.jp/1\"/><id>urn:1</id>"
        "<updated>2026-11-01T09:00:00+09:00</updated><summary>概要</summary></entry></feed>");
    ASSERT_TRUE(notices.ok()) << notices.status().ToString();
    ASSERT_EQ(notices->size(), 1u);
    EXPECT_EQ((*notices)[0].key, "urn:1");
    EXPECT_EQ((*notices)[0].url, "https://example.lg.jp/1");
    EXPECT_EQ((*notices)[0].organization_name, "桐生市 入札情報");
    EXPECT_EQ((*notices)[0].issued_on, MakeDate(2026, 11, 1));
}

TEST(RssReader, RefusesAMalformedItemWithItsNumber) {
    std::string items;
    for (int i = 1; i <= 11; ++i)
        items += "<item><title>t" + std::to_string(i) + "</title><guid>g" + std::to_string(i) + "</guid></item>";
    auto read = ReadRss("<rss><channel><title>c</title>" + items +
                        "<item><title>t</title><guid>x</guid><pubDate>Foo</pubDate></item></channel></rss>");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().message(), "item 12 <pubDate>: 'Foo' is not an RFC 822 date");
    auto no_title = ReadRss("<rss><channel><item><guid>g</guid></item></channel></rss>");
    EXPECT_EQ(no_title.status().message(), "item 1 <title>: missing or empty");
    auto wrong_root = ReadRss("<Results/>");
    EXPECT_NE(wrong_root.status().message().find("expected <rss> (RSS 2.0) or <feed> (Atom)"), std::string::npos);
}

TEST(NoticeCsvReader, ReadsTheGenericCsvWithAwards) {
    auto notices = ReadNoticeCsv(Sample("generic_notices.csv"));
    ASSERT_TRUE(notices.ok()) << notices.status().ToString();
    ASSERT_EQ(notices->size(), 2u);
    EXPECT_EQ((*notices)[0].key, "TAMURA-2026-031");
    EXPECT_EQ((*notices)[0].award_winner, "東北システム株式会社");
    EXPECT_EQ((*notices)[0].award_amount, 9'900'000);
    EXPECT_EQ((*notices)[0].awarded_on, MakeDate(2026, 10, 30));
    EXPECT_EQ((*notices)[1].lg_code, "07211");
}

TEST(NoticeCsvReader, NamesTheRowAndColumnOfBadInput) {
    struct Case {
        std::string csv;
        std::string message;
    } cases[] = {
        {"title,issued_on\nA,2026-01-01\nB,2026-02-30\n", "row 3 issued_on: '2026-02-30' is not a date"},
        {"title,award_winner,award_amount\nA,X,12万\n", "row 2 award_amount: '12万' is not an amount in yen"},
        {"title,colour\nA,red\n", "header: unknown column 'colour'"},
        {"name,date\nA,2026-01-01\n", "header: expected the デジタル庁 columns"},
        {"更新日,URL,タイトル,備考\n2022/10/25,https://x/?anken=1,件名\nbad,https://x/?anken=2,件名2\n",
         "row 3 更新日: 'bad' is not a date"},
    };
    for (const auto& c : cases) {
        auto read = ReadNoticeCsv(c.csv);
        ASSERT_FALSE(read.ok()) << c.csv;
        EXPECT_NE(read.status().message().find(c.message), std::string::npos) << read.status().message();
    }
}

TEST(NoticeCsvReader, ReadsTheRealDigitalAgencyCsv) {
    KYOSO_REQUIRE_SHARED_DATA(path, "jp-digital-agency-procurement-notices/jp-go-digital-news-procurement.csv");
    auto notices = ReadNoticeCsv(Slurp(path));
    ASSERT_TRUE(notices.ok()) << notices.status().ToString();
    ASSERT_EQ(notices->size(), 885u);
    const auto& first = (*notices)[0];
    EXPECT_EQ(first.organization_name, "デジタル庁");
    EXPECT_EQ(first.issued_on, MakeDate(2022, 10, 25));
    EXPECT_EQ(first.key, first.url);  // no anken= in the portal's search page URL
    EXPECT_EQ((*notices)[1].key, "0000000000000345492");
    EXPECT_EQ((*notices)[1].title,
              "GIF（政府相互運用性フレームワーク）の地理空間分野におけるサブセット策定に関する調査研究");
    for (const auto& n : *notices) {
        EXPECT_FALSE(n.title.empty());
        EXPECT_TRUE(n.issued_on.has_value());
    }
}

TEST(FeedNoticeReader, StampsTheSourceName) {
    FeedNoticeReader reader;
    auto read = reader.Read(ports::NoticeFormat::kRss, Sample("rss_sample.xml"), "");
    ASSERT_TRUE(read.ok());
    EXPECT_EQ((*read)[0].source, "rss");
    read = reader.Read(ports::NoticeFormat::kRss, Sample("rss_sample.xml"), "niseko");
    EXPECT_EQ((*read)[0].source, "niseko");
}

}  // namespace
}  // namespace kyoso::feeds
