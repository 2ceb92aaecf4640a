#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/intel/notice.hpp"
#include "kyoso/domain/intel/notice_rules.hpp"

namespace kyoso::ports {

// A stored notice: the record plus its review state and bookkeeping.
struct StoredNotice {
    domain::TenderNotice notice;  // notice.id is the row id
    std::string review_state;     // linked, needs_review, dismissed
    std::string link_reason;      // how it was linked, or why it waits for review
    std::string government_name;  // the linked government's name, "" when unlinked
    std::string created_at;       // UTC ISO 8601
    std::string updated_at;
};

// What Upsert did with a notice.
enum class NoticeUpsertOutcome {
    kInserted,   // a new notice
    kUpdated,    // the same (source, key) was stored already: updated in place
    kDuplicate,  // the same notice from another source (same dedupe key): kept once, unchanged
};
struct NoticeUpsertResult {
    long long id = 0;
    NoticeUpsertOutcome outcome = NoticeUpsertOutcome::kInserted;
};

// One product a notice matched, with the matched terms (the explanation).
struct NoticeMatchRow {
    long long notice_id = 0;
    long long product_id = 0;
    std::string product_name;  // filled on reads
    double score = 0;
    std::vector<std::string> terms;
};

// An alert to one user (kind "notice_match").
struct AlertRow {
    long long id = 0;
    long long user_id = 0;
    std::string kind;
    long long notice_id = 0;
    long long product_id = 0;
    std::string government_code;
    std::string message;
    std::string created_at;
    std::string read_at;  // "" = unread
    // Filled on reads.
    std::string notice_title;
    std::string product_name;
    std::string government_name;
};

// A page of notices.
struct NoticeQuery {
    std::optional<std::string> government_code;
    std::optional<long long> product_id;        // notices that matched this product
    std::optional<std::string> title_contains;  // substring of the title
    std::optional<std::string> review_state;    // linked, needs_review, dismissed
    std::optional<std::string> issued_from;     // inclusive, YYYY-MM-DD
    std::optional<std::string> issued_to;       // inclusive
    int limit = 50;
    long long offset = 0;
};
struct NoticePage {
    std::vector<StoredNotice> items;
    long long total = 0;
};

// One competitor's award results at a government.
struct CompetitorRow {
    std::string winner;
    long long awards = 0;
    long long total_amount = 0;   // yen, awards without an amount count 0
    std::string last_awarded_on;  // YYYY-MM-DD, "" when no award date
    std::string last_title;
};

// Storage of tender notices, their product matches, alerts and award results
// (docs/intel.md). Safe for concurrent use; writes join the caller's transaction.
class NoticeRepository {
public:
    virtual ~NoticeRepository() = default;
    // Every government (prefectures included, 北方領土 villages excluded) for linking.
    virtual Result<std::vector<domain::GovernmentName>> GovernmentNames() = 0;
    // Stores `notice` (id ignored): updates the row with the same (source, key), else
    // returns the row with the same `dedupe_key` unchanged as a duplicate, else inserts
    // with `review_state` / `link_reason`. An update keeps a manual link or dismissal.
    virtual Result<NoticeUpsertResult> Upsert(const domain::TenderNotice& notice, const std::string& dedupe_key,
                                              const std::string& review_state, const std::string& link_reason,
                                              const std::string& now) = 0;
    // NotFound when no such notice.
    virtual Result<StoredNotice> Get(long long id) = 0;
    // Newest issue date first, then id descending.
    virtual Result<NoticePage> List(const NoticeQuery& query) = 0;
    // Sets the notice's government ("" = none) and review state.
    virtual Status SetReview(long long id, const std::string& government_code, const std::string& review_state,
                             const std::string& link_reason, const std::string& now) = 0;
    // Stores a match; true when it is new (the pair was not stored before). A repeated
    // pair gets the new score and terms.
    virtual Result<bool> PutMatch(const NoticeMatchRow& match, const std::string& now) = 0;
    // The notice's matches, best score first, with product names.
    virtual Result<std::vector<NoticeMatchRow>> Matches(long long notice_id) = 0;
    virtual Result<long long> InsertAlert(const AlertRow& alert) = 0;
    // The user's alerts, unread first, newest first; at most `limit`.
    virtual Result<std::vector<AlertRow>> Alerts(long long user_id, bool unread_only, int limit) = 0;
    // NotFound unless the alert is the user's.
    virtual Status MarkAlertRead(long long user_id, long long alert_id, const std::string& now) = 0;
    // Award results at a government grouped by winner: most awards first.
    virtual Result<std::vector<CompetitorRow>> Competitors(const std::string& government_code) = 0;
};

}  // namespace kyoso::ports
