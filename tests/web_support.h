// Helpers for the tests of daemon/web/: running a checker script of
// tests/web/ under Debian's python3 and collecting what it printed.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "server_process.h"
#include "test_support.h"

namespace nhacviec::testing {

// The outcome of one run of a program: its exit status (-1 when it did not exit normally) and its output.
struct ProcessResult {
    int status = -1;
    std::string out;
    std::string err;
};

// Runs `argv` (argv[0] is looked up on PATH) to completion, with stdout and stderr in files of a temporary folder.
inline ProcessResult run_process(const std::vector<std::string>& argv_text) {
    TempDir dir;
    const std::string out_path = (dir / "stdout").string(), err_path = (dir / "stderr").string();
    std::vector<std::string> args = argv_text;
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out_path), read_file(err_path)};
}

// Runs tests/web/`script` with `args` under test_python().
inline ProcessResult run_web_script(const std::string& script, const std::vector<std::string>& args) {
    std::vector<std::string> argv{test_python(), (source_dir() / "tests/web" / script).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
}

}  // namespace nhacviec::testing
