// The first half of a delivery pass: every notification of the timeline that
// has come due and is not in the outbox yet is written to it, in one
// transaction, before anything is sent — those that catch-up skips are
// recorded as skipped, so they are never considered again, and one that
// cannot be built or recorded as a dead letter with the reason, so that it
// holds up nothing else.
#pragma once

#include <chrono>

#include "common/result.h"
#include "outbox/entry_builder.h"
#include "outbox/outbox_store.h"
#include "schedule/timeline.h"

namespace nhacviec {

// What enqueue_due() wrote.
struct EnqueueSummary {
    size_t added = 0;        // notifications to send
    size_t skipped = 0;      // recorded as skipped by catch-up
    size_t unreachable = 0;  // deliveries recorded dead at once: the agency has no contact
    size_t dead_lettered = 0;  // notifications that could not be built or recorded: dead, with the reason
};

Result<EnqueueSummary> enqueue_due(OutboxStore& store, const Timeline& timeline, const EntryBuilder& builder,
                                   const ScheduleRules& rules, std::chrono::sys_seconds now);

}  // namespace nhacviec
