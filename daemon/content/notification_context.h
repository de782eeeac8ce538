// The values a message template sees for one planned notification
// (config/templates/README.txt lists them): the task, its agencies, its
// deadline as written and resolved, days left or overdue, the review period
// in words. Pure.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "calendar/working_calendar.h"
#include "plan/task.h"
#include "schedule/timeline.h"

namespace nhacviec {

// "quý III/2026", "6 tháng đầu năm 2027", "năm 2027", "tháng 7/2026".
std::string period_in_words(const ReviewPeriod& period);

// The context of notification `n` of `timeline`, whose task is `task` (the
// stored task behind timeline.task(n)). `monitoring` names the monitoring
// agency. Days left or overdue count from `sent_on`, the day it actually goes
// out (later than planned after downtime); by default the planned day.
nlohmann::json notification_context(const Timeline& timeline, const PlannedNotification& n, const Task& task,
                                    const ScheduleRules& rules, const WorkingCalendar& calendar,
                                    const std::string& monitoring, std::optional<Date> sent_on = {});

}  // namespace nhacviec
