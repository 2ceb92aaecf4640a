#include "kyoso/api/auth_handlers.hpp"

#include <spdlog/spdlog.h>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/access/auth_service.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json PrincipalJson(const app::Principal& p) {
    return {{"user_id", p.user_id}, {"login", p.login},
            {"name", p.name},       {"role", domain::AccessRoleSlug(p.role)},
            {"team", p.team},       {"territory", p.territory}};
}

json AccountJson(const ports::Account& a) {
    return {{"id", a.user_id},        {"login", a.login.empty() ? json(nullptr) : json(a.login)},
            {"name", a.name},         {"role", a.admin ? "admin" : a.sales_role},
            {"team", a.team},         {"territory", a.territory},
            {"disabled", a.disabled}, {"locked_until", a.locked_until.empty() ? json(nullptr) : json(a.locked_until)}};
}

json TokenJson(const ports::ApiTokenRecord& t) {
    auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    return {{"id", t.id},
            {"name", t.name},
            {"prefix", t.prefix},
            {"created_at", t.created_at},
            {"expires_at", opt(t.expires_at)},
            {"last_used_at", opt(t.last_used_at)},
            {"revoked_at", opt(t.revoked_at)}};
}

app::AccountRequest ReadAccount(BodyReader& body) {
    app::AccountRequest r;
    r.login = body.String("login", false);
    r.name = body.String("name", false);
    r.role = body.String("role", false);
    r.team = body.String("team", false);
    r.territory = body.StringArray("territory");
    r.password = body.String("password", false);
    r.disabled = body.Bool("disabled");
    return r;
}

std::string Cookie(const std::string& value, long max_age, bool secure) {
    return std::string(kSessionCookie) + "=" + value +
           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) + (secure ? "; Secure" : "");
}

}  // namespace

std::string CookieValue(const std::string& header, const std::string& name) {
    size_t pos = 0;
    while (pos < header.size()) {
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
        size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        const std::string part = header.substr(pos, end - pos);
        const size_t eq = part.find('=');
        if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
        pos = end + 1;
    }
    return "";
}

json AccessPolicyJson(const domain::AccessPolicy& policy) {
    json roles = json::object();
    for (auto role : domain::kAllAccessRoles) {
        json records = json::object();
        for (auto kind : domain::kAllRecordKinds) {
            const auto& rule = policy.Rule(role, kind);
            records[std::string(domain::RecordKindSlug(kind))] = {{"read", domain::ScopeSlug(rule.read)},
                                                                  {"write", domain::ScopeSlug(rule.write)},
                                                                  {"hidden_fields", rule.hidden_fields}};
        }
        json caps = json::array();
        for (auto c : domain::kAllCapabilities) {
            if (policy.Has(role, c)) caps.push_back(domain::CapabilitySlug(c));
        }
        roles[std::string(domain::AccessRoleSlug(role))] = {{"records", records}, {"capabilities", caps}};
    }
    return {{"roles", roles}};
}

Result<domain::AccessPolicy> ParseAccessPolicy(const json& j) {
    domain::AccessPolicy policy = domain::AccessPolicy::Defaults();
    std::vector<ErrorDetail> errors;
    if (!j.is_object() || !j.contains("roles") || !j["roles"].is_object() || j.size() != 1) {
        return InvalidArgument("the access policy must be an object with one member \"roles\"",
                               {{"roles", "required object of role → rules"}});
    }
    for (const auto& [role_slug, rules] : j["roles"].items()) {
        const std::string path = "roles." + role_slug;
        auto role = domain::AccessRoleFromSlug(role_slug);
        if (!role) {
            errors.push_back({path, "unknown role"});
            continue;
        }
        if (*role == domain::AccessRole::kAdmin) {
            // Accepted only as GET /api/access-policy shows it, so a read policy can be written back.
            if (rules != AccessPolicyJson(domain::AccessPolicy::Defaults())["roles"]["admin"]) {
                errors.push_back({path, "the admin role always has everything and cannot be configured"});
            }
            continue;
        }
        if (!rules.is_object()) {
            errors.push_back({path, "must be an object with records and/or capabilities"});
            continue;
        }
        for (const auto& [key, value] : rules.items()) {
            if (key == "records") {
                if (!value.is_object()) {
                    errors.push_back({path + ".records", "must be an object of record kind → rule"});
                    continue;
                }
                for (const auto& [kind_slug, rule] : value.items()) {
                    const std::string rpath = path + ".records." + kind_slug;
                    auto kind = domain::RecordKindFromSlug(kind_slug);
                    if (!kind) {
                        errors.push_back({rpath, "unknown record kind (deal, lead, activity, contact_entry)"});
                        continue;
                    }
                    domain::SharingRule r = policy.Rule(*role, *kind);
                    if (!rule.is_object()) {
                        errors.push_back({rpath, "must be an object with read, write, hidden_fields"});
                        continue;
                    }
                    bool ok = true;
                    for (const auto& [member, v] : rule.items()) {
                        if (member == "read" || member == "write") {
                            auto scope = v.is_string() ? domain::ScopeFromSlug(v.get<std::string>()) : std::nullopt;
                            if (!scope) {
                                errors.push_back({rpath + "." + member, "one of none, own, team, territory, all"});
                                ok = false;
                            } else {
                                (member == "read" ? r.read : r.write) = *scope;
                            }
                        } else if (member == "hidden_fields") {
                            r.hidden_fields.clear();
                            if (!v.is_array()) {
                                errors.push_back({rpath + ".hidden_fields", "must be an array of field names"});
                                ok = false;
                                continue;
                            }
                            for (const auto& f : v) {
                                if (!f.is_string()) {
                                    errors.push_back({rpath + ".hidden_fields", "must be an array of field names"});
                                    ok = false;
                                    break;
                                }
                                r.hidden_fields.push_back(f.get<std::string>());
                            }
                        } else {
                            errors.push_back({rpath + "." + member, "unknown member (read, write, hidden_fields)"});
                            ok = false;
                        }
                    }
                    if (!ok) continue;
                    if (std::string why = policy.SetRule(*role, *kind, r); !why.empty()) {
                        errors.push_back({rpath, why});
                    }
                }
            } else if (key == "capabilities") {
                if (!value.is_array()) {
                    errors.push_back({path + ".capabilities", "must be an array of capability names"});
                    continue;
                }
                std::vector<domain::Capability> granted;
                bool ok = true;
                for (const auto& c : value) {
                    auto cap = c.is_string() ? domain::CapabilityFromSlug(c.get<std::string>()) : std::nullopt;
                    if (!cap) {
                        errors.push_back(
                            {path + ".capabilities",
                             "unknown capability " + c.dump(-1, ' ', false, json::error_handler_t::replace)});
                        ok = false;
                    } else {
                        granted.push_back(*cap);
                    }
                }
                if (!ok) continue;
                for (auto cap : domain::kAllCapabilities) {
                    (void)policy.SetCapability(*role, cap,
                                               std::find(granted.begin(), granted.end(), cap) != granted.end());
                }
            } else {
                errors.push_back({path + "." + key, "unknown member (records, capabilities)"});
            }
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid access policy", std::move(errors));
    return policy;
}

void RegisterAuthRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap,
                        bool secure_cookie) {
    app::AuthService& auth = *services.auth;
    app::Authorizer& authorizer = *services.authorizer;

    server.Post("/api/session",
                wrap("/api/session", [&auth, secure_cookie](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"login", "password"});
                    auto login = body.String("login", true);
                    auto password = body.String("password", true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto signed_in = auth.SignIn(*login, *password, req.remote_addr);
                    if (!signed_in.ok()) {
                        spdlog::warn(R"({{"event":"sign_in_failed","login":{},"remote":"{}","reason":"{}"}})",
                                     json(*login).dump(-1, ' ', false, json::error_handler_t::replace), req.remote_addr,
                                     ErrorCodeName(signed_in.status().code()));
                        return SendError(res, signed_in.status());
                    }
                    spdlog::info(R"({{"event":"sign_in","user_id":{},"remote":"{}"}})", signed_in->principal.user_id,
                                 req.remote_addr);
                    res.set_header("Set-Cookie",
                                   Cookie(signed_in->session_token,
                                          static_cast<long>(auth.config().session_absolute.count()), secure_cookie));
                    res.set_header("Cache-Control", "no-store");
                    SendJson(res, 201,
                             {{"user", PrincipalJson(signed_in->principal)},
                              {"csrf_token", signed_in->csrf_token},
                              {"expires_at", signed_in->expires_at}});
                }));

    server.Get("/api/session", wrap("/api/session", [](const httplib::Request&, httplib::Response& res) {
                   const app::Principal& me = CurrentPrincipal();
                   const std::string& csrf = CurrentCsrfToken();
                   json body = {{"user", PrincipalJson(me)},
                                {"via", me.via},
                                {"csrf_token", csrf.empty() ? json(nullptr) : json(csrf)}};
                   res.set_header("Cache-Control", "no-store");
                   SendJson(res, 200, body);
               }));

    server.Delete("/api/session",
                  wrap("/api/session", [&auth, secure_cookie](const httplib::Request& req, httplib::Response& res) {
                      const std::string token = CookieValue(req.get_header_value("Cookie"), kSessionCookie);
                      if (!token.empty()) {
                          if (Status st = auth.SignOut(token); !st.ok()) return SendError(res, st);
                      }
                      res.set_header("Set-Cookie", Cookie("", 0, secure_cookie));
                      SendJson(res, 200, {{"signed_out", true}});
                  }));

    server.Get("/api/tokens", wrap("/api/tokens", [&auth](const httplib::Request&, httplib::Response& res) {
                   auto tokens = auth.ListTokens(CurrentPrincipal());
                   if (!tokens.ok()) return SendError(res, tokens.status());
                   json items = json::array();
                   for (const auto& t : *tokens) items.push_back(TokenJson(t));
                   SendJson(res, 200, {{"items", items}});
               }));

    server.Post("/api/tokens", wrap("/api/tokens", [&auth](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"name", "expires_in_days"});
                    auto name = body.String("name", true);
                    auto days = body.Int("expires_in_days", false);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto created = auth.CreateToken(CurrentPrincipal(), *name, static_cast<int>(days.value_or(90)));
                    if (!created.ok()) return SendError(res, created.status());
                    json out = TokenJson(created->record);
                    out["token"] = created->token;
                    res.set_header("Cache-Control", "no-store");
                    SendJson(res, 201, out);
                }));

    server.Delete(R"(/api/tokens/([^/]+))",
                  wrap("/api/tokens/{id}", [&auth](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "API token");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = auth.RevokeToken(CurrentPrincipal(), *id); !st.ok()) return SendError(res, st);
                      SendJson(res, 200, {{"id", *id}, {"revoked", true}});
                  }));

    const std::set<std::string> kAccountFields = {"login", "name", "role", "team", "territory", "password", "disabled"};

    server.Get("/api/users", wrap("/api/users", [&auth](const httplib::Request&, httplib::Response& res) {
                   auto accounts = auth.ListAccounts();
                   if (!accounts.ok()) return SendError(res, accounts.status());
                   json items = json::array();
                   for (const auto& a : *accounts) items.push_back(AccountJson(a));
                   SendJson(res, 200, {{"items", items}});
               }));

    // The people directory (owner pickers): every signed-in user may read it.
    server.Get("/api/people", wrap("/api/people", [&auth](const httplib::Request& req, httplib::Response& res) {
                   if (!req.params.empty()) {
                       return SendError(res, InvalidArgument("GET /api/people takes no parameters",
                                                             {{req.params.begin()->first, "unknown parameter"}}));
                   }
                   auto people = auth.ListDirectory();
                   if (!people.ok()) return SendError(res, people.status());
                   json items = json::array();
                   for (const auto& p : *people) {
                       items.push_back({{"id", p.user_id},
                                        {"name", p.name},
                                        {"role", p.admin ? "admin" : p.sales_role},
                                        {"team", p.team}});
                   }
                   SendJson(res, 200, {{"items", items}});
               }));

    server.Post("/api/users",
                wrap("/api/users", [&auth, kAccountFields](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, kAccountFields);
                    app::AccountRequest r = ReadAccount(body);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto created = auth.CreateAccount(r, CurrentPrincipal().Actor());
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, AccountJson(*created));
                }));

    server.Patch(R"(/api/users/([^/]+))",
                 wrap("/api/users/{id}", [&auth, kAccountFields](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "user");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, kAccountFields);
                     app::AccountRequest r = ReadAccount(body);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto updated = auth.UpdateAccountAs(CurrentPrincipal(), *id, r);
                     if (!updated.ok()) return SendError(res, updated.status());
                     SendJson(res, 200, AccountJson(*updated));
                 }));

    server.Get("/api/access-policy",
               wrap("/api/access-policy", [&authorizer](const httplib::Request&, httplib::Response& res) {
                   SendJson(res, 200, AccessPolicyJson(authorizer.policy()));
               }));

    server.Put("/api/access-policy",
               wrap("/api/access-policy", [&authorizer, &auth](const httplib::Request& req, httplib::Response& res) {
                   json body = json::parse(req.body, nullptr, false);
                   if (body.is_discarded()) {
                       return SendError(res, InvalidArgument("the body is not JSON", {{"body", "not JSON"}}));
                   }
                   auto policy = ParseAccessPolicy(body);
                   if (!policy.ok()) return SendError(res, policy.status());
                   const json stored = AccessPolicyJson(*policy);
                   const std::string before = AccessPolicyJson(authorizer.policy()).dump();
                   Status st = auth.StoreAccessPolicy(stored.dump(), before, CurrentPrincipal().Actor());
                   if (!st.ok()) return SendError(res, st);
                   authorizer.SetPolicy(*policy);
                   SendJson(res, 200, stored);
               }));
}

}  // namespace kyoso::api
