// DeliveryWorker: runs the daemon's delivery passes on a thread of their own,
// with its own database connection, so that the event loop (HTTP API,
// signals, the systemd watchdog) never waits for a slow or hanging mail
// server. Passes asked for while one runs become one more pass after it.
// Owned by the daemon.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "app/delivery_pass.h"
#include "common/clock.h"

namespace nhacviec {

class DeliveryWorker {
public:
    // Called on the worker's thread after each pass, with its outcome and the
    // time it started; the daemon hands it over to its event loop.
    using Done = std::function<void(Result<PassResult> result, std::chrono::sys_seconds started)>;

    // `counts` (may be null) is kept up to date with what the passes record.
    DeliveryWorker(std::filesystem::path database, const Clock& clock, Done done,
                   std::shared_ptr<OutboxCounts> counts = nullptr);
    ~DeliveryWorker();
    DeliveryWorker(const DeliveryWorker&) = delete;
    DeliveryWorker& operator=(const DeliveryWorker&) = delete;

    // Asks for a pass under `setup` (the latest configuration), over the plan
    // of `snapshot` (the latest published; null: the pass reads the plan).
    void request(std::shared_ptr<const ServiceSetup> setup, std::shared_ptr<const app::PlanSnapshot> snapshot);
    // Lets the pass under way finish what it has in flight (recorded, nothing
    // more claimed), then ends the thread. Waits for it.
    void stop();

private:
    void run();

    std::filesystem::path database_;
    const Clock& clock_;
    Done done_;
    std::shared_ptr<OutboxCounts> counts_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool requested_ = false;
    bool stopping_ = false;
    std::shared_ptr<const ServiceSetup> setup_;  // the latest asked for
    std::shared_ptr<const app::PlanSnapshot> snapshot_;  // the latest asked for
    Dispatcher* running_ = nullptr;              // the dispatcher of the pass under way, if any
    std::thread thread_;
};

}  // namespace nhacviec
