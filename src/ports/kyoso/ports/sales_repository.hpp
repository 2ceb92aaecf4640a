#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/sales/sales.hpp"

namespace kyoso::ports {

struct SalesCounts {
    long long products = 0;
    long long users = 0;
    long long officials = 0;
    long long leads = 0;
    long long deals = 0;
    long long activities = 0;
};

// Storage rows written in bulk (by the demo builder) for the CRM's history
// tables; the per-object repositories read them back as domain records.
struct DepartmentRow {
    long long id = 0;
    std::string government_code;
    long long parent_id = 0;  // 0 = top of the tree
    std::string name;         // 情報政策課
    std::string level;        // bureau (部・局), division (課・室), section (係・担当)
    std::vector<std::string> policy_domains;
};

// One posting of an official: the department and title held from `from` to `to`
// (inclusive; nullopt = still held).
struct PostingRow {
    long long official_id = 0;
    std::string government_code;
    long long department_id = 0;
    std::string department_name;  // as written at the time: 総務部 情報政策課
    std::string title;
    Date from{};
    std::optional<Date> to;
};

// `successor_id` took over the post `predecessor_id` left, on `effective_on` (人事異動).
struct SuccessionRow {
    long long predecessor_id = 0;
    long long successor_id = 0;
    long long department_id = 0;
    Date effective_on{};
};

struct StageHistoryRow {
    long long deal_id = 0;
    domain::Stage from = domain::Stage::kDiscovery;
    domain::Stage to = domain::Stage::kDiscovery;
    long long moved_by = 0;  // user id
    Date moved_on{};
    std::string note;
};

struct LineItemRow {
    long long deal_id = 0;
    long long product_id = 0;
    std::string description;
    long long quantity = 1;
    long long unit_price = 0;  // yen
};

struct TeamMemberRow {
    long long deal_id = 0;
    long long user_id = 0;
    domain::SalesRole role = domain::SalesRole::kFieldSales;
};

// A user or (exclusive) an official who took part in an activity.
struct ParticipantRow {
    long long activity_id = 0;
    long long user_id = 0;      // 0 = an official
    long long official_id = 0;  // 0 = a user
};

// Bulk store of the foundation's sales records (the demo writes through it; the
// CRM issue adds per-object repositories). Ids in the records are kept as given.
class SalesRepository {
public:
    virtual ~SalesRepository() = default;
    virtual Status InsertProducts(const std::vector<domain::Product>& rows) = 0;
    virtual Status InsertUsers(const std::vector<domain::SalesUser>& rows) = 0;
    virtual Status InsertOfficials(const std::vector<domain::Official>& rows) = 0;
    virtual Status InsertLeads(const std::vector<domain::Lead>& rows) = 0;
    virtual Status InsertDeals(const std::vector<domain::Deal>& rows) = 0;
    virtual Status InsertActivities(const std::vector<domain::Activity>& rows) = 0;
    virtual Status InsertDepartments(const std::vector<DepartmentRow>& rows) = 0;
    virtual Status InsertPostings(const std::vector<PostingRow>& rows) = 0;
    virtual Status InsertSuccessions(const std::vector<SuccessionRow>& rows) = 0;
    virtual Status InsertStageHistory(const std::vector<StageHistoryRow>& rows) = 0;
    virtual Status InsertLineItems(const std::vector<LineItemRow>& rows) = 0;
    virtual Status InsertTeamMembers(const std::vector<TeamMemberRow>& rows) = 0;
    virtual Status InsertParticipants(const std::vector<ParticipantRow>& rows) = 0;
    virtual Result<SalesCounts> Counts() = 0;
    virtual Result<std::vector<domain::Deal>> DealsForGovernment(const std::string& code) = 0;
};

}  // namespace kyoso::ports
