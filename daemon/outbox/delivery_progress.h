// DeliveryProgress: how far delivery passes have planned (schema 0006), and
// where the next pass starts planning. A pass plans the notifications of
// (planned_through, now] — widened back by the catch-up window, so that a
// plan changed since (a deadline moved into the past, a task reopened or
// imported) still has the latest missed step of each ladder go out — instead
// of every notification since the first plan was issued. Borrows the
// Database; used by the thread that runs delivery passes.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "schedule/timeline.h"
#include "storage/database.h"

namespace nhacviec {

class DeliveryProgress {
public:
    explicit DeliveryProgress(Database& db) : db_(db) {}

    // The moment every planned notification up to which is in the outbox;
    // nullopt before the first pass.
    Result<std::optional<std::chrono::sys_seconds>> planned_through();
    // Records that everything up to `through` is in the outbox; an earlier
    // moment than the one recorded (a pass at a past moment) changes nothing.
    Status advance(std::chrono::sys_seconds through);

private:
    Database& db_;
};

// How many days back from a pass's moment the step of a ladder that
// catch-up sends can lie: the longest lead of a reminder or review reminder,
// the longest gap between escalations, a week for the digest, and a month
// for the days off a step may be moved over, under the global rules and each
// task's own. nullopt when no bound holds (a task escalated to level 3 once,
// never repeated: that step stays the one to send however long ago it fell).
std::optional<int> catch_up_days(const ScheduleRules& rules, const ScheduledTasks& tasks);

// The first day a pass at `now` plans: the first plan's issue day before any
// pass, otherwise the day of planned_through or of `now` less the catch-up
// window, whichever is earlier (a pass at a past moment plans that moment's
// window again), and never before `first_plan_day`.
Date planning_start(std::optional<std::chrono::sys_seconds> planned_through, std::chrono::sys_seconds now,
                    std::optional<int> catch_up_days, Date first_plan_day);

}  // namespace nhacviec
