// RateLimiter: the R+1-th request in a window is refused with the exact wait,
// allowed again once the oldest counted request has left the window; keys
// are counted apart; past max_keys the key used least recently is dropped.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>

#include "web/rate_limiter.h"

using namespace nhacviec;
using namespace std::chrono_literals;

namespace {

const RateLimiter::Clock::time_point kStart{1000s};

}  // namespace

TEST_CASE("rate limiter: R requests in a window, the next refused with the exact wait", "[web][rate]") {
    RateLimiter limiter({3, 60s}, 100);
    // Three requests at 0 s, 10 s and 20 s: allowed.
    CHECK(limiter.take("token-a", kStart) == std::nullopt);
    CHECK(limiter.take("token-a", kStart + 10s) == std::nullopt);
    CHECK(limiter.take("token-a", kStart + 20s) == std::nullopt);
    // The fourth at 30 s: the first leaves the window at 60 s, in 30 s.
    CHECK(limiter.take("token-a", kStart + 30s) == std::optional(30s));
    // Refused requests do not count: at 59.5 s the wait is half a second, rounded up.
    CHECK(limiter.take("token-a", kStart + 59500ms) == std::optional(1s));
    // At 60 s the first has left: allowed; then the window holds 10 s, 20 s, 60 s.
    CHECK(limiter.take("token-a", kStart + 60s) == std::nullopt);
    CHECK(limiter.take("token-a", kStart + 61s) == std::optional(9s));
    // Another key is counted apart.
    CHECK(limiter.take("203.0.113.7", kStart + 61s) == std::nullopt);
    // Long after, the whole window is free again.
    CHECK(limiter.take("token-a", kStart + 200s) == std::nullopt);
    CHECK(limiter.take("token-a", kStart + 200s) == std::nullopt);
    CHECK(limiter.take("token-a", kStart + 200s) == std::nullopt);
    CHECK(limiter.take("token-a", kStart + 200s) == std::optional(60s));
}

TEST_CASE("rate limiter: one request per window", "[web][rate]") {
    RateLimiter limiter({1, 10s}, 4);
    CHECK(limiter.take("k", kStart) == std::nullopt);
    // 1 ns later: just under 10 s to wait, rounded up.
    CHECK(limiter.take("k", kStart + 1ns) == std::optional(10s));
    CHECK(limiter.take("k", kStart + 9999ms) == std::optional(1s));
    CHECK(limiter.take("k", kStart + 10s) == std::nullopt);
}

TEST_CASE("rate limiter: at most max_keys keys, the least recently used dropped", "[web][rate]") {
    RateLimiter limiter({1, 3600s}, 2);
    CHECK(limiter.take("a", kStart) == std::nullopt);
    CHECK(limiter.take("b", kStart + 1s) == std::nullopt);
    // "a" is used again (refused): now "b" is the least recently used.
    CHECK(limiter.take("a", kStart + 2s) == std::optional(3598s));
    CHECK(limiter.keys() == 2);
    // A third key drops "b", not "a".
    CHECK(limiter.take("c", kStart + 3s) == std::nullopt);
    CHECK(limiter.keys() == 2);
    CHECK(limiter.take("a", kStart + 4s) == std::optional(3596s));
    // "b" was forgotten: it starts afresh (this drops "c", the least recently used now).
    CHECK(limiter.take("b", kStart + 5s) == std::nullopt);
    CHECK(limiter.keys() == 2);
    CHECK(limiter.take("c", kStart + 6s) == std::nullopt);
    CHECK(limiter.keys() == 2);
    // A thousand keys through a limiter of 2: never more than 2 kept.
    for (int i = 0; i < 1000; ++i) limiter.take("key-" + std::to_string(i), kStart + 7s);
    CHECK(limiter.keys() == 2);
}

TEST_CASE("rate limiter: a rule of zero requests refuses everything", "[web][rate]") {
    RateLimiter limiter({0, 30s}, 0);
    CHECK(limiter.take("k", kStart) == std::optional(30s));
    CHECK(limiter.keys() == 0);
}

TEST_CASE("rate limiter: wait() tells what take() would, and counts nothing", "[web][rate]") {
    RateLimiter limiter({2, 60s}, 100);
    CHECK(limiter.wait("failures", kStart) == std::nullopt);  // an unknown key
    CHECK(limiter.take("failures", kStart) == std::nullopt);
    CHECK(limiter.wait("failures", kStart + 1s) == std::nullopt);
    CHECK(limiter.wait("failures", kStart + 1s) == std::nullopt);  // asking again changes nothing
    CHECK(limiter.take("failures", kStart + 10s) == std::nullopt);
    // Two counted: the first leaves the window at 60 s.
    CHECK(limiter.wait("failures", kStart + 20s) == std::optional(40s));
    CHECK(limiter.wait("failures", kStart + 59500ms) == std::optional(1s));
    CHECK(limiter.wait("failures", kStart + 60s) == std::nullopt);
    CHECK(limiter.wait("other", kStart + 20s) == std::nullopt);
    CHECK(RateLimiter({0, 60s}, 10).wait("any", kStart) == std::optional(60s));
}
