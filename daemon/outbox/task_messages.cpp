#include "outbox/task_messages.h"

#include <SQLiteCpp/Statement.h>

namespace nhacviec {

std::string task_key_prefix(const std::string& plan_number, int plan_year, const std::string& code) {
    return plan_number + "/" + std::to_string(plan_year) + "|" + code + "|";
}

Result<std::vector<OutboxRow>> task_messages(Database& db, const std::string& key_prefix, size_t limit) {
    if (key_prefix.empty() || key_prefix.back() != '|') return Error{"a task's key prefix ends with '|'"};
    // Every key with the prefix sorts between the prefix and the prefix with its last '|' raised to '}'.
    std::string after = key_prefix;
    after.back() = '}';
    try {
        std::vector<OutboxRow> out;
        SQLite::Statement s(db.sql(),
                            "SELECT n.key, n.kind, n.task_code, n.due_at, n.subject, d.agency, d.channel, d.address, "
                            "d.state, d.attempts, d.next_attempt_at, d.updated_at, d.last_error "
                            "FROM notifications n JOIN deliveries d ON d.notification_id = n.id "
                            "WHERE n.key >= ? AND n.key < ? AND n.cancelled_because IS NULL "
                            "ORDER BY n.due_at DESC, n.id DESC, d.id LIMIT ?");
        s.bind(1, key_prefix);
        s.bind(2, after);
        s.bind(3, static_cast<int64_t>(limit));
        const auto time_of = [](int64_t seconds) { return std::chrono::sys_seconds{std::chrono::seconds{seconds}}; };
        while (s.executeStep()) {
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
            out.push_back(std::move(row));
        }
        return out;
    } catch (const std::exception& e) {
        return db.error(e);
    }
}

}  // namespace nhacviec
