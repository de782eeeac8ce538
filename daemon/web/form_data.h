// Form bodies as browsers send them: application/x-www-form-urlencoded
// (WHATWG URL standard, "application/x-www-form-urlencoded parsing") and
// multipart/form-data (RFC 7578 over RFC 2046), read into named text fields
// and at most one file. Every body is hostile input: each limit below is
// checked before the bytes are kept, a field's value and a file's name must
// be UTF-8, a name may come only once, and nothing a client sends can throw
// out of it. A problem names the field, in English for the log and in
// Vietnamese for the form. Pure functions, no state: the agency's page calls
// them on the thread that handles its request; the fuzz target form_data
// (tests/fuzz/) calls them on arbitrary bytes.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/input_problem.h"

namespace nhacviec::form {

// The report file the issue allows: a PDF of at most 10 MiB.
inline constexpr std::size_t kMaxFileBytes = 10 * 1024 * 1024;
// Everything but the file: the text fields with their names, the part
// headers and the boundaries. The longest answer (a 2000-character note, a
// document number, two dates, a few hidden fields) takes under 10 KiB.
inline constexpr std::size_t kMaxFieldsBytes = 64 * 1024;
// A whole body: one file and the rest. A urlencoded body carries no file,
// so it gets kMaxFieldsBytes only.
inline constexpr std::size_t kMaxBodyBytes = kMaxFileBytes + kMaxFieldsBytes;
// Text fields in one body: the answer forms have fewer than ten.
inline constexpr std::size_t kMaxFields = 32;
// One field's value once decoded: a 2000-character Vietnamese note is at
// most 6000 bytes of UTF-8 (three bytes a character at most in that range),
// with CRLF line breaks it stays under 8 KiB.
inline constexpr std::size_t kMaxFieldBytes = 8 * 1024;
// A field's name: ours are short ASCII words ("document_number").
inline constexpr std::size_t kMaxNameBytes = 64;
// Header lines of one part: a browser sends two (Content-Disposition and
// Content-Type); a few more are tolerated and ignored.
inline constexpr std::size_t kMaxPartHeaderLines = 8;
// One header line of a part: a Content-Disposition with a 255-byte file name
// written as filename* (three bytes per byte) still fits.
inline constexpr std::size_t kMaxPartHeaderLineBytes = 1024;
// A file's name once decoded, in bytes: what ext4 takes for one name.
inline constexpr std::size_t kMaxFileNameBytes = 255;
// A multipart boundary, as RFC 2046 §5.1.1 limits it.
inline constexpr std::size_t kMaxBoundaryBytes = 70;

// One text field: its name and its decoded value (valid UTF-8, line breaks
// as the browser sent them, CRLF).
struct Field {
    std::string name;
    std::string value;
};

// The one file of a multipart body. `bytes` is the only copy made of the
// file's content.
struct File {
    std::string field;         // the field's name, "report_file"
    std::string file_name;     // the name on the sender's disk, path removed, UTF-8
    std::string content_type;  // as the sender declared it, lower case without parameters ("application/pdf")
    std::string bytes;
};

// A body read: its text fields in the order sent, and the file if one came.
struct FormData {
    std::vector<Field> fields;
    std::optional<File> file;

    // The value of the field `name`, or nullptr.
    const std::string* find(std::string_view name) const;
};

// How the form labels its fields, for the Vietnamese messages: "note" →
// "Ghi chú". A field without a label is named as sent, in quotes.
using FieldLabels = std::map<std::string, std::string, std::less<>>;

// Reads an application/x-www-form-urlencoded body (at most kMaxFieldsBytes):
// '&'-separated name=value pairs, '+' for a space, %XX escapes; empty pairs
// are skipped, a pair without '=' has an empty value.
Checked<FormData> parse_urlencoded(std::string_view body, const FieldLabels& labels = {});

// Reads a multipart/form-data body (at most kMaxBodyBytes) with the boundary
// of `content_type` (the request's Content-Type header). Each part needs a
// Content-Disposition: form-data with a name; a part with a non-empty
// filename (or filename*=UTF-8''…, RFC 8187) is the file, one at most; a
// file part with an empty filename is what a browser sends when no file was
// chosen, and is skipped. Lines end in CRLF; the body starts with the first
// boundary and ends with the closing one (an epilogue after it is ignored).
Checked<FormData> parse_multipart(std::string_view content_type, std::string_view body,
                                  const FieldLabels& labels = {});

// Picks the reader by the request's Content-Type; any other type is refused.
Checked<FormData> parse_form(std::string_view content_type, std::string_view body, const FieldLabels& labels = {});

}  // namespace nhacviec::form
