// Status changes and the report, through the command line on a real SQLite
// file: every change kept as history, the categories of domain guide §5.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "test_support.h"

using namespace nhacviec::testing;
using nlohmann::json;

namespace {

struct SeedDb {
    TempDir dir;
    std::string db = (dir / "nv.db").string();
    SeedDb() { REQUIRE(run_cli({"--db", db, "import", seed_plan().string()}).status == 0); }

    CommandResult cli(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db});
        return run_cli(args);
    }
    json report(const std::string& as_of) {
        auto r = cli({"report", "--as-of", as_of, "--json"});
        REQUIRE(r.status == 0);
        return json::parse(r.out);
    }
};

const json& category(const json& report, const std::string& key) {
    for (const auto& c : report["categories"])
        if (c["key"] == key) return c;
    FAIL("no category " << key);
    throw;
}

std::vector<std::string> ids(const json& category) {
    std::vector<std::string> out;
    for (const auto& t : category["tasks"]) out.push_back(t["id"]);
    return out;
}

}  // namespace

TEST_CASE("status changes are kept as history", "[status]") {
    SeedDb seed;
    auto done = seed.cli({"status", "I.3", "done", "--date", "2026-03-30", "--note", "Đã ban hành kế hoạch", "--by",
                          "Sở Tài chính"});
    CHECK(done.err.empty());
    CHECK(done.out == "I.3: done on 2026-03-30\n");
    CHECK(seed.cli({"status", "I.3", "reopen", "--by", "Văn phòng"}).out == "I.3: in_progress (reopened)\n");
    CHECK(seed.cli({"status", "I.3", "done", "--date", "2026-04-02", "--by", "Sở Tài chính"}).status == 0);

    auto shown = seed.cli({"status", "I.3"});
    REQUIRE(shown.status == 0);
    std::istringstream lines(shown.out);
    std::vector<std::string> rows;
    for (std::string line; std::getline(lines, line);) rows.push_back(line);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0] == "I.3 (90/KH-UBND): done on 2026-04-02");
    CHECK(rows[1] == "history:");
    CHECK(rows[2].find("  Sở Tài chính  done (done on 2026-03-30): Đã ban hành kế hoạch") != std::string::npos);
    CHECK(rows[3].find("  Văn phòng  reopen") != std::string::npos);
    CHECK(rows[4].find("  Sở Tài chính  done (done on 2026-04-02)") != std::string::npos);

    // The JSON of the task carries the status and the dates.
    auto tasks = json::parse(seed.cli({"tasks", "--json", "--as-of", "2026-04-10"}).out);
    for (const auto& t : tasks) {
        if (t["id"] == "I.3") {
            CHECK(t["status"] == json({{"state", "done"}, {"done_on", "2026-04-02"}, {"periods", json::object()}}));
            CHECK(t["deadline"]["legal_due"] == "2026-03-31");
            CHECK(t["deadline"]["next_review"].is_null());
        }
        if (t["id"] == "I.1") CHECK(t["deadline"]["next_review"] == "2026-06-30");
        if (t["id"] == "II.1.2") CHECK(t["deadline"]["next_review"] == "2026-12-31");
        if (t["id"] == "II.5.14") CHECK(t["deadline"]["next_review"] == "2026-12-31");
        if (t["id"] == "II.5.13") CHECK(t["deadline"]["legal_due"].is_null());
    }
}

TEST_CASE("status per review period of a recurring task", "[status]") {
    SeedDb seed;
    CHECK(seed.cli({"status", "I.1", "done", "--period", "2026-Q3", "--date", "2026-09-29"}).out ==
          "I.1 2026-Q3: done on 2026-09-29\n");
    auto tasks = json::parse(seed.cli({"tasks", "--json", "--as-of", "2026-09-01"}).out);
    for (const auto& t : tasks) {
        if (t["id"] != "I.1") continue;
        CHECK(t["status"]["periods"] == json({{"2026-Q3", {{"state", "done"}, {"done_on", "2026-09-29"}}}}));
        CHECK(t["deadline"]["next_review"] == "2026-12-31");  // Q3 is done
    }
}

TEST_CASE("status errors name the task and what is wrong", "[status]") {
    SeedDb seed;
    struct Case {
        std::vector<std::string> args;
        int status;
        std::string err;
    };
    const Case cases[] = {
        {{"status", "II.1.2", "done"}, 1, "nhacviec: II.1.2 is recurring (yearly): give --period, e.g. 2027\n"},
        {{"status", "II.1.2", "done", "--period", "2026-Q3"},
         1,
         "nhacviec: II.1.2 is reviewed yearly: give --period like 2027, not 2026-Q3\n"},
        {{"status", "I.3", "done", "--period", "2026-Q1"}, 1, "nhacviec: I.3 has a one-off deadline; it takes no --period\n"},
        {{"status", "I.3", "waiting"}, 1, "nhacviec: I.3 has no precondition (\"sau khi …\") to wait on\n"},
        {{"status", "X.9", "done"}, 1, "nhacviec: no task X.9\n"},
        {{"status", "I.3", "done", "--date", "2026-02-30"}, 2,
         "nhacviec: --date: expected a date YYYY-MM-DD, not \"2026-02-30\"\n"},
        {{"status", "I.3", "done", "--date", "2099-01-01"}, 1, "nhacviec: --date 2099-01-01 is in the future\n"},
        // Back-dated: before the plan was issued (20/03/2026), or before the review period began.
        {{"status", "I.3", "done", "--date", "0001-01-01"}, 1,
         "nhacviec: --date 0001-01-01 is before 2026-03-20, the day plan 90/KH-UBND was issued\n"},
        {{"status", "I.3", "done", "--date", "2026-03-19"}, 1,
         "nhacviec: --date 2026-03-19 is before 2026-03-20, the day plan 90/KH-UBND was issued\n"},
        {{"status", "I.1", "done", "--period", "2026-Q3", "--date", "2026-06-30"}, 1,
         "nhacviec: --date 2026-06-30 is before 2026-07-01, the first day of period 2026-Q3\n"},
        {{"status", "I.1", "done", "--period", "2026-Q1", "--date", "2026-03-19"}, 1,
         "nhacviec: --date 2026-03-19 is before 2026-03-20, the day plan 90/KH-UBND was issued\n"},
        {{"status", "I.1", "done", "--period", "2026-Q5"}, 2,
         "nhacviec: --period: not a period: \"2026-Q5\" (e.g. 2026-Q3, 2027-H1, 2027, 2026-07)\n"},
        {{"status", "I.3", "in-progress", "--date", "2026-03-01"}, 2, "nhacviec: --date goes with done\n"},
        // Notes: line breaks, but no other control characters.
        {{"status", "I.3", "in-progress", "--note", "Xong\x1b[1A\x1b[2K"}, 2,
         "nhacviec: --note: control character U+001B at character 5; a note may have line breaks but no other control "
         "characters\n"},
        {{"status", "I.3", "in-progress", "--note", "Đã\tgửi"}, 2,
         "nhacviec: --note: control character U+0009 at character 3; a note may have line breaks but no other control "
         "characters\n"},
        {{"status", "I.3", "in-progress", "--note", "ab\xc2\x9b" "2J"}, 2,
         "nhacviec: --note: control character U+009B at character 3; a note may have line breaks but no other control "
         "characters\n"},
        {{"status", "I.3", "in-progress", "--note", "ab\x7f"}, 2,
         "nhacviec: --note: control character U+007F at character 3; a note may have line breaks but no other control "
         "characters\n"},
        {{"status", "I.3", "in-progress", "--note", "H\xe1i"}, 2, "nhacviec: --note: is not UTF-8 (byte 2)\n"},
    };
    for (const auto& c : cases) {
        INFO(c.args[1] << " " << c.args[2]);
        auto r = seed.cli(c.args);
        CHECK(r.status == c.status);
        CHECK(r.err == c.err);
    }
    auto bad = seed.cli({"status", "I.3", "finish"});
    CHECK(bad.status == 2);
    CHECK(bad.err.rfind("nhacviec: unknown status \"finish\"\n", 0) == 0);
    // Nothing was recorded by any of them.
    auto shown = seed.cli({"status", "I.3"});
    CHECK(shown.out == "I.3 (90/KH-UBND): not_started\n");
}

TEST_CASE("the command line shows control characters from the data escaped", "[status]") {
    SeedDb seed;
    // Data written before notes were checked, or by hand: a note that forges a history line and erases the one
    // above, a name that sets the terminal's colours, a title that clears the screen, an OSC window title.
    {
        SQLite::Database db(seed.db, SQLite::OPEN_READWRITE);
        SQLite::Statement note(db,
                               "INSERT INTO status_changes (task_id, period, action, status, note, changed_by, changed_at) "
                               "SELECT id, '', 'in_progress', 'in_progress', ?, ?, '2026-10-01T09:00:00+07:00' "
                               "FROM tasks WHERE code = 'I.3'");
        note.bind(1, "Xong\r\n2026-10-02T08:00:00+07:00  Sở Tài chính  done\x1b[1A\x1b[2K");
        note.bind(2, "Sở\x1b[31m Tài chính");
        note.exec();
        db.exec("UPDATE tasks SET title = 'Kế hoạch' || char(27) || '[2J', deadline_text = 'Quý I/2026' || char(27) || "
                "']0;x' || char(7) WHERE code = 'I.3'");
        db.exec("UPDATE task_agencies SET name = 'Sở Tài chính' || char(155) WHERE role = 'lead' AND "
                "task_id = (SELECT id FROM tasks WHERE code = 'I.3')");
    }
    const auto no_controls = [](const std::string& out) {
        for (const char c : out)
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f) return false;
        return out.find("\xc2\x9b") == std::string::npos;
    };

    const auto status = seed.cli({"status", "I.3"});
    CHECK(status.status == 0);
    CHECK(status.out ==
          "I.3 (90/KH-UBND): in_progress\n"
          "history:\n"
          "  2026-10-01T09:00:00+07:00  Sở\\x1b[31m Tài chính  in_progress: Xong\\r\\n2026-10-02T08:00:00+07:00  Sở "
          "Tài chính  done\\x1b[1A\\x1b[2K\n");

    const auto tasks = seed.cli({"tasks"});
    CHECK(tasks.status == 0);
    CHECK(no_controls(tasks.out));
    // The escapes count in the column widths: 15 code points of title padded to 44, then two spaces.
    CHECK(tasks.out.find("\nI.3       Kế hoạch\\x1b[2J" + std::string(29 + 2, ' ') + "Sở Tài chính\\u009b") !=
          std::string::npos);
    CHECK(tasks.out.find("Quý I/2026\\x1b]0;x\\x07") != std::string::npos);

    const auto report = seed.cli({"report", "--as-of", "2026-10-15"});
    CHECK(report.status == 0);
    CHECK(no_controls(report.out));
    CHECK(report.out.find("\n  I.3  Quý I/2026\\x1b]0;x\\x07 (hạn 2026-03-31), quá hạn ") != std::string::npos);

    const auto schedule = seed.cli({"schedule", "--from", "2026-03-31", "--to", "2026-03-31"});
    CHECK(schedule.status == 0);
    CHECK(no_controls(schedule.out));
    CHECK(schedule.out.find("  I.3  → Sở Tài chính\\u009b\n") != std::string::npos);
}

TEST_CASE("the report groups the seed's tasks", "[report]") {
    SeedDb seed;
    REQUIRE(seed.cli({"status", "I.3", "done", "--date", "2026-03-30"}).status == 0);
    REQUIRE(seed.cli({"status", "II.1.1", "done", "--date", "2026-10-02"}).status == 0);
    REQUIRE(seed.cli({"status", "I.1", "done", "--period", "2026-Q3", "--date", "2026-09-29"}).status == 0);
    REQUIRE(seed.cli({"status", "I.2", "done", "--period", "2026-Q3", "--date", "2026-10-05"}).status == 0);
    REQUIRE(seed.cli({"status", "I.7", "waiting", "--note", "Chờ chính sách"}).status == 0);

    const json report = seed.report("2026-10-15");
    CHECK(report["total"] == 51);
    CHECK(report["with_deadline"] == 13);
    CHECK(ids(category(report, "done_on_time")) == std::vector<std::string>{"I.3"});
    CHECK(ids(category(report, "done_late")) == std::vector<std::string>{"II.1.1"});
    CHECK(ids(category(report, "overdue")) == std::vector<std::string>{"II.4.1", "II.5.1"});
    CHECK(ids(category(report, "due_soon")).empty());
    CHECK(ids(category(report, "in_progress")) ==
          std::vector<std::string>{"I.7", "I.8", "II.5.12", "II.5.14", "II.7.1", "II.7.2", "II.7.3", "II.7.5", "II.7.6"});
    CHECK(ids(category(report, "undetermined")) == std::vector<std::string>{"II.5.13"});
    CHECK(category(report, "ongoing")["count"] == 37);
    CHECK(category(report, "overdue")["percent"] == 15.4);
    CHECK(category(report, "done_late")["percent"] == 7.7);
    CHECK(category(report, "in_progress")["percent"] == 69.2);
    CHECK(category(report, "ongoing")["percent"].is_null());

    const json& overdue = category(report, "overdue")["tasks"][0];
    CHECK(overdue["legal_due"] == "2026-09-30");
    CHECK(overdue["days_overdue"] == 15);
    for (const auto& t : category(report, "in_progress")["tasks"])
        if (t["id"] == "I.7") CHECK(t["waiting"] == true);
    for (const auto& t : category(report, "ongoing")["tasks"]) {
        if (t["id"] == "I.1") CHECK(t["review"] == "on_time");
        if (t["id"] == "I.2") CHECK(t["review"] == "late");
        if (t["id"] == "I.4") CHECK(t["review"] == "missing");
        if (t["id"] == "I.4") CHECK(t["latest_review"] == "2026-Q3");
    }
    // Three days before the end of the year, the Q4 tasks are due soon.
    CHECK(ids(category(seed.report("2026-12-29"), "due_soon")) == std::vector<std::string>{"I.7", "I.8", "II.5.12"});

    auto plain = seed.cli({"report", "--as-of", "2026-10-15"});
    CHECK(plain.out.find("Quá hạn: 2 (15.4%)\n  II.4.1  Quý III/2026 (hạn 2026-09-30), quá hạn 15 ngày\n") !=
          std::string::npos);
}
