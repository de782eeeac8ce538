#include "outbox/catch_up.h"

#include <unordered_map>

#include "common/clock.h"

namespace nhacviec {

namespace {

// Identifies a ladder: the task, the period, the addressee and the family
// (0: reminders and escalations, 1: review reminders, 2: digests).
struct LadderKey {
    std::int32_t task;
    std::uint16_t period;
    std::uint8_t family;
    std::uint32_t to;
    bool operator==(const LadderKey&) const = default;
};

struct LadderHash {
    size_t operator()(const LadderKey& k) const {
        const std::uint64_t a = static_cast<std::uint32_t>(k.task) | std::uint64_t{k.period} << 32 | std::uint64_t{k.family} << 48;
        return std::hash<std::uint64_t>{}(a * 0x9E3779B97F4A7C15ull ^ k.to);
    }
};

LadderKey ladder_of(const PlannedNotification& n) {
    const std::uint8_t family = n.kind == NotificationKind::review ? 1 : n.kind == NotificationKind::digest ? 2 : 0;
    // Reminders and escalations of one deadline share a ladder whatever their period.
    const std::uint16_t period = family == 0 ? 0 : n.period;
    return {n.task, period, family, n.to};
}

// The day the reminder or review reminder `n` is about, when it has one.
std::optional<Date> target_day(const Timeline& timeline, const PlannedNotification& n, const ScheduleRules& rules) {
    const ScheduledTask* task = timeline.task(n);
    if (!task) return std::nullopt;
    if (n.kind == NotificationKind::reminder) return task->deadline.due;
    if (n.kind == NotificationKind::review && n.period != 0)
        return review_date(*task, unpack_period(n.period), review_rule(*task, rules).months_after);
    return std::nullopt;
}

}  // namespace

std::vector<DueNotification> select_due(const Timeline& timeline, std::chrono::sys_seconds now,
                                        const ScheduleRules& rules,
                                        const std::function<bool(const std::string& key)>& recorded) {
    const auto& items = timeline.items;
    const auto time_of = [&](const PlannedNotification& n) { return vietnam_time(n.date(), timeline.send_minutes(n)); };

    std::unordered_map<LadderKey, size_t, LadderHash> latest;
    size_t due_count = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        if (time_of(items[i]) > now) continue;
        latest[ladder_of(items[i])] = i;  // items go out in time order: the last one seen is the latest
        due_count = i + 1;
    }

    const Date today = vietnam_date(now);
    std::vector<DueNotification> out;
    for (size_t i = 0; i < due_count; ++i) {
        const PlannedNotification& n = items[i];
        if (time_of(n) > now || recorded(timeline.key(n))) continue;
        DueNotification due{i, true, {}};
        if (const auto day = target_day(timeline, n, rules); day && *day < today) {
            due.send = false;
            due.skipped_because = (n.kind == NotificationKind::reminder ? "deadline passed on " : "review date passed on ") +
                                  format_iso_date(*day);
        } else if (const size_t last = latest.at(ladder_of(n)); last != i) {
            due.send = false;
            due.skipped_because = "superseded by " + timeline.key(items[last]);
        }
        out.push_back(std::move(due));
    }
    return out;
}

}  // namespace nhacviec
