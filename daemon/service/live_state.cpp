#include "service/live_state.h"

#include <optional>
#include <stdexcept>
#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <boost/asio/post.hpp>

#include "common/log.h"
#include "storage/database.h"

namespace nhacviec {

namespace {

// Gives the memory malloc holds free back to the system: what a released
// snapshot (or the building of one) used is otherwise kept by the process,
// scattered among what stays, and counted in its resident memory.
void release_free_memory() {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

}  // namespace

LiveState::LiveState(boost::asio::io_context& io, std::filesystem::path database, const Clock& clock,
                     std::function<void()> written_elsewhere, std::function<void()> published)
    : io_(io), database_(std::move(database)), clock_(clock), written_elsewhere_(std::move(written_elsewhere)),
      published_(std::move(published)) {}

LiveState::~LiveState() { stop(); }

Status LiveState::start(std::shared_ptr<const ServiceSetup> setup) {
    auto db = Database::open_existing(database_);
    if (!db) return db.error();
    auto first = app::build_plan_snapshot(*db, setup, vietnam_date(clock_.now()));
    if (!first) return first.error();
    {
        std::lock_guard lock(mutex_);
        setup_ = std::move(setup);
        current_ = std::move(*first);
    }
    release_free_memory();  // what reading the tasks and planning their year ahead used
    thread_ = std::thread([this] { watch(); });
    return {};
}

void LiveState::reload(std::shared_ptr<const ServiceSetup> setup) {
    {
        std::lock_guard lock(mutex_);
        setup_ = std::move(setup);
        ++setup_generation_;
    }
    wake_.notify_one();
}

void LiveState::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const app::PlanSnapshot> LiveState::current() {
    std::lock_guard lock(mutex_);
    return current_;
}

void LiveState::publish(std::shared_ptr<const app::PlanSnapshot> snapshot) {
    {
        std::lock_guard lock(mutex_);
        retired_.push_back(std::move(current_));
        current_ = std::move(snapshot);
    }
    wake_.notify_one();
    if (published_) published_();
}

void LiveState::offer(std::shared_ptr<const app::PlanSnapshot> built) {
    bool written = false;
    {
        std::lock_guard lock(mutex_);
        // Built under a setup reloaded since, or from an older state of the
        // database than what the loop published meanwhile: a newer one comes.
        if (built->setup != setup_) return;
        if (current_->setup == setup_ && built->version < current_->version) return;
        written = built->version != current_->version;
        retired_.push_back(std::move(current_));
        current_ = std::move(built);
    }
    wake_.notify_one();
    if (published_) published_();
    if (written && written_elsewhere_) written_elsewhere_();
}

void LiveState::watch() {
    std::optional<Database> db;
    std::int64_t data_version = -1;  // PRAGMA data_version at the last look; -1: look again
    std::uint64_t built_generation = 0;
    // The plan states of retired snapshots that readers still hold: once
    // none does, their memory is given back.
    std::vector<std::weak_ptr<const app::PlanState>> released;
    for (;;) {
        std::shared_ptr<const ServiceSetup> setup;
        std::shared_ptr<const app::PlanSnapshot> current;
        std::vector<std::shared_ptr<const app::PlanSnapshot>> retired;
        std::uint64_t generation = 0;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, kPollInterval, [&] {
                return stopping_ || setup_generation_ != built_generation || !retired_.empty();
            });
            if (stopping_) return;
            setup = setup_;
            current = current_;
            generation = setup_generation_;
            retired.swap(retired_);
        }
        for (auto& old : retired)
            if (old && old->state != current->state) released.push_back(old->state);
        retired.clear();  // here, off the loop, when this was the last reader
        const auto before = released.size();
        std::erase_if(released, [](const auto& state) { return state.expired(); });
        if (released.size() < before) release_free_memory();
        if (!db) {
            auto opened = Database::open_existing(database_);
            if (!opened) {
                log::error("live state: " + opened.error().message);
                continue;
            }
            db.emplace(std::move(*opened));
        }
        bool rebuild = generation != built_generation;
        try {
            // Another connection wrote since the last look: is it something the snapshot holds?
            const std::int64_t now_version = db->sql().execAndGet("PRAGMA data_version").getInt64();
            if (now_version != data_version) {
                auto version = app::read_plan_version(*db);
                if (!version) throw std::runtime_error(version.error().message);
                if (*version != current->version) rebuild = true;
                data_version = now_version;
            }
        } catch (const std::exception& e) {
            log::error("live state: " + db->error(e).message);
            continue;
        }
        const Date today = vietnam_date(clock_.now());
        std::shared_ptr<const app::PlanSnapshot> built;
        if (rebuild) {
            auto fresh = app::build_plan_snapshot(*db, setup, today, current.get());
            if (!fresh) {
                log::error("live state: the plan could not be read again: " + fresh.error().message);
                data_version = -1;  // look again at the next tick
                continue;
            }
            built = std::move(*fresh);
            built_generation = generation;
        } else if (current->day != today) {
            built = app::snapshot_for_day(*current, today);  // midnight: the day's values again
        }
        if (built) boost::asio::post(io_, [this, built = std::move(built)]() mutable { offer(std::move(built)); });
    }
}

}  // namespace nhacviec
