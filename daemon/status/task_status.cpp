#include "status/task_status.h"

namespace nhacviec {

std::string_view to_string(WorkStatus status) {
    switch (status) {
        case WorkStatus::not_started: return "not_started";
        case WorkStatus::in_progress: return "in_progress";
        case WorkStatus::waiting: return "waiting";
        case WorkStatus::done: return "done";
    }
    return "not_started";
}

std::optional<WorkStatus> work_status_from_string(std::string_view text) {
    for (WorkStatus s : {WorkStatus::not_started, WorkStatus::in_progress, WorkStatus::waiting, WorkStatus::done})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

const StatusEntry& TaskStatus::period(const std::string& name) const {
    static const StatusEntry kNotStarted{};
    auto it = periods.find(name);
    return it == periods.end() ? kNotStarted : it->second;
}

const AwaitingConfirmation* TaskStatus::awaiting_for(const std::string& name) const {
    auto it = awaiting.find(name);
    return it == awaiting.end() ? nullptr : &it->second;
}

const DeadlineMove* TaskStatus::period_moved(const std::string& name) const {
    if (!periods_moved) return nullptr;
    auto it = periods_moved->find(name);
    return it == periods_moved->end() ? nullptr : &it->second;
}

}  // namespace nhacviec
