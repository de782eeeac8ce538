#include "outbox/delivery_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace nhacviec {

Result<DeliveryLock> DeliveryLock::acquire(const std::filesystem::path& database) {
    const std::string path = database.string() + ".delivery-lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Error{path + ": cannot open the delivery lock: " + std::strerror(errno)};
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = {};
        const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
        ::close(fd);
        std::string holder = n > 0 ? std::string(pid, static_cast<size_t>(n)) : "?";
        while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
        return Error{database.string() + ": another nhacviec process (pid " + holder + ") is delivering from it"};
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // The pid is only for the message above; the lock itself is held.
    }
    return DeliveryLock(fd);
}

DeliveryLock::~DeliveryLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace nhacviec
