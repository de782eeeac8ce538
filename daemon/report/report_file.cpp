#include "report/report_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace nhacviec {
namespace {

Status write_json(const PeriodReport& report, const std::filesystem::path& path) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) return Error{std::strerror(errno)};
    file << to_json(report).dump(2) << "\n";
    file.flush();
    if (!file) return Error{"cannot write"};
    return {};
}

}  // namespace

std::optional<ReportFormat> report_format_from_string(std::string_view text) {
    if (text == "json") return ReportFormat::json;
    if (text == "docx") return ReportFormat::docx;
    if (text == "xlsx") return ReportFormat::xlsx;
    return std::nullopt;
}

std::string_view to_string(ReportFormat format) {
    switch (format) {
        case ReportFormat::json: return "json";
        case ReportFormat::docx: return "docx";
        case ReportFormat::xlsx: return "xlsx";
    }
    return "";
}

std::string_view media_type(ReportFormat format) {
    switch (format) {
        case ReportFormat::json: return "application/json; charset=utf-8";
        case ReportFormat::docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        case ReportFormat::xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return "";
}

Status write_report_file(const PeriodReport& report, ReportFormat format, const std::filesystem::path& path) {
    const std::string target = path.string();
    std::filesystem::path temporary = path;
    temporary += ".tmp-" + std::to_string(::getpid());
    // Made here first, so that a folder that cannot take it is named plainly
    // (the writers only say they failed); each writer then writes it anew.
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Error{target + ": " + std::strerror(errno)};
    ::close(fd);
    Status written;
    switch (format) {
        case ReportFormat::json: written = write_json(report, temporary); break;
        case ReportFormat::docx: written = write_report_docx(report, temporary); break;
        case ReportFormat::xlsx: written = write_report_xlsx(report, temporary); break;
    }
    if (written && ::rename(temporary.c_str(), path.c_str()) != 0) written = Error{std::strerror(errno)};
    if (!written) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        return Error{target + ": " + written.error().message};
    }
    return {};
}

}  // namespace nhacviec
