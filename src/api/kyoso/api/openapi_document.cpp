#include "kyoso/api/openapi_document.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace kyoso::api {

namespace {

using nlohmann::json;

Status MergeSection(json& into, const json& from, std::string_view fragment, const std::string& section) {
    if (!from.is_object()) {
        return InvalidArgument("OpenAPI fragment " + std::string(fragment) + ": \"" + section + "\" must be an object");
    }
    for (const auto& [key, value] : from.items()) {
        if (into.contains(key)) {
            return InvalidArgument("OpenAPI fragment " + std::string(fragment) + ": " + section + " \"" + key +
                                   "\" is already defined");
        }
        into[key] = value;
    }
    return Status::Ok();
}

}  // namespace

Result<std::string> MergeOpenApi(std::string_view base, const std::vector<OpenApiFragment>& fragments) {
    json doc = json::parse(base, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return InvalidArgument("OpenAPI base document is not a JSON object");
    for (const OpenApiFragment& fragment : fragments) {
        json part = json::parse(fragment.json, nullptr, false);
        if (part.is_discarded() || !part.is_object()) {
            return InvalidArgument("OpenAPI fragment " + std::string(fragment.name) + " is not a JSON object");
        }
        for (const auto& [key, value] : part.items()) {
            if (key == "paths") {
                KYOSO_RETURN_IF_ERROR(MergeSection(doc["paths"], value, fragment.name, "path"));
            } else if (key == "components") {
                if (!value.is_object()) {
                    return InvalidArgument("OpenAPI fragment " + std::string(fragment.name) +
                                           ": \"components\" must be an object");
                }
                for (const auto& [section, entries] : value.items()) {
                    KYOSO_RETURN_IF_ERROR(
                        MergeSection(doc["components"][section], entries, fragment.name, "components." + section));
                }
            } else {
                return InvalidArgument("OpenAPI fragment " + std::string(fragment.name) + ": unexpected key \"" + key +
                                       "\" (only \"paths\" and \"components\")");
            }
        }
    }
    return doc.dump();
}

const std::string& OpenApiJson() {
    static const std::string kDocument = [] {
        auto merged = MergeOpenApi(OpenApiBaseJson(), OpenApiFragments());
        if (!merged.ok()) {
            spdlog::critical("the compiled-in OpenAPI description is inconsistent: {}", merged.status().message());
            std::abort();
        }
        return *std::move(merged);
    }();
    return kDocument;
}

}  // namespace kyoso::api
