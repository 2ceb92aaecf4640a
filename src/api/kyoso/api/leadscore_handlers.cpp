#include "kyoso/api/leadscore_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/leadscore_json.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/leadscore/lead_scoring.hpp"

namespace kyoso::api {

namespace {

std::vector<std::string> SplitCommas(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ',') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// Fills `o` and `*csv` from the request; InvalidArgument naming each bad field.
Status ReadRequest(const httplib::Request& req, app::LeadEvaluateOptions* o, std::string* csv) {
    // A body whose first non-blank character is '{' is the JSON form; anything else is
    // the CSV itself (a CSV header cannot usefully start with '{').
    const std::size_t first = req.body.find_first_not_of(" \t\r\n");
    std::string split = "time:0.2";
    if (first != std::string::npos && req.body[first] == '{') {
        BodyReader body(req.body, {"csv", "target", "positive", "exclude", "split"});
        auto text = body.String("csv", true);
        auto target = body.String("target", true);
        auto positive = body.String("positive", false);
        std::optional<std::vector<std::string>> exclude;
        if (const nlohmann::json* raw = body.Raw("exclude"); raw && raw->is_string()) {
            exclude = SplitCommas(raw->get<std::string>());
        } else {
            exclude = body.StringArray("exclude");
        }
        auto s = body.String("split", false);
        KYOSO_RETURN_IF_ERROR(body.Finish());
        *csv = *text;
        o->target = *target;
        if (positive && !positive->empty()) o->positive = *positive;
        if (exclude) o->exclude = *exclude;
        if (s && !s->empty()) split = *s;
    } else {
        auto params = QueryParams(req);
        if (!params.ok()) return params.status();
        std::vector<ErrorDetail> details;
        for (const auto& [key, value] : *params) {
            if (key == "target") {
                o->target = value;
            } else if (key == "positive") {
                if (!value.empty()) o->positive = value;
            } else if (key == "exclude") {
                o->exclude = SplitCommas(value);
            } else if (key == "split") {
                split = value;
            } else {
                details.push_back({key, "unknown parameter (target, positive, exclude, split)"});
            }
        }
        if (o->target.empty()) details.push_back({"target", "required"});
        if (!details.empty()) return InvalidArgument("invalid lead evaluation parameters", std::move(details));
        *csv = req.body;
    }
    auto parsed = app::ParseLeadSplit(split);
    if (!parsed.ok()) return parsed.status();
    o->split = *parsed;
    return Status::Ok();
}

}  // namespace

void RegisterLeadScoreRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.lead_scoring) return;
    const app::LeadScoring& scoring = *services.lead_scoring;
    server.Post("/api/leads/evaluate",
                wrap("/api/leads/evaluate", [&scoring](const httplib::Request& req, httplib::Response& res) {
                    app::LeadEvaluateOptions options;
                    std::string csv;
                    if (Status st = ReadRequest(req, &options, &csv); !st.ok()) return SendError(res, st);
                    auto ev = scoring.Evaluate(csv, "the CSV", options, nullptr, nullptr);
                    if (!ev.ok()) return SendError(res, ev.status());
                    SendJson(res, 200, LeadEvaluationJson(*ev));
                }));
}

}  // namespace kyoso::api
