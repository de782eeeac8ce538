#include "links/link_secret.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <openssl/rand.h>

#include "common/base64.h"
#include "common/text_file.h"

namespace nhacviec {
namespace {

constexpr std::size_t kSecretBytes = 32;

Error file_error(const std::filesystem::path& path, const std::string& what) {
    return Error{path.string() + ": " + what};
}

Error errno_error(const std::filesystem::path& path, const std::string& what) {
    return file_error(path, what + ": " + std::strerror(errno));
}

// Writes `text` to a new file at `path` with mode 0600 and syncs it; with `exclusive`, fails when it exists.
Status write_private(const std::filesystem::path& path, const std::string& text, bool exclusive) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC), 0600);
    if (fd < 0) return errno_error(path, "cannot create");
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const Error e = errno_error(path, "cannot write");
            ::close(fd);
            return e;
        }
        written += static_cast<size_t>(n);
    }
    if (::fchmod(fd, 0600) != 0 || ::fsync(fd) != 0) {
        const Error e = errno_error(path, "cannot sync");
        ::close(fd);
        return e;
    }
    if (::close(fd) != 0) return errno_error(path, "cannot close");
    return {};
}

Status sync_folder(const std::filesystem::path& path) {
    const auto folder = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno_error(folder, "cannot open the folder");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return errno_error(folder, "cannot sync the folder");
    return {};
}

Result<std::string> new_secret_text() {
    unsigned char bytes[kSecretBytes];
    if (RAND_bytes(bytes, sizeof bytes) != 1) return Error{"cannot draw random bytes for the link secret"};
    return base64_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes)) + "\n";
}

}  // namespace

std::filesystem::path link_secret_path(const std::filesystem::path& database) {
    return database.parent_path() / "links.key";
}

Result<LinkSecret> load_link_secret(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return file_error(path, "no link secret; the daemon makes one at its first start");
        return errno_error(path, "cannot read the link secret");
    }
    if (!S_ISREG(st.st_mode)) return file_error(path, "the link secret is not a regular file");
    if ((st.st_mode & 077) != 0)
        return file_error(path, "the link secret must be readable by its owner only (chmod 600)");
    auto text = read_text_file(path, 1024);
    if (!text) return text.error();
    std::string line = *text;
    if (!line.empty() && line.back() == '\n') line.pop_back();
    const auto bytes = base64_decode(line);
    if (!bytes || bytes->size() != kSecretBytes)
        return file_error(path, "the link secret is not the base64 of 32 bytes on one line");
    return LinkSecret{*bytes};
}

Result<LinkSecret> load_or_create_link_secret(const std::filesystem::path& path) {
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored)) {
        auto text = new_secret_text();
        if (!text) return text.error();
        const Status made = write_private(path, *text, true);
        // Another process may have made it meanwhile: then that one is the secret.
        if (!made.ok() && !std::filesystem::exists(path, ignored)) return made.error();
        if (made.ok())
            if (const Status synced = sync_folder(path); !synced.ok()) return synced.error();
    }
    return load_link_secret(path);
}

Result<LinkSecret> rotate_link_secret(const std::filesystem::path& path) {
    auto text = new_secret_text();
    if (!text) return text.error();
    const std::filesystem::path temporary = path.string() + ".new";
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    if (const Status written = write_private(temporary, *text, true); !written.ok()) return written.error();
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const Error e = errno_error(path, "cannot replace the link secret");
        std::filesystem::remove(temporary, ignored);
        return e;
    }
    if (const Status synced = sync_folder(path); !synced.ok()) return synced.error();
    return load_link_secret(path);
}

Result<LinkSecret> LinkSecretFile::current() {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
        if (errno != ENOENT) return errno_error(path_, "cannot read the link secret");
        loaded_from_.reset();
        auto made = load_or_create_link_secret(path_);
        if (!made) return made.error();
        if (::stat(path_.c_str(), &st) != 0) return errno_error(path_, "cannot read the link secret");
    }
    const Identity now{st.st_dev, st.st_ino,
                       static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec, st.st_size};
    if (loaded_from_ && *loaded_from_ == now) return secret_;
    auto loaded = load_link_secret(path_);
    if (!loaded) {
        loaded_from_.reset();
        return loaded.error();
    }
    secret_ = std::move(*loaded);
    loaded_from_ = now;
    return secret_;
}

}  // namespace nhacviec
