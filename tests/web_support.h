// Helpers for the tests of daemon/web/: the seed with the statuses the
// report tests use, a fixed "now", and running a checker script of tests/web/
// under Debian's python3.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/clock.h"
#include "seed_fixture.h"
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

inline Date d(const char* iso) { return *parse_iso_date(iso); }

// 09:30 in Vietnam on 15 October 2026 (02:30 UTC).
inline const std::chrono::sys_seconds kNow = vietnam_time(*parse_iso_date("2026-10-15"), 9 * 60 + 30);

// The seed with the statuses of tests/status_report_test.cpp: I.3 done on time, II.1.1 done late, the
// 2026-Q3 reviews of I.1 (on time) and I.2 (late) done, I.7 waiting on its precondition.
struct Statuses : Seed {
    Statuses() { set_statuses(); }
    // Sets them again, after reload().
    void set_statuses() {
        task("I.3").status.overall = {WorkStatus::done, d("2026-03-30"), "", "", ""};
        task("II.1.1").status.overall = {WorkStatus::done, d("2026-10-02"), "", "", ""};
        task("I.1").status.periods["2026-Q3"] = {WorkStatus::done, d("2026-09-29"), "", "", ""};
        task("I.2").status.periods["2026-Q3"] = {WorkStatus::done, d("2026-10-05"), "", "", ""};
        task("I.7").status.overall.status = WorkStatus::waiting;
    }
};

}  // namespace nhacviec::testing
