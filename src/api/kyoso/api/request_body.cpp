#include "kyoso/api/request_body.hpp"

#include <charconv>
#include <climits>

namespace kyoso::api {

using nlohmann::json;

BodyReader::BodyReader(const std::string& body, std::set<std::string> known) {
    if (body.empty()) {
        errors_.push_back({"body", "a JSON object is required"});
        return;
    }
    object_ = json::parse(body, nullptr, false);
    if (object_.is_discarded()) {
        object_ = json();
        errors_.push_back({"body", "malformed JSON"});
        return;
    }
    if (!object_.is_object()) {
        object_ = json();
        errors_.push_back({"body", "must be a JSON object"});
        return;
    }
    for (const auto& [key, value] : object_.items()) {
        if (!known.count(key)) errors_.push_back({key, "unknown field"});
    }
}

bool BodyReader::Has(const std::string& field) const { return parsed() && object_.contains(field); }

const json* BodyReader::Find(const std::string& field, bool required) {
    if (!parsed()) return nullptr;
    auto it = object_.find(field);
    if (it == object_.end() || it->is_null()) {
        if (required) errors_.push_back({field, "required"});
        return nullptr;
    }
    return &*it;
}

std::optional<long long> BodyReader::IntValue(const json& v, const std::string& path) {
    if (v.is_number_unsigned()) {
        if (v.get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX)) {
            errors_.push_back({path, "out of range"});
            return std::nullopt;
        }
        return static_cast<long long>(v.get<unsigned long long>());
    }
    if (!v.is_number_integer()) {
        errors_.push_back({path, "must be an integer"});
        return std::nullopt;
    }
    return v.get<long long>();
}

std::optional<std::string> BodyReader::String(const std::string& field, bool required) {
    const json* v = Find(field, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        errors_.push_back({field, "must be a string"});
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<long long> BodyReader::Int(const std::string& field, bool required) {
    const json* v = Find(field, required);
    if (!v) return std::nullopt;
    return IntValue(*v, field);
}

std::optional<bool> BodyReader::Bool(const std::string& field) {
    const json* v = Find(field, false);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        errors_.push_back({field, "must be true or false"});
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<std::vector<std::string>> BodyReader::StringArray(const std::string& field) {
    const json* v = Find(field, false);
    if (!v) return std::nullopt;
    if (!v->is_array()) {
        errors_.push_back({field, "must be an array of strings"});
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (size_t i = 0; i < v->size(); ++i) {
        if (!(*v)[i].is_string()) {
            errors_.push_back({field + "[" + std::to_string(i) + "]", "must be a string"});
            continue;
        }
        out.push_back((*v)[i].get<std::string>());
    }
    return out;
}

std::optional<long long> BodyReader::NullableId(const std::string& field) {
    if (!Has(field)) return std::nullopt;
    if (object_[field].is_null()) return 0;
    auto id = IntValue(object_[field], field);
    if (!id) return std::nullopt;
    if (*id <= 0) {
        errors_.push_back({field, "must be a positive id (or null to clear)"});
        return std::nullopt;
    }
    return id;
}

void BodyReader::ObjectShape(const std::string& field, const std::set<std::string>& members) {
    const json* v = Find(field, false);
    if (!v) return;
    if (!v->is_object()) {
        errors_.push_back({field, "must be an object"});
        return;
    }
    for (const auto& [key, value] : v->items()) {
        if (!members.count(key)) errors_.push_back({field + "." + key, "unknown field"});
    }
}

std::optional<std::vector<long long>> BodyReader::IdArrayIn(const std::string& object_field,
                                                            const std::string& member) {
    const json* o = Find(object_field, false);
    if (!o || !o->is_object()) return std::nullopt;
    auto it = o->find(member);
    if (it == o->end() || it->is_null()) return std::nullopt;
    const std::string path = object_field + "." + member;
    if (!it->is_array()) {
        errors_.push_back({path, "must be an array of ids"});
        return std::nullopt;
    }
    std::vector<long long> out;
    for (size_t i = 0; i < it->size(); ++i) {
        auto id = IntValue((*it)[i], path + "[" + std::to_string(i) + "]");
        if (id) out.push_back(*id);
    }
    return out;
}

app::CustomFieldInputs BodyReader::CustomFields(const std::string& field) {
    app::CustomFieldInputs out;
    const json* v = Find(field, false);
    if (!v) return out;
    if (!v->is_object()) {
        errors_.push_back({field, "must be an object of field key to value"});
        return out;
    }
    using K = domain::CustomFieldInput::Kind;
    for (const auto& [key, value] : v->items()) {
        domain::CustomFieldInput in;
        if (value.is_null()) {
            in.kind = K::kNull;
        } else if (value.is_string()) {
            in.kind = K::kString;
            in.text = value.get<std::string>();
        } else if (value.is_number()) {
            in.kind = K::kNumber;
            in.number = value.get<double>();
            in.text = value.dump();
        } else {
            in.kind = K::kOther;
        }
        out[key] = std::move(in);
    }
    return out;
}

const json* BodyReader::Item::Find(const std::string& member, bool required) {
    auto it = object_.find(member);
    if (it == object_.end() || it->is_null()) {
        if (required) reader_.AddError(path_ + "." + member, "required");
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> BodyReader::Item::String(const std::string& member, bool required) {
    const json* v = Find(member, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        reader_.AddError(path_ + "." + member, "must be a string");
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<long long> BodyReader::Item::Int(const std::string& member, bool required) {
    const json* v = Find(member, required);
    if (!v) return std::nullopt;
    return reader_.IntValue(*v, path_ + "." + member);
}

Status BodyReader::Finish() const {
    if (errors_.empty()) return Status::Ok();
    std::string message = "invalid request body: " + errors_.front().field + ": " + errors_.front().message;
    if (errors_.size() > 1) message += " (and " + std::to_string(errors_.size() - 1) + " more)";
    return InvalidArgument(message, errors_);
}

Result<long long> PathIdOf(const std::string& text, const std::string& what) {
    long long v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v <= 0) {
        return InvalidArgument(what + " id must be a positive integer, got '" + text + "'",
                               {{"id", "not a " + what + " id"}});
    }
    return v;
}

}  // namespace kyoso::api
