#include "kyoso/app/saved_view/saved_view_service.hpp"

#include <algorithm>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/common/query_params.hpp"

namespace kyoso::app {

namespace {

bool KnownList(const std::string& list) {
    const auto& lists = SavedViewService::Lists();
    return std::find(lists.begin(), lists.end(), list) != lists.end();
}

std::string ListNames() {
    std::string out;
    for (const auto& l : SavedViewService::Lists()) out += (out.empty() ? "" : ", ") + l;
    return out;
}

}  // namespace

const std::vector<std::string>& SavedViewService::Lists() {
    static const std::vector<std::string> kLists = {"governments", "officials", "deals", "activities", "leads"};
    return kLists;
}

Result<std::vector<ports::SavedView>> SavedViewService::ListOwn(long long user_id,
                                                                const std::optional<std::string>& list) {
    if (list && !KnownList(*list)) return ParamError("list", "unknown list '" + *list + "' (" + ListNames() + ")");
    return store_.saved_views().ListOwn(user_id, list);
}

Result<ports::SavedView> SavedViewService::Create(long long user_id, const SavedViewRequest& r) {
    std::vector<ErrorDetail> errors;
    if (!KnownList(r.list)) errors.push_back({"list", "unknown list '" + r.list + "' (" + ListNames() + ")"});
    const std::string name = Trim(r.name);
    if (name.empty()) {
        errors.push_back({"name", "required: a name for the view"});
    } else if (name.size() > kMaxNameBytes) {
        errors.push_back({"name", "at most 200 bytes"});
    }
    if (r.state_json.size() > kMaxStateBytes) {
        errors.push_back({"state", "at most 16 KB (" + std::to_string(r.state_json.size()) + " bytes sent)"});
    }
    if (!errors.empty()) {
        std::string message = "invalid saved view: " + errors.front().field + ": " + errors.front().message;
        return InvalidArgument(std::move(message), std::move(errors));
    }
    ports::SavedView view{0, user_id, r.list, name, r.state_json, FormatUtc(clock_.Now())};
    auto id = store_.saved_views().Insert(view);
    if (!id.ok()) return id.status();
    view.id = *id;
    return view;
}

Status SavedViewService::Delete(long long user_id, long long id) { return store_.saved_views().DeleteOwn(user_id, id); }

}  // namespace kyoso::app
