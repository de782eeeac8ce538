// The messages of one task as the console's task page lists them: every
// delivery of every notification recorded for the task (its reminders,
// review reminders, escalations and the messages about its answers), the
// cancelled ones too, with its state and when it was actually sent, newest
// first. Found by the notifications' keys, which start with the task's
// "PLAN/YEAR|CODE|": those that hold through the unique index on keys, the
// cancelled ones through their deliveries. A function over a borrowed
// Database, on the thread that owns it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "outbox/outbox_store.h"
#include "storage/database.h"

namespace nhacviec {

// The key prefix of a task's notifications: "90/KH-UBND/2026|I.3|".
std::string task_key_prefix(const std::string& plan_number, int plan_year, const std::string& code);

// One delivery of a task's notification. A plain value.
struct TaskMessage {
    OutboxRow row;  // row.due_at: the moment it was planned for
    std::optional<std::chrono::sys_seconds> sent_at;  // when the attempt that sent it ended; none when not sent
    std::int64_t notification = 0;                    // notifications.id
    std::int64_t delivery = 0;                        // deliveries.id
};

// The deliveries of the notifications whose key starts with `key_prefix`,
// cancelled or not, newest notification first, at most `limit` of them.
Result<std::vector<TaskMessage>> task_messages(Database& db, const std::string& key_prefix, size_t limit);

}  // namespace nhacviec
