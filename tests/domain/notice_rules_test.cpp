// Notice dates, folding, linking to governments and award text: table-driven.
#include "kyoso/domain/intel/notice_rules.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

TEST(NoticeDates, ParseTheFormsSourcesWrite) {
    struct Case {
        const char* text;
        std::optional<Date> want;
    } cases[] = {
        {"2026-04-20", MakeDate(2026, 4, 20)},
        {"2026-04-20T00:00:00+09:00", MakeDate(2026, 4, 20)},
        {"2022/10/25", MakeDate(2022, 10, 25)},
        {"2022/1/5", MakeDate(2022, 1, 5)},
        {" 2026-04-20 ", MakeDate(2026, 4, 20)},
        {"2026-02-30", std::nullopt},
        {"2026-04", std::nullopt},
        {"2026-04-20x", std::nullopt},
        {"2026/04-20", std::nullopt},
        {"令和8年4月20日", std::nullopt},
        {"", std::nullopt},
    };
    for (const auto& c : cases) EXPECT_EQ(ParseNoticeDate(c.text), c.want) << c.text;
}

TEST(NoticeDates, Rfc822IsTheDateInJapan) {
    struct Case {
        const char* text;
        std::optional<Date> want;
    } cases[] = {
        {"Wed, 02 Oct 2026 13:00:00 GMT", MakeDate(2026, 10, 2)},
        {"Wed, 02 Oct 2026 15:00:00 GMT", MakeDate(2026, 10, 3)},  // midnight in Japan
        {"2 Oct 26 13:00 +0900", MakeDate(2026, 10, 2)},
        {"Thu, 01 Jan 2026 00:30:00 JST", MakeDate(2026, 1, 1)},
        {"Thu, 31 Dec 2026 20:00:00 EST", MakeDate(2027, 1, 1)},
        {"Foo", std::nullopt},
        {"Wed, 32 Oct 2026 13:00:00 GMT", std::nullopt},
        {"Wed, 02 Okt 2026 13:00:00 GMT", std::nullopt},
        {"Wed, 02 Oct 2026 13:00:00 XYZ", std::nullopt},
        {"2026-10-02", std::nullopt},
    };
    for (const auto& c : cases) EXPECT_EQ(ParseRfc822Date(c.text), c.want) << c.text;
}

TEST(NoticeText, FoldsWidthSpacesAndSmallKe) {
    EXPECT_EQ(FoldNoticeText("ＧＩＳ　更新 業務"), "gis更新業務");
    EXPECT_EQ(FoldNoticeText("鎌ヶ谷市"), FoldNoticeText("鎌ケ谷市"));
    TenderNotice a;
    a.title = "統合型ＧＩＳ 更新";
    a.organization_name = "府中市";
    a.issued_on = MakeDate(2026, 11, 15);
    TenderNotice b = a;
    b.title = "統合型GIS更新";
    EXPECT_EQ(NoticeDedupeKey(a), NoticeDedupeKey(b));
    b.issued_on = MakeDate(2026, 11, 16);
    EXPECT_NE(NoticeDedupeKey(a), NoticeDedupeKey(b));
}

std::vector<GovernmentName> Governments() {
    return {
        {"010006", "北海道", "010006", "北海道", true},    {"011002", "札幌市", "010006", "北海道", false},
        {"014001", "倶知安町", "010006", "北海道", false}, {"070009", "福島県", "070009", "福島県", true},
        {"075213", "三春町", "070009", "福島県", false},   {"130001", "東京都", "130001", "東京都", true},
        {"131024", "中央区", "130001", "東京都", false},   {"011011", "中央区", "010006", "北海道", false},
        {"132063", "府中市", "130001", "東京都", false},   {"340006", "広島県", "340006", "広島県", true},
        {"342084", "府中市", "340006", "広島県", false},   {"343021", "府中町", "340006", "広島県", false},
    };
}

TEST(NoticeLinking, ByCodeThenByNameWithThePrefectureToDisambiguate) {
    struct Case {
        const char* org;
        const char* city_code;
        const char* lg_code;
        const char* prefecture;
        const char* want;  // "" = review queue
        const char* reason;
    } cases[] = {
        {"", "075213", "07", "福島県", "075213", "CityCode 075213"},
        {"", "07521", "", "", "075213", "CityCode 075213"},  // 5-digit form
        {"", "075214", "", "", "", "no organisation"},       // wrong check digit: not a code
        {"福島県三春町", "", "", "", "075213", "name 三春町"},
        {"北海道札幌市", "", "", "", "011002", "name 札幌市"},
        {"札幌市", "", "", "", "011002", "name 札幌市"},
        {"札幌市役所 総務局", "", "", "", "011002", "name 札幌市"},
        {"倶知安町役場 総務課", "", "", "", "014001", "name 倶知安町"},
        {"府中市", "", "", "", "", "ambiguous: 府中市 (東京都, 広島県)"},
        {"府中市役所 総務課", "", "34", "", "342084", "name 府中市"},
        {"府中市", "", "", "東京都", "132063", "name 府中市"},
        {"府中町役場", "", "", "", "343021", "name 府中町"},
        {"中央区", "", "", "", "", "ambiguous: 中央区"},
        {"福島県", "", "", "", "070009", "name 福島県"},
        {"デジタル庁", "", "", "", "", "国の機関"},
        {"架空村役場", "", "", "", "", "unknown organisation: 架空村役場"},
    };
    for (const auto& c : cases) {
        TenderNotice n;
        n.organization_name = c.org;
        n.city_code = c.city_code;
        n.lg_code = c.lg_code;
        n.prefecture_name = c.prefecture;
        auto link = LinkNoticeToGovernment(n, Governments());
        EXPECT_EQ(link.government_code, c.want) << c.org << " " << c.city_code;
        EXPECT_NE(link.reason.find(c.reason), std::string::npos) << c.org << ": " << link.reason;
    }
    TenderNotice national;
    national.organization_name = "デジタル庁";
    EXPECT_TRUE(LinkNoticeToGovernment(national, Governments()).national);
}

TEST(NoticeAwards, ReadWinnerAndAmountOnlyAfterALabelAndColon) {
    struct Case {
        const char* text;
        const char* winner;
        std::optional<long long> amount;
    } cases[] = {
        {"落札者：上毛通信工業株式会社　落札金額：123,450,000円（税抜）", "上毛通信工業株式会社", 123'450'000},
        {"落札者: ABC株式会社, 落札価格: １，２００，０００円", "ABC株式会社", 1'200'000},
        {"契約相手方：株式会社テスト 契約金額：5000円", "株式会社テスト", 5'000},
        {"落札者の決定方法は最低価格とする。", "", std::nullopt},
        {"落札者：株式会社名だけ", "株式会社名だけ", std::nullopt},
        {"", "", std::nullopt},
    };
    for (const auto& c : cases) {
        auto award = ExtractAwardText(c.text);
        EXPECT_EQ(award.winner, c.winner) << c.text;
        if (award.winner.empty()) continue;
        EXPECT_EQ(award.amount, c.amount) << c.text;
    }
}

}  // namespace
}  // namespace kyoso::domain
