// The plan snapshot (app/plan_snapshot) and the source that reads it again
// when the database's plan_version counter moves (app/snapshot_source).
#include <catch2/catch.hpp>

#include "app/plan_snapshot.h"
#include "app/snapshot_source.h"
#include "common/clock.h"
#include "storage/task_store.h"
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

TEST_CASE("a snapshot finds every task by its code as find_task does, in its sorted index", "[snapshot]") {
    SnapshotFixture f;
    auto built = app::build_plan_snapshot(*f.db, f.setup, f.day);
    REQUIRE(built.ok());
    const app::PlanSnapshot& s = **built;
    CHECK(s.by_code.size() == 51);
    for (size_t k = 1; k < s.by_code.size(); ++k) CHECK((*s.by_code)[k - 1].code <= (*s.by_code)[k].code);
    for (size_t i = 0; i < s.state->tasks.size(); ++i) {
        const Task& t = s.state->tasks[i].task;
        const auto scanned = app::find_task(*s.state, t.code, std::nullopt);
        REQUIRE(scanned.ok());
        CHECK(*scanned == i);
        const auto found = s.find(t.code, std::nullopt);
        REQUIRE(found.ok());
        CHECK(*found == i);
        CHECK(*s.find(t.code, t.plan_number) == i);
    }
    CHECK(s.find("I", std::nullopt).error().message == "no task I");
    CHECK(s.find("", std::nullopt).error().message == "no task ");
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

TEST_CASE("a snapshot read again after another process's status change shares what did not change", "[snapshot]") {
    SnapshotFixture f;
    auto built = app::build_plan_snapshot(*f.db, f.setup, f.day);
    REQUIRE(built.ok());
    const auto old = *built;
    // `nhacviec status` in another process: one status changes, no task row.
    REQUIRE(run_cli({"--db", f.db_path, "status", "I.3", "done", "--date", "2026-03-25"}).status == 0);
    auto read_again = app::build_plan_snapshot(*f.db, f.setup, f.day, old.get());
    REQUIRE(read_again.ok());
    const auto next = *read_again;
    auto full_read = app::build_plan_snapshot(*f.db, f.setup, f.day);  // the same, read from nothing
    REQUIRE(full_read.ok());
    const auto full = *full_read;
    const size_t i3 = *next->find("I.3", std::nullopt);

    // The rows and the indexes are the old snapshot's; the full read holds its own.
    REQUIRE(next->state->tasks.chunk_count() == 1);
    CHECK(next->state->tasks.chunk(0) == old->state->tasks.chunk(0));
    CHECK(full->state->tasks.chunk(0) != old->state->tasks.chunk(0));
    CHECK(next->by_id.same(old->by_id));
    CHECK(next->by_code.same(old->by_code));
    CHECK(next->by_agency.same(old->by_agency));
    CHECK_FALSE(full->by_id.same(old->by_id));
    // The old snapshot as it was; the new one as a full read sees it.
    CHECK(old->state->scheduled[i3].status.overall.status == WorkStatus::not_started);
    CHECK(next->state->scheduled[i3].status.overall.status == WorkStatus::done);
    CHECK(next->version == full->version);
    CHECK(next->version > old->version);
    REQUIRE(next->report.entries.size() == full->report.entries.size());
    for (size_t i = 0; i < full->report.entries.size(); ++i) {
        CHECK(next->report.entries[i].task == full->report.entries[i].task);
        CHECK(next->report.entries[i].category == full->report.entries[i].category);
    }
    CHECK(next->report.entries[i3].category == ReportCategory::done_on_time);
    CHECK(next->counts.by_category == full->counts.by_category);
    CHECK(next->next_notification == full->next_notification);
    CHECK_FALSE(next->next_notification[i3]);
    // The moments planned: those of the full read, and perhaps some of I.3's that are no longer planned.
    for (const auto moment : full->planned_moments)
        CHECK(std::binary_search(next->planned_moments.begin(), next->planned_moments.end(), moment));

    // The tasks as the timeline sees them and the report's lines: the chunk holding I.3 is made anew, and a read
    // with nothing changed shares every chunk with the snapshot before it.
    REQUIRE(next->state->scheduled.chunk_count() == 1);
    CHECK(next->state->scheduled.chunk(0) != old->state->scheduled.chunk(0));
    CHECK(next->report.entries.chunk(0) != old->report.entries.chunk(0));
    auto unchanged = app::build_plan_snapshot(*f.db, f.setup, f.day, next.get());
    REQUIRE(unchanged.ok());
    CHECK((*unchanged)->state->scheduled.chunk(0) == next->state->scheduled.chunk(0));
    CHECK((*unchanged)->report.entries.chunk(0) == next->report.entries.chunk(0));
    CHECK((*unchanged)->state->scheduled[i3].status.overall.status == WorkStatus::done);

    // Under another setup (a reload) the rows are still shared, and the day's values made again.
    app::GlobalOptions options;
    options.database_path = f.db_path;
    auto loaded = load_service_setup(options);
    REQUIRE(loaded.ok());
    auto reloaded_setup = std::make_shared<const ServiceSetup>(std::move(*loaded));
    auto reloaded = app::build_plan_snapshot(*f.db, reloaded_setup, f.day, next.get());
    REQUIRE(reloaded.ok());
    CHECK((*reloaded)->state->tasks.chunk(0) == old->state->tasks.chunk(0));
    CHECK_FALSE((*reloaded)->by_id.same(old->by_id));
    CHECK((*reloaded)->planned_moments == full->planned_moments);
    CHECK((*reloaded)->next_notification == full->next_notification);
}

TEST_CASE("the task rows read a batch at a time are those read at once", "[snapshot]") {
    SnapshotFixture f;
    TaskStore store(*f.db);
    auto all = store.tasks(0, false);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 51);
    CHECK(*store.count_tasks(0, false) == 51);
    std::vector<size_t> sizes;
    std::vector<StoredTask> rows;
    auto read = store.each_task_batch(0, false, 20, [&](std::vector<StoredTask>& batch) -> Status {
        sizes.push_back(batch.size());
        for (auto& row : batch) rows.push_back(std::move(row));
        return {};
    });
    REQUIRE(read.ok());
    CHECK(sizes == std::vector<size_t>{20, 20, 11});
    CHECK(rows == *all);  // agencies included
    CHECK_FALSE(rows[2].task.lead.empty());
    // An error from the visitor stops the reading and comes back.
    size_t visits = 0;
    auto stopped = store.each_task_batch(0, false, 20, [&](std::vector<StoredTask>&) -> Status {
        ++visits;
        return Error{"enough"};
    });
    REQUIRE_FALSE(stopped.ok());
    CHECK(stopped.error().message == "enough");
    CHECK(visits == 1);
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
