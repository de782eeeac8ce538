// The monitoring agency's decisions on a task (domain guide §7), as the
// console takes them: confirm or return a reported completion, approve or
// refuse an extension request, set the deadline of a task that has none,
// record a status by hand, pause or resume a task's reminders. Each checks
// against the plan state and the account's reach, then writes in one
// transaction the decision, the task's history row with the account's name,
// and any message to the agency (a returned completion, a refused
// extension). Plain functions; the caller owns the Database and its thread
// and publishes the new snapshot (see DecisionOutcome).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "app/plan_state.h"
#include "app/setup.h"
#include "common/date.h"
#include "common/result.h"
#include "outbox/outbox_counts.h"
#include "storage/account_store.h"
#include "storage/database.h"

namespace nhacviec::app {

// Confirms completion answer `answer_id`: the task (or its period) is done on
// the day the agency reported.
struct ConfirmCompletion {
    int64_t answer_id = 0;
    std::string note;  // optional
};

// Returns completion answer `answer_id` with a reason: back to in progress;
// the agency is told at once, with its answer link.
struct ReturnCompletion {
    int64_t answer_id = 0;
    std::string reason;  // required
};

// Approves extension request `answer_id`: the deadline moves to `new_due`
// (the proposed date when not given), which must come after the current one;
// the original stays in the history and the task is shown as extended ("đã
// gia hạn"). A request for one review period (of a recurring task, or one
// yearly review of a multi-year period) moves that period's review date
// only; the other periods keep theirs.
struct ApproveExtension {
    int64_t answer_id = 0;
    std::optional<Date> new_due;
    std::string note;  // optional
};

// Refuses extension request `answer_id` with a reason; the agency is told.
struct RefuseExtension {
    int64_t answer_id = 0;
    std::string reason;  // required
};

// Sets the deadline of task `task_id` (one whose deadline is undetermined, as
// II.5.13 of plan 90, or was set so before): its reminders are planned from
// then on. Not a day already past.
struct SetDeadline {
    int64_t task_id = 0;
    Date due;
    std::string note;  // optional
};

// Records a status by hand, as `nhacviec status` does (the same checks, refused
// in Vietnamese naming "action", "date", "period" or "note").
struct SetStatus {
    int64_t task_id = 0;
    std::string action;  // "done", "in-progress", "waiting", "reopen"
    std::optional<std::string> date;
    std::optional<std::string> period;
    std::string note;
};

// Stops (paused = true) or starts again a task's reminders and escalations.
struct PauseReminders {
    int64_t task_id = 0;
    bool paused = true;
    std::string note;  // why; required when pausing
};

using Decision =
    std::variant<ConfirmCompletion, ReturnCompletion, ApproveExtension, RefuseExtension, SetDeadline, SetStatus,
                 PauseReminders>;

// A decision recorded: the task it changed (index into the state the
// decision was checked against), for the caller to publish
// (app::snapshot_with_task reads that task again; a returned report or a
// refused request also wrote a message for the next delivery pass).
struct DecisionOutcome {
    size_t task = 0;
    std::string message;  // what the console shows, in Vietnamese ("Đã xác nhận hoàn thành nhiệm vụ I.3.")
};

// Why a decision is refused, in Vietnamese, naming the field ("answer_id",
// "task_id", "reason", "note", "new_due", "due", "action", "date", "period",
// "paused") when one is at fault; `forbidden` when the account may not take it (a
// viewer, a monitor limited to other plans).
struct DecisionRefusal {
    std::string message;
    std::string field;  // "" when no one field is at fault
    bool forbidden = false;
};

// Takes `decision` as `account` at `now` against `state`. Nothing is written
// when it is refused or when the database fails (an Error).
Result<std::variant<DecisionOutcome, DecisionRefusal>> decide(Database& db, const ServiceSetup& setup,
                                                              const PlanState& state, const Account& account,
                                                              const Decision& decision, std::chrono::sys_seconds now,
                                                              OutboxCounts* counts = nullptr);

}  // namespace nhacviec::app
