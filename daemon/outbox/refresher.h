// Refresher: checks, just before their deliveries are claimed, that the
// notifications waiting in the outbox still hold under the plan as it is now.
// A plan amended, a task marked done or waiting after a notification was
// written to the outbox changes what it should say, or whether it should go
// at all: a notification the timeline no longer plans at the same moment (its
// task removed, done or waiting, its deadline moved) has its waiting
// deliveries cancelled with the reason, and one that still holds is built
// again, so that it goes out in the plan's current wording. Borrows what it
// reads; one per delivery pass.
#pragma once

#include <chrono>
#include <cstdint>
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
    // `timeline` plans every notification up to today; notifications with
    // an id above `built_after` were built in this pass and are not checked.
    Refresher(OutboxStore& store, const Timeline& timeline, const std::vector<ScheduledTask>& scheduled,
              const EntryBuilder& builder, int64_t built_after)
        : store_(store), timeline_(timeline), scheduled_(scheduled), builder_(builder), built_after_(built_after) {}

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
    const Timeline& timeline_;
    const std::vector<ScheduledTask>& scheduled_;
    const EntryBuilder& builder_;
    int64_t built_after_;
    std::optional<std::chrono::sys_seconds> checked_until_;
    std::unordered_map<std::string, size_t> planned_;  // key → index into timeline_.items, made on first use
    bool indexed_ = false;
    CheckSummary summary_;
};

}  // namespace nhacviec
