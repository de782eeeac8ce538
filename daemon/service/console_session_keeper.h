// ConsoleSessionKeeper: keeps the console's sessions held in memory
// (app::ConsoleSessionTable) true to the database, off the event loop. At
// start it reads them (before the daemon says it is ready); then a thread of
// its own, with its own database connection, looks every 500 ms whether
// another connection wrote (PRAGMA data_version, as LiveState does) and then
// reads the sessions and accounts again, so that `nhacviec user disable`,
// `user passwd` or `user remove` from the command line ends the sessions
// concerned within about half a second; and it writes the sessions' last
// requests to the database at most every `flush_every` (a minute), and once
// more when it stops. Owned by the daemon; start() and stop() on the loop.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "app/console_sessions_table.h"
#include "common/result.h"

namespace nhacviec {

class ConsoleSessionKeeper {
public:
    // How often the last requests reach the database, at most: the slack of idle expiry across a restart.
    static constexpr std::chrono::seconds kFlushEvery{60};
    // How often the thread looks for a write by another process.
    static constexpr std::chrono::milliseconds kPollInterval{500};

    ConsoleSessionKeeper(std::shared_ptr<app::ConsoleSessionTable> table, std::filesystem::path database,
                         std::chrono::milliseconds flush_every = kFlushEvery);
    ~ConsoleSessionKeeper();
    ConsoleSessionKeeper(const ConsoleSessionKeeper&) = delete;
    ConsoleSessionKeeper& operator=(const ConsoleSessionKeeper&) = delete;

    // Reads the sessions on the caller's thread, then starts watching.
    Status start();
    // Ends the thread after a last flush of the last requests (none when
    // `flush` is false: the database's file is no longer the one at its path); waits for it.
    void stop(bool flush = true);

private:
    void watch();

    std::shared_ptr<app::ConsoleSessionTable> table_;
    std::filesystem::path database_;
    std::chrono::milliseconds flush_every_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;  // guarded by mutex_
    bool last_flush_ = true;  // guarded by mutex_
    std::thread thread_;
};

}  // namespace nhacviec
