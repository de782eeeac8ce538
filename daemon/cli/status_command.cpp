// nhacviec status TASK [ACTION] [--date D] [--period P] [--note TEXT] [--by NAME] [--plan NUMBER]:
// records a status change (done, in-progress, waiting, reopen) as a new
// history row, or with no ACTION shows the task's status and history.
#include <cstdlib>
#include <ostream>

#include "cli/command_list.h"
#include "app/plan_state.h"
#include "cli/setup.h"
#include "app/status_change.h"
#include "common/text.h"
#include "storage/deadline_change_store.h"
#include "storage/reminder_pause_store.h"
#include "storage/status_store.h"

namespace nhacviec::cli {
namespace {

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

void show(Invocation& inv, const app::PlanState& state, size_t index, Database& db) {
    const StoredTask& row = state.tasks[index];
    const ScheduledTask& task = state.scheduled[index];
    inv.out << text::visible(row.task.code) << " (" << text::visible(row.task.plan_number)
            << "): " << to_string(task.status.overall.status);
    if (task.status.overall.done_on) inv.out << " on " << format_iso_date(*task.status.overall.done_on);
    inv.out << "\n";
    for (const auto& [period, entry] : task.status.periods) {
        inv.out << "  " << text::visible(period) << ": " << to_string(entry.status);
        if (entry.done_on) inv.out << " on " << format_iso_date(*entry.done_on);
        inv.out << "\n";
    }
    auto history = StatusStore(db).history(row.id);
    if (history && !history->empty()) {
        inv.out << "history:\n";
        for (const auto& c : *history) {
            // Every field as data: a note's line breaks and escape sequences are shown, never obeyed.
            inv.out << "  " << text::visible(c.changed_at) << "  " << text::visible(c.changed_by) << "  "
                    << text::visible(c.action);
            if (!c.period.empty()) inv.out << " " << text::visible(c.period);
            if (c.done_on) inv.out << " (done on " << format_iso_date(*c.done_on) << ")";
            if (!c.note.empty()) inv.out << ": " << text::visible(c.note);
            inv.out << "\n";
        }
    }
    // The monitoring agency's moves of the deadline, and its pauses of the reminders.
    auto moves = DeadlineChangeStore(db).history(row.id);
    if (moves && !moves->empty()) {
        inv.out << "deadline (as written: " << text::visible(row.task.deadline.text) << "):\n";
        for (const auto& m : *moves) {
            inv.out << "  " << text::visible(m.changed_at) << "  " << text::visible(m.changed_by) << "  "
                    << (m.extension ? "extended " : "set ")
                    << (m.period.empty() ? std::string() : "period " + text::visible(m.period) + " ")
                    << (m.old_due ? format_iso_date(*m.old_due) + " -> " : std::string()) << format_iso_date(m.new_due);
            if (m.extension) inv.out << " (request " << m.answer_id << ")";
            if (!m.note.empty()) inv.out << ": " << text::visible(m.note);
            inv.out << "\n";
        }
    }
    auto pauses = ReminderPauseStore(db).history(row.id);
    if (pauses && !pauses->empty()) {
        inv.out << "reminders:\n";
        for (const auto& p : *pauses) {
            inv.out << "  " << text::visible(p.changed_at) << "  " << text::visible(p.changed_by) << "  "
                    << (p.paused ? "paused" : "resumed");
            if (!p.note.empty()) inv.out << ": " << text::visible(p.note);
            inv.out << "\n";
        }
    }
}

}  // namespace

int run_status(Invocation& inv) {
    auto args = parse_args(inv.args);
    if (!args) return inv.err << usage("status"), kExitUsage;
    if (args->action && *args->action != "done" && *args->action != "in-progress" && *args->action != "waiting" &&
        *args->action != "reopen")
        return inv.err << "nhacviec: unknown status \"" << *args->action << "\"\n" << usage("status"), kExitUsage;
    if (args->date && args->action != "done") return inv.err << "nhacviec: --date goes with done\n", kExitUsage;

    auto workspace = app::open_workspace(inv.options);
    if (!workspace) return inv.err << "nhacviec: " << workspace.error().message << "\n", kExitFailure;
    Database& db = *workspace->db;
    const app::PlanState& state = workspace->state;
    auto index = app::find_task(state, args->task, args->plan);
    if (!index) return inv.err << "nhacviec: " << index.error().message << "\n", kExitFailure;
    if (!args->action) return show(inv, state, *index, db), kExitOk;

    const char* user = std::getenv("USER");
    const app::StatusRequest request{*args->action, args->date, args->period, args->note.value_or(""),
                                args->by.value_or(user && *user ? user : "nhacviec")};
    auto made = app::make_status_change(state, *index, workspace->config, request, today(), now_iso8601());
    if (const auto* rejection = std::get_if<app::StatusRejection>(&made))
        return inv.err << "nhacviec: " << rejection->message << "\n", rejection->malformed ? kExitUsage : kExitFailure;
    const StatusChange& change = std::get<StatusChange>(made);
    if (auto s = StatusStore(db).record(change); !s)
        return inv.err << "nhacviec: " << s.error().message << "\n", kExitFailure;
    inv.out << text::visible(state.scheduled[*index].code) << (change.period.empty() ? "" : " " + change.period) << ": "
            << to_string(change.status);
    if (change.done_on) inv.out << " on " << format_iso_date(*change.done_on);
    if (change.action == "reopen") inv.out << " (reopened)";
    inv.out << "\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
