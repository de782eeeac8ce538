// LiveState: the daemon's one owner of the plan snapshot. It holds the
// current PlanSnapshot, which the event loop's readers (the API) take by
// pointer; a thread of its own, with its own database connection, looks
// every 500 ms whether another connection wrote (PRAGMA data_version, then
// the plan_version counter of schema 0007), rebuilds the snapshot off the
// loop when the plan changed or the setup was reloaded (SIGHUP), derives
// the day's values again at midnight in Vietnam, and hands each new
// snapshot to the loop, which publishes it. A status change made through the
// API is published on the loop at once (publish()). When a snapshot rebuilt
// after another connection's write becomes current, `written_elsewhere` is
// called on the loop, so that the daemon delivers at once what that write
// put in the outbox (the message of an answer recorded by another process)
// and checks what waits there against it. Once the readers let go of the
// plan state a snapshot replaced, the thread gives the freed memory back to
// the system (malloc_trim), so that the daemon's resident memory follows
// the one snapshot it holds. Owned by the daemon; current() and publish()
// are called on the event loop only.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "app/snapshot_source.h"
#include "common/clock.h"

namespace nhacviec {

class LiveState : public app::SnapshotSource {
public:
    // `published` is called on the loop whenever another snapshot becomes
    // current (rebuilt, of a new day, or published by a status change), so
    // that whoever keeps values made from the old one lets go of them.
    LiveState(boost::asio::io_context& io, std::filesystem::path database, const Clock& clock,
              std::function<void()> written_elsewhere = {}, std::function<void()> published = {});
    ~LiveState() override;
    LiveState(const LiveState&) = delete;
    LiveState& operator=(const LiveState&) = delete;

    // Builds the first snapshot under `setup` (on the caller's thread, before
    // the daemon says it is ready), then starts watching.
    Status start(std::shared_ptr<const ServiceSetup> setup);
    // Rebuilds under a reloaded setup, off the loop; the old snapshot answers meanwhile.
    void reload(std::shared_ptr<const ServiceSetup> setup);
    // Ends the watching thread; waits for it.
    void stop();

    std::shared_ptr<const app::PlanSnapshot> current() override;
    void publish(std::shared_ptr<const app::PlanSnapshot> snapshot) override;

    // How often the thread looks for a write by another process.
    static constexpr std::chrono::milliseconds kPollInterval{500};

private:
    void watch();
    // On the loop: makes `built` current unless a newer one is there already.
    void offer(std::shared_ptr<const app::PlanSnapshot> built);

    boost::asio::io_context& io_;
    std::filesystem::path database_;
    const Clock& clock_;
    std::function<void()> written_elsewhere_;  // called on the loop
    std::function<void()> published_;          // called on the loop
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::shared_ptr<const ServiceSetup> setup_;            // the latest setup (guarded by mutex_)
    std::uint64_t setup_generation_ = 0;                   // bumped by reload() (guarded by mutex_)
    std::shared_ptr<const app::PlanSnapshot> current_;     // guarded by mutex_
    // The snapshots current_ replaced: let go of on the watching thread, not
    // on the loop, where freeing 100,000 tasks would hold up every request
    // (guarded by mutex_).
    std::vector<std::shared_ptr<const app::PlanSnapshot>> retired_;
    std::thread thread_;
};

}  // namespace nhacviec
