#include "kyoso/text/mapping_file.hpp"

#include <nlohmann/json.hpp>

namespace kyoso::text {

namespace {

using ports::ImportMapping;
using Pairs = std::vector<std::pair<std::string, std::string>>;

Status Bad(const std::string& name, const std::string& where, const std::string& why) {
    return InvalidArgument(name + ": " + where + ": " + why, {{where, why}});
}

Result<ImportMapping> FromJson(std::string_view text, const std::string& name) {
    nlohmann::ordered_json doc;
    try {
        doc = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        return Bad(name, "json", std::string("malformed JSON: ") + e.what());
    }
    if (!doc.is_object()) return Bad(name, "json", "the mapping must be a JSON object");
    ImportMapping m;
    auto string_map = [&](const nlohmann::ordered_json& obj, const std::string& section, Pairs* out) -> Status {
        if (!obj.is_object()) return Bad(name, section, "must be an object of strings");
        for (const auto& [k, v] : obj.items()) {
            if (!v.is_string()) return Bad(name, section + "." + k, "must be a string");
            out->emplace_back(k, v.get<std::string>());
        }
        return Status::Ok();
    };
    for (const auto& [key, value] : doc.items()) {
        if (key == "type") {
            if (!value.is_string()) return Bad(name, "type", "must be a string");
            m.type = value.get<std::string>();
        } else if (key == "columns") {
            if (!value.is_object()) return Bad(name, "columns", "must be an object");
            for (const auto& [col, target] : value.items()) {
                std::vector<std::string> fields;
                if (target.is_string()) {
                    fields.push_back(target.get<std::string>());
                } else if (target.is_array()) {
                    for (const auto& f : target) {
                        if (!f.is_string()) return Bad(name, "columns." + col, "must be a string or strings");
                        fields.push_back(f.get<std::string>());
                    }
                } else {
                    return Bad(name, "columns." + col, "must be a field name or a list of field names");
                }
                m.columns.emplace_back(col, std::move(fields));
            }
        } else if (key == "constants") {
            KYOSO_RETURN_IF_ERROR(string_map(value, key, &m.constants));
        } else if (key == "defaults") {
            KYOSO_RETURN_IF_ERROR(string_map(value, key, &m.defaults));
        } else if (key == "templates") {
            KYOSO_RETURN_IF_ERROR(string_map(value, key, &m.templates));
        } else if (key == "values") {
            if (!value.is_object()) return Bad(name, "values", "must be an object of objects");
            for (const auto& [field, map] : value.items()) {
                Pairs pairs;
                KYOSO_RETURN_IF_ERROR(string_map(map, "values." + field, &pairs));
                m.values.emplace_back(field, std::move(pairs));
            }
        } else if (key == "description" || key == "$comment") {
            continue;
        } else {
            return Bad(name, key, "unknown key (expected type, columns, constants, defaults, templates, values)");
        }
    }
    return m;
}

// A tiny TOML reader for the subset mapping files use.
class TomlLines {
public:
    TomlLines(std::string_view text, const std::string& name) : text_(text), name_(name) {}

    Result<ImportMapping> Parse() {
        ImportMapping m;
        std::string section;
        std::vector<std::pair<std::string, std::string>>* values_target = nullptr;
        while (pos_ < text_.size()) {
            ++line_;
            SkipSpaces();
            if (AtEol()) {
                EndLine();
                continue;
            }
            if (text_[pos_] == '[') {
                ++pos_;
                SkipSpaces();
                auto head = Key();
                if (!head.ok()) return head.status();
                section = *head;
                SkipSpaces();
                if (section == "values") {
                    if (pos_ >= text_.size() || text_[pos_] != '.') return Error("expected [values.<field>]");
                    ++pos_;
                    auto field = Key();
                    if (!field.ok()) return field.status();
                    m.values.emplace_back(*field, Pairs{});
                    values_target = &m.values.back().second;
                    section = "values." + *field;
                    SkipSpaces();
                } else if (section != "columns" && section != "constants" && section != "defaults" &&
                           section != "templates") {
                    return Error("unknown table [" + section + "]");
                }
                if (pos_ >= text_.size() || text_[pos_] != ']') return Error("expected ']'");
                ++pos_;
                KYOSO_RETURN_IF_ERROR(EndLineOrError());
                continue;
            }
            auto key = Key();
            if (!key.ok()) return key.status();
            SkipSpaces();
            if (pos_ >= text_.size() || text_[pos_] != '=') return Error("expected '=' after " + *key);
            ++pos_;
            SkipSpaces();
            std::vector<std::string> list;
            bool is_list = false;
            if (pos_ < text_.size() && text_[pos_] == '[') {
                is_list = true;
                ++pos_;
                SkipSpaces();
                while (pos_ < text_.size() && text_[pos_] != ']') {
                    auto item = String();
                    if (!item.ok()) return item.status();
                    list.push_back(std::move(*item));
                    SkipSpaces();
                    if (pos_ < text_.size() && text_[pos_] == ',') {
                        ++pos_;
                        SkipSpaces();
                    }
                }
                if (pos_ >= text_.size()) return Error("unterminated list");
                ++pos_;
            } else {
                auto s = String();
                if (!s.ok()) return s.status();
                list.push_back(std::move(*s));
            }
            KYOSO_RETURN_IF_ERROR(EndLineOrError());
            if (is_list && section != "columns") return Error("lists are only allowed in [columns]");
            if (section.empty()) {
                if (*key != "type" && *key != "description") return Error("unknown key " + *key);
                if (*key == "type") m.type = list[0];
            } else if (section == "columns") {
                m.columns.emplace_back(*key, std::move(list));
            } else if (section == "constants") {
                m.constants.emplace_back(*key, list[0]);
            } else if (section == "defaults") {
                m.defaults.emplace_back(*key, list[0]);
            } else if (section == "templates") {
                m.templates.emplace_back(*key, list[0]);
            } else {
                values_target->emplace_back(*key, list[0]);
            }
        }
        return m;
    }

private:
    Status Error(const std::string& why) const { return Bad(name_, "line " + std::to_string(line_), why); }
    void SkipSpaces() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r')) ++pos_;
    }
    bool AtEol() const { return pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '#'; }
    void EndLine() {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
        if (pos_ < text_.size()) ++pos_;
    }
    Status EndLineOrError() {
        SkipSpaces();
        if (!AtEol()) return Error("unexpected text after the value");
        EndLine();
        return Status::Ok();
    }
    Result<std::string> Key() {
        if (pos_ < text_.size() && text_[pos_] == '"') return String();
        const size_t start = pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                ++pos_;
            } else {
                break;
            }
        }
        if (pos_ == start) return Error("expected a key");
        return std::string(text_.substr(start, pos_ - start));
    }
    Result<std::string> String() {
        if (pos_ >= text_.size() || text_[pos_] != '"') return Error("expected a \"string\"");
        ++pos_;
        std::string out;
        while (pos_ < text_.size() && text_[pos_] != '"') {
            char c = text_[pos_++];
            if (c == '\n') return Error("unterminated string");
            if (c == '\\') {
                if (pos_ >= text_.size()) return Error("unterminated string");
                const char e = text_[pos_++];
                switch (e) {
                    case '"':
                    case '\\':
                        c = e;
                        break;
                    case 'n':
                        c = '\n';
                        break;
                    case 't':
                        c = '\t';
                        break;
                    default:
                        return Error(std::string("unsupported escape \\") + e);
                }
            }
            out += c;
        }
        if (pos_ >= text_.size()) return Error("unterminated string");
        ++pos_;
        return out;
    }

    std::string_view text_;
    const std::string& name_;
    size_t pos_ = 0;
    long long line_ = 0;
};

}  // namespace

Result<ports::ImportMapping> MappingFileParser::Parse(std::string_view text, const std::string& name) const {
    if (text.size() > kMaxBytes) return Bad(name, "file", "larger than 1 MB");
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    size_t first = 0;
    while (first < text.size() &&
           (text[first] == ' ' || text[first] == '\n' || text[first] == '\r' || text[first] == '\t')) {
        ++first;
    }
    if (first < text.size() && text[first] == '{') return FromJson(text, name);
    return TomlLines(text, name).Parse();
}

}  // namespace kyoso::text
