#include "status/answer_fields.h"

#include <cstdio>

#include "common/text.h"

namespace nhacviec::answer {

namespace {

InputProblem problem(FieldName field, const std::string& log_message, const std::string& form_problem) {
    return {std::string(field.key), std::string(field.key) + ": " + log_message,
            std::string(field.label) + ": " + form_problem + "."};
}

// A value from the person, as the log may show it: escaped and shortened.
std::string shown(std::string_view text) { return "\"" + text::visible(text::shorten(text, 80)) + "\""; }

// NFC with the surrounding white space (no-break spaces too) removed.
std::u32string normalised(std::string_view utf8) {
    std::u32string code_points = text::decode_utf8(text::to_nfc(utf8));
    size_t begin = 0, end = code_points.size();
    while (begin < end && text::is_white_space(code_points[begin])) ++begin;
    while (end > begin && text::is_white_space(code_points[end - 1])) --end;
    return code_points.substr(begin, end - begin);
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_capital(char32_t c) { return (c >= U'A' && c <= U'Z') || c == U'Đ'; }
bool is_small(char32_t c) { return (c >= U'a' && c <= U'z') || c == U'đ'; }

// The digits from `at` on (moves `at` past them).
std::u32string digits(const std::u32string& text, size_t& at) {
    const size_t start = at;
    while (at < text.size() && is_digit(text[at])) ++at;
    return text.substr(start, at - start);
}

// The value of ASCII digits, saturated at kTooLarge (callers check the number of digits too).
constexpr int kTooLarge = 1'000'000'000;
int to_int(const std::u32string& digit_text) {
    int value = 0;
    for (const char32_t c : digit_text) {
        value = value * 10 + static_cast<int>(c - U'0');
        if (value >= kTooLarge / 10) return kTooLarge;
    }
    return value;
}

// Whether `symbol` is hyphen-joined groups of a capital and then letters or digits.
bool is_symbol(const std::u32string& symbol) {
    if (symbol.empty()) return false;
    bool group_start = true;
    for (const char32_t c : symbol) {
        if (group_start) {
            if (!is_capital(c)) return false;
            group_start = false;
        } else if (c == U'-') {
            group_start = true;
        } else if (!is_capital(c) && !is_small(c) && !is_digit(c)) {
            return false;
        }
    }
    return !group_start;
}

std::string two_digits(unsigned value) {
    char out[4];
    std::snprintf(out, sizeof out, "%02u", value % 100);
    return out;
}

}  // namespace

Checked<DocumentNumber> check_document_number(std::string_view input) {
    const FieldName field = kDocumentNumberField;
    if (const auto bad = text::first_invalid_utf8(input))
        return problem(field, "not UTF-8 (byte " + std::to_string(*bad + 1) + ")",
                       "có ký tự không đọc được (không phải UTF-8); hãy gõ lại");
    const std::u32string text = normalised(input);
    if (text.empty()) return problem(field, "empty", "chưa nhập");
    const std::string utf8 = text::encode_utf8(text);
    if (text.size() > kMaxDocumentNumberCharacters)
        return problem(field, std::to_string(text.size()) + " characters, over the limit of " +
                                  std::to_string(kMaxDocumentNumberCharacters),
                       "quá dài (tối đa " + std::to_string(kMaxDocumentNumberCharacters) + " ký tự)");

    DocumentNumber out;
    size_t at = 0;
    const std::u32string number = digits(text, at);
    bool well_formed = !number.empty() && number.size() <= 6 && to_int(number) > 0 && at < text.size() && text[at] == U'/';
    if (well_formed) {
        ++at;
        size_t after_year = at;
        const std::u32string year = digits(text, after_year);
        if (!year.empty()) {
            // Only a year can follow the number in digits: a symbol starts with a capital.
            const int year_value = to_int(year);
            well_formed = year.size() == 4 && year_value >= 1945 && year_value <= 2100 && after_year < text.size() &&
                          text[after_year] == U'/';
            if (well_formed) out.year = year_value, at = after_year + 1;
        }
    }
    if (well_formed) well_formed = is_symbol(text.substr(at));
    if (!well_formed)
        return problem(field,
                       shown(utf8) + " is not NUMBER/SYMBOL or NUMBER/YEAR/SYMBOL (e.g. 125/BC-STC, 12/2026/QĐ-UBND)",
                       "không đúng dạng; hãy ghi số, năm (nếu có) và ký hiệu văn bản, ví dụ 125/BC-STC hoặc "
                       "12/2026/QĐ-UBND");
    out.text = utf8;
    out.number = text::encode_utf8(number);
    out.symbol = text::encode_utf8(text.substr(at));
    return out;
}

Checked<Date> check_answer_date(std::string_view input, FieldName field, Date today, Date plan_issued) {
    const std::string example = format_vietnamese_date(today);
    const std::string how = "hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ " + example;
    if (text::first_invalid_utf8(input)) return problem(field, "not UTF-8", "không phải là ngày; " + how);
    const std::u32string text = normalised(input);
    if (text.empty()) return problem(field, "empty", "chưa nhập");
    const std::string utf8 = text::encode_utf8(text);

    // dd/mm/yyyy (d/m/yyyy too) or yyyy-mm-dd.
    size_t at = 0;
    const std::u32string first = digits(text, at);
    int year = 0, month = 0, day = 0;
    bool well_formed = false;
    if (at < text.size() && text[at] == U'/' && !first.empty() && first.size() <= 2) {
        ++at;
        const std::u32string second = digits(text, at);
        if (at < text.size() && text[at] == U'/' && !second.empty() && second.size() <= 2) {
            ++at;
            const std::u32string third = digits(text, at);
            well_formed = third.size() == 4 && at == text.size();
            day = to_int(first), month = to_int(second), year = to_int(third);
        }
    } else if (at < text.size() && text[at] == U'-' && first.size() == 4) {
        ++at;
        const std::u32string second = digits(text, at);
        if (at < text.size() && text[at] == U'-' && second.size() == 2) {
            ++at;
            const std::u32string third = digits(text, at);
            well_formed = third.size() == 2 && at == text.size();
            year = to_int(first), month = to_int(second), day = to_int(third);
        }
    }
    if (!well_formed)
        return problem(field, shown(utf8) + " is not a date (dd/mm/yyyy or yyyy-mm-dd)", "không phải là ngày; " + how);
    const auto date = make_date(year, month, day);
    if (!date)
        return problem(field, shown(utf8) + " is no day of the calendar",
                       "không có ngày " + two_digits(static_cast<unsigned>(day)) + "/" +
                           two_digits(static_cast<unsigned>(month)) + "/" + std::to_string(year) + "; " + how);
    if (*date > today)
        return problem(field, format_iso_date(*date) + " is after today (" + format_iso_date(today) + ")",
                       "ngày " + format_vietnamese_date(*date) + " chưa đến; không được sau hôm nay (" +
                           format_vietnamese_date(today) + ")");
    if (*date < plan_issued)
        return problem(field,
                       format_iso_date(*date) + " is before the plan's date of issue (" + format_iso_date(plan_issued) + ")",
                       "ngày " + format_vietnamese_date(*date) + " ở trước ngày ban hành kế hoạch (" +
                           format_vietnamese_date(plan_issued) + ")");
    return *date;
}

Checked<std::string> check_note(std::string_view input, bool required, FieldName field) {
    if (const auto bad = text::first_invalid_utf8(input))
        return problem(field, "not UTF-8 (byte " + std::to_string(*bad + 1) + ")",
                       "có ký tự không đọc được (không phải UTF-8); hãy gõ lại");
    // Line breaks as one LF, before trimming: a browser sends a textarea's as CRLF.
    std::u32string lines;
    const std::u32string decoded = text::decode_utf8(text::to_nfc(input));
    lines.reserve(decoded.size());
    for (size_t i = 0; i < decoded.size(); ++i) {
        if (decoded[i] == U'\r') {
            lines += U'\n';
            if (i + 1 < decoded.size() && decoded[i + 1] == U'\n') ++i;
        } else {
            lines += decoded[i];
        }
    }
    size_t begin = 0, end = lines.size();
    while (begin < end && text::is_white_space(lines[begin])) ++begin;
    while (end > begin && text::is_white_space(lines[end - 1])) --end;
    const std::u32string note = lines.substr(begin, end - begin);
    if (note.empty()) {
        if (required) return problem(field, "empty", "chưa nhập");
        return std::string();
    }
    if (note.size() > kMaxNoteCharacters)
        return problem(field, std::to_string(note.size()) + " characters, over the limit of " +
                                  std::to_string(kMaxNoteCharacters),
                       "quá dài (" + std::to_string(note.size()) + " ký tự); tối đa " +
                           std::to_string(kMaxNoteCharacters) + " ký tự");
    for (size_t i = 0; i < note.size(); ++i) {
        const char32_t c = note[i];
        const bool control = (c < 0x20 && c != U'\n') || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
                             (c >= 0x2066 && c <= 0x2069);
        if (!control) continue;
        char code[12];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        return problem(field, "control character " + std::string(code) + " at character " + std::to_string(i + 1),
                       "có ký tự điều khiển không được phép (" + std::string(code) + ", ở ký tự thứ " +
                           std::to_string(i + 1) + "); chỉ được xuống dòng");
    }
    return text::encode_utf8(note);
}

}  // namespace nhacviec::answer
