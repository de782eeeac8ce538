// The periodic report (report/report_period, report/period_report,
// app/period_report_source, `report --period`): the periods it takes and
// refuses, the day it is made as of, its counts, rows, days late and report
// documents, the per-agency summary, and the files it writes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "app/period_report_source.h"
#include "cli/setup.h"
#include "config/config.h"
#include "report/period_report.h"
#include "report/report_period.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using nlohmann::json;

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

// The seed with task II.5.12 due in Quý II/2026 rather than IV, so that 2026-Q3 has a task overdue.
struct SeedDb {
    TempDir dir;
    std::string db = (dir / "nv.db").string();
    SeedDb() {
        const auto plan = dir / "plan.txt";
        write_file(plan, replace_once(read_file(seed_plan()), "Quy chế quản lý người đại diện\tQuý IV/2026",
                                      "Quy chế quản lý người đại diện\tQuý II/2026"));
        REQUIRE(run_cli({"--db", db, "import", plan.string()}).status == 0);
    }

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
    // `nhacviec status TASK ARGS…`, as if recorded at RECORDED_AT (Vietnam time) rather than now.
    void status_at(const std::string& task, std::vector<std::string> args, const std::string& recorded_at) {
        args.insert(args.begin(), {"status", task});
        auto r = cli(args);
        INFO(r.err);
        REQUIRE(r.status == 0);
        SQLite::Database sql(db, SQLite::OPEN_READWRITE);
        SQLite::Statement update(sql,
                                 "UPDATE status_changes SET changed_at = ? WHERE id = (SELECT MAX(s.id) FROM "
                                 "status_changes s JOIN tasks t ON t.id = s.task_id WHERE t.code = ?)");
        update.bind(1, recorded_at);
        update.bind(2, task);
        REQUIRE(update.exec() == 1);
    }
    // A completion of TASK the monitoring agency confirmed (or one awaiting its decision), with its report
    // document, done and dated DATE and answered on it (or at ANSWERED_AT).
    void filed(const std::string& task, const std::string& number, const std::string& date,
               const std::string& state = "confirmed", const std::string& answered_at = "") {
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
        insert.bind(5, answered_at.empty() ? date + "T09:00:00+07:00" : answered_at);
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
        {"quý IV năm 2026 và năm 2027", "\"quý IV năm 202…\""},  // long values: 16 bytes at most
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

TEST_CASE("report --period: the categories, rows, days late and documents as of the period's last day",
          "[period_report]") {
    SeedDb seed;
    // Each recorded the day it was done.
    seed.status_at("I.3", {"done", "--date", "2026-04-15"}, "2026-04-15T16:00:00+07:00");     // late: due 31/3
    seed.status_at("II.1.1", {"done", "--date", "2026-09-10"}, "2026-09-10T16:00:00+07:00");  // on time: due 30/9
    seed.status_at("II.4.1", {"done", "--date", "2026-10-05"}, "2026-10-05T16:00:00+07:00");  // after the period's end
    seed.filed("I.3", "125/BC-STC", "2026-04-16");
    seed.filed("II.1.1", "33/BC-SNNMT", "2026-09-12");
    seed.filed("II.4.1", "90/BC-SKHCN", "2026-10-06");       // dated after 30/9: not in the report
    seed.filed("II.5.1", "77/BC-SNV", "2026-09-26", "awaiting");  // awaiting confirmation: shown, with its document

    const json r = seed.period("2026-Q3");
    CHECK(r["period"] == json({{"name", "2026-Q3"}, {"label", "quý III năm 2026"}, {"first", "2026-07-01"},
                               {"last", "2026-09-30"}, {"ended", true}}));
    CHECK(r["as_of"] == "2026-09-30");
    CHECK(r["authority"] == "UBND thành phố Hải Phòng");
    CHECK(r["monitoring"] == "Sở Tài chính");
    CHECK(r["place"] == "Hải Phòng");
    CHECK(r["number_symbol"] == "BC-STC");
    CHECK(r["signer_title"] == "GIÁM ĐỐC");
    CHECK(r["signer_name"] == "");
    CHECK(r["recipients"] == json({"UBND thành phố (để báo cáo)", "Lưu: VT"}));
    CHECK(r["plans"] == json::parse(R"([{"number": "90/KH-UBND", "year": 2026, "issued_on": "2026-03-20"}])"));
    CHECK(r["total"] == 51);
    CHECK(r["with_deadline"] == 13);
    const std::vector<std::tuple<std::string, int, json>> counts = {
        {"done_on_time", 1, 7.7}, {"done_late", 1, 7.7}, {"in_progress", 8, 61.5}, {"due_soon", 2, 15.4},
        {"overdue", 1, 7.7},      {"undetermined", 1, nullptr}, {"ongoing", 37, nullptr}};
    REQUIRE(r["categories"].size() == counts.size());
    for (size_t i = 0; i < counts.size(); ++i) {
        const auto& [key, count, percent] = counts[i];
        INFO(key);
        CHECK(r["categories"][i]["key"] == key);
        CHECK(r["categories"][i]["count"] == count);
        CHECK(r["categories"][i]["tasks"].size() == static_cast<size_t>(count));
        CHECK(r["categories"][i]["percent"] == percent);
    }
    // The status report of that day counts with today's statuses: II.4.1, done on 5/10, as done late.
    auto status = json::parse(seed.cli({"report", "--as-of", "2026-09-30", "--json"}).out);
    for (size_t i = 0; i < counts.size(); ++i) {
        const std::string key = r["categories"][i]["key"];
        const int difference = key == "done_late" ? 1 : key == "due_soon" ? -1 : 0;
        CHECK(status["categories"][i]["count"].get<int>() == r["categories"][i]["count"].get<int>() + difference);
    }

    CHECK(row(r, "I.3") == json::parse(R"({"id": "I.3", "plan": "90/KH-UBND",
        "title": "Xây dựng kế hoạch thực hiện trên cơ sở rà soát các chương trình, kế hoạch thực hiện các Nghị quyết của Đảng, Chương trình hành động của Chính phủ liên quan đến phát triển kinh tế nhà nước để điều chỉnh đồng bộ thống nhất.",
        "lead": "Sở Tài chính", "deadline": "Quý I/2026", "due": "2026-03-31", "status": "done",
        "status_label": "Đã hoàn thành ngày 15/04/2026", "report_number": "125/BC-STC", "report_date": "2026-04-16",
        "days_late": 15})"));
    CHECK(category(r, "done_on_time")["tasks"][0]["id"] == "II.1.1");
    CHECK(row(r, "II.1.1")["days_late"] == nullptr);
    CHECK(row(r, "II.1.1")["report_number"] == "33/BC-SNNMT");
    // Overdue: 92 days past 30/6 on 30/9.
    CHECK(row(r, "II.5.12")["due"] == "2026-06-30");
    CHECK(row(r, "II.5.12")["days_late"] == 92);
    CHECK(row(r, "II.5.12")["report_number"] == "");
    CHECK(row(r, "II.5.12")["report_date"] == nullptr);
    // Done on 5/10: after the report's day, so not started in it (nothing recorded by then) and due soon, with
    // no document.
    CHECK(row(r, "II.4.1")["status"] == "not_started");
    CHECK(row(r, "II.4.1")["status_label"] == "Chưa thực hiện");
    CHECK(row(r, "II.4.1")["report_number"] == "");
    CHECK(category(r, "due_soon")["tasks"][0]["id"] == "II.4.1");
    // A completion awaiting confirmation: its document, and the status says so.
    CHECK(row(r, "II.5.1")["report_number"] == "77/BC-SNV");
    CHECK(row(r, "II.5.1")["report_date"] == "2026-09-26");
    CHECK(row(r, "II.5.1")["status_label"] == "Chưa thực hiện; đã báo cáo hoàn thành, chờ xác nhận");
    // Ongoing tasks: the latest review that came due.
    CHECK(row(r, "I.1")["status_label"] == "Chưa thực hiện; chưa báo cáo kỳ 2026-Q2");
    CHECK(row(r, "I.1")["due"] == nullptr);

    // Per lead agency: tasks it leads, done on time, done late, overdue.
    CHECK(r["agencies"].size() == 17);
    CHECK(agency(r, "Sở Tài chính") ==
          json({{"name", "Sở Tài chính"}, {"tasks", 20}, {"on_time", 0}, {"late", 1}, {"overdue", 0}}));
    CHECK(agency(r, "Sở Nội vụ") ==
          json({{"name", "Sở Nội vụ"}, {"tasks", 6}, {"on_time", 0}, {"late", 0}, {"overdue", 1}}));
    CHECK(agency(r, "Sở Nông nghiệp và Môi trường") ==
          json({{"name", "Sở Nông nghiệp và Môi trường"}, {"tasks", 4}, {"on_time", 1}, {"late", 0}, {"overdue", 0}}));
}

TEST_CASE("report --period: a past period's statuses as they stood at its end, from the status history",
          "[period_report]") {
    SeedDb seed;
    // Done within Q3 but recorded after its end: not done in Q3's report.
    seed.status_at("II.1.1", {"done", "--date", "2026-09-20"}, "2026-10-03T08:00:00+07:00");
    // Done and recorded within Q3, reopened after its end: done in Q3's report.
    seed.status_at("II.5.1", {"done", "--date", "2026-09-25"}, "2026-09-25T15:00:00+07:00");
    seed.status_at("II.5.1", {"reopen"}, "2026-10-10T09:00:00+07:00");
    // In progress within Q3, waiting after its end: in progress in Q3's report.
    seed.status_at("I.7", {"in-progress"}, "2026-08-01T09:00:00+07:00");
    seed.status_at("I.7", {"waiting"}, "2026-10-02T09:00:00+07:00");
    // A completion done within Q3 but reported after its end, awaiting confirmation: not in Q3's report.
    seed.filed("II.4.1", "90/BC-SKHCN", "2026-09-28", "awaiting", "2026-10-01T09:00:00+07:00");
    // A completion reported within Q3 and confirmed after its end: awaiting confirmation in Q3's report.
    seed.filed("I.8", "45/BC-TTTP", "2026-09-29");
    {
        SQLite::Database sql(seed.db, SQLite::OPEN_READWRITE);
        sql.exec("UPDATE answers SET decided_at = '2026-10-02T10:00:00+07:00' WHERE document_number = '45/BC-TTTP'");
    }
    seed.status_at("I.8", {"done", "--date", "2026-09-29"}, "2026-10-02T10:00:00+07:00");

    const json q3 = seed.period("2026-Q3");
    CHECK(row(q3, "II.1.1")["status"] == "not_started");
    CHECK(row(q3, "II.1.1")["status_label"] == "Chưa thực hiện");
    CHECK(row(q3, "II.1.1")["days_late"] == nullptr);
    CHECK(row(q3, "II.5.1")["status"] == "done");
    CHECK(row(q3, "II.5.1")["status_label"] == "Đã hoàn thành ngày 25/09/2026");
    CHECK(row(q3, "I.7")["status"] == "in_progress");
    CHECK(row(q3, "I.7")["status_label"] == "Đang thực hiện");
    CHECK(row(q3, "II.4.1")["status"] == "not_started");
    CHECK(row(q3, "II.4.1")["status_label"] == "Chưa thực hiện");
    CHECK(row(q3, "II.4.1")["report_number"] == "");
    CHECK(row(q3, "II.4.1")["report_date"] == nullptr);
    CHECK(row(q3, "I.8")["status"] == "not_started");
    CHECK(row(q3, "I.8")["status_label"] == "Chưa thực hiện; đã báo cáo hoàn thành, chờ xác nhận");
    CHECK(row(q3, "I.8")["report_number"] == "45/BC-TTTP");
    CHECK(row(q3, "I.8")["report_date"] == "2026-09-29");
    const auto ids = [](const json& c) {
        std::vector<std::string> out;
        for (const auto& t : c["tasks"]) out.push_back(t["id"]);
        return out;
    };
    CHECK(ids(category(q3, "done_on_time")) == std::vector<std::string>{"II.5.1"});
    CHECK(ids(category(q3, "done_late")).empty());
    CHECK(ids(category(q3, "due_soon")) == std::vector<std::string>{"II.1.1", "II.4.1"});
    CHECK(category(q3, "done_on_time")["percent"] == 7.7);
    CHECK(agency(q3, "Sở Tài chính")["on_time"] == 1);                  // II.5.1
    CHECK(agency(q3, "Sở Nông nghiệp và Môi trường")["on_time"] == 0);  // II.1.1, not yet

    // The year's report, running, has today's statuses.
    const json year = seed.period("2026");
    CHECK(row(year, "II.1.1")["status_label"] == "Đã hoàn thành ngày 20/09/2026");
    CHECK(row(year, "II.5.1")["status"] == "in_progress");
    CHECK(row(year, "I.7")["status"] == "waiting");
    CHECK(row(year, "II.4.1")["status_label"] == "Chưa thực hiện; đã báo cáo hoàn thành, chờ xác nhận");
    CHECK(row(year, "II.4.1")["report_number"] == "90/BC-SKHCN");
    CHECK(row(year, "I.8")["status_label"] == "Đã hoàn thành ngày 29/09/2026");
    CHECK(row(year, "I.8")["report_number"] == "45/BC-TTTP");
}

TEST_CASE("report --period: refusals with exact messages", "[period_report]") {
    SeedDb seed;
    const std::string today = format_iso_date(nhacviec::cli::today());
    struct Case {
        std::vector<std::string> args;
        int status;
        std::string err;
    };
    const Case cases[] = {
        // a month
        {{"report", "--period", "2026-07"}, 2,
         "nhacviec: --period: expected a quarter (2026-Q4), a half year (2026-H2) or a year (2026), not \"2026-07\"\n"},
        // before the plan
        {{"report", "--period", "2025-Q4"}, 2, "nhacviec: --period: 2025-Q4 ended before the plan was issued (2026-03-20)\n"},
        // not begun
        {{"report", "--period", "2099"}, 2, "nhacviec: --period: 2099 has not begun yet (today is " + today + ")\n"},
        // an unknown format
        {{"report", "--period", "2026-Q3", "--format", "pdf"}, 2,
         "nhacviec: --format: expected json, docx or xlsx, not \"pdf\"\n"},
        // a binary format needs a file
        {{"report", "--period", "2026-Q3", "--format", "docx"}, 2,
         "nhacviec: --format docx writes a file: give --output FILE (e.g. --output bao-cao-2026-Q3.docx)\n"},
        {{"report", "--period", "2026-Q3", "--format", "xlsx"}, 2,
         "nhacviec: --format xlsx writes a file: give --output FILE (e.g. --output bao-cao-2026-Q3.xlsx)\n"},
        // --as-of and --json belong to the status report
        {{"report", "--period", "2026-Q3", "--as-of", "2026-09-30"}, 2,
         "nhacviec: --period goes with --format, not with --as-of or --json (a period's report is as of its last "
         "day)\n"},
        {{"report", "--format", "json"}, 2, "nhacviec: --format and --output need --period\n"},
    };
    for (const Case& c : cases) {
        INFO(c.args[2]);
        auto r = seed.cli(c.args);
        CHECK(r.status == c.status);
        if (!c.err.empty()) CHECK(r.err == c.err);
        CHECK(r.out.empty());
    }
    for (const std::string format : {"json", "docx", "xlsx"}) {
        const std::string file = "/nonexistent/r." + format;
        auto missing = seed.cli({"report", "--period", "2026-Q3", "--format", format, "--output", file});
        CHECK(missing.status == 1);
        CHECK(missing.err == "nhacviec: " + file + ": No such file or directory\n");
    }
}

TEST_CASE("report --period: files are written whole, through a temporary name", "[period_report]") {
    SeedDb seed;
    const auto folder = seed.dir / "out";
    std::filesystem::create_directory(folder);
    const json printed = seed.period("2026-Q3");
    REQUIRE(seed.cli({"report", "--period", "2026-Q3", "--format", "json", "--output", (folder / "r.json").string()})
                .status == 0);
    CHECK(json::parse(read_file(folder / "r.json")) == printed);
    for (const std::string format : {"docx", "xlsx"}) {
        INFO(format);
        const auto file = folder / ("r." + format);
        write_file(file, "an older report");
        auto r = seed.cli({"report", "--period", "2026-Q3", "--format", format, "--output", file.string()});
        CHECK(r.status == 0);
        CHECK(r.out.empty());
        CHECK(read_file(file).substr(0, 4) == std::string("PK\x03\x04", 4));  // a zip container, replaced whole
    }
    // Nothing else is left in the folder.
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"r.docx", "r.json", "r.xlsx"});
}

TEST_CASE("[report]: the heading's and closing block's fields from the configuration", "[period_report]") {
    auto config = parse_config("[report]\nauthority = \"UBND tỉnh Quảng Ninh\"\nplace = \"  Hạ   Long \"\n", "c.toml");
    REQUIRE(config);
    CHECK(config->report.authority == "UBND tỉnh Quảng Ninh");
    CHECK(config->report.place == "Hạ Long");  // white space collapsed
    auto closing = parse_config("[report]\nnumber_symbol = \"BC-SNV\"\nsigner_title = \"KT. GIÁM ĐỐC\\n PHÓ  GIÁM ĐỐC\"\n"
                                "signer_name = \"Nguyễn  Văn A\"\nrecipients = [\"UBND thành phố\", \"Lưu: VT, VP\"]\n",
                                "c.toml");
    REQUIRE(closing);
    CHECK(closing->report.number_symbol == "BC-SNV");
    CHECK(closing->report.signer_title == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC");  // each line's white space collapsed
    CHECK(closing->report.signer_name == "Nguyễn Văn A");
    CHECK(closing->report.recipients == std::vector<std::string>{"UBND thành phố", "Lưu: VT, VP"});
    auto defaults = parse_config("", "c.toml");
    REQUIRE(defaults);
    CHECK(defaults->report.authority == "UBND thành phố Hải Phòng");
    CHECK(defaults->report.place == "Hải Phòng");
    CHECK(defaults->report.number_symbol == "BC-STC");
    CHECK(defaults->report.signer_title == "GIÁM ĐỐC");
    CHECK(defaults->report.signer_name == "");
    CHECK(defaults->report.recipients == std::vector<std::string>{"UBND thành phố (để báo cáo)", "Lưu: VT"});
    const std::string long_title(101, 'A');
    const std::string many = "[report]\nrecipients = [" + [] {
        std::string out;
        for (int i = 0; i < 21; ++i) out += std::string(i ? ", " : "") + "\"Sở " + std::to_string(i) + "\"";
        return out;
    }() + "]\n";
    const std::string long_recipient = "[report]\nrecipients = [\"Lưu: VT\", \"" + std::string(201, 'x') + "\"]\n";
    const std::string long_title_text = "[report]\nsigner_title = \"" + long_title + "\"\n";
    const std::pair<std::string, std::string> refused[] = {
        {"[report]\nauthority = \" \"\n", "c.toml:2:13: [report] authority: must not be empty"},   // blank
        {"[report]\nplace = 7\n", "c.toml:2:9: [report] place: expected a string"},                 // not text
        {"[report]\nsigner = \"x\"\n", "c.toml:2:1: [report] signer: unknown key"},                 // unknown
        {"[report]\nnumber_symbol = \"\"\n", "c.toml:2:17: [report] number_symbol: must not be empty"},  // blank
        // the number is the registry's: only the symbol after "/"
        {"[report]\nnumber_symbol = \"12/BC-STC\"\n",
         "c.toml:2:17: [report] number_symbol: is the symbol after the number's \"/\", such as \"BC-STC\", not "
         "\"12/BC-STC\""},
        {"[report]\nnumber_symbol = \"" + std::string(41, 'B') + "\"\n",
         "c.toml:2:17: [report] number_symbol: is longer than 40 characters"},  // too long
        {"[report]\nsigner_title = \"KT. GIÁM ĐỐC\\n\"\n",
         "c.toml:2:16: [report] signer_title: must not be empty, nor have an empty line"},  // an empty line
        {"[report]\nsigner_title = \"1\\n2\\n3\\n4\\n5\"\n",
         "c.toml:2:16: [report] signer_title: has more than 4 lines"},  // too many lines
        {long_title_text, "c.toml:2:16: [report] signer_title: has a line longer than 100 characters"},  // too long
        {"[report]\nsigner_name = \"" + std::string(101, 'N') + "\"\n",
         "c.toml:2:15: [report] signer_name: is longer than 100 characters"},  // too long
        {"[report]\nrecipients = \"Lưu: VT\"\n",
         "c.toml:2:14: [report] recipients: expected an array of strings"},  // a single string
        {"[report]\nrecipients = []\n", "c.toml:2:14: [report] recipients: must list at least one recipient"},  // none
        {"[report]\nrecipients = [\"Lưu: VT\", \" \"]\n", "c.toml:2:14: [report] recipients: entry 2 is empty"},
        {many, "c.toml:2:14: [report] recipients: lists more than 20 recipients"},                  // too many
        {long_recipient, "c.toml:2:14: [report] recipients: entry 2 is longer than 200 characters"},  // too long
    };
    for (const auto& [text, message] : refused) {
        INFO(text);
        auto r = parse_config(text, "c.toml");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == message);
    }
}

TEST_CASE("make_period_report: a monitor limited to some plans gets the report of those", "[period_report]") {
    SeedDb seed;
    auto workspace = app::open_workspace(app::GlobalOptions{std::nullopt, seed.db});
    REQUIRE(workspace);
    const ReportPeriod q3 = *parse_report_period("2026-Q3");
    const auto make = [&](const std::vector<std::string>& plans) {
        return app::make_period_report(*workspace->db, workspace->config, workspace->directory, workspace->calendar,
                                       workspace->state, q3, day("2026-12-06"), plans);
    };
    auto own = make({"90/KH-UBND"});
    REQUIRE(own);
    CHECK(own->total == 51);
    CHECK(own->plans.size() == 1);
    auto other = make({"12/KH-UBND"});  // a plan that is not there: nothing of 90/KH-UBND
    REQUIRE(other);
    CHECK(other->total == 0);
    CHECK(other->plans.empty());
    CHECK(other->agencies.empty());
    CHECK(to_json(*other)["categories"][0]["percent"] == 0.0);
}
