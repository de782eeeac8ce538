#include "outbox/enqueue.h"

#include <algorithm>
#include <optional>

#include "common/clock.h"
#include "outbox/catch_up.h"

namespace nhacviec {

Result<EnqueueSummary> enqueue_due(OutboxStore& store, const Timeline& timeline, const EntryBuilder& builder,
                                   const ScheduleRules& rules, std::chrono::sys_seconds now) {
    // Each due key is looked up in the outbox's unique index, rather than every key ever recorded loaded.
    std::optional<Error> lookup_failed;
    const auto due = select_due(timeline, now, rules, [&](const std::string& key) {
        if (lookup_failed) return true;
        auto found = store.recorded(key);
        if (!found) {
            lookup_failed = found.error();
            return true;
        }
        return *found;
    });
    if (lookup_failed) return *lookup_failed;
    if (due.empty()) return EnqueueSummary{};

    // The digest lists what could not be delivered in the week before it.
    std::vector<UndeliverableNotice> undeliverable;
    const bool digest_due = std::any_of(due.begin(), due.end(), [&](const DueNotification& d) {
        return d.send && timeline.items[d.item].kind == NotificationKind::digest;
    });
    if (digest_due) {
        auto dead = store.dead_since(now - std::chrono::days(7));
        if (!dead) return dead.error();
        undeliverable = std::move(*dead);
    }

    EnqueueSummary summary;
    std::vector<OutboxEntry> entries;
    entries.reserve(due.size());
    for (const auto& d : due) {
        const PlannedNotification& n = timeline.items[d.item];
        if (!d.send) {
            entries.push_back(builder.skipped(timeline, n, d.skipped_because));
            ++summary.skipped;
            continue;
        }
        // One notification that cannot be built never holds up the others:
        // it is recorded as a dead letter with the reason.
        try {
            entries.push_back(builder.build(timeline, n, vietnam_date(now), undeliverable));
        } catch (const std::exception& e) {
            entries.push_back(builder.dead_letter(timeline, n, std::string("could not be built: ") + e.what()));
            ++summary.dead_lettered;
            continue;
        }
        ++summary.added;
        summary.unreachable += static_cast<size_t>(std::count_if(
            entries.back().deliveries.begin(), entries.back().deliveries.end(),
            [](const OutboxDelivery& delivery) { return delivery.channel == ChannelKind::none; }));
    }
    auto added = store.add(entries, now);
    if (!added) return added.error();
    summary.dead_lettered += added->dead_lettered;
    summary.added -= added->dead_lettered;
    return summary;
}

}  // namespace nhacviec
