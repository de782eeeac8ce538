// The plan snapshot (app/plan_snapshot) and the source that reads it again
// when the database's plan_version counter moves (app/snapshot_source).
#include <catch2/catch.hpp>

#include "app/plan_snapshot.h"
#include "app/snapshot_source.h"
#include "common/clock.h"
#include "test_support.h"

namespace nhacviec::testing {

namespace {

// The seed imported into a fresh database, with the built-in setup.
struct SnapshotFixture {
    TempDir dir;
    std::string db_path = (dir / "nv.db").string();
    std::shared_ptr<const ServiceSetup> setup;
    std::optional<Database> db;
    const Date day = *parse_iso_date("2026-10-15");

    SnapshotFixture() {
        REQUIRE(run_cli({"--db", db_path, "import", seed_plan().string()}).status == 0);
        app::GlobalOptions options;
        options.database_path = db_path;
        auto loaded = load_service_setup(options);
        REQUIRE(loaded.ok());
        setup = std::make_shared<const ServiceSetup>(std::move(*loaded));
        auto opened = Database::open(db_path);
        REQUIRE(opened.ok());
        db.emplace(std::move(*opened));
    }
};

}  // namespace

TEST_CASE("a snapshot holds the tasks, their indexes and the day's values", "[snapshot]") {
    SnapshotFixture f;
    auto built = app::build_plan_snapshot(*f.db, f.setup, f.day);
    REQUIRE(built.ok());
    const app::PlanSnapshot& s = **built;
    CHECK(s.state->tasks.size() == 51);
    CHECK(s.version > 0);  // the import bumped the counter
    CHECK(s.report.entries.size() == 51);
    CHECK(s.next_notification.size() == 51);
    CHECK(s.day == f.day);
    // The report counted once for /metrics, as StatusReport counts it.
    size_t counted = 0;
    for (const ReportCategory category : kReportCategories) {
        CHECK(s.counts.by_category[static_cast<size_t>(category)] == s.report.count(category));
        counted += s.counts.by_category[static_cast<size_t>(category)];
    }
    CHECK(counted == 51);
    CHECK(s.counts.awaiting_confirmation == 0);
    CHECK(s.counts.open_extensions == 0);
    const auto i3 = s.find("I.3", std::nullopt);
    REQUIRE(i3.ok());
    CHECK(s.state->tasks[*i3].task.code == "I.3");
    CHECK(s.find("I.3", std::string("90/KH-UBND")).ok());
    CHECK(s.find("I.3", std::string("1/KH-UBND")).error().message == "no task I.3 in plan 1/KH-UBND");
    CHECK(s.find("X.99", std::nullopt).error().message == "no task X.99");
    // Sở Tài chính leads I.3.
    const auto& finance = s.by_agency.at("Sở Tài chính");
    CHECK(std::find(finance.begin(), finance.end(), *i3) != finance.end());
}

TEST_CASE("a status change makes a new snapshot and leaves the old one as it was", "[snapshot]") {
    SnapshotFixture f;
    auto built = app::build_plan_snapshot(*f.db, f.setup, f.day);
    REQUIRE(built.ok());
    const auto old = *built;
    const size_t i3 = *old->find("I.3", std::nullopt);
    StatusChange change;
    change.task_id = old->state->tasks[i3].id;
    change.action = "done";
    change.status = WorkStatus::done;
    change.done_on = *parse_iso_date("2026-03-25");
    change.changed_by = "test";
    const auto next = app::snapshot_with_change(*old, i3, change, old->version + 1);
    CHECK(next->state->scheduled[i3].status.overall.status == WorkStatus::done);
    CHECK(next->report.entries[i3].category == ReportCategory::done_on_time);
    CHECK(next->report.entries[i3].task == i3);
    CHECK_FALSE(next->next_notification[i3]);  // a task done gets nothing more
    CHECK(next->version == old->version + 1);
    CHECK(old->state->scheduled[i3].status.overall.status == WorkStatus::not_started);
    CHECK(old->report.entries[i3].category != ReportCategory::done_on_time);
    // The counts /metrics reads follow: one more task done on time, one fewer where I.3 was.
    const auto before = static_cast<size_t>(old->report.entries[i3].category);
    const auto done = static_cast<size_t>(ReportCategory::done_on_time);
    CHECK(next->counts.by_category[done] == old->counts.by_category[done] + 1);
    CHECK(next->counts.by_category[before] == old->counts.by_category[before] - 1);
    for (const ReportCategory category : kReportCategories)
        CHECK(next->counts.by_category[static_cast<size_t>(category)] == next->report.count(category));
}

TEST_CASE("the reading source reads again when another connection writes, and at a new day", "[snapshot]") {
    SnapshotFixture f;
    FakeClock clock{vietnam_time(f.day, 9 * 60)};
    app::ReadingSnapshotSource source(*f.db, f.setup, clock);
    const auto first = source.current();
    REQUIRE(first);
    CHECK(source.current() == first);  // nothing changed: the same snapshot
    // `nhacviec status` in another connection.
    REQUIRE(run_cli({"--db", f.db_path, "status", "I.3", "in-progress"}).status == 0);
    const auto second = source.current();
    REQUIRE(second);
    CHECK(second != first);
    CHECK(second->version > first->version);
    CHECK(second->state->scheduled[*second->find("I.3", std::nullopt)].status.overall.status ==
          WorkStatus::in_progress);
    // Midnight: the same state, the values of the next day.
    clock.set(vietnam_time(add_days(f.day, 1), 0));
    const auto third = source.current();
    CHECK(third->state == second->state);
    CHECK(third->day == add_days(f.day, 1));
}

}  // namespace nhacviec::testing
