#include "kyoso/domain/webhook/webhook.hpp"

#include <charconv>

namespace kyoso::domain {

namespace {

bool IsPartChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

bool IsPart(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!IsPartChar(c)) return false;
    return true;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

Status BadUrl(const std::string& why) { return InvalidArgument("invalid webhook URL: " + why); }

}  // namespace

std::string_view DeliveryStatusSlug(DeliveryStatus status) {
    switch (status) {
        case DeliveryStatus::kPending:
            return "pending";
        case DeliveryStatus::kSucceeded:
            return "succeeded";
        case DeliveryStatus::kFailed:
            return "failed";
        case DeliveryStatus::kDead:
            return "dead";
    }
    return "pending";
}

std::optional<DeliveryStatus> DeliveryStatusFromSlug(std::string_view slug) {
    for (auto s :
         {DeliveryStatus::kPending, DeliveryStatus::kSucceeded, DeliveryStatus::kFailed, DeliveryStatus::kDead}) {
        if (DeliveryStatusSlug(s) == slug) return s;
    }
    return std::nullopt;
}

std::chrono::seconds WebhookRetryDelay(int attempts, long long delivery_id) {
    const int index = attempts < 1 ? 0 : (attempts > kWebhookMaxAttempts - 1 ? kWebhookMaxAttempts - 2 : attempts - 1);
    const std::chrono::seconds base = kWebhookRetryDelays[index];
    // A multiplicative hash of the id and attempt gives a stable 0..999 per mille.
    const unsigned long long mix =
        (static_cast<unsigned long long>(delivery_id) * 11400714819323198485ull) ^ static_cast<unsigned>(attempts);
    const long long per_mille = static_cast<long long>((mix >> 33) % 1000);
    return base + std::chrono::seconds(base.count() * per_mille / 10000);
}

Status CheckEventPattern(std::string_view pattern) {
    if (pattern == "*") return Status::Ok();
    if (pattern.size() > 100) return InvalidArgument("an event pattern has at most 100 characters");
    const auto dot = pattern.find('.');
    if (dot == std::string_view::npos || pattern.find('.', dot + 1) != std::string_view::npos) {
        return InvalidArgument("'" + std::string(pattern) +
                               "' is not an event pattern: use \"*\", \"<entity>.*\" or \"<entity>.<verb>\" "
                               "(e.g. \"deal.*\", \"activity.log\")");
    }
    const auto entity = pattern.substr(0, dot);
    const auto verb = pattern.substr(dot + 1);
    if (!IsPart(entity) || !(verb == "*" || IsPart(verb))) {
        return InvalidArgument("'" + std::string(pattern) +
                               "' is not an event pattern: entity and verb are lower-case letters, digits and _");
    }
    return Status::Ok();
}

bool EventMatches(std::string_view pattern, std::string_view action) {
    const bool webhook_event = StartsWith(action, "webhook.");
    if (pattern == "*") return !webhook_event;
    if (pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == ".*") {
        return StartsWith(action, pattern.substr(0, pattern.size() - 1));
    }
    return pattern == action;
}

bool SubscriptionWants(const WebhookSubscription& subscription, std::string_view action) {
    for (const auto& p : subscription.events)
        if (EventMatches(p, action)) return true;
    return false;
}

Result<WebhookUrl> ParseWebhookUrl(std::string_view url) {
    if (url.empty()) return BadUrl("empty");
    if (url.size() > 2000) return BadUrl("longer than 2,000 characters");
    for (unsigned char c : url) {
        if (c <= 0x20 || c == 0x7f) return BadUrl("contains a space or control character");
        if (c >= 0x80) return BadUrl("contains non-ASCII characters; percent-encode them");
    }
    WebhookUrl out;
    std::string_view rest;
    if (StartsWith(url, "http://")) {
        out.scheme = "http";
        out.port = 80;
        rest = url.substr(7);
    } else if (StartsWith(url, "https://")) {
        out.scheme = "https";
        out.port = 443;
        rest = url.substr(8);
    } else {
        return BadUrl("must start with http:// or https://");
    }
    if (rest.find('#') != std::string_view::npos) return BadUrl("must not contain a fragment (#)");
    const auto path_start = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, path_start);
    std::string_view path = path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start);
    if (authority.find('@') != std::string_view::npos) {
        return BadUrl("must not contain user info (user:password@); authenticate with the signature instead");
    }
    std::string_view host = authority;
    std::string_view port_text;
    bool has_port = false;
    if (StartsWith(authority, "[")) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return BadUrl("unclosed [ in an IPv6 address");
        host = authority.substr(1, close - 1);
        const auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after[0] != ':') return BadUrl("unexpected text after the IPv6 address");
            has_port = true;
            port_text = after.substr(1);
        }
        if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) {
            return BadUrl("not an IPv6 address in brackets");
        }
    } else {
        const auto colon = authority.find(':');
        if (colon != std::string_view::npos) {
            host = authority.substr(0, colon);
            has_port = true;
            port_text = authority.substr(colon + 1);
        }
        if (host.empty()) return BadUrl("has no host");
        for (char c : host) {
            const bool ok =
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            if (!ok) return BadUrl("the host may contain letters, digits, '-' and '.' only");
        }
        if (host.front() == '.' || host.back() == '.' || host.find("..") != std::string_view::npos) {
            return BadUrl("the host has an empty label");
        }
    }
    if (has_port) {
        int port = 0;
        auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (port_text.empty() || ec != std::errc() || p != port_text.data() + port_text.size() || port < 1 ||
            port > 65535) {
            return BadUrl("the port must be a number from 1 to 65535");
        }
        out.port = port;
    }
    out.host = std::string(host);
    out.path = path.empty() ? "/" : (path[0] == '?' ? "/" + std::string(path) : std::string(path));
    return out;
}

}  // namespace kyoso::domain
