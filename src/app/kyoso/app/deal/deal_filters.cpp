#include "kyoso/app/deal/deal_filters.hpp"

#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/government/government.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

std::optional<std::string> Get(const ListParams& params, const char* key) {
    auto it = params.find(key);
    if (it == params.end()) return std::nullopt;
    return it->second;
}

Result<long long> PositiveId(const char* param, const std::string& value, const char* what) {
    auto n = ParseInt(value);
    if (!n || *n < 1)
        return ParamError(param, std::string("must be ") + what + " (positive integer), got '" + value + "'");
    return *n;
}

}  // namespace

std::optional<ports::DealStatus> DealStatusFromSlug(std::string_view slug) {
    if (slug == "open") return ports::DealStatus::kOpen;
    if (slug == "won") return ports::DealStatus::kWon;
    if (slug == "lost") return ports::DealStatus::kLost;
    if (slug == "closed") return ports::DealStatus::kClosed;
    return std::nullopt;
}

Result<std::string> ParsePrefectureParam(const std::string& param, const std::string& value) {
    const std::string v = Trim(value);
    if (auto n = ParseInt(v); n && !v.empty() && v.size() <= 2) {
        if (*n < 1 || *n > 47) return ParamError(param, "unknown prefecture number '" + v + "' (01-47)");
        return std::string(*n < 10 ? "0" : "") + std::to_string(*n);
    }
    if ((v.size() == 5 || v.size() == 6) && ParseInt(v)) {
        auto code = domain::GovernmentCode::Parse(v);
        if (!code.ok()) return ParamError(param, code.status().message());
        if (!code->is_prefecture()) return ParamError(param, v + " is not a prefecture code");
        return code->str().substr(0, 2);
    }
    return ParamError(param, "must be a prefecture number 01-47, got '" + value + "'");
}

Status ParseDealFilters(const ListParams& params, ports::DealQuery& q) {
    if (auto v = Get(params, "government")) {
        auto code = domain::GovernmentCode::Parse(*v);
        if (!code.ok()) return ParamError("government", code.status().message());
        q.government_code = code->str();
    }
    if (auto v = Get(params, "stage")) {
        auto stage = domain::StageFromSlug(*v);
        if (!stage) {
            return ParamError("stage", "unknown stage '" + *v +
                                           "' (discovery, qualified, budget_proposal, requested, budgeted, "
                                           "tender_prep, bidding, won, lost, deferred)");
        }
        q.stage = stage;
    }
    if (auto v = Get(params, "fiscal_year")) {
        auto n = ParseInt(*v);
        if (!n || *n < 1990 || *n > 2200) {
            return ParamError("fiscal_year", "must be a year such as 2027, got '" + *v + "'");
        }
        q.fiscal_year = static_cast<int>(*n);
    }
    if (auto v = Get(params, "owner")) {
        auto id = PositiveId("owner", *v, "a user id");
        if (!id.ok()) return id.status();
        q.owner_id = *id;
    }
    if (auto v = Get(params, "product")) {
        auto id = PositiveId("product", *v, "a product id");
        if (!id.ok()) return id.status();
        q.product_id = *id;
    }
    if (auto v = Get(params, "kind")) {
        for (const auto& raw : Split(*v, ',')) {
            const std::string slug = Trim(raw);
            if (!domain::KindFromSlug(slug)) {
                return ParamError("kind", "unknown kind '" + slug +
                                              "' (prefecture, designated_city, ward, core_city, special_ward, city, "
                                              "town, village)");
            }
            q.government_kinds.push_back(slug);
        }
    }
    if (auto v = Get(params, "prefecture")) {
        auto pref = ParsePrefectureParam("prefecture", *v);
        if (!pref.ok()) return pref.status();
        q.prefecture = *pref;
    }
    if (auto v = Get(params, "status")) {
        auto status = DealStatusFromSlug(*v);
        if (!status) return ParamError("status", "unknown status '" + *v + "' (open, won, lost, closed)");
        q.status = status;
    }
    return Status::Ok();
}

}  // namespace kyoso::app
