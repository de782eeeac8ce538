// RetryPolicy: when a delivery that failed for a reason that may pass is
// tried again — waits that grow (1 min, 5 min, 30 min, 2 h, 6 h, then every
// 12 h by default), each stretched or shrunk by a random jitter so that
// failures do not retry in lockstep — and when it is given up (3 days after
// its first attempt). Pure: the random draw is passed in.
#pragma once

#include <chrono>
#include <optional>

#include "config/delivery_config.h"

namespace nhacviec {

class RetryPolicy {
public:
    explicit RetryPolicy(RetryConfig config) : config_(std::move(config)) {}

    // The time of the next attempt after the `failures`-th failure (1 for the
    // first) at `now`, of a delivery first attempted at `first_attempt`;
    // nullopt when it should be given up. `draw` is uniform in [0, 1): 0.5
    // means no jitter. A peer's Retry-After is honoured when it asks for longer.
    std::optional<std::chrono::sys_seconds> next_attempt(int failures, std::chrono::sys_seconds first_attempt,
                                                         std::chrono::sys_seconds now, double draw,
                                                         std::optional<std::chrono::seconds> retry_after = {}) const;

private:
    RetryConfig config_;
};

}  // namespace nhacviec
