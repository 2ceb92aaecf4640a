#include "kyoso/api/responses.hpp"

#include "kyoso/api/error_mapping.hpp"

namespace kyoso::api {

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, const Status& status) {
    SendJson(res, HttpStatusFor(status.code()), ErrorBody(status));
}

}  // namespace kyoso::api
