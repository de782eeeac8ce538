#include "outbox/task_messages.h"

#include <SQLiteCpp/Statement.h>

#include "outbox/delivery_rows.h"

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
                            select_delivery_rows(" FROM notifications n JOIN deliveries d ON d.notification_id = n.id "
                                                 "WHERE n.key >= ? AND n.key < ? AND n.cancelled_because IS NULL "
                                                 "ORDER BY n.due_at DESC, n.id DESC, d.id LIMIT ?"));
        s.bind(1, key_prefix);
        s.bind(2, after);
        s.bind(3, static_cast<int64_t>(limit));
        while (s.executeStep()) out.push_back(delivery_row(s));
        return out;
    } catch (const std::exception& e) {
        return db.error(e);
    }
}

}  // namespace nhacviec
