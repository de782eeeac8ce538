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

TEST_CASE("code_point_at: one code point and its length; a bad byte is one U+FFFD", "[text]") {
    const std::string s = "aả\xF0\x9F\x93\x85\xE1\xBA";  // 'a', U+1EA3, U+1F4C5, a sequence cut short
    CHECK(code_point_at(s, 0).value == U'a');
    CHECK(code_point_at(s, 0).length == 1u);
    CHECK(code_point_at(s, 1).value == U'ả');
    CHECK(code_point_at(s, 1).length == 3u);
    CHECK(code_point_at(s, 4).value == U'\U0001F4C5');
    CHECK(code_point_at(s, 4).length == 4u);
    CHECK(code_point_at(s, 8).valid == false);
    CHECK(code_point_at(s, 8).value == U'\uFFFD');
    CHECK(code_point_at(s, 8).length == 1u);
    CHECK(code_point_at("\xC0\xAF", 0).valid == false);      // overlong
    CHECK(code_point_at("\xED\xA0\x80", 0).valid == false);  // a surrogate
    CHECK(code_point_at("\xF4\x90\x80\x80", 0).valid == false);  // above U+10FFFF
    CHECK(decode_utf8("a\xFF" "b") == U"a\uFFFDb");
    CHECK(encode_utf8(U"Đà \U0001F4C5") == "Đà \xF0\x9F\x93\x85");
}

TEST_CASE("sequence_start: a cut never splits a character", "[text]") {
    const std::string s = "aả";  // 'a', then E1 BA A3
    CHECK(sequence_start(s, 0) == 0u);
    CHECK(sequence_start(s, 1) == 1u);
    CHECK(sequence_start(s, 2) == 1u);
    CHECK(sequence_start(s, 3) == 1u);
    CHECK(sequence_start("\x80\x80", 1) == 0u);  // never before the start
}

TEST_CASE("NFC and folding through utf8proc: decomposed, composed and mixed spellings agree", "[text]") {
    CHECK(to_nfc("Quy\xCC\x81 I") == "Quý I");
    CHECK(to_nfc("U\xCC\x9B\xCC\x89y ban") == "Ửy ban");                       // U + horn + hook above
    CHECK(to_nfc("O\xCC\x9B\xCC\x80") == to_nfc("\xC6\xA0\xCC\x80"));          // Ờ from O or from Ơ
    CHECK(to_nfc("a\xFF\xCC\x81") == "a\xEF\xBF\xBD\xCC\x81");                 // a bad byte becomes U+FFFD
    CHECK(fold("ĐƯỜNG") == "đu\xCC\x9Bo\xCC\x9Bng\xCC\x80");  // decomposed; the tone mark at the end of the word
    CHECK(fold("Ứng dụng") == fold("U\xCC\x9B\xCC\x81ng du\xCC\xA3ng"));
    CHECK(fold("Ø ß ẞ") == "ø ß ß");
}

TEST_CASE("ascii_base: the letter a Latin character is written with", "[text]") {
    CHECK(ascii_base(U'ệ') == 'e');
    CHECK(ascii_base(U'Ấ') == 'a');
    CHECK(ascii_base(U'Đ') == 'd');
    CHECK(ascii_base(U'đ') == 'd');
    CHECK(ascii_base(U'Q') == 'q');
    CHECK(ascii_base(U'7') == '7');
    CHECK(ascii_base(U'ø') == 0);        // a letter of its own
    CHECK(ascii_base(U'\u212A') == 0);   // the Kelvin sign: not Latin, though it decomposes to K
    CHECK(ascii_base(U'ά') == 0);        // Greek
    CHECK(ascii_base(U'-') == 0);
}

TEST_CASE("is_white_space: the spaces the text functions collapse", "[text]") {
    for (const char32_t c : {U' ', U'\t', U'\n', U'\u00A0', U'\u2002', U'\u200B', U'\u202F', U'\u3000', U'\uFEFF'})
        CHECK(is_white_space(c));
    for (const char32_t c : {U'a', U'_', U'\u00AD', U'\u2010', U'\u3001'}) CHECK_FALSE(is_white_space(c));
}

TEST_CASE("protocol tokens: spaces trimmed, ASCII case lowered and compared, other bytes kept", "[text]") {
    CHECK(trim_spaces(" \t gzip;q=0.5 \t") == "gzip;q=0.5");
    CHECK(trim_spaces(" \t ") == "");
    CHECK(trim_spaces("\r\nx\r\n") == "\r\nx\r\n");  // only spaces and tabs
    CHECK(ascii_lower("Multipart/Form-Data; Boundary=AbC") == "multipart/form-data; boundary=abc");
    CHECK(ascii_lower("Ý\xE1") == "Ý\xE1");
    CHECK(ascii_iequals("Retry-After", "retry-after"));
    CHECK(ascii_iequals("", ""));
    CHECK_FALSE(ascii_iequals("utf-8", "utf-88"));
    CHECK_FALSE(ascii_iequals("Ý", "ý"));
}
