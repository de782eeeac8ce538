// FileWatch: wakes the event loop when a file may no longer be at its path:
// its link count changed (deleted, or replaced by a rename over it), it was
// moved, or its attributes changed (inotify on the file itself, so nothing
// else in its folder wakes it). Where inotify is not available it calls back
// every 10 s instead. The callback checks what actually happened. Owned by
// the daemon; used from its event loop only.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace nhacviec {

class FileWatch {
public:
    explicit FileWatch(boost::asio::io_context& io);

    // Watches `file` until destroyed, calling `changed` after each event.
    // Returns why it checks every 10 s instead, when it cannot watch.
    std::optional<std::string> start(const std::filesystem::path& file, std::function<void()> changed);

private:
    void read();
    void tick();

    boost::asio::posix::stream_descriptor inotify_;
    boost::asio::steady_timer timer_;
    std::function<void()> changed_;
    std::array<char, 4096> events_{};  // read and dropped: which event it was does not matter
};

}  // namespace nhacviec
