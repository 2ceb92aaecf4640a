#include "kyoso/app/common/list_options.hpp"

#include <algorithm>

#include "kyoso/app/common/query_params.hpp"

namespace kyoso::app {

namespace {

std::string JoinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Status CheckKnownParams(const ListParams& params, const std::vector<std::string>& known) {
    for (const auto& [key, value] : params) {
        if (!Contains(known, key)) return ParamError(key, "unknown parameter (known: " + JoinNames(known) + ")");
    }
    return Status::Ok();
}

std::string MakeListCursor(const std::string& list, const ports::SortSpec& sort, const std::string& value,
                           long long id) {
    return ToHex(list + ":v1:" + sort.field + ":" + (sort.descending ? "desc" : "asc") + ":" + std::to_string(id) +
                 ":" + value);
}

Result<ListOptions> ParseListOptions(const ListParams& params, const std::string& list,
                                     const std::vector<std::string>& sort_fields,
                                     const std::vector<std::string>& selectable) {
    ListOptions out;
    if (auto it = params.find("sort"); it != params.end()) {
        if (!Contains(sort_fields, it->second)) {
            return ParamError("sort", "unknown sort '" + it->second + "' (" + JoinNames(sort_fields) + ")");
        }
        out.sort.field = it->second;
    }
    if (auto it = params.find("order"); it != params.end()) {
        if (it->second != "asc" && it->second != "desc") {
            return ParamError("order", "must be asc or desc, got '" + it->second + "'");
        }
        out.sort.descending = it->second == "desc";
    }
    if (auto it = params.find("cursor"); it != params.end()) {
        const std::string prefix = list + ":v1:" + out.sort.field + ":" + (out.sort.descending ? "desc" : "asc") + ":";
        auto raw = FromHex(it->second, 1024);
        std::optional<long long> id;
        std::string value;
        if (raw && raw->rfind(prefix, 0) == 0) {
            const std::string rest = raw->substr(prefix.size());
            const size_t colon = rest.find(':');
            if (colon != std::string::npos) {
                id = ParseInt(std::string_view(rest).substr(0, colon));
                value = rest.substr(colon + 1);
            }
        }
        if (!id || *id < 0) {
            return ParamError("cursor",
                              "not a cursor issued by this server for this sort and order; start again without it");
        }
        out.sort.after_id = id;
        out.sort.after_value = value;
    }
    if (auto it = params.find("fields"); it != params.end()) {
        for (const auto& raw : Split(it->second, ',')) {
            const std::string name = Trim(raw);
            if (!Contains(selectable, name)) {
                return ParamError("fields", "unknown field '" + name + "' (" + JoinNames(selectable) + ")");
            }
            if (!Contains(out.fields, name)) out.fields.push_back(name);
        }
        if (!Contains(out.fields, "id")) out.fields.insert(out.fields.begin(), "id");
    }
    return out;
}

}  // namespace kyoso::app
