// ReadConnections: connections to the daemon's database for the work done
// off the event loop (the render threads), so that a request's reads never
// wait on the loop's connection nor hold up the loop. A connection is opened
// on first need, to the very file the loop's connection has open (refused
// when the path now leads to another one), lent to one thread at a time and
// given back when its Lease ends; there are at most as many as threads that
// asked at once. Owned by the Api (shared with the work it hands out);
// lend() may be called from any thread.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "common/result.h"
#include "storage/database.h"

namespace nhacviec {

class ReadConnections {
public:
    // Connections to the file `owner` (the loop's connection) has open.
    explicit ReadConnections(const Database& owner);
    ReadConnections(const ReadConnections&) = delete;
    ReadConnections& operator=(const ReadConnections&) = delete;

    // One connection, for the lease's lifetime, on the thread that holds it.
    class Lease {
    public:
        Lease(ReadConnections& pool, std::unique_ptr<Database> db) : pool_(&pool), db_(std::move(db)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Database& operator*() const { return *db_; }
        Database* operator->() const { return db_.get(); }

    private:
        ReadConnections* pool_;
        std::unique_ptr<Database> db_;
    };

    // An idle connection, or a new one; an error naming the file when it cannot be opened.
    Result<Lease> lend();

private:
    void give_back(std::unique_ptr<Database> db);

    const std::filesystem::path path_;
    const Database::FileId file_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Database>> idle_;  // guarded by mutex_
};

// A connection to `file` at `path` (what another connection has open), for
// another thread; an error when the path no longer leads to that file.
Result<Database> open_same_file(const std::filesystem::path& path, const Database::FileId& file);

}  // namespace nhacviec
