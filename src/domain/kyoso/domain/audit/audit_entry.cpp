#include "kyoso/domain/audit/audit_entry.hpp"

namespace kyoso::domain {

namespace {
void AppendField(std::string& out, std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}
}  // namespace

std::string AuditCanonicalText(const AuditEntry& e) {
    std::string out = "kyoso-audit-v1\n";
    AppendField(out, std::to_string(e.seq));
    for (const std::string* field :
         {&e.at, &e.actor, &e.action, &e.entity, &e.entity_id, &e.before_json, &e.after_json, &e.prev_hash}) {
        AppendField(out, *field);
    }
    return out;
}

}  // namespace kyoso::domain
