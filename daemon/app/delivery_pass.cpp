#include "app/delivery_pass.h"

#include "app/plan_state.h"
#include "outbox/refresher.h"

namespace nhacviec {

namespace {

// How far ahead a pass looks for the next planned notification. Nothing is
// planned further than a year and a month after its cause (a deadline's last
// reminder is at most 366 days before it).
constexpr int kLookAheadDays = 400;

}  // namespace

Result<PassResult> run_delivery_pass(Database& db, const ServiceSetup& setup, Dispatcher& dispatcher,
                                     std::chrono::sys_seconds now) {
    auto state = app::load_plan_state(db, setup.config, setup.directory);
    if (!state) return state.error();
    const Date today = vietnam_date(now);
    const Timeline timeline = plan_timeline(state->scheduled, *state->names, state->roles, setup.config.schedule,
                                            setup.calendar, app::first_plan_day(*state, today), today);
    const EntryBuilder builder(state->tasks, state->scheduled, setup.config, setup.directory, setup.calendar,
                               setup.templates);
    OutboxStore store(db);
    PassResult result;
    auto built_after = store.last_id();
    if (!built_after) return built_after.error();
    auto enqueued = enqueue_due(store, timeline, builder, setup.config.schedule, now);
    if (!enqueued) return enqueued.error();
    result.enqueued = *enqueued;
    // What was written before this pass is checked against the plan as it is now before it goes out.
    Refresher refresher(store, timeline, state->scheduled, builder, *built_after);
    auto delivered = dispatcher.deliver_due([&](std::chrono::sys_seconds at) { return refresher.check(at); });
    result.checked = refresher.summary();
    if (!delivered) return delivered.error();
    result.delivered = *delivered;

    // The next planned notification after now …
    const Timeline ahead = plan_timeline(state->scheduled, *state->names, state->roles, setup.config.schedule,
                                         setup.calendar, today, add_days(today, kLookAheadDays));
    for (const auto& n : ahead.items) {
        const auto at = vietnam_time(n.date(), ahead.send_minutes(n));
        if (at > now) {
            result.next_due = at;
            break;
        }
    }
    // … or the next retry, if sooner.
    auto retry = store.next_due();
    if (!retry) return retry.error();
    if (*retry && (!result.next_due || **retry < *result.next_due)) result.next_due = **retry;
    return result;
}

}  // namespace nhacviec
