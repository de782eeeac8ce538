#include "service/delivery_pass.h"

#include "cli/plan_state.h"
#include "cli/setup.h"
#include "links/link_secret.h"
#include "outbox/answer_links.h"
#include "outbox/delivery_progress.h"
#include "outbox/look_ahead.h"
#include "outbox/refresher.h"

namespace nhacviec {

Result<ServiceSetup> load_service_setup(const cli::GlobalOptions& options) {
    auto config = cli::load_configuration(options);
    if (!config) return config.error();
    auto directory = cli::load_directory(*config);
    if (!directory) return directory.error();
    auto calendar = cli::load_calendar(*config);
    if (!calendar) return calendar.error();
    auto templates = cli::load_templates(*config);
    if (!templates) return templates.error();
    if (options.database_path) config->database = *options.database_path;
    if (const auto unknown = unknown_token_agencies(config->api, *directory); !unknown.empty()) return Error{unknown.front()};
    return ServiceSetup{std::move(*config), std::move(*directory), std::move(*calendar), std::move(*templates)};
}

Result<PassResult> run_delivery_pass(Database& db, const ServiceSetup& setup, Dispatcher& dispatcher,
                                     std::chrono::sys_seconds now, OutboxCounts* counts) {
    const auto started = std::chrono::steady_clock::now();
    auto state = cli::load_plan_state(db, setup.config, setup.directory);
    if (!state) return state.error();
    const Date today = vietnam_date(now);
    // Only the window since the last pass is planned (see DeliveryProgress).
    DeliveryProgress progress(db);
    auto planned_through = progress.planned_through();
    if (!planned_through) return planned_through.error();
    const Date first_day = cli::first_plan_day(*state);
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
    OutboxStore store(db);
    store.count_into(counts);
    PassResult result;
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
