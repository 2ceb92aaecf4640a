#include "kyoso/http/httplib_poster.hpp"

#include <httplib.h>

#include <chrono>
#include <filesystem>

namespace kyoso::http {

namespace {

// "https://host:8443" and "/path?q" from an absolute URL (already validated by the caller).
void SplitUrl(const std::string& url, std::string* origin, std::string* target) {
    const auto scheme_end = url.find("://");
    const auto path_start =
        scheme_end == std::string::npos ? std::string::npos : url.find_first_of("/?", scheme_end + 3);
    *origin = url.substr(0, path_start);
    *target = path_start == std::string::npos ? "/" : url.substr(path_start);
    if (!target->empty() && (*target)[0] == '?') *target = "/" + *target;
}

}  // namespace

ports::HttpPostResponse HttplibPoster::Post(const ports::HttpPostRequest& request) {
    const auto start = std::chrono::steady_clock::now();
    ports::HttpPostResponse out;
    std::string origin;
    std::string target;
    SplitUrl(request.url, &origin, &target);
    try {
        httplib::Client client(origin);
        if (!client.is_valid()) {
            out.error = "cannot use URL " + origin;
        } else {
            const auto timeout = static_cast<time_t>(request.timeout.count());
            client.set_connection_timeout(timeout, 0);
            client.set_read_timeout(timeout, 0);
            client.set_write_timeout(timeout, 0);
            client.set_follow_location(false);
            client.set_keep_alive(false);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
            client.enable_server_certificate_verification(true);
            std::error_code ec;
            if (!ca_bundle_.empty() && std::filesystem::is_regular_file(ca_bundle_, ec)) {
                client.set_ca_cert_path(ca_bundle_.c_str());
            }
#endif
            httplib::Headers headers;
            for (const auto& [name, value] : request.headers) headers.emplace(name, value);
            headers.emplace("User-Agent", "Kyoso-Webhooks/1");
            auto res = client.Post(target.c_str(), headers, request.body, request.content_type.c_str());
            if (res) {
                out.status_code = res->status;
            } else {
                out.error = httplib::to_string(res.error());
            }
        }
    } catch (const std::exception& e) {
        out.error = e.what();
    }
    out.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    return out;
}

}  // namespace kyoso::http
