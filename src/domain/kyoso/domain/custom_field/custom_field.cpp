#include "kyoso/domain/custom_field/custom_field.hpp"

#include <charconv>
#include <cmath>
#include <set>

#include "kyoso/core/date.hpp"

namespace kyoso::domain {

namespace {

constexpr size_t kMaxKeyBytes = 40;
constexpr size_t kMaxLabelBytes = 200;
constexpr size_t kMaxTextBytes = 2'000;
constexpr size_t kMaxChoices = 200;

std::string Field(const CustomFieldDefinition& def) { return "custom_fields." + def.key; }

Status ValueError(const CustomFieldDefinition& def, const std::string& message) {
    return InvalidArgument("invalid custom field " + def.key + ": " + message, {{Field(def), message}});
}

// Shortest round-tripping text of a finite number: 3 → "3", 12.5 → "12.5".
std::string NumberText(double v) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof(buf), v);
    return ec == std::errc() ? std::string(buf, p) : std::to_string(v);
}

}  // namespace

std::string_view CustomFieldTypeSlug(CustomFieldType type) {
    switch (type) {
        case CustomFieldType::kText:
            return "text";
        case CustomFieldType::kNumber:
            return "number";
        case CustomFieldType::kDate:
            return "date";
        case CustomFieldType::kChoice:
            return "choice";
    }
    return "text";
}

std::optional<CustomFieldType> CustomFieldTypeFromSlug(std::string_view slug) {
    for (auto t :
         {CustomFieldType::kText, CustomFieldType::kNumber, CustomFieldType::kDate, CustomFieldType::kChoice}) {
        if (CustomFieldTypeSlug(t) == slug) return t;
    }
    return std::nullopt;
}

std::string_view CustomFieldEntitySlug(CustomFieldEntity entity) {
    switch (entity) {
        case CustomFieldEntity::kLead:
            return "lead";
        case CustomFieldEntity::kDeal:
            return "deal";
        case CustomFieldEntity::kGovernment:
            return "government";
    }
    return "deal";
}

std::optional<CustomFieldEntity> CustomFieldEntityFromSlug(std::string_view slug) {
    for (auto e : {CustomFieldEntity::kLead, CustomFieldEntity::kDeal, CustomFieldEntity::kGovernment}) {
        if (CustomFieldEntitySlug(e) == slug) return e;
    }
    return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> DefinitionProblems(const CustomFieldDefinition& def) {
    std::vector<std::pair<std::string, std::string>> out;
    bool key_ok = !def.key.empty() && def.key.size() <= kMaxKeyBytes && def.key[0] >= 'a' && def.key[0] <= 'z';
    for (char c : def.key) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) key_ok = false;
    }
    if (!key_ok) out.emplace_back("key", "must be 1-40 characters a-z, 0-9 or _, starting with a letter");
    if (def.label.empty() || def.label.size() > kMaxLabelBytes) out.emplace_back("label", "must be 1-200 bytes");
    if (def.type == CustomFieldType::kChoice) {
        std::set<std::string> seen;
        if (def.choices.empty()) out.emplace_back("choices", "a choice field needs at least one choice");
        if (def.choices.size() > kMaxChoices) out.emplace_back("choices", "at most 200 choices");
        for (const auto& c : def.choices) {
            if (c.empty() || c.size() > kMaxLabelBytes) {
                out.emplace_back("choices", "each choice must be 1-200 bytes");
                break;
            }
            if (c.find(',') != std::string::npos) {
                out.emplace_back("choices", "a choice cannot contain ','");
                break;
            }
            if (!seen.insert(c).second) {
                out.emplace_back("choices", "duplicate choice '" + c + "'");
                break;
            }
        }
    } else if (!def.choices.empty()) {
        out.emplace_back("choices", "only choice fields have choices");
    }
    return out;
}

Result<std::optional<std::string>> NormalizeCustomFieldValue(const CustomFieldDefinition& def,
                                                             const CustomFieldInput& in) {
    using K = CustomFieldInput::Kind;
    const bool empty = in.kind == K::kNull || (in.kind == K::kString && in.text.empty());
    if (empty) {
        if (def.required) return ValueError(def, "required");
        return std::optional<std::string>();
    }
    switch (def.type) {
        case CustomFieldType::kText:
            if (in.kind != K::kString) return ValueError(def, "must be a string");
            if (in.text.size() > kMaxTextBytes) return ValueError(def, "at most 2,000 bytes");
            return std::optional<std::string>(in.text);
        case CustomFieldType::kNumber: {
            double v = in.number;
            if (in.kind == K::kString) {
                // Numbers typed into a form arrive as strings; accept a plain decimal.
                auto [p, ec] = std::from_chars(in.text.data(), in.text.data() + in.text.size(), v);
                if (ec != std::errc() || p != in.text.data() + in.text.size()) {
                    return ValueError(def, "must be a number, got '" + in.text + "'");
                }
            } else if (in.kind != K::kNumber) {
                return ValueError(def, "must be a number");
            }
            if (!std::isfinite(v)) return ValueError(def, "must be a finite number");
            return std::optional<std::string>(NumberText(v));
        }
        case CustomFieldType::kDate:
            if (in.kind != K::kString || !ParseIsoDate(in.text)) {
                return ValueError(def, "must be a date YYYY-MM-DD");
            }
            return std::optional<std::string>(FormatIsoDate(*ParseIsoDate(in.text)));
        case CustomFieldType::kChoice: {
            if (in.kind != K::kString) return ValueError(def, "must be one of the choices (a string)");
            for (const auto& c : def.choices) {
                if (c == in.text) return std::optional<std::string>(in.text);
            }
            std::string list;
            for (const auto& c : def.choices) list += (list.empty() ? "" : ", ") + c;
            return ValueError(def, "'" + in.text + "' is not one of: " + list);
        }
    }
    return ValueError(def, "unknown field type");
}

}  // namespace kyoso::domain
