#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/compliance/contact_entry.hpp"
#include "kyoso/ports/list_query.hpp"

namespace kyoso::ports {

// A contact log entry with the names a reader needs (joined at read time).
struct ContactRow {
    domain::ContactEntry entry;
    std::string user_name;   // 担当者
    std::string deal_title;  // 関連案件 ("" when not linked)
};

// Keyset page request over the contact log, ordered by (occurred_on, id) ascending.
struct ContactQuery {
    std::optional<std::string> government_code;
    std::optional<long long> official_id;
    std::optional<Date> from;                         // inclusive
    std::optional<Date> to;                           // inclusive
    std::optional<std::pair<Date, long long>> after;  // (occurred_on, id) of the last row seen
    int limit = 50;                                   // 0 = no limit (exports)
    Visibility visible;                               // record-level sharing of the caller
};

struct ContactPage {
    std::vector<ContactRow> items;
    bool has_more = false;
};

// Who an official is, as recorded in a contact entry.
struct OfficialSnapshot {
    long long id = 0;
    std::string government_code;
    std::string name;
    std::string department;
    std::string title;
};

// The append-only compliance contact log (docs/compliance.md). Rows can only be
// inserted: the storage refuses UPDATE and DELETE. Calls inside
// Store::InTransaction join it. Safe for concurrent use.
class ContactLogRepository {
public:
    virtual ~ContactLogRepository() = default;
    // Inserts the entry (its id is ignored) and returns the assigned id.
    virtual Result<long long> Append(const domain::ContactEntry& entry) = 0;
    // NotFound when there is no entry with this id.
    virtual Result<ContactRow> Get(long long id) = 0;
    // One page matching every set filter.
    virtual Result<ContactPage> List(const ContactQuery& query) = 0;
    // The official's current name and 所属; NotFound when unknown.
    virtual Result<OfficialSnapshot> Official(long long official_id) = 0;
    // Officials recorded as participants of an activity (activity_participants).
    virtual Result<std::vector<long long>> ParticipantOfficials(long long activity_id) = 0;
    // Bulk writers (demo, CSV import): appends one entry per official taking part in
    // each activity with first_id <= id <= last_id (its official_id and official
    // participants), as LogActivity would, in id order. `recorded_at` stamps the
    // entries; "" = each activity's own date. Returns the number appended.
    virtual Result<long long> AppendForActivities(long long first_id, long long last_id,
                                                  const std::string& recorded_at) = 0;
};

}  // namespace kyoso::ports
