#include "service/delivery_worker.h"

namespace nhacviec {

DeliveryWorker::DeliveryWorker(std::filesystem::path database, const Clock& clock, Done done)
    : database_(std::move(database)), clock_(clock), done_(std::move(done)), thread_([this] { run(); }) {}

DeliveryWorker::~DeliveryWorker() { stop(); }

void DeliveryWorker::request(std::shared_ptr<const ServiceSetup> setup) {
    {
        std::lock_guard lock(mutex_);
        setup_ = std::move(setup);
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
    auto db = Database::open_existing(database_);
    std::unique_ptr<OutboxStore> store;
    if (db) store = std::make_unique<OutboxStore>(*db);
    // One dispatcher per configuration: its channels keep their connections between passes.
    std::shared_ptr<const ServiceSetup> dispatcher_setup;
    std::unique_ptr<Dispatcher> dispatcher;
    for (;;) {
        std::shared_ptr<const ServiceSetup> setup;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return requested_ || stopping_; });
            if (stopping_) return;
            requested_ = false;
            setup = setup_;
        }
        const auto started = clock_.now();
        if (!db) {
            done_(db.error(), started);
            continue;
        }
        if (setup != dispatcher_setup) {
            dispatcher = std::make_unique<Dispatcher>(*store, setup->config.delivery, clock_);
            dispatcher_setup = setup;
        }
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            running_ = dispatcher.get();
        }
        auto result = run_delivery_pass(*db, *setup, *dispatcher, started);
        {
            std::lock_guard lock(mutex_);
            running_ = nullptr;
        }
        done_(std::move(result), started);
    }
}

}  // namespace nhacviec
