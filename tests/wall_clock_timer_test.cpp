// WallClockTimer: wakes at a moment of the wall clock; a newer wait or a
// cancel replaces the pending one. (A change of the system clock, the third
// reason it wakes, needs CAP_SYS_TIME and would disturb the machine: it is not
// provoked here.)
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

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
