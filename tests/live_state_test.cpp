// LiveState (service/live_state): the daemon's plan snapshot, rebuilt off the
// event loop when another process writes (and the daemon told, so that it
// delivers), derived again at midnight, rebuilt under a reloaded setup, and
// never replaced by an older one.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>

#include "app/plan_snapshot.h"
#include "common/clock.h"
#include "service/live_state.h"
#include "test_support.h"

namespace nhacviec::testing {

namespace {

struct LiveFixture {
    TempDir dir;
    std::string db_path = (dir / "nv.db").string();
    std::shared_ptr<const ServiceSetup> setup;
    FakeClock clock{vietnam_time(*parse_iso_date("2026-10-15"), 23 * 60 + 59)};
    boost::asio::io_context io;
    std::optional<LiveState> live;
    int written_elsewhere = 0;  // calls of the hook, on the loop

    LiveFixture() {
        REQUIRE(run_cli({"--db", db_path, "import", seed_plan().string()}).status == 0);
        app::GlobalOptions options;
        options.database_path = db_path;
        auto loaded = load_service_setup(options);
        REQUIRE(loaded.ok());
        setup = std::make_shared<const ServiceSetup>(std::move(*loaded));
        live.emplace(io, db_path, clock, [this] { ++written_elsewhere; });
        REQUIRE(live->start(setup).ok());
    }
    ~LiveFixture() { live->stop(); }

    // Runs the loop until `done` holds, for 5 s at most; whether it came to hold.
    template <class Done>
    bool run_until(Done done) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!done() && std::chrono::steady_clock::now() < deadline) {
            io.restart();
            io.run_for(std::chrono::milliseconds(50));
        }
        return done();
    }
};

WorkStatus status_of(const app::PlanSnapshot& snapshot, const std::string& code) {
    return snapshot.state->scheduled[*snapshot.find(code, std::nullopt)].status.overall.status;
}

}  // namespace

TEST_CASE("the live state picks up a write by another process, off the loop", "[live_state]") {
    LiveFixture f;
    const auto first = f.live->current();
    CHECK(status_of(*first, "I.3") == WorkStatus::not_started);
    REQUIRE(run_cli({"--db", f.db_path, "status", "I.3", "in-progress"}).status == 0);
    CHECK(f.live->current() == first);  // nothing is read on the loop
    REQUIRE(f.run_until([&] { return status_of(*f.live->current(), "I.3") == WorkStatus::in_progress; }));
    CHECK(f.live->current()->version > first->version);
    // The daemon is told once, on the loop, so that it delivers what the write put in the outbox.
    CHECK(f.written_elsewhere == 1);
}

TEST_CASE("the live state derives the day's values again at midnight", "[live_state]") {
    LiveFixture f;
    const auto before = f.live->current();
    CHECK(before->day == *parse_iso_date("2026-10-15"));
    f.clock.advance(std::chrono::minutes(2));
    REQUIRE(f.run_until([&] { return f.live->current()->day == *parse_iso_date("2026-10-16"); }));
    CHECK(f.live->current()->state == before->state);  // the same tasks, read once
    CHECK(f.written_elsewhere == 0);  // nothing was written
}

TEST_CASE("the live state rebuilds under a reloaded setup, and keeps the newest snapshot", "[live_state]") {
    LiveFixture f;
    const auto before = f.live->current();
    auto reloaded = std::make_shared<const ServiceSetup>(*f.setup);
    f.live->reload(reloaded);
    REQUIRE(f.run_until([&] { return f.live->current()->setup == reloaded; }));
    // A snapshot published on the loop (a status change through the API) is not replaced by an older build.
    const auto published = f.live->current();
    StatusChange change;
    change.task_id = published->state->tasks[0].id;
    change.action = "in_progress";
    change.status = WorkStatus::in_progress;
    const auto changed = app::snapshot_with_change(*published, 0, change, published->version + 1);
    f.live->publish(changed);
    f.io.restart();
    f.io.run_for(std::chrono::milliseconds(700));
    CHECK(f.live->current() == changed);
    CHECK(f.written_elsewhere == 0);  // a reload is no write
}

}  // namespace nhacviec::testing
