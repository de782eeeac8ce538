// RunningClock: the system clock, or a clock that started at another moment
// (`nhacviec run --now …`) and runs from there, at the normal speed or
// `rate` times faster (`--clock-rate N`, for tests and trials of the retry
// schedule). Owned by the daemon.
#pragma once

#include <chrono>

#include "common/clock.h"

namespace nhacviec {

class RunningClock final : public Clock {
public:
    // The system clock.
    RunningClock() = default;
    // A clock that reads `start` now and runs `rate` (≥ 1) times as fast as the system clock.
    RunningClock(std::chrono::sys_seconds start, int rate)
        : shifted_(true), start_(start), origin_(std::chrono::system_clock::now()), rate_(rate) {}

    std::chrono::sys_seconds now() const override {
        const auto real = std::chrono::system_clock::now();
        if (!shifted_) return std::chrono::floor<std::chrono::seconds>(real);
        return start_ + std::chrono::floor<std::chrono::seconds>((real - origin_) * rate_);
    }

    // The system time at which this clock reads `time` (the earliest such instant).
    std::chrono::system_clock::time_point system_time_of(std::chrono::sys_seconds time) const {
        if (!shifted_) return time;
        const auto ahead = std::chrono::duration_cast<std::chrono::system_clock::duration>(time - start_);
        // Rounded up, so that now() has reached `time` by then.
        auto real = ahead / rate_;
        if (real * rate_ < ahead) real += std::chrono::system_clock::duration(1);
        return origin_ + real;
    }

private:
    bool shifted_ = false;
    std::chrono::sys_seconds start_{};
    std::chrono::system_clock::time_point origin_{};
    int rate_ = 1;
};

}  // namespace nhacviec
