// Reading a whole file into memory, for the files nhacviec reads at start-up
// or on request: plan documents, the configuration, the agency directory,
// holiday schedules and message templates. A free function, no state; safe
// from any thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nhacviec {

// The largest file a person edits by hand (configuration, agency directory,
// holidays, a message template) that nhacviec reads: 16 MiB.
inline constexpr size_t kMaxConfigFileBytes = size_t{16} << 20;

// The bytes of the file at `path`, at most `max_bytes` of them. Every error
// names the file, then `failure`, then the reason:
//   "/etc/nhacviec/nhacviec.toml: cannot open: No such file or directory"
//   "agencies.toml: cannot read the agency directory: it is a directory"
//   "plan.txt: cannot open: more than 268435456 bytes"
Result<std::string> read_text_file(const std::filesystem::path& path, size_t max_bytes,
                                   std::string_view failure = "cannot open");

}  // namespace nhacviec
