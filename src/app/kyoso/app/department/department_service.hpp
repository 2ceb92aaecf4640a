#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/domain/people/people.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// A new department as a client sends it. An absent level follows from the parent:
// top level → bureau, under a bureau → division, under a division → section.
struct DepartmentCreate {
    std::string government_code;  // 5 or 6 digits
    std::optional<long long> parent_id;
    std::string name;
    std::optional<std::string> level;  // bureau, division, section
    std::vector<std::string> policy_domains;
    std::string phone;
};

// A partial update: only the set members change. parent_id 0 moves to top level.
struct DepartmentPatch {
    std::optional<long long> parent_id;
    std::optional<std::string> name;
    std::optional<std::string> level;
    std::optional<std::vector<std::string>> policy_domains;
    std::optional<std::string> phone;
};

// One node of a government's tree with its children, ordered by id.
struct DepartmentNode {
    domain::Department department;
    std::vector<DepartmentNode> children;
};

// Use cases over each government's 部/課/係 tree. Every write runs in one
// transaction with its audit entry; a failed request writes nothing.
class DepartmentService {
public:
    DepartmentService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest)
        : store_(store), audit_(store, clock, digest) {}

    // Every department of the government, by id; NotFound for an unknown government,
    // InvalidArgument for a malformed code.
    Result<std::vector<domain::Department>> ListForGovernment(const std::string& government_code);
    // The same departments as a forest of top-level nodes.
    Result<std::vector<DepartmentNode>> TreeForGovernment(const std::string& government_code);
    // NotFound for an unknown id.
    Result<domain::Department> Get(long long id);

    // Validates (InvalidArgument with field details: name, level, policy_domains,
    // parent_id in another government or unknown), refuses a name already used under
    // the same parent (AlreadyExists), inserts and audits "department.create".
    Result<domain::Department> Create(const DepartmentCreate& request, const std::string& actor);
    // Same rules as Create plus: the parent may not be the department itself or one
    // of its descendants. Audited "department.update" with before and after.
    Result<domain::Department> Update(long long id, const DepartmentPatch& patch, const std::string& actor);
    // Conflict while children, officials (current or past), deals or
    // leads refer to it; audited "department.delete".
    Status Delete(long long id, const std::string& actor);

    // "総務部 情報政策課": the names from the top of the tree down to `id`.
    Result<std::string> PathName(long long id);

private:
    Status Validate(const domain::Department& d, std::vector<ErrorDetail>& errors, bool level_given);

    ports::Store& store_;
    AuditTrail audit_;
};

// The department as recorded in the audit trail.
std::string DepartmentAuditJson(const domain::Department& d);

}  // namespace kyoso::app
