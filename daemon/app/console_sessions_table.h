// ConsoleSessionTable: the console's sessions and accounts as the daemon
// holds them in memory, so that checking a request's session cookie reads
// and writes nothing on disk. It is loaded from the database at start;
// the daemon's own logins and logouts change it at once (after their write
// to the database); a write by another process (`nhacviec user disable`,
// `user passwd`, `user remove`) reaches it through refresh(), which the
// daemon calls off the event loop when the database's change counter moved
// (service/console_session_keeper). The time of each session's last request
// is kept here and written to the database in batches by flush() (the
// daemon: at most once a minute, and when it stops): after a restart, a
// session's idle time counts from up to that batch interval before its
// true last request, so it may end that much earlier, never later. The
// rules are app::session_end's, as for check_session(). Owned by the Api;
// every method locks, so the event loop's checks never wait for a disk,
// only for another thread's brief swap of the maps.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/console_sessions.h"
#include "common/result.h"
#include "storage/account_store.h"
#include "storage/database.h"

namespace nhacviec::app {

class ConsoleSessionTable {
public:
    // Reads every session and account from `db` (on the calling thread) and
    // holds them; what the daemon's own logins and logouts did meanwhile is kept.
    Status refresh(Database& db);
    // Whether refresh() has worked once.
    bool loaded() const;

    // The session of `session_id` when it holds at `now` (its last request
    // becomes `now`, in memory); nullopt when it is malformed, unknown or
    // ended (an ended one is forgotten). Reads nothing from the database.
    std::optional<SignedIn> check(std::string_view session_id, std::chrono::sys_seconds now,
                                  std::chrono::seconds idle);
    // A session the daemon opened (written to the database already).
    void opened(const LoggedIn& login, std::chrono::sys_seconds now);
    // A session the daemon ended (removed from the database already).
    void closed(std::string_view session_id);
    // Forgets every session idle for `idle` or longer at `now`; how many.
    int64_t end_idle(std::chrono::sys_seconds now, std::chrono::seconds idle);

    // Writes the last requests not yet in the database, in one transaction;
    // how many. On an error they stay to be written by the next flush.
    Result<int64_t> flush(Database& db);
    // How many sessions are held.
    std::size_t size() const;

private:
    // One session held. A plain value.
    struct Session {
        int64_t account_id = 0;
        int64_t since = 0;              // Unix seconds of its login
        int64_t last_seen = 0;          // Unix seconds of its last request
        int64_t stored_last_seen = 0;   // what the database has of it
        std::string password_at_open;   // its account's password hash when it was opened or first read
        std::uint64_t opened_at_change = 0;  // the local change that opened it; 0: read from the database
    };

    mutable std::mutex mutex_;
    bool loaded_ = false;
    std::uint64_t changes_ = 0;  // the daemon's own logins and logouts, counted
    std::unordered_map<std::string, Session> sessions_;   // by the SHA-256 of the identifier, hex
    std::unordered_map<int64_t, Account> accounts_;       // by id
    // Sessions the daemon ended, with the change that did: a refresh that
    // began before it does not bring them back.
    std::unordered_map<std::string, std::uint64_t> closed_;
};

}  // namespace nhacviec::app
