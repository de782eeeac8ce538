#include "common/text.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <utility>

#include "common/unicode_tables.h"

namespace nhacviec::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one sequence at `i`; returns the code point and its length, or a
// length of 0 when the bytes there are not valid UTF-8.
std::pair<char32_t, size_t> decode_one(std::string_view s, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) return {b0, 1};
    size_t len;
    char32_t cp;
    char32_t min;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
    else return {0, 0};
    if (i + len > s.size()) return {0, 0};
    for (size_t k = 1; k < len; ++k) {
        const unsigned char b = byte(i + k);
        if ((b & 0xC0) != 0x80) return {0, 0};
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
    return {cp, len};
}

bool is_mark(char32_t c) { return c >= 0x0300 && c <= 0x036F; }

int combining_class(char32_t c) {
    return is_mark(c) ? unicode::kCombiningClass[c - 0x0300] : 0;
}

const unicode::Decomposition* find_decomposition(char32_t c) {
    const auto& table = unicode::kDecompositions;
    // Most text is ASCII, which the table (from U+00C0) never decomposes.
    if (c < table.front().composed) return nullptr;
    auto it = std::lower_bound(table.begin(), table.end(), c,
                               [](const unicode::Decomposition& d, char32_t v) { return d.composed < v; });
    return (it != table.end() && it->composed == c) ? &*it : nullptr;
}

void decompose_into(char32_t c, std::u32string& out) {
    if (const auto* d = find_decomposition(c)) {
        decompose_into(d->base, out);
        out.push_back(d->mark);
    } else {
        out.push_back(c);
    }
}

// Full canonical decomposition followed by the canonical ordering of marks.
std::u32string nfd(std::u32string_view in) {
    std::u32string out;
    out.reserve(in.size() + in.size() / 2);
    for (char32_t c : in) decompose_into(c, out);
    for (size_t i = 0; i < out.size();) {
        if (combining_class(out[i]) == 0) { ++i; continue; }
        size_t j = i;
        while (j < out.size() && combining_class(out[j]) != 0) ++j;
        std::stable_sort(out.begin() + i, out.begin() + j,
                         [](char32_t a, char32_t b) { return combining_class(a) < combining_class(b); });
        i = j;
    }
    return out;
}

char32_t compose_pair(char32_t base, char32_t mark) {
    static const std::map<std::pair<char32_t, char32_t>, char32_t> pairs = [] {
        std::map<std::pair<char32_t, char32_t>, char32_t> m;
        for (const auto& d : unicode::kDecompositions) m[{d.base, d.mark}] = d.composed;
        return m;
    }();
    auto it = pairs.find({base, mark});
    return it == pairs.end() ? 0 : it->second;
}

// Canonical composition of a decomposed, ordered sequence.
std::u32string compose(std::u32string s) {
    if (s.empty()) return s;
    size_t starter = 0;
    bool have_starter = combining_class(s[0]) == 0;
    int last_class = have_starter ? 0 : 256;
    size_t w = 1;
    for (size_t r = 1; r < s.size(); ++r) {
        const char32_t c = s[r];
        const int cc = combining_class(c);
        if (have_starter && (last_class < cc || (last_class == 0 && w == starter + 1 && cc == 0))) {
            if (char32_t composed = compose_pair(s[starter], c)) {
                s[starter] = composed;
                continue;
            }
        }
        if (cc == 0) { starter = w; have_starter = true; last_class = 0; }
        else last_class = cc;
        s[w++] = c;
    }
    s.resize(w);
    return s;
}

char32_t to_lower(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0xC0) return c;
    const auto& table = unicode::kLowercase;
    auto it = std::lower_bound(table.begin(), table.end(), c,
                               [](const unicode::CaseMapping& m, char32_t v) { return m.upper < v; });
    return (it != table.end() && it->upper == c) ? it->lower : c;
}

bool is_tone_mark(char32_t c) {
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

bool is_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x1E00 && c <= 0x1EFF) || is_mark(c);
}

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x202F ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0xFEFF;
}

}  // namespace

std::optional<size_t> first_invalid_utf8(std::string_view bytes) {
    for (size_t i = 0; i < bytes.size();) {
        auto [cp, len] = decode_one(bytes, i);
        if (len == 0) return i;
        i += len;
    }
    return std::nullopt;
}

std::u32string decode_utf8(std::string_view bytes) {
    std::u32string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
        auto [cp, len] = decode_one(bytes, i);
        if (len == 0) { out.push_back(kReplacement); ++i; continue; }
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::string encode_utf8(std::u32string_view code_points) {
    std::string out;
    out.reserve(code_points.size() * 2);
    for (char32_t c : code_points) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

std::string to_nfc(std::string_view utf8) {
    // Only a combining mark (U+0300–U+036F: lead byte 0xCC or 0xCD) can
    // compose with what precedes it; text without one is already NFC for the
    // scripts the tables cover, and most text has none.
    if (utf8.find_first_of("\xCC\xCD") == std::string_view::npos) return std::string(utf8);
    return encode_utf8(compose(nfd(decode_utf8(utf8))));
}

std::string fold(std::string_view utf8) {
    const std::u32string in = nfd(decode_utf8(utf8));
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
            else out.push_back(to_lower(c));
            continue;
        }
        end_word();
        if (is_space(c)) { pending_space = true; continue; }
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

std::string collapse_whitespace(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    bool pending_space = false;
    for (size_t i = 0; i < utf8.size();) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        size_t length = 1;
        bool space = byte == ' ' || (byte >= '\t' && byte <= '\r');
        if (byte >= 0x80) {
            const auto [cp, len] = decode_one(utf8, i);
            length = len == 0 ? 1 : len;
            space = len != 0 && is_space(cp);
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
    while (!cut.empty() && is_space(cut.back())) cut.pop_back();
    cut.push_back(U'…');
    return encode_utf8(cut);
}

std::string visible(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto [cp, len] = decode_one(text, i);
        const auto byte = static_cast<unsigned char>(text[i]);
        if (len == 0) {
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

}  // namespace nhacviec::text
