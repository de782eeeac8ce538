// nhacviec status TASK [ACTION] [--date D] [--period P] [--note TEXT] [--by NAME] [--plan NUMBER]:
// records a status change (done, in-progress, waiting, reopen) as a new
// history row, or with no ACTION shows the task's status and history.
#include <cstdlib>
#include <ostream>

#include "cli/command_list.h"
#include "cli/plan_state.h"
#include "cli/setup.h"
#include "storage/status_store.h"

namespace nhacviec::cli {
namespace {

constexpr const char* kUsage =
    "usage: nhacviec status TASK [done|in-progress|waiting|reopen] [--date YYYY-MM-DD] [--period PERIOD]"
    " [--note TEXT] [--by NAME] [--plan NUMBER]\n";

struct StatusArgs {
    std::string task;
    std::optional<std::string> action;
    std::optional<std::string> date, period, note, by, plan;
};

std::optional<StatusArgs> parse_args(const std::vector<std::string>& args) {
    StatusArgs out;
    std::vector<std::string> positional;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::optional<std::string>* target = a == "--date" ? &out.date : a == "--period" ? &out.period
                                           : a == "--note" ? &out.note : a == "--by"     ? &out.by
                                           : a == "--plan" ? &out.plan : nullptr;
        if (target) {
            if (i + 1 >= args.size()) return std::nullopt;
            *target = args[++i];
        } else if (!a.empty() && a[0] == '-') {
            return std::nullopt;
        } else {
            positional.push_back(a);
        }
    }
    if (positional.empty() || positional.size() > 2) return std::nullopt;
    out.task = positional[0];
    if (positional.size() == 2) out.action = positional[1];
    return out;
}

// The review cadence that names a task's periods, or none for a one-off deadline.
Recurrence period_cadence(const ScheduledTask& task, const ScheduleRules& rules) {
    if (task.deadline.kind != DeadlineKind::recurring && task.deadline.kind != DeadlineKind::period)
        return Recurrence::none;
    return review_rule(task, rules).cadence;
}

std::string example_period(Recurrence cadence) {
    switch (cadence) {
        case Recurrence::monthly: return "2026-07";
        case Recurrence::quarterly: return "2026-Q3";
        case Recurrence::half_yearly: return "2027-H1";
        default: return "2027";
    }
}

void show(Invocation& inv, const PlanState& state, size_t index, Database& db) {
    const StoredTask& row = state.tasks[index];
    const ScheduledTask& task = state.scheduled[index];
    inv.out << row.task.code << " (" << row.task.plan_number << "): " << to_string(task.status.overall.status);
    if (task.status.overall.done_on) inv.out << " on " << format_iso_date(*task.status.overall.done_on);
    inv.out << "\n";
    for (const auto& [period, entry] : task.status.periods) {
        inv.out << "  " << period << ": " << to_string(entry.status);
        if (entry.done_on) inv.out << " on " << format_iso_date(*entry.done_on);
        inv.out << "\n";
    }
    auto history = StatusStore(db).history(row.id);
    if (!history || history->empty()) return;
    inv.out << "history:\n";
    for (const auto& c : *history) {
        inv.out << "  " << c.changed_at << "  " << c.changed_by << "  " << c.action;
        if (!c.period.empty()) inv.out << " " << c.period;
        if (c.done_on) inv.out << " (done on " << format_iso_date(*c.done_on) << ")";
        if (!c.note.empty()) inv.out << ": " << c.note;
        inv.out << "\n";
    }
}

}  // namespace

int run_status(Invocation& inv) {
    auto args = parse_args(inv.args);
    if (!args) return inv.err << kUsage, kExitUsage;
    StatusChange change;
    if (args->action) {
        const std::string& a = *args->action;
        if (a == "done") change.status = WorkStatus::done, change.action = "done";
        else if (a == "in-progress") change.status = WorkStatus::in_progress, change.action = "in_progress";
        else if (a == "waiting") change.status = WorkStatus::waiting, change.action = "waiting";
        else if (a == "reopen") change.status = WorkStatus::in_progress, change.action = "reopen";
        else return inv.err << "nhacviec: unknown status \"" << a << "\"\n" << kUsage, kExitUsage;
    }
    if (args->date && change.action != "done")
        return inv.err << "nhacviec: --date goes with done\n", kExitUsage;

    auto workspace = open_workspace(inv.options);
    if (!workspace) return inv.err << "nhacviec: " << workspace.error().message << "\n", kExitFailure;
    Database& db = *workspace->db;
    const PlanState& state = workspace->state;
    auto index = find_task(state, args->task, args->plan);
    if (!index) return inv.err << "nhacviec: " << index.error().message << "\n", kExitFailure;
    if (!args->action) return show(inv, state, *index, db), kExitOk;

    const ScheduledTask& task = state.scheduled[*index];
    const Recurrence cadence = period_cadence(task, workspace->config.schedule);
    if (args->period) {
        auto period = parse_period(*args->period);
        if (!period) return inv.err << "nhacviec: --period: not a period: \"" << *args->period
                                    << "\" (e.g. 2026-Q3, 2027-H1, 2027, 2026-07)\n", kExitUsage;
        if (cadence == Recurrence::none)
            return inv.err << "nhacviec: " << task.code << " has a one-off deadline; it takes no --period\n",
                   kExitFailure;
        if (period->cadence != cadence)
            return inv.err << "nhacviec: " << task.code << " is reviewed " << to_string(cadence) << ": give --period like "
                           << example_period(cadence) << ", not " << *args->period << "\n", kExitFailure;
        change.period = format_period(*period);
    } else if (task.deadline.kind == DeadlineKind::recurring && change.action != "waiting") {
        return inv.err << "nhacviec: " << task.code << " is recurring (" << to_string(cadence)
                       << "): give --period, e.g. " << example_period(cadence) << "\n", kExitFailure;
    }
    if (change.action == "waiting" && !state.tasks[*index].task.precondition)
        return inv.err << "nhacviec: " << task.code << " has no precondition (\"sau khi …\") to wait on\n",
               kExitFailure;
    if (change.action == "done") {
        const Date today_date = today();
        if (args->date) {
            auto date = date_option("--date", *args->date);
            if (!date) return inv.err << "nhacviec: " << date.error().message << "\n", kExitUsage;
            if (*date > today_date)
                return inv.err << "nhacviec: --date " << *args->date << " is in the future\n", kExitFailure;
            change.done_on = *date;
        } else {
            change.done_on = today_date;
        }
    }
    change.task_id = state.tasks[*index].id;
    change.note = args->note.value_or("");
    const char* user = std::getenv("USER");
    change.changed_by = args->by.value_or(user && *user ? user : "nhacviec");
    change.changed_at = now_iso8601();
    if (auto s = StatusStore(db).record(change); !s)
        return inv.err << "nhacviec: " << s.error().message << "\n", kExitFailure;
    inv.out << task.code << (change.period.empty() ? "" : " " + change.period) << ": " << to_string(change.status);
    if (change.done_on) inv.out << " on " << format_iso_date(*change.done_on);
    if (change.action == "reopen") inv.out << " (reopened)";
    inv.out << "\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
