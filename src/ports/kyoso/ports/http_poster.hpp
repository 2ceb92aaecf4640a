#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace kyoso::ports {

// One outbound POST (a webhook delivery).
struct HttpPostRequest {
    std::string url;  // absolute http(s) URL, already validated
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string content_type = "application/json";
    std::chrono::seconds timeout{5};  // connect, read and write each
};

// What came back: status_code 0 and an error when no HTTP answer arrived
// (refused, timed out, TLS failure). Redirects are not followed: a 3xx is returned.
struct HttpPostResponse {
    int status_code = 0;
    std::string error;
    long long duration_ms = 0;
};

// Sends HTTP POSTs. Implementations are safe for concurrent use.
class HttpPoster {
public:
    virtual ~HttpPoster() = default;
    virtual HttpPostResponse Post(const HttpPostRequest& request) = 0;
};

}  // namespace kyoso::ports
