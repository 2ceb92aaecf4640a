#pragma once

// Which PostgreSQL server a test may use (no libpq needed). KYOSO_TEST_POSTGRES_URL
// names it directly; otherwise KYOSO_TEST_BACKEND=postgres:URL_FILE, as CTest sets it
// for the "pg." tests, names the file tests/support/pg_cluster.sh wrote the URL to.

#include <cstdlib>
#include <fstream>
#include <string>

namespace kyoso::testing {

// True when this test process runs on PostgreSQL (KYOSO_TEST_BACKEND=postgres[:FILE]).
inline bool PostgresBackendRequested() {
    const char* backend = std::getenv("KYOSO_TEST_BACKEND");
    return backend && std::string(backend).rfind("postgres", 0) == 0;
}

// The URL of the test server's maintenance database, "" when none is configured.
inline std::string PostgresTestUrl() {
    if (const char* url = std::getenv("KYOSO_TEST_POSTGRES_URL"); url && *url) return url;
    const char* backend = std::getenv("KYOSO_TEST_BACKEND");
    const std::string b = backend ? backend : "";
    if (b.rfind("postgres:", 0) == 0) {
        std::ifstream in(b.substr(9));
        std::string line;
        if (std::getline(in, line)) return line;
    }
    return "";
}

}  // namespace kyoso::testing
