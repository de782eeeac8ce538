// One delivery pass, shared by `nhacviec deliver` and the daemon: load the
// plans as they are now, write what has come due to the outbox, send what is
// due, and say when the next thing falls due. What a pass reads that changes
// only on reload (configuration, directory, calendar, templates) is a
// ServiceSetup, owned by the caller.
#pragma once

#include <chrono>
#include <optional>

#include "app/plan_snapshot.h"
#include "app/setup.h"
#include "common/result.h"
#include "outbox/dispatcher.h"
#include "outbox/enqueue.h"
#include "outbox/outbox_counts.h"
#include "storage/database.h"

namespace nhacviec {

// What a pass did, and when the next one is needed.
struct PassResult {
    EnqueueSummary enqueued;
    CheckSummary checked;  // waiting notifications checked against the plan before they went out
    DispatchSummary delivered;
    // The next planned notification or retry after `now`; nullopt when nothing is planned.
    std::optional<std::chrono::sys_seconds> next_due;
    double seconds = 0;  // how long the pass took, by the steady clock
    bool planned = true;  // false when nothing had come due to plan (see PassPlan)
};

// What the daemon hands a pass from its plan in memory: `snapshot`, the plan
// to deliver (the pass then reads no plan from the database), and
// `previous`, the snapshot the previous pass planned with. When they are the
// same and no moment of snapshot->planned_moments falls between the last
// moment planned and now, nothing can have come due: the pass only sends
// retries that are due.
struct PassPlan {
    std::shared_ptr<const app::PlanSnapshot> snapshot;
    std::shared_ptr<const app::PlanSnapshot> previous;
};

// `counts`, when given, is kept up to date with what the pass writes (see
// OutboxCounts). Without a snapshot in `plan`, the plan is read from `db`.
Result<PassResult> run_delivery_pass(Database& db, const ServiceSetup& setup, Dispatcher& dispatcher,
                                     std::chrono::sys_seconds now, OutboxCounts* counts = nullptr,
                                     const PassPlan& plan = {});

}  // namespace nhacviec
