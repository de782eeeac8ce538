// The status of a task, and of each review period of a recurring task, as the
// government reports it (domain guide §5): not started, in progress, waiting
// on its precondition, done (with the date). A plain value built from the
// status history by StatusStore.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"

namespace nhacviec {

enum class WorkStatus { not_started, in_progress, waiting, done };

std::string_view to_string(WorkStatus status);  // "not_started", "in_progress", "waiting", "done"
std::optional<WorkStatus> work_status_from_string(std::string_view text);

// The newest status change of a task or of one of its periods.
struct StatusEntry {
    WorkStatus status = WorkStatus::not_started;
    std::optional<Date> done_on;
    std::string note;
    std::string changed_by;
    std::string changed_at;
};

// A task's current status: overall, and per review period ("2026-Q3" → entry).
struct TaskStatus {
    StatusEntry overall;
    std::map<std::string, StatusEntry> periods;

    // The status of one period; not started when nothing was recorded.
    const StatusEntry& period(const std::string& name) const;
};

}  // namespace nhacviec
