#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/fiscal/fiscal_calendar.hpp"
#include "kyoso/ports/master_data.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

struct MasterLoadSummary {
    std::string source;
    long long total = 0;
    std::map<std::string, long long> by_kind;  // slug -> count
    long long core_cities = 0;
    long long former_special_cities = 0;
    long long no_government = 0;
};

// Raw list parameters, as they come from a query string or CLI flags. Each is
// validated by List(); an error names the parameter.
using ListParams = std::map<std::string, std::string>;

struct GovernmentListResult {
    std::vector<domain::Government> items;
    long long total = 0;
    std::optional<std::string> next_cursor;
};

struct GovernmentDetail {
    domain::Government government;
    domain::FiscalCalendar calendar;
    Date today;
    std::optional<domain::Milestone> next_milestone;  // next in this fiscal year, else first of the next
    int business_days_to_next = 0;
};

struct StatsImportSummary {
    std::string encoding;
    long long rows = 0;
    long long applied = 0;
    long long skipped_aggregates = 0;          // 00000 全国, 13100 特別区部
    std::vector<std::string> skipped_unknown;  // valid codes not in the master (abolished or merged bodies)
    std::vector<std::string> mapped_columns;   // "population <- pop2020_census_prelim"
    long long with_similar_group = 0;
};

// Use cases over the government master: loading it, listing and searching it,
// one body's detail with its fiscal calendar, and importing statistics. Every
// write is audited in its own transaction (docs/audit.md), with actor "system".
// Thread-safe when its dependencies are.
class GovernmentService {
public:
    // `digest` hashes the audit chain.
    GovernmentService(ports::Store& store, const ports::TextNormalizer& normalizer, const ports::Clock& clock,
                      const ports::Digest& digest, const domain::BusinessCalendar& business_days)
        : store_(store),
          normalizer_(normalizer),
          clock_(clock),
          business_days_(business_days),
          audit_(store, clock, digest) {}

    // Validates every code (check digit) and classifies every body; on any error
    // nothing is written and the error lists each bad record by location. One
    // audit entry "governments.load_master" summarises the load.
    Result<MasterLoadSummary> LoadMasterData(const ports::MasterDataSource& source);

    // Parameters: prefecture (01-47, 6-digit code or name), kind (comma-separated
    // slugs; "ward" lists wards), q (name/kana, width- and kana-insensitive),
    // population_min, population_max, include_no_government (true/false),
    // sort (code|kana|population), order (asc|desc), limit (1-500, default 50), cursor.
    Result<GovernmentListResult> List(const ListParams& params);

    // Accepts 5- or 6-digit codes.
    Result<GovernmentDetail> Get(const std::string& code);

    // Adds population / fiscal indices / employment shares from a table keyed by
    // 5- or 6-digit code; recomputes population bands and 類似団体. Columns are
    // recognised by header (see docs/data-import.md). All rows are validated first:
    // on any bad row nothing is written and the error names row and column.
    // With skip_unknown, rows whose (valid) code is not in the master are skipped and
    // listed instead of failing the import: long statistics series carry codes of
    // bodies since merged (e.g. 403059 那珂川町, now 那珂川市 402311). One audit entry
    // "governments.import_stats" lists the rows read and the codes changed.
    Result<StatsImportSummary> ImportStats(const ports::Table& table, ports::ProgressSink& progress,
                                           bool skip_unknown = false);

    // Sets (or replaces) a government's own dates for one milestone, every year or one
    // fiscal year; audited as "government.milestone_override" with the old and new
    // dates. InvalidArgument for a bad code or month/day.
    Status PutMilestoneOverride(const std::string& code, const domain::MilestoneOverride& o);

private:
    ports::Store& store_;
    const ports::TextNormalizer& normalizer_;
    const ports::Clock& clock_;
    const domain::BusinessCalendar& business_days_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
