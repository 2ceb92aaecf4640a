#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

// A 64-bit FNV-1a checksum over rows of values in a canonical text form that both
// backends give alike: NULL as "N", an integer as "I" and its decimal digits, a real as
// "R" and its shortest round-trip form (std::to_chars), text as "T", its byte length,
// ':' and its bytes; each value ends with ';' and each row with '\n'.
class RowHasher {
public:
    void AddNull();
    void AddInt(long long value);
    void AddReal(double value);
    void AddText(std::string_view value);
    // Adds every column of the statement's current row and ends the row.
    void AddRow(const Statement& row);
    void EndRow();

    std::uint64_t value() const { return hash_; }
    // The checksum as 16 lowercase hexadecimal digits.
    std::string Hex() const;

private:
    void Feed(std::string_view bytes);
    void AddLength(size_t n);
    std::uint64_t hash_ = 14695981039346656037ULL;
};

// What CopyDatabase did to one table.
struct TableCopy {
    std::string table;
    long long rows = 0;     // rows in the source (copied tables) or in the target (rebuilt ones)
    std::string checksum;   // RowHasher::Hex of the source rows; empty for rebuilt tables
    bool verified = false;  // the target's row count and checksum equal the source's
    bool rebuilt = false;   // derived data not copied: the target rebuilds it (search index)
};

// The outcome of CopyDatabase, one entry per table in copy order.
struct CopyReport {
    std::vector<TableCopy> tables;
    long long rows = 0;  // rows copied over all tables
    // How the derived tables are rebuilt, for the operator.
    std::string note;
};

// Copies every row of `from` (a SQLite store) into `to` (an empty PostgreSQL store at
// the same schema version), in ONE target transaction: tables parents-first, columns
// by name, ~500 rows per INSERT, with triggers and foreign-key checks off
// (session_replication_role = replica, so counters such as activity_type_counts are
// copied as they are rather than recounted). The search index is not copied: every
// government, official and deal is queued in search_dirty and the watermarks are reset,
// so the target indexes itself on its first search. Identity sequences then follow
// the largest ids. Each table's row count and checksum are compared before COMMIT;
// any difference rolls everything back and names the table. A target holding rows
// (other than what its migrations seed) is refused, naming the table.
Result<CopyReport> CopyDatabase(SqlStore& from, SqlStore& to, ports::ProgressSink* progress);

}  // namespace kyoso::sql
