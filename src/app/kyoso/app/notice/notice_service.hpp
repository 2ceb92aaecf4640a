#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/ports/notice_reader.hpp"
#include "kyoso/ports/notice_repository.hpp"
#include "kyoso/ports/product_matcher.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// What one import did (docs/intel.md, "Tender notices").
struct NoticeImportCounts {
    long long read = 0;        // notices in the file
    long long inserted = 0;    // new rows
    long long updated = 0;     // same (source, key) already stored: updated in place
    long long duplicates = 0;  // the same notice from another source (or twice in the file): stored once
    long long linked = 0;      // new or updated notices linked to a government
    long long queued = 0;      // new or updated notices left in the review queue
    long long matched = 0;     // new (notice, product) matches
    long long alerts = 0;      // alerts created for territory owners
};

// A notice with its product matches (the explanation: matched terms).
struct NoticeDetail {
    ports::StoredNotice stored;
    std::vector<ports::NoticeMatchRow> matches;
};

// Tender notices: import (read → dedupe → link → match → alert, in one transaction),
// the review queue, alerts and competitor data. Thread-safe when its dependencies are.
class NoticeService {
public:
    // `matcher` may be empty or return nullptr: matching is then skipped.
    NoticeService(ports::Store& store, const ports::NoticeReader& reader, const ports::Clock& clock,
                  const ports::Digest& digest, ports::ProductMatcherProvider matcher = {});

    // Replaces the matcher provider (the composition root wires the MeCab matcher).
    // Not thread-safe against running imports: call before serving.
    void SetMatcherProvider(ports::ProductMatcherProvider matcher) { matcher_ = std::move(matcher); }

    // Reads the whole file and stores it in one transaction; a malformed file is refused
    // whole (InvalidArgument naming the item/row and field) and nothing is written.
    // `actor` is the audit actor ("user:12", "system"); `progress` may be null.
    Result<NoticeImportCounts> Import(ports::NoticeFormat format, std::string_view bytes,
                                      const std::string& source_name, const std::string& actor,
                                      ports::ProgressSink* progress = nullptr);

    Result<ports::NoticePage> List(const ports::NoticeQuery& query);
    // NotFound when no such notice.
    Result<NoticeDetail> Get(long long id);
    // Links a notice to a government by hand (audited "notice.link"); alerts the
    // territory's owners about its existing matches. NotFound for an unknown notice or
    // government code; InvalidArgument for a malformed code.
    Result<ports::StoredNotice> Link(long long id, const std::string& government_code, const std::string& actor);
    // Dismisses a notice from the review queue (audited "notice.dismiss").
    Result<ports::StoredNotice> Dismiss(long long id, const std::string& actor);

    // The user's alerts, unread first.
    Result<std::vector<ports::AlertRow>> Alerts(long long user_id, bool unread_only, int limit);
    Status MarkAlertRead(long long user_id, long long alert_id);
    // Award results at a government by winner (NotFound for an unknown government).
    Result<std::vector<ports::CompetitorRow>> Competitors(const std::string& government_code);

private:
    // Matches a stored notice and alerts the owners of its government's territory (among
    // `accounts`, read once per import) about each new match; adds to `counts`.
    Status MatchAndAlert(const ports::ProductMatcher* matcher, long long notice_id, const domain::TenderNotice& n,
                         const std::vector<ports::Account>& accounts, const std::string& now,
                         NoticeImportCounts& counts);
    // Stores one notice_match alert per user in `owners`; returns how many.
    Result<long long> AlertOwners(const std::vector<long long>& owners, long long notice_id, const std::string& title,
                                  long long product_id, const std::string& government_code, const std::string& now);

    ports::Store& store_;
    const ports::NoticeReader& reader_;
    const ports::Clock& clock_;
    AuditTrail audit_;
    ports::ProductMatcherProvider matcher_;
};

}  // namespace kyoso::app
