// Text utilities for Vietnamese documents: UTF-8 validation and decoding,
// Unicode normalisation (NFC, through utf8proc) and the matching key used
// wherever two spellings of the same words must compare equal. The one UTF-8
// decoder of the project. Pure functions, no state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nhacviec::text {

// One code point of UTF-8 text and the bytes it takes. Invalid bytes (overlong
// forms, surrogates, code points above U+10FFFF, a sequence cut short) read as
// one byte of U+FFFD with `valid` false, so that a scan always advances.
struct CodePoint {
    char32_t value;
    size_t length;
    bool valid;
};

// The code point that starts at byte `at` (< bytes.size()).
CodePoint code_point_at(std::string_view bytes, size_t at);

// Where the UTF-8 sequence holding byte `at` starts: `at` moved back over
// continuation bytes (never before 0). A cut there never splits a character.
size_t sequence_start(std::string_view bytes, size_t at);

// Byte offset of the first byte that is not part of a valid UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are invalid),
// or nullopt when the whole text is valid.
std::optional<size_t> first_invalid_utf8(std::string_view bytes);

// Code points of valid UTF-8 text; invalid bytes decode as U+FFFD.
std::u32string decode_utf8(std::string_view bytes);
std::string encode_utf8(std::u32string_view code_points);

// Canonical composition (NFC): "ho\u0061\u0301" and "hoá" become the same
// bytes. Invalid bytes become U+FFFD.
std::string to_nfc(std::string_view utf8);

// The key two spellings of the same words share: case folded, Unicode form
// folded, the Vietnamese tone mark moved to the end of its word (so the old
// and new placements "hoá"/"hóa", "Uỷ"/"Ủy" agree), dashes unified to '-',
// typographic quotes to '"', and white space collapsed to single spaces and
// trimmed. Different words keep different keys: "hoà" and "hoá" differ.
std::string fold(std::string_view utf8);

// The ASCII letter or digit a Latin code point is written with once its
// diacritics are removed ('ệ' → 'e', 'Đ' → 'd'), lower-cased; 0 for anything
// else (other scripts, symbols, and letters of their own such as 'ø').
char ascii_base(char32_t c);

// Removes HTML markup as the document converter leaves it (<i>, <ul ...>,
// <li>, <br>): a list item or line break becomes "; " so that list items stay
// apart, other tags vanish, and the common entities (&amp; &lt; &gt; &quot;
// &nbsp; &#NNN;) are decoded. White space is collapsed and trimmed.
std::string strip_markup(std::string_view utf8);

// `text` with & < > " ' replaced by character references, for HTML text and
// attribute values (message templates, the dashboard).
std::string html_escape(std::string_view text);

// Whether `c` is white space: ASCII spaces, tabs and line breaks, no-break
// spaces, the spaces U+2000–U+200B, U+3000 and U+FEFF.
bool is_white_space(char32_t c);

// Collapses runs of white space (including no-break space) into one space and
// trims both ends.
std::string collapse_whitespace(std::string_view utf8);

// `text` as it may be printed on a terminal: every control character shown
// as an escape, so that data cannot move the cursor, erase or forge lines,
// set the window title or ring the bell: tab, line feed and carriage return
// as \t \n \r, the other C0 controls and DEL as \xHH (ESC is \x1b), the C1
// controls U+0080–U+009F as \u0080 … \u009f, and bytes that are not UTF-8
// as \xHH. Everything else, backslashes included, is kept. For every
// human-readable line the command line prints from data (JSON output has
// its own escaping).
std::string visible(std::string_view text);

// Number of code points, for aligning columns of a plain-text table.
size_t display_width(std::string_view utf8);

// The first `width` code points of `utf8`, with "…" when it was cut.
std::string shorten(std::string_view utf8, size_t width);

// Protocol tokens (HTTP header names and parameters, charsets): `text`
// without the spaces and tabs at its ends (HTTP's optional white space),
// `text` with its ASCII letters lowered (other bytes kept), and whether two
// are equal but for the case of ASCII letters.
std::string_view trim_spaces(std::string_view text);
std::string ascii_lower(std::string_view text);
bool ascii_iequals(std::string_view a, std::string_view b);

}  // namespace nhacviec::text
