// The demo's case library (docs/transformation.md, "Case library"): cases written from
// templates about real demo deals won and lost in the two years before as_of, spread
// over the period so the library grows quarter by quarter.
#include <algorithm>
#include <string>
#include <vector>

#include "kyoso/app/demo/demo_division.hpp"
#include "kyoso/ports/case_repository.hpp"

namespace kyoso::app {

namespace {

// Eight windows of 91 days before as_of; per window two successes and one failure at
// most, each window read with a bounded query (Japan scale has many closes).
constexpr int kCaseWindows = 8;
constexpr int kCaseWindowDays = 91;
constexpr int kClosedPerWindow = 3000;
constexpr size_t kWonPerWindow = 2;
constexpr size_t kLostPerWindow = 1;

struct CaseTemplate {
    const char* title;
    const char* summary;
    const char* approach;
    const char* lessons;
    const char* tags;
};

// {g} = the government's name, {p} = the product's name, {c} = the competitor, {r} = the lost reason.
constexpr CaseTemplate kSuccessTemplates[] = {
    {"{p}で窓口業務のオンライン化を実現", "{g}では{p}を導入し、窓口業務のオンライン化と住民の待ち時間の短縮を進めた。",
     "予算要求前（7月）に参考見積と仕様書案を提出し、担当課と効果指標（オンライン申請率）を事前に合意した。",
     "予算要求前（7月）に参考見積を提出できたことが決め手。効果指標を最初に合意しておくと導入後の説明が容易になる。",
     "窓口DX,予算要求,参考見積"},
    {"類似団体の実績を示して{p}を採用", "{g}は人口規模の近い類似団体での導入実績を評価し、{p}を採用した。",
     "類似団体の成果（導入前後の数値）を提案書に引用し、情報政策課と原課の合同勉強会を開いた。",
     "横展開では類似団体の実測値が最も説得力を持つ。原課と情報部門を同時に巻き込むこと。", "横展開,類似団体,勉強会"},
    {"仕様書作成から伴走して{p}を受注", "{g}の{p}調達で、要件整理の段階から担当課に伴走し受注につなげた。",
     "公募型プロポーザルの要件定義を支援し、議会答弁用の効果説明資料も用意した。",
     "仕様書作成段階から関与したことで評価項目に強みが反映された。議会対応資料の支援は信頼につながる。",
     "プロポーザル,仕様書,伴走支援"},
    {"少人数の職場で{p}を短期間に定着", "職員数の少ない{g}で{p}を3か月で稼働させ、担当者の負担を減らした。",
     "初期設定と移行作業を代行し、操作研修を部署ごとに3回実施した。",
     "小規模団体では導入作業の代行と研修の回数が評価される。稼働後1か月の定例会で定着を確認すること。",
     "小規模団体,研修,定着支援"},
};

constexpr CaseTemplate kRotationFailure = {
    "担当課長の人事異動で{p}の検討が白紙に",
    "{g}では{p}の予算化が進んでいたが、4月の人事異動で担当課長が交代し検討が白紙に戻った。失注理由: {r}",
    "後任への引継ぎ資料を用意したが、新任の課長との関係づくりが予算要求の時期に間に合わなかった。",
    "担当課長の人事異動で白紙に。キーパーソンを複数持ち、異動期（3〜4月）の前に引継ぎ面談を設定すること。",
    "人事異動,キーパーソン,引継ぎ"};
constexpr CaseTemplate kCompetitorFailure = {
    "価格競争で{c}に失注（{p}）", "{g}の{p}案件は価格差で{c}が落札した。失注理由: {r}",
    "機能比較表を提出したが、一般競争入札のため価格以外の評価が入らなかった。",
    "一般競争入札では仕様の差別化が効かない。予算要求前に総合評価方式やプロポーザルを提案すべきだった。",
    "入札,価格競争,競合"};
constexpr CaseTemplate kEvaluationFailure = {
    "提案評価で{c}に及ばず（{p}）", "{g}の{p}のプロポーザルで、評価点が{c}に届かなかった。失注理由: {r}",
    "機能説明を中心に提案したが、評価項目の配点と担当課が重視する操作性を事前に確認していなかった。",
    "評価項目と配点を仕様書の段階で把握し、担当課の職員にデモで操作性を体験してもらうべきだった。",
    "プロポーザル,評価項目,デモ"};
constexpr CaseTemplate kBudgetFailure = {
    "予算要求に至らず{p}を見送り", "{g}では{p}の必要性は認められたが、予算要求に至らず見送りとなった。失注理由: {r}",
    "担当課には提案したものの、財政課の査定で求められる費用対効果の試算を用意していなかった。",
    "財政課の査定基準を早めに把握し、効果試算と類似団体の実績を予算要求資料に添えるべきだった。",
    "予算要求,財政課,費用対効果"};

std::string Fill(std::string text, const ports::CaseSourceDeal& d) {
    auto replace = [&](const std::string& key, const std::string& value) {
        for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
            text.replace(at, key.size(), value);
        }
    };
    replace("{g}", d.government_name);
    replace("{p}", d.product_name);
    replace("{c}", d.competitor.empty() ? std::string("他社") : d.competitor);
    replace("{r}", d.lost_reason.empty() ? std::string("不明") : d.lost_reason);
    return text;
}

// `k` of `items`, evenly spaced over them (all when there are no more than k).
std::vector<ports::CaseSourceDeal> Spread(const std::vector<ports::CaseSourceDeal>& items, size_t k) {
    if (items.size() <= k) return items;
    std::vector<ports::CaseSourceDeal> out;
    for (size_t i = 0; i < k; ++i) out.push_back(items[i * items.size() / k]);
    return out;
}

}  // namespace

Status SeedDemoCases(const DemoDivisionContext& context) {
    if (!context.cases) return Status::Ok();
    ports::CaseRepository& repo = *context.cases;
    const Date as_of = context.options.as_of;
    std::vector<ports::CaseStudyRecord> cases;
    auto add = [&](const ports::CaseSourceDeal& d, const char* kind, const CaseTemplate& t) {
        const auto closed_on = ParseIsoDate(d.closed_on);
        if (!closed_on) return;
        ports::CaseStudyRecord c;
        c.kind = kind;
        c.title = Fill(t.title, d);
        c.government_code = d.government_code;
        c.product_id = d.product_id;
        c.deal_id = d.id;
        c.summary = Fill(t.summary, d);
        c.approach = Fill(t.approach, d);
        c.lessons = Fill(t.lessons, d);
        c.tags = t.tags;
        c.created_by = d.owner_id;
        // Written up two to six weeks after the close, never after as_of.
        c.created_on = FormatIsoDate(std::min(as_of, AddDays(*closed_on, 14 + static_cast<int>(d.id % 29))));
        c.created_at = c.created_on + "T09:00:00Z";
        c.updated_at = c.created_at;
        cases.push_back(std::move(c));
    };
    for (int w = kCaseWindows; w >= 1; --w) {
        const Date from = AddDays(as_of, -w * kCaseWindowDays + 1);
        const Date to = AddDays(as_of, -(w - 1) * kCaseWindowDays);
        auto closed = repo.ClosedDeals(FormatIsoDate(from), FormatIsoDate(to), kClosedPerWindow);
        if (!closed.ok()) return closed.status();
        std::vector<ports::CaseSourceDeal> won, lost;
        for (const auto& d : *closed) (d.stage == "won" ? won : lost).push_back(d);
        for (const auto& d : Spread(won, kWonPerWindow)) {
            add(d, "success", kSuccessTemplates[static_cast<size_t>(d.id) % std::size(kSuccessTemplates)]);
        }
        // A lost deal per window, one lost after a 人事異動 when there is one (the lesson the
        // book stresses), written with the template its reason calls for.
        std::stable_partition(lost.begin(), lost.end(), [](const ports::CaseSourceDeal& d) {
            return d.lost_reason.find("異動") != std::string::npos;
        });
        for (const auto& d : Spread(lost, kLostPerWindow)) {
            const CaseTemplate& t = d.lost_reason.find("異動") != std::string::npos   ? kRotationFailure
                                    : d.lost_reason.find("価格") != std::string::npos ? kCompetitorFailure
                                    : d.lost_reason.empty()                           ? kBudgetFailure
                                                                                      : kEvaluationFailure;
            add(d, "failure", t);
        }
    }
    // In the order they were written, so ids follow created_on.
    std::stable_sort(cases.begin(), cases.end(),
                     [](const auto& a, const auto& b) { return a.created_on < b.created_on; });
    for (const auto& c : cases) {
        auto id = repo.Insert(c);
        if (!id.ok()) return id.status();
    }
    return Status::Ok();
}

}  // namespace kyoso::app
