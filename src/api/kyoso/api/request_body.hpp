#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kyoso/app/custom_field/custom_field_values.hpp"
#include "kyoso/core/result.hpp"

namespace kyoso::api {

// Reads a JSON object request body field by field, collecting one error per bad
// field (nested ones as "line_items[2].quantity"), so a client sees every problem
// of its request at once. A body that is empty, not JSON or not an object is one
// error on "body"; fields not in `known` are errors too. Not thread-safe.
class BodyReader {
public:
    BodyReader(const std::string& body, std::set<std::string> known);

    bool parsed() const { return object_.is_object(); }
    // Whether the field is present (null included).
    bool Has(const std::string& field) const;

    // Absent or null → nullopt; a missing required field is an error.
    std::optional<std::string> String(const std::string& field, bool required);
    std::optional<long long> Int(const std::string& field, bool required);
    std::optional<bool> Bool(const std::string& field);
    std::optional<std::vector<std::string>> StringArray(const std::string& field);
    // A reference that null clears: absent → nullopt, null → 0, else a positive id.
    std::optional<long long> NullableId(const std::string& field);
    // An array of objects, each checked against `known` and passed to `read` with
    // a reader of its own fields; errors are named "<field>[i].<member>".
    template <typename T, typename Fn>
    std::optional<std::vector<T>> ObjectArray(const std::string& field, const std::set<std::string>& known, Fn read);
    // Checks that the field, when present, is an object with only `members`.
    void ObjectShape(const std::string& field, const std::set<std::string>& members);
    // An array of ids inside an object field: {"user_ids": [...]}.
    std::optional<std::vector<long long>> IdArrayIn(const std::string& object_field, const std::string& member);
    // custom_fields: an object of key → string, number or null.
    app::CustomFieldInputs CustomFields(const std::string& field = "custom_fields");

    // A view of one nested object, used by ObjectArray callbacks.
    class Item {
    public:
        Item(BodyReader& reader, const nlohmann::json& object, std::string path)
            : reader_(reader), object_(object), path_(std::move(path)) {}
        std::optional<std::string> String(const std::string& member, bool required);
        std::optional<long long> Int(const std::string& member, bool required);

    private:
        const nlohmann::json* Find(const std::string& member, bool required);
        BodyReader& reader_;
        const nlohmann::json& object_;
        std::string path_;
    };

    // The raw value of a present, non-null field (nullptr otherwise), for shapes this
    // reader has no method for; report problems with AddError.
    const nlohmann::json* Raw(const std::string& field) { return Find(field, false); }
    void AddError(const std::string& field, const std::string& message) { errors_.push_back({field, message}); }
    // OK when no field was bad; otherwise InvalidArgument listing each one.
    Status Finish() const;

private:
    const nlohmann::json* Find(const std::string& field, bool required);
    std::optional<long long> IntValue(const nlohmann::json& v, const std::string& path);

    nlohmann::json object_;
    std::vector<ErrorDetail> errors_;
};

template <typename T, typename Fn>
std::optional<std::vector<T>> BodyReader::ObjectArray(const std::string& field, const std::set<std::string>& known,
                                                      Fn read) {
    const nlohmann::json* v = Find(field, false);
    if (!v) return std::nullopt;
    if (!v->is_array()) {
        AddError(field, "must be an array of objects");
        return std::nullopt;
    }
    std::vector<T> out;
    for (size_t i = 0; i < v->size(); ++i) {
        const std::string path = field + "[" + std::to_string(i) + "]";
        const auto& element = (*v)[i];
        if (!element.is_object()) {
            AddError(path, "must be an object");
            continue;
        }
        for (const auto& [key, value] : element.items()) {
            if (!known.count(key)) AddError(path + "." + key, "unknown field");
        }
        Item item(*this, element, path);
        out.push_back(read(item));
    }
    return out;
}

// The positive integer id of a path segment; InvalidArgument (detail "id") otherwise.
Result<long long> PathIdOf(const std::string& text, const std::string& what);

}  // namespace kyoso::api
