#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::api {

// One module's part of the OpenAPI description: a JSON object with "paths" and
// optionally "components" (e.g. {"schemas": {...}}), kept next to nothing else so
// that modules can describe their endpoints without editing one shared file.
struct OpenApiFragment {
    std::string_view name;  // file name, for error messages
    std::string_view json;
};

// The compiled-in base document (src/api/openapi.json) and fragments
// (src/api/openapi/*.json), generated at configure time.
std::string_view OpenApiBaseJson();
std::vector<OpenApiFragment> OpenApiFragments();

// Merges `fragments` into `base`: paths and each components section gain the
// fragments' entries. A path or component defined twice, a fragment that is not
// valid JSON or has other top-level keys is an error naming the fragment.
Result<std::string> MergeOpenApi(std::string_view base, const std::vector<OpenApiFragment>& fragments);

// The merged document of this build; computed once. Aborts the process if the
// compiled-in description is inconsistent (a build defect, caught by the tests).
const std::string& OpenApiJson();

}  // namespace kyoso::api
