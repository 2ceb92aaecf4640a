#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace kyoso::domain {

// The record types the generic CSV import and export handle (docs/data-import.md).
enum class RecordType { kGovernments, kDepartments, kOfficials, kProducts, kUsers, kDeals, kActivities, kLeads };

// "deals" for RecordType::kDeals; nullopt for an unknown slug.
std::string_view RecordTypeSlug(RecordType type);
std::optional<RecordType> RecordTypeFromSlug(std::string_view slug);

// How a column's text becomes a stored value.
enum class FieldKind {
    kText,        // stored as given (trimmed)
    kInt,         // integer; "1,200" and full-width digits accepted
    kReal,        // decimal number
    kDate,        // YYYY-MM-DD (also YYYY/MM/DD)
    kBool,        // 1/0, true/false, yes/no, はい/いいえ
    kChoice,      // one of `choices` (slugs) or its Japanese label
    kGovernment,  // 団体コード (5 or 6 digits) or an unambiguous name ("府中市" is not; "東京都府中市" is)
    kRef,         // external id of a record of `ref` type, stored as its row id
    kDerived,     // computed by the import (officials.name_key); never a column of the file
};

// One field of the import/export format. `name` is the canonical English header;
// `aliases` are other accepted headers ('|'-separated, Japanese first); `attribute`
// is the stored attribute (the SQLite adapter's column of the same name), empty
// when nothing is stored.
struct FieldSpec {
    std::string_view name;
    std::string_view attribute;
    FieldKind kind = FieldKind::kText;
    bool required = false;
    std::string_view aliases;
    std::string_view choices;                   // kChoice: "slug=日本語|slug=日本語"
    std::string_view default_value;             // used when the cell is empty and the field is optional
    RecordType ref = RecordType::kGovernments;  // kRef only
};

// A record type's format: its fields in export order. The key field (the first) is
// external_id, or government_code for governments (which are never created by an
// import: the master list owns them).
struct RecordSpec {
    RecordType type;
    std::string_view slug;
    std::vector<FieldSpec> fields;
    bool update_only = false;
};

// The format of `type`; the reference lives for the program's lifetime.
const RecordSpec& SpecFor(RecordType type);

// The slug for `text` in a kChoice field: the slug itself or its Japanese label
// (case-sensitive); nullopt when neither.
std::optional<std::string_view> ChoiceSlug(const FieldSpec& field, std::string_view text);

// Whether `header` (already trimmed) names `field`: its name or one of its aliases,
// ASCII case-insensitive.
bool HeaderMatches(const FieldSpec& field, std::string_view header);

}  // namespace kyoso::domain
