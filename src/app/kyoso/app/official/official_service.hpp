#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/domain/people/people.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// A new official (contact) as a client sends it.
struct OfficialCreate {
    std::string government_code;  // 5 or 6 digits
    std::string name;
    std::string kana;
    std::optional<long long> department_id;
    std::string department;  // text; derived from department_id when empty
    std::string title;
    std::optional<std::string> decision_role;  // approver/owner/influencer or 決裁者/担当者/影響者
    std::string email;
    std::string phone;
    bool do_not_contact = false;
    bool active = true;
    std::optional<std::string> posted_from;  // YYYY-MM-DD; default today
    bool allow_duplicate = false;            // create even when the name key is taken
};

// A partial update: only the set members change. department_id 0 unlinks.
struct OfficialPatch {
    std::optional<std::string> name;
    std::optional<std::string> kana;
    std::optional<long long> department_id;
    std::optional<std::string> department;
    std::optional<std::string> title;
    std::optional<std::string> decision_role;  // "" clears
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<bool> do_not_contact;
    std::optional<bool> active;
    bool allow_duplicate = false;  // keep a new name and kana even when another official has them
};

struct OfficialListResult {
    std::vector<domain::Official> items;
    long long total = 0;
    std::optional<std::string> next_cursor;
    std::vector<std::string> fields;  // requested fields; empty = all
};

// A succession link with the other official's name, for display.
struct SuccessionView {
    domain::Succession link;
    long long other_id = 0;
    std::string other_name;
};

struct OfficialDetail {
    domain::Official official;
    std::vector<domain::Posting> postings;  // newest first
    std::vector<SuccessionView> predecessors;
    std::vector<SuccessionView> successors;
};

// The fields GET /api/officials may select with `fields`.
const std::set<std::string>& OfficialFieldNames();

// Use cases over officials (contacts) and their posting history. Duplicate
// detection compares the name key (folded name and kana, ports::TextNormalizer)
// within a government. Every write runs in one transaction with its audit entry.
class OfficialService {
public:
    OfficialService(ports::Store& store, const ports::TextNormalizer& normalizer, const ports::Clock& clock,
                    const ports::Digest& digest)
        : store_(store), normalizer_(normalizer), clock_(clock), audit_(store, clock, digest) {}

    // Parameters: government, department_id, role, q (folded substring of name or
    // kana), do_not_contact (true/false), sort (id, -id, name, -name), limit
    // (1-500), cursor, fields (comma list of OfficialFieldNames). Errors name the
    // parameter. With q or a name sort it first computes missing name keys.
    Result<OfficialListResult> List(const ListParams& params);
    // With postings (newest first) and succession links; NotFound for an unknown id.
    Result<OfficialDetail> Get(long long id);
    // Validates every field and reference (InvalidArgument with details), refuses a
    // name key already used in the government with AlreadyExists naming the existing
    // official unless allow_duplicate, inserts the official and its first posting,
    // audited "official.create".
    Result<OfficialDetail> Create(const OfficialCreate& request, const std::string& actor);
    // Applies the set fields. A change of department or title closes the current
    // posting (yesterday) and opens a new one from today. A new name or kana that
    // another official of the government has is AlreadyExists unless allow_duplicate.
    // Audited "official.update".
    Result<OfficialDetail> Update(long long id, const OfficialPatch& patch, const std::string& actor);

    // domain::OfficialNameKey of the folded name and kana.
    std::string NameKey(const std::string& name, const std::string& kana) const;
    // Computes name keys of rows stored without one (older or bulk-loaded rows).
    // Call inside a transaction.
    Status BackfillNameKeys();

private:
    Status CheckDepartment(const std::string& government_code, long long department_id, const char* field,
                           std::vector<ErrorDetail>& errors);

    ports::Store& store_;
    const ports::TextNormalizer& normalizer_;
    const ports::Clock& clock_;
    AuditTrail audit_;
};

// The official as recorded in the audit trail.
std::string OfficialAuditJson(const domain::Official& o);

}  // namespace kyoso::app
