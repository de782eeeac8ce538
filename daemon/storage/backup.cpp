#include "storage/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <SQLiteCpp/Backup.h>

namespace nhacviec {
namespace {

namespace fs = std::filesystem;

// The destination or the path through which it resolves is the live database or a file SQLite keeps beside it.
bool is_live(const Database& database, const fs::path& destination) {
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(destination, ec);
    if (ec) return false;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (target == fs::path(database.path().string() + suffix)) return true;
    return fs::equivalent(target, database.path(), ec);
}

// Copies every page of `database` into the empty file `temporary`, in one step: one read transaction, so
// one consistent state, whatever other connections write meanwhile.
Status copy_pages(Database& database, const std::string& temporary) {
    try {
        SQLite::Database copy(temporary, SQLite::OPEN_READWRITE);
        copy.exec("PRAGMA journal_mode = OFF");  // a failed copy is removed, not rolled back
        SQLite::Backup backup(copy, database.sql());
        if (const int rc = backup.executeStep(); rc != SQLITE_DONE) return Error{sqlite3_errstr(rc)};
        return {};
    } catch (const SQLite::Exception& e) {
        return Error{e.what()};
    }
}

Status sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Error{std::strerror(errno)};
    const bool synced = ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!synced) return Error{std::strerror(error)};
    return {};
}

}  // namespace

Status back_up(Database& database, const fs::path& destination) {
    const std::string name = destination.string();
    if (is_live(database, destination))
        return Error{name + " is the live database or one of its files: back up to another file"};
    const auto failed = [&name](const std::string& why) {
        return Error{name + ": cannot write the backup: " + why};
    };

    const fs::path folder = destination.has_parent_path() ? destination.parent_path() : fs::path(".");
    std::string temporary = (folder / ("." + destination.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) return failed(std::strerror(errno));
    // The descriptor is closed only after SQLite's connection to the file: see DeliveryLock.
    Status written = copy_pages(database, temporary);
    if (written && ::fsync(fd) != 0) written = Error{std::strerror(errno)};
    ::close(fd);
    if (written && ::rename(temporary.c_str(), name.c_str()) != 0) written = Error{std::strerror(errno)};
    if (!written) {
        ::unlink(temporary.c_str());
        return failed(written.error().message);
    }
    if (auto synced = sync_folder(folder); !synced)
        return failed("the folder was not synced: " + synced.error().message);
    return {};
}

}  // namespace nhacviec
