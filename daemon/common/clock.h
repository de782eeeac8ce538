// Clock: where "now" comes from. Commands and the daemon take a Clock, so
// tests can use a FakeClock and walk through years in milliseconds.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"

namespace nhacviec {

// The source of the current time. Implementations are owned by main() or by a test.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::sys_seconds now() const = 0;
};

// The system's wall clock.
class SystemClock final : public Clock {
public:
    std::chrono::sys_seconds now() const override {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

// A clock that moves only when told to.
class FakeClock final : public Clock {
public:
    explicit FakeClock(std::chrono::sys_seconds start) : now_(start) {}
    std::chrono::sys_seconds now() const override { return now_; }
    void set(std::chrono::sys_seconds time) { now_ = time; }
    void advance(std::chrono::seconds by) { now_ += by; }

private:
    std::chrono::sys_seconds now_;
};

// Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving).
inline constexpr std::chrono::hours kVietnamOffset{7};

// The calendar day in Vietnam at `time`.
inline Date vietnam_date(std::chrono::sys_seconds time) {
    return Date{std::chrono::floor<std::chrono::days>(time + kVietnamOffset)};
}

// 08:00 in Vietnam on `date`, as a point in time.
inline std::chrono::sys_seconds vietnam_time(Date date, int minutes_after_midnight) {
    return std::chrono::sys_seconds{std::chrono::sys_days{date}} + std::chrono::minutes{minutes_after_midnight} -
           kVietnamOffset;
}

// "2026-12-01T08:00:00+07:00": `time` in Vietnam, as ISO 8601.
std::string format_vietnam_time(std::chrono::sys_seconds time);

// "09:12 ngày 05/10/2026": `time` in Vietnam as pages and messages say it.
std::string format_vietnamese_moment(std::chrono::sys_seconds time);

// Reads "2026-12-01T08:00" or "2026-12-01T08:00:30" as a time in Vietnam;
// nullopt when it is not one.
std::optional<std::chrono::sys_seconds> parse_vietnam_time(std::string_view text);

}  // namespace nhacviec
