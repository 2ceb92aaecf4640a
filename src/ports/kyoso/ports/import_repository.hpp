#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/import/record_spec.hpp"

namespace kyoso::ports {

// One stored value of an imported or exported record: NULL, an integer, a real or
// text. Buffers are reused row to row by the import, so keep it a plain struct.
struct Cell {
    enum class Kind { kNull, kInt, kReal, kText };
    Kind kind = Kind::kNull;
    long long integer = 0;
    double real = 0;
    std::string text;

    void SetNull() { kind = Kind::kNull; }
    void SetInt(long long v) { kind = Kind::kInt, integer = v; }
    void SetReal(double v) { kind = Kind::kReal, real = v; }
    void SetText(std::string_view v) { kind = Kind::kText, text.assign(v.data(), v.size()); }
};

// What an upsert did to one row.
enum class UpsertOutcome { kInserted, kUpdated, kUnchanged };

// A government as the import resolves it (by code, name or prefecture + name).
struct GovernmentKey {
    std::string code;
    std::string name;
    std::string prefecture_name;
    bool is_prefecture = false;
};

// An existing official for duplicate detection (normalised name + kana + government).
struct OfficialKey {
    long long id = 0;
    std::string government_code;
    std::string name_key;
    std::string external_id;  // "" when the official has none
};

// Writes the records of one type inside the caller's Store::InTransaction (on the
// same thread). Values come in the order of the type's stored attributes:
// domain::SpecFor(type).fields with a non-empty attribute, key first.
class ImportWriter {
public:
    virtual ~ImportWriter() = default;
    // Inserts, updates or leaves the record whose key equals values[0]. `id` receives
    // the row id (for governments: 0). `known_new`: the caller knows no record has
    // this key, so the lookup is skipped (the bulk path). A constraint failure (a
    // unique name taken, a missing government) is an InvalidArgument naming the reason.
    virtual Result<UpsertOutcome> Upsert(const std::vector<Cell>& values, bool known_new, long long* id) = 0;
};

// Bulk access for the generic CSV import and export (docs/data-import.md): key
// lookups, one writer per type, and a full scan per type. Safe for concurrent use;
// writers must be used inside Store::InTransaction.
class ImportRepository {
public:
    virtual ~ImportRepository() = default;

    // Runs `work` as one Store::InTransaction in which the storage does not check
    // references itself (SQLite: foreign keys off, ~20% of a bulk insert): the caller
    // promises to resolve every reference from reads made inside `work`.
    virtual Status InBulkTransaction(const std::function<Status()>& work) = 0;
    // Every government of the master list.
    virtual Result<std::vector<GovernmentKey>> Governments() = 0;
    // external_id → row id of every record of `type` that has one (not governments).
    virtual Status ExternalIds(domain::RecordType type,
                               const std::function<void(std::string_view external_id, long long id)>& fn) = 0;
    // Row id → government code of every deal (activities inherit their deal's government).
    virtual Status DealGovernments(const std::function<void(long long id, std::string_view code)>& fn) = 0;
    // Every official with its name_key.
    virtual Result<std::vector<OfficialKey>> OfficialKeys() = 0;
    // A writer for `type`; call inside Store::InTransaction and drop before it ends.
    // Also tunes the connection for bulk work (a large page cache).
    virtual Result<std::unique_ptr<ImportWriter>> OpenWriter(domain::RecordType type) = 0;
    // Calls fn(id, values) for every record of `type` in id order (governments: code
    // order, id 0), values in stored-attribute order as for ImportWriter. A non-OK
    // status from fn stops the scan and is returned.
    virtual Status Scan(domain::RecordType type,
                        const std::function<Status(long long id, const std::vector<Cell>& values)>& fn) = 0;
};

}  // namespace kyoso::ports
