#include "web/client_address.h"

#include <optional>

#include "common/text.h"

namespace nhacviec {

namespace {

bool is_port(std::string_view text) {
    return !text.empty() && text.size() <= 5 && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// One element of X-Forwarded-For: "203.0.113.7", "203.0.113.7:4711",
// "2001:db8::1", "[2001:db8::1]", "[2001:db8::1]:4711".
std::optional<IpAddress> forwarded_address(std::string_view element) {
    element = text::trim_spaces(element);
    if (element.starts_with('[')) {
        const auto close = element.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        const std::string_view rest = element.substr(close + 1);
        if (!rest.empty() && !(rest.starts_with(':') && is_port(rest.substr(1)))) return std::nullopt;
        const std::string_view inside = element.substr(1, close - 1);
        if (inside.find(':') == std::string_view::npos) return std::nullopt;  // brackets are for IPv6
        return parse_ip_address(inside);
    }
    if (auto address = parse_ip_address(element)) return address;
    // IPv4 with a port: one colon, after a dotted address.
    const auto colon = element.find(':');
    if (colon == std::string_view::npos || element.find(':', colon + 1) != std::string_view::npos) return std::nullopt;
    if (!is_port(element.substr(colon + 1))) return std::nullopt;
    const std::string_view host = element.substr(0, colon);
    if (host.find('.') == std::string_view::npos) return std::nullopt;
    return parse_ip_address(host);
}

}  // namespace

TrustedProxies::TrustedProxies(const std::vector<std::string>& addresses) {
    for (const auto& text : addresses)
        if (auto address = parse_ip_address(text)) addresses_.push_back(*address);
}

bool TrustedProxies::contains(std::string_view address) const {
    const auto parsed = parse_ip_address(address);
    return parsed && contains(*parsed);
}

bool TrustedProxies::contains(const IpAddress& address) const {
    for (const auto& trusted : addresses_)
        if (trusted == address) return true;
    return false;
}

ClientAddress client_address(std::string_view peer, std::string_view forwarded_for, const TrustedProxies& proxies) {
    if (proxies.empty() || !proxies.contains(peer) || text::trim_spaces(forwarded_for).empty()) return {std::string(peer), false};
    std::optional<IpAddress> leftmost;
    std::string_view rest = forwarded_for;
    for (;;) {
        const auto comma = rest.rfind(',');
        const std::string_view element = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
        const auto address = forwarded_address(element);
        if (!address) return {std::string(peer), true};
        if (!proxies.contains(*address)) return {to_string(*address), false};
        leftmost = address;
        if (comma == std::string_view::npos) break;
        rest = rest.substr(0, comma);
    }
    return {to_string(*leftmost), false};
}

}  // namespace nhacviec
