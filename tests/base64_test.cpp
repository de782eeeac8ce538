#include "common/base64.h"

#include <catch2/catch.hpp>

using namespace nhacviec;

TEST_CASE("base64: the RFC 4648 test vectors, both ways", "[base64]") {
    const std::pair<std::string, std::string> vectors[] = {
        {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [bytes, text] : vectors) {
        INFO(text);
        CHECK(base64_encode(bytes) == text);
        CHECK(base64_decode(text) == bytes);
    }
    CHECK(base64_encode("Hải Phòng") == "SOG6o2kgUGjDsm5n");
    CHECK(base64_encode(std::string("\0\xff\xfe", 3)) == "AP/+");
}

TEST_CASE("base64: long input goes through in pieces with no padding between them", "[base64]") {
    std::string bytes;
    for (int i = 0; i < 100'000; ++i) bytes.push_back(static_cast<char>(i * 7 % 251));
    const std::string text = base64_encode(bytes);
    CHECK(text.size() == 133'336);
    CHECK(text.find('=') == 133'334);  // 100,000 = 3 × 33,333 + 1: two '=' at the very end
    CHECK(base64_decode(text) == bytes);
}

TEST_CASE("base64: malformed text is refused", "[base64]") {
    const char* refused[] = {
        "Zg",         // not a whole group of 4
        "Zg=",        // nor is this
        "Zm9v\n",     // a line break
        " Zm9v",      // a leading space
        "Zm 9",       // a space inside
        "Zm9v-_==",   // the URL-safe alphabet
        "Z=9v",       // '=' inside
        "Zg=v",       // '=' before the last character
        "Z===",       // three '='
        "====",       // nothing but padding
        "Zg==Zm9v",   // padding in the middle
        "Zm9*",       // not in the alphabet
    };
    for (const char* text : refused) {
        INFO(text);
        CHECK(base64_decode(text) == std::nullopt);
    }
    // Bits after the last whole byte are ignored, as before.
    CHECK(base64_decode("Zh==") == "f");
}
