// OutboxCounts: what /metrics reports of the outbox, counted in memory —
// deliveries by notification kind and state, notifications skipped by
// catch-up by kind, and how long sent deliveries took from their planned
// moment — so that a scrape reads no table. Loaded once from the database
// when the daemon starts, then changed by the OutboxStore with each change it
// records, once its transaction has committed (the daemon's delivery thread
// is the only writer of the outbox while it runs, the delivery lock keeps
// `nhacviec deliver` out, but for the message of an agency's answer, which
// app::submit_answer writes with the answer and adds here after its commit;
// changes are sums, so their order does not matter). Owned by the daemon and
// shared by pointer: written on the delivery thread and by answers on the
// event loop, read on the event loop; a mutex guards it.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "common/result.h"
#include "storage/database.h"

namespace nhacviec {

class OutboxCounts {
public:
    // Upper bounds of the latency histogram, in seconds.
    static constexpr std::array<std::int64_t, 6> kLatencyBuckets{1, 10, 60, 600, 3600, 86400};

    // The counts, or a change to them (with negative numbers). A plain value.
    struct Values {
        std::map<std::pair<std::string, std::string>, std::int64_t> deliveries;  // (kind, state) → deliveries
        std::map<std::string, std::int64_t> skipped;                             // kind → notifications
        std::array<std::int64_t, kLatencyBuckets.size()> latency_buckets{};      // sent with latency ≤ bound
        std::int64_t latency_count = 0;                                          // sent deliveries
        std::int64_t latency_sum = 0;                                            // their latencies, in seconds

        // One delivery of `kind` in `state` more (`sign` 1) or less (-1);
        // `latency` counts for a sent one.
        void delivery(const std::string& kind, const std::string& state, std::int64_t latency, int sign);
        void add(const Values& change);
        bool empty() const;
        bool operator==(const Values&) const = default;
    };

    // The counts as the database has them: the full-table queries, run once.
    static Result<Values> count(Database& db);

    // Starts from `values` (what count() read).
    explicit OutboxCounts(Values values) : values_(std::move(values)) {}

    // Applies a committed change.
    void apply(const Values& change);
    // A copy of the counts; counts that fell to zero are left out.
    Values values() const;

private:
    mutable std::mutex mutex_;
    Values values_;
};

}  // namespace nhacviec
