// The sub-command table: each command has a name, a one-line summary, its
// usage and the function that runs it. main() calls run_command_line(); tests
// call run() with their own streams. Global options, accepted by every
// command: --config FILE, --db FILE.
#pragma once

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/options.h"

namespace nhacviec::cli {

// What one invocation of a sub-command sees. Owned by run() for its duration.
struct Invocation {
    app::GlobalOptions options;  // parsed before the command runs
    std::vector<std::string> args;  // the sub-command's own arguments
    std::ostream& out;
    std::ostream& err;
    // What the command may read (a password): standard input, or a test's
    // stream; whether it is a terminal (then asked for, without echo).
    std::istream* in = nullptr;
    bool in_is_terminal = false;
};

// One row of the sub-command table. `usage` has a line per form of the
// command, without "usage: ".
struct Command {
    std::string_view name;
    std::string_view summary;
    std::string_view usage;
    int (*run)(Invocation&);
};

std::span<const Command> commands();

// The usage of the command `name` from the table, the one place it is
// written: "usage: nhacviec NAME ...\n", a line per form. What a command
// prints when its command line is wrong, and what `nhacviec help NAME` shows.
std::string usage(std::string_view name);

// Runs `args` (without the program name); returns the exit status.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The same, reading from `in` (never a terminal) what a command reads.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_command_line(int argc, char** argv);

// Exit statuses shared by the commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the work failed (bad input, storage error)
inline constexpr int kExitUsage = 2;    // the command line was wrong

}  // namespace nhacviec::cli
