// Refresher: checks, just before their deliveries are claimed, that the
// notifications waiting in the outbox still hold under the plan as it is now.
// A plan amended, a task marked done or waiting (or its completion reported
// and awaiting confirmation) after a notification was
// written to the outbox changes what it should say, or whether it should go
// at all: a notification the timeline no longer plans at the same moment (its
// task removed, done or waiting, its deadline moved) has its waiting
// deliveries cancelled with the reason, and one that still holds is built
// again, so that it goes out in the plan's current wording. The message of an
// agency's answer (kind "answer") and that of a decision on one (kind
// "decision"), which no timeline plans, are left as they were written. The timeline it
// checks against is planned on first need, when something written before the
// pass waits, so that a pass with nothing waiting plans no more than its own
// window. Borrows what it reads; one per delivery pass, on its thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "outbox/entry_builder.h"
#include "outbox/outbox_store.h"
#include "schedule/timeline.h"

namespace nhacviec {

class Refresher {
public:
    // `plan` plans every notification up to today (called at most once, on
    // first need); notifications with an id above `built_after` were built
    // in this pass and are not checked.
    Refresher(OutboxStore& store, std::function<Timeline()> plan, const ScheduledTasks& scheduled,
              const EntryBuilder& builder, int64_t built_after)
        : store_(store), plan_(std::move(plan)), scheduled_(scheduled), builder_(builder), built_after_(built_after) {}

    // Checks the notifications with deliveries that fell due since the last
    // call (every one due by `now` at the first), before they are claimed.
    Status check(std::chrono::sys_seconds now);

    // Totals over every call.
    const CheckSummary& summary() const { return summary_; }

private:
    NotificationCheck check_one(const WaitingNotification& w, std::chrono::sys_seconds now,
                                const std::vector<UndeliverableNotice>& undeliverable);
    // Why `w`, which the timeline does not plan at its moment, no longer holds.
    std::string reason(const WaitingNotification& w) const;

    OutboxStore& store_;
    std::function<Timeline()> plan_;
    std::optional<Timeline> timeline_;  // planned by plan_ on first need
    const ScheduledTasks& scheduled_;
    const EntryBuilder& builder_;
    int64_t built_after_;
    std::optional<std::chrono::sys_seconds> checked_until_;
    std::unordered_map<std::string, size_t> planned_;  // key → index into timeline_->items, made with it
    CheckSummary summary_;
};

}  // namespace nhacviec
