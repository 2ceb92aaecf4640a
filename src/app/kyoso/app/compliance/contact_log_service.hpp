#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/spreadsheet_writer.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// One contact recorded directly (not through an activity), e.g. a gift offered
// and declined, a meal, a chance meeting at an event.
struct ContactRequest {
    std::string government_code;  // 5 or 6 digits
    std::optional<long long> official_id;
    long long user_id = 0;
    std::string occurred_on;  // YYYY-MM-DD, not in the future
    std::string channel;      // domain::ContactChannels()
    std::string summary;      // required
    std::optional<long long> deal_id;
    std::string value_given;
    std::optional<long long> value_given_yen;
    std::string value_received;
    std::optional<long long> value_received_yen;
    std::optional<long long> corrects_id;  // the entry this one corrects
};

struct ContactListResult {
    std::vector<ports::ContactRow> items;
    std::optional<std::string> next_cursor;
};

// A government's contact history as a table for 情報公開 (disclosure requests).
struct Disclosure {
    std::string government_code;
    std::string government_name;
    ports::Sheet sheet;  // Japanese header, one row per entry, oldest first
};

// Files written by ExportDisclosure.
struct DisclosureFiles {
    std::string csv_path;
    std::string xlsx_path;
    long long rows = 0;
};

// Use cases of the compliance contact log (docs/compliance.md). Entries are
// append-only; every write runs in one transaction with its audit entry.
// Thread-safe when its dependencies are.
class ContactLogService {
public:
    // `xlsx` may be null when no .xlsx output is needed (then DisclosureXlsx fails).
    ContactLogService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                      const ports::SpreadsheetWriter* xlsx = nullptr)
        : store_(store), clock_(clock), xlsx_(xlsx), audit_(store, clock, digest) {}

    // Validates every field (InvalidArgument naming each bad one), appends the
    // entry audited as "contact_log.append" and returns it. FailedPrecondition
    // when corrects_id names an entry of another government.
    Result<ports::ContactRow> Record(const ContactRequest& request);

    // Parameters: government (code), official (id), from, to (YYYY-MM-DD,
    // inclusive), limit (1-500, default 50), cursor. Oldest first.
    // `visible` is the caller's record-level sharing (app::Authorizer::ListVisibility).
    Result<ContactListResult> List(const ListParams& params, const ports::Visibility& visible = {});

    // The whole contact history of a government between optional dates
    // (YYYY-MM-DD strings; "" = open). InvalidArgument for a bad code or date,
    // NotFound for an unknown government.
    Result<Disclosure> BuildDisclosure(const std::string& government_code, const std::string& from,
                                       const std::string& to);
    // The table as CSV: UTF-8 with a BOM (so Excel in Japan opens it), CRLF line
    // ends, every field quoted per RFC 4180.
    static std::string DisclosureCsv(const ports::Sheet& sheet);
    // The table as an .xlsx file's bytes.
    Result<std::string> DisclosureXlsx(const ports::Sheet& sheet) const;
    // Writes <dir>/disclosure-<code>[-<from>_<to>].csv and .xlsx, each through a
    // temporary file renamed into place. The folder must exist.
    Result<DisclosureFiles> ExportDisclosure(const std::string& government_code, const std::string& from,
                                             const std::string& to, const std::string& dir);

private:
    ports::Store& store_;
    const ports::Clock& clock_;
    const ports::SpreadsheetWriter* xlsx_;
    AuditTrail audit_;
};

// Appends one contact log entry per official of a just-inserted activity (its
// official_id and any official participants). Call inside the transaction that
// inserts and audits the activity: its "activity.log" audit entry covers these
// derived entries. No official, no entry.
Status AppendActivityContacts(ports::Store& store, const ports::Clock& clock, const domain::Activity& activity);

}  // namespace kyoso::app
