#include "compliance_conformance.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace kyoso::testing {
namespace {

struct SqliteComplianceFactory {
    static std::unique_ptr<ports::Store> Make() {
        static std::vector<std::unique_ptr<TempDb>> files;  // kept until the process ends
        files.push_back(std::make_unique<TempDb>("compliance-conf"));
        auto store = sqlite::SqliteStore::Open(files.back()->path());
        if (!store.ok()) {
            ADD_FAILURE() << store.status().ToString();
            return nullptr;
        }
        return std::move(*store);
    }
};

using Backends = ::testing::Types<SqliteComplianceFactory>;
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, ComplianceConformance, Backends);

}  // namespace
}  // namespace kyoso::testing
