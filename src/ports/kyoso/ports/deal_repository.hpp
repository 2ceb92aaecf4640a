#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/deal/deal_parts.hpp"
#include "kyoso/domain/sales/sales.hpp"
#include "kyoso/ports/list_query.hpp"

namespace kyoso::ports {

// Which outcome a deal list keeps: open = not won, lost or deferred; closed = one of them.
enum class DealStatus { kOpen, kWon, kLost, kClosed };

// Keyset page request over deals. Ordered by `sort` (fields: id, amount,
// fiscal_year, created_on, title); `after_id` alone pages in id order.
struct DealQuery {
    std::optional<std::string> government_code;  // 6-digit
    std::optional<domain::Stage> stage;
    std::optional<int> fiscal_year;
    std::optional<long long> owner_id;
    std::optional<long long> product_id;
    std::vector<std::string> government_kinds;  // domain::KindSlug of the deal's government; empty = any
    std::optional<std::string> prefecture;      // "13": the first two digits of the government code
    std::optional<DealStatus> status;
    std::optional<long long> after_id;
    int limit = 50;
    SortSpec sort;
    Visibility visible;       // record-level sharing of the caller
    bool count_total = true;  // false: DealPage::total is left 0 (callers that count otherwise)
};

// Display names of the records a deal refers to, for lists and the web app.
struct DealNames {
    std::string government_name;  // 千代田区
    std::string prefecture_code;  // "13"
    std::string government_kind;  // domain::KindSlug, "special_ward"
    std::string product_name;
    std::string owner_name;
};

// Deals at one stage: how many and their amounts summed (yen).
struct StageTotal {
    domain::Stage stage = domain::Stage::kDiscovery;
    long long count = 0;
    long long amount = 0;
};

// A deal with the names of its government, product and owner.
struct NamedDeal {
    domain::Deal deal;
    DealNames names;
};

// Who took part in one activity besides the logging user.
struct ActivityParticipants {
    std::vector<long long> user_ids;
    std::vector<long long> official_ids;
};

struct DealPage {
    std::vector<NamedDeal> items;
    long long total = 0;  // rows matching the filters, ignoring paging
    bool has_more = false;
};

// One row of a deal's stage history: who moved it, when, from where to where.
struct StageHistoryEntry {
    long long id = 0;
    long long deal_id = 0;
    domain::Stage from = domain::Stage::kDiscovery;
    domain::Stage to = domain::Stage::kDiscovery;
    long long moved_by = 0;  // user id
    Date moved_on{};
    std::string note;
};

// A stage move: the history row plus the deal fields that change with it. Outcome
// and evidence fields overwrite the stored ones only when set.
struct StageMove {
    long long deal_id = 0;
    domain::Stage from = domain::Stage::kDiscovery;  // the stage the caller saw
    domain::Stage to = domain::Stage::kDiscovery;
    long long moved_by = 0;
    Date moved_on{};
    std::string note;
    std::optional<Date> closed_on;
    std::optional<std::string> lost_reason;
    std::optional<std::string> competitor;
    std::optional<long long> award_amount;
    std::optional<long long> budget_amount;
    std::optional<std::string> notice_url;
};

// Keyset page request over activities. Ordered by `sort` (fields: occurred_on, id);
// an activity is listed when its deal is within `deal_visible` or the activity
// itself (its author, its government) is within `activity_visible`.
struct ActivityQuery {
    std::optional<std::string> government_code;  // 6-digit
    std::optional<long long> deal_id;
    std::optional<long long> user_id;
    std::optional<domain::ActivityType> type;
    std::optional<Date> from;  // occurred_on >= from
    std::optional<Date> to;    // occurred_on <= to
    int limit = 50;
    SortSpec sort;
    Visibility deal_visible;
    Visibility activity_visible;
};

// An activity with the names a list shows beside it.
struct ActivityListItem {
    domain::Activity activity;
    std::string government_name;
    std::string user_name;
    std::optional<std::string> deal_title;  // nullopt when not linked to a deal
};

struct ActivityPage {
    std::vector<ActivityListItem> items;
    long long total = 0;  // rows matching the filters, ignoring paging
    bool has_more = false;
};

// Per-deal access for the CRM use cases. Implementations are safe for concurrent
// use; calls made inside Store::InTransaction join that transaction.
class DealRepository {
public:
    virtual ~DealRepository() = default;

    // NotFound when no deal has this id.
    virtual Result<domain::Deal> Get(long long id) = 0;
    // One keyset page of deals matching every set filter (with their names), with the total count.
    virtual Result<DealPage> List(const DealQuery& query) = 0;
    // Count and amount per stage of the deals matching every filter of `query`
    // (paging, sort and limit ignored); stages without deals are left out.
    virtual Result<std::vector<StageTotal>> StageTotals(const DealQuery& query) = 0;
    // The names a deal refers to; NotFound when no deal has this id.
    virtual Result<DealNames> Names(long long deal_id) = 0;
    // Updates the deal and appends the history row atomically. Conflict (and no
    // write) when the deal is no longer at move.from; NotFound when it is gone.
    virtual Status MoveStage(const StageMove& move) = 0;
    // The deal's stage moves, oldest first (empty for an unknown deal).
    virtual Result<std::vector<StageHistoryEntry>> History(long long deal_id) = 0;
    // Inserts a new deal (its id is ignored) and returns the assigned id.
    virtual Result<long long> InsertDeal(const domain::Deal& deal) = 0;
    // Records that `from_id` (見送り) continues as `to_id` next fiscal year.
    virtual Status LinkCarryOver(long long from_id, long long to_id) = 0;

    // Inserts one activity (its id is ignored) and returns the assigned id.
    virtual Result<long long> InsertActivity(const domain::Activity& activity) = 0;
    // Activities linked to the deal, oldest first (by date, then id).
    virtual Result<std::vector<domain::Activity>> ActivitiesOfDeal(long long deal_id) = 0;
    // One activity (its deal, author and government); NotFound when absent.
    virtual Result<domain::Activity> GetActivity(long long activity_id) = 0;
    // One keyset page of activities matching every set filter, with the total count.
    virtual Result<ActivityPage> ListActivities(const ActivityQuery& query) = 0;
    // Ids of deals of this government (any owner) at 公告・仕様 or 入札・提案.
    virtual Result<std::vector<long long>> DealsInTender(const std::string& government_code) = 0;

    // Whether a sales user with this id exists (reference check for requests).
    virtual Result<bool> UserExists(long long user_id) = 0;
    // The government code of an official; NotFound when no such official.
    virtual Result<std::string> OfficialGovernment(long long official_id) = 0;

    // The government code of a department; NotFound when no such department.
    virtual Result<std::string> DepartmentGovernment(long long department_id) = 0;
    // Replaces the editable fields of deal.id (government, department, product, owner,
    // champion, title, amount, fiscal year, procurement, budget status, external id);
    // stage and outcome fields are left to MoveStage. NotFound when it is gone.
    virtual Status UpdateDeal(const domain::Deal& deal) = 0;
    // The deal's line items in id order.
    virtual Result<std::vector<domain::DealLineItem>> LineItems(long long deal_id) = 0;
    // Replaces all line items of the deal (ids of `items` are ignored).
    virtual Status ReplaceLineItems(long long deal_id, const std::vector<domain::DealLineItem>& items) = 0;
    // The deal's team, by role then user id.
    virtual Result<std::vector<domain::DealTeamMember>> Team(long long deal_id) = 0;
    // Replaces the whole team of the deal.
    virtual Status ReplaceTeam(long long deal_id, const std::vector<domain::DealTeamMember>& team) = 0;
    // Records who else took part in an activity.
    virtual Status InsertParticipants(long long activity_id, const ActivityParticipants& participants) = 0;
    // Participants of every activity linked to the deal, keyed by activity id.
    virtual Result<std::vector<std::pair<long long, ActivityParticipants>>> ParticipantsOfDeal(long long deal_id) = 0;
};

}  // namespace kyoso::ports
