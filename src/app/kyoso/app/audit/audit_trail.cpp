#include "kyoso/app/audit/audit_trail.hpp"

#include <cstdio>

#include "kyoso/domain/audit/audit_entry.hpp"

namespace kyoso::app {

std::string UserActor(long long user_id) { return "user:" + std::to_string(user_id); }

std::string FormatUtc(std::chrono::sys_seconds instant) {
    const auto day = std::chrono::floor<std::chrono::days>(instant);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{instant - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

Status AuditTrail::Append(const AuditEvent& event) {
    // The transaction holds the writer, so no other append can take the same seq.
    return store_.InTransaction([&]() -> Status {
        auto last = store_.audit().LastEntry();
        if (!last.ok()) return last.status();
        domain::AuditEntry e;
        e.seq = *last ? (*last)->seq + 1 : 1;
        e.prev_hash = *last ? (*last)->hash : std::string(domain::kAuditGenesisHash);
        e.at = FormatUtc(clock_.Now());
        e.actor = event.actor;
        e.action = event.action;
        e.entity = event.entity;
        e.entity_id = event.entity_id;
        e.before_json = event.before_json;
        e.after_json = event.after_json;
        e.hash = digest_.Sha256Hex(domain::AuditCanonicalText(e));
        return store_.audit().Append(e);
    });
}

}  // namespace kyoso::app
