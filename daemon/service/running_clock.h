// RunningClock: the system clock, or the system clock shifted so that it
// started at another moment (`nhacviec run --now …`, for tests and
// demonstrations): it runs at the normal speed from there. Owned by the daemon.
#pragma once

#include "common/clock.h"

namespace nhacviec {

class RunningClock final : public Clock {
public:
    // A clock that reads `start` now and runs from there.
    explicit RunningClock(std::chrono::sys_seconds start) : offset_(start - system_now()) {}
    RunningClock() = default;

    std::chrono::sys_seconds now() const override { return system_now() + offset_; }
    // The system time at which this clock will read `time`.
    std::chrono::sys_seconds system_time_of(std::chrono::sys_seconds time) const { return time - offset_; }

private:
    static std::chrono::sys_seconds system_now() {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
    std::chrono::seconds offset_{0};
};

}  // namespace nhacviec
