#include "catalog_conformance.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "people_conformance.hpp"
#include "signal_conformance.hpp"
#include "store_conformance.hpp"
#include "test_support.hpp"

namespace kyoso::testing {
namespace {

struct SqliteFactory {
    static std::unique_ptr<ports::Store> Make() {
        static std::vector<std::unique_ptr<TempDb>> files;  // kept until the process ends
        files.push_back(std::make_unique<TempDb>("conf"));
        auto store = sqlite::SqliteStore::Open(files.back()->path());
        if (!store.ok()) {
            ADD_FAILURE() << store.status().ToString();
            return nullptr;
        }
        return std::move(*store);
    }
};

using Backends = ::testing::Types<SqliteFactory>;
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, StoreConformance, Backends);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, PeopleStoreConformance, Backends);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, CatalogConformance, Backends);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, SignalConformance, Backends);

}  // namespace
}  // namespace kyoso::testing
