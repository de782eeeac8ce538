#include "service/wall_clock_timer.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <boost/asio/buffer.hpp>

namespace nhacviec {

WallClockTimer::WallClockTimer(boost::asio::io_context& io) : fd_(io) {
    const int fd = ::timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (fd < 0) throw std::runtime_error(std::string("timerfd_create: ") + std::strerror(errno));
    fd_.assign(fd);
}

WallClockTimer::~WallClockTimer() = default;

void WallClockTimer::wait_until(std::chrono::system_clock::time_point at, std::function<void(Wake)> handler) {
    const std::uint64_t generation = ++generation_;
    fd_.cancel();
    itimerspec spec{};
    const auto since_epoch = std::chrono::duration_cast<std::chrono::nanoseconds>(at.time_since_epoch());
    if (since_epoch.count() > 0) {
        spec.it_value.tv_sec = static_cast<time_t>(since_epoch.count() / 1'000'000'000);
        spec.it_value.tv_nsec = static_cast<long>(since_epoch.count() % 1'000'000'000);
    } else {
        spec.it_value.tv_nsec = 1;  // long past; all zeros would disarm it
    }
    if (::timerfd_settime(fd_.native_handle(), TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, nullptr) != 0)
        throw std::runtime_error(std::string("timerfd_settime: ") + std::strerror(errno));
    auto expirations = std::make_shared<std::uint64_t>(0);
    fd_.async_read_some(boost::asio::buffer(expirations.get(), sizeof *expirations),
                        [this, generation, expirations, handler = std::move(handler)](
                            const boost::system::error_code& error, std::size_t) {
                            if (generation != generation_) return handler(Wake::cancelled);
                            if (error == boost::asio::error::operation_aborted) return handler(Wake::cancelled);
                            // A read fails with ECANCELED when the clock was set.
                            if (error && error.value() == ECANCELED) return handler(Wake::clock_changed);
                            handler(error ? Wake::clock_changed : Wake::due);
                        });
}

void WallClockTimer::cancel() {
    ++generation_;
    fd_.cancel();
}

}  // namespace nhacviec
