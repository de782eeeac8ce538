// nhacviec deliver [--now YYYY-MM-DDTHH:MM]: one delivery pass — writes the
// notifications that have come due to the outbox, sends everything due
// through the channels and records each outcome, then exits. Retries fall due
// later: run it again (from cron), or run the daemon.
#include <optional>
#include <ostream>

#include "cli/command_list.h"
#include "cli/setup.h"
#include "outbox/delivery_lock.h"
#include "app/delivery_pass.h"

namespace nhacviec::cli {

int run_deliver(Invocation& inv) {
    std::optional<std::string> now_text;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        if (inv.args[i] == "--now" && i + 1 < inv.args.size()) now_text = inv.args[++i];
        else return inv.err << usage("deliver"), kExitUsage;
    }
    SystemClock system_clock;
    std::optional<FakeClock> fixed_clock;
    if (now_text) {
        auto now = time_option("--now", *now_text);
        if (!now) return inv.err << "nhacviec: " << now.error().message << "\n", kExitUsage;
        fixed_clock.emplace(*now);
    }
    const Clock& clock = fixed_clock ? static_cast<const Clock&>(*fixed_clock) : system_clock;

    auto setup = load_service_setup(inv.options);
    if (!setup) return inv.err << "nhacviec: " << setup.error().message << "\n", kExitFailure;
    std::optional<DeliveryLock> lock;  // before the database: released after its connection closes
    auto db = Database::open_existing(setup->config.database);
    if (!db) return inv.err << "nhacviec: " << db.error().message << "\n", kExitFailure;
    if (auto writable = db->require_writable(); !writable)
        return inv.err << "nhacviec: " << writable.error().message << "\n", kExitFailure;
    auto acquired = DeliveryLock::acquire(*db);
    if (!acquired) return inv.err << "nhacviec: " << acquired.error().message << "\n", kExitFailure;
    lock.emplace(std::move(*acquired));

    OutboxStore store(*db);
    Dispatcher dispatcher(store, setup->config.delivery, clock);
    const auto now = clock.now();
    auto pass = run_delivery_pass(*db, *setup, dispatcher, now);
    if (!pass) {
        inv.err << "nhacviec: " << pass.error().message << "\n";
        // Attempts that were under way when the database failed: one more try to record them.
        if (const size_t held = dispatcher.held()) {
            if (auto recorded = dispatcher.record_held(); !recorded)
                inv.err << "nhacviec: the outcomes of " << held << " attempts could not be recorded ("
                        << recorded.error().message
                        << "); those deliveries stay \"sending\" and the next pass tries them again\n";
        }
        return kExitFailure;
    }

    const EnqueueSummary& enqueued = pass->enqueued;
    const DispatchSummary& delivered = pass->delivered;
    inv.out << format_vietnam_time(now) << ": " << enqueued.added << " notifications came due";
    if (enqueued.skipped) inv.out << ", " << enqueued.skipped << " skipped by catch-up";
    inv.out << "\n";
    if (enqueued.unreachable)
        inv.out << enqueued.unreachable << " deliveries recorded as undeliverable: the agency has no contact\n";
    if (enqueued.dead_lettered)
        inv.out << enqueued.dead_lettered
                << " notifications could not be built or recorded: dead, with the reason (nhacviec outbox --state dead)\n";
    if (pass->checked.cancelled)
        inv.out << pass->checked.cancelled
                << " deliveries cancelled: their notification no longer holds (nhacviec outbox --state cancelled)\n";
    if (delivered.recovered)
        inv.out << delivered.recovered << " deliveries interrupted by an earlier stop were tried again\n";
    inv.out << "deliveries: " << delivered.sent << " sent, " << delivered.retrying << " to retry, " << delivered.dead
            << " dead\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
