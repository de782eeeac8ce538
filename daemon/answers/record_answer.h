// Recording an agency's answer about a task (domain guide §7): the rules an
// answer must meet, checked against the task's current status in the
// database, and the answer written with the status change it causes, in one
// transaction. The lead agency reports progress (a note), completion (the
// day it was done and its report document), an extension request (a
// proposed date and a reason) or that the task waits on its precondition; a
// cooperating agency may only add a note. A completion puts the task or
// period in "đã báo cáo hoàn thành, chờ xác nhận" (see AwaitingConfirmation)
// and a second one is refused while it waits; an extension request changes
// nothing until it is approved. Refusals are in Vietnamese and name the field.
// Plain functions; the caller owns the Database and its thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/date.h"
#include "common/result.h"
#include "deadline/deadline.h"
#include "plan/stored_task.h"
#include "schedule/timeline.h"
#include "status/task_status.h"
#include "storage/answer_store.h"
#include "storage/database.h"

namespace nhacviec {

// An agency's part in a task.
enum class AgencyRole { lead, cooperating, none };
std::string_view to_string(AgencyRole role);  // "lead", "cooperating", "none"
// The role of `agency` (a canonical name) in `task`: lead first.
AgencyRole agency_role(const Task& task, const std::string& agency);

// What the rules need to know of a task. A plain value.
struct AnswerTask {
    int64_t id = 0;           // tasks.id
    std::string code;         // "I.3"
    std::string plan_number;  // "90/KH-UBND"
    Date plan_issued;
    DeadlineKind kind = DeadlineKind::undetermined;
    Recurrence cadence = Recurrence::none;  // the cadence that names its review periods; none for a one-off deadline
    std::optional<Date> due;                // the deadline's day, when it has one
    bool has_precondition = false;
};
AnswerTask answer_task(const StoredTask& stored, const ScheduledTask& scheduled, const ScheduleRules& rules);

// Why an answer is refused: the field it is about ("period", "note",
// "done_on", "document_number", "document_date", "proposed_due", "reason",
// "agency", or "kind" for the answer as a whole) and the message, which
// begins with the field's Vietnamese name ("Ngày hoàn thành: …") or, for
// "kind", names the task.
struct AnswerRefusal {
    std::string field;
    std::string message;
};

// What recording the answer does: the answer as it will be written (period
// normalised, agency and times set) and the status change it causes.
struct AnswerEffect {
    Answer answer;
    std::optional<StatusChange> status_change;
};

// Checks `answer` from `agency` in `role` for `period` ("" for the task as a
// whole) of `task`, whose current status is `status`, on `now`. Pure.
std::variant<AnswerEffect, AnswerRefusal> check_answer(const AnswerTask& task, const TaskStatus& status,
                                                       const std::string& period, const std::string& agency,
                                                       AgencyRole role, Answer answer,
                                                       std::chrono::sys_seconds now);

// A task's current status as the database holds it now: its status history
// and the answers awaiting a decision (a completion, extension requests),
// its moved deadline and whether its reminders are paused.
Result<TaskStatus> read_task_status(Database& db, int64_t task_id);

// What record_answer did: the new answer's id, or why the answer was refused.
using RecordOutcome = std::variant<int64_t, AnswerRefusal>;

// What else is written with a recorded answer, in its transaction: called
// with the answer as recorded (its id set), on the caller's thread; an error
// undoes the answer too.
using AnswerFollowUp = std::function<Status(Database& db, const Answer& recorded)>;

// Reads the task's status, checks the answer (check_answer) and records it
// with the status change it causes and what `follow_up` writes (the message
// to the monitoring agency, see app::submit_answer), all in one transaction.
// The outcome, or an Error when the database (or the follow-up) fails:
// nothing is written then.
Result<RecordOutcome> record_answer(Database& db, const AnswerTask& task, const std::string& period,
                              const std::string& agency, AgencyRole role, Answer answer,
                              std::chrono::sys_seconds now, const AnswerFollowUp& follow_up = {});

// Why `number` is not a document number and symbol (số/ký hiệu such as
// "125/BC-STC", "12/2026/QĐ-UBND", "05/CT-TTg"), or "" when it is one.
std::string document_number_problem(const std::string& number);

}  // namespace nhacviec
