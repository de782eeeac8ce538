// Reading the outbox's deliveries, one OutboxRow each, with the notification
// they belong to: the columns to select and how to read them back. Shared by
// OutboxStore::list and task_messages; used on the thread that owns the
// Database the statement runs on.
#pragma once

#include <string>
#include <string_view>

#include <SQLiteCpp/Statement.h>

#include "outbox/outbox_store.h"

namespace nhacviec {

// The columns delivery_row() reads, in its order, from notifications `n`
// joined with deliveries `d`.
inline constexpr const char* kDeliveryRowColumns =
    "n.key, n.kind, n.task_code, n.due_at, n.subject, d.agency, d.channel, d.address, "
    "d.state, d.attempts, d.next_attempt_at, d.updated_at, d.last_error";

// "SELECT <kDeliveryRowColumns><rest>": a query of delivery rows; `rest`
// starts with its FROM clause.
std::string select_delivery_rows(std::string_view rest);

// The row at the current step of `s`, a statement that selects kDeliveryRowColumns first.
OutboxRow delivery_row(SQLite::Statement& s);

}  // namespace nhacviec
