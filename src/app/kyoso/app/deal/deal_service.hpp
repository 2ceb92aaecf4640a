#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/pipeline/stage_rules.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

struct DealListResult {
    std::vector<domain::Deal> items;
    long long total = 0;
    std::optional<std::string> next_cursor;
};

// A deal with everything that happened to it.
struct DealDetail {
    domain::Deal deal;
    std::vector<ports::StageHistoryEntry> stage_history;  // oldest first
    std::vector<domain::Activity> activities;             // oldest first
};

// A request to move a deal to another stage. Absent optionals keep what the deal
// already has; evidence is checked against the merged values.
struct StageMoveRequest {
    std::string to;          // stage slug, e.g. "budget_proposal"
    long long actor_id = 0;  // the user moving it
    std::string note;
    std::optional<std::string> lost_reason;
    std::optional<std::string> competitor;
    std::optional<long long> award_amount;
    std::optional<long long> budget_amount;
    std::optional<std::string> notice_url;
};

struct StageMoveResult {
    domain::Deal deal;                         // after the move
    std::optional<domain::Deal> carried_over;  // the next-year deal of a 見送り
};

// One activity as a client logs it, in one request.
struct ActivityRequest {
    std::string type;         // activity type slug
    std::string occurred_on;  // YYYY-MM-DD, not in the future
    std::optional<long long> deal_id;
    std::string government_code;  // 5 or 6 digits
    long long user_id = 0;
    std::optional<long long> official_id;
    std::string notes;
    std::string outcome;
};

// Something the UI should show although the request succeeded.
struct Warning {
    std::string code;  // "blackout"
    std::string message;
};

struct LoggedActivity {
    long long id = 0;
    std::vector<Warning> warnings;
};

// Use cases over deals on the municipal pipeline and the activities logged on
// them. Every write runs in one transaction together with its audit entry
// (docs/audit.md): a failed request writes nothing. Thread-safe when its
// dependencies are.
class DealService {
public:
    // `policy` says which evidence each stage requires on entry (a company's own
    // configuration, or StageEvidencePolicy::Defaults()). `digest` hashes the audit chain.
    DealService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                const domain::BusinessCalendar& business_days,
                domain::StageEvidencePolicy policy = domain::StageEvidencePolicy::Defaults())
        : store_(store),
          clock_(clock),
          business_days_(business_days),
          policy_(std::move(policy)),
          audit_(store, clock, digest) {}

    // Parameters: government (5/6-digit code), stage (slug), fiscal_year, owner
    // (user id), limit (1-500, default 50), cursor. Ordered by id. An error names
    // the parameter.
    Result<DealListResult> List(const ListParams& params);

    // NotFound for an unknown id.
    Result<DealDetail> Get(long long deal_id);

    // Validates the transition (CheckTransition) and the entry evidence of the
    // target stage (FailedPrecondition whose details name each missing item),
    // then updates the deal and appends its history in one transaction. Moving to
    // 見送り also creates the carried-over deal for fiscal_year + 1 at 情報収集,
    // linked both ways. Audited as "deal.move_stage" (the deal before and after)
    // and "deal.carry_over" (the new deal). NotFound for an unknown deal;
    // InvalidArgument for an unknown stage or actor.
    Result<StageMoveResult> MoveStage(long long deal_id, const StageMoveRequest& request);

    // Validates every field and reference (InvalidArgument with field details),
    // inserts the activity (audited as "activity.log") and returns its id. Warns with code "blackout" when the
    // government has a deal (any owner) at 公告・仕様 or 入札・提案: contact with
    // officials during an open tender is sensitive under 官製談合防止法. Warns with
    // code "do_not_contact" when the official is marked do-not-contact.
    Result<LoggedActivity> LogActivity(const ActivityRequest& request);

    // The evidence table this service enforces.
    const domain::StageEvidencePolicy& policy() const { return policy_; }

private:
    Result<std::optional<Date>> RequestDeadlineFor(const domain::Deal& deal);

    ports::Store& store_;
    const ports::Clock& clock_;
    const domain::BusinessCalendar& business_days_;
    domain::StageEvidencePolicy policy_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
