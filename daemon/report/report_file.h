// The periodic report as a file: its formats (JSON, Word, Excel) and the one
// way to write it, through a temporary file in the target's folder renamed
// into place, so that a failure leaves nothing half-written. Called on any
// thread; the PeriodReport is only read.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "report/period_report.h"

namespace nhacviec {

enum class ReportFormat { json, docx, xlsx };
// "json", "docx", "xlsx"; nullopt for anything else.
std::optional<ReportFormat> report_format_from_string(std::string_view text);
std::string_view to_string(ReportFormat format);
// The media type of a download: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", …
std::string_view media_type(ReportFormat format);

// Writes `report` in `format` to `path`; an error names the file.
Status write_report_file(const PeriodReport& report, ReportFormat format, const std::filesystem::path& path);

// The writers of each format, to a new file at `path` (the caller renames it into place).
Status write_report_docx(const PeriodReport& report, const std::filesystem::path& path);
Status write_report_xlsx(const PeriodReport& report, const std::filesystem::path& path);

}  // namespace nhacviec
