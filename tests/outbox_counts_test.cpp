// The outbox counted in memory for /metrics: after passes that write, send,
// recover deliveries a crash left in flight and cancel what a status change
// stopped, the counts kept up to date equal the counts of the tables.
#include <catch2/catch.hpp>

#include <optional>

#include <SQLiteCpp/Statement.h>

#include "outbox/dispatcher.h"
#include "outbox/outbox_counts.h"
#include "app/delivery_pass.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using std::chrono::sys_seconds;

namespace {

sys_seconds at(const std::string& text) { return *parse_vietnam_time(text); }

}  // namespace

TEST_CASE("outbox counts kept up to date equal the counts of the tables", "[outbox_counts]") {
    TempDir dir;
    const std::string db_path = (dir / "nv.db").string(), config_path = (dir / "c.toml").string();
    write_file(config_path, "[email]\nmaildir = \"" + (dir / "mail").string() + "\"\n");
    REQUIRE(run_cli({"--db", db_path, "import", seed_plan().string()}).status == 0);
    app::GlobalOptions options;
    options.config_path = config_path;
    options.database_path = db_path;
    auto setup = load_service_setup(options);
    REQUIRE(setup.ok());
    auto db = Database::open(db_path);
    REQUIRE(db.ok());

    auto start = OutboxCounts::count(*db);
    REQUIRE(start.ok());
    CHECK(start->empty());
    std::optional<OutboxCounts> counts;
    counts.emplace(*start);
    const auto counted = [&] {
        auto now = OutboxCounts::count(*db);
        REQUIRE(now.ok());
        return *now;
    };

    FakeClock clock(at("2026-11-25T08:00"));
    {
        OutboxStore store(*db);
        store.count_into(&*counts);
        Dispatcher dispatcher(store, setup->config.delivery, clock);
        auto pass = run_delivery_pass(*db, *setup, dispatcher, clock.now(), &*counts);
        REQUIRE(pass.ok());
        CHECK(pass->delivered.sent == 23);
        CHECK(pass->seconds > 0);
    }
    const auto after_first = counts->values();
    CHECK(after_first == counted());
    CHECK(after_first.deliveries.at({"escalation", "sent"}) == 21);
    CHECK(after_first.skipped.at("reminder") > 0);
    CHECK(after_first.latency_count == 23);

    // The next Monday's digest is claimed, then the process "dies": the next pass recovers it.
    clock.set(at("2026-11-30T08:00"));
    {
        OutboxStore store(*db);
        store.count_into(&*counts);
        auto pass = [&] {
            Dispatcher dispatcher(store, setup->config.delivery, clock);
            return run_delivery_pass(*db, *setup, dispatcher, clock.now(), &*counts);
        };
        REQUIRE(pass().ok());
        CHECK(counts->values() == counted());
    }
    {
        // Claimed and left "sending" by a crash, recovered by the next dispatcher.
        OutboxStore store(*db);
        store.count_into(&*counts);
        db->sql().exec("UPDATE deliveries SET state = 'pending', next_attempt_at = 0 WHERE id IN "
                       "(SELECT id FROM deliveries WHERE state = 'sent' ORDER BY id LIMIT 3)");
        counts.emplace(counted());  // the change above was made behind the store's back
        auto claimed = store.record_and_claim({}, {}, clock.now(), 3);
        REQUIRE(claimed.ok());
        CHECK(claimed->size() == 3);
        CHECK(counts->values() == counted());
        int64_t sending = 0;
        for (const auto& [kind_state, n] : counts->values().deliveries)
            if (kind_state.second == "sending") sending += n;
        CHECK(sending == 3);
        Dispatcher restarted(store, setup->config.delivery, clock);
        auto summary = restarted.deliver_due();
        REQUIRE(summary.ok());
        CHECK(summary->recovered == 3);
        CHECK(counts->values() == counted());
    }
    {
        // Waiting for a retry, then cancelled by a status change.
        db->sql().exec("UPDATE deliveries SET state = 'retrying', next_attempt_at = 0 WHERE notification_id = "
                       "(SELECT MAX(id) FROM notifications WHERE key LIKE '90/KH-UBND/2026|I.3|-|escalation%')");
        counts.emplace(counted());
        REQUIRE(run_cli({"--db", db_path, "status", "I.3", "done", "--date", "2026-11-20"}).status == 0);
        clock.set(at("2026-11-30T09:00"));
        OutboxStore store(*db);
        store.count_into(&*counts);
        Dispatcher dispatcher(store, setup->config.delivery, clock);
        auto pass = run_delivery_pass(*db, *setup, dispatcher, clock.now(), &*counts);
        REQUIRE(pass.ok());
        CHECK(pass->checked.cancelled == 5);
        CHECK(counts->values().deliveries.at({"escalation", "cancelled"}) == 5);
        CHECK(counts->values() == counted());
    }
}
