#include "kyoso/app/audit/audit_json.hpp"

#include <cstdio>

namespace kyoso::app {

std::string JsonQuote(std::string_view value) {
    std::string out = "\"";
    for (const char c : value) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

std::string JsonStringArray(const std::vector<std::string>& values) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        out += JsonQuote(values[i]);
    }
    return out + "]";
}

AuditJson& AuditJson::Key(std::string_view key) {
    if (body_.size() > 1) body_ += ',';
    body_ += JsonQuote(key);
    body_ += ':';
    return *this;
}

AuditJson& AuditJson::Str(std::string_view key, std::string_view value) {
    Key(key);
    body_ += JsonQuote(value);
    return *this;
}

AuditJson& AuditJson::Int(std::string_view key, long long value) {
    Key(key);
    body_ += std::to_string(value);
    return *this;
}

AuditJson& AuditJson::OptInt(std::string_view key, const std::optional<long long>& value) {
    Key(key);
    body_ += value ? std::to_string(*value) : "null";
    return *this;
}

AuditJson& AuditJson::Bool(std::string_view key, bool value) {
    Key(key);
    body_ += value ? "true" : "false";
    return *this;
}

AuditJson& AuditJson::Raw(std::string_view key, std::string_view json) {
    Key(key);
    body_ += json;
    return *this;
}

}  // namespace kyoso::app
