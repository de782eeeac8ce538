#include "storage/report_files.h"

#include "documents/pdf_check.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/sha256.h"

namespace nhacviec {
namespace {

Error failure(const std::string& what, const std::filesystem::path& path, int error) {
    return Error{path.string() + ": cannot " + what + ": " + std::strerror(error)};
}

// fsync of a file or folder by its path; 0 or an errno.
int sync_path(const std::filesystem::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return errno;
    const int rc = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return rc;
}

}  // namespace

std::string report_file_problem(std::string_view bytes) {
    const auto checked = documents::check_report_pdf(bytes);
    return checked ? std::string() : checked.problem().form_message;
}

Result<ReportFile> store_report_file(const std::filesystem::path& state_dir, std::string_view bytes,
                                     std::string original_name) {
    if (std::string problem = report_file_problem(bytes); !problem.empty()) return Error{std::move(problem)};
    ReportFile file;
    file.sha256 = sha256_hex(bytes);
    file.path = "reports/" + file.sha256 + ".pdf";
    file.original_name = std::move(original_name);
    file.size = static_cast<int64_t>(bytes.size());
    const std::filesystem::path folder = state_dir / "reports";
    const std::filesystem::path target = state_dir / file.path;
    if (::mkdir(folder.c_str(), 0750) != 0 && errno != EEXIST) return failure("create the folder", folder, errno);
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == file.size) return file;

    const std::filesystem::path temporary = folder / ("." + file.sha256 + "." + std::to_string(::getpid()) + ".tmp");
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0640);
    if (fd < 0) return failure("create", temporary, errno);
    int error = 0;
    if (::fchmod(fd, 0640) != 0) error = errno;  // whatever the umask
    for (size_t written = 0; !error && written < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) error = errno;
        else written += static_cast<size_t>(n);
    }
    if (!error && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && !error) error = errno;
    if (!error && ::rename(temporary.c_str(), target.c_str()) != 0) error = errno;
    if (error) {
        ::unlink(temporary.c_str());
        return failure("write", target, error);
    }
    if (const int rc = sync_path(folder, O_RDONLY | O_DIRECTORY); rc != 0) return failure("sync", folder, rc);
    return file;
}

Status remove_report_file(const std::filesystem::path& state_dir, const ReportFile& file) {
    const std::filesystem::path target = state_dir / file.path;
    if (::unlink(target.c_str()) != 0 && errno != ENOENT) return failure("remove", target, errno);
    return {};
}

}  // namespace nhacviec
