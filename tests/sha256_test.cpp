// common/sha256: the digest, and finding a presented secret among the
// configured ones by comparing digests of equal length, every one of them.
#include "common/sha256.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace nhacviec;

TEST_CASE("sha256: the FIPS 180-2 example, raw and as hex", "[sha256]") {
    const std::string hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    CHECK(sha256_hex("abc") == hex);
    const Sha256Digest raw = sha256("abc");
    std::string raw_hex;
    for (const unsigned char b : raw) {
        raw_hex += "0123456789abcdef"[b >> 4];
        raw_hex += "0123456789abcdef"[b & 15];
    }
    CHECK(raw_hex == hex);
}

TEST_CASE("find_secret: the index of the secret presented, whatever the lengths", "[sha256]") {
    const std::vector<std::string_view> tokens = {"admin-token-0123456789", "so-noi-vu-token-0123456789",
                                                  "so-noi-vu-token-0123456789"};
    struct Case {
        const char* what;
        std::string presented;
        std::optional<size_t> found;
    };
    const Case cases[] = {
        {"the first", "admin-token-0123456789", 0},
        {"the second; a duplicate after it is never chosen", "so-noi-vu-token-0123456789", 1},
        {"one byte short", "admin-token-012345678", std::nullopt},
        {"one byte more", "admin-token-01234567890", std::nullopt},
        {"the last byte wrong", "admin-token-0123456788", std::nullopt},
        {"the first byte wrong", "Admin-token-0123456789", std::nullopt},
        {"empty", "", std::nullopt},
        {"with a NUL byte inside", std::string("admin-token-0123456789\0", 23), std::nullopt},
        {"a digest of one of them", sha256_hex("admin-token-0123456789"), std::nullopt},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        CHECK(find_secret(tokens, c.presented) == c.found);
    }
    CHECK(find_secret({}, "admin-token-0123456789") == std::nullopt);
    CHECK(find_secret(tokens, "admin-token-0123456789").has_value());
}
