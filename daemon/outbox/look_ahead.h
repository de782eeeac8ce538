// When the next planned notification falls after a moment, so that the
// daemon knows how long it may sleep. The timeline is planned ahead in
// widening windows (a week or two, a month, then as far as anything can be
// planned), so that the usual answer, within the week of the next digest,
// costs a short window instead of a year's. Pure.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "calendar/working_calendar.h"
#include "schedule/timeline.h"

namespace nhacviec {

// The moment of the first notification planned after `now`, looking up to
// 400 days ahead (nothing is planned further than a year and a month after
// its cause); nullopt when none.
std::optional<std::chrono::sys_seconds> next_planned_after(const ScheduledTasks& tasks,
                                                           const NameTable& names, RoleIds roles,
                                                           const ScheduleRules& rules,
                                                           const WorkingCalendar& calendar,
                                                           std::chrono::sys_seconds now);

}  // namespace nhacviec
