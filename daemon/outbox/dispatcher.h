// Dispatcher: hands the deliveries the outbox has due to the channels and
// records every outcome. A ChannelRegistry says which channel delivers each
// kind (by default: email over SMTP when a server is configured and into the
// mail folder otherwise; webhooks signed and posted). Each kind has its own
// worker threads, each with its own channel and connection kept open across
// deliveries; the dispatcher's thread alone talks to the database, and keeps
// at most a small window of deliveries in flight, so a crash can repeat no
// more than those. Owned by the command or daemon that delivers; one per
// database at a time (see DeliveryLock).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "channels/channel_registry.h"
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
    size_t held = 0;      // outcomes an earlier pass could not record, recorded by this one
};

class Dispatcher {
public:
    // `draw` returns uniform numbers in [0, 1) for the retry jitter; default: a random generator.
    // Delivers through the channels the configuration asks for (configured_channels).
    Dispatcher(OutboxStore& store, const DeliveryConfig& config, const Clock& clock,
               std::function<double()> draw = {});
    // Delivers each kind through the channel `channels` registers for it; a
    // delivery of a kind it does not know is dead at once.
    Dispatcher(OutboxStore& store, const DeliveryConfig& config, ChannelRegistry channels, const Clock& clock,
               std::function<double()> draw = {});
    ~Dispatcher();
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    // Delivers everything due at the clock's time, recording each outcome, and
    // returns once nothing due is left in flight. Retries fall due later.
    // When the database fails (locked, read-only, full), the attempts under
    // way end and their outcomes are held, to be recorded first by the next
    // call: a delivery that went out is not sent again. `before_claim`, when
    // given, runs before each claim with the time the claim will use (see
    // Refresher); when it fails, the call fails as when the database does.
    Result<DispatchSummary> deliver_due(
        const std::function<Status(std::chrono::sys_seconds now)>& before_claim = {});

    // How many outcomes (and claims to give back) are held for lack of a database.
    size_t held() const { return unrecorded_.size() + unreleased_.size(); }
    // Records what is held, claiming nothing (before a stop).
    Status record_held();
    // Takes over what `previous` holds (a new configuration replaces the dispatcher).
    void take_over(Dispatcher& previous);

    // Asks deliver_due(), from any thread, to claim nothing more: the
    // deliveries in flight finish and are recorded, then it returns.
    // Deliveries claimed but not yet started are given back, due as before.
    void request_stop();

    struct Workers;  // the channels' worker threads (dispatcher.cpp)

private:
    // The outcome of one attempt as the outbox records it.
    AttemptRecord record_of(const DeliveryJob& job, std::chrono::sys_seconds started,
                            std::chrono::sys_seconds finished, DeliveryResult result);
    OutboxStore& store_;
    const DeliveryConfig& config_;
    ChannelRegistry channels_;
    const Clock& clock_;
    RetryPolicy policy_;
    std::function<double()> draw_;
    std::unique_ptr<Workers> workers_;
    bool recovered_ = false;
    std::vector<AttemptRecord> unrecorded_;  // outcomes the database did not take yet
    std::vector<int64_t> unreleased_;        // claims to give back that it did not take yet
    std::atomic<bool> stop_requested_{false};
};

}  // namespace nhacviec
