// IpAddress: an IPv4 or IPv6 address read from its text form, compared as the
// address it is, not as text ("::1" and "0:0:0:0:0:0:0:1" are one address; an
// IPv4-mapped IPv6 address, "::ffff:127.0.0.1", is its IPv4 address, as a
// dual-stack listener reports IPv4 peers). A plain value; no state.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace nhacviec {

struct IpAddress {
    // IPv6 form, IPv4 as ::ffff:a.b.c.d.
    std::array<unsigned char, 16> bytes{};

    bool operator==(const IpAddress&) const = default;
};

// The address `text` writes ("203.0.113.7", "2001:db8::1", "::ffff:10.0.0.1");
// nullopt for anything else (a host name, a port, brackets, spaces, a zone).
std::optional<IpAddress> parse_ip_address(std::string_view text);

// The address in its usual text form: dotted for IPv4 (mapped or not),
// RFC 5952 for IPv6 ("2001:db8::1").
std::string to_string(const IpAddress& address);

}  // namespace nhacviec
