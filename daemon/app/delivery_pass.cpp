#include "app/delivery_pass.h"

#include <algorithm>

#include "app/plan_state.h"
#include "links/link_secret.h"
#include "outbox/answer_links.h"
#include "outbox/delivery_progress.h"
#include "outbox/look_ahead.h"
#include "outbox/refresher.h"

namespace nhacviec {

namespace {

// Whether `plan` shows that nothing has come due since `planned_through`: the
// same snapshot as the previous pass, covering that moment, and none of its
// planned moments in (planned_through, now].
bool nothing_due(const PassPlan& plan, const std::optional<std::chrono::sys_seconds>& planned_through,
                 std::chrono::sys_seconds now) {
    if (!plan.snapshot || plan.snapshot != plan.previous || !planned_through) return false;
    const auto& moments = plan.snapshot->planned_moments;
    if (*planned_through < vietnam_time(plan.snapshot->day, 0)) return false;  // before what the snapshot planned
    const auto next = std::upper_bound(moments.begin(), moments.end(), *planned_through);
    return next == moments.end() ? now < vietnam_time(add_days(plan.snapshot->day, 400), 0) : *next > now;
}

}  // namespace

Result<PassResult> run_delivery_pass(Database& db, const ServiceSetup& setup, Dispatcher& dispatcher,
                                     std::chrono::sys_seconds now, OutboxCounts* counts, const PassPlan& plan) {
    const auto started = std::chrono::steady_clock::now();
    DeliveryProgress progress(db);
    auto planned_through = progress.planned_through();
    if (!planned_through) return planned_through.error();
    OutboxStore store(db);
    store.count_into(counts);
    PassResult result;
    if (nothing_due(plan, *planned_through, now)) {
        result.planned = false;
        auto delivered = dispatcher.deliver_due();
        if (!delivered) return delivered.error();
        result.delivered = *delivered;
        const auto& moments = plan.snapshot->planned_moments;
        const auto next = std::upper_bound(moments.begin(), moments.end(), now);
        if (next != moments.end()) result.next_due = *next;
        auto retry = store.next_due();
        if (!retry) return retry.error();
        if (*retry && (!result.next_due || **retry < *result.next_due)) result.next_due = **retry;
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return result;
    }
    std::optional<app::PlanState> loaded;
    if (!plan.snapshot) {
        auto read = app::load_plan_state(db, setup.config, setup.directory);
        if (!read) return read.error();
        loaded.emplace(std::move(*read));
    }
    const app::PlanState* state = plan.snapshot ? plan.snapshot->state.get() : &*loaded;
    const Date today = vietnam_date(now);
    // Only the window since the last pass is planned (see DeliveryProgress).
    const Date first_day = app::first_plan_day(*state, today);
    const Date from = planning_start(*planned_through, now, catch_up_days(setup.config.schedule, state->scheduled),
                                     first_day);
    const Timeline timeline = plan_timeline(state->scheduled, *state->names, state->roles, setup.config.schedule,
                                            setup.calendar, from, today);
    // Each pass reads the link secret again, so `nhacviec links rotate` takes effect at the next one.
    std::optional<AnswerLinks> links;
    if (std::string base = answer_link_base(setup.config, setup.directory); !base.empty()) {
        auto secret = load_or_create_link_secret(link_secret_path(setup.config.database));
        if (!secret) return secret.error();
        links.emplace(std::move(*secret), std::move(base), setup.config.api.link_days);
    }
    const EntryBuilder builder(state->tasks, state->scheduled, setup.config, setup.directory, setup.calendar,
                               setup.templates, links ? &*links : nullptr);
    auto built_after = store.last_id();
    if (!built_after) return built_after.error();
    auto enqueued = enqueue_due(store, timeline, builder, setup.config.schedule, now);
    if (!enqueued) return enqueued.error();
    result.enqueued = *enqueued;
    if (auto advanced = progress.advance(now); !advanced) return advanced.error();
    // What was written before this pass is checked against the plan as it is now before it goes out.
    Refresher refresher(
        store,
        [&] {
            return plan_timeline(state->scheduled, *state->names, state->roles, setup.config.schedule, setup.calendar,
                                 first_day, today);
        },
        state->scheduled, builder, *built_after);
    auto delivered = dispatcher.deliver_due([&](std::chrono::sys_seconds at) { return refresher.check(at); });
    result.checked = refresher.summary();
    if (!delivered) return delivered.error();
    result.delivered = *delivered;

    // The next planned notification after now …
    result.next_due = next_planned_after(state->scheduled, *state->names, state->roles, setup.config.schedule,
                                         setup.calendar, now);
    // … or the next retry, if sooner.
    auto retry = store.next_due();
    if (!retry) return retry.error();
    if (*retry && (!result.next_due || **retry < *result.next_due)) result.next_due = **retry;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace nhacviec
