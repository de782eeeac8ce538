#include "common/text.h"

#include <catch2/catch.hpp>

using namespace nhacviec::text;

TEST_CASE("UTF-8 validation finds the first bad byte") {
    CHECK(first_invalid_utf8("Hải Phòng") == std::nullopt);
    CHECK(first_invalid_utf8("ab\xC3") == 2u);           // cut in the middle of a sequence
    CHECK(first_invalid_utf8("a\xC0\xAF") == 1u);        // overlong '/'
    CHECK(first_invalid_utf8("x\xED\xA0\x80") == 1u);    // a UTF-16 surrogate
    CHECK(first_invalid_utf8("H\xE1i Ph\xF2ng") == 1u);  // Latin-1 / Windows-1258 bytes
}

TEST_CASE("NFC composes decomposed Vietnamese") {
    CHECK(to_nfc("Ha\xCC\x89i Pho\xCC\x80ng") == "Hải Phòng");
    CHECK(to_nfc("e\xCC\x82\xCC\xA3") == "ệ");  // e + circumflex + dot below
    CHECK(to_nfc("e\xCC\xA3\xCC\x82") == "ệ");  // the marks in the other order
    CHECK(to_nfc("Sở Tài chính") == "Sở Tài chính");
}

TEST_CASE("fold: the matching key") {
    // Case, Unicode form and tone placement fold together.
    CHECK(fold("Văn hóa") == fold("văn hoá"));
    CHECK(fold("Ủy ban") == fold("Uỷ ban"));
    CHECK(fold("thủy") == fold("thuỷ"));
    CHECK(fold("QUÝ III/2026") == fold("quý III/2026"));
    CHECK(fold("Quy\xCC\x81 I") == fold("Quý I"));
    // Dashes, quotes and spaces are unified.
    CHECK(fold("2026 – 2030") == "2026 - 2030");
    CHECK(fold("  a \t b  ") == "a b");
    CHECK(fold("“x”") == "\"x\"");
    // Different words keep different keys.
    CHECK(fold("hoà") != fold("hoá"));
    CHECK(fold("Sở") != fold("So"));
    CHECK(fold("ĐÀ") == fold("đà"));
}

TEST_CASE("strip_markup removes the converter's tags") {
    CHECK(strip_markup("<i>Sở Tài chính</i>") == "Sở Tài chính");
    CHECK(strip_markup("<ul style=\"list-style-type: none\"> - Sở Nội vụ; - Sở Xây dựng;  ") ==
          "- Sở Nội vụ; - Sở Xây dựng");
    CHECK(strip_markup("<ul><li>Sở A</li><li>Sở B</li></ul>") == "Sở A; Sở B");
    CHECK(strip_markup("a &amp; b &#7843; &lt;3") == "a & b ả <3");
    CHECK(strip_markup("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2");
    CHECK(strip_markup("&#x1EA3; &#xZZ; &#; x") == "ả &#xZZ; &#; x");  // a hex reference; malformed ones stay
}

TEST_CASE("display width and truncation count code points") {
    CHECK(display_width("Sở") == size_t{2});
    CHECK(display_width("So\xCC\x9B\xCC\x89") == size_t{2});
    CHECK(shorten("Sở Tài chính", 20) == "Sở Tài chính");
    CHECK(shorten("Sở Tài chính", 7) == "Sở Tài…");
}

TEST_CASE("visible: control characters from data are shown as escapes, never sent to the terminal") {
    struct Case {
        std::string in;
        std::string out;
    };
    const Case cases[] = {
        {"Sở Tài chính \\ 50%", "Sở Tài chính \\ 50%"},  // text, backslash and all, is kept
        {"Đã xong\r\n2026-10-01  admin  done", "Đã xong\\r\\n2026-10-01  admin  done"},  // a forged history line
        {"x\x1b[1A\x1b[2Ky", "x\\x1b[1A\\x1b[2Ky"},                                  // cursor up, erase line
        {"\x1b]0;title\x07", "\\x1b]0;title\\x07"},                                   // OSC: window title, BEL
        {"\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\",
         "\\x1b]8;;http://x.example\\x1b\\link\\x1b]8;;\\x1b\\"},  // an OSC 8 hyperlink
        {"a\tb\x7f\x08", "a\\tb\\x7f\\x08"},                       // tab, DEL, backspace
        {std::string("nul\0!", 5), "nul\\x00!"},
        {"\xc2\x9b" "2J", "\\u009b2J"},             // C1 CSI, as UTF-8
        {"\xc2\x85\xc2\x9f\xc2\xa0", "\\u0085\\u009f\xc2\xa0"},  // NEL and APC; no-break space is text
        {"\x9b" "2J \xff", "\\x9b2J \\xff"},        // bytes that are not UTF-8 (a raw 8-bit CSI)
        {"\xe1\xba", "\\xe1\\xba"},                 // a sequence cut short
    };
    for (const auto& c : cases) {
        INFO(c.out);
        CHECK(visible(c.in) == c.out);
    }
}
