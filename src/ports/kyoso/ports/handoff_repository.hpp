#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/division/handoff.hpp"

namespace kyoso::ports {

// A kind of hand-off (bdr_to_is, is_to_fs, fs_to_cs) with what must be handed over
// and its SLA in business days (docs/division-of-labour.md, "Hand-offs and SLAs").
struct HandoffType {
    std::string kind;
    std::string name_ja;  // BDR → インサイドセールス
    std::string name_en;
    std::string from_role;  // sales role slugs
    std::string to_role;
    std::vector<std::string> checklist;  // item labels, in order
    int sla_business_days = 1;
    int escalate_after_business_days = 0;
    bool active = true;
    std::string updated_at;  // UTC ISO 8601; "" = as seeded
};

// One stored hand-off. Dates are JST "YYYY-MM-DD", instants UTC ISO 8601; "" = unset.
struct HandoffRecord {
    long long id = 0;
    std::string kind;
    long long lead_id = 0;  // exactly one of lead_id / deal_id is set
    long long deal_id = 0;
    long long from_user_id = 0;
    long long to_user_id = 0;
    std::string status;                                   // pending, accepted, returned, cancelled
    std::vector<domain::HandoffChecklistItem> checklist;  // as handed over (stored as JSON)
    std::string note;
    std::string created_on;
    std::string created_at;
    std::string due_on;
    std::string responded_on;
    std::string responded_at;
    long long responded_by_user_id = 0;
    std::string return_reason;
    std::string breached_on;
    long long escalated_to_user_id = 0;
    std::string escalated_on;
    // Filled on reads.
    std::string kind_name_ja;
    int escalate_after_business_days = 0;
    std::string from_user_name;
    std::string to_user_name;
    std::string escalated_to_name;
    std::string subject_title;  // the lead's or deal's title
    std::string government_code;
    std::string government_name;
};

// Filters of the hand-off list; unset = any. Newest first; `after_id` continues a page.
struct HandoffQuery {
    std::optional<long long> to_user_id;
    std::optional<long long> from_user_id;
    std::optional<std::string> team;           // the sender's or the receiver's users.team
    std::optional<long long> or_escalated_to;  // with team: or escalated to this user
    std::optional<std::string> status;
    std::optional<bool> breached;  // breached_on set (or not)
    std::optional<long long> lead_id;
    std::optional<long long> deal_id;
    std::optional<long long> after_id;
    int limit = 50;
};

struct HandoffPage {
    std::vector<HandoffRecord> items;
    long long total = 0;
    bool has_more = false;
};

// Per kind over a period: hand-offs answered (accepted or returned) and how many of
// them were answered by their due date; accepted ones likewise.
struct HandoffComplianceRow {
    std::string kind;
    long long responded = 0;
    long long responded_within_sla = 0;
    long long accepted = 0;
    long long accepted_within_sla = 0;
    long long breached = 0;  // created in the period and marked breached
};

// The lead or deal a hand-off is about, as the hand-off rules need it.
struct HandoffSubject {
    long long owner_id = 0;
    std::string status;  // lead status, or deal stage slug
    std::string title;
    std::string government_code;
};

// Storage of hand-off types and hand-offs. Safe for concurrent use; writes join the
// caller's Store::InTransaction.
class HandoffRepository {
public:
    virtual ~HandoffRepository() = default;

    virtual Result<std::vector<HandoffType>> ListTypes() = 0;
    // NotFound for an unknown kind.
    virtual Result<HandoffType> GetType(const std::string& kind) = 0;
    // Replaces the editable fields (names, checklist, SLA, escalation, active) of `type.kind`.
    virtual Status UpdateType(const HandoffType& type) = 0;

    // Inserts the hand-off (id ignored) and returns its id.
    virtual Result<long long> Insert(const HandoffRecord& record) = 0;
    // NotFound when there is no such hand-off.
    virtual Result<HandoffRecord> Get(long long id) = 0;
    virtual Result<HandoffPage> List(const HandoffQuery& query) = 0;
    // Sets status and the response fields when the hand-off is still pending; Conflict
    // when it was answered meanwhile.
    virtual Status Respond(long long id, const std::string& status, const std::string& responded_on,
                           const std::string& responded_at, long long by_user_id, const std::string& return_reason) = 0;

    // Pending hand-offs due before `today` not yet both breached and escalated.
    virtual Result<std::vector<HandoffRecord>> OverduePending(const std::string& today) = 0;
    // Sets breached_on unless already set; true when this call set it.
    virtual Result<bool> MarkBreached(long long id, const std::string& breached_on) = 0;
    // Sets escalated_to/escalated_on unless already escalated; true when this call did.
    // `manager_id` 0 = no manager was found (escalated_on is still set).
    virtual Result<bool> MarkEscalated(long long id, long long manager_id, const std::string& escalated_on) = 0;
    // An alerts row (kind e.g. handoff_escalation) pointing at the hand-off.
    virtual Status InsertAlert(long long user_id, const std::string& kind, long long handoff_id,
                               const std::string& government_code, const std::string& message,
                               const std::string& created_at) = 0;

    // The users who manage `team` (users.team): the team's named manager (teams.manager_id)
    // first, then the other enabled users with role manager in it, by id. The one place
    // the escalation target is looked up.
    virtual Result<std::vector<long long>> ManagersOfTeam(const std::string& team) = 0;

    // The lead / deal a hand-off is about; NotFound when absent.
    virtual Result<HandoffSubject> Lead(long long lead_id) = 0;
    virtual Result<HandoffSubject> Deal(long long deal_id) = 0;
    // Gives the lead to `owner_id` with `status` (accepting a lead hand-off).
    virtual Status TransferLead(long long lead_id, long long owner_id, const std::string& status,
                                const std::string& updated_at) = 0;
    // Gives the deal to `owner_id` (an is_to_fs hand-off of a deal).
    virtual Status TransferDeal(long long deal_id, long long owner_id) = 0;
    // Adds `user_id` to the deal team with `role` (no-op when already on it).
    virtual Status JoinDealTeam(long long deal_id, long long user_id, const std::string& role) = 0;

    // Compliance per kind of the hand-offs created in [from, to] (JST dates).
    virtual Result<std::vector<HandoffComplianceRow>> Compliance(const std::string& from, const std::string& to) = 0;
};

}  // namespace kyoso::ports
