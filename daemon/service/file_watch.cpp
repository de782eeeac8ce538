#include "service/file_watch.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <boost/asio/buffer.hpp>

namespace nhacviec {

namespace {
constexpr std::chrono::seconds kFallbackPeriod{10};
}

FileWatch::FileWatch(boost::asio::io_context& io) : inotify_(io), timer_(io) {}

std::optional<std::string> FileWatch::start(const std::filesystem::path& file, std::function<void()> changed) {
    changed_ = std::move(changed);
    const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd >= 0 && ::inotify_add_watch(fd, file.c_str(), IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF) >= 0) {
        inotify_.assign(fd);
        read();
        return std::nullopt;
    }
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    tick();
    return "cannot watch " + file.string() + " (" + why + "); checking it every " +
           std::to_string(kFallbackPeriod.count()) + " s instead";
}

void FileWatch::read() {
    inotify_.async_read_some(boost::asio::buffer(events_), [this](const boost::system::error_code& error, size_t) {
        if (error) return;  // cancelled: the loop stops
        changed_();
        read();
    });
}

void FileWatch::tick() {
    timer_.expires_after(kFallbackPeriod);
    timer_.async_wait([this](const boost::system::error_code& error) {
        if (error) return;
        changed_();
        tick();
    });
}

}  // namespace nhacviec
