#include "cli/commands.h"

#include <unistd.h>

#include <iostream>
#include <sstream>
#include <streambuf>

#include "cli/command_list.h"
#include "common/text.h"

namespace nhacviec::cli {
namespace {

// The error output of a command, line by line through text::visible: error
// messages quote data (a plan's text, a server's reply, a name), whose control
// characters must reach the terminal as escapes, never as commands. A line
// is written when it ends; what is left without a line break, at the end.
class VisibleLines : public std::streambuf {
public:
    explicit VisibleLines(std::ostream& to) : to_(to) {}
    ~VisibleLines() override {
        if (!line_.empty()) to_ << text::visible(line_);
        to_.flush();
    }

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        if (traits_type::to_char_type(c) == '\n') {
            to_ << text::visible(line_) << '\n';
            line_.clear();
        } else {
            line_ += traits_type::to_char_type(c);
        }
        return c;
    }
    int sync() override {
        to_.flush();
        return 0;
    }

private:
    std::ostream& to_;
    std::string line_;
};

int run_help(Invocation& inv);

const Command kCommands[] = {
    {"help", "list the commands, or show one command's usage", "nhacviec help [COMMAND]", run_help},
    {"import", "import a plan document into the database", "nhacviec import FILE", run_import},
    {"tasks", "list the imported tasks with their resolved deadlines and status",
     "nhacviec tasks [--json] [--plan NUMBER] [--as-of YYYY-MM-DD]",
     run_tasks},
    {"resolve", "show how one deadline phrase is understood", "nhacviec resolve \"TEXT\" [--json]", run_resolve},
    {"check", "validate the configuration and report agency names the directory does not know",
     "nhacviec check", run_check},
    {"calendar", "list a year's days off other than weekends, with their reasons", "nhacviec calendar YEAR [--json]",
     run_calendar},
    {"status", "record a task's progress (done, in-progress, waiting, reopen), or show its history",
     "nhacviec status TASK [done|in-progress|waiting|reopen] [--date YYYY-MM-DD] [--period PERIOD] [--note TEXT] "
     "[--by NAME] [--plan NUMBER]",
     run_status},
    {"report", "the tasks by status category, with counts and percentages",
     "nhacviec report [--as-of YYYY-MM-DD] [--json]\n"
     "nhacviec report --period 2026-Q4|2026-H2|2026 [--format json|docx|xlsx] [--output FILE]",
     run_report},
    {"schedule", "the notifications planned between two days", "nhacviec schedule --from YYYY-MM-DD --to YYYY-MM-DD [--json]",
     run_schedule},
    {"deliver", "send the notifications that have come due, through the outbox, and exit",
     "nhacviec deliver [--now YYYY-MM-DDTHH:MM]", run_deliver},
    {"outbox", "list the outbox's deliveries: state, attempts, next attempt, last error",
     "nhacviec outbox [--state pending|sending|sent|retrying|dead|cancelled|skipped] [--ref NV-XXXXX-XXXXX] [--json]",
     run_outbox},
    {"send-test", "send a test message through one agency's channels and say what happened",
     "nhacviec send-test AGENCY", run_send_test},
    {"feed", "show an agency's secret calendar address, replace or revoke it, or list them all",
     "nhacviec feed AGENCY [--reset | --revoke]\nnhacviec feed --list", run_feed},
    {"run", "the service: deliver everything on time, serve the API and the dashboard, until stopped",
     "nhacviec run [--now YYYY-MM-DDTHH:MM] [--clock-rate N] [--listen ADDRESS:PORT]", run_run},
    {"backup", "copy the database to a file, safely while the service runs", "nhacviec backup FILE", run_backup},
    {"links", "replace the answer links' secret, which revokes every link sent so far", "nhacviec links rotate",
     run_links},
    {"user", "manage the console's accounts: add one, set its password, disable or enable it, list them",
     "nhacviec user add NAME --role admin|monitor|viewer [--plan NUMBER]... [--generate]\n"
     "nhacviec user passwd NAME [--generate]\n"
     "nhacviec user disable NAME\n"
     "nhacviec user enable NAME\n"
     "nhacviec user list",
     run_user},
};

const Command* find_command(std::string_view name) {
    for (const auto& command : kCommands)
        if (command.name == name) return &command;
    return nullptr;
}

int run_help(Invocation& inv) {
    if (!inv.args.empty()) {
        const Command* command = find_command(inv.args[0]);
        if (!command) {
            inv.err << "nhacviec: unknown command \"" << inv.args[0] << "\"; see 'nhacviec help'\n";
            return kExitUsage;
        }
        inv.out << usage(command->name) << command->summary << "\n";
        return kExitOk;
    }
    inv.out << "nhacviec: task reminders for government plans\n\n"
               "usage: nhacviec [--config FILE] [--db FILE] COMMAND [ARGS]\n\ncommands:\n";
    for (const auto& command : kCommands) {
        inv.out << "  " << command.name << std::string(11 - command.name.size(), ' ') << command.summary << "\n";
    }
    inv.out << "\nglobal options:\n"
               "  --config FILE  configuration file (default: built-in defaults)\n"
               "  --db FILE      database file, overriding [storage] database\n";
    return kExitOk;
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

std::string usage(std::string_view name) {
    const Command* command = find_command(name);
    if (!command) return {};
    // Each further form on a line of its own, aligned after "usage: ".
    std::string out = "usage: ";
    for (size_t start = 0;;) {
        const size_t end = command->usage.find('\n', start);
        out.append(command->usage.substr(start, end - start)).append("\n");
        if (end == std::string_view::npos) return out;
        out += "       ";
        start = end + 1;
    }
}

namespace {

int run_reading(const std::vector<std::string>& args, std::istream& in, bool in_is_terminal, std::ostream& out,
                std::ostream& raw_err) {
    VisibleLines visible_err(raw_err);
    std::ostream err(&visible_err);
    app::GlobalOptions options;
    std::vector<std::string> rest;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto take_value = [&](std::optional<std::string>& target) {
            if (i + 1 >= args.size()) {
                err << "nhacviec: " << arg << " needs a value\n";
                return false;
            }
            target = args[++i];
            return true;
        };
        if (arg == "--config") {
            if (!take_value(options.config_path)) return kExitUsage;
        } else if (arg.rfind("--config=", 0) == 0) {
            options.config_path = arg.substr(9);
        } else if (arg == "--db") {
            if (!take_value(options.database_path)) return kExitUsage;
        } else if (arg.rfind("--db=", 0) == 0) {
            options.database_path = arg.substr(5);
        } else {
            rest.push_back(arg);
        }
    }
    if (rest.empty()) {
        Invocation inv{options, {}, out, err};
        run_help(inv);
        return kExitUsage;
    }
    const std::string name = rest.front();
    const Command* command = find_command(name == "--help" || name == "-h" ? "help" : name);
    if (!command) {
        err << "nhacviec: unknown command \"" << name << "\"; see 'nhacviec help'\n";
        return kExitUsage;
    }
    Invocation inv{options, std::vector<std::string>(rest.begin() + 1, rest.end()), out, err, &in, in_is_terminal};
    return command->run(inv);
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::istringstream nothing;
    return run_reading(args, nothing, false, out, err);
}

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    return run_reading(args, in, false, out, err);
}

int run_command_line(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return run_reading(args, std::cin, isatty(STDIN_FILENO) == 1, std::cout, std::cerr);
}

}  // namespace nhacviec::cli
