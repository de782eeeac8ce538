// nhacviec user add|passwd|disable|enable|list: the accounts of the
// monitoring office's console. A password is read from standard input when
// it is not a terminal (its first line), asked twice without echo when it
// is, or made at random with --generate and printed once. Only its argon2id
// hash is stored; it is never logged.
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <istream>
#include <ostream>

#include "cli/command_list.h"
#include "cli/setup.h"
#include "common/password_hash.h"
#include "common/text.h"
#include "storage/account_store.h"

namespace nhacviec::cli {
namespace {

// A line of the terminal without echo; nullopt at the end of input.
std::optional<std::string> read_hidden_line(Invocation& inv, const std::string& prompt) {
    inv.err << prompt << std::flush;
    termios before{};
    const bool terminal = tcgetattr(STDIN_FILENO, &before) == 0;
    if (terminal) {
        termios quiet = before;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(*inv.in, line));
    if (terminal) tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
    inv.err << "\n";
    if (!got) return std::nullopt;
    return line;
}

// The new password of `name`: generated, read from the input's first line, or asked twice on a terminal.
Result<std::string> new_password(Invocation& inv, const std::string& name, bool generate) {
    if (generate) return random_secret(12);
    if (!inv.in) return Error{"no password given: pass it on standard input or use --generate"};
    std::string password;
    if (inv.in_is_terminal) {
        auto first = read_hidden_line(inv, "new password for " + name + ": ");
        if (!first) return Error{"no password given"};
        auto second = read_hidden_line(inv, "the same password again: ");
        if (!second || *second != *first) return Error{"the two passwords differ; nothing changed"};
        password = std::move(*first);
    } else {
        if (!std::getline(*inv.in, password)) return Error{"no password on standard input (one line is read)"};
        if (password.ends_with('\r')) password.pop_back();
    }
    if (const std::string problem = password_problem(password); !problem.empty())
        return Error{problem + "; nothing changed"};
    return password;
}

std::string plans_text(const Account& account) {
    if (account.role == AccountRole::admin) return "all";
    if (account.plans.empty()) return "all";
    std::string out;
    for (const auto& plan : account.plans) out += (out.empty() ? "" : ",") + plan;
    return out;
}

void print_table(std::ostream& out, const std::vector<Account>& accounts) {
    std::vector<std::array<std::string, 5>> rows{{"NAME", "ROLE", "PLANS", "DISABLED", "LAST LOGIN"}};
    for (const Account& a : accounts)
        rows.push_back({a.name, std::string(to_string(a.role)), text::visible(plans_text(a)), a.disabled ? "yes" : "no",
                        a.last_login ? text::visible(*a.last_login) : std::string("never")});
    std::array<size_t, 5> width{};
    for (const auto& row : rows)
        for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], text::display_width(row[i]));
    for (const auto& row : rows) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line += std::string(width[i] - text::display_width(row[i]) + 2, ' ');
        }
        out << line << "\n";
    }
}

}  // namespace

int run_user(Invocation& inv) {
    const auto& args = inv.args;
    if (args.empty()) return inv.err << usage("user"), kExitUsage;
    const std::string& action = args[0];
    std::vector<std::string> names;
    std::optional<std::string> role_text;
    std::vector<std::string> plans;
    bool generate = false;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--role" && i + 1 < args.size()) role_text = args[++i];
        else if (args[i] == "--plan" && i + 1 < args.size()) plans.push_back(args[++i]);
        else if (args[i] == "--generate") generate = true;
        else if (!args[i].starts_with("-")) names.push_back(args[i]);
        else return inv.err << usage("user"), kExitUsage;
    }
    const bool takes_name = action == "add" || action == "passwd" || action == "disable" || action == "enable";
    if ((!takes_name && action != "list") || names.size() != (takes_name ? 1u : 0u) ||
        (role_text && action != "add") || (!plans.empty() && action != "add") ||
        (generate && action != "add" && action != "passwd") || (action == "add" && !role_text))
        return inv.err << usage("user"), kExitUsage;

    std::optional<AccountRole> role;
    if (role_text) {
        role = account_role_from_string(*role_text);
        if (!role)
            return inv.err << "nhacviec: --role: expected admin, monitor or viewer, not \"" << *role_text << "\"\n",
                   kExitUsage;
        if (!plans.empty() && *role != AccountRole::monitor)
            return inv.err << "nhacviec: --plan: only a monitor is limited to plans\n", kExitUsage;
    }
    for (const auto& plan : plans)
        if (plan.empty() || plan.size() > 100 || text::visible(plan) != plan)
            return inv.err << "nhacviec: --plan: expected a plan number such as 90/KH-UBND, not \"" << plan << "\"\n",
                   kExitUsage;
    if (takes_name)
        if (const std::string problem = account_name_problem(names[0]); !problem.empty())
            return inv.err << "nhacviec: \"" << names[0] << "\": " << problem << "\n", kExitUsage;

    auto config = app::load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    auto db = action == "list" ? Database::open_existing(app::database_path(inv.options, *config))
                               : Database::open(app::database_path(inv.options, *config));
    if (!db) return inv.err << "nhacviec: " << db.error().message << "\n", kExitFailure;
    AccountStore accounts(*db);

    if (action == "list") {
        auto all = accounts.list();
        if (!all) return inv.err << "nhacviec: " << all.error().message << "\n", kExitFailure;
        print_table(inv.out, *all);
        return kExitOk;
    }
    if (auto writable = db->require_writable(); !writable)
        return inv.err << "nhacviec: " << writable.error().message << "\n", kExitFailure;
    const std::string& name = names[0];
    if (action == "disable" || action == "enable") {
        auto changed = accounts.set_disabled(name, action == "disable");
        if (!changed) return inv.err << "nhacviec: " << changed.error().message << "\n", kExitFailure;
        if (!*changed) return inv.err << "nhacviec: no account \"" << name << "\"\n", kExitFailure;
        inv.out << name << ": " << (action == "disable" ? "disabled; its sessions have ended" : "enabled") << "\n";
        return kExitOk;
    }
    if (action == "passwd") {
        auto existing = accounts.find(name);
        if (!existing) return inv.err << "nhacviec: " << existing.error().message << "\n", kExitFailure;
        if (!*existing) return inv.err << "nhacviec: no account \"" << name << "\"\n", kExitFailure;
    } else {
        auto existing = accounts.find(name);
        if (!existing) return inv.err << "nhacviec: " << existing.error().message << "\n", kExitFailure;
        if (*existing) return inv.err << "nhacviec: the account \"" << name << "\" exists already\n", kExitFailure;
    }
    auto password = new_password(inv, name, generate);
    if (!password) return inv.err << "nhacviec: " << password.error().message << "\n", kExitFailure;
    auto hash = hash_password(*password);
    if (!hash) return inv.err << "nhacviec: " << hash.error().message << "\n", kExitFailure;
    if (action == "passwd") {
        auto changed = accounts.set_password(name, *hash);
        if (!changed) return inv.err << "nhacviec: " << changed.error().message << "\n", kExitFailure;
        if (!*changed) return inv.err << "nhacviec: no account \"" << name << "\"\n", kExitFailure;
        inv.out << name << ": password changed; its sessions have ended\n";
    } else {
        std::sort(plans.begin(), plans.end());
        plans.erase(std::unique(plans.begin(), plans.end()), plans.end());
        auto added = accounts.add(name, *role, plans, *hash, now_iso8601());
        if (!added) return inv.err << "nhacviec: " << added.error().message << "\n", kExitFailure;
        std::string scope;
        for (const auto& plan : plans) scope += (scope.empty() ? ", plans " : ", ") + plan;
        inv.out << name << ": account added (" << to_string(*role) << scope << ")\n";
    }
    if (generate) inv.out << "password (shown this once): " << *password << "\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
