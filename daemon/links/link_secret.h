// The link secret's file: 32 random bytes (base64, one line) in the state
// directory, next to the database, mode 0600. The daemon creates it at its
// first start; `nhacviec links rotate` replaces it, which revokes every link
// issued before. Owned by whoever loads it; the file is written atomically
// (a temporary file, fsync, rename, fsync of the folder).
#pragma once

#include <filesystem>

#include "common/result.h"
#include "links/answer_link.h"

namespace nhacviec {

// Where the secret of the database at `database` lives: "links.key" in its folder.
std::filesystem::path link_secret_path(const std::filesystem::path& database);

// The secret in `path`, made first when there is none. Refused, naming the
// file, when it is readable or writable by anyone but its owner, or is not
// one line of base64 of 32 bytes.
Result<LinkSecret> load_or_create_link_secret(const std::filesystem::path& path);

// Only loads: an error naming the file when there is none.
Result<LinkSecret> load_link_secret(const std::filesystem::path& path);

// Replaces the secret in `path` with a new random one, and returns it.
Result<LinkSecret> rotate_link_secret(const std::filesystem::path& path);

}  // namespace nhacviec
