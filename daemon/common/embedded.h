// Files compiled into the binary (the schema migrations and the default
// configuration), so that nhacviec needs nothing beside itself to run.
// The list is generated at build time by scripts/embed.cmake; read-only.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace nhacviec {

// One embedded file: its path in the source tree and its bytes.
struct EmbeddedFile {
    std::string_view name;  // e.g. "schema/0001_initial.sql"
    std::string_view content;
};

// All embedded files, in the order the build listed them (sorted by name).
std::span<const EmbeddedFile> embedded_files();

// The content of one embedded file, or nullopt.
inline std::optional<std::string_view> embedded_file(std::string_view name) {
    for (const auto& file : embedded_files())
        if (file.name == name) return file.content;
    return std::nullopt;
}

}  // namespace nhacviec
