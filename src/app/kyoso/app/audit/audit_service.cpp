#include "kyoso/app/audit/audit_service.hpp"

#include <limits>

namespace kyoso::app {

namespace {
constexpr int kPage = 5000;

AuditVerification Broken(AuditBreak finding, long long seq, long long verified, std::string head, std::string what) {
    AuditVerification v;
    v.finding = finding;
    v.seq = seq;
    v.verified = verified;
    v.head_hash = std::move(head);
    v.message = std::move(what) + " (" + std::to_string(verified) + " entries before it verified)";
    return v;
}
}  // namespace

Result<AuditVerification> AuditService::Verify() {
    long long expected = 1;
    long long verified = 0;
    std::string prev(domain::kAuditGenesisHash);
    // Start below 1 so forged entries with seq <= 0 are seen too.
    long long after = std::numeric_limits<long long>::min();
    for (;;) {
        auto page = store_.audit().ReadAfter(after, kPage);
        if (!page.ok()) return page.status();
        for (const auto& e : *page) {
            const std::string n = std::to_string(e.seq);
            const std::string head = verified ? prev : "";
            if (e.seq < expected) {
                return Broken(AuditBreak::kInserted, e.seq, verified, head,
                              "entry " + n + " was inserted or altered: the chain starts at seq 1");
            }
            if (e.seq > expected) {
                return Broken(AuditBreak::kMissing, expected, verified, head,
                              "entry " + std::to_string(expected) +
                                  " is missing or was deleted (the chain jumps from " + std::to_string(expected - 1) +
                                  " to " + n + ")");
            }
            if (e.prev_hash != prev) {
                return Broken(AuditBreak::kInserted, e.seq, verified, head,
                              "entry " + n + " was inserted or altered: its prev_hash is not the hash of entry " +
                                  std::to_string(e.seq - 1) + " (or entry " + std::to_string(e.seq - 1) +
                                  " was altered and re-hashed)");
            }
            if (digest_.Sha256Hex(domain::AuditCanonicalText(e)) != e.hash) {
                return Broken(AuditBreak::kEdited, e.seq, verified, head,
                              "entry " + n + " was edited: its content does not match its hash");
            }
            prev = e.hash;
            ++expected;
            ++verified;
            after = e.seq;
        }
        if (page->size() < static_cast<size_t>(kPage)) break;
    }
    AuditVerification v;
    v.verified = verified;
    v.head_hash = verified ? prev : "";
    v.message = "audit trail intact: " + std::to_string(verified) + " entries";
    return v;
}

Result<std::vector<domain::AuditEntry>> AuditService::List(int limit) {
    if (limit < 1 || limit > 10'000) {
        return InvalidArgument("invalid parameter 'limit': must be an integer from 1 to 10000",
                               {{"limit", "must be an integer from 1 to 10000"}});
    }
    return store_.audit().Newest(limit);
}

}  // namespace kyoso::app
