#include "outbox/delivery_rows.h"

namespace nhacviec {

std::string select_delivery_rows(std::string_view rest) {
    std::string sql = "SELECT ";
    sql += kDeliveryRowColumns;
    sql += rest;
    return sql;
}

OutboxRow delivery_row(SQLite::Statement& s) {
    const auto time_of = [](int64_t seconds) { return std::chrono::sys_seconds{std::chrono::seconds{seconds}}; };
    OutboxRow row;
    row.key = s.getColumn(0).getString();
    row.kind = s.getColumn(1).getString();
    row.task_code = s.getColumn(2).getString();
    row.due_at = time_of(s.getColumn(3).getInt64());
    row.subject = s.getColumn(4).getString();
    row.agency = s.getColumn(5).getString();
    row.channel = channel_kind_from_string(s.getColumn(6).getString());
    row.address = s.getColumn(7).getString();
    row.state = delivery_state_from_string(s.getColumn(8).getString()).value_or(DeliveryState::dead);
    row.attempts = s.getColumn(9).getInt();
    row.next_attempt_at = time_of(s.getColumn(10).getInt64());
    row.updated_at = time_of(s.getColumn(11).getInt64());
    row.detail = s.getColumn(12).getString();
    return row;
}

}  // namespace nhacviec
