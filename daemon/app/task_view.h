// The task view: a task as JSON, the way `nhacviec tasks --json` and
// GET /api/tasks print it: id, plan, title, agencies, product, precondition,
// the deadline as written and resolved with its legal end and next review
// (and, once the monitoring agency moved it, "moved": why, the original
// deadline, by whom and when), and the status with its review periods
// ("reminders_paused" when they are). Pure.
#pragma once

#include <nlohmann/json.hpp>

#include "calendar/working_calendar.h"
#include "config/config.h"
#include "plan/task.h"
#include "schedule/timeline.h"

namespace nhacviec::app {

nlohmann::json task_json(const Task& task, const ScheduledTask& scheduled, const Config& config,
                         const WorkingCalendar& calendar, Date today);

}  // namespace nhacviec::app
