// Database: the SQLite file that holds plans, tasks and their history. Opening
// it turns on WAL and foreign keys and applies the numbered migrations from
// schema/ (compiled in) that it has not seen yet, each in its own transaction.
// It is opened by its canonical path (symlinks and relative parts resolved),
// never when the file has a second name (a hard link): SQLite names its
// write-ahead log after the path, so two names would mean two logs for one
// file. Owned by one command or by the daemon's loop; not shared across threads.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>

#include <SQLiteCpp/Database.h>

#include "common/result.h"

namespace nhacviec {

class Database {
public:
    // Opens (creating when missing, with its folder) and migrates.
    static Result<Database> open(const std::filesystem::path& path);
    // Opens a database that must exist already; for commands that only read.
    static Result<Database> open_existing(const std::filesystem::path& path);

    SQLite::Database& sql() { return *db_; }
    // The canonical path it was opened by.
    const std::filesystem::path& path() const { return path_; }

    // The file it has open: device and inode.
    struct FileId {
        dev_t device = 0;
        ino_t inode = 0;
        bool operator==(const FileId&) const = default;
    };
    const FileId& file() const { return file_; }
    // An error when path() no longer leads to that file: deleted, moved away
    // or replaced by another (a backup put back, say). Writing on would go
    // to a file nobody reads, through a write-ahead log the new file takes.
    Status check_file() const;
    // The number of the newest migration applied.
    int schema_version() const { return schema_version_; }

    // An error when SQLite could open the file for reading only (its
    // permissions or attributes), for the commands that write.
    Status require_writable();

    // A failed statement as an Error that names this database; transient
    // when another connection held the lock for longer than the busy timeout.
    Error error(const std::exception& e) const;

private:
    Database(std::unique_ptr<SQLite::Database> db, std::filesystem::path path, FileId file)
        : db_(std::move(db)), path_(std::move(path)), file_(file) {}
    Status migrate();

    std::unique_ptr<SQLite::Database> db_;
    std::filesystem::path path_;
    FileId file_;
    int schema_version_ = 0;
};

}  // namespace nhacviec
