#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::domain {

// A company's own field on leads, deals or governments ("so a company can bring
// its own data"). Values are stored as text in a canonical form per type.
enum class CustomFieldType { kText, kNumber, kDate, kChoice };
enum class CustomFieldEntity { kLead, kDeal, kGovernment };

std::string_view CustomFieldTypeSlug(CustomFieldType type);
std::optional<CustomFieldType> CustomFieldTypeFromSlug(std::string_view slug);
std::string_view CustomFieldEntitySlug(CustomFieldEntity entity);
std::optional<CustomFieldEntity> CustomFieldEntityFromSlug(std::string_view slug);

struct CustomFieldDefinition {
    long long id = 0;
    CustomFieldEntity entity = CustomFieldEntity::kDeal;
    std::string key;    // [a-z][a-z0-9_]*, at most 40 bytes: the name in custom_fields
    std::string label;  // shown in the UI, e.g. 入札参加資格
    CustomFieldType type = CustomFieldType::kText;
    std::vector<std::string> choices;  // kChoice only
    bool required = false;
};

// A value as a client sent it (JSON kinds), before it is checked against its field.
struct CustomFieldInput {
    enum class Kind { kNull, kString, kNumber, kOther };
    Kind kind = Kind::kNull;
    std::string text;   // kString: the string; kNumber: the number as written
    double number = 0;  // kNumber
};

// Field-level problems of a definition (key, label, type/choices), each naming the
// body field; empty when it is valid.
std::vector<std::pair<std::string, std::string>> DefinitionProblems(const CustomFieldDefinition& def);

// The stored text of `input` for field `def`, or nullopt to clear the value.
// InvalidArgument (detail "custom_fields.<key>") when the value breaks the type:
// text ≤ 2,000 bytes; number finite (stored in shortest form, e.g. "12.5", "3");
// date YYYY-MM-DD; choice one of the choices; null or "" on a required field.
Result<std::optional<std::string>> NormalizeCustomFieldValue(const CustomFieldDefinition& def,
                                                             const CustomFieldInput& input);

}  // namespace kyoso::domain
