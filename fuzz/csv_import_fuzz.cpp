// Fuzz target: the generic CSV import (encoding detection, Shift_JIS decoding,
// header aliases, every field parser, relation resolution) as a dry run.
// Input: the first byte picks the record type (mod 8), the rest is the file. The
// store holds the real master data and one product, user, official and deal.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/import/import_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sql/import_repository.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"
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
    kyoso::text::CsvStreamReader reader;
    std::unique_ptr<kyoso::ports::ImportRepository> repo;
    std::unique_ptr<kyoso::app::ImportService> service;
    World() {
        const std::string path = "/tmp/kyoso-fuzz-import-" + std::to_string(getpid()) + ".db";
        unlink(path.c_str());
        store = std::move(kyoso::sqlite::SqliteStore::Open(path)).value();
        kyoso::app::GovernmentService governments(*store, normalizer, clock, digest, calendar);
        (void)governments.LoadMasterData(kyoso::masterdata::JpLocalGovSource::Bundled());
        repo = kyoso::sql::MakeImportRepository(store.get());
        service = std::make_unique<kyoso::app::ImportService>(*store, *repo, reader, normalizer, clock, digest);
        Seed(kyoso::domain::RecordType::kProducts, "id,name\nP1,製品\n");
        Seed(kyoso::domain::RecordType::kUsers, "id,name\nU1,営業\n");
        Seed(kyoso::domain::RecordType::kOfficials, "id,government_code,name,kana\nO1,131016,山田,やまだ\n");
        Seed(kyoso::domain::RecordType::kDeals,
             "id,government_code,product_external_id,owner_external_id,title,created_on\nD1,131016,P1,U1,案件,2026-04-"
             "01\n");
    }
    void Seed(kyoso::domain::RecordType type, const std::string& csv) {
        kyoso::app::ImportOptions o;
        o.type = type;
        kyoso::ports::NullProgress progress;
        if (!service->Import(csv, o, progress).ok()) __builtin_trap();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static World* world = new World();
    if (size == 0) return 0;
    kyoso::app::ImportOptions o;
    o.type = static_cast<kyoso::domain::RecordType>(data[0] % 8);
    o.dry_run = true;
    kyoso::ports::NullProgress progress;
    auto report =
        world->service->Import(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), o, progress);
    if (report.ok()) {
        if (report->applied) __builtin_trap();  // a dry run never writes
        for (const auto& e : report->errors) {
            if (e.row < 2 || e.reason.empty()) __builtin_trap();  // every bad row names itself and why
        }
        if (report->error_count < static_cast<long long>(report->errors.size())) __builtin_trap();
    } else if (report.status().message().empty()) {
        __builtin_trap();  // every error must explain itself
    }
    return 0;
}
