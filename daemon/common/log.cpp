#include "common/log.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace nhacviec::log {

namespace {

void write(int priority, std::string_view level, std::string_view message) {
    static const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
    static std::mutex mutex;
    std::string line = journal ? "<" + std::to_string(priority) + ">" : "nhacviec: " + std::string(level) + ": ";
    line.append(message);
    line += '\n';
    std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

}  // namespace

void error(std::string_view message) { write(3, "error", message); }
void warning(std::string_view message) { write(4, "warning", message); }
void info(std::string_view message) { write(6, "info", message); }

}  // namespace nhacviec::log
