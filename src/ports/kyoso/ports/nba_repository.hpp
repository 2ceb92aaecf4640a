#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// A government as the similar-government search reads it (no_government rows left out).
struct NbaGovernmentRow {
    std::string code;
    std::string name;
    std::string kind;  // GovernmentKind slug
    std::string prefecture_code;
    std::optional<long long> population;
    std::optional<double> fiscal_strength_index;
    std::string similar_group;  // 類似団体区分; "" when none
};

// A deal with what the next best actions and the adoption table read.
struct NbaDealRow {
    long long id = 0;
    std::string government_code;
    long long product_id = 0;
    std::string product_name;
    long long owner_id = 0;
    std::optional<long long> champion_id;
    std::string title;
    long long amount = 0;
    std::optional<long long> award_amount;
    int fiscal_year = 0;
    std::string stage;          // StageSlug
    std::string budget_status;  // BudgetStatusSlug
    std::string created_on;
    std::string closed_on;  // "" while open
};

// An official (the champion or a successor) with the day they took the post.
struct NbaOfficialRow {
    long long id = 0;
    std::string government_code;
    std::string name;
    std::string department;
    std::string title;
    std::string posted_from;  // "" when unknown
};

// A pending hand-off with the government of its deal or lead.
struct NbaHandoffRow {
    long long id = 0;
    std::string kind;
    long long deal_id = 0;  // 0 for a lead
    long long lead_id = 0;  // 0 for a deal
    std::string government_code;
    long long from_user_id = 0;
    long long to_user_id = 0;
    std::string due_on;
};

// An open task.
struct NbaTaskRow {
    long long id = 0;
    long long user_id = 0;
    std::string title;
    std::string due_on;
    std::string government_code;  // "" when none
};

// A lead still being worked (new, working, qualified).
struct NbaLeadRow {
    long long id = 0;
    std::string government_code;
    long long owner_id = 0;
};

// A stored accept / dismiss of a next best action (migration 25 nba_feedback).
struct NbaFeedbackRecord {
    long long id = 0;
    long long user_id = 0;
    std::string action_key;
    std::string decision;  // accept | dismiss
    std::string reason;
    std::string created_at;  // ISO timestamp (UTC)
    std::string decided_on;  // YYYY-MM-DD (JST day of the decision)
};

// Reads for next best actions and similar governments (docs/ml.md), and their feedback.
class NbaRepository {
public:
    virtual ~NbaRepository() = default;

    virtual Result<std::vector<NbaGovernmentRow>> Governments() = 0;
    // Every deal, ordered by id.
    virtual Result<std::vector<NbaDealRow>> Deals() = 0;
    // (deal_id, user_id) of every deal team member.
    virtual Result<std::vector<std::pair<long long, long long>>> DealTeam() = 0;
    // The latest activity date per deal / per government / per official ("YYYY-MM-DD").
    virtual Result<std::vector<std::pair<long long, std::string>>> LastActivityByDeal() = 0;
    virtual Result<std::vector<std::pair<std::string, std::string>>> LastActivityByGovernment() = 0;
    virtual Result<std::vector<std::pair<long long, std::string>>> LastActivityByOfficial() = 0;
    // Officials by id (unknown ids are skipped).
    virtual Result<std::vector<NbaOfficialRow>> Officials(const std::vector<long long>& ids) = 0;
    // (predecessor_id, successor_id, effective_on) of every succession.
    virtual Result<std::vector<std::tuple<long long, long long, std::string>>> Successions() = 0;
    virtual Result<std::vector<NbaHandoffRow>> PendingHandoffs() = 0;
    // Open tasks due before `day` (YYYY-MM-DD).
    virtual Result<std::vector<NbaTaskRow>> OpenTasksDueBefore(const std::string& day) = 0;
    virtual Result<std::vector<NbaLeadRow>> OpenLeads() = 0;

    virtual Result<long long> InsertFeedback(const NbaFeedbackRecord& record) = 0;
    // A user's feedback, newest first.
    virtual Result<std::vector<NbaFeedbackRecord>> FeedbackOfUser(long long user_id) = 0;
};

}  // namespace kyoso::ports
