#pragma once

#include <string>
#include <string_view>

namespace kyoso::domain {

// One entry of the tamper-evident audit trail (docs/audit.md). Entries form a
// chain: each carries the hash of the one before it.
struct AuditEntry {
    long long seq = 0;        // 1, 2, 3, ... without gaps
    std::string at;           // UTC instant, "2026-11-27T04:01:05Z"
    std::string actor;        // "user:12", or "system" for work without a user
    std::string action;       // "deal.move_stage", "activity.log", ...
    std::string entity;       // "deal", "activity", "government", ...
    std::string entity_id;    // id or code of the changed record ("" for batches)
    std::string before_json;  // the record before the change, "" when created
    std::string after_json;   // the record after the change, or a batch summary
    std::string prev_hash;    // hash of entry seq - 1; kGenesisHash for seq 1
    std::string hash;         // SHA-256 hex of AuditCanonicalText(*this)
};

// prev_hash of the first entry: 64 zeros.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The bytes that are hashed for an entry: a version tag, then seq, at, actor,
// action, entity, entity_id, before_json, after_json and prev_hash, each written
// as "<byte length>:<bytes>\n". Length prefixes make the encoding unambiguous
// (no two different entries serialize to the same bytes). `hash` is not included.
std::string AuditCanonicalText(const AuditEntry& entry);

}  // namespace kyoso::domain
