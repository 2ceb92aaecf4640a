#include "kyoso/domain/import/record_spec.hpp"

#include <array>

namespace kyoso::domain {

namespace {

using K = FieldKind;
using T = RecordType;

constexpr std::string_view kStages =
    "discovery=情報収集|qualified=課題把握|budget_proposal=予算化提案|requested=予算要求中|budgeted=予算成立|"
    "tender_prep=公告・仕様|bidding=入札・提案|won=受注|lost=失注|deferred=見送り";
constexpr std::string_view kProcurement =
    "open_tender=一般競争入札|nominated_tender=指名競争入札|proposal=プロポーザル|small_value=少額随契|"
    "sole_source=特命随意契約";
constexpr std::string_view kBudget =
    "none=未計上|requested=要求中|passed=当初予算成立|supplementary=補正予算|cut=不成立";
constexpr std::string_view kActivityTypes =
    "visit=訪問|call=電話|email=メール|online_meeting=オンライン会議|seminar=セミナー|demo=デモ|"
    "reference_quote=参考見積|proposal=提案|bid=入札";
constexpr std::string_view kRoles =
    "bdr=BDR|inside_sales=インサイドセールス|field_sales=フィールドセールス|customer_success=カスタマーサクセス|"
    "manager=マネージャー";
constexpr std::string_view kDecisionRoles = "approver=決裁者|owner=担当者|influencer=影響者";
constexpr std::string_view kLevels = "bureau=部|division=課|section=係";
constexpr std::string_view kLeadStatus = "new=新規|working=対応中|qualified=有望|disqualified=対象外|converted=案件化";

FieldSpec Ext(std::string_view aliases = "外部ID|ID|id") {
    return {"external_id", "external_id", K::kText, true, aliases, "", "", T::kGovernments};
}
FieldSpec Gov(bool required = true) {
    return {"government_code",
            "government_code",
            K::kGovernment,
            required,
            "団体コード|団体名|自治体|自治体名|government",
            "",
            "",
            T::kGovernments};
}
FieldSpec Ref(std::string_view name, std::string_view attribute, T ref, bool required, std::string_view aliases) {
    return {name, attribute, K::kRef, required, aliases, "", "", ref};
}
FieldSpec F(std::string_view name, K kind, bool required, std::string_view aliases, std::string_view choices = "",
            std::string_view default_value = "") {
    return {name, name, kind, required, aliases, choices, default_value, T::kGovernments};
}

std::array<RecordSpec, 8> BuildSpecs() {
    return {{
        {T::kGovernments,
         "governments",
         {
             {"government_code", "code", K::kGovernment, true, "団体コード|自治体コード|code", "", "", T::kGovernments},
             F("population", K::kInt, false, "人口"),
             F("fiscal_strength_index", K::kReal, false, "財政力指数"),
         },
         true},
        {T::kDepartments,
         "departments",
         {
             Ext("部署ID|外部ID|ID|id"),
             Gov(),
             Ref("parent_external_id", "parent_id", T::kDepartments, false, "親部署ID|parent"),
             F("name", K::kText, true, "部署名|名称"),
             F("level", K::kChoice, true, "階層|区分", kLevels),
             F("policy_domains", K::kText, false, "政策分野"),
             F("phone", K::kText, false, "電話番号|電話"),
         }},
        {T::kOfficials,
         "officials",
         {
             Ext("職員ID|外部ID|ID|id"),
             Gov(),
             Ref("department_external_id", "department_id", T::kDepartments, false, "部署ID"),
             F("department", K::kText, false, "所属|部署名|部署"),
             F("name", K::kText, true, "氏名|名前"),
             F("kana", K::kText, false, "ふりがな|フリガナ|氏名カナ|カナ|よみ"),
             F("title", K::kText, false, "役職"),
             F("decision_role", K::kChoice, false, "役割|決裁区分", kDecisionRoles, "owner"),
             F("email", K::kText, false, "メールアドレス|メール|e-mail"),
             F("phone", K::kText, false, "電話番号|電話"),
             F("do_not_contact", K::kBool, false, "連絡不可", "", "0"),
             F("posted_from", K::kDate, false, "着任日|異動日"),
             {"name_key", "name_key", K::kDerived, false, "", "", "", T::kGovernments},
         }},
        {T::kProducts,
         "products",
         {
             Ext("製品ID|商品ID|外部ID|ID|id"),
             F("name", K::kText, true, "製品名|商品名|名称"),
             F("policy_domains", K::kText, false, "政策分野"),
             F("price_min", K::kInt, false, "価格下限|最低価格", "", "0"),
             F("price_max", K::kInt, false, "価格上限|最高価格", "", "0"),
             F("keywords", K::kText, false, "キーワード"),
         }},
        {T::kUsers,
         "users",
         {
             Ext("ユーザーID|社員番号|外部ID|ID|id"),
             F("name", K::kText, true, "氏名|名前|担当者名"),
             F("role", K::kChoice, false, "ロール|職種", kRoles, "field_sales"),
             F("team", K::kText, false, "チーム|所属"),
         }},
        {T::kDeals,
         "deals",
         {
             Ext("案件ID|外部ID|ID|id"),
             Gov(),
             Ref("department_external_id", "department_id", T::kDepartments, false, "部署ID"),
             Ref("product_external_id", "product_id", T::kProducts, true, "製品ID|製品|商品"),
             Ref("owner_external_id", "owner_id", T::kUsers, true, "担当者ID|営業担当|担当者"),
             Ref("champion_external_id", "champion_id", T::kOfficials, false, "キーマンID|キーマン"),
             F("title", K::kText, true, "案件名|件名"),
             F("amount", K::kInt, false, "金額|見込金額", "", "0"),
             F("fiscal_year", K::kInt, false, "年度|対象年度"),
             F("stage", K::kChoice, false, "ステージ|フェーズ|段階", kStages, "discovery"),
             F("procurement_method", K::kChoice, false, "調達方法|契約方法", kProcurement, "open_tender"),
             F("budget_status", K::kChoice, false, "予算状況", kBudget, "none"),
             F("created_on", K::kDate, true, "作成日|登録日|開始日"),
             F("closed_on", K::kDate, false, "完了日|クローズ日|受注日"),
             F("lost_reason", K::kText, false, "失注理由"),
             F("competitor", K::kText, false, "競合|落札者"),
             F("award_amount", K::kInt, false, "落札額|落札金額"),
             F("budget_amount", K::kInt, false, "予算額"),
         }},
        {T::kActivities,
         "activities",
         {
             Ext("活動ID|外部ID|ID|id"),
             Ref("deal_external_id", "deal_id", T::kDeals, false, "案件ID|案件"),
             Gov(false),
             Ref("user_external_id", "user_id", T::kUsers, true, "担当者ID|担当者|ユーザーID"),
             Ref("official_external_id", "official_id", T::kOfficials, false, "職員ID|相手方ID|面談者ID"),
             F("type", K::kChoice, true, "種別|活動種別|区分", kActivityTypes),
             F("occurred_on", K::kDate, true, "日付|実施日|活動日"),
             F("occurred_at", K::kText, false, "日時|時刻"),
             F("notes", K::kText, false, "メモ|内容|備考"),
             F("outcome", K::kText, false, "結果|成果"),
         }},
        {T::kLeads,
         "leads",
         {
             Ext("リードID|外部ID|ID|id"),
             F("source", K::kText, true, "流入元|ソース|獲得経路"),
             Gov(),
             Ref("department_external_id", "department_id", T::kDepartments, false, "部署ID"),
             Ref("official_external_id", "official_id", T::kOfficials, false, "職員ID"),
             Ref("product_external_id", "product_id", T::kProducts, false, "製品ID"),
             Ref("owner_external_id", "owner_id", T::kUsers, false, "担当者ID"),
             F("status", K::kChoice, false, "ステータス|状態", kLeadStatus, "new"),
             F("title", K::kText, false, "件名|タイトル"),
             F("notes", K::kText, false, "メモ|内容|備考"),
             F("created_on", K::kDate, true, "作成日|登録日"),
             Ref("converted_deal_external_id", "converted_deal_id", T::kDeals, false, "変換先案件ID"),
         }},
    }};
}

bool AsciiIEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

// Calls fn(piece) for each '|'-separated piece of `list`; stops when fn returns true.
template <typename Fn>
bool AnyPiece(std::string_view list, Fn fn) {
    while (!list.empty()) {
        const size_t bar = list.find('|');
        if (fn(list.substr(0, bar))) return true;
        if (bar == std::string_view::npos) break;
        list.remove_prefix(bar + 1);
    }
    return false;
}

}  // namespace

std::string_view RecordTypeSlug(RecordType type) { return SpecFor(type).slug; }

std::optional<RecordType> RecordTypeFromSlug(std::string_view slug) {
    for (int i = 0; i < 8; ++i) {
        const auto type = static_cast<RecordType>(i);
        if (SpecFor(type).slug == slug) return type;
    }
    return std::nullopt;
}

const RecordSpec& SpecFor(RecordType type) {
    static const std::array<RecordSpec, 8> kSpecs = BuildSpecs();
    return kSpecs[static_cast<size_t>(type)];
}

std::optional<std::string_view> ChoiceSlug(const FieldSpec& field, std::string_view text) {
    std::optional<std::string_view> found;
    AnyPiece(field.choices, [&](std::string_view piece) {
        const size_t eq = piece.find('=');
        const std::string_view slug = piece.substr(0, eq);
        if (slug == text || (eq != std::string_view::npos && piece.substr(eq + 1) == text)) {
            found = slug;
            return true;
        }
        return false;
    });
    return found;
}

bool HeaderMatches(const FieldSpec& field, std::string_view header) {
    if (field.kind == FieldKind::kDerived) return false;
    if (AsciiIEquals(field.name, header)) return true;
    return AnyPiece(field.aliases, [&](std::string_view alias) { return AsciiIEquals(alias, header); });
}

}  // namespace kyoso::domain
