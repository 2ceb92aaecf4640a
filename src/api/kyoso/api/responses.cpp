#include "kyoso/api/responses.hpp"

#include "kyoso/api/error_mapping.hpp"

namespace kyoso::api {

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json; charset=utf-8");
}

Result<app::ListParams> QueryParams(const httplib::Request& req) {
    app::ListParams params;
    for (const auto& [key, value] : req.params) {
        if (params.count(key))
            return InvalidArgument("parameter '" + key + "' given more than once", {{key, "repeated"}});
        params[key] = value;
    }
    return params;
}

void SendError(httplib::Response& res, const Status& status) {
    SendJson(res, HttpStatusFor(status.code()), ErrorBody(status));
}

}  // namespace kyoso::api
