#pragma once

#include <string>
#include <vector>

#include "kyoso/core/status.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// Reference checks shared by the lead and deal use cases. Each appends a problem
// naming `field` to `errors` and returns non-OK only when storage fails.

// A 5/6-digit code of an existing government with a functioning government;
// `normalized` receives the 6-digit code when valid.
Status CheckGovernmentRef(ports::Store& store, const std::string& code, const std::string& field,
                          std::string* normalized, std::vector<ErrorDetail>* errors);
// An existing department of `government_code` ("" = government unknown: existence only).
Status CheckDepartmentRef(ports::Store& store, long long id, const std::string& government_code,
                          const std::string& field, std::vector<ErrorDetail>* errors);
// An existing official of `government_code` ("" = existence only).
Status CheckOfficialRef(ports::Store& store, long long id, const std::string& government_code, const std::string& field,
                        std::vector<ErrorDetail>* errors);
// An existing product.
Status CheckProductRef(ports::Store& store, long long id, const std::string& field, std::vector<ErrorDetail>* errors);
// An existing sales user.
Status CheckUserRef(ports::Store& store, long long id, const std::string& field, std::vector<ErrorDetail>* errors);

// InvalidArgument listing every detail ("invalid request: f: m (and N more)").
Status FieldErrorsStatus(std::vector<ErrorDetail> details);

}  // namespace kyoso::app
