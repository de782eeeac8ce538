#include "outbox/look_ahead.h"

#include <algorithm>

#include "common/clock.h"

namespace nhacviec {

std::optional<std::chrono::sys_seconds> next_planned_after(const ScheduledTasks& tasks,
                                                           const NameTable& names, RoleIds roles,
                                                           const ScheduleRules& rules,
                                                           const WorkingCalendar& calendar,
                                                           std::chrono::sys_seconds now) {
    const Date today = vietnam_date(now);
    // Each window starts today: a longer one plans the same notifications up to the shorter one's end, and more
    // after. (A recurring task's periods are planned while they start within the window: a review reminder
    // further ahead of its review than the shortest period, 28 days, could fall inside a window its period
    // starts after; with such rules only the longest window is used.)
    const bool long_review_leads =
        std::any_of(rules.review_days.begin(), rules.review_days.end(), [](int days) { return days >= 28; });
    const std::vector<int> windows = long_review_leads ? std::vector<int>{400} : std::vector<int>{15, 62, 400};
    for (const int days : windows) {
        const Timeline ahead = plan_timeline(tasks, names, roles, rules, calendar, today, add_days(today, days));
        for (const auto& n : ahead.items) {
            const auto at = vietnam_time(n.date(), ahead.send_minutes(n));
            if (at > now) return at;
        }
    }
    return std::nullopt;
}

}  // namespace nhacviec
