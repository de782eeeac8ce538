// The address of the client a request comes from, when reverse proxies
// stand in front of the daemon ([api] trusted_proxies). A proxy appends the
// address of the peer it got the request from to X-Forwarded-For, so the
// list reads from the client on the left to the last proxy on the right, and
// only the addresses the trusted proxies appended can be believed: anything
// to their left was written by the client (RFC 7239 §5.2, §8.3). So the
// client is the right-most address that is not itself a trusted proxy; the
// addresses to its left are never read. Pure functions and a plain value:
// HttpServer calls them on its event loop for each request.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/ip_address.h"

namespace nhacviec {

// The proxies whose X-Forwarded-For is believed. A plain value, made from
// the configuration.
class TrustedProxies {
public:
    TrustedProxies() = default;
    // IP addresses as [api] trusted_proxies lists them (validated there; an
    // entry that is not an address is skipped).
    explicit TrustedProxies(const std::vector<std::string>& addresses);

    bool empty() const { return addresses_.empty(); }
    // Whether the address written `address` is one of them.
    bool contains(std::string_view address) const;
    bool contains(const IpAddress& address) const;

private:
    std::vector<IpAddress> addresses_;
};

// The client's address, and whether X-Forwarded-For, which the peer (a
// trusted proxy) sent, could not be read where it mattered.
struct ClientAddress {
    std::string address;
    bool malformed_forwarded_for = false;
};

// `peer`: the peer's IP address as the socket gives it; `forwarded_for`:
// the request's X-Forwarded-For fields, joined with ", " ("" for none).
// - the peer is not a trusted proxy: the peer, X-Forwarded-For ignored;
// - no X-Forwarded-For: the peer (the proxy itself asks);
// - else, from the right, the first address that is not a trusted proxy, in
//   its usual text form ("::ffff:10.0.0.1" is "10.0.0.1"); an element may be
//   an address, an IPv4 address with ":port", or "[IPv6]" with an optional
//   ":port" (the forms proxies write), with spaces or tabs around it;
// - all of them trusted proxies: the left-most;
// - an element on the way that is none of those: the peer, marked malformed.
ClientAddress client_address(std::string_view peer, std::string_view forwarded_for, const TrustedProxies& proxies);

}  // namespace nhacviec
