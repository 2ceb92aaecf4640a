#include "kyoso/cli/users_commands.hpp"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

struct UsersOptions {
    std::string db = "kyoso.db";
    std::string login;
    std::string name;
    bool password_stdin = false;
    std::string token_name;
    int days = 90;
};

// Reads one line from stdin (a password piped in, never echoed or in argv).
Result<std::string> PasswordFromStdin() {
    std::string line;
    if (!std::getline(std::cin, line)) return InvalidArgument("--password-stdin: nothing on standard input");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// The actor of CLI writes: the database file's administrator on this machine.
std::string CliActor() {
    const char* user = std::getenv("USER");
    return std::string("cli:") + (user && *user ? user : "unknown");
}

int Run(const std::string& command, const UsersOptions& o) {
    if (!DatabaseExists(o.db) && command != "create-admin") {
        return Fail(NotFound("no database at " + o.db));
    }
    Runtime rt;
    if (Status st = rt.Open(o.db, true); !st.ok()) return Fail(st);
    if (command == "create-admin") {
        app::AccountRequest r;
        r.login = o.login;
        r.name = o.name.empty() ? o.login : o.name;
        r.role = "admin";
        std::string password;
        bool generated = false;
        if (o.password_stdin) {
            auto p = PasswordFromStdin();
            if (!p.ok()) return Fail(p.status());
            password = *p;
        } else {
            password = rt.secrets.RandomHex(12);
            generated = true;
        }
        r.password = password;
        auto created = rt.auth->CreateAccount(r, CliActor());
        if (!created.ok()) return Fail(created.status());
        std::printf("created administrator '%s' (user %lld)\n", created->login.c_str(), created->user_id);
        if (generated)
            std::printf("password: %s\n(change it after signing in; it is not shown again)\n", password.c_str());
        return 0;
    }
    if (command == "list") {
        auto accounts = rt.auth->ListAccounts();
        if (!accounts.ok()) return Fail(accounts.status());
        std::printf("%-6s %-20s %-18s %-20s %s\n", "id", "login", "role", "team", "state");
        for (const auto& a : *accounts) {
            std::string state = a.disabled               ? "disabled"
                                : a.locked_until.empty() ? "active"
                                                         : "locked until " + a.locked_until;
            std::printf("%-6lld %-20s %-18s %-20s %s\n", a.user_id, a.login.c_str(),
                        a.admin ? "admin" : a.sales_role.c_str(), a.team.c_str(), state.c_str());
        }
        return 0;
    }
    auto account = rt.store->accounts().FindByLogin(o.login);
    if (!account.ok()) return Fail(account.status());
    if (command == "token") {
        auto principal = rt.auth->PrincipalOf(*account);
        if (!principal.ok()) return Fail(principal.status());
        auto token = rt.auth->CreateToken(*principal, o.token_name, o.days);
        if (!token.ok()) return Fail(token.status());
        std::printf("%s\n", token->token.c_str());  // alone on stdout, for scripts
        std::fprintf(
            stderr, "API token %lld '%s' for %s%s (send it as: Authorization: Bearer <token>)\n", token->record.id,
            o.token_name.c_str(), o.login.c_str(),
            token->record.expires_at.empty() ? ", never expires" : (", expires " + token->record.expires_at).c_str());
        return 0;
    }
    if (command == "set-password") {
        auto p = PasswordFromStdin();
        if (!p.ok()) return Fail(p.status());
        app::AccountRequest r;
        r.password = *p;
        auto updated = rt.auth->UpdateAccount(account->user_id, r, CliActor());
        if (!updated.ok()) return Fail(updated.status());
        std::printf("password of '%s' changed; its sessions were signed out\n", o.login.c_str());
        return 0;
    }
    if (command == "unlock") {
        if (Status st = rt.store->accounts().RecordSignInOutcome(account->user_id, 0, ""); !st.ok()) return Fail(st);
        std::printf("'%s' unlocked\n", o.login.c_str());
        return 0;
    }
    return Fail(InvalidArgument("unknown users command " + command));
}

void Add(CLI::App* group, const std::string& name, const std::string& help, bool needs_login,
         const std::function<void(CLI::App*, UsersOptions&)>& extra = {}) {
    auto options = std::make_shared<UsersOptions>();
    auto* cmd = group->add_subcommand(name, help);
    cmd->add_option("--db", options->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    if (needs_login) cmd->add_option("--login", options->login, "The account's login")->required();
    if (extra) extra(cmd, *options);
    cmd->callback([options, name] {
        const int rc = Run(name, *options);
        if (rc == 0) throw CLI::Success();
        throw CLI::RuntimeError(rc);
    });
}

}  // namespace

void RegisterUsersCommands(CLI::App& app) {
    auto* group = app.add_subcommand("users", "Accounts and API tokens (docs/security.md)");
    group->require_subcommand(1);
    Add(group, "create-admin", "Create an administrator (password from stdin, or generated and printed)", true,
        [](CLI::App* cmd, UsersOptions& o) {
            cmd->add_option("--name", o.name, "Display name (default: the login)");
            cmd->add_flag("--password-stdin", o.password_stdin, "Read the password (12+ characters) from stdin");
        });
    Add(group, "list", "List accounts", false);
    Add(group, "token", "Create an API token for scripts; prints it alone on stdout", true,
        [](CLI::App* cmd, UsersOptions& o) {
            cmd->add_option("--name", o.token_name, "What the token is for")->required();
            cmd->add_option("--days", o.days, "Days until it expires (0 = never)")
                ->check(CLI::Range(0, 3650))
                ->capture_default_str();
        });
    Add(group, "set-password", "Set an account's password from stdin and end its sessions", true,
        [](CLI::App* cmd, UsersOptions& o) { cmd->add_flag("--password-stdin", o.password_stdin)->required(); });
    Add(group, "unlock", "Clear an account's sign-in lock-out", true);
}

}  // namespace kyoso::cli
