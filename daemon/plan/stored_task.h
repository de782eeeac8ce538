// StoredTask: a task as the database holds it, with its row id and removal
// mark. A plain value: TaskStore (storage/) reads and writes it; the plan
// snapshot, the messages and the reports read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "plan/task.h"

namespace nhacviec {

// A task row as stored: the task plus its row id and removal mark.
struct StoredTask {
    int64_t id = 0;
    Task task;
    std::optional<std::string> removed_at;
};

}  // namespace nhacviec
