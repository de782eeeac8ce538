#include "common/ip_address.h"

#include <arpa/inet.h>

#include <cstring>
#include <string>

namespace nhacviec {

std::optional<IpAddress> parse_ip_address(std::string_view text) {
    // The longest IPv6 text form with an IPv4 tail is 45 characters.
    if (text.empty() || text.size() > 45 || text.find('\0') != std::string_view::npos) return std::nullopt;
    const std::string zero_terminated(text);
    IpAddress address;
    in_addr v4{};
    if (::inet_pton(AF_INET, zero_terminated.c_str(), &v4) == 1) {
        address.bytes[10] = 0xff;
        address.bytes[11] = 0xff;
        std::memcpy(address.bytes.data() + 12, &v4, 4);
        return address;
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, zero_terminated.c_str(), &v6) == 1) {
        std::memcpy(address.bytes.data(), &v6, 16);
        return address;
    }
    return std::nullopt;
}

std::string to_string(const IpAddress& address) {
    static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char text[INET6_ADDRSTRLEN] = {};
    if (std::memcmp(address.bytes.data(), kMapped, 12) == 0)
        ::inet_ntop(AF_INET, address.bytes.data() + 12, text, sizeof text);
    else
        ::inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text);
    return text;
}

}  // namespace nhacviec
