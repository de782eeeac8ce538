#include "app/status_change.h"

#include <cstdio>

#include "common/text.h"

namespace nhacviec::app {

namespace {

// The review cadence that names a task's periods, or none for a one-off deadline.
Recurrence period_cadence(const ScheduledTask& task, const ScheduleRules& rules) {
    if (task.deadline.kind != DeadlineKind::recurring && task.deadline.kind != DeadlineKind::period)
        return Recurrence::none;
    return review_rule(task, rules).cadence;
}

StatusRejection malformed(std::string message) { return {std::move(message), true}; }
StatusRejection refused(std::string message) { return {std::move(message), false}; }

// Why a note cannot be kept, or "": it must be UTF-8 with no control
// character (C0, DEL, C1) but line breaks (LF, CR).
std::string note_problem(const std::string& note) {
    if (const auto bad = text::first_invalid_utf8(note))
        return "is not UTF-8 (byte " + std::to_string(*bad + 1) + ")";
    size_t position = 0;
    for (const char32_t c : text::decode_utf8(note)) {
        ++position;
        if (c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7F) || c > 0x9F) continue;
        char code[8];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        return "control character " + std::string(code) + " at character " + std::to_string(position) +
               "; a note may have line breaks but no other control characters";
    }
    return "";
}

}  // namespace

std::string example_period(Recurrence cadence) {
    switch (cadence) {
        case Recurrence::monthly: return "2026-07";
        case Recurrence::quarterly: return "2026-Q3";
        case Recurrence::half_yearly: return "2027-H1";
        default: return "2027";
    }
}

std::variant<StatusChange, StatusRejection> make_status_change(const PlanState& state, size_t index,
                                                               const Config& config, const StatusRequest& request,
                                                               Date today, const std::string& changed_at) {
    StatusChange change;
    const std::string& a = request.action;
    if (a == "done") change.status = WorkStatus::done, change.action = "done";
    else if (a == "in-progress") change.status = WorkStatus::in_progress, change.action = "in_progress";
    else if (a == "waiting") change.status = WorkStatus::waiting, change.action = "waiting";
    else if (a == "reopen") change.status = WorkStatus::in_progress, change.action = "reopen";
    else return malformed("unknown status \"" + a + "\"");
    if (request.date && change.action != "done") return malformed(request.date_name + " goes with done");
    if (const std::string problem = note_problem(request.note); !problem.empty())
        return malformed(request.note_name + ": " + problem);

    const ScheduledTask& task = state.scheduled[index];
    const Recurrence cadence = period_cadence(task, config.schedule);
    if (request.period) {
        auto period = parse_period(*request.period);
        if (!period)
            return malformed(request.period_name + ": not a period: \"" + *request.period +
                             "\" (e.g. 2026-Q3, 2027-H1, 2027, 2026-07)");
        if (cadence == Recurrence::none) return refused(task.code + " has a one-off deadline; it takes no " + request.period_name);
        if (period->cadence != cadence)
            return refused(task.code + " is reviewed " + std::string(to_string(cadence)) + ": give " + request.period_name + " like " +
                           example_period(cadence) + ", not " + *request.period);
        change.period = format_period(*period);
    } else if (task.deadline.kind == DeadlineKind::recurring && change.action != "waiting") {
        return refused(task.code + " is recurring (" + std::string(to_string(cadence)) + "): give " + request.period_name + ", e.g. " +
                       example_period(cadence));
    }
    if (change.action == "waiting" && !state.tasks[index].task.precondition)
        return refused(task.code + " has no precondition (\"sau khi …\") to wait on");
    if (change.action == "done") {
        Date done_on = today;
        if (request.date) {
            const auto date = parse_iso_date(*request.date);
            if (!date)
                return malformed(request.date_name + ": expected a date YYYY-MM-DD, not \"" + *request.date + "\"");
            if (*date > today) return refused(request.date_name + " " + *request.date + " is in the future");
            done_on = *date;
        }
        // Work cannot be done before the plan that asks for it, nor a period's report before the period.
        const std::string shown = request.date ? request.date_name + " " + *request.date
                                               : "today, " + format_iso_date(today) + ",";
        if (done_on < task.plan_issued)
            return refused(shown + " is before " + format_iso_date(task.plan_issued) + ", the day plan " +
                           state.tasks[index].task.plan_number + " was issued");
        if (!change.period.empty()) {
            const Date first = period_first_day(*parse_period(change.period));
            if (done_on < first)
                return refused(shown + " is before " + format_iso_date(first) + ", the first day of period " +
                               change.period);
        }
        change.done_on = done_on;
    }
    change.task_id = state.tasks[index].id;
    change.note = request.note;
    change.changed_by = request.by;
    change.changed_at = changed_at;
    return change;
}

}  // namespace nhacviec::app
