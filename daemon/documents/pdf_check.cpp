#include "documents/pdf_check.h"

#include <cstdio>

namespace nhacviec::documents {

namespace {

InputProblem problem(const std::string& log_message, const std::string& form_problem) {
    InputProblem out{std::string(kReportFileLabel), "report file: ", std::string(kReportFileLabel)};
    out.log_message += log_message;
    out.form_message += ' ';
    out.form_message += form_problem;
    return out;
}

// A size in megabytes for a person: "12,3 MB" (Vietnamese decimal comma).
std::string megabytes(std::size_t bytes) {
    const std::size_t tenths = (bytes * 10 + 1024 * 1024 / 2) / (1024 * 1024);
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB";
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Checked<PdfFile> check_report_pdf(std::string_view bytes) {
    if (bytes.empty()) return problem("empty", "là tệp rỗng (0 byte); hãy chọn lại tệp.");
    if (bytes.size() > kMaxReportFileBytes)
        return problem(std::to_string(bytes.size()) + " bytes, over the limit of " + std::to_string(kMaxReportFileBytes),
                       "quá lớn (" + megabytes(bytes.size()) + "); tối đa " +
                           std::to_string(kMaxReportFileBytes / (1024 * 1024)) + " MB.");
    // "%PDF-" then 1.0 … 1.9 or 2.0, starting within the header window.
    const std::string_view head = bytes.substr(0, kPdfHeaderWindow + 8);
    std::string version;
    for (size_t at = head.find("%PDF-"); at != std::string_view::npos && at < kPdfHeaderWindow;
         at = head.find("%PDF-", at + 1)) {
        const std::string_view rest = head.substr(at + 5);
        if (rest.size() >= 3 && ((rest[0] == '1' && is_digit(rest[2])) || (rest[0] == '2' && rest[2] == '0')) &&
            rest[1] == '.' && (rest.size() == 3 || !is_digit(rest[3]))) {
            version = std::string(rest.substr(0, 3));
            break;
        }
    }
    if (version.empty())
        return problem("no %PDF-1.x or %PDF-2.0 header in the first " + std::to_string(kPdfHeaderWindow) + " bytes",
                       "không phải là tệp PDF. Hãy gửi bản PDF của văn bản báo cáo.");
    const std::string_view tail = bytes.substr(bytes.size() > kPdfTrailerWindow ? bytes.size() - kPdfTrailerWindow : 0);
    if (tail.find("%%EOF") == std::string_view::npos)
        return problem("no %%EOF in the last " + std::to_string(kPdfTrailerWindow) + " bytes (cut off?)",
                       "không trọn vẹn (thiếu phần cuối của tệp PDF, có thể tải lên bị gián đoạn). Hãy gửi lại tệp.");
    return PdfFile{version, bytes.size()};
}

}  // namespace nhacviec::documents
