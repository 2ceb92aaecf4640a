// The storage conformance suites on PostgreSQL: the same tests as SQLite
// (sqlite_conformance_test.cpp), each on a fresh database of the test server.
#include "catalog_conformance.hpp"
#include "compliance_conformance.hpp"
#include "people_conformance.hpp"
#include "signal_conformance.hpp"
#include "store_conformance.hpp"
#include "test_store.hpp"

namespace kyoso::testing {
namespace {

struct PostgresFactory {
    static std::unique_ptr<ports::Store> Make() {
        if (PostgresTestUrl().empty()) {
            // Registered by CTest with the throwaway cluster; run by hand without one.
            if (std::getenv("KYOSO_REQUIRE_POSTGRES")) {
                ADD_FAILURE() << "KYOSO_REQUIRE_POSTGRES is set but no PostgreSQL test server is configured";
            }
            return nullptr;
        }
        auto url = PostgresTestDatabases::Instance().Create("conf");
        if (!url.ok()) {
            ADD_FAILURE() << url.status().ToString();
            return nullptr;
        }
        auto store = postgres::PgStore::Open(*url);
        if (!store.ok()) {
            ADD_FAILURE() << store.status().ToString();
            return nullptr;
        }
        return std::move(*store);
    }
};

using Backends = ::testing::Types<PostgresFactory>;
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, StoreConformance, Backends);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, PeopleStoreConformance, Backends);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, CatalogConformance, Backends);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, SignalConformance, Backends);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, ComplianceConformance, Backends);

}  // namespace
}  // namespace kyoso::testing
