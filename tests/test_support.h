// Helpers shared by the tests: a temporary folder that removes itself, the
// bundled plan, and running the command line in-process.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace nhacviec::testing {

// A fresh folder under /tmp, removed with everything in it at scope exit.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "nhacviec-test-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline std::filesystem::path source_dir() { return NHACVIEC_SOURCE_DIR; }
inline std::filesystem::path seed_plan() { return source_dir() / "config/plans/hai-phong-90-KH-UBND-2026.txt"; }

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

// The outcome of one in-process run of the command line.
struct CommandResult {
    int status;
    std::string out;
    std::string err;
};

inline CommandResult run_cli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int status = cli::run(args, out, err);
    return {status, out.str(), err.str()};
}

// Replaces the first occurrence of `from` (which must exist) with `to`.
inline std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("test data: not found: " + from);
    return text.replace(at, from.size(), to);
}

}  // namespace nhacviec::testing
