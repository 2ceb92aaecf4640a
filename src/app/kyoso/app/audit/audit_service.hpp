#pragma once

#include <string>
#include <vector>

#include "kyoso/domain/audit/audit_entry.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// The first break found in the chain.
enum class AuditBreak {
    kNone,      // intact
    kEdited,    // an entry's content no longer matches its hash
    kMissing,   // a seq is missing: the entry was deleted
    kInserted,  // an entry does not chain to its predecessor: inserted, or altered and re-hashed
};

struct AuditVerification {
    AuditBreak finding = AuditBreak::kNone;
    long long seq = 0;       // the entry the finding is about (0 when intact)
    long long verified = 0;  // entries checked and found sound before the break (all when intact)
    std::string head_hash;   // hash of the last sound entry; record it elsewhere to detect truncation
    std::string message;     // "audit trail intact: 12 entries" or the finding, in words
    // True when every entry chained and matched its hash.
    bool intact() const { return finding == AuditBreak::kNone; }
};

// Reads and verifies the audit trail (docs/audit.md). Read-only; thread-safe when
// its dependencies are.
class AuditService {
public:
    AuditService(ports::Store& store, const ports::Digest& digest) : store_(store), digest_(digest) {}

    // Walks the whole chain from seq 1 and reports the FIRST break: a missing seq,
    // an entry whose prev_hash is not its predecessor's hash, or an entry whose
    // hash does not match its content. A storage error is an error Status; a
    // broken chain is an OK result with finding != kNone.
    Result<AuditVerification> Verify();

    // The newest `limit` entries (1-10,000), newest first; InvalidArgument naming
    // "limit" otherwise.
    Result<std::vector<domain::AuditEntry>> List(int limit);

private:
    ports::Store& store_;
    const ports::Digest& digest_;
};

}  // namespace kyoso::app
