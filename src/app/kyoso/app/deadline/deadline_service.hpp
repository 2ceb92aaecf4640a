#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/fiscal/deal_deadline.hpp"
#include "kyoso/ports/calendar_writer.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/mac.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// One row of the upcoming-deadline list.
struct DeadlineRow {
    long long deal_id = 0;
    std::string title;
    std::string government_code;
    std::string government_name;
    long long owner_id = 0;
    std::string owner_name;
    domain::Stage stage = domain::Stage::kDiscovery;
    int fiscal_year = 0;
    domain::DealDeadline deadline;
};

// Which open deals a deadline list covers. With neither owner nor team, every deal
// the caller may read.
struct DeadlineQuery {
    std::optional<long long> owner_id;
    std::optional<std::string> team;
    int horizon_days = 90;      // rows whose action date is within today + horizon (1..730)
    std::optional<Date> today;  // default: the clock's
    ports::Visibility visible;  // record-level sharing of the caller
};

// A new private calendar feed: the token is shown once (the URL holds it).
struct CreatedFeed {
    ports::CalendarFeedRecord record;
    std::string token;
    std::string path;  // "/calendar/<token>.ics"
};

// A government's own milestone dates as the API takes them: "MM-DD" texts.
struct MilestoneOverrideRequest {
    std::string milestone;  // a MilestoneSlug
    std::string start;      // "MM-DD"
    std::string end;        // "MM-DD"; "" = start
    std::optional<int> fiscal_year;
};

// Deadlines per deal, the upcoming-deadline list, milestone overrides by users and
// private iCalendar feeds (docs/fiscal-calendar.md, "Deadlines per deal"). Every
// write is audited with the acting user. Thread-safe when its dependencies are.
class DeadlineService {
public:
    DeadlineService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                    const ports::SecretSource& random, const domain::BusinessCalendar& business_days,
                    const ports::CalendarWriter* writer)
        : store_(store),
          clock_(clock),
          digest_(digest),
          random_(random),
          business_days_(business_days),
          writer_(writer),
          audit_(store, clock, digest) {}

    // Open deals' deadlines, sorted by action date (the next chance for a missed
    // deal), then deal id. InvalidArgument naming horizon_days or team.
    Result<std::vector<DeadlineRow>> List(const DeadlineQuery& query);
    // One deal's deadline on `today` (the clock's by default); nullopt when closed.
    Result<std::optional<domain::DealDeadline>> ForDeal(long long deal_id, std::optional<Date> today = std::nullopt);

    Result<std::vector<domain::MilestoneOverride>> Overrides(const std::string& government_code);
    // Validates (fields milestone, start, end, fiscal_year), stores and audits
    // "government.milestone_override" as `actor`.
    Status PutOverride(const std::string& actor, const std::string& government_code,
                       const MilestoneOverrideRequest& request);
    // Removes one override; audited "government.milestone_override_delete".
    Status DeleteOverride(const std::string& actor, const std::string& government_code, const std::string& milestone,
                          std::optional<int> fiscal_year);

    // A feed of `owner`'s deals (scope "user") or of a team's (scope "team": the
    // owner's own team, or any team for managers and administrators).
    Result<CreatedFeed> CreateFeed(const Principal& owner, const std::string& scope, const std::string& team);
    Result<std::vector<ports::CalendarFeedRecord>> ListFeeds(const Principal& owner);
    // NotFound for another user's feed unless `by` is an administrator.
    Status RevokeFeed(const Principal& by, long long feed_id);
    // The iCalendar text of the feed whose token is `token` (Unauthenticated when
    // unknown or revoked), covering `today` .. today + 365 days.
    Result<std::string> FeedByToken(const std::string& token, std::optional<Date> today = std::nullopt);
    // The iCalendar text for one user's or one team's open deals (CLI export).
    Result<std::string> Export(const std::string& scope, long long user_id, const std::string& team,
                               std::optional<Date> today = std::nullopt);

private:
    struct GovernmentInfo {
        domain::GovernmentKind kind;
        std::string name;
        std::vector<domain::MilestoneOverride> overrides;
    };
    Result<const GovernmentInfo*> Government(const std::string& code,
                                             std::vector<std::pair<std::string, GovernmentInfo>>& cache);
    Result<std::vector<ports::NamedDeal>> OpenDeals(const std::vector<long long>& owner_ids,
                                                    const ports::Visibility& visible);

    ports::Store& store_;
    const ports::Clock& clock_;
    const ports::Digest& digest_;
    const ports::SecretSource& random_;
    const domain::BusinessCalendar& business_days_;
    const ports::CalendarWriter* writer_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
