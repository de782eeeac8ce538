// client_address: behind a trusted proxy the client is the right-most
// address of X-Forwarded-For that is not itself a trusted proxy; from any
// other peer X-Forwarded-For is ignored; a list that cannot be read where it
// matters gives the peer, marked malformed. Also IpAddress, which compares
// addresses rather than their text.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/ip_address.h"
#include "web/client_address.h"

using namespace nhacviec;

TEST_CASE("ip address: read as the address it is", "[web][proxy]") {
    struct Row {
        const char* text;
        const char* written;  // to_string of what it reads, or "" when it is not an address
    };
    const std::vector<Row> rows = {
        {"127.0.0.1", "127.0.0.1"},
        {"::1", "::1"},
        {"0:0:0:0:0:0:0:1", "::1"},
        {"2001:DB8:0:0:0:0:0:1", "2001:db8::1"},
        {"::ffff:10.0.0.1", "10.0.0.1"},  // IPv4-mapped: its IPv4 address
        {"203.0.113.7:80", ""},
        {"[::1]", ""},
        {"localhost", ""},
        {" 127.0.0.1", ""},
        {"127.0.0.1 ", ""},
        {"1.2.3", ""},
        {"fe80::1%eth0", ""},
        {"", ""},
    };
    for (const Row& row : rows) {
        INFO(row.text);
        const auto address = parse_ip_address(row.text);
        CHECK((address ? to_string(*address) : std::string()) == row.written);
    }
    CHECK_FALSE(parse_ip_address(std::string("127.0.0.1\0x", 11)));
    CHECK(parse_ip_address("::ffff:127.0.0.1") == parse_ip_address("127.0.0.1"));
}

TEST_CASE("client address: X-Forwarded-For believed from trusted proxies only", "[web][proxy]") {
    const TrustedProxies proxies({"127.0.0.1", "::1", "10.0.0.2"});
    struct Row {
        const char* what;
        const char* peer;
        std::string forwarded_for;
        ClientAddress expected;
    };
    const std::vector<Row> rows = {
        {"no trusted peer: the header is ignored", "198.51.100.9", "203.0.113.7", {"198.51.100.9", false}},
        {"a trusted peer, one address", "127.0.0.1", "203.0.113.7", {"203.0.113.7", false}},
        {"a trusted IPv6 peer", "::1", "203.0.113.7", {"203.0.113.7", false}},
        {"a trusted peer as a dual-stack socket writes it", "::ffff:127.0.0.1", "203.0.113.7",
         {"203.0.113.7", false}},
        {"no header: the proxy itself", "127.0.0.1", "", {"127.0.0.1", false}},
        {"a blank header: the proxy itself", "127.0.0.1", " \t", {"127.0.0.1", false}},
        {"what the client wrote, left of the proxy's address, is not believed", "127.0.0.1",
         "1.1.1.1, 203.0.113.7", {"203.0.113.7", false}},
        {"a chain of trusted proxies is skipped", "127.0.0.1", "198.51.100.1, 203.0.113.7, 10.0.0.2",
         {"203.0.113.7", false}},
        {"garbage left of the client's address is never read", "127.0.0.1", "not an address, 203.0.113.7",
         {"203.0.113.7", false}},
        {"only trusted proxies: the left-most", "127.0.0.1", "10.0.0.2, 127.0.0.1", {"10.0.0.2", false}},
        {"an IPv4 address with a port", "127.0.0.1", "203.0.113.7:51234", {"203.0.113.7", false}},
        {"an IPv6 address", "127.0.0.1", "2001:DB8::7", {"2001:db8::7", false}},
        {"an IPv6 address in brackets with a port", "127.0.0.1", "[2001:db8::7]:443", {"2001:db8::7", false}},
        {"an IPv6 address in brackets", "127.0.0.1", "[2001:db8::7]", {"2001:db8::7", false}},
        {"two fields joined", "127.0.0.1", "203.0.113.7, 10.0.0.2", {"203.0.113.7", false}},
        {"a host name: malformed", "127.0.0.1", "client.example", {"127.0.0.1", true}},
        {"\"unknown\": malformed", "127.0.0.1", "unknown", {"127.0.0.1", true}},
        {"an empty element on the way: malformed", "127.0.0.1", "203.0.113.7, , 10.0.0.2", {"127.0.0.1", true}},
        {"a trailing comma: malformed", "127.0.0.1", "203.0.113.7,", {"127.0.0.1", true}},
        {"an IPv4 address in brackets: malformed", "127.0.0.1", "[203.0.113.7]", {"127.0.0.1", true}},
        {"a port that is not a number: malformed", "127.0.0.1", "203.0.113.7:http", {"127.0.0.1", true}},
        {"an RFC 7239 Forwarded value: malformed", "127.0.0.1", "for=203.0.113.7", {"127.0.0.1", true}},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        const ClientAddress got = client_address(row.peer, row.forwarded_for, proxies);
        CHECK(got.address == row.expected.address);
        CHECK(got.malformed_forwarded_for == row.expected.malformed_forwarded_for);
    }
    // No trusted proxies (the default): the peer, whatever the header says.
    const ClientAddress direct = client_address("127.0.0.1", "203.0.113.7", TrustedProxies());
    CHECK(direct.address == "127.0.0.1");
    CHECK_FALSE(direct.malformed_forwarded_for);
}
