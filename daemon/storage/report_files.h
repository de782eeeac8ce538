// ReportFiles: the agencies' report documents (PDF) kept under the state
// directory as reports/SHA256.pdf, named by their content so that the same
// file sent twice is kept once. A file is checked by documents/pdf_check
// (a PDF by its content, at most 10 MiB), written to a
// temporary name, synced and renamed into place, mode 0640. Borrows nothing;
// used by whoever records an answer, on that thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nhacviec {

// A stored report file, as an answer records it.
struct ReportFile {
    std::string path;           // "reports/<sha256>.pdf", relative to the state directory
    std::string original_name;  // the name it was sent under
    int64_t size = 0;
    std::string sha256;         // lowercase hex
};

// Why `bytes` cannot be taken as a report file, in Vietnamese naming the
// field ("Tệp báo cáo không phải là tệp PDF. …", check_report_pdf's
// message), or "" when it can.
std::string report_file_problem(std::string_view bytes);

// Checks and stores `bytes` under `state_dir`/reports/. Storing the same
// bytes again finds the file in place and writes nothing.
Result<ReportFile> store_report_file(const std::filesystem::path& state_dir, std::string_view bytes,
                                     std::string original_name);

// Removes the stored `file` from `state_dir` (an answer that was not recorded
// after all, whose file no answer refers to). A file already gone is no error.
Status remove_report_file(const std::filesystem::path& state_dir, const ReportFile& file);

}  // namespace nhacviec
