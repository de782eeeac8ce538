// The link secret's file: 32 random bytes (base64, one line) in the state
// directory, next to the database, mode 0600. The daemon creates it at its
// first start; `nhacviec links rotate` replaces it, which revokes every link
// issued before. Owned by whoever loads it; the file is written atomically
// (a temporary file, fsync, rename, fsync of the folder).
#pragma once

#include <filesystem>
#include <optional>
#include <sys/types.h>

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

// The secret as a server checks links against it: loaded (made first when
// missing) on first use, and loaded again whenever the file is replaced, so
// that `nhacviec links rotate` revokes every link at once without a restart.
// Each use costs one stat() of the file. Owned by the daemon's HTTP API;
// used on its event loop only.
class LinkSecretFile {
public:
    explicit LinkSecretFile(std::filesystem::path path) : path_(std::move(path)) {}

    // The secret in the file as it is now; an error naming the file when it
    // cannot be read (the caller then refuses every link).
    Result<LinkSecret> current();

    const std::filesystem::path& path() const { return path_; }

private:
    // What tells one file from its replacement.
    struct Identity {
        dev_t device = 0;
        ino_t inode = 0;
        long long modified_ns = 0;
        off_t size = 0;
        friend bool operator==(const Identity&, const Identity&) = default;
    };

    std::filesystem::path path_;
    std::optional<Identity> loaded_from_;
    LinkSecret secret_;
};

}  // namespace nhacviec
