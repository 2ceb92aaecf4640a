#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/ml/deal_scorer.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/nba/nba.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// A government in a similar-government list.
struct SimilarGovernment {
    std::string code;
    std::string name;
    std::string kind;  // GovernmentKind slug
    std::string prefecture_code;
    std::string region;  // Region slug
    std::optional<long long> population;
    std::optional<double> fiscal_strength_index;
    bool fiscal_imputed = false;  // 財政力指数 missing: the kind median stood in
    std::string similar_group;
    double distance = 0;                        // 0 for the target itself
    std::vector<std::string> adopted_products;  // names of the products it won
};

// Nearest neighbours of a government and the other members of its 類似団体 group.
struct SimilarResult {
    SimilarGovernment target;
    std::vector<SimilarGovernment> neighbours;  // nearest first
    std::vector<SimilarGovernment> same_group;  // same similar_group, nearest first (at most `limit`)
    int same_group_total = 0;
    int compared = 0;  // governments compared against
};

// An outcome metric of a won deployment with its latest measurement.
struct AdoptionOutcome {
    std::string name;
    std::string unit;
    std::string direction;
    double baseline = 0;
    double target = 0;
    std::optional<double> latest;
    std::string latest_on;
};

// A similar government's deal for the product.
struct AdoptionRow {
    std::string government_code;
    std::string government_name;
    bool neighbour = false;      // among the nearest neighbours
    bool similar_group = false;  // in the target's 類似団体 group
    double distance = 0;
    std::string outcome;     // won | lost | deferred | open
    std::string outcome_ja;  // 受注 | 失注 | 見送り | 商談中
    int fiscal_year = 0;
    std::string closed_on;    // "" while open
    bool restricted = false;  // outside the reader's scope: no id, title, amount or metrics
    long long deal_id = 0;
    std::string title;
    std::optional<long long> amount;  // award amount when won and known, else amount; hidden fields → nullopt
    std::vector<AdoptionOutcome> outcomes;
};

// "Who like this government uses product P, and with what outcome".
struct AdoptionResult {
    std::string government_code;
    std::string government_name;
    long long product_id = 0;
    std::string product_name;
    std::vector<AdoptionRow> rows;  // won first, then by distance
    int won = 0;
    int lost = 0;
    int deferred = 0;
    int open = 0;
};

// Ranked next best actions of a scope.
struct NextActionsResult {
    std::string scope;  // "mine:<role>", "deal", "government"
    std::vector<domain::nba::Action> items;
    bool model_used = false;  // the DealScorer's factors were consulted
    std::string model_note;   // why not, when not
};

// An accept / dismiss of an action.
struct NbaFeedbackRequest {
    std::string action_key;
    std::string decision;  // accept | dismiss
    std::string reason;    // optional, at most 500 characters
};

// Next best actions (per deal, per government, per user by role) and similar governments
// (docs/ml.md, "Next best actions and similar governments"). Everything is computed on
// read; only feedback is stored (nba_feedback). Thread-safe when its dependencies are.
class NbaService {
public:
    NbaService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
               const domain::BusinessCalendar& business_days, const Authorizer& authorizer,
               DealScorer* scorer = nullptr)
        : store_(store),
          clock_(clock),
          business_days_(business_days),
          authorizer_(authorizer),
          scorer_(scorer),
          audit_(store, clock, digest) {}

    // The win model whose negative factors become actions; null skips that rule (and the
    // results say so). The lead wires the models' DealScorer here.
    void SetDealScorer(DealScorer* scorer) { scorer_ = scorer; }

    // The `limit` (1..50) nearest governments to `code` and its 類似団体 group. NotFound for
    // an unknown code; InvalidArgument naming limit.
    Result<SimilarResult> Similar(const std::string& code, int limit = 10);
    // The deals for `product_id` of the 20 nearest neighbours and the 類似団体 group, with
    // outcome and (won) outcome metrics; rows outside `p`'s read scope are restricted.
    Result<AdoptionResult> Adoption(const Principal& p, const std::string& code, long long product_id);

    // The signed-in user's next actions by role: field sales their open deals; inside
    // sales and BDRs their leads' governments and own deals; customer success their
    // accounts (won deals they are on); managers their team's deals; admins all open deals.
    Result<NextActionsResult> ForUser(const Principal& p, int limit = 20);
    // One deal's actions (NotFound / PermissionDenied like reading the deal).
    Result<NextActionsResult> ForDeal(const Principal& p, long long deal_id);
    // A government's actions: its open deals `p` may read and the government-level rules.
    Result<NextActionsResult> ForGovernment(const Principal& p, const std::string& code);

    // Stores an accept / dismiss as `p` (audited "nba.feedback"); InvalidArgument naming
    // action_key, decision or reason.
    Result<ports::NbaFeedbackRecord> Feedback(const Principal& p, const NbaFeedbackRequest& request);

    domain::nba::Params params() const { return params_; }

private:
    struct World;
    Result<std::shared_ptr<World>> Load();
    Result<NextActionsResult> Build(const Principal& p, World& w, const std::vector<long long>& deal_ids,
                                    const std::vector<std::string>& government_codes, bool tasks_on_deals, int limit,
                                    std::string scope);

    ports::Store& store_;
    const ports::Clock& clock_;
    const domain::BusinessCalendar& business_days_;
    const Authorizer& authorizer_;
    DealScorer* scorer_;
    AuditTrail audit_;
    domain::nba::Params params_;
};

}  // namespace kyoso::app
