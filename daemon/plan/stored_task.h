// StoredTask: a task as the database holds it, with its row id and removal
// mark. A plain value: TaskStore (storage/) reads and writes it; the plan
// snapshot, the messages and the reports read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/shared_chunks.h"
#include "plan/task.h"

namespace nhacviec {

// A task row as stored: the task plus its row id and removal mark.
struct StoredTask {
    int64_t id = 0;
    Task task;
    std::optional<std::string> removed_at;

    bool operator==(const StoredTask&) const = default;
};

// Task rows as a snapshot holds them: chunks shared with the snapshot they
// were read again for, when their rows did not change (app/plan_snapshot).
using StoredTaskRows = SharedChunks<StoredTask>;

}  // namespace nhacviec
