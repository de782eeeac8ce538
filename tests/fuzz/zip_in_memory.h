// A zip archive made in memory with libzip, for the office fuzz targets:
// each input that is not a zip already is packed with the parts a reader
// needs around it. Aborts (a finding) when libzip itself fails.
#pragma once

#include <zip.h>

#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace fuzz {

// The bytes of a zip holding `parts` (name, bytes), stored in that order.
inline std::string zip_in_memory(std::initializer_list<std::pair<const char*, std::string_view>> parts) {
    const auto check = [](bool condition) {
        if (!condition) std::abort();
    };
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    check(buffer != nullptr);
    zip_source_keep(buffer);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    check(archive != nullptr);
    for (const auto& [name, bytes] : parts)
        check(zip_file_add(archive, name, zip_source_buffer(archive, bytes.data(), bytes.size(), 0), 0) >= 0);
    check(zip_close(archive) == 0);
    std::string bytes;
    zip_stat_t stat;
    check(zip_source_open(buffer) == 0);
    check(zip_source_stat(buffer, &stat) == 0);
    bytes.resize(static_cast<size_t>(stat.size));
    check(zip_source_read(buffer, bytes.data(), bytes.size()) == static_cast<zip_int64_t>(bytes.size()));
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return bytes;
}

}  // namespace fuzz
