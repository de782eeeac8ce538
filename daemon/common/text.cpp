#include "common/text.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <utility>

#include <utf8proc.h>

namespace nhacviec::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_mark(char32_t c) { return c >= 0x0300 && c <= 0x036F; }

bool is_tone_mark(char32_t c) {
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

bool is_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x1E00 && c <= 0x1EFF) || is_mark(c);
}

// `utf8` as valid UTF-8: unchanged when it is, each invalid byte replaced by
// U+FFFD otherwise (utf8proc refuses invalid input).
std::string valid_utf8(std::string_view utf8) {
    if (!first_invalid_utf8(utf8)) return std::string(utf8);
    return encode_utf8(decode_utf8(utf8));
}

// `utf8` through utf8proc_map with `options` (a normalisation form).
std::string normalise(std::string_view utf8, utf8proc_option_t options) {
    const std::string valid = valid_utf8(utf8);
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid.data()), static_cast<utf8proc_ssize_t>(valid.size()),
                     &mapped, static_cast<utf8proc_option_t>(options | UTF8PROC_STABLE));
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
    // Valid input fails only when memory runs out: the text is kept as it is.
    if (length < 0) return valid;
    return std::string(reinterpret_cast<const char*>(mapped), static_cast<size_t>(length));
}

}  // namespace

bool is_white_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x202F ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0xFEFF;
}

CodePoint code_point_at(std::string_view bytes, size_t at) {
    const auto byte = static_cast<unsigned char>(bytes[at]);
    if (byte < 0x80) return {byte, 1, true};
    utf8proc_int32_t value = -1;
    const utf8proc_ssize_t length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(bytes.data() + at),
                                                     static_cast<utf8proc_ssize_t>(bytes.size() - at), &value);
    if (length <= 0) return {kReplacement, 1, false};
    return {static_cast<char32_t>(value), static_cast<size_t>(length), true};
}

size_t sequence_start(std::string_view bytes, size_t at) {
    while (at > 0 && (static_cast<unsigned char>(bytes[at]) & 0xC0) == 0x80) --at;
    return at;
}

std::optional<size_t> first_invalid_utf8(std::string_view bytes) {
    for (size_t i = 0; i < bytes.size();) {
        const CodePoint cp = code_point_at(bytes, i);
        if (!cp.valid) return i;
        i += cp.length;
    }
    return std::nullopt;
}

std::u32string decode_utf8(std::string_view bytes) {
    std::u32string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
        const CodePoint cp = code_point_at(bytes, i);
        out.push_back(cp.value);
        i += cp.length;
    }
    return out;
}

std::string encode_utf8(std::u32string_view code_points) {
    std::string out;
    out.reserve(code_points.size() * 2);
    utf8proc_uint8_t buffer[4];
    for (char32_t c : code_points) {
        const utf8proc_ssize_t length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buffer);
        out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
    }
    return out;
}

std::string to_nfc(std::string_view utf8) {
    // Text without a combining diacritical mark (U+0300–U+036F: lead byte
    // 0xCC or 0xCD) is already NFC for Vietnamese, and most text has none.
    if (utf8.find_first_of("\xCC\xCD") == std::string_view::npos) return std::string(utf8);
    return normalise(utf8, UTF8PROC_COMPOSE);
}

std::string fold(std::string_view utf8) {
    const std::u32string in = decode_utf8(normalise(utf8, UTF8PROC_DECOMPOSE));
    std::u32string out;
    out.reserve(in.size());
    std::u32string tones;  // tone marks of the current word, re-attached at its end
    bool pending_space = false;
    auto end_word = [&] {
        out += tones;
        tones.clear();
    };
    for (char32_t c : in) {
        if (is_letter(c)) {
            if (pending_space && !out.empty()) out.push_back(' ');
            pending_space = false;
            if (is_tone_mark(c)) tones.push_back(c);
            else out.push_back(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
            continue;
        }
        end_word();
        if (is_white_space(c)) { pending_space = true; continue; }
        if (pending_space && !out.empty()) out.push_back(' ');
        pending_space = false;
        if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212) c = '-';
        else if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB) c = '"';
        else if (c == 0x2018 || c == 0x2019) c = '\'';
        out.push_back(c);
    }
    end_word();
    return encode_utf8(out);
}

char ascii_base(char32_t c) {
    if (c == U'đ' || c == U'Đ') return 'd';
    if (c >= 0x80) {
        // Latin letters only: Latin-1 Supplement, Extended-A and -B, Extended Additional.
        if (!((c >= 0xC0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF))) return 0;
        utf8proc_int32_t decomposed[8];
        const utf8proc_ssize_t length = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), decomposed, 8,
                                                                UTF8PROC_DECOMPOSE, nullptr);
        if (length <= 1) return 0;  // no decomposition: a letter of its own (ø, ß)
        c = static_cast<char32_t>(decomposed[0]);
    }
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return static_cast<char>(c);
    return 0;
}

std::string collapse_whitespace(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    bool pending_space = false;
    for (size_t i = 0; i < utf8.size();) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        size_t length = 1;
        bool space = byte == ' ' || (byte >= '\t' && byte <= '\r');
        if (byte >= 0x80) {
            const CodePoint cp = code_point_at(utf8, i);
            length = cp.length;
            space = cp.valid && is_white_space(cp.value);
        }
        if (space) {
            pending_space = true;
        } else {
            if (pending_space && !out.empty()) out.push_back(' ');
            pending_space = false;
            out.append(utf8.substr(i, length));
        }
        i += length;
    }
    return out;
}

namespace {

// Tags removed (a list item or line break becomes "; ") and entities decoded.
std::string remove_tags(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
        const char c = utf8[i];
        if (c == '<') {
            const size_t close = utf8.find('>', i);
            const std::string_view inside = utf8.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1);
            const bool is_tag = close != std::string_view::npos && !inside.empty() &&
                                (std::isalpha(static_cast<unsigned char>(inside[0])) || inside[0] == '/');
            if (!is_tag) { out.push_back(c); ++i; continue; }
            std::string name;
            for (char n : inside.substr(inside[0] == '/' ? 1 : 0)) {
                if (!std::isalnum(static_cast<unsigned char>(n))) break;
                name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(n))));
            }
            const bool opening = inside[0] != '/';
            if ((name == "li" && opening) || name == "br" || (name == "p" && !opening)) {
                while (!out.empty() && out.back() == ' ') out.pop_back();
                out += "; ";
            } else {
                out.push_back(' ');
            }
            i = close + 1;
            continue;
        }
        if (c == '&') {
            static const std::pair<std::string_view, std::string_view> entities[] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", " "}};
            bool replaced = false;
            for (const auto& [name, value] : entities) {
                if (utf8.substr(i, name.size()) == name) {
                    out += value;
                    i += name.size();
                    replaced = true;
                    break;
                }
            }
            if (!replaced && utf8.substr(i, 2) == "&#") {
                const size_t semi = utf8.find(';', i);
                if (semi != std::string_view::npos && semi - i <= 10) {
                    // "&#7843;" or "&#x1EA3;": the whole run must be digits of its base.
                    const std::string_view digits = utf8.substr(i + 2, semi - i - 2);
                    const bool hex = !digits.empty() && (digits[0] == 'x' || digits[0] == 'X');
                    const std::string_view number = hex ? digits.substr(1) : digits;
                    std::uint32_t cp = 0;
                    const auto [end, ec] =
                        std::from_chars(number.data(), number.data() + number.size(), cp, hex ? 16 : 10);
                    const bool valid = ec == std::errc() && end == number.data() + number.size() && !number.empty();
                    if (valid && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                        out += encode_utf8(std::u32string(1, static_cast<char32_t>(cp)));
                        i = semi + 1;
                        replaced = true;
                    }
                }
            }
            if (replaced) continue;
        }
        out.push_back(c);
        ++i;
    }
    return out;
}

}  // namespace

std::string strip_markup(std::string_view utf8) {
    // Tidy the separators that list items leave behind: "; ;", and a leading or trailing "; ".
    const bool has_markup = utf8.find_first_of("<&") != std::string_view::npos;
    const std::string collapsed = has_markup ? collapse_whitespace(remove_tags(utf8)) : collapse_whitespace(utf8);
    std::string tidy;
    tidy.reserve(collapsed.size());
    for (size_t i = 0; i < collapsed.size(); ++i) {
        if (collapsed[i] == ';') {
            size_t j = tidy.size();
            while (j > 0 && tidy[j - 1] == ' ') --j;
            if (j == 0 || tidy[j - 1] == ';') { tidy.resize(j); continue; }
        }
        tidy.push_back(collapsed[i]);
    }
    while (!tidy.empty() && (tidy.back() == ';' || tidy.back() == ' ')) tidy.pop_back();
    size_t start = 0;
    while (start < tidy.size() && (tidy[start] == ' ' || tidy[start] == ';')) ++start;
    return tidy.substr(start);
}

size_t display_width(std::string_view utf8) {
    size_t n = 0;
    for (char32_t c : decode_utf8(to_nfc(utf8))) n += is_mark(c) ? 0 : 1;
    return n;
}

std::string shorten(std::string_view utf8, size_t width) {
    const std::u32string cps = decode_utf8(to_nfc(utf8));
    if (cps.size() <= width) return std::string(utf8);
    if (width == 0) return "";
    std::u32string cut = cps.substr(0, width - 1);
    while (!cut.empty() && is_white_space(cut.back())) cut.pop_back();
    cut.push_back(U'…');
    return encode_utf8(cut);
}

std::string visible(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto [cp, len, valid] = code_point_at(text, i);
        if (!valid) {
            const auto byte = static_cast<unsigned char>(text[i]);
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
            ++i;
            continue;
        }
        if (cp == '\t') out += "\\t";
        else if (cp == '\n') out += "\\n";
        else if (cp == '\r') out += "\\r";
        else if (cp < 0x20 || cp == 0x7F) out += std::string("\\x") + kHex[cp >> 4] + kHex[cp & 15];
        else if (cp >= 0x80 && cp <= 0x9F) out += std::string("\\u00") + kHex[cp >> 4] + kHex[cp & 15];
        else out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string_view trim_spaces(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool ascii_iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        const char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
        if (x != y) return false;
    }
    return true;
}

}  // namespace nhacviec::text
