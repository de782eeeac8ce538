// The messages of one task as the console's task page lists them: every
// delivery of every notification recorded for the task (its reminders,
// review reminders, escalations and the messages about its answers) that
// still holds, with its state, newest first. Found by the notifications'
// keys, which start with the task's "PLAN/YEAR|CODE|", through the unique
// index on keys. A function over a borrowed Database, on the thread that
// owns it.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "outbox/outbox_store.h"
#include "storage/database.h"

namespace nhacviec {

// The key prefix of a task's notifications: "90/KH-UBND/2026|I.3|".
std::string task_key_prefix(const std::string& plan_number, int plan_year, const std::string& code);

// The deliveries of the notifications whose key starts with `key_prefix`
// (not cancelled), newest notification first, at most `limit` of them.
Result<std::vector<OutboxRow>> task_messages(Database& db, const std::string& key_prefix, size_t limit);

}  // namespace nhacviec
