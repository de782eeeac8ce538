// DeliveryLock: makes sure one process at a time delivers from a database,
// so that two never claim, recover or send the same deliveries. An advisory
// lock (flock) on "<database>.delivery-lock", released when the holder exits
// however it exits. Owned by the command or daemon that delivers.
#pragma once

#include <filesystem>

#include "common/result.h"

namespace nhacviec {

class DeliveryLock {
public:
    // Takes the lock of `database`; an error names the process that holds it.
    static Result<DeliveryLock> acquire(const std::filesystem::path& database);
    DeliveryLock(DeliveryLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    DeliveryLock& operator=(DeliveryLock&&) = delete;
    ~DeliveryLock();

private:
    explicit DeliveryLock(int fd) : fd_(fd) {}
    int fd_;
};

}  // namespace nhacviec
