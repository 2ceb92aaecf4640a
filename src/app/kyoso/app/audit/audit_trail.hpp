#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// What a use case records about one write; AuditTrail adds seq, time and hashes.
struct AuditEvent {
    std::string actor;        // UserActor(id), or kSystemActor
    std::string action;       // "deal.move_stage", ...
    std::string entity;       // "deal", ...
    std::string entity_id;    // "" for batches
    std::string before_json;  // "" when the record is new
    std::string after_json;
};

// Actor of writes made without a user (master data, imports, demo builds).
inline constexpr std::string_view kSystemActor = "system";
// Actor of a write made by a sales user: "user:12".
std::string UserActor(long long user_id);
// "2026-11-27T04:01:05Z".
std::string FormatUtc(std::chrono::sys_seconds instant);

// Appends entries to the hash-chained audit log (docs/audit.md). Thread-safe when
// its dependencies are: each append runs in the store's transaction.
class AuditTrail {
public:
    AuditTrail(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest)
        : store_(store), clock_(clock), digest_(digest) {}

    // Appends `event` as entry last.seq + 1 with prev_hash = last.hash and its own
    // hash. Call it inside the Store::InTransaction that makes the change, so a
    // rolled-back change leaves no entry (outside one it runs in its own).
    Status Append(const AuditEvent& event);

private:
    ports::Store& store_;
    const ports::Clock& clock_;
    const ports::Digest& digest_;
};

}  // namespace kyoso::app
