// DeliveryLock: makes sure one process at a time delivers from a database
// file, so that two never claim, recover or send the same deliveries. An
// advisory lock (flock) on the database file itself, so that every path that
// reaches the file (a symlink, a relative path) meets the same lock; SQLite's
// own locks are POSIX record locks, which flock does not touch. Released when
// the holder exits, however it exits. Owned by the command or daemon that
// delivers, which destroys it after its connections to the file: closing any
// descriptor of a file drops the process's POSIX locks on it, SQLite's too.
#pragma once

#include "common/result.h"
#include "storage/database.h"

namespace nhacviec {

class DeliveryLock {
public:
    // Takes the lock of the file `database` has open; an error names the
    // process that holds it.
    static Result<DeliveryLock> acquire(const Database& database);
    DeliveryLock(DeliveryLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    DeliveryLock& operator=(DeliveryLock&&) = delete;
    ~DeliveryLock();

private:
    explicit DeliveryLock(int fd) : fd_(fd) {}
    int fd_;
};

}  // namespace nhacviec
