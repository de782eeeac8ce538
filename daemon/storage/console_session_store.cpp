#include "storage/console_session_store.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace nhacviec {

Status ConsoleSessionStore::create(const std::string& id_hash, int64_t account_id, int64_t now) {
    try {
        SQLite::Statement s(db_.sql(),
                            "INSERT INTO console_sessions (id_hash, account_id, created_at, last_seen) VALUES (?, ?, ?, ?)");
        s.bind(1, id_hash);
        s.bind(2, account_id);
        s.bind(3, now);
        s.bind(4, now);
        s.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::optional<ConsoleSessionRow>> ConsoleSessionStore::find(const std::string& id_hash) {
    try {
        SQLite::Statement s(db_.sql(),
                            "SELECT account_id, created_at, last_seen FROM console_sessions WHERE id_hash = ?");
        s.bind(1, id_hash);
        if (!s.executeStep()) return std::optional<ConsoleSessionRow>();
        return std::optional<ConsoleSessionRow>(ConsoleSessionRow{id_hash, s.getColumn(0).getInt64(),
                                                                  s.getColumn(1).getInt64(), s.getColumn(2).getInt64()});
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status ConsoleSessionStore::touch(const std::string& id_hash, int64_t now) {
    try {
        SQLite::Statement s(db_.sql(), "UPDATE console_sessions SET last_seen = ? WHERE id_hash = ?");
        s.bind(1, now);
        s.bind(2, id_hash);
        s.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<ConsoleSessionRow>> ConsoleSessionStore::all() {
    try {
        SQLite::Statement s(db_.sql(), "SELECT id_hash, account_id, created_at, last_seen FROM console_sessions");
        std::vector<ConsoleSessionRow> out;
        while (s.executeStep())
            out.push_back({s.getColumn(0).getString(), s.getColumn(1).getInt64(), s.getColumn(2).getInt64(),
                           s.getColumn(3).getInt64()});
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status ConsoleSessionStore::touch_all(const std::vector<std::pair<std::string, int64_t>>& last_seen) {
    if (last_seen.empty()) return {};
    try {
        SQLite::Transaction transaction(db_.sql());
        SQLite::Statement s(db_.sql(), "UPDATE console_sessions SET last_seen = ? WHERE id_hash = ? AND last_seen < ?");
        for (const auto& [id_hash, at] : last_seen) {
            s.bind(1, at);
            s.bind(2, id_hash);
            s.bind(3, at);
            s.exec();
            s.reset();
        }
        transaction.commit();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<bool> ConsoleSessionStore::remove(const std::string& id_hash) {
    try {
        SQLite::Statement s(db_.sql(), "DELETE FROM console_sessions WHERE id_hash = ?");
        s.bind(1, id_hash);
        return s.exec() > 0;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<int64_t> ConsoleSessionStore::remove_idle(int64_t before) {
    try {
        SQLite::Statement s(db_.sql(), "DELETE FROM console_sessions WHERE last_seen < ?");
        s.bind(1, before);
        return static_cast<int64_t>(s.exec());
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

}  // namespace nhacviec
