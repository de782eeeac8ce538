// nhacviec deliver [--now YYYY-MM-DDTHH:MM]: one delivery pass — writes the
// notifications that have come due to the outbox, sends everything due
// through the channels and records each outcome, then exits. Retries fall due
// later: run it again (from cron), or run the daemon.
#include <ostream>

#include "cli/command_list.h"
#include "cli/plan_state.h"
#include "cli/setup.h"
#include "outbox/delivery_lock.h"
#include "outbox/dispatcher.h"
#include "outbox/enqueue.h"

namespace nhacviec::cli {

int run_deliver(Invocation& inv) {
    constexpr const char* kUsage = "usage: nhacviec deliver [--now YYYY-MM-DDTHH:MM]\n";
    std::optional<std::string> now_text;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        if (inv.args[i] == "--now" && i + 1 < inv.args.size()) now_text = inv.args[++i];
        else return inv.err << kUsage, kExitUsage;
    }
    SystemClock system_clock;
    std::optional<FakeClock> fixed_clock;
    if (now_text) {
        auto now = time_option("--now", *now_text);
        if (!now) return inv.err << "nhacviec: " << now.error().message << "\n", kExitUsage;
        fixed_clock.emplace(*now);
    }
    const Clock& clock = fixed_clock ? static_cast<const Clock&>(*fixed_clock) : system_clock;

    auto workspace = open_workspace(inv.options);
    if (!workspace) return inv.err << "nhacviec: " << workspace.error().message << "\n", kExitFailure;
    auto templates = load_templates(workspace->config);
    if (!templates) return inv.err << "nhacviec: " << templates.error().message << "\n", kExitFailure;
    auto lock = DeliveryLock::acquire(workspace->db->path());
    if (!lock) return inv.err << "nhacviec: " << lock.error().message << "\n", kExitFailure;

    const Config& config = workspace->config;
    const PlanState& state = workspace->state;
    const auto now = clock.now();
    const Timeline timeline = plan_timeline(state.scheduled, *state.names, state.roles, config.schedule,
                                            workspace->calendar, first_plan_day(state), vietnam_date(now));
    const EntryBuilder builder(state.tasks, state.scheduled, config, workspace->directory, workspace->calendar,
                               *templates);
    OutboxStore store(*workspace->db);
    auto enqueued = enqueue_due(store, timeline, builder, config.schedule, now);
    if (!enqueued) return inv.err << "nhacviec: " << enqueued.error().message << "\n", kExitFailure;

    Dispatcher dispatcher(store, config.delivery, clock);
    auto delivered = dispatcher.deliver_due();
    if (!delivered) return inv.err << "nhacviec: " << delivered.error().message << "\n", kExitFailure;

    inv.out << format_vietnam_time(now) << ": " << enqueued->added << " notifications came due";
    if (enqueued->skipped) inv.out << ", " << enqueued->skipped << " skipped by catch-up";
    inv.out << "\n";
    if (enqueued->unreachable)
        inv.out << enqueued->unreachable << " deliveries recorded as undeliverable: the agency has no contact\n";
    if (delivered->recovered)
        inv.out << delivered->recovered << " deliveries interrupted by an earlier stop were tried again\n";
    inv.out << "deliveries: " << delivered->sent << " sent, " << delivered->retrying << " to retry, "
            << delivered->dead << " dead\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
