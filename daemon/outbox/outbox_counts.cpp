#include "outbox/outbox_counts.h"

#include <SQLiteCpp/Statement.h>

namespace nhacviec {

void OutboxCounts::Values::delivery(const std::string& kind, const std::string& state, std::int64_t latency,
                                    int sign) {
    deliveries[{kind, state}] += sign;
    if (state != "sent") return;
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i)
        if (latency <= kLatencyBuckets[i]) latency_buckets[i] += sign;
    latency_count += sign;
    latency_sum += sign * latency;
}

void OutboxCounts::Values::add(const Values& change) {
    for (const auto& [key, n] : change.deliveries) deliveries[key] += n;
    for (const auto& [kind, n] : change.skipped) skipped[kind] += n;
    for (size_t i = 0; i < latency_buckets.size(); ++i) latency_buckets[i] += change.latency_buckets[i];
    latency_count += change.latency_count;
    latency_sum += change.latency_sum;
}

bool OutboxCounts::Values::empty() const {
    for (const auto& [key, n] : deliveries)
        if (n != 0) return false;
    for (const auto& [kind, n] : skipped)
        if (n != 0) return false;
    return latency_count == 0 && latency_sum == 0;
}

Result<OutboxCounts::Values> OutboxCounts::count(Database& db) {
    try {
        Values out;
        SQLite::Statement by_state(db.sql(),
                                   "SELECT n.kind, d.state, COUNT(*) FROM deliveries d "
                                   "JOIN notifications n ON n.id = d.notification_id GROUP BY 1, 2");
        while (by_state.executeStep())
            out.deliveries[{by_state.getColumn(0).getString(), by_state.getColumn(1).getString()}] =
                by_state.getColumn(2).getInt64();
        SQLite::Statement skipped(db.sql(),
                                  "SELECT kind, COUNT(*) FROM notifications WHERE skipped_because IS NOT NULL "
                                  "GROUP BY 1");
        while (skipped.executeStep()) out.skipped[skipped.getColumn(0).getString()] = skipped.getColumn(1).getInt64();
        // Latency: from the moment a notification was planned to its delivery.
        SQLite::Statement latency(db.sql(),
                                  "SELECT MAX(d.updated_at - n.due_at, 0) FROM deliveries d "
                                  "JOIN notifications n ON n.id = d.notification_id WHERE d.state = 'sent'");
        while (latency.executeStep()) {
            const std::int64_t seconds = latency.getColumn(0).getInt64();
            for (size_t i = 0; i < kLatencyBuckets.size(); ++i)
                if (seconds <= kLatencyBuckets[i]) ++out.latency_buckets[i];
            ++out.latency_count;
            out.latency_sum += seconds;
        }
        return out;
    } catch (const std::exception& e) {
        return db.error(e);
    }
}

void OutboxCounts::apply(const Values& change) {
    std::lock_guard lock(mutex_);
    values_.add(change);
}

OutboxCounts::Values OutboxCounts::values() const {
    Values out;
    {
        std::lock_guard lock(mutex_);
        out = values_;
    }
    std::erase_if(out.deliveries, [](const auto& entry) { return entry.second == 0; });
    std::erase_if(out.skipped, [](const auto& entry) { return entry.second == 0; });
    return out;
}

}  // namespace nhacviec
