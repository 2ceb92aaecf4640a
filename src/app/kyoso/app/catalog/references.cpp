#include "kyoso/app/catalog/references.hpp"

#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

Status FieldErrorsStatus(std::vector<ErrorDetail> details) {
    std::string message = "invalid request: " + details.front().field + ": " + details.front().message;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more)";
    return InvalidArgument(std::move(message), std::move(details));
}

Status CheckGovernmentRef(ports::Store& store, const std::string& code, const std::string& field,
                          std::string* normalized, std::vector<ErrorDetail>* errors) {
    auto parsed = domain::GovernmentCode::Parse(code);
    if (!parsed.ok()) {
        errors->push_back({field, parsed.status().message()});
        return Status::Ok();
    }
    auto gov = store.governments().Get(parsed->str());
    if (!gov.ok()) {
        if (gov.status().code() != ErrorCode::kNotFound) return gov.status();
        errors->push_back({field, "no government with code " + parsed->str()});
        return Status::Ok();
    }
    if (gov->has_no_functioning_government) {
        errors->push_back({field, gov->name + " has no functioning government (北方領土)"});
        return Status::Ok();
    }
    *normalized = parsed->str();
    return Status::Ok();
}

Status CheckDepartmentRef(ports::Store& store, long long id, const std::string& government_code,
                          const std::string& field, std::vector<ErrorDetail>* errors) {
    if (id <= 0) {
        errors->push_back({field, "must be a positive id"});
        return Status::Ok();
    }
    auto gov = store.deals().DepartmentGovernment(id);
    if (!gov.ok()) {
        if (gov.status().code() != ErrorCode::kNotFound) return gov.status();
        errors->push_back({field, "no department with id " + std::to_string(id)});
    } else if (!government_code.empty() && *gov != government_code) {
        errors->push_back(
            {field, "department " + std::to_string(id) + " belongs to " + *gov + ", not " + government_code});
    }
    return Status::Ok();
}

Status CheckOfficialRef(ports::Store& store, long long id, const std::string& government_code, const std::string& field,
                        std::vector<ErrorDetail>* errors) {
    if (id <= 0) {
        errors->push_back({field, "must be a positive id"});
        return Status::Ok();
    }
    auto gov = store.deals().OfficialGovernment(id);
    if (!gov.ok()) {
        if (gov.status().code() != ErrorCode::kNotFound) return gov.status();
        errors->push_back({field, "no official with id " + std::to_string(id)});
    } else if (!government_code.empty() && *gov != government_code) {
        errors->push_back(
            {field, "official " + std::to_string(id) + " belongs to " + *gov + ", not " + government_code});
    }
    return Status::Ok();
}

Status CheckProductRef(ports::Store& store, long long id, const std::string& field, std::vector<ErrorDetail>* errors) {
    if (id <= 0) {
        errors->push_back({field, "must be a positive id"});
        return Status::Ok();
    }
    auto p = store.products().Get(id);
    if (!p.ok()) {
        if (p.status().code() != ErrorCode::kNotFound) return p.status();
        errors->push_back({field, "no product with id " + std::to_string(id)});
    }
    return Status::Ok();
}

Status CheckUserRef(ports::Store& store, long long id, const std::string& field, std::vector<ErrorDetail>* errors) {
    if (id <= 0) {
        errors->push_back({field, "must be a positive id"});
        return Status::Ok();
    }
    auto exists = store.deals().UserExists(id);
    if (!exists.ok()) return exists.status();
    if (!*exists) errors->push_back({field, "no user with id " + std::to_string(id)});
    return Status::Ok();
}

}  // namespace kyoso::app
