// Dispatcher: hands the deliveries the outbox has due to the channels and
// records every outcome. Email goes over SMTP when a server is configured and
// into the mail folder otherwise; webhooks are signed and posted. Each channel
// has its own worker threads, each with its own connection kept open across
// deliveries; the dispatcher's thread alone talks to the database, and keeps
// at most a small window of deliveries in flight, so a crash can repeat no
// more than those. Owned by the command or daemon that delivers; one per
// database at a time (see DeliveryLock).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

#include "common/clock.h"
#include "common/result.h"
#include "config/delivery_config.h"
#include "outbox/outbox_store.h"
#include "outbox/retry_policy.h"

namespace nhacviec {

// What one call of Dispatcher::deliver_due() did.
struct DispatchSummary {
    size_t sent = 0;
    size_t retrying = 0;  // failed, to be tried again later
    size_t dead = 0;      // failed for good, or given up
    size_t recovered = 0; // left "sending" by an earlier process, sent again
};

class Dispatcher {
public:
    // `draw` returns uniform numbers in [0, 1) for the retry jitter; default: a random generator.
    Dispatcher(OutboxStore& store, const DeliveryConfig& config, const Clock& clock,
               std::function<double()> draw = {});
    ~Dispatcher();
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    // Delivers everything due at the clock's time, recording each outcome, and
    // returns once nothing due is left in flight. Retries fall due later.
    Result<DispatchSummary> deliver_due();

    // Asks deliver_due(), from any thread, to claim nothing more: the
    // deliveries in flight finish and are recorded, then it returns.
    // Deliveries claimed but not yet started are given back, due as before.
    void request_stop();

    struct Workers;  // the channels' worker threads (dispatcher.cpp)

private:
    // The outcome of one attempt as the outbox records it, counted in `summary`.
    AttemptRecord record_of(const DeliveryJob& job, std::chrono::sys_seconds started,
                            std::chrono::sys_seconds finished, DeliveryResult result, DispatchSummary& summary);
    OutboxStore& store_;
    const DeliveryConfig& config_;
    const Clock& clock_;
    RetryPolicy policy_;
    std::function<double()> draw_;
    std::unique_ptr<Workers> workers_;
    bool recovered_ = false;
    std::atomic<bool> stop_requested_{false};
};

}  // namespace nhacviec
