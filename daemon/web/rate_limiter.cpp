#include "web/rate_limiter.h"

#include <algorithm>

namespace nhacviec {

RateLimiter::RateLimiter(RateRule rule, std::size_t max_keys) : rule_(rule), max_keys_(std::max<std::size_t>(max_keys, 1)) {}

std::optional<std::chrono::seconds> RateLimiter::take(std::string_view key, Clock::time_point now) {
    if (rule_.requests == 0) return std::max(rule_.window, std::chrono::seconds{1});
    auto found = index_.find(key);
    if (found == index_.end()) {
        if (order_.size() >= max_keys_) {
            index_.erase(order_.back().key);
            order_.pop_back();
        }
        order_.push_front(Entry{std::string(key), {}});
        found = index_.emplace(order_.front().key, order_.begin()).first;
    } else if (found->second != order_.begin()) {
        order_.splice(order_.begin(), order_, found->second);  // iterators stay valid
    }
    auto& allowed = found->second->allowed;
    // Requests that have left the window no longer count.
    while (!allowed.empty() && now - allowed.front() >= rule_.window) allowed.pop_front();
    if (allowed.size() < rule_.requests) {
        allowed.push_back(now);
        return std::nullopt;
    }
    const auto wait = allowed.front() + rule_.window - now;
    return std::max(std::chrono::ceil<std::chrono::seconds>(wait), std::chrono::seconds{1});
}

std::optional<std::chrono::seconds> RateLimiter::wait(std::string_view key, Clock::time_point now) const {
    if (rule_.requests == 0) return std::max(rule_.window, std::chrono::seconds{1});
    const auto found = index_.find(key);
    if (found == index_.end()) return std::nullopt;
    const auto& allowed = found->second->allowed;
    // The requests still in the window are the last ones: skip those that have left it.
    size_t in_window = allowed.size();
    auto oldest = allowed.begin();
    while (oldest != allowed.end() && now - *oldest >= rule_.window) {
        ++oldest;
        --in_window;
    }
    if (in_window < rule_.requests) return std::nullopt;
    const auto wait = *oldest + rule_.window - now;
    return std::max(std::chrono::ceil<std::chrono::seconds>(wait), std::chrono::seconds{1});
}

std::size_t RateLimiter::keys() const { return order_.size(); }

}  // namespace nhacviec
