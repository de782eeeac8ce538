#include "outbox/retry_policy.h"

#include <algorithm>
#include <cmath>

namespace nhacviec {

std::optional<std::chrono::sys_seconds> RetryPolicy::next_attempt(int failures, std::chrono::sys_seconds first_attempt,
                                                                  std::chrono::sys_seconds now, double draw,
                                                                  std::optional<std::chrono::seconds> retry_after) const {
    const auto& delays = config_.delays;
    const size_t index = std::min(static_cast<size_t>(std::max(failures, 1) - 1), delays.size() - 1);
    const double factor = 1.0 + config_.jitter * (2.0 * draw - 1.0);
    auto wait = std::chrono::seconds(std::llround(static_cast<double>(delays[index].count()) * factor));
    if (retry_after && *retry_after > wait) wait = *retry_after;
    const auto next = now + std::max(wait, std::chrono::seconds(1));
    if (next - first_attempt > config_.give_up_after) return std::nullopt;
    return next;
}

}  // namespace nhacviec
