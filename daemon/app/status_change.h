// Turning a request to change a task's status — from `nhacviec status` or from
// POST /api/tasks/{id}/status — into the history row to record, with the same
// checks for both: the action, a note without control characters other than
// line breaks, the review period a recurring task needs, a
// precondition to wait on, a done date that is neither in the future nor
// before the plan's issue (nor, for a review period, before the period). Pure.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "app/plan_state.h"
#include "storage/status_store.h"

namespace nhacviec::app {

// What was asked. A plain value.
struct StatusRequest {
    std::string action;                 // "done", "in-progress", "waiting", "reopen"
    std::optional<std::string> date;    // "2026-04-02": the day it was done (done only; default today)
    std::optional<std::string> period;  // "2026-Q3", "2027-H1", "2027", "2026-07"
    std::string note;                   // UTF-8; line breaks, but no other control characters
    std::string by;                     // who asks
    // How the asker names the date, the period and the note, for messages:
    // the options "--date", "--period", "--note" on the command line, the
    // fields "date", "period", "note" in the API.
    std::string date_name = "--date";
    std::string period_name = "--period";
    std::string note_name = "--note";
};

// Why a request is refused: the message, and whether the request itself is
// malformed (an unknown action, a date or period that is not one) rather than
// wrong for this task.
struct StatusRejection {
    std::string message;
    bool malformed = false;
};

// The history row for task `index` of `state`, or why not. The done date lies
// between the plan's issue date (or the review period's first day, if later)
// and `today`; `changed_at` is the time stamp of the row.
std::variant<StatusChange, StatusRejection> make_status_change(const PlanState& state, size_t index,
                                                               const Config& config, const StatusRequest& request,
                                                               Date today, const std::string& changed_at);

// "2026-Q3" for a quarterly task, …: an example period for messages.
std::string example_period(Recurrence cadence);

}  // namespace nhacviec::app
