#include "outbox/dead_deliveries.h"

#include <cstdint>

#include <SQLiteCpp/Statement.h>

#include "outbox/delivery_rows.h"

namespace nhacviec {

Result<DeadDeliveries> dead_deliveries(Database& db, size_t limit,
                                       const std::function<bool(std::string_view key)>& wanted) {
    try {
        DeadDeliveries out;
        // First only the ids and keys, newest first: what is counted, and which rows to read in full.
        std::vector<std::int64_t> ids;
        SQLite::Statement keys(db.sql(),
                               "SELECT d.id, n.key FROM deliveries d JOIN notifications n ON n.id = d.notification_id "
                               "WHERE d.state = 'dead' ORDER BY d.updated_at DESC, d.id DESC");
        while (keys.executeStep()) {
            const char* key = keys.getColumn(1).getText();
            if (wanted && !wanted(std::string_view(key))) continue;
            ++out.total;
            if (ids.size() < limit) ids.push_back(keys.getColumn(0).getInt64());
        }
        SQLite::Statement row(db.sql(), select_delivery_rows(" FROM deliveries d JOIN notifications n ON "
                                                             "n.id = d.notification_id WHERE d.id = ?"));
        out.newest.reserve(ids.size());
        for (const std::int64_t id : ids) {
            row.reset();
            row.bind(1, id);
            if (row.executeStep()) out.newest.push_back(delivery_row(row));
        }
        return out;
    } catch (const std::exception& e) {
        return db.error(e);
    }
}

}  // namespace nhacviec
