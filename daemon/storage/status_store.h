// StatusStore: the status history of tasks in the database (schema 0002).
// Every change is a new row (who, when, note); the current status is the
// newest row per task and period. Borrows the Database.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "status/task_status.h"
#include "storage/database.h"

namespace nhacviec {

// One row of the history, as `nhacviec status` records it.
struct StatusChange {
    int64_t task_id = 0;
    std::string period;  // "" for the task as a whole
    std::string action;  // "done", "in_progress", "waiting", "reopen"
    WorkStatus status = WorkStatus::not_started;
    std::optional<Date> done_on;
    std::string note;
    std::string changed_by;
    std::string changed_at;
};

class StatusStore {
public:
    explicit StatusStore(Database& db) : db_(db) {}

    Status record(const StatusChange& change);
    // The current status of every task that has any history or answer, by
    // task id, with the completions awaiting confirmation and the open
    // extension requests (AnswerStore::add_pending), the deadline as the
    // monitoring agency moved it and whether its reminders are paused
    // (schema 0013).
    Result<std::map<int64_t, TaskStatus>> current();
    // One task's history, oldest first.
    Result<std::vector<StatusChange>> history(int64_t task_id);

private:
    Database& db_;
};

}  // namespace nhacviec
