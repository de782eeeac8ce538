// SnapshotSource: where readers (the API, the dashboard, the feeds) get the
// current plan snapshot. The daemon's LiveState is one; tests give their own.
// current() is called on the event loop and must not wait for a disk.
#pragma once

#include <memory>

#include "app/plan_snapshot.h"
#include "common/clock.h"

namespace nhacviec::app {

class SnapshotSource {
public:
    virtual ~SnapshotSource() = default;
    // The snapshot to answer from; nullptr only when none could be read
    // (last_error() says why).
    virtual std::shared_ptr<const PlanSnapshot> current() = 0;
    virtual Error last_error() const { return Error{"the plan is not loaded"}; }
    // Makes `snapshot` current: after this process wrote to the database (a
    // status change through the API), the snapshot that includes the write,
    // published before the answer goes out.
    virtual void publish(std::shared_ptr<const PlanSnapshot> snapshot) = 0;
};

}  // namespace nhacviec::app

namespace nhacviec::app {

// A SnapshotSource that reads the database on the caller's thread, again
// whenever its plan_version counter moved or the day changed, and keeps
// what is published. For tests and tools that answer like the daemon
// without its thread; the daemon itself uses LiveState. Owned by its user;
// one thread.
class ReadingSnapshotSource : public SnapshotSource {
public:
    ReadingSnapshotSource(Database& db, std::shared_ptr<const ServiceSetup> setup, const Clock& clock)
        : db_(db), setup_(std::move(setup)), clock_(clock) {}

    // The last snapshot when the database and the day are as it has them; a
    // new one otherwise. nullptr when the database cannot be read (logged by the caller).
    std::shared_ptr<const PlanSnapshot> current() override;
    void publish(std::shared_ptr<const PlanSnapshot> snapshot) override { current_ = std::move(snapshot); }
    // Reads under another setup from now on.
    void set_setup(std::shared_ptr<const ServiceSetup> setup) { setup_ = std::move(setup); }
    Error last_error() const override { return error_; }

private:
    Database& db_;
    std::shared_ptr<const ServiceSetup> setup_;
    const Clock& clock_;
    std::shared_ptr<const PlanSnapshot> current_;
    Error error_;
};

}  // namespace nhacviec::app
