#include "outbox/refresher.h"

#include "common/clock.h"

namespace nhacviec {

using std::chrono::sys_seconds;

Status Refresher::check(sys_seconds now) {
    auto waiting = store_.waiting(checked_until_, now, built_after_);
    if (!waiting) return waiting.error();
    // The messages of an agency's answer and of a decision on one are not planned by the timeline: they hold
    // as they were written.
    std::erase_if(*waiting, [](const WaitingNotification& w) {
        return w.kind == to_string(NotificationKind::answer) || w.kind == to_string(NotificationKind::decision);
    });
    if (!waiting->empty()) {
        if (!timeline_) {
            timeline_.emplace(plan_());
            planned_.reserve(timeline_->items.size());
            for (size_t i = 0; i < timeline_->items.size(); ++i) planned_[timeline_->key(timeline_->items[i])] = i;
        }
        // A digest built again lists what could not be delivered in the week before now, as enqueue_due() does.
        std::vector<UndeliverableNotice> undeliverable;
        for (const auto& w : *waiting) {
            if (w.kind != "digest") continue;
            auto dead = store_.dead_since(now - std::chrono::days(7));
            if (!dead) return dead.error();
            undeliverable = std::move(*dead);
            break;
        }
        std::vector<NotificationCheck> checks;
        checks.reserve(waiting->size());
        for (const auto& w : *waiting) checks.push_back(check_one(w, now, undeliverable));
        auto applied = store_.apply(checks, now);
        if (!applied) return applied.error();
        summary_.cancelled += applied->cancelled;
        summary_.dead += applied->dead;
        summary_.rebuilt += applied->rebuilt;
    }
    checked_until_ = now;
    return {};
}

NotificationCheck Refresher::check_one(const WaitingNotification& w, sys_seconds now,
                                       const std::vector<UndeliverableNotice>& undeliverable) {
    NotificationCheck c;
    c.id = w.id;
    const auto it = planned_.find(w.key);
    if (it == planned_.end()) {
        c.cancelled_because = reason(w);
        return c;
    }
    const PlannedNotification& n = timeline_->items[it->second];
    const sys_seconds planned = vietnam_time(n.date(), timeline_->send_minutes(n));
    if (planned != w.due_at) {
        c.cancelled_because = "no longer planned for " + format_vietnam_time(w.due_at) + ": now planned for " +
                              format_vietnam_time(planned);
        return c;
    }
    try {
        c.rebuilt = builder_.build(*timeline_, n, vietnam_date(now), undeliverable);
    } catch (const std::exception& e) {
        c.failed = std::string("could not be built: ") + e.what();
    }
    return c;
}

std::string Refresher::reason(const WaitingNotification& w) const {
    const std::string planned_for = "no longer planned for " + format_vietnam_time(w.due_at);
    if (w.task_code.empty()) return planned_for;
    // The key starts with the plan: "90/KH-UBND/2026|I.3|2026-Q3|review-14|…".
    const std::string plan = w.key.substr(0, w.key.find('|'));
    const ScheduledTask* task = nullptr;
    for (const auto& t : scheduled_)
        if (t.code == w.task_code && t.plan_number + "/" + std::to_string(t.plan_year) == plan) task = &t;
    const std::string name = "task " + w.task_code;
    if (!task) return name + " is no longer in plan " + plan;
    const StatusEntry& overall = task->status.overall;
    if (overall.status == WorkStatus::done)
        return name + " was marked done" + (overall.done_on ? " on " + format_iso_date(*overall.done_on) : "");
    const auto awaiting = [&](const AwaitingConfirmation& a, const std::string& what) {
        return name + " was reported done" + what + " on " + format_iso_date(a.done_on) + " by " + a.agency +
               " and awaits confirmation";
    };
    if (const AwaitingConfirmation* a = task->status.awaiting_for("")) return awaiting(*a, "");
    if (task->status.reminders_paused) return "the reminders of " + name + " are paused by the monitoring agency";
    if (w.kind == "review") {
        const size_t first = w.key.find('|'), second = w.key.find('|', first + 1);
        const std::string period = w.key.substr(second + 1, w.key.find('|', second + 1) - second - 1);
        const StatusEntry& entry = task->status.period(period);
        if (entry.status == WorkStatus::done)
            return name + " was marked done for " + period +
                   (entry.done_on ? " on " + format_iso_date(*entry.done_on) : "");
        if (const AwaitingConfirmation* a = task->status.awaiting_for(period)) return awaiting(*a, " for " + period);
    }
    if (overall.status == WorkStatus::waiting && w.kind == "escalation")
        return name + " is waiting on its precondition";
    const Deadline& d = task->deadline;
    return planned_for + ": the deadline of " + name + " is now \"" + d.text + "\"" +
           (d.due ? " (" + format_iso_date(*d.due) + ")" : "");
}

}  // namespace nhacviec
