#include "outbox/task_messages.h"

#include <algorithm>

#include <SQLiteCpp/Statement.h>

#include "outbox/delivery_rows.h"

namespace nhacviec {

std::string task_key_prefix(const std::string& plan_number, int plan_year, const std::string& code) {
    return plan_number + "/" + std::to_string(plan_year) + "|" + code + "|";
}

Result<std::vector<TaskMessage>> task_messages(Database& db, const std::string& key_prefix, size_t limit) {
    if (key_prefix.empty() || key_prefix.back() != '|') return Error{"a task's key prefix ends with '|'"};
    // Every key with the prefix sorts between the prefix and the prefix with its last '|' raised to '}'.
    std::string after = key_prefix;
    after.back() = '}';
    const std::string sent_at = ", (SELECT MAX(a.finished_at) FROM delivery_attempts a "
                                "WHERE a.delivery_id = d.id AND a.outcome = 'sent'), n.id, d.id";
    try {
        std::vector<TaskMessage> out;
        const auto read = [&](SQLite::Statement& s) {
            while (s.executeStep()) {
                TaskMessage m;
                m.row = delivery_row(s);
                const int columns = s.getColumnCount();
                if (!s.getColumn(columns - 3).isNull())
                    m.sent_at = std::chrono::sys_seconds(std::chrono::seconds(s.getColumn(columns - 3).getInt64()));
                m.notification = s.getColumn(columns - 2).getInt64();
                m.delivery = s.getColumn(columns - 1).getInt64();
                out.push_back(std::move(m));
            }
        };
        // One query over the task's keys, newest first, at most `limit` rows.
        const auto read_rows = [&](const std::string& from_where) {
            SQLite::Statement s(db.sql(), select_delivery_rows(sent_at + from_where +
                                                               " ORDER BY n.due_at DESC, n.id DESC, d.id LIMIT ?"));
            s.bind(1, key_prefix);
            s.bind(2, after);
            s.bind(3, static_cast<int64_t>(limit));
            read(s);
        };
        // The notifications that hold, by the unique index on their keys.
        read_rows(" FROM notifications n JOIN deliveries d ON d.notification_id = n.id WHERE n.key >= ? AND "
                  "n.key < ? AND n.cancelled_because IS NULL");
        // The cancelled ones, which that index leaves out: found from their deliveries (marked cancelled with
        // them), whose rows are small, then their notifications by id.
        read_rows(" FROM deliveries d CROSS JOIN notifications n ON n.id = d.notification_id WHERE d.state = "
                  "'cancelled' AND n.cancelled_because IS NOT NULL AND n.key >= ? AND n.key < ?");
        std::stable_sort(out.begin(), out.end(), [](const TaskMessage& a, const TaskMessage& b) {
            if (a.row.due_at != b.row.due_at) return a.row.due_at > b.row.due_at;
            if (a.notification != b.notification) return a.notification > b.notification;
            return a.delivery < b.delivery;
        });
        if (out.size() > limit) out.resize(limit);
        return out;
    } catch (const std::exception& e) {
        return db.error(e);
    }
}

}  // namespace nhacviec
