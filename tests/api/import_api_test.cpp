#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "kyoso/api/http_server.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/import/import_service.hpp"
#include "kyoso/crypto/argon2_hasher.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/crypto/openssl_mac.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sql/import_repository.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_store.hpp"
#include "test_support.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

// An in-process server with the import service wired in.
class ImportApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = testing::OpenTestStore("import-api");
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        governments_ = std::make_unique<app::GovernmentService>(*store_, normalizer_, clock_, digest_, calendar_);
        ASSERT_TRUE(governments_->LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        deals_ = std::make_unique<app::DealService>(*store_, clock_, digest_, calendar_);
        repo_ = sql::MakeImportRepository(store_.get());
        imports_ = std::make_unique<app::ImportService>(*store_, *repo_, reader_, normalizer_, clock_, digest_);
        HttpConfig config;
        config.max_body_bytes = 64 << 10;
        Services services{*store_, *governments_, *deals_, "test"};
        services.imports = imports_.get();
        guard_ = std::make_unique<app::AccessGuard>(*store_, authorizer_);
        auth_ = std::make_unique<app::AuthService>(*store_, clock_, digest_, hasher_, secrets_);
        app::AccountRequest admin;
        admin.login = "test-admin";
        admin.name = "test-admin";
        admin.role = "admin";
        admin.password = "correct horse battery";
        auto account = auth_->CreateAccount(admin, "test");
        ASSERT_TRUE(account.ok()) << account.status().ToString();
        auto principal = auth_->PrincipalOf(*account);
        ASSERT_TRUE(principal.ok());
        auto token = auth_->CreateToken(*principal, "test", 0);
        ASSERT_TRUE(token.ok());
        token_ = token->token;
        services.auth = auth_.get();
        services.authorizer = &authorizer_;
        services.guard = guard_.get();
        server_ = std::make_unique<HttpServer>(config, services);
        auto port = server_->BindToAnyPort();
        ASSERT_TRUE(port.ok());
        port_ = *port;
        thread_ = std::thread([this] { (void)server_->ListenAfterBind(); });
        while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    void TearDown() override {
        server_->Stop();
        thread_.join();
    }
    httplib::Result Post(const std::string& path, const std::string& body) {
        httplib::Client client("127.0.0.1", port_);
        return client.Post(path.c_str(), {{"Authorization", "Bearer " + token_}}, body, "text/csv");
    }
    json PostJson(const std::string& path, const std::string& body, int expect) {
        auto res = Post(path, body);
        EXPECT_TRUE(res);
        if (!res) return {};
        EXPECT_EQ(res->status, expect) << path << " -> " << res->body;
        return json::parse(res->body, nullptr, false);
    }
    long long Users() {
        auto lease = store_->Reader();
        sql::Statement q(lease.db(), "SELECT count(*) FROM users WHERE COALESCE(login, '') <> 'test-admin'");
        Status st;
        return q.Step(&st) ? q.Int(0) : -1;
    }

    testing::FixedClock clock_{MakeDate(2026, 11, 27)};
    text::IcuTextNormalizer normalizer_;
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    text::CsvStreamReader reader_;
    std::unique_ptr<sql::SqlStore> store_;
    std::unique_ptr<app::GovernmentService> governments_;
    std::unique_ptr<app::DealService> deals_;
    std::unique_ptr<ports::ImportRepository> repo_;
    std::unique_ptr<app::ImportService> imports_;
    crypto::Argon2Hasher hasher_{crypto::Argon2Params{1024, 1, 1}};
    crypto::OpenSslSecretSource secrets_;
    app::Authorizer authorizer_;
    std::unique_ptr<app::AccessGuard> guard_;
    std::unique_ptr<app::AuthService> auth_;
    std::string token_;
    std::unique_ptr<HttpServer> server_;
    std::thread thread_;
    int port_ = 0;
};

const char kUsers[] = "ユーザーID,氏名,ロール\nU1,佐藤,manager\nU2,鈴木,bdr\n";

TEST_F(ImportApiTest, DryRunReportsAndWritesNothingThenApplyWrites) {
    auto dry = PostJson("/api/imports?type=users&dry_run=true", kUsers, 200);
    EXPECT_EQ(dry["dry_run"], true);
    EXPECT_EQ(dry["applied"], false);
    EXPECT_EQ(dry["inserted"], 2);
    EXPECT_EQ(Users(), 0);
    auto applied = PostJson("/api/imports?type=users", kUsers, 200);
    EXPECT_EQ(applied["applied"], true);
    EXPECT_EQ(applied["encoding"], "UTF-8");
    EXPECT_EQ(Users(), 2);
    auto again = PostJson("/api/imports?type=users", kUsers, 200);
    EXPECT_EQ(again["unchanged"], 2);
}

TEST_F(ImportApiTest, BadRowsAreListedWith422AndNothingIsWritten) {
    auto r = PostJson("/api/imports?type=users", "id,name,role\nU1,a,bdr\nU2,,bdr\nU3,c,wizard\n", 422);
    ASSERT_EQ(r["errors"].size(), 2u);
    EXPECT_EQ(r["errors"][0]["row"], 3);
    EXPECT_EQ(r["errors"][0]["column"], "name");
    EXPECT_EQ(r["errors"][1]["row"], 4);
    EXPECT_EQ(r["errors"][1]["column"], "role");
    EXPECT_EQ(r["applied"], false);
    EXPECT_EQ(Users(), 0);
}

TEST_F(ImportApiTest, BadParametersAndUnreadableFilesAre400AndOversizeIs413) {
    auto bad = PostJson("/api/imports?type=sheep&dry_run=maybe", kUsers, 400);
    ASSERT_EQ(bad["error"]["details"].size(), 2u);
    EXPECT_EQ(bad["error"]["details"][0]["field"], "dry_run");
    EXPECT_EQ(bad["error"]["details"][1]["field"], "type");
    EXPECT_EQ(PostJson("/api/imports", kUsers, 400)["error"]["details"][0]["field"], "type");
    (void)PostJson("/api/imports?type=users&page=2", kUsers, 400);
    (void)PostJson("/api/imports?type=users", "id,name\n\"open\n", 400);
    (void)PostJson("/api/imports?type=deals", "id\nD1\n", 400);
    auto big = Post("/api/imports?type=users", std::string(70 << 10, 'x'));
    ASSERT_TRUE(big);
    EXPECT_EQ(big->status, 413);
    EXPECT_EQ(Users(), 0);
}

}  // namespace
}  // namespace kyoso::api
