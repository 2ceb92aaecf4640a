#pragma once

// The store a test runs on. KYOSO_TEST_BACKEND=postgres[:URL_FILE] runs it on
// PostgreSQL: a fresh database per store on the server named by
// KYOSO_TEST_POSTGRES_URL, or else by the first line of URL_FILE (written by
// tests/support/pg_cluster.sh when CTest starts the throwaway cluster), dropped
// when the process ends. Otherwise (the default) a temporary SQLite file.

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "kyoso/postgres/pg_store.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "pg_url.hpp"
#include "test_support.hpp"

namespace kyoso::testing {

// `url` with its database name replaced by `db` (postgresql://u@h:p/NAME?opts).
inline std::string WithDatabase(const std::string& url, const std::string& db) {
    const size_t scheme = url.find("://");
    const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (slash == std::string::npos) return url + "/" + db;
    const size_t query = url.find('?', slash);
    return url.substr(0, slash + 1) + db + (query == std::string::npos ? "" : url.substr(query));
}

// Fresh PostgreSQL databases made by this process, dropped at exit.
class PostgresTestDatabases {
public:
    static PostgresTestDatabases& Instance() {
        static PostgresTestDatabases instance;
        return instance;
    }
    // Creates an empty database; its URL, or the reason it could not be made.
    Result<std::string> Create(const std::string& tag) {
        const std::string admin = PostgresTestUrl();
        if (admin.empty()) return Unavailable("no PostgreSQL test server (KYOSO_TEST_POSTGRES_URL[_FILE])");
        static std::atomic<int> counter{0};
        std::string name = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_";
        for (char c : tag) name += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
        if (name.size() > 60) name.resize(60);
        auto conn = postgres::PgConnection::Connect(admin);
        if (!conn.ok()) return conn.status();
        KYOSO_RETURN_IF_ERROR((*conn)->Exec("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'"));
        names_.push_back(name);
        return WithDatabase(admin, name);
    }
    ~PostgresTestDatabases() {
        const std::string admin = PostgresTestUrl();
        if (admin.empty() || names_.empty()) return;
        auto conn = postgres::PgConnection::Connect(admin);
        if (!conn.ok()) return;
        for (const auto& n : names_) (void)(*conn)->Exec("DROP DATABASE IF EXISTS " + n + " WITH (FORCE)");
    }

private:
    std::vector<std::string> names_;
};

// A migrated, empty store on the requested backend. On PostgreSQL without a
// server the status says so (tests GTEST_SKIP on it only when not required).
inline Result<std::unique_ptr<sql::SqlStore>> OpenTestStore(const std::string& tag) {
    if (PostgresBackendRequested()) {
        auto url = PostgresTestDatabases::Instance().Create(tag);
        if (!url.ok()) return url.status();
        auto store = postgres::PgStore::Open(*url);
        if (!store.ok()) return store.status();
        return std::unique_ptr<sql::SqlStore>(std::move(*store));
    }
    static std::vector<std::unique_ptr<TempDb>> files;  // removed when the process ends
    files.push_back(std::make_unique<TempDb>(tag));
    auto store = sqlite::SqliteStore::Open(files.back()->path());
    if (!store.ok()) return store.status();
    return std::unique_ptr<sql::SqlStore>(std::move(*store));
}

}  // namespace kyoso::testing
