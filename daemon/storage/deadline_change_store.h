// DeadlineChangeStore: the moves of tasks' deadlines (schema 0013), kept as a
// history: an approved extension request or a deadline set for a task that
// had none adds a row, as does an approved extension of one review period
// (its `period` set); nothing is overwritten. The newest row of a task (or of
// one of its periods) is its deadline (or review date) from then on. Borrows the Database; used on the thread that
// owns it; writers run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "status/task_status.h"
#include "storage/database.h"

namespace nhacviec {

// One row of the history. A plain value.
struct DeadlineChange {
    int64_t task_id = 0;
    std::string period;              // "" for the task as a whole
    std::optional<Date> old_due;     // nullopt when the task had no deadline
    Date new_due;
    bool extension = false;          // 'extension' (with answer_id) or 'set'
    int64_t answer_id = 0;           // the approved request; 0 for none
    std::string note;
    std::string changed_by;
    std::string changed_at;          // "2026-10-05T09:12:00+07:00"
};

class DeadlineChangeStore {
public:
    explicit DeadlineChangeStore(Database& db) : db_(db) {}

    Status record(const DeadlineChange& change);
    // One task's moves, oldest first.
    Result<std::vector<DeadlineChange>> history(int64_t task_id);
    // Sets TaskStatus::deadline_moved of every task (or of `only_task`) whose
    // deadline was moved, and TaskStatus::periods_moved of those with review
    // periods moved: the newest move, with the date before the first.
    Status add_current(std::map<int64_t, TaskStatus>& statuses, std::optional<int64_t> only_task = std::nullopt);

private:
    Database& db_;
};

}  // namespace nhacviec
