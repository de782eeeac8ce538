// WallClockTimer: wakes at a moment of the wall clock; a newer wait or a
// cancel replaces the pending one. (A change of the system clock, the third
// reason it wakes, needs CAP_SYS_TIME and would disturb the machine: it is not
// provoked here.)
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "service/running_clock.h"
#include "service/wall_clock_timer.h"

using namespace nhacviec;

namespace {

std::chrono::sys_seconds whole_seconds_from_now(int seconds) {
    return std::chrono::ceil<std::chrono::seconds>(std::chrono::system_clock::now()) + std::chrono::seconds(seconds);
}

}  // namespace

TEST_CASE("the wall-clock timer wakes when its moment comes, not before", "[service]") {
    boost::asio::io_context io;
    WallClockTimer timer(io);
    const auto at = whole_seconds_from_now(1);
    std::vector<WallClockTimer::Wake> wakes;
    std::chrono::system_clock::time_point woke;
    timer.wait_until(at, [&](WallClockTimer::Wake wake) {
        wakes.push_back(wake);
        woke = std::chrono::system_clock::now();
    });
    io.run();
    REQUIRE(wakes == std::vector<WallClockTimer::Wake>{WallClockTimer::Wake::due});
    CHECK(woke >= at);
    CHECK(woke - at < std::chrono::milliseconds(500));
}

TEST_CASE("a newer wait replaces the pending one, and cancel ends it", "[service]") {
    boost::asio::io_context io;
    WallClockTimer timer(io);
    std::vector<std::string> calls;
    timer.wait_until(whole_seconds_from_now(3600), [&](WallClockTimer::Wake wake) {
        calls.push_back(wake == WallClockTimer::Wake::cancelled ? "first: cancelled" : "first: woke");
    });
    timer.wait_until(whole_seconds_from_now(0), [&](WallClockTimer::Wake wake) {
        calls.push_back(wake == WallClockTimer::Wake::due ? "second: due" : "second: other");
        timer.wait_until(whole_seconds_from_now(3600), [&](WallClockTimer::Wake third) {
            calls.push_back(third == WallClockTimer::Wake::cancelled ? "third: cancelled" : "third: woke");
        });
        timer.cancel();
    });
    io.run();
    CHECK(calls == std::vector<std::string>{"first: cancelled", "second: due", "third: cancelled"});
}

TEST_CASE("a moment already past wakes at once", "[service]") {
    boost::asio::io_context io;
    WallClockTimer timer(io);
    std::optional<WallClockTimer::Wake> wake;
    const auto started = std::chrono::steady_clock::now();
    timer.wait_until(whole_seconds_from_now(-60), [&](WallClockTimer::Wake w) { wake = w; });
    io.run();
    CHECK(wake == WallClockTimer::Wake::due);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(200));
}

TEST_CASE("a moment between two seconds is kept to the nanosecond", "[service]") {
    boost::asio::io_context io;
    WallClockTimer timer(io);
    const auto at = std::chrono::system_clock::now() + std::chrono::milliseconds(150);
    std::chrono::system_clock::time_point woke;
    timer.wait_until(at, [&](WallClockTimer::Wake) { woke = std::chrono::system_clock::now(); });
    io.run();
    CHECK(woke >= at);
    CHECK(woke - at < std::chrono::milliseconds(100));
}

TEST_CASE("a running clock started at another moment, 600 times as fast", "[service]") {
    using namespace std::chrono_literals;
    const std::chrono::sys_seconds start = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 1h;
    const RunningClock clock(start, 600);
    const auto origin = clock.system_time_of(start);
    // Ten minutes of the clock pass in one second of the system's.
    CHECK(clock.system_time_of(start + 10min) - origin == 1s);
    CHECK(clock.system_time_of(start + 1h) - origin == 6s);
    // One second of the clock is 1/600 s, rounded up so that now() has reached it by then.
    CHECK(clock.system_time_of(start + 1s) - origin == std::chrono::nanoseconds(1'666'667));
    // A moment before the start maps before it.
    CHECK(clock.system_time_of(start - 1min) - origin == -100ms);
    const RunningClock system;
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    CHECK(system.system_time_of(now) == now);
}
