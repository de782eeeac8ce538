// RateLimiter: at most `requests` requests per key in any `window` (a link's
// token, a client's address), with the time passed in, so that tests walk
// through it without waiting. Owned by whatever handles the requests it
// limits; used on the event loop's thread only (no locking).
//
// A sliding window log: each key keeps the times of its last `requests`
// allowed requests, and one more is allowed when the oldest of them is at
// least `window` old. Unlike a fixed window (which lets 2R requests through
// around a window's edge) or a token bucket (whose wait depends on the refill
// arithmetic), it holds exactly to "at most R in any W", and the wait it
// gives is exact: the moment the oldest counted request leaves the window.
// It costs R time points per key; the rules it is meant for have a small R
// (a form's answers, a client's posts), and at most `max_keys` keys are kept:
// past that, the key used least recently is dropped (it starts afresh if it
// comes back, which can only let it through sooner, never refuse it).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace nhacviec {

// At most `requests` requests in any `window`. A plain value.
struct RateRule {
    std::size_t requests;
    std::chrono::seconds window;
};

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    // `rule.requests` 0 refuses everything; `max_keys` 0 is taken as 1.
    RateLimiter(RateRule rule, std::size_t max_keys);
    RateLimiter(const RateLimiter&) = delete;
    RateLimiter& operator=(const RateLimiter&) = delete;

    // nullopt when one more request of `key` at `now` is allowed (and counts
    // it); otherwise how long until it would be, in whole seconds rounded up
    // (at least 1). A refused request is not counted. `now` must not go back
    // in time from one call to the next.
    std::optional<std::chrono::seconds> take(std::string_view key, Clock::time_point now);
    // What take() would answer at `now`, without counting anything (to count only failures, say).
    std::optional<std::chrono::seconds> wait(std::string_view key, Clock::time_point now) const;

    // Keys kept now (at most max_keys).
    std::size_t keys() const;

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
    };
    struct Entry {
        std::string key;
        std::deque<Clock::time_point> allowed;  // the times of the last `requests` allowed requests, oldest first
    };
    using Order = std::list<Entry>;  // most recently used first

    RateRule rule_;
    std::size_t max_keys_;
    Order order_;
    std::unordered_map<std::string, Order::iterator, Hash, std::equal_to<>> index_;
};

}  // namespace nhacviec
