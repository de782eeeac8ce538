// MailMessage: an email ready to go out, and its assembly into the bytes an
// SMTP server or a mail folder receives (RFC 5322 headers, RFC 2047 encoded
// words for Vietnamese text, a MIME multipart/alternative body with a plain
// text and an HTML part, both UTF-8 in base64). Pure functions: the same
// message always assembles to the same bytes.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nhacviec {

// One sender or recipient: "Sở Tài chính" <so-tai-chinh@haiphong.example>.
// A plain value. The address is ASCII (no internationalised addresses).
struct Mailbox {
    std::string name;     // display name, UTF-8; "" = the address alone
    std::string address;  // local@domain
};

// An email ready to assemble; a plain value built by the content layer and
// owned by whoever sends it.
struct MailMessage {
    Mailbox from;
    std::vector<Mailbox> to, cc;
    std::string subject, text, html;  // UTF-8; line breaks in text and html may be LF or CRLF
    std::string message_id;           // "<…@host>", unique per notification
    std::string thread_id;            // "<…@host>": the task's thread, sent as In-Reply-To and References; "" = none
    std::chrono::sys_seconds date{};
    // Further headers, e.g. {"X-Nhacviec-Key", "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính"}.
    // Names are printable ASCII without ':' (a header with any other name is
    // left out); values are encoded like the subject when not plain ASCII.
    std::vector<std::pair<std::string, std::string>> extra_headers;
};

// `t` as an RFC 5322 date in Vietnam's time (Asia/Ho_Chi_Minh, UTC+7 all
// year): "Wed, 25 Nov 2026 08:00:00 +0700".
std::string rfc5322_date(std::chrono::sys_seconds t);

// The value of an unstructured header (Subject, X-…) for a header whose
// "Name: " takes `name_length` characters of the first line. Printable ASCII
// stays as written, folded at spaces (CRLF + the space) to keep lines within
// 76 characters where it can. Anything else (non-ASCII, control characters,
// "=?", a word too long for a line) is written as RFC 2047 encoded words
// "=?UTF-8?B?…?=", each holding whole UTF-8 sequences, one per line, folded
// with CRLF + space so that no line exceeds 76 characters.
std::string encode_header_text(std::string_view text, size_t name_length);

// A mailbox for From/To/Cc: `Name <addr>`. The name stays as written when
// it is plain ASCII words, goes in quotes when it has RFC 5322 specials
// ("Office, City" <…>), and becomes encoded words when it is not ASCII;
// `<addr>` alone when the name is empty. Folded as if it started a line.
std::string format_mailbox(const Mailbox& m);

// The whole message with CRLF line endings: Date, From, To and Cc (each when
// it names anyone), Subject, Message-ID, In-Reply-To and References (when
// thread_id is set), MIME-Version, Auto-Submitted: auto-generated (RFC
// 3834: no out-of-office replies), the extra headers, then a
// multipart/alternative body whose boundary is derived from message_id:
// text/plain then text/html, UTF-8, base64 in lines of 76. A message without
// HTML is a single text/plain part. Text line breaks are sent as CRLF (RFC
// 2045's canonical form). Header lines stay within 76 characters where they
// can and never exceed 998.
std::string assemble_mime(const MailMessage& m);

}  // namespace nhacviec
