// A delivery pass over the daemon's plan in memory (daemon/app/delivery_pass.cpp,
// PassPlan): with the same snapshot as the pass before and no planned moment
// come since, it plans nothing and writes nothing; a planned moment come, or
// another snapshot, and it plans as a pass that reads the database does.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include "app/delivery_pass.h"
#include "app/plan_snapshot.h"
#include "outbox/dispatcher.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using std::chrono::sys_seconds;

namespace {

sys_seconds at(const std::string& text) { return *parse_vietnam_time(text); }

int64_t notifications(Database& db) {
    SQLite::Statement count(db.sql(), "SELECT COUNT(*) FROM notifications");
    count.executeStep();
    return count.getColumn(0).getInt64();
}

}  // namespace

TEST_CASE("a pass over an unchanged snapshot plans only when a planned moment has come", "[delivery_pass]") {
    TempDir dir;
    const std::string db_path = (dir / "nv.db").string(), config_path = (dir / "c.toml").string();
    write_file(config_path, "[email]\nmaildir = \"" + (dir / "mail").string() + "\"\n");
    REQUIRE(run_cli({"--db", db_path, "import", seed_plan().string()}).status == 0);
    app::GlobalOptions options;
    options.config_path = config_path;
    options.database_path = db_path;
    auto loaded = load_service_setup(options);
    REQUIRE(loaded.ok());
    const auto setup = std::make_shared<const ServiceSetup>(std::move(*loaded));
    auto db = Database::open(db_path);
    REQUIRE(db.ok());
    auto built = app::build_plan_snapshot(*db, setup, *make_date(2026, 11, 25));
    REQUIRE(built.ok());
    const std::shared_ptr<const app::PlanSnapshot> snapshot = *built;
    // The seed's moments from 25/11/2026 on: nothing is planned that day, the first is at 08:00 the next.
    REQUIRE(!snapshot->planned_moments.empty());
    CHECK(snapshot->planned_moments.front() == at("2026-11-26T08:00"));
    CHECK(std::is_sorted(snapshot->planned_moments.begin(), snapshot->planned_moments.end()));

    OutboxStore store(*db);
    FakeClock clock(at("2026-11-25T09:00"));
    Dispatcher dispatcher(store, setup->config.delivery, clock);
    const auto pass = [&](const PassPlan& plan) {
        auto result = run_delivery_pass(*db, *setup, dispatcher, clock.now(), nullptr, plan);
        REQUIRE(result.ok());
        return *result;
    };

    // The first pass (no previous snapshot) plans and sends the catch-up, as one that reads the database.
    const PassResult first = pass({snapshot, nullptr});
    CHECK(first.planned);
    CHECK(first.delivered.sent == 23);
    const int64_t written = notifications(*db);
    CHECK(written > 0);
    const auto next = std::upper_bound(snapshot->planned_moments.begin(), snapshot->planned_moments.end(),
                                       at("2026-11-25T09:00"));
    REQUIRE(next != snapshot->planned_moments.end());
    CHECK(first.next_due == *next);

    // Same snapshot, a minute later: nothing has come, nothing is planned or written.
    clock.set(at("2026-11-25T09:01"));
    const PassResult idle = pass({snapshot, snapshot});
    CHECK(!idle.planned);
    CHECK(idle.delivered.sent == 0);
    CHECK(idle.next_due == *next);
    CHECK(notifications(*db) == written);

    // The next planned moment has come: the pass plans, and writes what fell due then.
    clock.set(*next);
    const PassResult due = pass({snapshot, snapshot});
    CHECK(due.planned);
    CHECK(notifications(*db) > written);

    // Another snapshot (a change published meanwhile) is always planned.
    clock.set(*next + std::chrono::minutes(1));
    auto rebuilt = app::build_plan_snapshot(*db, setup, *make_date(2026, 11, 25));
    REQUIRE(rebuilt.ok());
    const PassResult changed = pass({*rebuilt, snapshot});
    CHECK(changed.planned);
    CHECK(changed.delivered.sent == 0);
}
