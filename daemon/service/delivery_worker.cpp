#include "service/delivery_worker.h"

#include <optional>

#include "common/log.h"
#include "service/background_priority.h"

namespace nhacviec {

DeliveryWorker::DeliveryWorker(std::filesystem::path database, const Clock& clock, Done done,
                               std::shared_ptr<OutboxCounts> counts)
    : database_(std::move(database)), clock_(clock), done_(std::move(done)), counts_(std::move(counts)),
      thread_([this] { run(); }) {}

DeliveryWorker::~DeliveryWorker() { stop(); }

void DeliveryWorker::request(std::shared_ptr<const ServiceSetup> setup,
                             std::shared_ptr<const app::PlanSnapshot> snapshot) {
    {
        std::lock_guard lock(mutex_);
        setup_ = std::move(setup);
        snapshot_ = std::move(snapshot);
        requested_ = true;
    }
    wake_.notify_one();
}

void DeliveryWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        if (running_) running_->request_stop();
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::run() {
    lower_this_thread_priority();
    // Opened at the first pass, and again at the next one if that failed.
    std::optional<Database> db;
    std::unique_ptr<OutboxStore> store;
    // One dispatcher per configuration: its channels keep their connections between passes.
    std::shared_ptr<const ServiceSetup> dispatcher_setup;
    std::unique_ptr<Dispatcher> dispatcher;
    // The snapshot the last pass that worked planned with (see PassPlan).
    std::shared_ptr<const app::PlanSnapshot> planned;
    for (;;) {
        std::shared_ptr<const ServiceSetup> setup;
        std::shared_ptr<const app::PlanSnapshot> snapshot;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return requested_ || stopping_; });
            if (stopping_) break;
            requested_ = false;
            setup = setup_;
            snapshot = snapshot_;
        }
        // A snapshot of another configuration than the pass's is not used.
        if (snapshot && snapshot->setup != setup) snapshot.reset();
        const auto started = clock_.now();
        if (!db) {
            auto opened = Database::open_existing(database_);
            if (!opened) {
                done_(opened.error(), started);
                continue;
            }
            db.emplace(std::move(*opened));
            store = std::make_unique<OutboxStore>(*db);
            store->count_into(counts_.get());
        }
        if (setup != dispatcher_setup) {
            auto fresh = std::make_unique<Dispatcher>(*store, setup->config.delivery, clock_);
            if (dispatcher) fresh->take_over(*dispatcher);
            dispatcher = std::move(fresh);
            dispatcher_setup = setup;
        }
        {
            std::lock_guard lock(mutex_);
            if (stopping_) break;
            running_ = dispatcher.get();
        }
        auto result = run_delivery_pass(*db, *setup, *dispatcher, started, counts_.get(), PassPlan{snapshot, planned});
        planned = result ? snapshot : nullptr;
        {
            std::lock_guard lock(mutex_);
            running_ = nullptr;
        }
        done_(std::move(result), started);
    }
    // Outcomes held since a failed pass: one last try to record them.
    if (dispatcher && dispatcher->held()) {
        const size_t held = dispatcher->held();
        if (auto recorded = dispatcher->record_held(); !recorded)
            log::error("the outcomes of " + std::to_string(held) + " attempts could not be recorded (" +
                       recorded.error().message +
                       "); those deliveries stay \"sending\" and are tried again at the next start");
        else
            log::info("recorded the outcomes of " + std::to_string(held) + " attempts held since a failed pass");
    }
}

}  // namespace nhacviec
