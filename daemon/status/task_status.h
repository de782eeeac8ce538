// The status of a task, and of each review period of a recurring task, as the
// government reports it (domain guide §5): not started, in progress, waiting
// on its precondition, done (with the date). A plain value built from the
// status history by StatusStore.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"

namespace nhacviec {

enum class WorkStatus { not_started, in_progress, waiting, done };

std::string_view to_string(WorkStatus status);  // "not_started", "in_progress", "waiting", "done"
std::optional<WorkStatus> work_status_from_string(std::string_view text);

// A completion the lead agency reported for a task or one of its periods
// that the monitoring agency has not yet confirmed or returned ("đã báo cáo
// hoàn thành, chờ xác nhận"). Not a WorkStatus: the status stays what the
// monitoring agency last accepted (the report keeps the task in its category,
// days overdue keep counting, confirming makes it done on `done_on`,
// returning leaves it as it was); while it waits the task gets no reminders
// or escalations. A plain value read from the answers (schema 0008).
struct AwaitingConfirmation {
    int64_t answer_id = 0;
    std::string period;  // "" for the task as a whole
    std::string agency;
    Date done_on;
    std::string document_number;  // "125/BC-STC"
    Date document_date;
    std::string answered_at;

    bool operator==(const AwaitingConfirmation&) const = default;
};

// An extension request (đề nghị gia hạn) not yet approved or refused. It
// changes nothing until it is approved. A plain value read from the answers.
struct OpenExtension {
    int64_t answer_id = 0;
    std::string period;  // "" for the task as a whole
    std::string agency;
    Date proposed_due;
    std::string reason;
    std::string answered_at;

    bool operator==(const OpenExtension&) const = default;
};

// A deadline the monitoring agency moved (schema 0013): an approved
// extension request ("đã gia hạn") or a deadline set for a task that had
// none; or, for one review period of a recurring task (or one yearly review
// of a multi-year period), that period's review date moved by an approved
// extension. The plan's own deadline text stays as written; `due` replaces
// the day it names. A plain value read from deadline_changes.
struct DeadlineMove {
    bool extension = false;            // an approved extension request; false: a deadline set
    std::optional<Date> original_due;  // the deadline before the first move; nullopt when there was none
    Date due;                          // the deadline from then on
    int64_t answer_id = 0;             // the approved request; 0 for a deadline set
    std::string note;
    std::string changed_by;
    std::string changed_at;

    bool operator==(const DeadlineMove&) const = default;
};

// The newest status change of a task or of one of its periods.
struct StatusEntry {
    WorkStatus status = WorkStatus::not_started;
    std::optional<Date> done_on;
    std::string note;
    std::string changed_by;
    std::string changed_at;

    bool operator==(const StatusEntry&) const = default;
};

// A task's current status: overall, and per review period ("2026-Q3" → entry),
// with the answers that wait for the monitoring agency's decision.
struct TaskStatus {
    StatusEntry overall;
    std::map<std::string, StatusEntry> periods;
    // Reported completions awaiting confirmation by period ("" for the task
    // as a whole); none for a task or period marked done.
    std::map<std::string, AwaitingConfirmation> awaiting;
    std::vector<OpenExtension> extensions;  // open extension requests, oldest first
    // The task's deadline as the monitoring agency last moved it, or null.
    // Held apart (16 bytes here, not 128): few tasks have one.
    std::shared_ptr<const DeadlineMove> deadline_moved;
    // The review periods whose review date an approved extension moved, by
    // period ("2026-Q3" → the newest move, with the date before the first),
    // or null; the other periods keep the dates the rules give them.
    // Held apart, as deadline_moved: few tasks have one.
    std::shared_ptr<const std::map<std::string, DeadlineMove>> periods_moved;
    // Its reminders and escalations paused by the monitoring agency (schema 0013).
    bool reminders_paused = false;
    // The monitoring agency's decisions so far on the completions the lead
    // agency reported (for the task as a whole or any period): how many it
    // confirmed and how many it returned.
    std::uint16_t completions_confirmed = 0;
    std::uint16_t completions_returned = 0;

    // The status of one period; not started when nothing was recorded.
    const StatusEntry& period(const std::string& name) const;
    // The completion of the task as a whole ("") or of one period that awaits confirmation, or nullptr.
    const AwaitingConfirmation* awaiting_for(const std::string& period) const;
    // The move of one review period's date ("2026-Q3"), or nullptr when it keeps the rules' date.
    const DeadlineMove* period_moved(const std::string& period) const;

    // Equal when every value is (a moved deadline: the same record).
    bool operator==(const TaskStatus&) const = default;
};

}  // namespace nhacviec
