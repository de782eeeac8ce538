// Incremental delivery: the delivery_progress table and its migration, where
// a pass starts planning, and passes that plan only the window since the last
// one, compared with passes that plan from the first plan's issue day, through
// catch-up, a deadline set in the past, a status change that cancels and a
// pass at an earlier moment than the last.
#include <catch2/catch.hpp>

#include <set>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "common/clock.h"
#include "common/embedded.h"
#include "outbox/delivery_progress.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using std::chrono::sys_seconds;

namespace {

sys_seconds at(const std::string& text) { return *parse_vietnam_time(text); }
Date day(const std::string& text) { return *parse_iso_date(text); }

int64_t count(Database& db, const std::string& sql) {
    SQLite::Statement s(db.sql(), sql);
    s.executeStep();
    return s.getColumn(0).getInt64();
}

// The rows of `sql`, each as its columns joined by " | ".
std::vector<std::string> rows(const std::string& db_path, const std::string& sql) {
    auto db = Database::open(db_path);
    REQUIRE(db.ok());
    SQLite::Statement s(db->sql(), sql);
    std::vector<std::string> out;
    while (s.executeStep()) {
        std::string row;
        for (int i = 0; i < s.getColumnCount(); ++i) row += (i ? " | " : "") + s.getColumn(i).getString();
        out.push_back(row);
    }
    return out;
}

}  // namespace

TEST_CASE("delivery progress is kept in one row and only moves forward", "[delivery_progress]") {
    TempDir dir;
    auto db = Database::open(dir / "nv.db");
    REQUIRE(db.ok());
    CHECK(count(*db, "SELECT COUNT(*) FROM schema_migrations WHERE version = 6") == 1);
    DeliveryProgress progress(*db);
    auto none = progress.planned_through();
    REQUIRE(none.ok());
    CHECK(!*none);

    REQUIRE(progress.advance(at("2026-12-01T08:00")).ok());
    REQUIRE(progress.advance(at("2026-11-01T08:00")).ok());  // a pass at an earlier moment
    auto through = progress.planned_through();
    REQUIRE(through.ok());
    CHECK(*through == at("2026-12-01T08:00"));
    REQUIRE(progress.advance(at("2026-12-02T09:30")).ok());
    CHECK(count(*db, "SELECT COUNT(*) FROM delivery_progress") == 1);
    SQLite::Statement text(db->sql(), "SELECT planned_through FROM delivery_progress");
    REQUIRE(text.executeStep());
    CHECK(text.getColumn(0).getString() == "2026-12-02T09:30:00+07:00");

    // Only one row can be.
    CHECK_THROWS(db->sql().exec("INSERT INTO delivery_progress VALUES (2, '2026-12-02T09:30:00+07:00')"));
}

TEST_CASE("a database made before schema 0006 keeps its outbox and has planned nothing", "[delivery_progress]") {
    TempDir dir;
    const auto path = dir / "old.db";
    {
        SQLite::Database old(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL)");
        for (const char* name : {"schema/0001_initial.sql", "schema/0002_task_status.sql", "schema/0003_outbox.sql",
                                 "schema/0004_outbox_cancel.sql", "schema/0005_feed_tokens.sql"}) {
            const auto sql = embedded_file(name);
            REQUIRE(sql);
            old.exec(std::string(*sql));
            old.exec(std::string("INSERT INTO schema_migrations VALUES (") + name[10] + ", '" + name + "', 'then')");
        }
        old.exec("INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at) "
                 "VALUES ('90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính', 'reminder', 'I.3', 'Sở Tài chính', 1, 2)");
    }
    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(count(*db, "SELECT COUNT(*) FROM schema_migrations WHERE version = 6") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM notifications") == 1);
    auto through = DeliveryProgress(*db).planned_through();
    REQUIRE(through.ok());
    CHECK(!*through);  // the first pass plans from the first plan's issue day, as before
}

TEST_CASE("the catch-up window covers the longest lead and gap of the rules", "[delivery_progress]") {
    ScheduleRules rules;
    const ScheduledTasks none;
    // Defaults: reminders 30 days ahead and level 3 every 30 days, with a month for days off.
    CHECK(catch_up_days(rules, none) == 61);

    TaskRules long_reminders;
    long_reminders.reminder_days = std::vector<int>{90, 7};
    ScheduledTasks tasks{ScheduledTask{}};
    tasks.mutable_at(0).rules = &long_reminders;
    CHECK(catch_up_days(rules, tasks) == 121);

    // Level 3 once, never repeated: that step is the one to send however long ago it fell.
    TaskRules once;
    once.level3_repeat_days = 0;
    tasks.mutable_at(0).rules = &once;
    CHECK(catch_up_days(rules, tasks) == std::nullopt);
    once.escalate = false;  // unless the task never escalates
    CHECK(catch_up_days(rules, tasks) == 61);

    rules.level3_repeat_days = 0;
    CHECK(catch_up_days(rules, none) == 61);  // no task escalates under it
    tasks.mutable_at(0).rules = nullptr;
    CHECK(catch_up_days(rules, tasks) == std::nullopt);
}

TEST_CASE("a pass plans from the last one, widened back by the catch-up window", "[delivery_progress]") {
    const Date first = day("2026-01-05");
    // Before any pass: from the first plan's issue day.
    CHECK(planning_start(std::nullopt, at("2026-12-01T08:00"), 61, first) == first);
    // Passes every day: the catch-up window.
    CHECK(planning_start(at("2026-11-30T08:00"), at("2026-12-01T08:00"), 61, first) == day("2026-10-01"));
    // After four months down: from the last pass.
    CHECK(planning_start(at("2026-08-01T08:00"), at("2026-12-01T08:00"), 61, first) == day("2026-08-01"));
    // A pass at a moment before the last one plans that moment's window again.
    CHECK(planning_start(at("2026-12-01T08:00"), at("2026-09-01T08:00"), 61, first) == day("2026-07-02"));
    // Never before the first plan was issued; no bound: from the first plan's issue day.
    CHECK(planning_start(at("2026-02-01T08:00"), at("2026-02-02T08:00"), 61, first) == first);
    CHECK(planning_start(at("2026-11-30T08:00"), at("2026-12-01T08:00"), std::nullopt, first) == first);
}

TEST_CASE("passes planning since the last one deliver what passes planning from the first day do",
          "[delivery_progress]") {
    TempDir dir;
    // Two databases with the seed: "window" as delivery runs, "whole" made to
    // forget its progress before each pass, so that it plans from the first day.
    struct Side {
        std::string db, config, moved;
    };
    std::map<std::string, Side> sides;
    for (const std::string name : {"window", "whole"}) {
        Side s{(dir / (name + ".db")).string(), (dir / (name + ".toml")).string(),
               (dir / (name + "-moved.toml")).string()};
        const std::string base = "[email]\nmaildir = \"" + (dir / (name + "-mail")).string() + "\"\n";
        write_file(s.config, base);
        // II.5.13, undetermined, given a deadline already past: its escalation is due at once.
        write_file(s.moved, base + "[[task]]\nid = \"II.5.13\"\ndeadline = \"Quý III/2026\"\n");
        REQUIRE(run_cli({"--config", s.config, "--db", s.db, "import", seed_plan().string()}).status == 0);
        sides[name] = s;
    }
    const auto deliver = [&](const std::string& name, const std::string& config, const std::string& now) {
        const Side& s = sides.at(name);
        if (name == "whole") {
            auto db = Database::open(s.db);
            REQUIRE(db.ok());
            db->sql().exec("DELETE FROM delivery_progress");
        }
        auto run = run_cli({"--config", config, "--db", s.db, "deliver", "--now", now});
        INFO(run.out << run.err);
        REQUIRE(run.status == 0);
        return run.out;
    };
    const std::string deliveries =
        "SELECT n.key, n.cancelled_because, d.agency, d.channel, d.address, d.state, d.attempts, d.last_error "
        "FROM deliveries d JOIN notifications n ON n.id = d.notification_id ORDER BY n.key, d.agency, d.address";
    const std::string skipped = "SELECT key, skipped_because FROM notifications WHERE skipped_because IS NOT NULL";
    const auto same_deliveries = [&] {
        CHECK(rows(sides["window"].db, deliveries) == rows(sides["whole"].db, deliveries));
        // What the window records as skipped, the whole plan records so too (it may record more: steps that
        // fell before the window, when the plan changed, and were never to be sent).
        const auto window = rows(sides["window"].db, skipped), whole = rows(sides["whole"].db, skipped);
        const std::set<std::string> all(whole.begin(), whole.end());
        for (const auto& row : window) CHECK(all.count(row) == 1);
    };

    // The first pass after the import plans from the first day; the next ones from the last.
    for (const std::string now : {"2026-11-25T08:00", "2026-11-26T08:00", "2026-12-07T08:00"}) {
        INFO(now);
        CHECK(deliver("window", sides["window"].config, now) == deliver("whole", sides["whole"].config, now));
        same_deliveries();
    }
    CHECK(rows(sides["window"].db, "SELECT planned_through FROM delivery_progress") ==
          std::vector<std::string>{"2026-12-07T08:00:00+07:00"});

    // A deadline set in the past: catch-up sends the latest escalation, as from the first day.
    for (const std::string name : {"window", "whole"}) deliver(name, sides[name].moved, "2026-12-08T08:00");
    same_deliveries();
    CHECK(rows(sides["window"].db, "SELECT COUNT(*) FROM notifications WHERE skipped_because IS NULL AND "
                                   "key LIKE '90/KH-UBND/2026|II.5.13|-|escalation-3.2|%'") ==
          std::vector<std::string>{"1"});

    // A status change cancels what waits: I.3's latest escalation is made to wait for a retry, then I.3 is done.
    for (const std::string name : {"window", "whole"}) {
        const Side& s = sides[name];
        {
            auto db = Database::open(s.db);
            REQUIRE(db.ok());
            SQLite::Statement retry(db->sql(),
                                    "UPDATE deliveries SET state = 'retrying', next_attempt_at = ? WHERE notification_id = "
                                    "(SELECT MAX(id) FROM notifications WHERE key LIKE '90/KH-UBND/2026|I.3|-|escalation%')");
            retry.bind(1, static_cast<int64_t>(at("2026-12-08T09:00").time_since_epoch().count()));
            CHECK(retry.exec() == 5);
        }
        REQUIRE(run_cli({"--config", s.moved, "--db", s.db, "status", "I.3", "done", "--date", "2026-12-01"}).status ==
                0);
    }
    const std::string cancelled = deliver("window", sides["window"].moved, "2026-12-08T10:00");
    CHECK(cancelled == deliver("whole", sides["whole"].moved, "2026-12-08T10:00"));
    same_deliveries();
    CHECK(rows(sides["window"].db, "SELECT COUNT(*) FROM deliveries WHERE state = 'cancelled' AND "
                                   "last_error = 'task I.3 was marked done on 2026-12-01'") ==
          std::vector<std::string>{"5"});

    // A pass at an earlier moment than the last plans that moment's window again, and the next goes on.
    for (const std::string now : {"2026-11-30T08:00", "2026-12-14T08:00"}) {
        INFO(now);
        for (const std::string name : {"window", "whole"}) deliver(name, sides[name].moved, now);
        same_deliveries();
    }
    CHECK(rows(sides["window"].db, "SELECT planned_through FROM delivery_progress") ==
          std::vector<std::string>{"2026-12-14T08:00:00+07:00"});
}
