// WallClockTimer: wakes the event loop at a moment of the wall clock, and also
// when the wall clock is set (an NTP step, a manual change): a Linux timerfd
// on CLOCK_REALTIME with TFD_TIMER_CANCEL_ON_SET. An absolute CLOCK_REALTIME
// timer also fires on time across a suspend, which a timer on the monotonic
// clock would not. Owned by the daemon; used from its event loop only.
#pragma once

#include <chrono>
#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

namespace nhacviec {

class WallClockTimer {
public:
    explicit WallClockTimer(boost::asio::io_context& io);
    ~WallClockTimer();

    // Why the handler runs.
    enum class Wake { due, clock_changed, cancelled };
    // Calls `handler` once: at system time `at` (at once if it has passed), or
    // earlier when the clock is set or the wait is replaced or cancelled.
    void wait_until(std::chrono::system_clock::time_point at, std::function<void(Wake)> handler);
    void cancel();

private:
    boost::asio::posix::stream_descriptor fd_;
    std::uint64_t generation_ = 0;  // a newer wait makes the handler of an older one a no-op
};

}  // namespace nhacviec
