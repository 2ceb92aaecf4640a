#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/people/people.hpp"
#include "kyoso/domain/sales/sales.hpp"

namespace kyoso::ports {

// What still refers to a department (a delete is refused while any is non-zero).
struct DepartmentUsage {
    long long children = 0;
    long long officials = 0;  // current officials plus posting-history rows
    long long deals = 0;
    long long leads = 0;
};

// The department tree of each government. Implementations are safe for concurrent
// use; calls made inside Store::InTransaction join that transaction.
class DepartmentRepository {
public:
    virtual ~DepartmentRepository() = default;

    // NotFound when no department has this id.
    virtual Result<domain::Department> Get(long long id) = 0;
    // Every department of the government, ordered by id (parents are created first).
    virtual Result<std::vector<domain::Department>> ListByGovernment(const std::string& government_code) = 0;
    // Departments of the government with exactly this name, anywhere in the tree, by id.
    virtual Result<std::vector<domain::Department>> FindByName(const std::string& government_code,
                                                               const std::string& name) = 0;
    // The department named `name` directly under `parent_id` (0 = top level), if any.
    virtual Result<std::optional<domain::Department>> FindChild(const std::string& government_code, long long parent_id,
                                                                const std::string& name) = 0;
    // Inserts (the id is ignored) and returns the new id; AlreadyExists when the
    // name is taken under the same parent.
    virtual Result<long long> Insert(const domain::Department& department) = 0;
    // Overwrites every field of the stored row; NotFound when it is gone.
    virtual Status Update(const domain::Department& department) = 0;
    // Removes the row; NotFound when it is gone. Callers check Usage first.
    virtual Status Delete(long long id) = 0;
    virtual Result<DepartmentUsage> Usage(long long id) = 0;
};

enum class OfficialSort { kIdAsc, kIdDesc, kNameAsc, kNameDesc };

// Keyset page request over officials. `after_key` is the sort key of the last row
// seen (the name key for name sorts, unused for id sorts), `after_id` its id.
struct OfficialQuery {
    std::optional<std::string> government_code;
    std::optional<long long> department_id;
    std::optional<std::string> decision_role;  // slug
    std::optional<std::string> folded_text;    // matched inside the name key
    std::optional<bool> do_not_contact;
    OfficialSort sort = OfficialSort::kIdAsc;
    std::optional<std::string> after_key;
    std::optional<long long> after_id;
    int limit = 50;
};

struct OfficialPage {
    std::vector<domain::Official> items;
    long long total = 0;
    bool has_more = false;
};

// An open deal (not won, lost or deferred) whose champion is a given official.
struct ChampionedDeal {
    long long deal_id = 0;
    std::string government_code;
    long long department_id = 0;  // 0 = the deal names no department
    bool needs_follow_up = false;
};

// Officials, their posting history and successions. Same concurrency contract as
// DepartmentRepository.
class OfficialRepository {
public:
    virtual ~OfficialRepository() = default;

    // NotFound when no official has this id.
    virtual Result<domain::Official> Get(long long id) = 0;
    // One keyset page matching every set filter, with the total count.
    virtual Result<OfficialPage> List(const OfficialQuery& query) = 0;
    // Officials of the government whose name key equals `name_key`, or (prefix)
    // starts with it, ordered by id.
    virtual Result<std::vector<domain::Official>> FindByNameKey(const std::string& government_code,
                                                                const std::string& name_key, bool prefix) = 0;
    // Up to `limit` officials whose name key was never computed (rows written by
    // older code or bulk loads), and the setter for it.
    virtual Result<std::vector<domain::Official>> WithoutNameKey(int limit) = 0;
    virtual Status SetNameKey(long long id, const std::string& name_key) = 0;
    // Inserts (the id is ignored) and returns the new id.
    virtual Result<long long> Insert(const domain::Official& official) = 0;
    // Overwrites every field of the stored row; NotFound when it is gone.
    virtual Status Update(const domain::Official& official) = 0;

    // The official's postings, newest first (by from date, then id).
    virtual Result<std::vector<domain::Posting>> Postings(long long official_id) = 0;
    // Inserts (the id is ignored) and returns the new id.
    virtual Result<long long> InsertPosting(const domain::Posting& posting) = 0;
    // Sets the last day of a posting; NotFound when it is gone.
    virtual Status ClosePosting(long long posting_id, Date to) = 0;
    // Open postings (no end) in the government with this title, in the department
    // `department_id`, or when it is 0, in the department named `department_name`.
    virtual Result<std::vector<domain::Posting>> OpenPostingsAt(const std::string& government_code,
                                                                long long department_id,
                                                                const std::string& department_name,
                                                                const std::string& title) = 0;

    // Records a hand-over; AlreadyExists when the same link exists.
    virtual Status InsertSuccession(const domain::Succession& succession) = 0;
    // Links where the official is the successor (their predecessors), oldest first.
    virtual Result<std::vector<domain::Succession>> Predecessors(long long official_id) = 0;
    // Links where the official is the predecessor (their successors), oldest first.
    virtual Result<std::vector<domain::Succession>> Successors(long long official_id) = 0;

    // Open deals (by pipeline stage) championed by the official, by id.
    virtual Result<std::vector<ChampionedDeal>> OpenDealsChampionedBy(long long official_id) = 0;
    // Sets deals.needs_follow_up = 1; NotFound when the deal is gone.
    virtual Status FlagDealForFollowUp(long long deal_id) = 0;
};

}  // namespace kyoso::ports
