#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/department/department_service.hpp"
#include "kyoso/app/official/official_service.hpp"
#include "kyoso/ports/master_data.hpp"

namespace kyoso::app {

// One row of a 人事異動 list after parsing (docs/crm-people.md, "Rotation import").
struct RotationRow {
    long long line = 0;  // line in the file, for messages
    std::string name;
    std::string kana;             // may be empty
    std::string government_code;  // 6-digit
    std::string from_department;  // may be empty
    std::string from_title;       // may be empty
    std::string to_department;
    std::string to_title;  // may be empty
    Date effective_on{};
};

// Maps the header (Japanese or English aliases, folded) and checks every row: the
// required columns are 氏名/name, 団体コード/government_code, 新所属/to_department
// and 発令日/effective_date (optional when `default_effective` is set). Errors
// name "row N: column" (or "header"); all of them are returned at once.
Result<std::vector<RotationRow>> ParseRotationTable(const ports::Table& table, const ports::TextNormalizer& normalizer,
                                                    std::optional<Date> default_effective);

struct RotationOptions {
    bool dry_run = false;
    std::optional<Date> effective_date;  // for rows without 発令日
    std::string actor{kSystemActor};     // audit actor of the changes (UserActor of the caller over the API)
};

// What happened (or, in a dry run, would happen) to one row.
struct RotationOutcome {
    long long line = 0;
    long long official_id = 0;
    std::string name;
    bool created_official = false;
    std::string from;  // department and title before
    std::string to;    // department and title after
    long long department_id = 0;
    bool created_department = false;
    std::vector<long long> predecessor_ids;
    std::vector<long long> flagged_deal_ids;
};

struct RotationReport {
    bool dry_run = false;
    std::string encoding;
    std::vector<RotationOutcome> rows;
    long long moved = 0;
    long long created = 0;
    long long departments_created = 0;
    long long successions = 0;
    long long deals_flagged = 0;
};

// Applies 人事異動 lists all-or-nothing in one transaction, audited. For each row:
// finds the official by government and name key (a new person is created),
// closes the current posting the day before the effective date, opens the new one,
// updates the official's department and title (creating an unknown department,
// level from its name), links whoever held the same title there as predecessor,
// and flags every open deal the official champions for follow-up when the move
// takes them out of the deal's department. A dry run does all of it and rolls back.
class RotationImportService {
public:
    RotationImportService(ports::Store& store, const ports::TextNormalizer& normalizer, const ports::Clock& clock,
                          const ports::Digest& digest, const ports::TableReader& reader, OfficialService& officials,
                          DepartmentService& departments)
        : store_(store),
          normalizer_(normalizer),
          reader_(reader),
          officials_(officials),
          departments_(departments),
          audit_(store, clock, digest) {}

    // Reads the file (UTF-8, UTF-8 with BOM or Shift_JIS) and applies it.
    Result<RotationReport> ImportFile(const std::string& path, const RotationOptions& options);
    // The same for bytes received over HTTP; `name` appears in messages.
    Result<RotationReport> ImportBytes(std::string_view bytes, const std::string& name, const RotationOptions& options);
    // Applies an already read table.
    Result<RotationReport> Import(const ports::Table& table, const RotationOptions& options);

private:
    ports::Store& store_;
    const ports::TextNormalizer& normalizer_;
    const ports::TableReader& reader_;
    OfficialService& officials_;
    DepartmentService& departments_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
