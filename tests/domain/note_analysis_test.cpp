#include <gtest/gtest.h>

#include "kyoso/domain/notes/note_cues.hpp"
#include "kyoso/domain/notes/note_dates.hpp"

namespace kyoso::domain {
namespace {

struct DateCase {
    const char* note_date;
    const char* text;
    const char* kind;
    const char* from;
    const char* to;
};

// Expected ranges computed by hand from the rules of docs/ml.md. Calendar facts used:
// 2026-11-20 is a Friday (its week: Mon 11-16 .. Fri 11-20); 2026-12-20 and 2027-01-10
// are Sundays (weeks start on Monday: 12-14 and 01-04); FY2026 = 2026-04-01..2027-03-31.
TEST(NoteDates, ResolvesEachExpression) {
    const DateCase cases[] = {
        // Weeks around Friday 2026-11-20.
        {"2026-11-20", "来週", "week", "2026-11-23", "2026-11-27"},
        {"2026-11-20", "今週", "week", "2026-11-16", "2026-11-20"},
        {"2026-11-20", "再来週", "week", "2026-11-30", "2026-12-04"},
        {"2026-11-20", "先週", "week", "2026-11-09", "2026-11-13"},
        // Months and their parts.
        {"2026-11-20", "来月", "month", "2026-12-01", "2026-12-31"},
        {"2026-11-20", "来月中旬", "period", "2026-12-11", "2026-12-20"},
        {"2026-11-20", "再来月", "month", "2027-01-01", "2027-01-31"},
        {"2026-11-20", "10月中旬", "period", "2027-10-11", "2027-10-20"},    // October has passed: next year's
        {"2026-11-20", "十月中旬", "period", "2027-10-11", "2027-10-20"},    // kanji numeral
        {"2026-11-20", "１０月中旬", "period", "2027-10-11", "2027-10-20"},  // full-width digits
        {"2026-11-20", "12月上旬", "period", "2026-12-01", "2026-12-10"},
        {"2026-11-20", "十二月", "month", "2026-12-01", "2026-12-31"},
        {"2026-11-20", "1月下旬", "period", "2027-01-21", "2027-01-31"},
        {"2026-11-20", "11月末", "period", "2026-11-25", "2026-11-30"},  // this month: the current year
        {"2026-11-20", "2月末", "period", "2027-02-25", "2027-02-28"},   // 2027 is not a leap year
        {"2026-11-20", "4月以降", "after", "2027-04-01", "2028-03-31"},
        {"2026-11-20", "12月まで", "until", "2026-11-20", "2026-12-31"},
        // Days.
        {"2026-11-20", "12月3日", "day", "2026-12-03", "2026-12-03"},
        {"2026-11-20", "11月5日", "day", "2026-11-05", "2026-11-05"},  // 15 days back: still this year
        {"2026-11-20", "10月1日", "day", "2027-10-01", "2027-10-01"},  // 50 days back: next year's
        {"2026-11-20", "１２／３", "day", "2026-12-03", "2026-12-03"},
        {"2026-11-20", "明日", "day", "2026-11-21", "2026-11-21"},
        {"2026-11-20", "明後日", "day", "2026-11-22", "2026-11-22"},
        {"2026-11-20", "本日", "day", "2026-11-20", "2026-11-20"},
        {"2026-11-20", "3日後", "day", "2026-11-23", "2026-11-23"},
        {"2026-11-20", "三日後", "day", "2026-11-23", "2026-11-23"},
        {"2026-11-20", "2週間後", "day", "2026-12-04", "2026-12-04"},
        {"2026-11-20", "1か月後", "day", "2026-12-20", "2026-12-20"},
        {"2026-11-20", "2027年2月", "month", "2027-02-01", "2027-02-28"},
        {"2026-11-20", "2027年2月3日", "day", "2027-02-03", "2027-02-03"},
        {"2026-11-20", "令和9年1月", "month", "2027-01-01", "2027-01-31"},  // 令和9年 = 2027
        // Years and fiscal years.
        {"2026-11-20", "年明け", "period", "2027-01-04", "2027-01-15"},
        {"2026-11-20", "年内", "until", "2026-11-20", "2026-12-31"},
        {"2026-11-20", "年末", "period", "2026-12-21", "2026-12-31"},
        {"2026-11-20", "年度内", "until", "2026-11-20", "2027-03-31"},
        {"2026-11-20", "年度末", "period", "2027-03-01", "2027-03-31"},
        {"2026-11-20", "今年度", "fiscal_year", "2026-04-01", "2027-03-31"},
        {"2026-11-20", "来年度", "fiscal_year", "2027-04-01", "2028-03-31"},
        {"2026-11-20", "再来年度", "fiscal_year", "2028-04-01", "2029-03-31"},
        {"2026-11-20", "令和8年度", "fiscal_year", "2026-04-01", "2027-03-31"},  // R8 = FY2026
        {"2026-11-20", "令和９年度", "fiscal_year", "2027-04-01", "2028-03-31"},
        {"2026-11-20", "令和八年度", "fiscal_year", "2026-04-01", "2027-03-31"},
        {"2026-11-20", "令和元年度", "fiscal_year", "2019-04-01", "2020-03-31"},
        {"2026-11-20", "平成31年度", "fiscal_year", "2019-04-01", "2020-03-31"},
        {"2026-11-20", "2027年度", "fiscal_year", "2027-04-01", "2028-03-31"},
        {"2026-11-20", "来年", "year", "2027-01-01", "2027-12-31"},
        // Across the year end: a note of Sunday 2026-12-20 (its week starts Mon 12-14).
        {"2026-12-20", "年明け", "period", "2027-01-04", "2027-01-15"},
        {"2026-12-20", "来週", "week", "2026-12-21", "2026-12-25"},
        {"2026-12-20", "来月", "month", "2027-01-01", "2027-01-31"},
        {"2026-12-20", "1月10日", "day", "2027-01-10", "2027-01-10"},
        {"2026-12-20", "年度内", "until", "2026-12-20", "2027-03-31"},
        {"2026-12-31", "明日", "day", "2027-01-01", "2027-01-01"},
        // A note written in January: 年明け is this January; 来年度 is FY2027.
        {"2027-01-10", "年明け", "period", "2027-01-04", "2027-01-15"},
        {"2027-01-10", "来年度", "fiscal_year", "2027-04-01", "2028-03-31"},
        {"2027-01-10", "12月", "month", "2027-12-01", "2027-12-31"},
        // The budget cycle (default municipal calendar). From 2026-06-10, the request
        // deadline 2026-11-15 is a Sunday, so it moves to Friday 11-13: until 11-12.
        {"2026-06-10", "予算要求前", "until", "2026-06-10", "2026-11-12"},
        // From 2026-11-20 the next 定例会 is December's, 12-01..12-20: after it from 12-21.
        {"2026-11-20", "議会後", "after", "2026-12-21", "2027-03-31"},
        {"2026-11-20", "議会前", "until", "2026-11-20", "2026-11-30"},
    };
    for (const auto& c : cases) {
        const Date note = *ParseIsoDate(c.note_date);
        auto found = FindDateMentions(c.text, note);
        ASSERT_EQ(found.size(), 1u) << c.note_date << " " << c.text;
        EXPECT_EQ(found[0].kind, c.kind) << c.note_date << " " << c.text;
        EXPECT_EQ(FormatIsoDate(found[0].from), c.from) << c.note_date << " " << c.text;
        EXPECT_EQ(FormatIsoDate(found[0].to), c.to) << c.note_date << " " << c.text;
    }
}

TEST(NoteDates, FindsEveryExpressionOfANote) {
    const Date note = MakeDate(2026, 11, 20);
    auto found = FindDateMentions("来週訪問し、10月中旬に仕様を固め、令和9年度の予算要求予定。", note);
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].text, "来週");
    EXPECT_EQ(found[1].text, "10月中旬");
    EXPECT_EQ(found[2].text, "令和9年度");
    EXPECT_EQ(FormatIsoDate(found[2].from), "2027-04-01");
    EXPECT_TRUE(found[0].begin < found[1].begin && found[1].begin < found[2].begin);
}

TEST(NoteDates, IgnoresNumbersThatAreNotDates) {
    const Date note = MakeDate(2026, 11, 20);
    EXPECT_TRUE(FindDateMentions("見積額は300万円、職員20名、13月1日、2/30", note).empty());
    EXPECT_TRUE(FindDateMentions("十分に検討いただいた", note).empty());
    EXPECT_TRUE(FindDateMentions("", note).empty());
    EXPECT_TRUE(FindDateMentions("令和99年度", note).empty());  // beyond 2100
}

TEST(NoteDates, NormalisesDigitsAndKanjiNumerals) {
    EXPECT_EQ(NormalizeNoteText("１０月２０日"), "10月20日");
    EXPECT_EQ(NormalizeNoteText("二十日と三十一日"), "20日と31日");
    EXPECT_EQ(NormalizeNoteText("令和元年度"), "令和1年度");
    EXPECT_EQ(NormalizeNoteText("二〇二六年"), "2026年");
    EXPECT_EQ(NormalizeNoteText("一緒に十分検討"), "一緒に十分検討");  // no counter after them
}

TEST(NoteCues, BudgetCueTable) {
    struct Case {
        const char* text;
        std::vector<std::pair<std::string, std::string>> want;  // phrase, polarity
    };
    const Case cases[] = {
        {"財政課から今年は予算がないと言われた。", {{"予算がない", "negative"}}},
        {"来年度要求に向けて参考見積を提出する。", {{"来年度要求", "positive"}}},
        {"補正で対応できないか検討したい。", {{"補正で", "supplementary"}}},
        {"今回は予算要求しない方針。", {{"予算要求しない", "negative"}}},  // not the positive 予算要求
        {"当初予算で債務負担行為を設定予定。", {{"当初予算", "neutral"}, {"債務負担行為", "neutral"}}},
        {"査定で落ちて見送りとなった。", {{"査定で落ち", "negative"}, {"見送り", "negative"}}},
        {"課長は予算要求予定とのこと。", {{"予算要求予定", "positive"}}},  // the longer phrase, not 要求予定
        {"財政が厳しいが、６月補正予算で計上を目指す。", {{"財政が厳しい", "negative"}, {"補正予算", "supplementary"}}},
        {"操作研修を実施した。", {}},
    };
    for (const auto& c : cases) {
        auto cues = FindBudgetCues(c.text);
        std::vector<std::pair<std::string, std::string>> got;
        for (const auto& cue : cues) got.emplace_back(cue.phrase, cue.polarity);
        EXPECT_EQ(got, c.want) << c.text;
    }
}

TEST(NoteCues, BudgetSignalIsTheLastNonNeutralCue) {
    EXPECT_EQ(BudgetSignal(FindBudgetCues("")), "none");
    EXPECT_EQ(BudgetSignal(FindBudgetCues("当初予算の話。")), "neutral");
    // negative first, then a supplementary plan: the newest statement wins.
    EXPECT_EQ(BudgetSignal(FindBudgetCues("予算が厳しい。補正で対応したい。")), "supplementary");
    EXPECT_EQ(BudgetSignal(FindBudgetCues("来年度要求する予定だったが見送り。")), "negative");
}

TEST(NoteCues, PolicyTags) {
    auto tags = FindPolicyTags("避難所の運営と防災アプリ、子育て世帯への通知をオンラインで。");
    ASSERT_EQ(tags.size(), 3u);
    EXPECT_EQ(tags[0].tag, "防災");  // 防災 + 避難: 2 hits
    EXPECT_EQ(tags[0].hits, 2);
    EXPECT_EQ(tags[0].keywords, (std::vector<std::string>{"防災", "避難"}));
    EXPECT_EQ(tags[1].tag, "子育て");  // 1 hit, before DX in table order
    EXPECT_EQ(tags[2].tag, "DX");      // オンライン
    EXPECT_TRUE(FindPolicyTags("打合せを行った。").empty());
}

TEST(NoteCues, SentencesAndNextSteps) {
    const std::string note =
        "本日課長と面談。予算が厳しいとのこと。\n・次回は来週水曜に訪問予定。見積を11月末までに送付します。先週の資料は"
        "好評。";
    auto sentences = SplitSentences(note);
    ASSERT_EQ(sentences.size(), 5u);
    EXPECT_EQ(sentences[2], "次回は来週水曜に訪問予定。");  // the bullet is trimmed
    auto steps = FindNextSteps(note, MakeDate(2026, 11, 20));
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].sentence, "次回は来週水曜に訪問予定。");
    EXPECT_EQ(steps[0].markers, (std::vector<std::string>{"次回", "予定"}));
    EXPECT_EQ(FormatIsoDate(*steps[0].due_from), "2026-11-23");  // 来週 = 11-23..11-27
    EXPECT_EQ(FormatIsoDate(*steps[0].due_to), "2026-11-27");
    EXPECT_EQ(steps[1].sentence, "見積を11月末までに送付します。");
    EXPECT_EQ(FormatIsoDate(*steps[1].due_from), "2026-11-25");  // 11月末 = 11-25..11-30
    // A sentence with only a future date is a next step; one with a past date is not.
    auto dated = FindNextSteps("年明けに課長説明。先週デモ実施。", MakeDate(2026, 12, 20));
    ASSERT_EQ(dated.size(), 1u);
    EXPECT_EQ(dated[0].sentence, "年明けに課長説明。");
    EXPECT_TRUE(dated[0].markers.empty());
    EXPECT_EQ(FormatIsoDate(*dated[0].due_from), "2027-01-04");
}

}  // namespace
}  // namespace kyoso::domain
