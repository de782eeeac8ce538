// ServerProcess: a real server (tests/servers/*.py) started by a test and
// stopped at scope exit. The server prints "ready PORT" as its first line
// on stdout once it accepts connections; the constructor waits for it.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.h"

extern char** environ;

namespace nhacviec::testing {

// Debian's python3, which has the packages the test servers use
// (python3-aiosmtpd); a python3 earlier on PATH may not.
inline std::string test_python() {
    return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

class ServerProcess {
public:
    // Runs `script` (a path under tests/servers/) with `args` under test_python().
    ServerProcess(const std::string& script, const std::vector<std::string>& args) {
        std::vector<std::string> argv_text{test_python(), (source_dir() / "tests/servers" / script).string()};
        argv_text.insert(argv_text.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_text) argv.push_back(a.data());
        argv.push_back(nullptr);

        int pipe_fds[2];
        if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
        const int rc = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipe_fds[1]);
        if (rc != 0) throw std::runtime_error("cannot start " + script);
        out_ = ::fdopen(pipe_fds[0], "r");
        char line[256];
        if (!std::fgets(line, sizeof line, out_) || std::sscanf(line, "ready %d", &port_) != 1) {
            stop();
            throw std::runtime_error(script + " did not start");
        }
    }
    ~ServerProcess() { stop(); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }

private:
    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status;
            ::waitpid(pid_, &status, 0);
            pid_ = 0;
        }
        if (out_) {
            std::fclose(out_);
            out_ = nullptr;
        }
    }

    pid_t pid_ = 0;
    FILE* out_ = nullptr;
    int port_ = 0;
};

}  // namespace nhacviec::testing
