#include "kyoso/app/department/department_service.hpp"

#include <functional>
#include <map>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

constexpr size_t kMaxNameBytes = 200;
constexpr int kMaxDepth = 16;

Status FieldErrors(std::vector<ErrorDetail> details) {
    std::string message = "invalid request: " + details.front().field + ": " + details.front().message;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more)";
    return InvalidArgument(std::move(message), std::move(details));
}

}  // namespace

std::string DepartmentAuditJson(const domain::Department& d) {
    AuditJson j;
    j.Int("id", d.id).Str("government_code", d.government_code).Int("parent_id", d.parent_id).Str("name", d.name);
    j.Str("level", domain::DepartmentLevelSlug(d.level)).Raw("policy_domains", JsonStringArray(d.policy_domains));
    j.Str("phone", d.phone);
    return j.str();
}

Result<std::vector<domain::Department>> DepartmentService::ListForGovernment(const std::string& government_code) {
    auto code = domain::GovernmentCode::Parse(government_code);
    if (!code.ok()) return InvalidArgument(code.status().message(), {{"code", code.status().message()}});
    auto gov = store_.governments().Get(code->str());
    if (!gov.ok()) return gov.status();
    return store_.departments().ListByGovernment(code->str());
}

Result<std::vector<DepartmentNode>> DepartmentService::TreeForGovernment(const std::string& government_code) {
    auto flat = ListForGovernment(government_code);
    if (!flat.ok()) return flat.status();
    std::map<long long, std::vector<const domain::Department*>> by_parent;
    for (const auto& d : *flat) by_parent[d.parent_id].push_back(&d);
    std::function<std::vector<DepartmentNode>(long long, int)> build = [&](long long parent, int depth) {
        std::vector<DepartmentNode> out;
        if (depth > kMaxDepth) return out;
        for (const auto* d : by_parent[parent]) out.push_back({*d, build(d->id, depth + 1)});
        return out;
    };
    return build(0, 0);
}

Result<domain::Department> DepartmentService::Get(long long id) { return store_.departments().Get(id); }

Result<std::string> DepartmentService::PathName(long long id) {
    std::string path;
    long long at = id;
    for (int depth = 0; at != 0 && depth <= kMaxDepth; ++depth) {
        auto d = store_.departments().Get(at);
        if (!d.ok()) return d.status();
        path = path.empty() ? d->name : d->name + " " + path;
        at = d->parent_id;
    }
    return path;
}

Status DepartmentService::Validate(const domain::Department& d, std::vector<ErrorDetail>& errors, bool level_given) {
    if (d.name.empty()) {
        errors.push_back({"name", "required"});
    } else if (d.name.size() > kMaxNameBytes) {
        errors.push_back({"name", "at most 200 bytes"});
    } else if (d.name.find_first_of("\n\r\t") != std::string::npos) {
        errors.push_back({"name", "must be one line"});
    }
    if (d.phone.size() > 40) errors.push_back({"phone", "at most 40 bytes"});
    if (Status st = domain::ValidatePolicyDomains(d.policy_domains, "policy_domains"); !st.ok()) {
        for (const auto& e : st.details()) errors.push_back(e);
    }
    if (d.parent_id < 0) {
        errors.push_back({"parent_id", "must be a department id"});
    } else if (d.parent_id != 0) {
        auto parent = store_.departments().Get(d.parent_id);
        if (!parent.ok()) {
            if (parent.status().code() != ErrorCode::kNotFound) return parent.status();
            errors.push_back({"parent_id", "no department with id " + std::to_string(d.parent_id)});
        } else if (parent->government_code != d.government_code) {
            errors.push_back({"parent_id", "department " + std::to_string(d.parent_id) + " belongs to " +
                                               parent->government_code + ", not " + d.government_code});
        } else if (!domain::MayNest(parent->level, d.level)) {
            errors.push_back({level_given ? "level" : "parent_id",
                              "a " + std::string(domain::DepartmentLevelSlug(d.level)) + " cannot sit under a " +
                                  std::string(domain::DepartmentLevelSlug(parent->level))});
        }
    }
    return Status::Ok();
}

namespace {

domain::DepartmentLevel DefaultLevelUnder(ports::Store& store, long long parent_id) {
    if (parent_id == 0) return domain::DepartmentLevel::kBureau;
    auto parent = store.departments().Get(parent_id);
    if (!parent.ok()) return domain::DepartmentLevel::kDivision;
    return parent->level == domain::DepartmentLevel::kBureau ? domain::DepartmentLevel::kDivision
                                                             : domain::DepartmentLevel::kSection;
}

}  // namespace

Result<domain::Department> DepartmentService::Create(const DepartmentCreate& r, const std::string& actor) {
    std::vector<ErrorDetail> errors;
    domain::Department d;
    auto code = domain::GovernmentCode::Parse(r.government_code);
    if (!code.ok()) {
        errors.push_back({"government_code", code.status().message()});
    } else {
        d.government_code = code->str();
        auto gov = store_.governments().Get(d.government_code);
        if (!gov.ok()) {
            if (gov.status().code() != ErrorCode::kNotFound) return gov.status();
            errors.push_back({"government_code", "no government with code " + d.government_code});
        }
    }
    d.parent_id = r.parent_id.value_or(0);
    d.name = r.name;
    d.policy_domains = r.policy_domains;
    d.phone = r.phone;
    if (r.level) {
        auto level = domain::DepartmentLevelFromSlug(*r.level);
        if (!level) {
            errors.push_back({"level", "unknown level '" + *r.level + "' (bureau, division, section)"});
        } else {
            d.level = *level;
        }
    } else {
        d.level = DefaultLevelUnder(store_, d.parent_id);
    }
    KYOSO_RETURN_IF_ERROR(Validate(d, errors, r.level.has_value()));
    if (!errors.empty()) return FieldErrors(std::move(errors));

    Status st = store_.InTransaction([&]() -> Status {
        auto existing = store_.departments().FindChild(d.government_code, d.parent_id, d.name);
        if (!existing.ok()) return existing.status();
        if (*existing) {
            return Status(
                ErrorCode::kAlreadyExists,
                "department " + std::to_string((*existing)->id) + " already has the name " + d.name + " there",
                {{"name", "taken by department " + std::to_string((*existing)->id)}});
        }
        auto id = store_.departments().Insert(d);
        if (!id.ok()) return id.status();
        d.id = *id;
        return audit_.Append(
            {actor, "department.create", "department", std::to_string(d.id), "", DepartmentAuditJson(d)});
    });
    if (!st.ok()) return st;
    return d;
}

Result<domain::Department> DepartmentService::Update(long long id, const DepartmentPatch& p, const std::string& actor) {
    auto before = store_.departments().Get(id);
    if (!before.ok()) return before.status();
    domain::Department d = *before;
    std::vector<ErrorDetail> errors;
    if (p.parent_id) d.parent_id = *p.parent_id;
    if (p.name) d.name = *p.name;
    if (p.policy_domains) d.policy_domains = *p.policy_domains;
    if (p.phone) d.phone = *p.phone;
    if (p.level) {
        auto level = domain::DepartmentLevelFromSlug(*p.level);
        if (!level) {
            errors.push_back({"level", "unknown level '" + *p.level + "' (bureau, division, section)"});
        } else {
            d.level = *level;
        }
    }
    // The new parent may not be this department or below it.
    if (p.parent_id && d.parent_id > 0) {
        long long at = d.parent_id;
        for (int depth = 0; at != 0 && depth <= kMaxDepth; ++depth) {
            if (at == id) {
                errors.push_back({"parent_id", "department " + std::to_string(d.parent_id) +
                                                   " is this department or one of its descendants"});
                break;
            }
            auto up = store_.departments().Get(at);
            if (!up.ok()) break;
            at = up->parent_id;
        }
    }
    KYOSO_RETURN_IF_ERROR(Validate(d, errors, p.level.has_value()));
    if (!errors.empty()) return FieldErrors(std::move(errors));
    // Children must still nest under the (possibly new) level.
    if (p.level) {
        auto all = store_.departments().ListByGovernment(d.government_code);
        if (!all.ok()) return all.status();
        for (const auto& c : *all) {
            if (c.parent_id == id && !domain::MayNest(d.level, c.level)) {
                return FieldErrors({{"level", "child department " + std::to_string(c.id) + " (" +
                                                  std::string(domain::DepartmentLevelSlug(c.level)) +
                                                  ") could no longer sit under it"}});
            }
        }
    }
    Status st = store_.InTransaction([&]() -> Status {
        auto existing = store_.departments().FindChild(d.government_code, d.parent_id, d.name);
        if (!existing.ok()) return existing.status();
        if (*existing && (*existing)->id != id) {
            return Status(
                ErrorCode::kAlreadyExists,
                "department " + std::to_string((*existing)->id) + " already has the name " + d.name + " there",
                {{"name", "taken by department " + std::to_string((*existing)->id)}});
        }
        KYOSO_RETURN_IF_ERROR(store_.departments().Update(d));
        return audit_.Append({actor, "department.update", "department", std::to_string(id),
                              DepartmentAuditJson(*before), DepartmentAuditJson(d)});
    });
    if (!st.ok()) return st;
    return d;
}

Status DepartmentService::Delete(long long id, const std::string& actor) {
    auto before = store_.departments().Get(id);
    if (!before.ok()) return before.status();
    return store_.InTransaction([&]() -> Status {
        auto usage = store_.departments().Usage(id);
        if (!usage.ok()) return usage.status();
        std::vector<ErrorDetail> in_use;
        if (usage->children) in_use.push_back({"children", std::to_string(usage->children) + " child department(s)"});
        if (usage->officials) {
            in_use.push_back({"officials", std::to_string(usage->officials) + " official or posting row(s)"});
        }
        if (usage->deals) in_use.push_back({"deals", std::to_string(usage->deals) + " deal(s)"});
        if (usage->leads) in_use.push_back({"leads", std::to_string(usage->leads) + " lead(s)"});
        if (!in_use.empty()) {
            std::string message = "department " + std::to_string(id) + " is still in use: " + in_use.front().message;
            return Status(ErrorCode::kConflict, std::move(message), std::move(in_use));
        }
        KYOSO_RETURN_IF_ERROR(store_.departments().Delete(id));
        return audit_.Append(
            {actor, "department.delete", "department", std::to_string(id), DepartmentAuditJson(*before), ""});
    });
}

}  // namespace kyoso::app
