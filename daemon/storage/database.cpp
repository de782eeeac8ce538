#include "storage/database.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <SQLiteCpp/Transaction.h>

#include "common/embedded.h"

namespace nhacviec {
namespace {

// "schema/0001_initial.sql" → 1; 0 for files that are not migrations.
int migration_number(std::string_view name) {
    constexpr std::string_view prefix = "schema/";
    if (name.substr(0, prefix.size()) != prefix || name.size() < prefix.size() + 5) return 0;
    int number = 0;
    for (size_t i = prefix.size(); i < prefix.size() + 4; ++i) {
        if (name[i] < '0' || name[i] > '9') return 0;
        number = number * 10 + (name[i] - '0');
    }
    return name[prefix.size() + 4] == '_' ? number : 0;
}

Result<std::unique_ptr<SQLite::Database>> open_with(const std::filesystem::path& path, int flags) {
    try {
        auto db = std::make_unique<SQLite::Database>(path.string(), flags, 5000);
        db->exec("PRAGMA foreign_keys = ON");
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA synchronous = FULL");
        return db;
    } catch (const SQLite::Exception& e) {
        return Error{path.string() + ": cannot open the database: " + e.what()};
    }
}

// Refused: SQLite keeps the write-ahead log next to the name a file is opened
// by, so connections writing through two names of one file each keep a log of
// their own and corrupt it.
Error second_name(const std::filesystem::path& path, nlink_t names) {
    return Error{path.string() + ": the database file has " + std::to_string(names) +
                 " names (hard links); SQLite keeps a write-ahead log per name and writing through two names "
                 "corrupts it: remove the other names (find / -xdev -samefile " +
                 path.string() + ") and use the one left"};
}

}  // namespace

Result<Database> Database::open(const std::filesystem::path& given) {
    std::error_code ec;
    if (given.has_parent_path() && !std::filesystem::exists(given.parent_path(), ec)) {
        std::filesystem::create_directories(given.parent_path(), ec);
        if (ec) return Error{given.parent_path().string() + ": cannot create the folder: " + ec.message()};
    }
    // One name for the file whatever path reaches it: symlinks, "..", relative parts resolved.
    const std::filesystem::path path = std::filesystem::weakly_canonical(given, ec);
    if (ec) return Error{given.string() + ": cannot open the database: " + ec.message()};
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink > 1)
        return second_name(path, st.st_nlink);
    auto db = open_with(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    if (!db) return db.error();
    if (::stat(path.c_str(), &st) != 0)
        return Error{path.string() + ": cannot open the database: " + std::strerror(errno)};
    if (st.st_nlink > 1) return second_name(path, st.st_nlink);
    Database database(std::move(*db), path, FileId{st.st_dev, st.st_ino});
    if (auto status = database.migrate(); !status) return status.error();
    return database;
}

Result<Database> Database::open_existing(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return Error{path.string() + ": no database yet; import a plan first (nhacviec import FILE)"};
    return open(path);
}

Error Database::error(const std::exception& e) const {
    Error error{path_.string() + ": database error: " + e.what()};
    if (const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e)) {
        const int code = sqlite->getErrorCode() & 0xff;  // the primary code of an extended one
        error.transient = code == SQLITE_BUSY || code == SQLITE_LOCKED;
    }
    return error;
}

Status Database::check_file() const {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return Error{path_.string() + ": the database file was deleted or moved away while open"};
        return Error{path_.string() + ": cannot check the database file: " + std::strerror(errno)};
    }
    // While SQLite holds the file open its inode cannot be reused: another inode is another file.
    if (FileId{st.st_dev, st.st_ino} != file_)
        return Error{path_.string() + ": the database file was replaced by another file while open"};
    return {};
}

Status Database::require_writable() {
    if (sqlite3_db_readonly(db_->getHandle(), "main") != 1) return {};
    return Error{path_.string() +
                 ": the database is read-only (the file's permissions or attributes): nhacviec must write to it"};
}

Status Database::migrate() {
    try {
        db_->exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        SQLite::Statement current(*db_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        current.executeStep();
        schema_version_ = current.getColumn(0).getInt();
        current.reset();  // no statement may be left open: a migration may drop a table
        for (const auto& file : embedded_files()) {
            const int number = migration_number(file.name);
            if (number == 0 || number <= schema_version_) continue;
            SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
            db_->exec(std::string(file.content));
            SQLite::Statement record(*db_,
                                     "INSERT INTO schema_migrations (version, name, applied_at)"
                                     " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
            record.bind(1, number);
            record.bind(2, std::string(file.name));
            record.exec();
            transaction.commit();
            schema_version_ = number;
        }
        return {};
    } catch (const SQLite::Exception& e) {
        return Error{path_.string() + ": cannot prepare the database: " + e.what()};
    }
}

}  // namespace nhacviec
