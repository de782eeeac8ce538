// back_up: copies an open database to another file with SQLite's online
// backup, a consistent copy while other processes (the daemon) read and
// write it, its write-ahead log included. The copy is written to a temporary
// file in the destination's folder, made durable, then renamed over the
// destination, so that a failure leaves nothing half-written. The database
// itself, and its -wal, -shm and -journal files, are refused as destinations.
#pragma once

#include <filesystem>

#include "common/result.h"
#include "storage/database.h"

namespace nhacviec {

// An error names the destination as it was given.
Status back_up(Database& database, const std::filesystem::path& destination);

}  // namespace nhacviec
