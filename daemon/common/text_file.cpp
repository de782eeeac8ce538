#include "common/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nhacviec {

Result<std::string> read_text_file(const std::filesystem::path& path, size_t max_bytes, std::string_view failure) {
    const auto fail = [&](const std::string& reason) {
        return Error{path.string() + ": " + std::string(failure) + ": " + reason};
    };
    const std::string too_large = "more than " + std::to_string(max_bytes) + " bytes";
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return fail(std::strerror(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) return fail(std::strerror(errno));
    if (S_ISDIR(st.st_mode)) return fail("it is a directory");
    std::string bytes;
    if (S_ISREG(st.st_mode)) {
        if (static_cast<unsigned long long>(st.st_size) > max_bytes) return fail(too_large);
        bytes.reserve(static_cast<size_t>(st.st_size));
    }
    // Read to the end, not to the size fstat gave: the file may be growing,
    // and files such as those of /proc have none.
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(std::strerror(errno));
        }
        if (n == 0) break;
        if (bytes.size() + static_cast<size_t>(n) > max_bytes) return fail(too_large);
        bytes.append(buffer, static_cast<size_t>(n));
    }
    return bytes;
}

}  // namespace nhacviec
