// DaemonStatus: what the daemon knows about its delivery passes, for
// /healthz and /metrics. A plain value, owned by the daemon and written on
// its event loop only; the API reads it there.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "outbox/outbox_counts.h"

namespace nhacviec {

struct DaemonStatus {
    std::optional<std::chrono::sys_seconds> last_wake;  // the last delivery pass
    std::optional<std::chrono::sys_seconds> next_wake;  // when the next one is due
    // While delivery passes fail (the database locked, read-only or full):
    // since when, and the last error.
    std::optional<std::chrono::sys_seconds> failing_since;
    std::string last_error;
    std::uint64_t failed_passes = 0;  // since the start
    double last_pass_seconds = 0;     // how long the last pass that worked took; 0 before the first
    // The outbox counted in memory, kept up to date by the delivery thread
    // and, for the message of an answer recorded on the event loop, by
    // app::submit_answer (OutboxCounts has its own mutex); nullptr: /metrics
    // counts it from the tables.
    std::shared_ptr<OutboxCounts> outbox;
};

}  // namespace nhacviec
