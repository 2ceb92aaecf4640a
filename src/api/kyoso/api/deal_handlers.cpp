#include "kyoso/api/deal_handlers.hpp"

#include <charconv>
#include <climits>
#include <nlohmann/json.hpp>
#include <set>

#include "kyoso/api/error_mapping.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json IdOrNull(long long id) { return id == 0 ? json(nullptr) : json(id); }

json DealJson(const domain::Deal& d) {
    return {
        {"id", d.id},
        {"government_code", d.government_code},
        {"product_id", d.product_id},
        {"owner_id", d.owner_id},
        {"champion_id", IdOrNull(d.champion_id)},
        {"title", d.title},
        {"amount", d.amount},
        {"fiscal_year", d.fiscal_year},
        {"fiscal_year_label", domain::FiscalYear(d.fiscal_year).WarekiLabel()},
        {"stage", domain::StageSlug(d.stage)},
        {"stage_label", domain::StageLabelJa(d.stage)},
        {"procurement_method", domain::ProcurementSlug(d.procurement)},
        {"budget_status", domain::BudgetStatusSlug(d.budget_status)},
        {"created_on", FormatIsoDate(d.created_on)},
        {"closed_on", d.closed_on ? json(FormatIsoDate(*d.closed_on)) : json(nullptr)},
        {"lost_reason", d.lost_reason},
        {"competitor", d.competitor},
        {"award_amount", OrNull(d.award_amount)},
        {"budget_amount", OrNull(d.budget_amount)},
        {"notice_url", d.notice_url},
        {"carried_from_deal_id", IdOrNull(d.carried_from_deal_id)},
        {"carried_to_deal_id", IdOrNull(d.carried_to_deal_id)},
        {"needs_follow_up", d.needs_follow_up},
    };
}

json ActivityJson(const domain::Activity& a) {
    return {
        {"id", a.id},
        {"type", domain::ActivityTypeSlug(a.type)},
        {"occurred_on", FormatIsoDate(a.occurred_on)},
        {"deal_id", IdOrNull(a.deal_id)},
        {"government_code", a.government_code},
        {"user_id", a.user_id},
        {"official_id", IdOrNull(a.official_id)},
        {"notes", a.notes},
        {"outcome", a.outcome},
    };
}

json HistoryJson(const ports::StageHistoryEntry& h) {
    return {
        {"id", h.id},
        {"from", domain::StageSlug(h.from)},
        {"to", domain::StageSlug(h.to)},
        {"moved_by", h.moved_by},
        {"moved_on", FormatIsoDate(h.moved_on)},
        {"note", h.note},
    };
}

// Reads a JSON object body field by field, collecting one error per bad field,
// so a client sees every problem of its request at once.
class BodyReader {
public:
    BodyReader(const std::string& body, std::set<std::string> known) : known_(std::move(known)) {
        if (body.empty()) {
            errors_.push_back({"body", "a JSON object is required"});
            return;
        }
        object_ = json::parse(body, nullptr, false);
        if (object_.is_discarded()) {
            errors_.push_back({"body", "malformed JSON"});
            return;
        }
        if (!object_.is_object()) {
            errors_.push_back({"body", "must be a JSON object"});
            return;
        }
        for (const auto& [key, value] : object_.items()) {
            if (!known_.count(key)) errors_.push_back({key, "unknown field"});
        }
    }

    bool parsed() const { return object_.is_object(); }

    std::optional<std::string> String(const std::string& field, bool required) {
        const json* v = Find(field, required);
        if (!v) return std::nullopt;
        if (!v->is_string()) {
            errors_.push_back({field, "must be a string"});
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<long long> Int(const std::string& field, bool required) {
        const json* v = Find(field, required);
        if (!v) return std::nullopt;
        if (v->is_number_unsigned()) {
            if (v->get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX)) {
                errors_.push_back({field, "out of range"});
                return std::nullopt;
            }
            return static_cast<long long>(v->get<unsigned long long>());
        }
        if (!v->is_number_integer()) {
            errors_.push_back({field, "must be an integer"});
            return std::nullopt;
        }
        return v->get<long long>();
    }

    // OK when no field was bad; otherwise InvalidArgument listing each one.
    Status Finish() const {
        if (errors_.empty()) return Status::Ok();
        std::string message = "invalid request body: " + errors_.front().field + ": " + errors_.front().message;
        if (errors_.size() > 1) message += " (and " + std::to_string(errors_.size() - 1) + " more)";
        return InvalidArgument(message, errors_);
    }

private:
    // nullptr when absent or null; a missing required field is recorded.
    const json* Find(const std::string& field, bool required) {
        if (!parsed()) return nullptr;
        auto it = object_.find(field);
        if (it == object_.end() || it->is_null()) {
            if (required) errors_.push_back({field, "required"});
            return nullptr;
        }
        return &*it;
    }

    std::set<std::string> known_;
    json object_;
    std::vector<ErrorDetail> errors_;
};

Result<long long> PathId(const std::string& text) {
    long long v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v <= 0) {
        return InvalidArgument("deal id must be a positive integer, got '" + text + "'", {{"id", "not a deal id"}});
    }
    return v;
}

}  // namespace

void RegisterDealRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    app::DealService& deals = services.deals;

    server.Get("/api/deals", wrap("/api/deals", [&deals](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   auto result = deals.List(*params);
                   if (!result.ok()) return SendError(res, result.status());
                   json items = json::array();
                   for (const auto& d : result->items) items.push_back(DealJson(d));
                   SendJson(res, 200,
                            {{"items", items}, {"total", result->total}, {"next_cursor", OrNull(result->next_cursor)}});
               }));

    server.Get(R"(/api/deals/([^/]+))",
               wrap("/api/deals/{id}", [&deals](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathId(req.matches[1]);
                   if (!id.ok()) return SendError(res, id.status());
                   auto detail = deals.Get(*id);
                   if (!detail.ok()) return SendError(res, detail.status());
                   json body = DealJson(detail->deal);
                   body["stage_history"] = json::array();
                   for (const auto& h : detail->stage_history) body["stage_history"].push_back(HistoryJson(h));
                   body["activities"] = json::array();
                   for (const auto& a : detail->activities) body["activities"].push_back(ActivityJson(a));
                   SendJson(res, 200, body);
               }));

    server.Post(R"(/api/deals/([^/]+)/stage)",
                wrap("/api/deals/{id}/stage", [&deals](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathId(req.matches[1]);
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body, {"to", "actor_id", "note", "lost_reason", "competitor", "award_amount",
                                               "budget_amount", "notice_url"});
                    app::StageMoveRequest r;
                    r.to = body.String("to", true).value_or("");
                    r.actor_id = body.Int("actor_id", true).value_or(0);
                    r.note = body.String("note", false).value_or("");
                    r.lost_reason = body.String("lost_reason", false);
                    r.competitor = body.String("competitor", false);
                    r.award_amount = body.Int("award_amount", false);
                    r.budget_amount = body.Int("budget_amount", false);
                    r.notice_url = body.String("notice_url", false);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto moved = deals.MoveStage(*id, r);
                    if (!moved.ok()) return SendError(res, moved.status());
                    SendJson(res, 200,
                             {{"deal", DealJson(moved->deal)},
                              {"carried_over", moved->carried_over ? DealJson(*moved->carried_over) : json(nullptr)}});
                }));

    server.Post("/api/activities",
                wrap("/api/activities", [&deals](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"type", "occurred_on", "deal_id", "government_code", "user_id",
                                               "official_id", "notes", "outcome"});
                    app::ActivityRequest r;
                    r.type = body.String("type", true).value_or("");
                    r.occurred_on = body.String("occurred_on", true).value_or("");
                    r.deal_id = body.Int("deal_id", false);
                    r.government_code = body.String("government_code", true).value_or("");
                    r.user_id = body.Int("user_id", true).value_or(0);
                    r.official_id = body.Int("official_id", false);
                    r.notes = body.String("notes", false).value_or("");
                    r.outcome = body.String("outcome", false).value_or("");
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto logged = deals.LogActivity(r);
                    if (!logged.ok()) return SendError(res, logged.status());
                    json warnings = json::array();
                    for (const auto& w : logged->warnings)
                        warnings.push_back({{"code", w.code}, {"message", w.message}});
                    SendJson(res, 201, {{"id", logged->id}, {"warnings", warnings}});
                }));
}

}  // namespace kyoso::api
