// The periodic report (report/report_period, report/period_report,
// app/period_report_source, `report --period`): the periods it takes and
// refuses, the day it is made as of, its counts, rows, days late and report
// documents, the per-agency summary, and the files it writes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "report/period_report.h"
#include "report/report_period.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using nlohmann::json;

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

struct SeedDb {
    TempDir dir;
    std::string db = (dir / "nv.db").string();
    SeedDb() { REQUIRE(run_cli({"--db", db, "import", seed_plan().string()}).status == 0); }

    CommandResult cli(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db});
        return run_cli(args);
    }
    json period(const std::string& period) {
        auto r = cli({"report", "--period", period});
        INFO(r.err);
        REQUIRE(r.status == 0);
        return json::parse(r.out);
    }
    // A completion of TASK the monitoring agency confirmed (or one awaiting its decision), with its report document.
    void filed(const std::string& task, const std::string& number, const std::string& date,
               const std::string& state = "confirmed") {
        SQLite::Database sql(db, SQLite::OPEN_READWRITE);
        const int64_t id = sql.execAndGet("SELECT id FROM tasks WHERE code = '" + task + "'").getInt64();
        SQLite::Statement insert(sql,
                                 "INSERT INTO answers (task_id, agency, kind, done_on, document_number, document_date, "
                                 "via, answered_at, completion_state, decided_by, decided_at) VALUES (?, 'Sở Tài chính', "
                                 "'completion', ?, ?, ?, 'cli', ?, ?, ?, ?)");
        insert.bind(1, id);
        insert.bind(2, date);
        insert.bind(3, number);
        insert.bind(4, date);
        insert.bind(5, date + "T09:00:00+07:00");
        insert.bind(6, state);
        if (state == "confirmed") {
            insert.bind(7, "Sở Tài chính");
            insert.bind(8, date + "T10:00:00+07:00");
        }
        insert.exec();
    }
};

const json& category(const json& report, const std::string& key) {
    for (const auto& c : report["categories"])
        if (c["key"] == key) return c;
    FAIL("no category " << key);
    throw;
}

const json& row(const json& report, const std::string& id) {
    for (const auto& c : report["categories"])
        for (const auto& t : c["tasks"])
            if (t["id"] == id) return t;
    FAIL("no task " << id);
    throw;
}

const json& agency(const json& report, const std::string& name) {
    for (const auto& a : report["agencies"])
        if (a["name"] == name) return a;
    FAIL("no agency " << name);
    throw;
}

}  // namespace

TEST_CASE("report periods: quarters, half years and years", "[period_report]") {
    struct Case {
        const char* text;
        const char* name;
        const char* first;
        const char* last;
        const char* label;
    };
    const Case cases[] = {
        {"2026-Q4", "2026-Q4", "2026-10-01", "2026-12-31", "quý IV năm 2026"},            // a quarter
        {"2026-Q1", "2026-Q1", "2026-01-01", "2026-03-31", "quý I năm 2026"},             // the first
        {"2026-H1", "2026-H1", "2026-01-01", "2026-06-30", "6 tháng đầu năm 2026"},       // a half year
        {"2026-H2", "2026-H2", "2026-07-01", "2026-12-31", "6 tháng cuối năm 2026"},      // the second
        {"2027", "2027", "2027-01-01", "2027-12-31", "năm 2027"},                         // a year
    };
    for (const Case& c : cases) {
        INFO(c.text);
        auto period = parse_report_period(c.text);
        REQUIRE(period);
        CHECK(period->name == c.name);
        CHECK(format_iso_date(period->first) == c.first);
        CHECK(format_iso_date(period->last) == c.last);
        CHECK(period->label == c.label);
    }
}

TEST_CASE("report periods: anything else is refused, naming the value", "[period_report]") {
    const std::string expected = "--period: expected a quarter (2026-Q4), a half year (2026-H2) or a year (2026), not ";
    const std::pair<const char*, const char*> cases[] = {
        {"2026-07", "\"2026-07\""},                 // a month is not a report period
        {"2026-Q5", "\"2026-Q5\""},                 // no fifth quarter
        {"2026-H3", "\"2026-H3\""},                 // no third half
        {"2026-q4", "\"2026-q4\""},                 // the letter is upper case
        {"26-Q4", "\"26-Q4\""},                     // four-digit years
        {"", "\"\""},                               // nothing
        {" 2026", "\" 2026\""},                     // no spaces
        {"1999", "\"1999\""},                       // before 2000
        {"quý IV năm 2026 và năm 2027", "\"quý IV năm 2026…\""},  // long values are cut at a character
    };
    for (const auto& [text, quoted] : cases) {
        INFO(text);
        auto period = parse_report_period(text);
        REQUIRE_FALSE(period);
        CHECK(period.error().message == expected + quoted);
    }
}

TEST_CASE("report periods: made as of the last day, or today while they run", "[period_report]") {
    const ReportPeriod q4 = *parse_report_period("2026-Q4");
    CHECK(format_iso_date(*period_report_as_of(q4, day("2026-12-06"))) == "2026-12-06");  // running: today
    CHECK(format_iso_date(*period_report_as_of(q4, day("2026-12-31"))) == "2026-12-31");  // its last day
    CHECK(format_iso_date(*period_report_as_of(q4, day("2027-01-05"))) == "2026-12-31");  // ended
    CHECK(format_iso_date(*period_report_as_of(q4, day("2026-10-01"))) == "2026-10-01");  // its first day
    auto early = period_report_as_of(q4, day("2026-09-30"));
    REQUIRE_FALSE(early);
    CHECK(early.error().message == "--period: 2026-Q4 has not begun yet (today is 2026-09-30)");
}
