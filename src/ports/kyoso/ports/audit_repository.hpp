#pragma once

#include <optional>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/audit/audit_entry.hpp"

namespace kyoso::ports {

// The append-only audit log. The repository stores and returns entries exactly as
// given: it computes no sequence number and no hash (app::AuditTrail does). The
// storage refuses updates and deletes of stored entries. Safe for concurrent use;
// calls made inside Store::InTransaction join that transaction.
class AuditRepository {
public:
    virtual ~AuditRepository() = default;

    // Stores one entry with its seq and hash as given. AlreadyExists-like failure
    // (an error Status) when the seq is taken.
    virtual Status Append(const domain::AuditEntry& entry) = 0;
    // The entry with the highest seq; nullopt when the log is empty.
    virtual Result<std::optional<domain::AuditEntry>> LastEntry() = 0;
    // Up to `limit` entries with seq > after_seq, in ascending seq order.
    virtual Result<std::vector<domain::AuditEntry>> ReadAfter(long long after_seq, int limit) = 0;
    // The `limit` newest entries, newest first.
    virtual Result<std::vector<domain::AuditEntry>> Newest(int limit) = 0;
};

}  // namespace kyoso::ports
