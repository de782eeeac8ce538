// ConsoleSessionStore: the console's sessions (schema 0012), each kept by the
// SHA-256 of its identifier with its account and the time of its last
// request. Borrows the Database; used on the thread that owns it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "storage/database.h"

namespace nhacviec {

// One stored session. A plain value.
struct ConsoleSessionRow {
    std::string id_hash;     // 64 hex digits
    int64_t account_id = 0;
    int64_t created_at = 0;  // Unix seconds
    int64_t last_seen = 0;   // Unix seconds
};

class ConsoleSessionStore {
public:
    explicit ConsoleSessionStore(Database& db) : db_(db) {}

    Status create(const std::string& id_hash, int64_t account_id, int64_t now);
    Result<std::optional<ConsoleSessionRow>> find(const std::string& id_hash);
    Status touch(const std::string& id_hash, int64_t now);
    // Every session, in no particular order.
    Result<std::vector<ConsoleSessionRow>> all();
    // The last requests of several sessions, in one transaction; a session's
    // time only moves forward, and one that has ended is left alone.
    Status touch_all(const std::vector<std::pair<std::string, int64_t>>& last_seen);
    // Ends one session; whether there was one.
    Result<bool> remove(const std::string& id_hash);
    // Ends every session whose last request was before `before`; how many.
    Result<int64_t> remove_idle(int64_t before);

private:
    Database& db_;
};

}  // namespace nhacviec
