#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/custom_field/custom_field_values.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/pipeline/stage_rules.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

struct DealListResult {
    std::vector<ports::NamedDeal> items;
    long long total = 0;
    std::optional<std::string> next_cursor;
    std::vector<std::string> fields;  // requested selection; empty = all
};

// A deal with everything that happened to it.
struct DealDetail {
    domain::Deal deal;
    ports::DealNames names;                               // of its government, product and owner
    std::vector<ports::StageHistoryEntry> stage_history;  // oldest first
    std::vector<domain::Activity> activities;             // oldest first
    std::vector<domain::DealLineItem> line_items;
    std::vector<domain::DealTeamMember> team;
    std::vector<CustomFieldEntry> custom_fields;
    std::vector<std::pair<long long, ports::ActivityParticipants>> participants;  // by activity id
};

// One quote line as a client sends it.
struct DealLineItemRequest {
    std::optional<long long> product_id;
    std::string description;
    long long quantity = 0;
    long long unit_price = 0;
};

// One team member as a client sends it.
struct DealTeamRequest {
    long long user_id = 0;
    std::string role;  // bdr, inside_sales, field_sales, customer_success, manager
};

// Deal fields as a client sends them. For an update absent members stay; a
// department or champion set to 0 clears it (JSON null); line_items and team
// replace the whole list. Stage and outcome fields move only with MoveStage.
struct DealRequest {
    std::optional<std::string> government_code;
    std::optional<long long> department_id;
    std::optional<std::string> title;
    std::optional<long long> product_id;
    std::optional<std::vector<DealLineItemRequest>> line_items;
    std::optional<long long> amount;
    std::optional<long long> fiscal_year;
    std::optional<std::string> procurement_method;
    std::optional<std::string> budget_status;
    std::optional<long long> owner_id;
    std::optional<std::vector<DealTeamRequest>> team;
    std::optional<long long> champion_id;
    std::optional<std::string> external_id;
    CustomFieldInputs custom_fields;
    std::optional<long long> actor_id;  // the user making the change (audit); default the owner
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
    std::string occurred_at;  // "HH:MM" or ""
    std::vector<long long> participant_user_ids;
    std::vector<long long> participant_official_ids;
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
    // (user id), product (product id), kind (government kind slug), prefecture
    // ("01".."47"), status (open|won|lost|closed), limit (1-500, default 50), cursor,
    // sort (id|amount|fiscal_year|created_on|title), order (asc|desc), fields. An
    // error names the parameter. Items carry the names of their references.
    // `visible` is the caller's record-level sharing (app::Authorizer::ListVisibility).
    Result<DealListResult> List(const ListParams& params, const ports::Visibility& visible = {});

    // NotFound for an unknown id.
    Result<DealDetail> Get(long long deal_id);
    // The names a deal refers to (government, prefecture, kind, product, owner); NotFound for an unknown id.
    Result<ports::DealNames> Names(long long deal_id);

    // Creates a deal at 情報収集: government_code, title, product_id and owner_id
    // required; fiscal_year defaults to the year after today's. The amount is the
    // sum of the line items when there are any, else `amount`. References must
    // exist (department and champion in the deal's government). InvalidArgument
    // naming each bad field; audited as "deal.create".
    Result<DealDetail> Create(const DealRequest& request);
    // Merges the request over the deal (same rules); the government cannot change.
    // Audited as "deal.update" with before and after. NotFound for an unknown deal.
    Result<DealDetail> Update(long long deal_id, const DealRequest& request);

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
    Result<DealDetail> Save(long long deal_id, const DealRequest& request);

    ports::Store& store_;
    const ports::Clock& clock_;
    const domain::BusinessCalendar& business_days_;
    domain::StageEvidencePolicy policy_;
    AuditTrail audit_;
};

// The deal as recorded in the audit trail.
std::string DealAuditJson(const domain::Deal& deal);

}  // namespace kyoso::app
