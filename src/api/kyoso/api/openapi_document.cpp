#include "kyoso/api/openapi_document.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"

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

// Documents who may call each operation from the route rules (auth_context.cpp):
// security requirements, an "x-kyoso-access" note, and the 401/403 answers.
// An operation without a rule is an error (the server would refuse it anyway).
Status DecorateSecurity(json& doc) {
    json& schemes = doc["components"]["securitySchemes"];
    schemes["bearerAuth"] = {{"type", "http"},
                             {"scheme", "bearer"},
                             {"description", "An API token from POST /api/tokens or `kyoso users token`"}};
    schemes["cookieAuth"] = {{"type", "apiKey"},
                             {"in", "cookie"},
                             {"name", "kyoso_session"},
                             {"description",
                              "The session cookie from POST /api/session; writes also need the "
                              "X-CSRF-Token header"}};
    const json error_ref = {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}};
    for (auto& [path, item] : doc["paths"].items()) {
        for (auto& [method, op] : item.items()) {
            if (method != "get" && method != "post" && method != "patch" && method != "put" && method != "delete") {
                continue;
            }
            std::string upper = method;
            for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            auto rule = AccessFor(upper, path);
            if (!rule) return Internal("OpenAPI operation " + upper + " " + path + " has no access rule");
            if (rule->kind == RouteAccess::Kind::kPublic) {
                op["security"] = json::array();
                op["x-kyoso-access"] = "public";
                continue;
            }
            op["security"] = json::array({{{"bearerAuth", json::array()}}, {{"cookieAuth", json::array()}}});
            op["x-kyoso-access"] = rule->kind == RouteAccess::Kind::kSignedIn
                                       ? std::string("signed_in")
                                       : "capability:" + std::string(domain::CapabilitySlug(rule->capability));
            auto& responses = op["responses"];
            if (!responses.contains("401")) {
                responses["401"] = {{"description", "No valid session cookie or API token"}, {"content", error_ref}};
            }
            if (!responses.contains("403")) {
                responses["403"] = {{"description",
                                     "Signed in, but the role may not do this (or the CSRF token is "
                                     "missing on a cookie-authenticated write)"},
                                    {"content", error_ref}};
            }
        }
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
        Status st = merged.status();
        json doc;
        if (st.ok()) {
            doc = json::parse(*merged);
            st = DecorateSecurity(doc);
        }
        if (!st.ok()) {
            spdlog::critical("the compiled-in OpenAPI description is inconsistent: {}", st.message());
            std::abort();
        }
        return doc.dump();
    }();
    return kDocument;
}

}  // namespace kyoso::api
