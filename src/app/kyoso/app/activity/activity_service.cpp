#include "kyoso/app/activity/activity_service.hpp"

#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

Result<long long> PositiveId(const char* param, const std::string& value, const char* what) {
    auto n = ParseInt(value);
    if (!n || *n < 1) {
        return ParamError(param, std::string("must be ") + what + " (positive integer), got '" + value + "'");
    }
    return *n;
}

Result<Date> DateParam(const char* param, const std::string& value) {
    auto d = ParseIsoDate(value);
    if (!d) return ParamError(param, "must be a date YYYY-MM-DD, got '" + value + "'");
    return *d;
}

}  // namespace

Result<ActivityListResult> ActivityService::List(const ListParams& given, const ports::Visibility& deal_visible,
                                                 const ports::Visibility& activity_visible) {
    KYOSO_RETURN_IF_ERROR(CheckKnownParams(
        given, {"government", "deal", "user", "type", "from", "to", "sort", "order", "limit", "cursor"}));
    // Newest first unless asked otherwise; the defaults are part of what a cursor is bound to.
    ListParams params = given;
    params.emplace("sort", "occurred_on");
    params.emplace("order", "desc");
    auto options = ParseListOptions(params, "activities", {"occurred_on", "id"}, {});
    if (!options.ok()) return options.status();
    ports::ActivityQuery q;
    q.sort = options->sort;
    q.deal_visible = deal_visible;
    q.activity_visible = activity_visible;
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto it = params.find(key);
        if (it == params.end()) return std::nullopt;
        return it->second;
    };
    if (auto v = get("government")) {
        auto code = domain::GovernmentCode::Parse(*v);
        if (!code.ok()) return ParamError("government", code.status().message());
        q.government_code = code->str();
    }
    if (auto v = get("deal")) {
        auto id = PositiveId("deal", *v, "a deal id");
        if (!id.ok()) return id.status();
        q.deal_id = *id;
    }
    if (auto v = get("user")) {
        auto id = PositiveId("user", *v, "a user id");
        if (!id.ok()) return id.status();
        q.user_id = *id;
    }
    if (auto v = get("type")) {
        q.type = domain::ActivityTypeFromSlug(*v);
        if (!q.type) {
            return ParamError("type", "unknown activity type '" + *v +
                                          "' (visit, call, email, online_meeting, seminar, demo, reference_quote, "
                                          "proposal, bid)");
        }
    }
    if (auto v = get("from")) {
        auto d = DateParam("from", *v);
        if (!d.ok()) return d.status();
        q.from = *d;
    }
    if (auto v = get("to")) {
        auto d = DateParam("to", *v);
        if (!d.ok()) return d.status();
        q.to = *d;
    }
    if (q.from && q.to && std::chrono::sys_days{*q.to} < std::chrono::sys_days{*q.from}) {
        return ParamError("to", "is before from (" + FormatIsoDate(*q.from) + ")");
    }
    if (auto v = get("limit")) {
        auto n = ParseInt(*v);
        if (!n || *n < 1 || *n > 500) return ParamError("limit", "must be an integer from 1 to 500, got '" + *v + "'");
        q.limit = static_cast<int>(*n);
    }
    auto page = store_.deals().ListActivities(q);
    if (!page.ok()) return page.status();
    ActivityListResult out;
    out.total = page->total;
    if (page->has_more && !page->items.empty()) {
        const auto& last = page->items.back().activity;
        out.next_cursor =
            MakeListCursor("activities", q.sort,
                           q.sort.field == "id" ? std::to_string(last.id) : FormatIsoDate(last.occurred_on), last.id);
    }
    out.items = std::move(page->items);
    return out;
}

}  // namespace kyoso::app
