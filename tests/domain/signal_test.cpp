#include "kyoso/domain/intel/signal.hpp"

#include <gtest/gtest.h>

#include "kyoso/domain/intel/council.hpp"

namespace kyoso::domain {
namespace {

TEST(CouncilDates, SessionYearAndScheduleDate) {
    struct Case {
        const char* session;
        const char* schedule;
        const char* want;  // "" = none
    };
    const Case cases[] = {
        {"令和7年第3回定例会", "09月25日　一般質問", "2025-09-25"},
        {"令和5年第1回臨時会", "05月18日　正副議長の選挙、常任委員の選任", "2023-05-18"},
        {"令和元年第2回定例会", "06月10日　一般質問", "2019-06-10"},
        {"平成31年第1回定例会", "02月20日　議案説明", "2019-02-20"},
        {"令和７年第４回定例会", "１１月２８日　議案説明", "2025-11-28"},  // 全角 digits
        {"令和7年第3回定例会", "一般質問", ""},                            // no date in the name
        {"令和7年第3回定例会", "02月30日　一般質問", ""},                  // impossible date
        {"第3回定例会", "09月25日　一般質問", ""},                         // no era
        {"平成32年第1回定例会", "02月20日", ""},                           // 平成 ended in 31
    };
    for (const auto& c : cases) {
        auto d = ScheduleDate(c.session, c.schedule);
        if (*c.want == '\0') {
            EXPECT_FALSE(d) << c.session << " / " << c.schedule;
        } else {
            ASSERT_TRUE(d) << c.session << " / " << c.schedule;
            EXPECT_EQ(FormatIsoDate(*d), c.want);
        }
    }
}

TEST(CouncilSpeakers, RolesGiveTheSide) {
    EXPECT_EQ(ClassifySpeaker("質問", "19番"), SpeakerSide::kMember);
    EXPECT_EQ(ClassifySpeaker("質問", "６番"), SpeakerSide::kMember);
    EXPECT_EQ(ClassifySpeaker("答弁", "市民生活部長"), SpeakerSide::kExecutive);
    EXPECT_EQ(ClassifySpeaker("答弁", "市長"), SpeakerSide::kExecutive);
    EXPECT_EQ(ClassifySpeaker("答弁", "ＤＸ推進室長"), SpeakerSide::kExecutive);
    EXPECT_EQ(ClassifySpeaker("議長", "議長"), SpeakerSide::kOther);
    EXPECT_EQ(ClassifySpeaker("議長", "副議長"), SpeakerSide::kOther);
    EXPECT_EQ(ClassifySpeaker("議題", ""), SpeakerSide::kOther);
}

// Real passages of 桐生市議会 minutes (jp-kiryu-council, cited in docs/intel.md).
TEST(SignalCues, RealAnswersAreGraded) {
    struct Case {
        const char* where;
        SpeakerSide side;
        const char* passage;
        const char* cue;  // "" = none
        const char* phrase;
    };
    const Case cases[] = {
        {"r7-1 03月18日 総務部長", SpeakerSide::kExecutive,
         "桐生市においては、チャットボットの有効性を認識しているところであり、従来どおり利用者へのサービスの向上と職員"
         "の"
         "業務効率化を図ることを基本事項として、加えて最新のＡＩ技術の組入れやデジタルディバイド対策などを重視して、シ"
         "ス"
         "テム導入に向けて検討しているところでございます。",
         "commit", "導入に向けて"},
        {"r7-3 09月01日 水道局長", SpeakerSide::kExecutive,
         "まず最初に、調査体制につきましては、下水道管調査の専門業者に委託発注する予定です。その中で修繕が必要になった"
         "管"
         "路は、緊急度を考慮する必要性も生じますが、次年度以降に予算化し、修繕工事を実施したいと考えています。",
         "commit", "予算化"},
        {"r5-2 06月09日 地域振興整備局長", SpeakerSide::kExecutive,
         "議員おっしゃられるとおり、地域の皆様に周知することは大変重要なことだというふうに考えております。ホットランド"
         "様"
         "のほうと協議させていただいて、前向きに検討させていただければと思っております。",
         "consider", "前向きに検討"},
        {"r6-3 09月19日 市民生活部長", SpeakerSide::kExecutive,
         "広域のごみ焼却施設の建設地につきましては、今後の広域化協議会で検討してまいります。本市の果たします役割といた"
         "し"
         "ましては、各市町の状況を踏まえる中で、本市に建設するメリット、デメリットを勘案しながら進めてまいりたいと考え"
         "て"
         "おりますので、御理解のほどよろしくお願いいたします。",
         "consider", "検討してまいります"},
        {"r7-3 09月25日 教育部長", SpeakerSide::kExecutive,
         "紙とデジタルに対する教育委員会の対応についてですが、国の実証研究などの動向を注視しながら各学校の実践を踏まえ"
         "、"
         "系統的な活用方法について引き続き研究してまいります。",
         "study", "研究してまいります"},
        {"r6-3 09月19日 市民生活部長", SpeakerSide::kExecutive,
         "自治会未加入の問題につきましては重要な課題と認識しております。しかしながら、共益費や個別契約などによる徴収に"
         "つき"
         "ましては様々な課題があることから、現段階においては考えておりません。今後、貴重な御提案として受け止めさせてい"
         "た"
         "だきます。",
         "negative", "考えておりません"},
        // The conclusion comes last: declined now, studied later.
        {"constructed", SpeakerSide::kExecutive, "現時点では導入は考えておりませんが、他市の状況を研究してまいります。",
         "study", "研究してまいります"},
        {"r7-3 09月25日 ７番", SpeakerSide::kMember,
         "第２項目、桐生市において弱者に対応したサービスの一環として、障害者向けの母子健康手帳をできるように提案いたし"
         "ます。"
         "当局の御見解をお示しください。",
         "need", "提案いたします"},
        // A member's words never carry an executive cue, and the chair none.
        {"member", SpeakerSide::kMember, "当局は来年度に予算化すると聞いておりますが、確認いたします。", "", ""},
        {"chair", SpeakerSide::kOther, "検討してまいります。", "", ""},
        {"r7-3 09月25日 市民生活部長", SpeakerSide::kExecutive,
         "御答弁申し上げます。桐生署管内で起きた小学生の交通事故件数についてでありますが、2022年が８件となっております"
         "。",
         "", ""},
    };
    for (const auto& c : cases) {
        auto got = ClassifyCue(c.passage, c.side);
        if (*c.cue == '\0') {
            EXPECT_FALSE(got) << c.where;
            continue;
        }
        ASSERT_TRUE(got) << c.where;
        EXPECT_EQ(SignalCueName(got->cue), c.cue) << c.where;
        EXPECT_EQ(got->phrase, c.phrase) << c.where;
    }
}

TEST(SignalCues, NamesRoundTripAndWeightsOrder) {
    for (SignalCue c :
         {SignalCue::kCommit, SignalCue::kConsider, SignalCue::kStudy, SignalCue::kNegative, SignalCue::kNeed}) {
        EXPECT_EQ(ParseSignalCue(SignalCueName(c)), c);
    }
    EXPECT_FALSE(ParseSignalCue("maybe"));
    EXPECT_GT(SignalCueWeight(SignalCue::kCommit), SignalCueWeight(SignalCue::kConsider));
    EXPECT_GT(SignalCueWeight(SignalCue::kConsider), SignalCueWeight(SignalCue::kStudy));
    EXPECT_GT(SignalCueWeight(SignalCue::kStudy), SignalCueWeight(SignalCue::kNegative));
    EXPECT_DOUBLE_EQ(SignalScore(SignalCue::kCommit, 0), 0.6);
    EXPECT_DOUBLE_EQ(SignalScore(SignalCue::kCommit, 100), 1.0);
}

TEST(SignalPassages, SplitDropsFormulasAndStageDirections) {
    // r7-3-teireikai 09月25日, speech 10 (市民生活部長), as published.
    const std::string body =
        "御答弁申し上げます。\n　　桐生署管内で起きた小学生の交通事故件数についてでありますが、2022年が８件、2023年が９"
        "件、"
        "2024年が３件となっております。\n　　以上です。";
    auto p = SplitPassages(body);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(
        p[0],
        "桐生署管内で起きた小学生の交通事故件数についてでありますが、2022年が８件、2023年が９件、2024年が３件となって"
        "おります。");
    EXPECT_TRUE(SplitPassages("19番、福島賢一議員。\n　　〔19番　福島賢一議員質問席へ〕（拍手）").empty());
}

TEST(SignalPassages, LongParagraphsAreCutAfterSentences) {
    std::string sentence = "これは長い段落の一文であり、句点で終わる文を何度も繰り返して三百字を超える段落を作ります。";
    std::string paragraph;
    for (int i = 0; i < 12; ++i) paragraph += sentence;
    auto p = SplitPassages("　　" + paragraph);
    ASSERT_GT(p.size(), 1u);
    std::string joined;
    for (const auto& piece : p) {
        EXPECT_LE(CharCount(piece), kMaxPassageChars);
        joined += piece;
    }
    EXPECT_EQ(joined, paragraph);
}

TEST(SignalProducts, JsonRoundTrip) {
    std::vector<SignalProduct> products = {{3, 7.25, {"チャットボット", "ＡＩ", "quote\"d\\"}}, {12, 1.5, {}}};
    const std::string json = SignalProductsJson(products);
    auto back = ParseSignalProductsJson(json);
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[0].product_id, 3);
    EXPECT_DOUBLE_EQ(back[0].score, 7.25);
    EXPECT_EQ(back[0].terms, products[0].terms);
    EXPECT_EQ(back[1].product_id, 12);
    EXPECT_TRUE(back[1].terms.empty());
    EXPECT_TRUE(ParseSignalProductsJson("[]").empty());
    EXPECT_TRUE(ParseSignalProductsJson("not json").empty());
}

}  // namespace
}  // namespace kyoso::domain
