#include "outbox/delivery_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace nhacviec {
namespace {

// The pid of the process holding an flock on the file, from /proc/locks
// ("3: FLOCK  ADVISORY  WRITE 1234 fe:00:10953736 0 EOF"); "" when not found.
std::string flock_holder(const struct stat& file) {
    std::ifstream locks("/proc/locks");
    std::string line;
    while (std::getline(locks, line)) {
        std::istringstream fields(line);
        std::string number, type, mode, access, pid, id;
        fields >> number >> type;
        if (type == "->") fields >> type;  // a process waiting for the lock
        else if (fields >> mode >> access >> pid >> id; type == "FLOCK" && access == "WRITE") {
            unsigned major_id = 0, minor_id = 0;
            unsigned long long inode = 0;
            if (std::sscanf(id.c_str(), "%x:%x:%llu", &major_id, &minor_id, &inode) == 3 &&
                inode == file.st_ino && major_id == major(file.st_dev) && minor_id == minor(file.st_dev))
                return pid;
        }
    }
    return "";
}

}  // namespace

Result<DeliveryLock> DeliveryLock::acquire(const Database& database) {
    const std::string path = database.path().string();
    // The file the connection has open, not whatever is at its path now.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || Database::FileId{st.st_dev, st.st_ino} != database.file()) {
        const int error = errno;
        if (fd >= 0) ::close(fd);
        if (auto same = database.check_file(); !same) return same.error();
        return Error{path + ": cannot open the database for its delivery lock: " + std::strerror(error)};
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        if (error != EWOULDBLOCK) return Error{path + ": cannot take the delivery lock: " + std::strerror(error)};
        const std::string holder = flock_holder(st);
        return Error{path + ": another nhacviec process" + (holder.empty() ? "" : " (pid " + holder + ")") +
                     " is delivering from it"};
    }
    return DeliveryLock(fd);
}

DeliveryLock::~DeliveryLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace nhacviec
