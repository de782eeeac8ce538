// ReminderPauseStore: the pauses and resumptions of tasks' reminders and
// escalations (schema 0013), kept as a history: each adds a row, nothing is
// overwritten; the newest row of a task says whether they are paused.
// Borrows the Database; used on the thread that owns it; writers run inside
// the caller's transaction.
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

// One row of the history. A plain value.
struct ReminderPause {
    int64_t task_id = 0;
    bool paused = true;  // false: resumed
    std::string note;
    std::string changed_by;
    std::string changed_at;  // "2026-10-05T09:12:00+07:00"
};

class ReminderPauseStore {
public:
    explicit ReminderPauseStore(Database& db) : db_(db) {}

    Status record(const ReminderPause& pause);
    // One task's pauses and resumptions, oldest first.
    Result<std::vector<ReminderPause>> history(int64_t task_id);
    // Sets TaskStatus::reminders_paused of every task (or of `only_task`)
    // whose newest row pauses it.
    Status add_current(std::map<int64_t, TaskStatus>& statuses, std::optional<int64_t> only_task = std::nullopt);

private:
    Database& db_;
};

}  // namespace nhacviec
