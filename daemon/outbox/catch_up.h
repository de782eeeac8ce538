// Which planned notifications to write to the outbox now (domain guide §6):
// those that have come due and are not recorded yet — but after downtime only
// the most recent missed step of each ladder goes out. A ladder is the steps
// one addressee gets about one task and period: its reminders and
// escalations together, its review reminders, or the weekly digests. A
// reminder whose deadline has passed gives way to the escalation, and a
// review reminder whose review date has passed is no longer sent. Pure.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "schedule/timeline.h"

namespace nhacviec {

// The outcome for one due notification. A plain value.
struct DueNotification {
    size_t item = 0;  // index into Timeline::items
    bool send = true;
    // Why it is not sent: "superseded by KEY", or "deadline passed on 2026-03-31".
    std::string skipped_because;
};

// The notifications of `timeline` due at `now` (their time has come) that
// `recorded` does not know, in timeline order. `rules` gives review due dates.
std::vector<DueNotification> select_due(const Timeline& timeline, std::chrono::sys_seconds now,
                                        const ScheduleRules& rules,
                                        const std::function<bool(const std::string& key)>& recorded);

}  // namespace nhacviec
