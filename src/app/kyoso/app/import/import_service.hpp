#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/domain/import/record_spec.hpp"
#include "kyoso/ports/csv_records.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/import_mapping.hpp"
#include "kyoso/ports/import_repository.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// What to import and how.
struct ImportOptions {
    domain::RecordType type = domain::RecordType::kActivities;
    bool dry_run = false;
    ports::TextEncoding encoding = ports::TextEncoding::kAuto;
    const ports::ImportMapping* mapping = nullptr;  // nullptr: map columns by header
    std::string actor = std::string(kSystemActor);
    std::string source_name = "input.csv";  // for messages and the audit entry
};

// One bad cell or row: its 1-based row number in the file (the header is row 1),
// the column as written in the file ("" for the whole row) and why.
struct RowProblem {
    long long row = 0;
    std::string column;
    std::string reason;
};

// An imported official whose normalised name + kana + government matches another
// official with a different external id (reported, still imported).
struct DuplicateOfficial {
    long long row = 0;
    std::string name;
    std::string government_code;
    long long existing_id = 0;         // 0 when the match is an earlier row of this file
    std::string existing_external_id;  // external id of the match ("" when it has none)
};

// The outcome of an import or a dry run.
struct ImportReport {
    std::string type;
    std::string encoding;
    std::string sha256;  // of the input bytes
    bool dry_run = false;
    bool applied = false;  // true when the rows were written (not a dry run, no errors)
    long long rows = 0;    // data rows read
    long long inserted = 0;
    long long updated = 0;
    long long unchanged = 0;
    long long error_count = 0;  // all bad cells; `errors` keeps the first kMaxListedErrors
    std::vector<RowProblem> errors;
    std::vector<DuplicateOfficial> duplicates;
    std::vector<std::string> columns;          // "amount ← 金額" for each mapped column
    std::vector<std::string> ignored_columns;  // headers that map to no field
    long long first_inserted_id = 0;
    long long last_inserted_id = 0;
};

// Generic CSV import and export of every record type (docs/data-import.md).
// Imports are all-or-nothing: one transaction, and any bad row writes nothing.
// Each applied import appends one audit entry for the whole batch (file SHA-256,
// counts, id range). Thread-safe when its dependencies are.
class ImportService {
public:
    // Errors kept in ImportReport::errors; the count goes on.
    static constexpr size_t kMaxListedErrors = 100000;

    ImportService(ports::Store& store, ports::ImportRepository& repo, const ports::CsvRecordReader& reader,
                  const ports::TextNormalizer& normalizer, const ports::Clock& clock, const ports::Digest& digest)
        : store_(store), repo_(repo), reader_(reader), normalizer_(normalizer), clock_(clock), digest_(digest) {}

    // Validates every row of `csv` and, unless a dry run or any row is bad, writes
    // them (upsert by external id) with their audit entry. Bad rows are listed in
    // the report (not a failed status). A failed status means the file as a whole
    // could not be read: malformed CSV, undecodable bytes, a required column
    // missing, a mapping naming an unknown field.
    Result<ImportReport> Import(std::string_view csv, const ImportOptions& options, ports::ProgressSink& progress);

    // Writes every record of `type` as CSV (UTF-8 with BOM, CRLF line ends, the
    // canonical header of domain::SpecFor) to `out` in chunks, with relations as
    // external ids. Records without an external id get "kyoso:<type>:<id>", so an
    // export imported into another database and exported again is byte-identical.
    Status Export(domain::RecordType type, const std::function<Status(std::string_view chunk)>& out);

private:
    ports::Store& store_;
    ports::ImportRepository& repo_;
    const ports::CsvRecordReader& reader_;
    const ports::TextNormalizer& normalizer_;
    const ports::Clock& clock_;
    const ports::Digest& digest_;
};

}  // namespace kyoso::app
