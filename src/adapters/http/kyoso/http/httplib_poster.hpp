#pragma once

#include <string>

#include "kyoso/ports/http_poster.hpp"

namespace kyoso::http {

// ports::HttpPoster over cpp-httplib's client. Debian's libcpp-httplib is built
// with OpenSSL, so https:// works: the server certificate and host name are
// verified against the system CA bundle (ca_bundle, if that file exists; else
// OpenSSL's default paths). Redirects are not followed. One connection per call;
// safe for concurrent use.
class HttplibPoster final : public ports::HttpPoster {
public:
    explicit HttplibPoster(std::string ca_bundle = "/etc/ssl/certs/ca-certificates.crt")
        : ca_bundle_(std::move(ca_bundle)) {}
    ports::HttpPostResponse Post(const ports::HttpPostRequest& request) override;

private:
    std::string ca_bundle_;
};

}  // namespace kyoso::http
