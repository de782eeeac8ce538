// Assembling an email: dates, RFC 2047 header encoding, address lists and
// the MIME body. See mail_message.h.
#include "channels/mail_message.h"

#include <cstdint>
#include <cstdio>
#include <vector>

#include "common/base64.h"
#include "common/text.h"

namespace nhacviec {

namespace {

// Lines are kept within this many characters where possible (RFC 5322
// recommends 78; RFC 2047 asks 76 for lines holding encoded words) ...
constexpr size_t kLineLimit = 76;
// ... and never exceed this many (RFC 5322 section 2.1.1).
constexpr size_t kHardLineLimit = 998;

constexpr std::string_view kWordStart = "=?UTF-8?B?";
constexpr std::string_view kWordEnd = "?=";
// RFC 2047: an encoded word is at most 75 characters; 60 base64 characters
// (45 bytes) make a word of 72.
constexpr size_t kMaxWordBase64 = 60;

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

// Printable ASCII (and tabs) that an RFC 2047 decoder will not mistake for
// an encoded word: such text can go into a header as written.
bool is_plain_ascii(std::string_view text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u > 0x7e) return false;
    }
    return text.find("=?") == std::string_view::npos;
}

// The longest line of a header value whose first line starts at `column`.
size_t longest_line(std::string_view value, size_t column) {
    size_t longest = 0, start = 0;
    for (;;) {
        const size_t end = value.find("\r\n", start);
        const size_t length = (end == std::string_view::npos ? value.size() : end) - start + (start == 0 ? column : 0);
        longest = std::max(longest, length);
        if (end == std::string_view::npos) return longest;
        start = end + 2;
    }
}

// Plain ASCII folded before spaces (a space followed by a non-space), so
// that lines stay within kLineLimit where the words allow. Unfolding (removing
// each CRLF) gives the text back.
std::string fold_ascii(std::string_view text, size_t column) {
    std::string out;
    size_t line = column;
    size_t begin = 0;
    while (begin < text.size()) {
        // The next segment runs to the next place where a fold may go.
        size_t end = begin + 1;
        while (end < text.size() && !(is_wsp(text[end]) && end + 1 < text.size() && !is_wsp(text[end + 1]))) ++end;
        const std::string_view segment = text.substr(begin, end - begin);
        if (begin > 0 && line + segment.size() > kLineLimit) {
            out += "\r\n";
            line = 0;
        }
        out += segment;
        line += segment.size();
        begin = end;
    }
    return out;
}

// `text` as RFC 2047 B-encoded words, the first starting at `column`, one
// word per line, each as long as the line allows and cut only between UTF-8
// sequences.
std::string encoded_words(std::string_view text, size_t column) {
    const size_t overhead = kWordStart.size() + kWordEnd.size();
    std::string out;
    size_t line = column;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t room = line < kLineLimit ? kLineLimit - line : 0;
        // A word must hold at least one whole character (up to 4 bytes, 8 base64 characters).
        if (room < overhead + 8) {
            out += "\r\n ";
            line = 1;
            room = kLineLimit - line;
        }
        const size_t max_bytes = std::min(kMaxWordBase64, (room - overhead) / 4 * 4) / 4 * 3;
        size_t take = std::min(max_bytes, text.size() - pos);
        if (pos + take < text.size()) {
            const size_t cut = nhacviec::text::sequence_start(text.substr(pos), take);
            if (cut > 0) take = cut;  // otherwise not UTF-8: cut where it fits
            // No word starts with a space: a space at the cut ends this word
            // instead, or the cut moves back one character before it.
            if (is_wsp(text[pos + take])) {
                if (take < max_bytes) {
                    ++take;
                } else {
                    const size_t back = nhacviec::text::sequence_start(text.substr(pos), take - 1);
                    if (back > 0 && !is_wsp(text[pos + back])) take = back;
                }
            }
        }
        const std::string word = std::string(kWordStart) + base64_encode(text.substr(pos, take)) + std::string(kWordEnd);
        out += word;
        line += word.size();
        pos += take;
        if (pos < text.size()) {
            out += "\r\n ";
            line = 1;
        }
    }
    return out;
}

// encode_header_text with the first line starting at `column`.
std::string header_text_at(std::string_view text, size_t column) {
    if (is_plain_ascii(text)) {
        std::string folded = fold_ascii(text, column);
        if (longest_line(folded, column) <= kHardLineLimit) return folded;
    }
    return encoded_words(text, column);
}

// RFC 5322 specials: a display name holding any of them must be quoted.
bool has_specials(std::string_view name) {
    return name.find_first_of("()<>[]:;@\\,.\"") != std::string_view::npos;
}

// `text` without CR and LF: values written raw into a header cannot start a new one.
std::string one_line(std::string_view text) {
    std::string out;
    for (const char c : text)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

// RFC 5322 atext: what a word of a display name may hold unquoted and unencoded.
bool is_atom(std::string_view word) {
    if (word.empty() || word.find("=?") != std::string_view::npos) return false;
    for (const char c : word) {
        const auto u = static_cast<unsigned char>(c);
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) == std::string_view::npos) return false;
        if (u > 0x7e) return false;
    }
    return true;
}

// `text` (plain ASCII) as an RFC 5322 quoted string.
std::string quoted_string(std::string_view text) {
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

// A display name with non-ASCII words, as a phrase: plain atoms stay as
// written, other ASCII words ("thanh,") go as quoted strings, and each run of
// the remaining words becomes one encoded word, split between words only when
// a run is too long for one. Decoders differ on the white space between two
// adjacent encoded words in a phrase — RFC 2047 drops it, Python's email
// package keeps it — so the atoms and quoted strings between the runs give
// the same name in every mail client. Where a run must be split, the space
// between its words ends the first encoded word (no encoded word starts with
// a space), as RFC 2047 asks.
std::string encoded_phrase(std::string_view name, size_t column) {
    const size_t max_bytes = kMaxWordBase64 / 4 * 3;
    std::vector<std::string> pieces;  // atoms and encoded words, to be joined by folding white space
    std::string run;                  // the words waiting to be encoded
    const auto flush = [&] {
        if (run.empty()) return;
        if (run.size() > max_bytes) {
            pieces.push_back(encoded_words(run, 0));  // a word longer than an encoded word: cut between characters
        } else {
            pieces.push_back(std::string(kWordStart) + base64_encode(run) + std::string(kWordEnd));
        }
        run.clear();
    };
    size_t begin = 0;
    while (begin < name.size()) {
        size_t end = name.find(' ', begin);
        if (end == std::string_view::npos) end = name.size();
        const std::string_view word = name.substr(begin, end - begin);
        begin = end + 1;
        if (word.empty()) continue;
        if (is_atom(word)) {
            flush();
            pieces.emplace_back(word);
        } else if (is_plain_ascii(word)) {
            flush();
            pieces.push_back(quoted_string(word));
        } else if (run.empty()) {
            run = word;
        } else if (run.size() + 1 + word.size() < max_bytes) {  // leaves room for a space after the run
            run += ' ';
            run += word;
        } else {
            run += ' ';  // the space between the two words ends the first
            flush();
            run = word;
        }
    }
    flush();
    std::string out;
    size_t line = column;
    for (size_t i = 0; i < pieces.size(); ++i) {
        const std::string& piece = pieces[i];
        const size_t first_line = piece.find("\r\n") == std::string::npos ? piece.size() : piece.find("\r\n");
        if (i > 0) {
            if (line + 1 + first_line > kLineLimit) {
                out += "\r\n ";
                line = 1;
            } else {
                out += ' ';
                ++line;
            }
        }
        out += piece;
        const size_t last_break = piece.rfind("\r\n");
        line = last_break == std::string::npos ? line + piece.size() : piece.size() - last_break - 2;
    }
    return out;
}

// A mailbox whose first line starts at `column`, leaving room for a comma
// after it.
std::string mailbox_at(const Mailbox& m, size_t column) {
    const std::string address = "<" + one_line(m.address) + ">";
    if (m.name.empty()) return address;
    std::string display;
    if (is_plain_ascii(m.name) && has_specials(m.name)) {
        display = header_text_at(quoted_string(m.name), column);
    } else if (is_plain_ascii(m.name)) {
        display = header_text_at(m.name, column);
    } else {
        display = encoded_phrase(m.name, column);
    }
    const size_t last_break = display.rfind("\r\n");
    const size_t last_line = last_break == std::string::npos ? column + display.size() : display.size() - last_break - 2;
    const bool fits = last_line + 1 + address.size() + 1 <= kLineLimit;
    return display + (fits ? " " : "\r\n ") + address;
}

// "To: a <x>, b <y>" folded between mailboxes.
std::string address_header(std::string_view name, const std::vector<Mailbox>& boxes) {
    std::string out = std::string(name) + ": ";
    size_t line = out.size();
    for (size_t i = 0; i < boxes.size(); ++i) {
        std::string piece;
        if (i > 0) {
            out += ',';
            ++line;
            piece = mailbox_at(boxes[i], line + 1);
            if (piece.find("\r\n") == std::string::npos && line + 1 + piece.size() + 1 <= kLineLimit) {
                out += ' ';
            } else {
                out += "\r\n ";
                line = 1;
                piece = mailbox_at(boxes[i], line);
            }
        } else {
            piece = mailbox_at(boxes[i], line);
        }
        out += piece;
        const size_t last_break = piece.rfind("\r\n");
        line = last_break == std::string::npos ? line + piece.size() : piece.size() - last_break - 2;
    }
    return out + "\r\n";
}

// A header name RFC 5322 allows: printable ASCII other than ':'.
bool valid_header_name(std::string_view name) {
    if (name.empty()) return false;
    for (const char c : name)
        if (c <= ' ' || c > '~' || c == ':') return false;
    return true;
}

// 64-bit FNV-1a: a stable hash for the boundary.
std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

// Line breaks as CRLF, the canonical form of text in MIME (RFC 2045 section 6.8).
std::string crlf_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    return out;
}

// Base64 of `bytes` in lines of 76, each ending in CRLF.
std::string base64_lines(std::string_view bytes) {
    const std::string encoded = base64_encode(bytes);
    std::string out;
    out.reserve(encoded.size() + encoded.size() / 38 + 2);
    for (size_t i = 0; i < encoded.size(); i += 76) {
        out.append(encoded, i, 76);
        out += "\r\n";
    }
    return out;
}

// The headers and body of one text part.
std::string text_part(std::string_view subtype, std::string_view text) {
    return "Content-Type: text/" + std::string(subtype) +
           "; charset=utf-8\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "\r\n" +
           base64_lines(crlf_lines(text));
}

}  // namespace

std::string rfc5322_date(std::chrono::sys_seconds t) {
    using namespace std::chrono;
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const sys_seconds local = t + hours{7};
    const sys_days day = floor<days>(local);
    const year_month_day ymd{day};
    const hh_mm_ss time{local - day};
    char out[64];
    std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d +0700", kDays[weekday{day}.c_encoding()],
                  static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                  static_cast<int>(ymd.year()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
    return out;
}

std::string encode_header_text(std::string_view text, size_t name_length) {
    return header_text_at(text, name_length);
}

std::string format_mailbox(const Mailbox& m) { return mailbox_at(m, 0); }

std::string assemble_mime(const MailMessage& m) {
    std::string out;
    out += "Date: " + rfc5322_date(m.date) + "\r\n";
    out += address_header("From", {m.from});
    if (!m.to.empty()) out += address_header("To", m.to);
    if (!m.cc.empty()) out += address_header("Cc", m.cc);
    out += "Subject: " + encode_header_text(m.subject, 9) + "\r\n";
    if (!m.message_id.empty()) out += "Message-ID: " + one_line(m.message_id) + "\r\n";
    if (!m.thread_id.empty()) {
        out += "In-Reply-To: " + one_line(m.thread_id) + "\r\n";
        out += "References: " + one_line(m.thread_id) + "\r\n";
    }
    out += "MIME-Version: 1.0\r\n";
    // RFC 3834: machine-generated, so that vacation responders do not answer it.
    out += "Auto-Submitted: auto-generated\r\n";
    for (const auto& [name, value] : m.extra_headers) {
        if (!valid_header_name(name)) continue;
        out += name + ": " + encode_header_text(value, name.size() + 2) + "\r\n";
    }
    if (m.html.empty()) {
        // Nothing to offer as an alternative: an empty HTML part would show as a blank message.
        out += text_part("plain", m.text);
        return out;
    }
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(m.message_id)));
    // "=_" never occurs in base64, so the boundary cannot appear in a part.
    const std::string boundary = std::string("=_nhacviec_") + hash;
    out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
    out += "\r\n";
    out += "--" + boundary + "\r\n";
    out += text_part("plain", m.text);
    out += "--" + boundary + "\r\n";
    out += text_part("html", m.html);
    out += "--" + boundary + "--\r\n";
    return out;
}

}  // namespace nhacviec
