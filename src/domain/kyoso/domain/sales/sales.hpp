#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/domain/pipeline/stage.hpp"

namespace kyoso::domain {

// Minimal sales records of the foundation; the CRM issue grows each into its own
// module (departments, posting history, line items, custom fields, ...).

enum class SalesRole { kBdr, kInsideSales, kFieldSales, kCustomerSuccess, kManager };
std::string_view SalesRoleSlug(SalesRole role);

struct Product {
    long long id = 0;
    std::string name;                         // 電子申請サービス
    std::vector<std::string> policy_domains;  // 防災, 子育て, DX, ...
    long long price_min = 0;                  // yen per year, typical lower bound
    long long price_max = 0;
    std::vector<std::string> keywords;
    std::string external_id;  // "" = none; the key for import upserts
};

struct SalesUser {
    long long id = 0;
    std::string name;
    SalesRole role = SalesRole::kFieldSales;
    std::string team;  // 東日本チーム
};

struct Official {
    long long id = 0;
    std::string government_code;
    std::string department;  // 総務部 情報政策課
    std::string name;
    std::string kana;
    std::string title;          // 課長
    std::string decision_role;  // approver / owner / influencer
    std::optional<Date> posted_from;
    // CRM fields (docs/crm-people.md); defaults keep the foundation's rows valid.
    long long department_id = 0;  // 0 = not linked to the department tree
    std::string email;
    std::string phone;
    bool do_not_contact = false;
    bool active = true;
    std::string name_key;  // domain::OfficialNameKey of the folded name and kana; "" = not computed
};

struct Deal {
    long long id = 0;
    std::string government_code;
    long long product_id = 0;
    long long owner_id = 0;
    long long champion_id = 0;  // 0 = none
    std::string title;
    long long amount = 0;  // yen
    int fiscal_year = 0;   // target fiscal year (contract year)
    Stage stage = Stage::kDiscovery;
    ProcurementMethod procurement = ProcurementMethod::kOpenTender;
    BudgetStatus budget_status = BudgetStatus::kNone;
    Date created_on{};
    std::optional<Date> closed_on;
    std::string lost_reason;
    std::string competitor;
    std::optional<long long> award_amount;   // 落札額
    std::optional<long long> budget_amount;  // 予算額 passed by the council
    std::string notice_url;                  // the tender notice (公告), once linked
    long long carried_from_deal_id = 0;      // 0 = none; set on the next-year deal of a 見送り
    long long carried_to_deal_id = 0;        // 0 = none; set on the 見送り deal
    bool needs_follow_up = false;            // e.g. its champion rotated out
    long long department_id = 0;             // 0 = none; the buying 課 (departments table)
    std::string external_id;                 // "" = none; the key for import upserts
    std::string support_phase;               // explicit phase override; "" = derived (division/phase.hpp)
};

enum class ActivityType { kVisit, kCall, kEmail, kOnlineMeeting, kSeminar, kDemo, kReferenceQuote, kProposal, kBid };
std::string_view ActivityTypeSlug(ActivityType type);
// nullopt for an unknown slug.
std::optional<ActivityType> ActivityTypeFromSlug(std::string_view slug);
// "訪問" / "Visit", for charts and lists.
std::string_view ActivityTypeLabelJa(ActivityType type);
std::string_view ActivityTypeLabelEn(ActivityType type);

struct Activity {
    long long id = 0;
    long long deal_id = 0;  // 0 = not linked
    std::string government_code;
    long long user_id = 0;
    long long official_id = 0;  // 0 = none
    ActivityType type = ActivityType::kCall;
    Date occurred_on{};
    std::string notes;
    std::string outcome;
    std::string occurred_at;  // "HH:MM" (JST) or "" when only the date is known
};

struct Lead {
    long long id = 0;
    std::string source;  // seminar, inquiry, notice, referral
    std::string government_code;
    long long official_id = 0;
    std::string status;  // new, working, qualified, disqualified, converted
    Date created_on{};
    long long converted_deal_id = 0;
    long long department_id = 0;  // 0 = none
    long long product_id = 0;     // 0 = none
    long long owner_id = 0;       // 0 = unassigned
    std::string title;
    std::string notes;
    std::string external_id;  // "" = none
};

}  // namespace kyoso::domain
