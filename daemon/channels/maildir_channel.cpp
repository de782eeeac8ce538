// MaildirChannel: tmp/ → fsync → rename to new/ → fsync new/. See maildir_channel.h.
#include "channels/maildir_channel.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>

#include "channels/channel_settings.h"

namespace nhacviec {

namespace {

// The host part of a Maildir name: '/' and ':' written as the spec asks.
std::string maildir_host() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
    std::string out;
    for (const char* c = name; *c; ++c) {
        if (*c == '/') out += "\\057";
        else if (*c == ':') out += "\\072";
        else out += *c;
    }
    return out;
}

// A name no other delivery on this host uses: seconds, microseconds, process
// id and a counter that is shared by every MaildirChannel of the process (two
// channels on one folder may deliver in the same microsecond).
std::string unique_name() {
    static std::atomic<unsigned long> counter{0};
    static const std::string host = maildir_host();
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now - seconds);
    return std::to_string(seconds.count()) + ".M" + std::to_string(micros.count()) + "P" +
           std::to_string(::getpid()) + "Q" + std::to_string(++counter) + "." + host;
}

// The system's words for errno `error`.
std::string why(int error) { return std::strerror(error); }

DeliveryResult failure(const std::string& action, const std::filesystem::path& path, int error) {
    return {DeliveryResult::Outcome::retry, "maildir: cannot " + action + " " + path.string() + ": " + why(error),
            std::nullopt};
}

// Creates `path` (one level) unless it exists; 0 or an errno.
int make_folder(const std::filesystem::path& path) {
    if (::mkdir(path.c_str(), 0700) == 0 || errno == EEXIST) return 0;
    return errno;
}

// Creates the folder and its cur/, new/ and tmp/ where missing, tmp/ last: a
// worker that finds tmp/ (made by another worker a moment ago) finds new/ too.
// The failure, if one could not be made.
std::optional<DeliveryResult> complete_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) return failure("create", folder, ec.value());
    for (const char* sub : {"cur", "new", "tmp"}) {
        if (const int e = make_folder(folder / sub)) return failure("create", folder / sub, e);
    }
    return std::nullopt;
}

// Writes all of `bytes` to `fd`; 0 or an errno.
int write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
    return 0;
}

// fsync of a folder, so that a rename into it survives a crash; 0 or an errno.
int sync_folder(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno;
    const int rc = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return rc;
}

// The recipient as one header line's worth of text.
std::string one_line(const std::string& text) {
    std::string out;
    for (const char c : text)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

}  // namespace

MaildirChannel::MaildirChannel(std::filesystem::path folder, Mailbox from)
    : folder_(std::move(folder)), from_(std::move(from)) {}

DeliveryResult MaildirChannel::deliver(const ChannelDelivery& delivery, std::chrono::sys_seconds now) {
    return deliver(delivery.address, assemble_mime(mail_message(from_, delivery.content, now)));
}

DeliveryResult MaildirChannel::deliver(const std::string& recipient, const std::string& mime) {
    const auto tmp = folder_ / "tmp";
    const auto fresh = folder_ / "new";

    // Open tmp/NAME; create the folders when they are missing.
    std::string name;
    int fd = -1;
    for (int attempt = 0; fd < 0; ++attempt) {
        name = unique_name();
        fd = ::open((tmp / name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) break;
        const int error = errno;
        if ((error == ENOENT || error == ENOTDIR) && attempt == 0) {
            if (auto failed = complete_folder(folder_)) return *failed;
        } else if (error != EEXIST || attempt >= 3) {
            return failure("create", tmp / name, error);
        }
    }

    const std::string header = "Delivered-To: " + one_line(recipient) + "\r\n";
    int error = write_all(fd, header);
    if (!error) error = write_all(fd, mime);
    if (!error && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && !error) error = errno;
    if (error) {
        ::unlink((tmp / name).c_str());
        return failure("write", tmp / name, error);
    }
    // new/ is missing from a folder left half-made: make it, then rename once more.
    const auto rename_to_new = [&] { return ::rename((tmp / name).c_str(), (fresh / name).c_str()) == 0 ? 0 : errno; };
    error = rename_to_new();
    if (error == ENOENT && !complete_folder(folder_)) error = rename_to_new();
    if (error) {
        ::unlink((tmp / name).c_str());
        return failure("rename to", fresh / name, error);
    }
    if (const int e = sync_folder(fresh)) {
        // Not known to be on disk: take it back rather than risk a duplicate on the retry.
        ::unlink((fresh / name).c_str());
        return failure("sync", fresh, e);
    }
    return {DeliveryResult::Outcome::sent, "delivered to " + (fresh / name).string(), std::nullopt};
}

}  // namespace nhacviec
