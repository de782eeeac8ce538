// The check that a report file sent on the agency's page is a PDF, by its
// content and never by its name or declared type: the header a PDF reader
// looks for (`%PDF-1.x` or `%PDF-2.0` within the first 1024 bytes, as
// Acrobat and pdf.js accept it), the end-of-file marker `%%EOF` within the
// last 1024 bytes, and the size limit. An encrypted PDF is accepted (its
// content is not read). Pure functions, no state; called on the thread that
// handles the request, before the file is stored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/input_problem.h"

namespace nhacviec::documents {

// How the form labels the file, in every message.
inline constexpr std::string_view kReportFileLabel = "Tệp báo cáo";
// The largest report file the issue allows: 10 MB, taken as 10 MiB.
inline constexpr std::size_t kMaxReportFileBytes = 10 * 1024 * 1024;
// Where readers look for the header and the end-of-file marker: within the
// first and the last 1024 bytes (PDF 2.0 §7.5.2 and Acrobat's tolerance of
// leading and trailing bytes).
inline constexpr std::size_t kPdfHeaderWindow = 1024;
inline constexpr std::size_t kPdfTrailerWindow = 1024;

// What the check found in a file that passed it.
struct PdfFile {
    std::string version;  // "1.7", "2.0"
    std::size_t size = 0;
};

// Checks `bytes` as the report file; the problem names kReportFileLabel.
Checked<PdfFile> check_report_pdf(std::string_view bytes);

}  // namespace nhacviec::documents
