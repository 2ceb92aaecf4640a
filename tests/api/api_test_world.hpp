#pragma once

// One in-process Kyoso server for an API test suite: a temporary SQLite store with
// the bundled government master, the use cases, and the HTTP server on an
// ephemeral loopback port. Suites create it in SetUpTestSuite and delete it in
// TearDownTestSuite.

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "kyoso/api/http_server.hpp"
#include "kyoso/app/catalog/catalog_services.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/department/department_service.hpp"
#include "kyoso/app/official/rotation_import.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/crypto/openssl_mac.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/office/xlsx_writer.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::testing {

class ApiTestWorld {
public:
    // Opens the store and loads the master. `seed` may insert rows before the
    // server starts; `configure` may adjust the HTTP configuration.
    explicit ApiTestWorld(const std::string& tag, const std::function<void(sqlite::SqliteStore&)>& seed = {},
                          const std::function<void(api::HttpConfig&)>& configure = {})
        : db_(tag), clock_(MakeDate(2026, 11, 27)), calendar_(masterdata::BundledHolidays()) {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        if (!opened.ok()) throw std::runtime_error(opened.status().ToString());
        store_ = std::move(*opened);
        governments_ = std::make_unique<app::GovernmentService>(*store_, normalizer_, clock_, digest_, calendar_);
        auto loaded = governments_->LoadMasterData(masterdata::JpLocalGovSource::Bundled());
        if (!loaded.ok()) throw std::runtime_error(loaded.status().ToString());
        if (seed) seed(*store_);
        deals_ = std::make_unique<app::DealService>(*store_, clock_, digest_, calendar_);
        products_ = std::make_unique<app::ProductService>(*store_, clock_, digest_);
        leads_ = std::make_unique<app::LeadService>(*store_, clock_, digest_);
        custom_fields_ = std::make_unique<app::CustomFieldService>(*store_, clock_, digest_);
        catalog_ = std::make_unique<app::CatalogServices>(app::CatalogServices{*products_, *leads_, *custom_fields_});
        api::HttpConfig config;
        config.web_dir = std::string(KYOSO_SOURCE_DIR) + "/web/static";
        if (configure) configure(config);
        departments_ = std::make_unique<app::DepartmentService>(*store_, clock_, digest_);
        officials_ = std::make_unique<app::OfficialService>(*store_, normalizer_, clock_, digest_);
        rotations_ = std::make_unique<app::RotationImportService>(*store_, normalizer_, clock_, digest_, table_reader_,
                                                                  *officials_, *departments_);
        webhooks_ = std::make_unique<app::WebhookService>(*store_, clock_, digest_, secrets_);
        contact_log_ = std::make_unique<app::ContactLogService>(*store_, clock_, digest_, &xlsx_);
        search_ = std::make_unique<app::SearchService>(*store_, normalizer_);
        api::Services services{*store_, *governments_, *deals_, "test"};
        services.departments = departments_.get();
        services.officials = officials_.get();
        services.rotations = rotations_.get();
        services.catalog = catalog_.get();
        services.webhooks = webhooks_.get();
        services.contact_log = contact_log_.get();
        services.search = search_.get();
        server_ = std::make_unique<api::HttpServer>(config, services);
        auto port = server_->BindToAnyPort();
        if (!port.ok()) throw std::runtime_error(port.status().ToString());
        port_ = *port;
        thread_ = std::thread([this] { (void)server_->ListenAfterBind(); });
        while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~ApiTestWorld() {
        server_->Stop();
        thread_.join();
    }

    int port() const { return port_; }
    sqlite::SqliteStore& store() { return *store_; }

    httplib::Result Get(const std::string& path) {
        httplib::Client client("127.0.0.1", port_);
        return client.Get(path.c_str());
    }
    httplib::Result Post(const std::string& path, const std::string& body) {
        httplib::Client client("127.0.0.1", port_);
        return client.Post(path.c_str(), body, "application/json");
    }
    httplib::Result Patch(const std::string& path, const std::string& body) {
        httplib::Client client("127.0.0.1", port_);
        return client.Patch(path.c_str(), body, "application/json");
    }
    httplib::Result Delete(const std::string& path) {
        httplib::Client client("127.0.0.1", port_);
        return client.Delete(path.c_str());
    }
    nlohmann::json PatchJson(const std::string& path, const std::string& body, int expect_status) {
        return Check(Patch(path, body), path + " " + body, expect_status);
    }
    nlohmann::json DeleteJson(const std::string& path, int expect_status) {
        return Check(Delete(path), path, expect_status);
    }
    // Parses a JSON answer, checking its status and content type.
    nlohmann::json GetJson(const std::string& path, int expect_status) { return Check(Get(path), path, expect_status); }
    nlohmann::json PostJson(const std::string& path, const std::string& body, int expect_status) {
        return Check(Post(path, body), path + " " + body, expect_status);
    }

private:
    static nlohmann::json Check(const httplib::Result& res, const std::string& what, int expect_status) {
        EXPECT_TRUE(res) << what;
        if (!res) return {};
        EXPECT_EQ(res->status, expect_status) << what << " -> " << res->body;
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << what;
        return nlohmann::json::parse(res->body, nullptr, false);
    }

    TempDb db_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    text::IcuTextNormalizer normalizer_;
    FixedClock clock_;
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_;
    std::unique_ptr<app::GovernmentService> governments_;
    std::unique_ptr<app::DealService> deals_;
    text::CsvTableReader table_reader_;
    std::unique_ptr<app::DepartmentService> departments_;
    std::unique_ptr<app::OfficialService> officials_;
    std::unique_ptr<app::RotationImportService> rotations_;
    std::unique_ptr<app::ProductService> products_;
    std::unique_ptr<app::LeadService> leads_;
    std::unique_ptr<app::CustomFieldService> custom_fields_;
    std::unique_ptr<app::CatalogServices> catalog_;
    crypto::OpenSslSecretSource secrets_;
    std::unique_ptr<app::WebhookService> webhooks_;
    office::XlsxWriter xlsx_;
    std::unique_ptr<app::ContactLogService> contact_log_;
    std::unique_ptr<app::SearchService> search_;
    std::unique_ptr<api::HttpServer> server_;
    std::thread thread_;
    int port_ = 0;
};

}  // namespace kyoso::testing
