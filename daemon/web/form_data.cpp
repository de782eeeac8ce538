#include "web/form_data.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "common/text.h"
#include "web/percent_decoding.h"

namespace nhacviec::form {

namespace {

// What a person reads when the body as a whole cannot be read: nothing they
// typed is wrong, the request was damaged or forged.
constexpr const char* kDamagedForm = "Biểu mẫu gửi lên bị hỏng, không đọc được. Hãy tải lại trang và gửi lại.";

InputProblem whole_body(std::string log_message, std::string form_message = kDamagedForm) {
    return {"", "form: " + std::move(log_message), std::move(form_message)};
}

// The field as the form labels it, for the Vietnamese message.
std::string form_label(const FieldLabels& labels, std::string_view name) {
    if (const auto it = labels.find(name); it != labels.end()) return it->second;
    return "Trường \"" + std::string(name) + "\"";
}

// A problem with the field `name` (already checked to be a name).
InputProblem field_problem(const FieldLabels& labels, std::string_view name, const std::string& log_message,
                           const std::string& form_problem) {
    return {std::string(name), "form field \"" + std::string(name) + "\": " + log_message,
            form_label(labels, name) + ": " + form_problem + "."};
}

// A value from the client, as the log may show it: escaped and shortened.
std::string shown(std::string_view bytes) {
    return text::visible(text::shorten(text::to_nfc(bytes.substr(0, 200)), 60));
}

bool is_name_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
}

// Why `name` is not a field name we take, or "".
std::string name_problem(std::string_view name) {
    if (name.empty()) return "a field has no name";
    if (name.size() > kMaxNameBytes || !std::all_of(name.begin(), name.end(), is_name_byte))
        return "field name \"" + shown(name) + "\" is not a name (ASCII letters, digits, '_', '-', '.', at most " +
               std::to_string(kMaxNameBytes) + ")";
    return "";
}

// Checks a text field's decoded value and adds it; the problem otherwise.
std::optional<InputProblem> add_field(FormData& form, std::string name, std::string value, const FieldLabels& labels) {
    if (const std::string problem = name_problem(name); !problem.empty()) return whole_body(problem);
    if (form.find(name) || (form.file && form.file->field == name))
        return field_problem(labels, name, "sent twice", "được gửi hai lần");
    if (form.fields.size() == kMaxFields)
        return whole_body("more than " + std::to_string(kMaxFields) + " fields",
                          "Biểu mẫu gửi lên có quá nhiều trường (tối đa " + std::to_string(kMaxFields) + ").");
    if (value.size() > kMaxFieldBytes)
        return field_problem(labels, name,
                             std::to_string(value.size()) + " bytes, over the limit of " + std::to_string(kMaxFieldBytes),
                             "nội dung quá dài (tối đa " + std::to_string(kMaxFieldBytes / 1024) + " KB)");
    if (const auto bad = text::first_invalid_utf8(value))
        return field_problem(labels, name, "not UTF-8 (byte " + std::to_string(*bad + 1) + ")",
                             "có ký tự không đọc được (không phải UTF-8); hãy gõ lại nội dung");
    form.fields.push_back({std::move(name), std::move(value)});
    return std::nullopt;
}


using text::ascii_iequals;
using text::ascii_lower;
using text::trim_spaces;

// A header value with parameters: `form-data; name="note"; filename="a.pdf"`
// or `multipart/form-data; boundary=xyz`. Parameter names are lower case;
// a quoted value is taken as it is up to the next quote (browsers write a
// quote inside as %22 and keep backslashes, which Windows paths have).
struct HeaderValue {
    std::string value;  // lower case
    std::vector<std::pair<std::string, std::string>> parameters;

    // The parameter's value; nullptr when absent. `twice` is set when it came more than once.
    const std::string* parameter(std::string_view name, bool& twice) const {
        const std::string* found = nullptr;
        for (const auto& [key, value] : parameters) {
            if (key != name) continue;
            if (found) twice = true;
            found = &value;
        }
        return found;
    }
};

std::optional<HeaderValue> parse_header_value(std::string_view in) {
    HeaderValue out;
    const size_t semicolon = in.find(';');
    out.value = ascii_lower(trim_spaces(in.substr(0, semicolon)));
    if (semicolon == std::string_view::npos) return out;
    in.remove_prefix(semicolon + 1);
    while (true) {
        in = trim_spaces(in);
        if (in.empty()) return out;
        if (in.front() == ';') {
            in.remove_prefix(1);
            continue;
        }
        const size_t equals = in.find('=');
        if (equals == std::string_view::npos) return std::nullopt;
        const std::string name = ascii_lower(trim_spaces(in.substr(0, equals)));
        if (name.empty() || name.find_first_of(";\"") != std::string::npos) return std::nullopt;
        in = trim_spaces(in.substr(equals + 1));
        std::string value;
        if (!in.empty() && in.front() == '"') {
            const size_t close = in.find('"', 1);
            if (close == std::string_view::npos) return std::nullopt;
            value = std::string(in.substr(1, close - 1));
            in.remove_prefix(close + 1);
            in = trim_spaces(in);
            if (!in.empty() && in.front() != ';') return std::nullopt;
        } else {
            const size_t end = in.find(';');
            value = std::string(trim_spaces(in.substr(0, end)));
            if (value.find('"') != std::string::npos) return std::nullopt;
            in.remove_prefix(end == std::string_view::npos ? in.size() : end);
        }
        out.parameters.emplace_back(name, std::move(value));
    }
}

// RFC 2046 §5.1.1: 1 to 70 of DIGIT ALPHA ' ( ) + _ , - . / : = ? and space, not ending in a space.
bool is_boundary(std::string_view boundary) {
    if (boundary.empty() || boundary.size() > kMaxBoundaryBytes || boundary.back() == ' ') return false;
    return std::all_of(boundary.begin(), boundary.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
    });
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// filename*=UTF-8''%E1%BA%A3.pdf (RFC 8187): the decoded name, or why not.
std::variant<std::string, std::string> decode_extended_value(std::string_view in) {
    const size_t first = in.find('\'');
    const size_t second = first == std::string_view::npos ? first : in.find('\'', first + 1);
    if (second == std::string_view::npos) return std::variant<std::string, std::string>(
        std::in_place_index<1>, "filename* is not CHARSET'LANGUAGE'VALUE");
    if (!ascii_iequals(in.substr(0, first), "utf-8"))
        return std::variant<std::string, std::string>(
            std::in_place_index<1>, "filename* in charset \"" + shown(in.substr(0, first)) + "\"; only UTF-8 is read");
    auto decoded = web::percent_decode(in.substr(second + 1), false);
    if (!decoded) return std::variant<std::string, std::string>(std::in_place_index<1>, "filename* has a bad percent escape");
    return std::variant<std::string, std::string>(std::in_place_index<0>, std::move(*decoded));
}

// What one part's headers say.
struct PartHeaders {
    bool has_disposition = false;
    std::string name;
    std::optional<std::string> file_name;  // decoded, path not yet removed
    std::string content_type;              // lower case, without parameters; "" when not sent
    std::string charset;                   // of the Content-Type, lower case
};

// Reads one header line of a part into `headers`; the problem's log text otherwise.
std::string read_header_line(std::string_view line, PartHeaders& headers) {
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || line.front() == ' ' || line.front() == '\t')
        return "header line \"" + shown(line) + "\" is not NAME: VALUE";
    const std::string name = ascii_lower(line.substr(0, colon));
    const std::string_view value = trim_spaces(line.substr(colon + 1));
    if (name == "content-disposition") {
        if (headers.has_disposition) return "two Content-Disposition headers";
        headers.has_disposition = true;
        const auto parsed = parse_header_value(value);
        if (!parsed) return "Content-Disposition \"" + shown(value) + "\" cannot be read";
        if (parsed->value != "form-data") return "Content-Disposition is \"" + shown(parsed->value) + "\", not form-data";
        bool twice = false;
        const std::string* part_name = parsed->parameter("name", twice);
        const std::string* file_name = parsed->parameter("filename", twice);
        const std::string* extended = parsed->parameter("filename*", twice);
        if (twice) return "a parameter of Content-Disposition comes twice";
        if (!part_name) return "Content-Disposition has no name";
        headers.name = *part_name;
        if (extended) {
            auto decoded = decode_extended_value(*extended);
            if (decoded.index() == 1) return std::get<1>(decoded);
            headers.file_name = std::move(std::get<0>(decoded));
        } else if (file_name) {
            headers.file_name = *file_name;
        }
    } else if (name == "content-type") {
        if (!headers.content_type.empty()) return "two Content-Type headers";
        const auto parsed = parse_header_value(value);
        if (!parsed || parsed->value.empty() ||
            !std::all_of(parsed->value.begin(), parsed->value.end(),
                         [](char c) { return c > ' ' && c < 0x7F && c != '"'; }))
            return "Content-Type \"" + shown(value) + "\" cannot be read";
        headers.content_type = parsed->value;
        bool twice = false;
        if (const std::string* charset = parsed->parameter("charset", twice)) headers.charset = ascii_lower(*charset);
    } else if (name == "content-transfer-encoding") {
        const std::string encoding = ascii_lower(value);
        if (encoding != "7bit" && encoding != "8bit" && encoding != "binary")
            return "Content-Transfer-Encoding \"" + shown(value) + "\" is not 7bit, 8bit or binary";
    }
    // Other headers are ignored (RFC 7578 §4.8).
    return "";
}

// The last component of a file name as a sender may write it ("C:\x\a.pdf",
// "x/a.pdf"), checked; the log text of its problem otherwise.
std::variant<std::string, std::string> checked_file_name(std::string_view name) {
    using Out = std::variant<std::string, std::string>;
    if (const size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    if (const auto bad = text::first_invalid_utf8(name))
        return Out(std::in_place_index<1>, "file name is not UTF-8 (byte " + std::to_string(*bad + 1) + ")");
    if (name.empty() || name == "." || name == "..") return Out(std::in_place_index<1>, "file name is empty once its folders are removed");
    if (name.size() > kMaxFileNameBytes)
        return Out(std::in_place_index<1>, "file name of " + std::to_string(name.size()) + " bytes, over the limit of " +
                                               std::to_string(kMaxFileNameBytes));
    for (const char32_t c : text::decode_utf8(name))
        if (is_control(c)) return Out(std::in_place_index<1>, "file name has a control character");
    return Out(std::in_place_index<0>, text::to_nfc(name));
}

// The part number for the log: "part 3".
std::string part_label(size_t part) { return "part " + std::to_string(part); }

}  // namespace

const std::string* FormData::find(std::string_view name) const {
    for (const Field& field : fields)
        if (field.name == name) return &field.value;
    return nullptr;
}

Checked<FormData> parse_urlencoded(std::string_view body, const FieldLabels& labels) {
    if (body.size() > kMaxFieldsBytes)
        return whole_body("body of " + std::to_string(body.size()) + " bytes, over the limit of " +
                              std::to_string(kMaxFieldsBytes),
                          "Nội dung gửi lên quá lớn (tối đa " + std::to_string(kMaxFieldsBytes / 1024) + " KB).");
    FormData form;
    while (!body.empty()) {
        const size_t amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body.remove_prefix(amp == std::string_view::npos ? body.size() : amp + 1);
        if (pair.empty()) continue;
        const size_t equals = pair.find('=');
        auto name = web::percent_decode(pair.substr(0, equals), true);
        if (!name) return whole_body("field name \"" + shown(pair.substr(0, equals)) + "\" has a bad percent escape");
        if (const std::string problem = name_problem(*name); !problem.empty()) return whole_body(problem);
        auto value = web::percent_decode(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
        if (!value) return field_problem(labels, *name, "bad percent escape", "dữ liệu gửi lên bị hỏng; hãy gửi lại");
        if (auto problem = add_field(form, std::move(*name), std::move(*value), labels)) return std::move(*problem);
    }
    return form;
}

Checked<FormData> parse_multipart(std::string_view content_type, std::string_view body, const FieldLabels& labels) {
    const auto type = parse_header_value(content_type);
    if (!type || type->value != "multipart/form-data")
        return whole_body("Content-Type \"" + shown(content_type) + "\" is not multipart/form-data");
    bool twice = false;
    const std::string* boundary = type->parameter("boundary", twice);
    if (!boundary || twice) return whole_body("Content-Type \"" + shown(content_type) + "\" has no single boundary");
    if (!is_boundary(*boundary))
        return whole_body("boundary \"" + shown(*boundary) + "\" is not 1 to 70 characters of RFC 2046");
    if (body.size() > kMaxBodyBytes)
        return whole_body("body of " + std::to_string(body.size()) + " bytes, over the limit of " +
                              std::to_string(kMaxBodyBytes),
                          "Nội dung gửi lên quá lớn (tối đa " + std::to_string(kMaxFileBytes / (1024 * 1024)) +
                              " MB cho tệp và " + std::to_string(kMaxFieldsBytes / 1024) + " KB cho các trường).");

    const std::string delimiter = "--" + *boundary;
    const std::string separator = "\r\n" + delimiter;
    const std::boyer_moore_horspool_searcher find_separator(separator.begin(), separator.end());
    if (!body.starts_with(delimiter)) return whole_body("body does not start with the boundary");
    size_t at = delimiter.size();
    FormData form;
    // A browser sends one part per field and one for the file input, chosen or not.
    const size_t max_parts = kMaxFields + 2;
    for (size_t part = 1;; ++part) {
        // After a delimiter: "--" closes the body, otherwise transport padding and CRLF start a part.
        if (body.substr(at).starts_with("--")) break;
        while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
        if (!body.substr(at).starts_with("\r\n"))
            return whole_body(part_label(part) + ": the boundary line does not end in CRLF");
        at += 2;
        if (part > max_parts) return whole_body("more than " + std::to_string(max_parts) + " parts",
                                                "Biểu mẫu gửi lên có quá nhiều trường (tối đa " +
                                                    std::to_string(kMaxFields) + ").");
        PartHeaders headers;
        for (size_t lines = 0;; ++lines) {
            const size_t end = body.find("\r\n", at);
            if (end == std::string_view::npos) return whole_body(part_label(part) + ": the headers are cut off");
            const std::string_view line = body.substr(at, end - at);
            at = end + 2;
            if (line.empty()) break;
            if (lines == kMaxPartHeaderLines)
                return whole_body(part_label(part) + ": more than " + std::to_string(kMaxPartHeaderLines) + " header lines");
            if (line.size() > kMaxPartHeaderLineBytes)
                return whole_body(part_label(part) + ": a header line of " + std::to_string(line.size()) +
                                  " bytes, over the limit of " + std::to_string(kMaxPartHeaderLineBytes));
            if (std::any_of(line.begin(), line.end(), [](char c) { return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7F; }))
                return whole_body(part_label(part) + ": a header line has a control character (a bare CR or LF?)");
            if (const std::string problem = read_header_line(line, headers); !problem.empty())
                return whole_body(part_label(part) + ": " + problem);
        }
        if (!headers.has_disposition) return whole_body(part_label(part) + ": no Content-Disposition");
        const auto content_end = std::search(body.begin() + at, body.end(), find_separator);
        if (content_end == body.end())
            return whole_body(part_label(part) + ": not closed by the boundary (the body is cut off)");
        const size_t end = static_cast<size_t>(content_end - body.begin());
        const std::string_view content = body.substr(at, end - at);
        at = end + separator.size();

        if (const std::string problem = name_problem(headers.name); !problem.empty())
            return whole_body(part_label(part) + ": " + problem);
        const std::string& name = headers.name;
        if (!headers.file_name) {
            if (!headers.content_type.empty() &&
                (headers.content_type != "text/plain" || (!headers.charset.empty() && headers.charset != "utf-8")))
                return field_problem(labels, name,
                                     "a text field sent as \"" + headers.content_type +
                                         (headers.charset.empty() ? "" : "; charset=" + shown(headers.charset)) + "\"",
                                     "dữ liệu gửi lên không phải là văn bản UTF-8");
            if (auto problem = add_field(form, name, std::string(content), labels)) return std::move(*problem);
            continue;
        }
        if (headers.file_name->empty() && content.empty()) continue;  // the file input, no file chosen
        if (form.find(name) || (form.file && form.file->field == name))
            return field_problem(labels, name, "sent twice", "được gửi hai lần");
        if (form.file) return field_problem(labels, name, "a second file; one is allowed", "chỉ được gửi một tệp");
        if (content.size() > kMaxFileBytes)
            return field_problem(labels, name,
                                 "file of " + std::to_string(content.size()) + " bytes, over the limit of " +
                                     std::to_string(kMaxFileBytes),
                                 "tệp quá lớn (tối đa " + std::to_string(kMaxFileBytes / (1024 * 1024)) + " MB)");
        auto file_name = checked_file_name(*headers.file_name);
        if (file_name.index() == 1)
            return field_problem(labels, name, std::get<1>(file_name), "tên tệp không hợp lệ; hãy đổi tên tệp rồi gửi lại");
        form.file = File{name, std::move(std::get<0>(file_name)), headers.content_type, std::string(content)};
    }
    const size_t file_bytes = form.file ? form.file->bytes.size() : 0;
    if (body.size() - file_bytes > kMaxFieldsBytes)
        return whole_body(std::to_string(body.size() - file_bytes) + " bytes besides the file, over the limit of " +
                              std::to_string(kMaxFieldsBytes),
                          "Các trường của biểu mẫu quá lớn (tối đa " + std::to_string(kMaxFieldsBytes / 1024) + " KB).");
    return form;
}

Checked<FormData> parse_form(std::string_view content_type, std::string_view body, const FieldLabels& labels) {
    const auto type = parse_header_value(content_type);
    if (type && type->value == "application/x-www-form-urlencoded") return parse_urlencoded(body, labels);
    if (type && type->value == "multipart/form-data") return parse_multipart(content_type, body, labels);
    return whole_body("Content-Type \"" + shown(content_type) +
                      "\" is neither application/x-www-form-urlencoded nor multipart/form-data");
}

}  // namespace nhacviec::form
