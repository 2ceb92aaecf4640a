// Accounts, sign-in, lock-out, rate limits, sessions and API tokens (docs/security.md).
#include "kyoso/app/access/auth_service.hpp"

#include <gtest/gtest.h>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/crypto/argon2_hasher.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/crypto/openssl_mac.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using namespace std::chrono_literals;

// A clock the test moves by hand.
class ManualClock final : public ports::Clock {
public:
    Date Today() const override { return MakeDate(2026, 11, 27); }
    std::chrono::sys_seconds Now() const override { return now; }
    std::chrono::sys_seconds now = std::chrono::sys_days(std::chrono::year(2026) / 11 / 27) + 1h;
};

class AuthServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok());
        store_ = std::move(*opened);
        AuthConfig config;
        config.max_failed_sign_ins = 3;
        config.address_attempts = 10;
        auth_ = std::make_unique<AuthService>(*store_, clock_, digest_, hasher_, random_, config);
        AccountRequest r;
        r.login = "sato";
        r.name = "佐藤 花子";
        r.role = "field_sales";
        r.team = "東日本チーム";
        r.territory = std::vector<std::string>{"13", "14"};
        r.password = kPassword;
        auto created = auth_->CreateAccount(r, "test");
        ASSERT_TRUE(created.ok()) << created.status().ToString();
        user_id_ = created->user_id;
    }

    static constexpr const char* kPassword = "correct horse battery";
    testing::TempDb db_{"auth"};
    std::unique_ptr<sqlite::SqliteStore> store_;
    ManualClock clock_;
    crypto::OpenSslDigest digest_;
    crypto::Argon2Hasher hasher_{crypto::Argon2Params{1024, 1, 1}};
    crypto::OpenSslSecretSource random_;
    std::unique_ptr<AuthService> auth_;
    long long user_id_ = 0;
};

TEST_F(AuthServiceTest, PasswordsAreStoredAsArgon2idHashesOnly) {
    auto account = store_->accounts().FindByLogin("sato");
    ASSERT_TRUE(account.ok());
    EXPECT_EQ(account->password_hash.rfind("$argon2id$v=19$", 0), 0u) << account->password_hash;
    EXPECT_EQ(account->password_hash.find(kPassword), std::string::npos);
    EXPECT_TRUE(hasher_.Verify(account->password_hash, kPassword));
    EXPECT_FALSE(hasher_.Verify(account->password_hash, "correct horse batterY"));
    EXPECT_FALSE(hasher_.Verify("not a hash", kPassword));
}

TEST_F(AuthServiceTest, SignInGivesASessionThatAuthenticatesAsThePrincipal) {
    auto in = auth_->SignIn("sato", kPassword, "10.0.0.1");
    ASSERT_TRUE(in.ok()) << in.status().ToString();
    EXPECT_EQ(in->session_token.size(), 64u);
    EXPECT_EQ(in->csrf_token.size(), 64u);
    EXPECT_NE(in->session_token, in->csrf_token);
    auto who = auth_->AuthenticateSession(in->session_token);
    ASSERT_TRUE(who.ok()) << who.status().ToString();
    EXPECT_EQ(who->principal.user_id, user_id_);
    EXPECT_EQ(who->principal.role, domain::AccessRole::kFieldSales);
    EXPECT_EQ(who->principal.territory, (std::vector<std::string>{"13", "14"}));
    EXPECT_EQ(who->principal.via, "session");
    EXPECT_EQ(who->csrf_token, in->csrf_token);
    // The token is stored only as its hash.
    EXPECT_FALSE(store_->accounts().FindSession(in->session_token).ok());
    ASSERT_TRUE(auth_->SignOut(in->session_token).ok());
    EXPECT_EQ(auth_->AuthenticateSession(in->session_token).status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, UnknownLoginAndWrongPasswordGetTheSameAnswer) {
    auto unknown = auth_->SignIn("nobody", kPassword, "10.0.0.2");
    auto wrong = auth_->SignIn("sato", "not the password", "10.0.0.2");
    EXPECT_EQ(unknown.status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(wrong.status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(unknown.status().message(), wrong.status().message());
}

TEST_F(AuthServiceTest, RepeatedFailuresLockTheAccountForAWhile) {
    for (int i = 0; i < 2; ++i) EXPECT_FALSE(auth_->SignIn("sato", "wrong", "10.0.0.3").ok());
    auto locked = auth_->SignIn("sato", "wrong", "10.0.0.3");
    EXPECT_EQ(locked.status().code(), ErrorCode::kResourceExhausted) << locked.status().ToString();
    // Even the right password is refused while locked.
    EXPECT_EQ(auth_->SignIn("sato", kPassword, "10.0.0.4").status().code(), ErrorCode::kResourceExhausted);
    clock_.now += 16min;
    EXPECT_TRUE(auth_->SignIn("sato", kPassword, "10.0.0.4").ok());
    // A success resets the count.
    auto account = store_->accounts().FindByLogin("sato");
    EXPECT_EQ(account->failed_sign_ins, 0);
}

TEST_F(AuthServiceTest, AnAddressSendingTooManyFailuresIsSlowedDown) {
    for (int i = 0; i < 10; ++i) (void)auth_->SignIn("user" + std::to_string(i), "x", "192.0.2.7");
    EXPECT_EQ(auth_->SignIn("sato", kPassword, "192.0.2.7").status().code(), ErrorCode::kResourceExhausted);
    EXPECT_TRUE(auth_->SignIn("sato", kPassword, "192.0.2.8").ok());  // another address is not affected
    clock_.now += 6min;
    EXPECT_TRUE(auth_->SignIn("sato", kPassword, "192.0.2.7").ok());
}

TEST_F(AuthServiceTest, SessionsExpireWhenIdleAndAtTheLatestAfterTheirLifetime) {
    auto in = auth_->SignIn("sato", kPassword, "10.0.0.5");
    ASSERT_TRUE(in.ok());
    clock_.now += 7h;  // used within the idle limit keeps it alive
    EXPECT_TRUE(auth_->AuthenticateSession(in->session_token).ok());
    clock_.now += 7h;
    EXPECT_TRUE(auth_->AuthenticateSession(in->session_token).ok());
    clock_.now += 9h;  // idle for more than 8 hours
    EXPECT_EQ(auth_->AuthenticateSession(in->session_token).status().code(), ErrorCode::kUnauthenticated);

    auto again = auth_->SignIn("sato", kPassword, "10.0.0.5");
    ASSERT_TRUE(again.ok());
    for (int i = 0; i < 4; ++i) {
        clock_.now += 7h;
        (void)auth_->AuthenticateSession(again->session_token);
    }
    // 28 hours after sign-in: past the 24-hour lifetime although never idle.
    EXPECT_EQ(auth_->AuthenticateSession(again->session_token).status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, ApiTokensAuthenticateUntilRevokedOrExpired) {
    auto principal = auth_->PrincipalOfLogin("sato");
    ASSERT_TRUE(principal.ok());
    auto token = auth_->CreateToken(*principal, "nightly export", 30);
    ASSERT_TRUE(token.ok()) << token.status().ToString();
    EXPECT_EQ(token->token.rfind("kyo_", 0), 0u);
    auto who = auth_->AuthenticateToken(token->token);
    ASSERT_TRUE(who.ok());
    EXPECT_EQ(who->principal.via, "token");
    EXPECT_TRUE(who->csrf_token.empty());
    clock_.now += std::chrono::days(31);
    EXPECT_EQ(auth_->AuthenticateToken(token->token).status().code(), ErrorCode::kUnauthenticated);

    auto forever = auth_->CreateToken(*principal, "script", 0);
    ASSERT_TRUE(forever.ok());
    EXPECT_TRUE(auth_->AuthenticateToken(forever->token).ok());
    // Someone else cannot revoke it (it is reported as absent); the owner can.
    Principal other = *principal;
    other.user_id = user_id_ + 100;
    other.role = domain::AccessRole::kManager;
    EXPECT_EQ(auth_->RevokeToken(other, forever->record.id).code(), ErrorCode::kNotFound);
    ASSERT_TRUE(auth_->RevokeToken(*principal, forever->record.id).ok());
    EXPECT_EQ(auth_->AuthenticateToken(forever->token).status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(auth_->AuthenticateToken("kyo_" + std::string(40, '0')).status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(auth_->AuthenticateToken("garbage").status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, DisablingOrChangingThePasswordEndsSessions) {
    auto in = auth_->SignIn("sato", kPassword, "10.0.0.6");
    ASSERT_TRUE(in.ok());
    AccountRequest change;
    change.password = "another long password";
    ASSERT_TRUE(auth_->UpdateAccount(user_id_, change, "test").ok());
    EXPECT_FALSE(auth_->AuthenticateSession(in->session_token).ok());
    EXPECT_FALSE(auth_->SignIn("sato", kPassword, "10.0.0.6").ok());
    auto second = auth_->SignIn("sato", "another long password", "10.0.0.6");
    ASSERT_TRUE(second.ok());
    AccountRequest off;
    off.disabled = true;
    ASSERT_TRUE(auth_->UpdateAccount(user_id_, off, "test").ok());
    EXPECT_FALSE(auth_->AuthenticateSession(second->session_token).ok());
    EXPECT_EQ(auth_->SignIn("sato", "another long password", "10.0.0.6").status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, InvalidAccountsNameEveryBadField) {
    AccountRequest r;
    r.login = "bad login!";
    r.name = "";
    r.role = "wizard";
    r.territory = std::vector<std::string>{"48"};
    r.password = "short";
    auto created = auth_->CreateAccount(r, "test");
    ASSERT_FALSE(created.ok());
    std::vector<std::string> fields;
    for (const auto& d : created.status().details()) fields.push_back(d.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"login", "name", "role", "territory", "password"}));
    AccountRequest dup;
    dup.login = "sato";
    dup.name = "x";
    dup.role = "bdr";
    dup.password = "a long enough one";
    EXPECT_EQ(auth_->CreateAccount(dup, "test").status().code(), ErrorCode::kAlreadyExists);
}

TEST_F(AuthServiceTest, AccountChangesAreAuditedWithoutTheHash) {
    auto entries = store_->audit().Newest(5);
    ASSERT_TRUE(entries.ok());
    bool found = false;
    for (const auto& e : *entries) {
        if (e.action != "user.create") continue;
        found = true;
        EXPECT_EQ(e.after_json.find("argon2"), std::string::npos) << e.after_json;
        EXPECT_NE(e.after_json.find("\"password_set\":true"), std::string::npos) << e.after_json;
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace kyoso::app
