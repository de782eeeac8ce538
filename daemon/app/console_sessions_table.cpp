#include "app/console_sessions_table.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <SQLiteCpp/Transaction.h>

#include "storage/console_session_store.h"

namespace nhacviec::app {

Status ConsoleSessionTable::refresh(Database& db) {
    std::uint64_t start = 0;
    {
        std::lock_guard lock(mutex_);
        start = changes_;
    }
    // Both tables as of one moment: a password changed between two reads cannot pair an old session with it.
    std::vector<ConsoleSessionRow> rows;
    std::vector<Account> accounts;
    try {
        SQLite::Transaction reading(db.sql());
        auto read_rows = ConsoleSessionStore(db).all();
        if (!read_rows) return read_rows.error();
        auto read_accounts = AccountStore(db).list();
        if (!read_accounts) return read_accounts.error();
        rows = std::move(*read_rows);
        accounts = std::move(*read_accounts);
    } catch (const SQLite::Exception& e) {
        return db.error(e);
    }  // the read transaction ends here, without a write

    std::unordered_map<int64_t, Account> fresh_accounts;
    fresh_accounts.reserve(accounts.size());
    for (Account& account : accounts) fresh_accounts.emplace(account.id, std::move(account));

    std::lock_guard lock(mutex_);
    std::unordered_map<std::string, Session> fresh;
    fresh.reserve(rows.size());
    for (ConsoleSessionRow& row : rows) {
        // Logged out here after the read began: the row read is already gone.
        if (const auto ended = closed_.find(row.id_hash); ended != closed_.end() && ended->second > start) continue;
        Session session;
        session.account_id = row.account_id;
        session.since = row.created_at;
        session.stored_last_seen = row.last_seen;
        session.last_seen = row.last_seen;
        if (const auto held = sessions_.find(row.id_hash); held != sessions_.end()) {
            session.last_seen = std::max(row.last_seen, held->second.last_seen);
            session.password_at_open = held->second.password_at_open;
        } else if (const auto account = fresh_accounts.find(row.account_id); account != fresh_accounts.end()) {
            session.password_at_open = account->second.password_hash;
        }
        fresh.emplace(std::move(row.id_hash), std::move(session));
    }
    // Opened here after the read began: kept, with their account as the login read it when the read missed it.
    for (auto& [hash, session] : sessions_) {
        if (session.opened_at_change <= start || fresh.count(hash)) continue;
        if (!fresh_accounts.count(session.account_id))
            if (const auto account = accounts_.find(session.account_id); account != accounts_.end())
                fresh_accounts.emplace(account->first, account->second);
        fresh.emplace(hash, session);
    }
    std::erase_if(closed_, [start](const auto& ended) { return ended.second <= start; });
    sessions_.swap(fresh);
    accounts_.swap(fresh_accounts);
    loaded_ = true;
    return {};
}  // the old maps are freed here, after the lock is let go of

bool ConsoleSessionTable::loaded() const {
    std::lock_guard lock(mutex_);
    return loaded_;
}

std::optional<SignedIn> ConsoleSessionTable::check(std::string_view session_id, std::chrono::sys_seconds now,
                                                   std::chrono::seconds idle) {
    if (!well_formed_session_id(session_id)) return std::nullopt;
    std::string hash = session_id_hash(session_id);
    const int64_t at = now.time_since_epoch().count();
    std::lock_guard lock(mutex_);
    const auto found = sessions_.find(hash);
    if (found == sessions_.end()) return std::nullopt;
    Session& session = found->second;
    const auto account = accounts_.find(session.account_id);
    const Account* holder = account == accounts_.end() ? nullptr : &account->second;
    if (session_end(session.last_seen, holder, session.password_at_open, at, idle)) {
        sessions_.erase(found);
        return std::nullopt;
    }
    session.last_seen = std::max(session.last_seen, at);
    return SignedIn{*holder, std::move(hash), std::chrono::sys_seconds(std::chrono::seconds(session.since))};
}

void ConsoleSessionTable::opened(const LoggedIn& login, std::chrono::sys_seconds now) {
    std::string hash = session_id_hash(login.session_id);
    const int64_t at = now.time_since_epoch().count();
    std::lock_guard lock(mutex_);
    ++changes_;
    closed_.erase(hash);
    accounts_.insert_or_assign(login.account.id, login.account);
    sessions_.insert_or_assign(std::move(hash),
                               Session{login.account.id, at, at, at, login.account.password_hash, changes_});
}

void ConsoleSessionTable::closed(std::string_view session_id) {
    if (!well_formed_session_id(session_id)) return;
    std::string hash = session_id_hash(session_id);
    std::lock_guard lock(mutex_);
    ++changes_;
    sessions_.erase(hash);
    closed_.insert_or_assign(std::move(hash), changes_);
}

int64_t ConsoleSessionTable::end_idle(std::chrono::sys_seconds now, std::chrono::seconds idle) {
    const int64_t at = now.time_since_epoch().count();
    std::lock_guard lock(mutex_);
    return static_cast<int64_t>(
        std::erase_if(sessions_, [&](const auto& held) { return at - held.second.last_seen >= idle.count(); }));
}

Result<int64_t> ConsoleSessionTable::flush(Database& db) {
    std::vector<std::pair<std::string, int64_t>> due;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [hash, session] : sessions_)
            if (session.last_seen > session.stored_last_seen) due.emplace_back(hash, session.last_seen);
    }
    if (due.empty()) return int64_t{0};
    if (auto written = ConsoleSessionStore(db).touch_all(due); !written) return written.error();
    std::lock_guard lock(mutex_);
    for (const auto& [hash, at] : due)
        if (const auto held = sessions_.find(hash); held != sessions_.end())
            held->second.stored_last_seen = std::max(held->second.stored_last_seen, at);
    return static_cast<int64_t>(due.size());
}

std::size_t ConsoleSessionTable::size() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

}  // namespace nhacviec::app
