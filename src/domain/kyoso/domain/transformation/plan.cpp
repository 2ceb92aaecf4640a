#include "kyoso/domain/transformation/plan.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace kyoso::domain {

namespace {

using D = TransformationDimension;
using S = PlanStage;
using O = PlanOwnerRole;
using R = PlanDueRule;

constexpr unsigned kCities = kPlanFocusLargeCities | kPlanFocusMixed;
constexpr unsigned kTowns = kPlanFocusTowns | kPlanFocusMixed;

// The catalogue (docs/transformation.md, "Staged action plan"). Grounded in
// vision-ja.txt「最後に：変革への第一歩」(what sales staff, managers and executives can
// start tomorrow; pilot projects, two-axis measures, 横展開) and DOMAIN.md (the budget
// cycle, 随意契約 ceilings, 人事異動). Within a dimension and stage the more specific
// entries (by size or government focus) come first: the generator takes them in order.
std::vector<PlanActionTemplate> BuildCatalogue() {
    std::vector<PlanActionTemplate> c;
    auto add = [&c](PlanActionTemplate t) { c.push_back(t); };

    // Core: the executive's commitment and the two-axis review (経営者ができること).
    add({"core.vision",
         S::kPilot,
         D::kLearningCulture,
         "変革ビジョンと二軸の評価指標を示す",
         "State the vision and the two-axis measures",
         "経営者が営業改革の必要性と成功イメージを全社に示し、短期の業績指標と長期の変革指標の両方で評価すると宣言する"
         "。",
         "The executive states why sales must change, what success looks like, and that it will be judged on "
         "short-term results and long-term change alike.",
         O::kExecutive,
         {"全社説明会の実施", "All-hands briefing held", ">=", 1, "回", "scorecard"},
         R::kStageEnd,
         kPlanBandAll,
         kPlanFocusAll,
         true,
         false});
    add({"core.gap_review",
         S::kPilot,
         D::kData,
         "自己評価とデータの差を共有する",
         "Share where self-assessment and data disagree",
         "診断で自己評価が実測を上回った領域を、チームで数字とともに確認し、記録ルールの改善点を決める。",
         "Review with the team, figures in hand, the dimensions where the self-assessment is above what the data "
         "shows, and agree what to record differently.",
         O::kManager,
         {"当日記録率", "Same-day logging", ">=", 80, "%", "same_day_logging"},
         R::kStageEnd,
         kPlanBandAll,
         kPlanFocusAll,
         false,
         true});
    add({"core.scorecard_review",
         S::kExpand,
         D::kLearningCulture,
         "二軸スコアカードを四半期ごとにレビューする",
         "Review the two-axis scorecard every quarter",
         "業績（売上・勝率・サイクル）と変革（データ品質・活用・引き継ぎ・事例）の二軸を経営会議で四半期ごとに確認する"
         "。",
         "Every quarter the management meeting reviews both axes: performance (revenue, win rate, cycle time) and "
         "transformation (data quality, adoption, hand-offs, cases).",
         O::kExecutive,
         {"スコアカードレビュー", "Scorecard reviews held", ">=", 2, "回", "scorecard"},
         R::kStageEnd,
         kPlanBandAll,
         kPlanFocusAll,
         true,
         false});

    // データ活用
    add({"data.same_day_logging",
         S::kPilot,
         D::kData,
         "接点をその日のうちに記録する",
         "Log every contact the same day",
         "パイロットチームで、顧客との接点（訪問・電話・メール）をその日のうちにKyosoへ記録する。結果だけでなく経緯と反"
         "応も残す。",
         "In the pilot team every contact (visit, call, mail) is logged in Kyoso the same day, with the process "
         "and the customer's reaction, not only the result.",
         O::kManager,
         {"当日記録率", "Same-day logging", ">=", 80, "%", "same_day_logging"},
         R::kStageEnd});
    add({"data.key_fields",
         S::kPilot,
         D::kData,
         "案件の必須項目を決めて埋める",
         "Define and fill the key deal fields",
         "金額・対象年度・予算状況・受注予定日・キーパーソン・製品・次の一手を必須項目とし、未入力の案件を週次で解消す"
         "る。",
         "Make amount, fiscal year, budget status, expected close, champion, product and next step the key "
         "fields, and clear the deals missing them every week.",
         O::kManager,
         {"案件項目の充足率", "Deal field completeness", ">=", 90, "%", "deal_field_completeness"},
         R::kStageEnd});
    add({"data.weekly_review",
         S::kExpand,
         D::kData,
         "データに基づく週次フィードバックを全チームへ",
         "Weekly data-based feedback in every team",
         "チームの活動データを週次で振り返り、成功パターンを共有する。パイロットの記録ルールを全チームに広げる。",
         "Review the team's activity data every week and share what works; extend the pilot's recording rules to "
         "every team.",
         O::kManager,
         {"当日記録率", "Same-day logging", ">=", 90, "%", "same_day_logging"},
         R::kStageEnd});
    add({"data.targets_from_data",
         S::kInstitutionalise,
         D::kData,
         "データに基づく目標設定と評価を制度化する",
         "Institutionalise data-based targets and reviews",
         "目標（クォータ）と評価をKyosoの実績データから設定し、記録の品質を評価項目に含める。",
         "Set quotas and reviews from Kyoso's recorded figures, and make recording quality part of the review.",
         O::kExecutive,
         {"案件項目の充足率", "Deal field completeness", ">=", 95, "%", "deal_field_completeness"},
         R::kStageEnd});

    // 分業
    add({"division.solo_bdr_is",
         S::kPilot,
         D::kDivisionOfLabour,
         "一人でBDRとISを兼ねる時間を固定する",
         "Fix the hours one person spends as BDR and inside sales",
         "専任チームを置かず、担当者一人が週2日をリード対応（BDR・インサイドセールス）に充て、商談化したら訪問担当へ引"
         "き継ぐ。",
         "Without dedicated teams, one person spends two days a week on leads (BDR and inside sales) and hands "
         "qualified ones to whoever visits.",
         O::kInsideSales,
         {"引き継ぎSLA遵守率", "Hand-off SLA compliance", ">=", 80, "%", "handoff_sla_compliance"},
         R::kStageEnd,
         kPlanBandSmall});
    add({"division.is_fs_pilot",
         S::kPilot,
         D::kDivisionOfLabour,
         "IS/FS分業のパイロットチームをつくる",
         "Form an inside-sales / field-sales pilot team",
         "一つのチームでインサイドセールスとフィールドセールスを分け、引き継ぎの基準とSLAを決めて3か月試す。",
         "Split inside and field sales in one team, agree the hand-off criteria and SLA, and run it for three months.",
         O::kManager,
         {"引き継ぎSLA遵守率", "Hand-off SLA compliance", ">=", 85, "%", "handoff_sla_compliance"},
         R::kStageEnd,
         kPlanBandMedium});
    add({"division.region_pilot",
         S::kPilot,
         D::kDivisionOfLabour,
         "一地域で専任BDR/IS/FS/CSのパイロットを行う",
         "Pilot dedicated BDR/IS/FS/CS teams in one region",
         "一つの地域で専任のBDR・IS・FS・CSを置き、リード→商談→受注→定着の引き継ぎをSLAつきで回す。",
         "In one region, dedicated BDR, IS, FS and CS staff run lead → deal → win → adoption with SLA'd hand-offs.",
         O::kManager,
         {"引き継ぎSLA遵守率", "Hand-off SLA compliance", ">=", 90, "%", "handoff_sla_compliance"},
         R::kStageEnd,
         kPlanBandLarge});
    add({"division.handoff_rules",
         S::kPilot,
         D::kDivisionOfLabour,
         "引き継ぎの基準とSLAを決める",
         "Agree hand-off criteria and SLAs",
         "どの状態のリード・案件を誰に渡すか、何営業日以内に受けるかを決め、Kyosoの引き継ぎ種別に登録する。",
         "Agree which leads and deals go to whom and within how many business days they are accepted; record "
         "them as Kyoso hand-off types.",
         O::kManager,
         {"引き継ぎSLA遵守率", "Hand-off SLA compliance", ">=", 80, "%", "handoff_sla_compliance"},
         R::kStageEnd});
    add({"division.light_tools",
         S::kExpand,
         D::kDivisionOfLabour,
         "軽量な仕組みで役割を回す",
         "Run the roles with lightweight tools",
         "共有の受付窓口・メールテンプレート・ケイデンスで、少人数でも引き継ぎが漏れない仕組みにする。",
         "Shared inbox, mail templates and cadences so that hand-offs are not lost even with a few people.",
         O::kInsideSales,
         {"引き継ぎSLA遵守率", "Hand-off SLA compliance", ">=", 90, "%", "handoff_sla_compliance"},
         R::kStageEnd,
         kPlanBandSmall});
    add({"division.expand_split",
         S::kExpand,
         D::kDivisionOfLabour,
         "分業を全チームへ広げる",
         "Extend the split to every team",
         "パイロットの効果（商談化率・SLA・サイクル）を測り、改善した分業を全チームへ展開する。",
         "Measure the pilot's effect (conversion, SLA, cycle) and roll the improved split out to every team.",
         O::kManager,
         {"引き継ぎSLA遵守率", "Hand-off SLA compliance", ">=", 90, "%", "handoff_sla_compliance"},
         R::kStageEnd,
         kPlanBandMedium});
    add({"division.dedicated_teams",
         S::kExpand,
         D::kDivisionOfLabour,
         "専任チームを全地域に置く",
         "Dedicated teams in every region",
         "地域パイロットの結果をもとに、専任のBDR・IS・FS・CSチームを全地域に設置する。",
         "From the regional pilot's results, set up dedicated BDR, IS, FS and CS teams in every region.",
         O::kExecutive,
         {"引き継ぎSLA遵守率", "Hand-off SLA compliance", ">=", 90, "%", "handoff_sla_compliance"},
         R::kStageEnd,
         kPlanBandLarge});
    add({"division.enablement",
         S::kInstitutionalise,
         D::kDivisionOfLabour,
         "イネーブルメント担当を置く",
         "Appoint a sales enablement role",
         "役割ごとの育成・手順書・ツール定着を担うイネーブルメント担当を設置し、分業を組織の標準にする。",
         "Appoint an enablement role for each role's training, playbooks and tool adoption, making the split the "
         "organisation's standard.",
         O::kExecutive,
         {"引き継ぎSLA遵守率", "Hand-off SLA compliance", ">=", 95, "%", "handoff_sla_compliance"},
         R::kStageEnd,
         kPlanBandLarge});
    add({"division.policy_vs_implementation",
         S::kInstitutionalise,
         D::kDivisionOfLabour,
         "政策形成支援と導入支援を分ける",
         "Separate policy-formation and implementation support",
         "予算化前の政策形成支援（FS）と契約後の導入・成果支援（CS）を分け、受注案件はすべてCSに引き継ぐ。",
         "Separate policy-formation support before the budget (field sales) from implementation and outcome "
         "support after the contract (customer success); every won deal is handed to CS.",
         O::kCustomerSuccess,
         {"成果指標を登録した受注案件", "Won deals with outcome metrics", ">=", 80, "%", "outcome_metrics"},
         R::kStageEnd});

    // AI活用
    add({"ai.score_trial",
         S::kPilot,
         D::kAi,
         "案件スコアと次の一手を毎朝確認する",
         "Check deal scores and next actions every morning",
         "パイロットチームで、Kyosoの案件スコアと次の一手を毎朝の優先順位づけに使い、理由（寄与要因）を確認する。",
         "The pilot team uses Kyoso's deal scores and next best actions to set each morning's priorities, reading "
         "the reasons behind them.",
         O::kManager,
         {"スコア活用率", "Score use", ">=", 60, "%", "score_use"},
         R::kStageEnd});
    add({"ai.feedback",
         S::kPilot,
         D::kAi,
         "次の一手に採用・見送りを返す",
         "Accept or dismiss next actions",
         "提示された次の一手に採用・見送りと理由を返し、提案の精度を上げる材料にする。",
         "Answer each suggested next action with accept or dismiss and a reason, so the suggestions improve.",
         O::kFieldSales,
         {"スコア活用率", "Score use", ">=", 70, "%", "score_use"},
         R::kStageEnd});
    add({"ai.lead_priority",
         S::kExpand,
         D::kAi,
         "リードの優先順位をスコアで決める",
         "Prioritise leads by score",
         "リードと団体の優先度スコアで架電・メールの順番を決め、BDR・ISの活動を集中させる。",
         "Order calls and mails by lead and government propensity scores to focus BDR and inside-sales effort.",
         O::kBdr,
         {"スコア活用率", "Score use", ">=", 80, "%", "score_use"},
         R::kStageEnd});
    add({"ai.note_assist",
         S::kExpand,
         D::kAi,
         "商談メモの要約とメール下書きを使う",
         "Use note summaries and mail drafts",
         "商談メモの要約・キーワード抽出・メール下書きで記録と連絡の時間を減らし、当日記録を続けやすくする。",
         "Use note summaries, keywords and mail drafts to cut the time spent recording and writing, so same-day "
         "logging sticks.",
         O::kFieldSales,
         {"当日記録率", "Same-day logging", ">=", 85, "%", "same_day_logging"},
         R::kStageEnd});
    add({"ai.model_review",
         S::kInstitutionalise,
         D::kAi,
         "モデルの精度を四半期ごとに点検する",
         "Review the models every quarter",
         "スコアの精度（AUC・較正）と予測誤差を四半期ごとに確認し、再学習と説明の仕方を見直す。",
         "Every quarter check the scores' accuracy (AUC, calibration) and forecast error, and revisit retraining "
         "and how scores are explained.",
         O::kAdmin,
         {"スコア活用率", "Score use", ">=", 80, "%", "score_use"},
         R::kStageEnd});

    // 学習文化
    add({"learning.weekly_share",
         S::kPilot,
         D::kLearningCulture,
         "週1回、成功と失敗を共有する",
         "Share successes and failures weekly",
         "チーム内で週1回、成功・失敗事例を共有する場を設け、失敗を学びの機会として扱う。",
         "Hold a weekly team session on successes and failures, treating failures as lessons.",
         O::kManager,
         {"事例登録数", "Cases recorded", ">=", 6, "件", "case_library_growth"},
         R::kStageEnd});
    add({"learning.first_experiment",
         S::kPilot,
         D::kLearningCulture,
         "小さな実験を一つ始める",
         "Start one small experiment",
         "ケイデンスのA/Bなど小さな実験を一つ、結果を判定する期日と指標を先に決めて始める。",
         "Start one small experiment (a cadence A/B, say) with its outcome and horizon fixed in advance.",
         O::kManager,
         {"判定した実験", "Experiments concluded", ">=", 1, "件", "experiments"},
         R::kStageEnd});
    add({"learning.case_library",
         S::kExpand,
         D::kLearningCulture,
         "事例ライブラリを育てて横展開する",
         "Grow the case library and share it across similar governments",
         "受注・失注の事例を団体・製品・成果と結びつけて登録し、類似団体への提案で引用する（横展開）。",
         "Record won and lost cases linked to governments, products and outcomes, and cite them in proposals to "
         "similar governments (横展開).",
         O::kCustomerSuccess,
         {"事例登録数", "Cases recorded", ">=", 20, "件", "case_library_growth"},
         R::kStageEnd});
    add({"learning.experiment_cadence",
         S::kExpand,
         D::kLearningCulture,
         "四半期ごとに実験を回す",
         "Run experiments every quarter",
         "四半期ごとに実験を2件、事前に決めた期日で判定し、成功したものは拡大、失敗から学ぶ。",
         "Run two experiments a quarter, judged at their fixed horizon; scale what worked, learn from what did not.",
         O::kManager,
         {"判定した実験", "Experiments concluded", ">=", 4, "件", "experiments"},
         R::kStageEnd});
    add({"learning.two_axis_evaluation",
         S::kInstitutionalise,
         D::kLearningCulture,
         "評価制度を二軸に改める",
         "Make the appraisal two-axis",
         "短期の売上だけでなく、顧客価値・事例の共有・変革への貢献とチーム成果を評価する制度に改める。",
         "Change the appraisal so that it rewards customer value, shared cases, contribution to change and team "
         "results, not only short-term revenue.",
         O::kExecutive,
         {"スコアカードの変革指標達成", "Transformation measures on target", ">=", 75, "%", "scorecard"},
         R::kBeforeFiscalYear});
    add({"learning.yokoten",
         S::kInstitutionalise,
         D::kLearningCulture,
         "成功事例の横展開を標準手順にする",
         "Make sharing successes standard practice",
         "成功事例を全社の提案テンプレートと研修に組み込み、新しいチームも同じ型で始められるようにする。",
         "Build successful cases into the company's proposal templates and training so new teams start from them.",
         O::kManager,
         {"事例登録数", "Cases recorded", ">=", 40, "件", "case_library_growth"},
         R::kStageEnd});

    // 自治体営業の実務
    add({"public.procurement_calendar",
         S::kPilot,
         D::kPublicSector,
         "主要団体の調達カレンダーを登録する",
         "Record the main customers' procurement calendars",
         "政令市・中核市など主要団体の議会日程・予算要求締切・入札参加資格の更新時期を団体ごとに登録する。",
         "For the main designated and core cities, record council sessions, budget-request deadlines and bidder "
         "registration renewals per government.",
         O::kAdmin,
         {"対象年度・予算状況の設定率", "Fiscal year and budget status set", ">=", 90, "%",
          "fiscal_year_and_budget_set"},
         R::kStageEnd,
         kPlanBandAll,
         kCities});
    add({"public.small_contract_package",
         S::kPilot,
         D::kPublicSector,
         "少額随契の上限に収まる導入プランを用意する",
         "Offer a package within the small-contract ceiling",
         "町村の少額随意契約の上限（委託100万円など、団体ごとの額）に収まる初年度プランを用意し、入札を経ずに試せるよう"
         "にする。",
         "Offer a first-year package within the towns' small negotiated-contract ceilings (e.g. ¥1.0M for "
         "services, per government), so they can try without a tender.",
         O::kManager,
         {"商談サイクル", "Cycle time", "<=", 120, "日", "cycle_time"},
         R::kStageEnd,
         kPlanBandAll,
         kTowns});
    add({"public.rotation_handover",
         S::kPilot,
         D::kPublicSector,
         "人事異動に備えて後任への引継ぎ資料を用意する",
         "Prepare hand-over notes for the April rotation",
         "1人部署の多い町村では担当者の異動で案件が止まる。4月1日の人事異動までに導入経緯と成果をまとめ、後任へ挨拶する"
         "準備をする。",
         "In towns where one official is the whole department, a rotation stalls the deal: before the 1 April "
         "rotation, summarise the history and outcomes and prepare to greet the successor.",
         O::kCustomerSuccess,
         {"異動後30日以内に後任と接触", "Successors contacted within 30 days", ">=", 90, "%", "same_day_logging"},
         R::kBeforeFiscalYear,
         kPlanBandAll,
         kTowns});
    add({"public.fiscal_fields",
         S::kPilot,
         D::kPublicSector,
         "全案件に対象年度と予算状況を設定する",
         "Set fiscal year and budget status on every deal",
         "すべての案件に対象年度（令和○年度）と予算状況を設定し、次の予算サイクルの期限が見えるようにする。",
         "Set the target fiscal year and budget status on every deal so the next budget-cycle deadline shows.",
         O::kFieldSales,
         {"対象年度・予算状況の設定率", "Fiscal year and budget status set", ">=", 90, "%",
          "fiscal_year_and_budget_set"},
         R::kStageEnd});
    add({"public.spec_before_request",
         S::kExpand,
         D::kPublicSector,
         "予算要求の前に仕様と参考見積を届ける",
         "Deliver specs and reference quotes before budget requests",
         "7月からの予算要求期に間に合うよう、来年度導入を検討する原課へ仕様案と参考見積を6月までに届ける。",
         "Hand the draft spec and reference quote to each department considering next year's adoption by June, "
         "ahead of the budget-request season that opens in July.",
         O::kFieldSales,
         {"参考見積を提出した予算化提案案件", "Budget-proposal deals with a reference quote", ">=", 80, "%",
          "fiscal_year_and_budget_set"},
         R::kBeforeBudgetSeason});
    add({"public.multi_department_map",
         S::kExpand,
         D::kPublicSector,
         "複数部署の関係者マップをつくる",
         "Map the stakeholders across departments",
         "原課・財政課・契約課・情報政策課の関係者と決裁ルートを案件ごとに記録し、異動に備えて複数の窓口を持つ。",
         "Record, per deal, the requesting, finance, contract and IT departments and the approval route, and keep "
         "more than one contact ahead of rotations.",
         O::kFieldSales,
         {"案件項目の充足率", "Deal field completeness", ">=", 90, "%", "deal_field_completeness"},
         R::kStageEnd,
         kPlanBandAll,
         kCities});
    add({"public.proposal_playbook",
         S::kExpand,
         D::kPublicSector,
         "入札・プロポーザルの提案を型にする",
         "Standardise tender and proposal responses",
         "公募型プロポーザル・総合評価の評価項目に沿った提案書の型と、公告から提出までの手順を整える。",
         "Build proposal templates that follow the scoring criteria of proposals and 総合評価 tenders, and a "
         "procedure from notice to submission.",
         O::kManager,
         {"勝率", "Win rate", ">=", 35, "%", "win_rate"},
         R::kStageEnd,
         kPlanBandMedium | kPlanBandLarge,
         kCities});
    add({"public.mayor_relationship",
         S::kExpand,
         D::kPublicSector,
         "首長・副町長へ政策として提案する",
         "Propose to mayors and deputy mayors as policy",
         "町村では首長・副町長の判断が大きい。総合計画の重点施策と結びつけた政策提案を経営者自らが行う。",
         "In towns and villages the mayor and deputy decide much: the executive personally proposes, tied to the "
         "comprehensive plan's priorities.",
         O::kExecutive,
         {"勝率", "Win rate", ">=", 35, "%", "win_rate"},
         R::kStageEnd,
         kPlanBandAll,
         kTowns});
    add({"public.wide_area",
         S::kExpand,
         D::kPublicSector,
         "広域連携・一部事務組合での共同導入を提案する",
         "Propose joint adoption through wide-area bodies",
         "近隣町村の広域連携や一部事務組合を通じた共同調達を提案し、1団体あたりの負担と手続きを減らす。",
         "Propose joint procurement through wide-area partnerships and 一部事務組合, cutting each town's cost and "
         "paperwork.",
         O::kFieldSales,
         {"商談サイクル", "Cycle time", "<=", 150, "日", "cycle_time"},
         R::kStageEnd,
         kPlanBandAll,
         kTowns});
    add({"public.subsidy_support",
         S::kExpand,
         D::kPublicSector,
         "補助金・交付税措置の活用を予算要求に添える",
         "Attach subsidies and 交付税措置 to budget requests",
         "使える国の補助金・交付税措置を調べ、財源の説明を参考見積に添えて原課の予算要求を支える。",
         "Find the national subsidies and 交付税措置 that apply and attach the funding case to the reference quote, "
         "supporting the department's budget request.",
         O::kFieldSales,
         {"対象年度・予算状況の設定率", "Fiscal year and budget status set", ">=", 95, "%",
          "fiscal_year_and_budget_set"},
         R::kBeforeBudgetSeason,
         kPlanBandAll,
         kTowns});
    add({"public.public_value",
         S::kInstitutionalise,
         D::kPublicSector,
         "公共価値を提案の根拠にする",
         "Make public value the evidence of proposals",
         "導入後の成果指標（処理時間・オンライン申請率・住民満足）を記録し、類似団体への提案の根拠として示す。",
         "Record outcomes after deployment (processing time, online share, resident satisfaction) and show them as "
         "evidence in proposals to similar governments.",
         O::kCustomerSuccess,
         {"成果指標を登録した受注案件", "Won deals with outcome metrics", ">=", 80, "%", "outcome_metrics"},
         R::kStageEnd});
    add({"public.annual_cycle_plan",
         S::kInstitutionalise,
         D::kPublicSector,
         "予算サイクルに沿った年間営業計画を定める",
         "Set an annual sales plan on the budget cycle",
         "次年度の営業計画を、4月の異動・7〜9月の仕様提出・11月の予算要求・3月議会の予算議決に合わせて組む。",
         "Build next year's plan on the cycle: April rotations, July–September specs, November budget requests, "
         "the March council vote.",
         O::kExecutive,
         {"対象年度・予算状況の設定率", "Fiscal year and budget status set", ">=", 95, "%",
          "fiscal_year_and_budget_set"},
         R::kBeforeFiscalYear});
    return c;
}

bool Applies(const PlanActionTemplate& t, OrgSizeBand band, GovernmentFocus focus) {
    const unsigned b = band == OrgSizeBand::kSmall    ? kPlanBandSmall
                       : band == OrgSizeBand::kMedium ? kPlanBandMedium
                                                      : kPlanBandLarge;
    const unsigned f = focus == GovernmentFocus::kLargeCities ? kPlanFocusLargeCities
                       : focus == GovernmentFocus::kMixed     ? kPlanFocusMixed
                                                              : kPlanFocusTowns;
    return (t.bands & b) != 0 && (t.focus & f) != 0;
}

// How many actions of each stage a dimension at `level` gets.
std::array<int, 3> QuotaOf(int level) {
    if (level <= 1) return {2, 2, 1};
    if (level == 2) return {2, 1, 1};
    if (level == 3) return {0, 1, 1};
    return {0, 0, 1};
}

int StageIndex(PlanStage s) { return static_cast<int>(s); }

std::string LevelText(const PlanDimensionPriority& p, bool ja) {
    char buf[160];
    if (!p.assessed) {
        return ja ? std::string(DimensionLabelJa(p.dimension)) + ": 未評価（レベル3として扱う）"
                  : std::string(DimensionSlug(p.dimension)) + ": not assessed (treated as level 3)";
    }
    if (ja) {
        std::snprintf(buf, sizeof buf, ": レベル%d（%s）", p.level, p.measured ? "実測" : "自己評価");
        std::string s = std::string(DimensionLabelJa(p.dimension)) + buf;
        if (p.gap < 0) {
            std::snprintf(buf, sizeof buf, "、自己評価が実測を%d上回る", -p.gap);
            s += buf;
        }
        return s;
    }
    std::snprintf(buf, sizeof buf, ": level %d (%s)", p.level, p.measured ? "measured" : "self-assessed");
    std::string s = std::string(DimensionSlug(p.dimension)) + buf;
    if (p.gap < 0) {
        std::snprintf(buf, sizeof buf, ", self-assessment %d above the data", -p.gap);
        s += buf;
    }
    return s;
}

}  // namespace

const std::vector<PlanStage>& AllPlanStages() {
    static const std::vector<PlanStage> all = {PlanStage::kPilot, PlanStage::kExpand, PlanStage::kInstitutionalise};
    return all;
}

std::string_view PlanStageSlug(PlanStage s) {
    switch (s) {
        case PlanStage::kPilot:
            return "pilot";
        case PlanStage::kExpand:
            return "expand";
        case PlanStage::kInstitutionalise:
            return "institutionalise";
    }
    return "pilot";
}

std::string_view PlanStageLabelJa(PlanStage s) {
    switch (s) {
        case PlanStage::kPilot:
            return "パイロット";
        case PlanStage::kExpand:
            return "拡大";
        case PlanStage::kInstitutionalise:
            return "定着";
    }
    return "";
}

std::string_view PlanStageLabelEn(PlanStage s) {
    switch (s) {
        case PlanStage::kPilot:
            return "Pilot";
        case PlanStage::kExpand:
            return "Expand";
        case PlanStage::kInstitutionalise:
            return "Institutionalise";
    }
    return "";
}

int PlanStageStartMonth(PlanStage s) {
    switch (s) {
        case PlanStage::kPilot:
            return 0;
        case PlanStage::kExpand:
            return 3;
        case PlanStage::kInstitutionalise:
            return 9;
    }
    return 0;
}

int PlanStageEndMonth(PlanStage s) {
    switch (s) {
        case PlanStage::kPilot:
            return 3;
        case PlanStage::kExpand:
            return 9;
        case PlanStage::kInstitutionalise:
            return 18;
    }
    return 18;
}

std::string_view PlanOwnerSlug(PlanOwnerRole r) {
    switch (r) {
        case PlanOwnerRole::kExecutive:
            return "executive";
        case PlanOwnerRole::kManager:
            return "manager";
        case PlanOwnerRole::kFieldSales:
            return "field_sales";
        case PlanOwnerRole::kInsideSales:
            return "inside_sales";
        case PlanOwnerRole::kBdr:
            return "bdr";
        case PlanOwnerRole::kCustomerSuccess:
            return "customer_success";
        case PlanOwnerRole::kAdmin:
            return "admin";
    }
    return "manager";
}

std::string_view PlanOwnerLabelJa(PlanOwnerRole r) {
    switch (r) {
        case PlanOwnerRole::kExecutive:
            return "経営者";
        case PlanOwnerRole::kManager:
            return "マネージャー";
        case PlanOwnerRole::kFieldSales:
            return "フィールドセールス";
        case PlanOwnerRole::kInsideSales:
            return "インサイドセールス";
        case PlanOwnerRole::kBdr:
            return "BDR";
        case PlanOwnerRole::kCustomerSuccess:
            return "カスタマーサクセス";
        case PlanOwnerRole::kAdmin:
            return "管理者";
    }
    return "";
}

std::string_view PlanDueRuleSlug(PlanDueRule r) {
    switch (r) {
        case PlanDueRule::kStageEnd:
            return "stage_end";
        case PlanDueRule::kBeforeBudgetSeason:
            return "before_budget_season";
        case PlanDueRule::kBeforeFiscalYear:
            return "before_fiscal_year";
    }
    return "stage_end";
}

const std::vector<PlanActionTemplate>& PlanCatalogue() {
    static const std::vector<PlanActionTemplate> catalogue = BuildCatalogue();
    return catalogue;
}

const PlanActionTemplate* FindPlanAction(std::string_view key) {
    for (const auto& t : PlanCatalogue()) {
        if (t.key == key) return &t;
    }
    return nullptr;
}

Date AddMonthsClamped(Date d, int months) {
    using namespace std::chrono;
    const year_month ym = year_month{d.year(), d.month()} + std::chrono::months{months};
    const day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
    return Date{ym.year(), ym.month(), std::min(d.day(), last)};
}

PlanOwnerRole TailorOwner(PlanOwnerRole owner, OrgSizeBand band) {
    if (band == OrgSizeBand::kSmall) {
        switch (owner) {
            case PlanOwnerRole::kManager:
                return PlanOwnerRole::kExecutive;
            case PlanOwnerRole::kBdr:
                return PlanOwnerRole::kInsideSales;
            case PlanOwnerRole::kCustomerSuccess:
                return PlanOwnerRole::kFieldSales;
            case PlanOwnerRole::kAdmin:
                return PlanOwnerRole::kExecutive;
            default:
                return owner;
        }
    }
    if (band == OrgSizeBand::kMedium && owner == PlanOwnerRole::kBdr) return PlanOwnerRole::kInsideSales;
    return owner;
}

Date PlanDueDate(const PlanActionTemplate& action, Date start, const BusinessCalendar& business_days) {
    if (action.due_rule == PlanDueRule::kStageEnd) {
        return business_days.NextBusinessDayOnOrAfter(AddMonthsClamped(start, PlanStageEndMonth(action.stage)));
    }
    // The first 30 June (or 31 March) at least 30 days after the stage starts, moved back
    // to the business day on or before it: a deadline must not slip past the season.
    const Date earliest = AddDays(AddMonthsClamped(start, PlanStageStartMonth(action.stage)), 30);
    const unsigned month = action.due_rule == PlanDueRule::kBeforeBudgetSeason ? 6 : 3;
    const unsigned day = action.due_rule == PlanDueRule::kBeforeBudgetSeason ? 30 : 31;
    int y = static_cast<int>(earliest.year());
    Date anchor = MakeDate(y, month, day);
    if (anchor < earliest) anchor = MakeDate(y + 1, month, day);
    return business_days.PreviousBusinessDayOnOrBefore(anchor);
}

ActionPlan GeneratePlan(const Diagnosis& diagnosis, OrgSizeBand band, GovernmentFocus focus, Date start,
                        const BusinessCalendar& business_days) {
    ActionPlan plan;
    plan.band = band;
    plan.focus = focus;
    plan.start = start;
    plan.end = AddMonthsClamped(start, PlanStageEndMonth(PlanStage::kInstitutionalise));

    // Rank the dimensions.
    bool any_negative_gap = false;
    for (auto d : AllTransformationDimensions()) {
        PlanDimensionPriority p;
        p.dimension = d;
        p.assessed = false;
        for (const auto& dd : diagnosis.dimensions) {
            if (dd.dimension != d) continue;
            if (dd.measured_level) {
                p.level = *dd.measured_level;
                p.measured = true;
                p.assessed = true;
            } else if (dd.self_level) {
                p.level = *dd.self_level;
                p.assessed = true;
            }
            if (dd.gap) p.gap = *dd.gap;
        }
        p.level = std::clamp(p.level, kMinMaturity, kMaxMaturity);
        any_negative_gap = any_negative_gap || p.gap < 0;
        plan.priorities.push_back(p);
    }
    std::stable_sort(plan.priorities.begin(), plan.priorities.end(),
                     [](const PlanDimensionPriority& a, const PlanDimensionPriority& b) {
                         if (a.level != b.level) return a.level < b.level;
                         return a.gap < b.gap;
                     });
    for (size_t i = 0; i < plan.priorities.size(); ++i) plan.priorities[i].rank = static_cast<int>(i);
    auto priority_of = [&plan](TransformationDimension d) -> PlanDimensionPriority& {
        for (auto& p : plan.priorities) {
            if (p.dimension == d) return p;
        }
        return plan.priorities.front();
    };

    std::vector<std::pair<size_t, PlanAction>> chosen;  // (catalogue index, action)
    const auto& catalogue = PlanCatalogue();
    auto take = [&](size_t index, std::string reason_ja, std::string reason_en) {
        const auto& t = catalogue[index];
        PlanAction a;
        a.source = &t;
        a.owner = TailorOwner(t.owner, band);
        a.due = PlanDueDate(t, start, business_days);
        a.dimension_rank = priority_of(t.dimension).rank;
        a.reason_ja = std::move(reason_ja);
        a.reason_en = std::move(reason_en);
        priority_of(t.dimension).actions++;
        chosen.emplace_back(index, std::move(a));
    };

    // Core actions, then the gap review when the organisation rates itself above its data.
    for (size_t i = 0; i < catalogue.size(); ++i) {
        const auto& t = catalogue[i];
        if (!Applies(t, band, focus)) continue;
        if (t.core)
            take(i, "全社の前提（経営者のコミットメントと二軸の評価）", "Every plan: commitment and two-axis review");
        if (t.on_gap && any_negative_gap) {
            std::string ja = "自己評価が実測を上回る領域あり", en = "Self-assessment above the data in";
            for (const auto& p : plan.priorities) {
                if (p.gap >= 0) continue;
                ja += std::string("：") + std::string(DimensionLabelJa(p.dimension));
                en += " " + std::string(DimensionSlug(p.dimension));
            }
            take(i, ja, en);
        }
    }
    // Then each dimension by rank, its quota per stage, catalogue order.
    for (const auto& p : plan.priorities) {
        std::array<int, 3> quota = QuotaOf(p.level);
        const std::string why_ja = LevelText(p, true), why_en = LevelText(p, false);
        for (size_t i = 0; i < catalogue.size(); ++i) {
            const auto& t = catalogue[i];
            if (t.core || t.on_gap || t.dimension != p.dimension || !Applies(t, band, focus)) continue;
            int& left = quota[StageIndex(t.stage)];
            if (left <= 0) continue;
            if (static_cast<int>(chosen.size()) >= kMaxPlanActions) break;
            --left;
            take(i, why_ja, why_en);
        }
    }
    std::stable_sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) {
        const int sa = StageIndex(a.second.source->stage), sb = StageIndex(b.second.source->stage);
        if (sa != sb) return sa < sb;
        const bool ca = a.second.source->core || a.second.source->on_gap;
        const bool cb = b.second.source->core || b.second.source->on_gap;
        if (ca != cb) return ca;
        if (ca) return a.first < b.first;
        if (a.second.dimension_rank != b.second.dimension_rank)
            return a.second.dimension_rank < b.second.dimension_rank;
        return a.first < b.first;
    });
    for (auto& [index, action] : chosen) plan.actions.push_back(std::move(action));
    return plan;
}

}  // namespace kyoso::domain
