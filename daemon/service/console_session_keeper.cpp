#include "service/console_session_keeper.h"

#include <cstdint>
#include <optional>

#include "common/log.h"
#include "storage/database.h"

namespace nhacviec {

ConsoleSessionKeeper::ConsoleSessionKeeper(std::shared_ptr<app::ConsoleSessionTable> table,
                                           std::filesystem::path database, std::chrono::milliseconds flush_every)
    : table_(std::move(table)), database_(std::move(database)), flush_every_(flush_every) {}

ConsoleSessionKeeper::~ConsoleSessionKeeper() { stop(); }

Status ConsoleSessionKeeper::start() {
    auto db = Database::open_existing(database_);
    if (!db) return db.error();
    if (auto read = table_->refresh(*db); !read) return Error{"the console's sessions cannot be read: " + read.error().message};
    thread_ = std::thread([this] { watch(); });
    return {};
}

void ConsoleSessionKeeper::stop(bool flush) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) last_flush_ = flush;
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void ConsoleSessionKeeper::watch() {
    std::optional<Database> db;
    std::int64_t data_version = -1;  // PRAGMA data_version at the last look; -1: read again
    auto flushed = std::chrono::steady_clock::now();
    for (;;) {
        bool stopping = false;
        bool last_flush = true;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, kPollInterval, [&] { return stopping_; });
            stopping = stopping_;
            last_flush = last_flush_;
        }
        if (stopping && !last_flush) return;
        if (!db) {
            auto opened = Database::open_existing(database_);
            if (!opened) {
                log::error("console sessions: " + opened.error().message);
                if (stopping) return;
                continue;
            }
            db.emplace(std::move(*opened));
        }
        if (stopping || std::chrono::steady_clock::now() - flushed >= flush_every_) {
            if (auto written = table_->flush(*db); !written)
                log::error("console sessions: their last requests cannot be written: " + written.error().message);
            else
                flushed = std::chrono::steady_clock::now();
        }
        if (stopping) return;
        try {
            const std::int64_t now_version = db->sql().execAndGet("PRAGMA data_version").getInt64();
            if (now_version == data_version) continue;
            if (auto read = table_->refresh(*db); !read) {
                log::error("console sessions: they cannot be read again: " + read.error().message);
                continue;  // data_version stays: read again at the next look
            }
            data_version = now_version;
        } catch (const std::exception& e) {
            log::error("console sessions: " + db->error(e).message);
        }
    }
}

}  // namespace nhacviec
