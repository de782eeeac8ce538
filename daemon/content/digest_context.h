// The values the weekly digest's templates see (config/templates/README.txt):
// counts per report category, overdue tasks, deadlines in the next 30 days,
// reviews due this quarter, tasks with no deadline, and notifications that
// could not be delivered. Pure.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "calendar/working_calendar.h"
#include "plan/stored_task.h"
#include "report/status_report.h"
#include "schedule/timeline.h"

namespace nhacviec {

// A notification that could not be delivered, as the digest lists it.
struct UndeliverableNotice {
    std::string recipient;
    std::string subject;
    std::string reason;
};

// The context of digest notification `n` of `timeline`. `tasks[i]` is the
// stored task behind the timeline's task i. The digest reports the state on
// `sent_on`, the day it actually goes out (later than planned after
// downtime); by default the planned day.
nlohmann::json digest_context(const Timeline& timeline, const PlannedNotification& n,
                              const StoredTaskRows& tasks, const ScheduledTasks& scheduled,
                              const ScheduleRules& rules, const WorkingCalendar& calendar,
                              const std::vector<UndeliverableNotice>& undeliverable,
                              std::optional<Date> sent_on = {});

}  // namespace nhacviec
